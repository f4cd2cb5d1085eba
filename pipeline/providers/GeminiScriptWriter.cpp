// SPDX-License-Identifier: GPL-3.0-or-later
#include "GeminiScriptWriter.h"

#include "LlmScriptDriver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace hh {

namespace {

// A thinking model sends nothing until it has finished, which can take minutes.
constexpr int kGenerateStallMs = 180000;
constexpr int kGenerateTotalMs = 300000;
// Room for the model's thinking as well as the script, which is ~1,500 tokens.
constexpr int kMaxOutputTokens = 16384;
// Output tokens one call is planned at for the spending check.
constexpr qint64 kPlannedOutputTokens = 4000;

Error missingKey() {
    return {ErrorType::Auth,
            QStringLiteral("Add your Gemini key in Settings → Providers (or set GEMINI_API_KEY)")};
}

// {base}/v1beta/models/{model}{suffix}; a model given as "models/x" is x.
QUrl modelUrl(const ProviderConfig& config, const QString& suffix) {
    QString model = config.geminiModel.trimmed();
    if (model.startsWith(QLatin1String("models/")))
        model = model.mid(7);
    QUrl url = config.geminiBase;
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/v1beta/models/") + model + suffix);
    return url;
}

HttpRequest keyedRequest(const ProviderSession& session, const QString& key,
                         const QString& suffix) {
    HttpRequest request;
    request.url = modelUrl(session.config(), suffix);
    request.setHeader("x-goog-api-key", key.toUtf8());
    return request;
}

// Finish reasons that mean Gemini's content rules stopped the answer.
bool isContentStop(const QString& reason) {
    static const QStringList reasons{QStringLiteral("SAFETY"),
                                     QStringLiteral("RECITATION"),
                                     QStringLiteral("BLOCKLIST"),
                                     QStringLiteral("PROHIBITED_CONTENT"),
                                     QStringLiteral("SPII"),
                                     QStringLiteral("IMAGE_SAFETY"),
                                     QStringLiteral("IMAGE_PROHIBITED_CONTENT")};
    return reasons.contains(reason);
}

} // namespace

Result<LlmAnswer> readGeminiScriptReply(const QByteArray& body, UsageDelta* usage) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        Error e =
            ApiFailure::parse(QStringLiteral("Gemini"), QStringLiteral("the reply is not JSON"))
                .error;
        e.message += QStringLiteral("; try again later");
        return e;
    }
    const QJsonObject root = doc.object();
    if (usage) {
        const QJsonObject counts = root.value(QLatin1String("usageMetadata")).toObject();
        usage->provider = ProviderId::Gemini;
        usage->tokensIn = reportedTokens(counts.value(QLatin1String("promptTokenCount")));
        // Thinking is billed as output.
        usage->tokensOut = reportedTokens(counts.value(QLatin1String("candidatesTokenCount"))) +
                           reportedTokens(counts.value(QLatin1String("thoughtsTokenCount")));
    }
    const QJsonObject feedback = root.value(QLatin1String("promptFeedback")).toObject();
    const QString blockReason = feedback.value(QLatin1String("blockReason")).toString();
    if (!blockReason.isEmpty()) {
        const QString said = feedback.value(QLatin1String("blockReasonMessage")).toString();
        return Error{
            ErrorType::ContentBlocked,
            QStringLiteral("Gemini refused to write about this paper: its content "
                           "rules blocked the request (%1%2). Use the built-in "
                           "script writer for this paper")
                .arg(blockReason, said.isEmpty() ? QString() : QStringLiteral(": ") + said)};
    }
    const QJsonArray candidates = root.value(QLatin1String("candidates")).toArray();
    if (candidates.isEmpty())
        return Error{ErrorType::Provider,
                     QStringLiteral("Gemini answered without a script (no candidates); try "
                                    "again later")};
    const QJsonObject candidate = candidates.first().toObject();
    const QString finish = candidate.value(QLatin1String("finishReason")).toString();
    if (isContentStop(finish))
        return Error{ErrorType::ContentBlocked,
                     QStringLiteral("Gemini stopped writing the script because of its content "
                                    "rules (%1). Try again, or use the built-in script writer "
                                    "for this paper")
                         .arg(finish)};
    LlmAnswer answer;
    // Thought summaries are not the answer.
    const QJsonArray parts = candidate.value(QLatin1String("content"))
                                 .toObject()
                                 .value(QLatin1String("parts"))
                                 .toArray();
    for (const auto& value : parts) {
        const QJsonObject part = value.toObject();
        if (!part.value(QLatin1String("thought")).toBool())
            answer.text += part.value(QLatin1String("text")).toString();
    }
    answer.truncated = finish == QLatin1String("MAX_TOKENS");
    if (answer.text.trimmed().isEmpty() && !answer.truncated)
        return Error{ErrorType::Provider,
                     QStringLiteral("Gemini stopped without writing a script (finish reason "
                                    "%1); try again later")
                         .arg(finish.isEmpty() ? QStringLiteral("none") : finish)};
    return answer;
}

namespace {

class GeminiChat final : public LlmChat {
public:
    GeminiChat(ProviderSession& session, QString key)
        : m_session(session)
        , m_key(std::move(key)) {}

    QString name() const override { return QStringLiteral("Gemini"); }

    Result<LlmAnswer> ask(const LlmScriptRequest& request, const QList<LlmTurn>& conversation,
                          const std::atomic_bool* cancel) override {
        QJsonArray contents;
        for (const auto& turn : conversation)
            contents.append(
                QJsonObject{{QStringLiteral("role"), turn.role == LlmTurn::Role::User
                                                         ? QStringLiteral("user")
                                                         : QStringLiteral("model")},
                            {QStringLiteral("parts"),
                             QJsonArray{QJsonObject{{QStringLiteral("text"), turn.text}}}}});
        const QJsonObject body{
            {QStringLiteral("systemInstruction"),
             QJsonObject{
                 {QStringLiteral("parts"),
                  QJsonArray{QJsonObject{{QStringLiteral("text"), request.systemInstruction()}}}}}},
            {QStringLiteral("contents"), contents},
            {QStringLiteral("generationConfig"),
             QJsonObject{{QStringLiteral("responseMimeType"), QStringLiteral("application/json")},
                         {QStringLiteral("responseSchema"), request.geminiSchema()},
                         {QStringLiteral("temperature"), 0.4},
                         {QStringLiteral("maxOutputTokens"), kMaxOutputTokens}}}};
        HttpRequest http = keyedRequest(m_session, m_key, QStringLiteral(":generateContent"));
        http.setJsonBody(QJsonDocument(body).toJson(QJsonDocument::Compact));
        http.stallTimeoutMs = kGenerateStallMs;
        http.totalTimeoutMs = kGenerateTotalMs;
        RetryingCaller caller = m_session.caller(ProviderId::Gemini, interpretGeminiError);
        const CallOutcome outcome = caller.call(http, cancel);
        if (!outcome.ok())
            return outcome.failure.error.type == ErrorType::NotFound
                       ? geminiUnknownModel(m_session.config())
                       : withoutSecret(outcome.failure.error, m_key);
        UsageDelta usage;
        auto answer = readGeminiScriptReply(outcome.response.body, &usage);
        if (usage.tokensIn > 0 || usage.tokensOut > 0)
            m_session.record(usage);
        return answer;
    }

private:
    ProviderSession& m_session;
    QString m_key;
};

} // namespace

GeminiScriptWriter::GeminiScriptWriter(ProviderSession& session)
    : m_session(session) {}

Result<Script> GeminiScriptWriter::write(const Paper& paper, const ScriptParams& params,
                                         const StepControl& control) {
    const QString key = m_session.secret(ProviderId::Gemini);
    if (key.isEmpty())
        return missingKey();
    const LlmScriptRequest request(paper, params);
    if (UsageSink* usage = m_session.usage()) {
        UsageDelta planned;
        planned.provider = ProviderId::Gemini;
        planned.tokensIn = request.estimatedPromptTokens();
        planned.tokensOut = kPlannedOutputTokens;
        if (Error e =
                usage->checkBudget(ProviderId::Gemini, m_session.hub().pricing().costUsd(planned));
            e.isError())
            return e;
    }
    const LlmScriptParser parser(paper, params);
    GeminiChat chat(m_session, key);
    return LlmScriptDriver(chat).write(request, parser, control);
}

Error geminiUnknownModel(const ProviderConfig& config) {
    return {ErrorType::NotFound,
            QStringLiteral("Gemini has no model \"%1\"; set HH_GEMINI_MODEL to a current model "
                           "such as gemini-2.5-flash")
                .arg(config.geminiModel)};
}

} // namespace hh
