// SPDX-License-Identifier: GPL-3.0-or-later
#include "LlmScriptDriver.h"

namespace hh {

namespace {

// One answer read and checked.
struct Attempt {
    LlmAnswer answer;
    Result<Script> script = Result<Script>::failure(ErrorType::Provider, QString());
    QList<ScriptIssue> problems;

    bool usable() const { return script.ok(); }
    // What to tell the model about this answer.
    QStringList problemLines() const {
        if (!script.ok() && answer.truncated)
            return {QStringLiteral("your answer was cut off at the output limit before the JSON "
                                   "was complete; write shorter narration and visual prompts")};
        if (!script.ok())
            return {script.error().message};
        QStringList lines;
        for (const auto& problem : problems)
            lines << problem.message;
        return lines;
    }
};

Attempt check(const LlmAnswer& answer, const LlmScriptParser& parser) {
    Attempt attempt;
    attempt.answer = answer;
    attempt.script = parser.parse(answer.text);
    if (attempt.script.ok())
        attempt.problems = parser.problems(attempt.script.value());
    return attempt;
}

Error cancelled() {
    return {ErrorType::Cancelled, QStringLiteral("cancelled")};
}

} // namespace

Error withoutSecret(Error error, const QString& secret) {
    if (!secret.isEmpty())
        error.message.replace(secret, QStringLiteral("[key]"));
    return error;
}

LlmScriptDriver::LlmScriptDriver(LlmChat& chat)
    : m_chat(chat) {}

Result<Script> LlmScriptDriver::write(const LlmScriptRequest& request,
                                      const LlmScriptParser& parser, const StepControl& control) {
    if (control.cancelled())
        return cancelled();
    control.report(0.05, QStringLiteral("asking %1 for a script").arg(m_chat.name()));
    QList<LlmTurn> conversation{{LlmTurn::Role::User, request.userPrompt()}};
    const Result<LlmAnswer> firstAnswer = m_chat.ask(request, conversation, control.cancel);
    if (!firstAnswer)
        return firstAnswer.error();
    const Attempt first = check(firstAnswer.value(), parser);
    if (first.usable() && first.problems.isEmpty()) {
        control.report(1.0, QStringLiteral("script checked"));
        return first.script;
    }

    if (control.cancelled())
        return cancelled();
    const QStringList lines = first.problemLines();
    control.report(0.5, QStringLiteral("asking %1 to fix %2 problem(s) in the script")
                            .arg(m_chat.name())
                            .arg(lines.size()));
    const QString correction = LlmScriptRequest::correctionPrompt(lines);
    if (first.answer.text.trimmed().isEmpty()) {
        // An empty model turn is refused by some services: say it all in one user turn.
        conversation.first().text += QStringLiteral("\n\n") + correction;
    } else {
        conversation.append({LlmTurn::Role::Model, first.answer.text});
        conversation.append({LlmTurn::Role::User, correction});
    }
    const Result<LlmAnswer> secondAnswer = m_chat.ask(request, conversation, control.cancel);
    if (!secondAnswer)
        return secondAnswer.error();
    const Attempt second = check(secondAnswer.value(), parser);

    // Of two readable scripts, keep the one with fewer problems (the correction on a tie).
    const Attempt* best = nullptr;
    if (second.usable())
        best = &second;
    if (first.usable() && (!best || first.problems.size() < best->problems.size()))
        best = &first;
    if (!best) {
        if (first.answer.truncated && second.answer.truncated)
            return Error{ErrorType::Provider,
                         QStringLiteral("%1's answer was cut off at its output limit twice, so "
                                        "there is no complete script; try again, choose a "
                                        "shorter video or use the built-in script writer")
                             .arg(m_chat.name())};
        return Error{ErrorType::Provider,
                     QStringLiteral("%1 did not send a usable script, even when asked again (%2); "
                                    "try again or use the built-in script writer")
                         .arg(m_chat.name(), second.problemLines().join(QStringLiteral("; ")))};
    }
    Script script = best->script.value();
    parser.flag(script, best->problems);
    control.report(1.0, best->problems.isEmpty()
                            ? QStringLiteral("script checked")
                            : QStringLiteral("script needs review: %1 problem(s) flagged")
                                  .arg(best->problems.size()));
    return script;
}

} // namespace hh
