// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeyCheck.h"

#include "GeminiScriptWriter.h"
#include "GeminiVoice.h"
#include "LlmScriptDriver.h"
#include "OpenAiScriptWriter.h"
#include "OpenAiSpeechVoice.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace hh {

namespace {

QUrl withPath(const QUrl& base, const QString& path) {
    QUrl url = base;
    QString basePath = url.path();
    if (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + path);
    return url;
}

// {base}/v1beta/models/{model}; a model given as "models/x" is x.
QUrl geminiModelUrl(const ProviderConfig& config, GeminiModelUse use) {
    QString model =
        (use == GeminiModelUse::Voice ? config.geminiTtsModel : config.geminiModel).trimmed();
    if (model.startsWith(QLatin1String("models/")))
        model = model.mid(7);
    return withPath(config.geminiBase, QStringLiteral("/v1beta/models/") + model);
}

// What a refused check tells the user: the provider's own words, with what to
// change where the fix is on the user's side, and never the key.
Error explainedFailure(ProviderId provider, const CallOutcome& outcome,
                       const ProviderConfig& config, const QString& key,
                       GeminiModelUse geminiModel) {
    const ApiFailure& failure = outcome.failure;
    switch (provider) {
    case ProviderId::Gemini:
        if (failure.httpStatus == 404)
            return geminiModel == GeminiModelUse::Voice ? geminiUnknownTtsModel(config)
                                                        : geminiUnknownModel(config);
        break;
    case ProviderId::Ncbi:
        // NCBI answers a bad api_key with 400 and a JSON error: that is the key, not the request.
        if (failure.httpStatus == 400 && outcome.response.body.contains("API key"))
            return {ErrorType::Auth, QStringLiteral("NCBI does not accept this API key")};
        break;
    case ProviderId::OpenAi:
        return explainLlmServerFailure(outcome, config, key);
    case ProviderId::Runway:
    case ProviderId::Speech:
        break;
    }
    return withoutSecret(failure.error, key);
}

// The local server's model list must hold the configured model; Ollama lists
// "llama3.1:latest" for a model asked for as "llama3.1".
KeyCheckResult checkModelList(const ProviderConfig& config, const QJsonObject& json) {
    const QString wanted = config.openAiModel;
    QStringList offered;
    bool found = false;
    for (const auto& entry : json.value(QLatin1String("data")).toArray()) {
        const QString id = entry.toObject().value(QLatin1String("id")).toString();
        found |= id == wanted || id.startsWith(wanted + QLatin1Char(':'));
        offered << id;
    }
    KeyCheckResult result;
    // A server that lists nothing (some proxies) cannot be held to a list.
    if (!found && !offered.isEmpty())
        result.error = llmServerLacksModel(config, offered);
    else
        result.detail = QStringLiteral("%1 model(s) available").arg(offered.size());
    return result;
}

// A speech server has no key to check as such: its voice list (where it has
// one) shows that it answers and accepts the key, if one is set.
KeyCheckResult checkSpeechServer(ProviderSession& session, const QString& key) {
    KeyCheckResult result;
    const Result<QStringList> voices = OpenAiSpeechVoice::listVoices(session, key);
    if (!voices)
        result.error = withoutSecret(voices.error(), key);
    else if (voices->isEmpty())
        result.detail = QStringLiteral("the server answers; it lists no voices, so type the name");
    else
        result.detail = QStringLiteral("%1 voice(s): %2")
                            .arg(voices->size())
                            .arg(voices->mid(0, 12).join(QStringLiteral(", ")));
    return result;
}

QUrl ncbiEinfo(const ProviderConfig& config) {
    QUrl url = config.ncbiBase.isEmpty() ? QUrl(QStringLiteral("https://eutils.ncbi.nlm.nih.gov"))
                                         : config.ncbiBase;
    url.setPath(QStringLiteral("/entrez/eutils/einfo.fcgi"));
    return url;
}

} // namespace

KeyCheckResult checkProviderKey(ProviderSession& session, ProviderId provider, const QString& key,
                                GeminiModelUse geminiModel) {
    KeyCheckResult result;
    if (provider == ProviderId::Speech)
        return checkSpeechServer(session, key);
    if (key.trimmed().isEmpty() && provider != ProviderId::OpenAi) {
        result.error = {ErrorType::Auth, QStringLiteral("enter a key first")};
        return result;
    }
    const ProviderConfig& config = session.config();
    HttpRequest request;
    request.stallTimeoutMs = 15000;
    request.totalTimeoutMs = 30000;
    ErrorInterpreter interpreter;
    switch (provider) {
    case ProviderId::Gemini:
        request.url = geminiModelUrl(config, geminiModel);
        request.setHeader("x-goog-api-key", key.toUtf8());
        interpreter = interpretGeminiError;
        break;
    case ProviderId::Runway:
        request.url = withPath(config.runwayBase, QStringLiteral("/v1/organization"));
        request.setHeader("Authorization", "Bearer " + key.toUtf8());
        request.setHeader("X-Runway-Version", config.runwayVersion.toUtf8());
        interpreter = interpretRunwayError;
        break;
    case ProviderId::Ncbi: {
        request.url = ncbiEinfo(config);
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("db"), QStringLiteral("pubmed"));
        query.addQueryItem(QStringLiteral("retmode"), QStringLiteral("json"));
        query.addQueryItem(QStringLiteral("tool"), config.ncbiTool);
        query.addQueryItem(QStringLiteral("api_key"), key);
        request.url.setQuery(query);
        break;
    }
    case ProviderId::OpenAi:
        request.url = withPath(config.openAiBase, QStringLiteral("/models"));
        if (!key.trimmed().isEmpty())
            request.setHeader("Authorization", "Bearer " + key.toUtf8());
        interpreter = interpretLlmServerError;
        break;
    case ProviderId::Speech:
        break; // checked above
    }
    RetryingCaller caller = session.caller(provider, interpreter);
    const CallOutcome outcome = caller.call(request, nullptr);
    if (!outcome.ok()) {
        result.error = explainedFailure(provider, outcome, config, key, geminiModel);
        return result;
    }
    const QJsonObject json = QJsonDocument::fromJson(outcome.response.body).object();
    switch (provider) {
    case ProviderId::Gemini:
        result.detail = QStringLiteral("model %1 is available")
                            .arg(geminiModel == GeminiModelUse::Voice ? config.geminiTtsModel
                                                                      : config.geminiModel);
        break;
    case ProviderId::Runway:
        result.detail = QStringLiteral("credit balance: %1")
                            .arg(json.value(QLatin1String("creditBalance")).toDouble());
        break;
    case ProviderId::Ncbi:
        result.detail = QStringLiteral("NCBI accepted the key (10 requests a second)");
        break;
    case ProviderId::OpenAi:
        result = checkModelList(config, json);
        break;
    case ProviderId::Speech:
        break;
    }
    return result;
}

} // namespace hh
