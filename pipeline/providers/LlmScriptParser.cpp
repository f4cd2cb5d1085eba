// SPDX-License-Identifier: GPL-3.0-or-later
#include "LlmScriptParser.h"

#include "script/SpeechText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace hh {

namespace {

// Local models wrap JSON in ```json fences or chat around it, and reasoning models
// put a <think>…</think> block first: keep the outermost object.
QString jsonPart(const QString& answer) {
    static const QRegularExpression thinking(QStringLiteral("<think>.*?</think>"),
                                             QRegularExpression::DotMatchesEverythingOption);
    QString text = answer;
    text.remove(thinking);
    const qsizetype open = text.indexOf(QLatin1Char('{'));
    const qsizetype close = text.lastIndexOf(QLatin1Char('}'));
    if (open < 0 || close < open)
        return text.trimmed();
    return text.mid(open, close - open + 1);
}

// "[abs0.s1]" as copied from the prompt's list is still abs0.s1.
QString bareId(const QString& id) {
    QString out = id.trimmed();
    if (out.startsWith(QLatin1Char('[')) && out.endsWith(QLatin1Char(']')))
        out = out.mid(1, out.size() - 2).trimmed();
    return out;
}

QString languageOr(const QString& code, const QString& fallback) {
    static const QRegularExpression bcp47(
        QRegularExpression::anchoredPattern(QStringLiteral("[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")));
    return bcp47.match(code).hasMatch() ? code : fallback;
}

Result<Script> failure(const QStringList& problems) {
    return Result<Script>::failure(ErrorType::Provider, problems.join(QStringLiteral("; ")));
}

} // namespace

LlmScriptParser::LlmScriptParser(const Paper& paper, const ScriptParams& params)
    : m_paper(paper)
    , m_params(params) {
    for (const auto& sentence : paper.sentences())
        m_sentenceIds.insert(sentence.id);
    for (const auto& figure : paper.figures) {
        if (!figure.imageData.isEmpty() || !figure.image.isEmpty())
            m_figureIds.insert(figure.id);
    }
}

int LlmScriptParser::minWords() const {
    const int target = std::max(20, m_params.targetSeconds * m_params.wordsPerMinute / 60);
    return qRound(target * 0.75);
}

int LlmScriptParser::maxWords() const {
    const int target = std::max(20, m_params.targetSeconds * m_params.wordsPerMinute / 60);
    return qRound(target * 1.25);
}

Result<Script> LlmScriptParser::parse(const QString& answer) const {
    if (answer.trimmed().isEmpty())
        return failure({QStringLiteral("the answer is empty; send the script as a JSON object")});
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(jsonPart(answer).toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        return failure({QStringLiteral("the answer is not valid JSON (%1 at character %2)")
                            .arg(error.errorString())
                            .arg(error.offset)});
    if (!doc.isObject())
        return failure({QStringLiteral("the answer is not a JSON object with a \"scenes\" list")});
    const QJsonObject root = doc.object();
    const QJsonValue scenesValue = root.value(QLatin1String("scenes"));
    if (!scenesValue.isArray() || scenesValue.toArray().isEmpty())
        return failure(
            {QStringLiteral("the answer has no \"scenes\" list with at least one scene")});

    Script script;
    script.title = m_paper.title;
    script.targetSeconds = m_params.targetSeconds;
    script.language =
        languageOr(root.value(QLatin1String("language")).toString().trimmed(), script.language);
    QStringList problems;
    const QJsonArray scenes = scenesValue.toArray();
    for (int i = 0; i < scenes.size(); ++i) {
        if (!scenes.at(i).isObject()) {
            problems << QStringLiteral("scene %1 is not a JSON object").arg(i + 1);
            continue;
        }
        const QJsonObject object = scenes.at(i).toObject();
        Scene scene;
        static const QStringList kinds{QStringLiteral("hook"), QStringLiteral("point"),
                                       QStringLiteral("figure"), QStringLiteral("closing")};
        scene.kind = object.value(QLatin1String("kind")).toString().trimmed().toLower();
        if (!kinds.contains(scene.kind))
            scene.kind = i == 0 ? QStringLiteral("hook") : QStringLiteral("point");
        scene.narration = cleanForSpeech(object.value(QLatin1String("narration")).toString());
        if (scene.narration.isEmpty())
            problems << QStringLiteral("scene %1 has no narration").arg(i + 1);
        scene.headline = object.value(QLatin1String("headline")).toString().simplified();
        const QJsonValue ids = object.value(QLatin1String("source_ids"));
        if (!ids.isArray() && !ids.isUndefined() && !ids.isNull())
            problems
                << QStringLiteral("scene %1: source_ids must be a list of sentence IDs").arg(i + 1);
        for (const auto& id : ids.toArray()) {
            const QString bare = bareId(id.toString());
            if (!bare.isEmpty() && !scene.sources.contains(bare))
                scene.sources << bare;
        }
        scene.figure = bareId(object.value(QLatin1String("figure_id")).toString());
        scene.visualPrompt = object.value(QLatin1String("visual_prompt")).toString().simplified();
        script.scenes.append(scene);
    }
    if (!problems.isEmpty())
        return failure(problems);
    return script;
}

QList<ScriptIssue> LlmScriptParser::problems(const Script& script) const {
    QList<ScriptIssue> out = validateScript(script, m_paper);
    for (int i = 0; i < script.scenes.size(); ++i) {
        const QString& figure = script.scenes[i].figure;
        if (!figure.isEmpty() && !m_figureIds.contains(figure))
            out.append({i, QStringLiteral("scene %1 shows figure %2, which the paper does not "
                                          "have (use a listed figure_id or \"\")")
                               .arg(i + 1)
                               .arg(figure)});
    }
    const int words = script.wordCount();
    if (words < minWords() || words > maxWords())
        out.append({-1, QStringLiteral("the script has %1 words; a %2-second video needs %3 to %4 "
                                       "(about %5)")
                            .arg(words)
                            .arg(m_params.targetSeconds)
                            .arg(minWords())
                            .arg(maxWords())
                            .arg(m_params.targetSeconds * m_params.wordsPerMinute / 60)});
    return out;
}

void LlmScriptParser::flag(Script& script, const QList<ScriptIssue>& problems) const {
    for (const auto& problem : problems) {
        QStringList& list = problem.scene >= 0 && problem.scene < script.scenes.size()
                                ? script.scenes[problem.scene].issues
                                : script.issues;
        if (!list.contains(problem.message))
            list << problem.message;
    }
    for (auto& scene : script.scenes) {
        scene.sources.erase(
            std::remove_if(scene.sources.begin(), scene.sources.end(),
                           [this](const QString& id) { return !m_sentenceIds.contains(id); }),
            scene.sources.end());
        if (!m_figureIds.contains(scene.figure))
            scene.figure.clear();
    }
}

} // namespace hh
