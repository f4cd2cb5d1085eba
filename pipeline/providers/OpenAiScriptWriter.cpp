// SPDX-License-Identifier: GPL-3.0-or-later
#include "OpenAiScriptWriter.h"

#include "LlmScriptDriver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace hh {

namespace {

// Ollama's default context is 4,096 tokens: ~1,500 tokens of sentences leave room
// for the instructions (~900) and an answer of 5–8 scenes (~1,000).
constexpr int kLocalSentenceChars = 6000;
// A local model on a laptop CPU can take minutes before its first byte.
constexpr int kGenerateStallMs = 300000;
constexpr int kGenerateTotalMs = 600000;

QString serverName() {
    return providerDisplayName(ProviderId::OpenAi);
}

// The base as a user wrote it, minus anything secret a URL can carry.
QString shownBase(const ProviderConfig& config) {
    return config.openAiBase.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery |
                                             QUrl::StripTrailingSlash);
}

QUrl endpoint(const ProviderConfig& config, const QString& path) {
    QUrl url = config.openAiBase;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + path);
    return url;
}

HttpRequest serverRequest(const ProviderSession& session, const QString& path) {
    HttpRequest request;
    request.url = endpoint(session.config(), path);
    // Local servers need no key; a hosted one (or a proxy in front) may.
    const QString key = session.secret(ProviderId::OpenAi);
    if (!key.isEmpty())
        request.setHeader("Authorization", "Bearer " + key.toUtf8());
    return request;
}

} // namespace

// OpenAI's {"error": {"message", "type", "code"}}, Ollama's {"error": "…"} and
// llama.cpp's {"error": {"code": 400, "message": …}} bodies.
ApiFailure interpretLlmServerError(const HttpResponse& response) {
    ApiFailure failure = httpStatusFailure(serverName(), response);
    const QJsonDocument doc = QJsonDocument::fromJson(response.body);
    const QJsonObject root = doc.object();
    const QJsonValue error = root.value(QLatin1String("error"));
    QString message;
    if (error.isObject()) {
        const QJsonObject object = error.toObject();
        message = object.value(QLatin1String("message")).toString();
        const QJsonValue code = object.value(QLatin1String("code"));
        failure.providerCode =
            code.isString() ? code.toString() : object.value(QLatin1String("type")).toString();
    } else if (error.isString()) {
        message = error.toString();
    } else if (root.value(QLatin1String("message")).isString()) {
        message = root.value(QLatin1String("message")).toString();
    } else if (!doc.isObject() && !response.body.isEmpty()) {
        message = QString::fromUtf8(response.body).simplified().left(300);
    }
    if (!message.isEmpty()) {
        failure.kind = ApiFailure::Kind::Api;
        failure.providerMessage = message.simplified().left(500);
        failure.error.message += QStringLiteral(": ") + failure.providerMessage;
    }
    if (failure.error.type == ErrorType::Auth)
        failure.error.message += QStringLiteral(" (or set OPENAI_API_KEY)");
    return failure;
}

// Adds where to look to the failures a user can fix on their side.
Error explainLlmServerFailure(const CallOutcome& outcome, const ProviderConfig& config,
                              const QString& key) {
    const ApiFailure& failure = outcome.failure;
    if (failure.kind == ApiFailure::Kind::Transport &&
        outcome.response.failure == TransportFailure::Connect)
        return {ErrorType::Network,
                QStringLiteral("cannot reach the LLM server at %1 (%2); start it (Ollama, "
                               "llama.cpp server or LM Studio) or set HH_OPENAI_BASE_URL")
                    .arg(shownBase(config), outcome.response.failureText)};
    if (failure.error.type == ErrorType::NotFound)
        return {ErrorType::NotFound,
                QStringLiteral("the LLM server at %1 has no model \"%2\"%3; load or pull it (for "
                               "Ollama: ollama pull %2) or set HH_OPENAI_MODEL, and check that "
                               "HH_OPENAI_BASE_URL ends in /v1")
                    .arg(shownBase(config), config.openAiModel,
                         failure.providerMessage.isEmpty()
                             ? QString()
                             : QStringLiteral(" (%1)").arg(failure.providerMessage))};
    return withoutSecret(failure.error, key);
}

Error llmServerLacksModel(const ProviderConfig& config, const QStringList& offered) {
    return {ErrorType::NotFound,
            QStringLiteral("the LLM server at %1 has no model \"%2\"; it offers %3. Set "
                           "HH_OPENAI_MODEL to one of them, or load or pull \"%2\"")
                .arg(shownBase(config), config.openAiModel,
                     offered.mid(0, 8).join(QStringLiteral(", ")))};
}

Result<LlmAnswer> readOpenAiScriptReply(const QByteArray& body, UsageDelta* usage) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        Error e = ApiFailure::parse(serverName(), QStringLiteral("the reply is not JSON")).error;
        e.message += QStringLiteral("; check that HH_OPENAI_BASE_URL points at an "
                                    "OpenAI-compatible server (ending in /v1)");
        return e;
    }
    const QJsonObject root = doc.object();
    if (usage) {
        const QJsonObject counts = root.value(QLatin1String("usage")).toObject();
        usage->provider = ProviderId::OpenAi;
        usage->tokensIn = reportedTokens(counts.value(QLatin1String("prompt_tokens")));
        usage->tokensOut = reportedTokens(counts.value(QLatin1String("completion_tokens")));
    }

    const QJsonArray choices = root.value(QLatin1String("choices")).toArray();
    if (choices.isEmpty())
        return Error{ErrorType::Provider,
                     QStringLiteral("the LLM server answered without a script (no choices); "
                                    "try again")};
    const QJsonObject choice = choices.first().toObject();
    const QJsonObject message = choice.value(QLatin1String("message")).toObject();
    const QString finish = choice.value(QLatin1String("finish_reason")).toString();
    const QString refusal = message.value(QLatin1String("refusal")).toString();
    if (!refusal.isEmpty() || finish == QLatin1String("content_filter"))
        return Error{ErrorType::ContentBlocked,
                     QStringLiteral("the LLM refused to write a script for this paper%1. Use "
                                    "the built-in script writer for this paper")
                         .arg(refusal.isEmpty() ? QStringLiteral(" (content filter)")
                                                : QStringLiteral(": ") + refusal.left(300))};
    LlmAnswer answer;
    const QJsonValue content = message.value(QLatin1String("content"));
    if (content.isArray()) {
        for (const auto& part : content.toArray())
            answer.text += part.toObject().value(QLatin1String("text")).toString();
    } else {
        answer.text = content.toString();
    }
    answer.truncated = finish == QLatin1String("length");
    return answer;
}

namespace {

class OpenAiChat final : public LlmChat {
public:
    explicit OpenAiChat(ProviderSession& session)
        : m_session(session) {}

    QString name() const override {
        return QStringLiteral("the model %1").arg(m_session.config().openAiModel);
    }

    Result<LlmAnswer> ask(const LlmScriptRequest& request, const QList<LlmTurn>& conversation,
                          const std::atomic_bool* cancel) override {
        QJsonArray messages{QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                                        {QStringLiteral("content"), request.systemInstruction()}}};
        for (const auto& turn : conversation)
            messages.append(QJsonObject{{QStringLiteral("role"), turn.role == LlmTurn::Role::User
                                                                     ? QStringLiteral("user")
                                                                     : QStringLiteral("assistant")},
                                        {QStringLiteral("content"), turn.text}});
        const QJsonObject body{
            {QStringLiteral("model"), m_session.config().openAiModel},
            {QStringLiteral("messages"), messages},
            {QStringLiteral("response_format"),
             QJsonObject{{QStringLiteral("type"), QStringLiteral("json_schema")},
                         {QStringLiteral("json_schema"),
                          QJsonObject{{QStringLiteral("name"), LlmScriptRequest::schemaName()},
                                      {QStringLiteral("schema"), request.jsonSchema()},
                                      {QStringLiteral("strict"), true}}}}},
            {QStringLiteral("temperature"), 0.4},
            {QStringLiteral("stream"), false}};
        HttpRequest http = serverRequest(m_session, QStringLiteral("/chat/completions"));
        http.setJsonBody(QJsonDocument(body).toJson(QJsonDocument::Compact));
        http.stallTimeoutMs = kGenerateStallMs;
        http.totalTimeoutMs = kGenerateTotalMs;
        RetryingCaller caller = m_session.caller(ProviderId::OpenAi, interpretLlmServerError);
        const CallOutcome outcome = caller.call(http, cancel);
        if (!outcome.ok())
            return explainLlmServerFailure(outcome, m_session.config(),
                                           m_session.secret(ProviderId::OpenAi));
        UsageDelta usage;
        auto answer = readOpenAiScriptReply(outcome.response.body, &usage);
        if (usage.tokensIn > 0 || usage.tokensOut > 0)
            m_session.record(usage);
        return answer;
    }

private:
    ProviderSession& m_session;
};

} // namespace

OpenAiScriptWriter::OpenAiScriptWriter(ProviderSession& session)
    : m_session(session) {}

Result<Script> OpenAiScriptWriter::write(const Paper& paper, const ScriptParams& params,
                                         const StepControl& control) {
    const LlmScriptRequest request(paper, params, kLocalSentenceChars);
    const LlmScriptParser parser(paper, params);
    OpenAiChat chat(m_session);
    return LlmScriptDriver(chat).write(request, parser, control);
}

} // namespace hh
