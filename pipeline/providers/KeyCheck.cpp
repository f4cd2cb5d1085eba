// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeyCheck.h"

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

QUrl ncbiEinfo(const ProviderConfig& config) {
    QUrl url = config.ncbiBase.isEmpty() ? QUrl(QStringLiteral("https://eutils.ncbi.nlm.nih.gov"))
                                         : config.ncbiBase;
    url.setPath(QStringLiteral("/entrez/eutils/einfo.fcgi"));
    return url;
}

} // namespace

KeyCheckResult checkProviderKey(ProviderSession& session, ProviderId provider, const QString& key) {
    KeyCheckResult result;
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
        request.url = withPath(config.geminiBase,
                               QStringLiteral("/v1beta/models/%1").arg(config.geminiModel));
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
        break;
    }
    RetryingCaller caller = session.caller(provider, interpreter);
    const CallOutcome outcome = caller.call(request, nullptr);
    if (!outcome.ok()) {
        result.error = outcome.failure.error;
        // NCBI answers a bad api_key with 400 and a JSON error: that is the key, not the request.
        if (provider == ProviderId::Ncbi && outcome.failure.httpStatus == 400 &&
            outcome.response.body.contains("API key"))
            result.error = {ErrorType::Auth, QStringLiteral("NCBI does not accept this API key")};
        return result;
    }
    const QJsonObject json = QJsonDocument::fromJson(outcome.response.body).object();
    switch (provider) {
    case ProviderId::Gemini:
        result.detail = QStringLiteral("model %1 is available").arg(config.geminiModel);
        break;
    case ProviderId::Runway:
        result.detail = QStringLiteral("credit balance: %1")
                            .arg(json.value(QLatin1String("creditBalance")).toDouble());
        break;
    case ProviderId::Ncbi:
        result.detail = QStringLiteral("NCBI accepted the key (10 requests a second)");
        break;
    case ProviderId::OpenAi: {
        QStringList models;
        for (const auto& model : json.value(QLatin1String("data")).toArray())
            models << model.toObject().value(QLatin1String("id")).toString();
        if (!models.contains(config.openAiModel) && !models.isEmpty())
            result.error = {ErrorType::NotFound,
                            QStringLiteral("the server has no model \"%1\"; it offers: %2")
                                .arg(config.openAiModel, models.join(QStringLiteral(", ")))};
        else
            result.detail = QStringLiteral("%1 model(s) available").arg(models.size());
        break;
    }
    }
    return result;
}

} // namespace hh
