// SPDX-License-Identifier: GPL-3.0-or-later
#include "NcbiClient.h"

#include "paper/PaperImporter.h"
#include "paper/PubMedEutils.h"
#include "paper/XmlTree.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace hh {

namespace {

constexpr qint64 kSmallAnswerBytes = 2LL * 1024 * 1024; // ID converter, OA service
constexpr qint64 kArticleBytes = 64LL * 1024 * 1024;    // the largest JATS articles
constexpr int kPackageTimeoutMs = 15 * 60 * 1000;       // 100 MB on a slow line
constexpr qint64 kRateLimitPauseMs = 1000;              // NCBI counts requests per second

const QString kProvider = QStringLiteral("NCBI");

QString hostName(NcbiHost host) {
    switch (host) {
    case NcbiHost::Eutils:
        return QStringLiteral("eutils.ncbi.nlm.nih.gov");
    case NcbiHost::Pmc:
        return QStringLiteral("pmc.ncbi.nlm.nih.gov");
    case NcbiHost::Www:
        return QStringLiteral("www.ncbi.nlm.nih.gov");
    case NcbiHost::Ftp:
        return QStringLiteral("ftp.ncbi.nlm.nih.gov");
    }
    return {};
}

QString pmcDigits(const QString& pmcid) {
    return pmcid.startsWith(QLatin1String("PMC"), Qt::CaseInsensitive) ? pmcid.mid(3) : pmcid;
}

QString jsonString(const QJsonValue& value) {
    // A number is taken only when it is a whole one a qint64 holds: 1e300 is no
    // PMID, and casting it would be undefined behaviour.
    if (value.isDouble()) {
        const qint64 whole = value.toInteger(-1);
        return whole >= 0 ? QString::number(whole) : QString();
    }
    return value.toString().trimmed();
}

} // namespace

Error NcbiClient::transientErrorInBody(const QByteArray& body) {
    if (sniffFormat(body.left(4096)) != DocumentFormat::NcbiError)
        return {};
    const auto tree = parseXmlTree(body);
    if (!tree.ok())
        return {};
    const XmlElement& root = *tree.value();
    const Error error = pubmed::classifyEutilsMessages(pubmed::eutilsErrors(root), root.localName,
                                                       QStringLiteral("NCBI's answer"));
    return error.type == ErrorType::Provider ? error : Error{};
}

Result<NcbiIdRecord> NcbiClient::parseIdConversion(const QByteArray& body) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return ApiFailure::parse(QStringLiteral("The PMC ID converter"),
                                 QStringLiteral("its answer is not JSON"))
            .error;
    const QJsonObject root = doc.object();
    NcbiIdRecord record;
    // A request the converter rejects as a whole: {"status":"error","message":"…"}.
    if (root.value(QLatin1String("status")).toString() == QLatin1String("error")) {
        record.message = root.value(QLatin1String("message")).toString().simplified();
        return record;
    }
    const QJsonArray records = root.value(QLatin1String("records")).toArray();
    if (records.isEmpty())
        return ApiFailure::parse(QStringLiteral("The PMC ID converter"),
                                 QStringLiteral("its answer has no records"))
            .error;
    const QJsonObject first = records.first().toObject();
    const QString pmcid = jsonString(first.value(QLatin1String("pmcid")));
    if (!pmcid.isEmpty())
        record.pmcid = QStringLiteral("PMC") + pmcDigits(pmcid);
    record.pmid = jsonString(first.value(QLatin1String("pmid")));
    record.doi = jsonString(first.value(QLatin1String("doi")));
    record.message = first.value(QLatin1String("errmsg")).toString().simplified();
    if (first.value(QLatin1String("status")).toString() == QLatin1String("error"))
        record.pmcid.clear();
    return record;
}

Result<NcbiOaRecord> NcbiClient::parseOpenAccessRecord(const QByteArray& body) {
    const auto unreadable = [](const QString& why) {
        return ApiFailure::parse(QStringLiteral("PMC's open-access service"), why).error;
    };
    const auto tree = parseXmlTree(body);
    if (!tree.ok() || tree.value()->localName != QLatin1String("OA"))
        return unreadable(QStringLiteral("its answer is not an <OA> document"));
    const XmlElement& root = *tree.value();
    NcbiOaRecord record;
    if (const auto* error = root.child(QStringLiteral("error"))) {
        record.errorCode = error->attr(QStringLiteral("code"));
        record.errorMessage = error->simplifiedText();
        return record;
    }
    const XmlElement* found = root.firstDescendant(QStringLiteral("record"));
    if (!found)
        return unreadable(QStringLiteral("its answer has neither a record nor an error"));
    record.openAccess = true;
    record.license = found->attr(QStringLiteral("license")).simplified();
    for (const auto* link : found->childElements(QStringLiteral("link"))) {
        if (link->attr(QStringLiteral("format")) == QLatin1String("tgz")) {
            record.packageUrl = QUrl(link->attr(QStringLiteral("href")));
            break;
        }
    }
    return record;
}

NcbiClient::NcbiClient(ProviderSession& session)
    : m_session(session) {}

QUrl NcbiClient::serviceUrl(NcbiHost host, const QString& path) const {
    const QUrl& base = m_session.config().ncbiBase;
    QUrl url;
    if (base.isEmpty()) {
        url.setScheme(QStringLiteral("https"));
        url.setHost(hostName(host));
        url.setPath(path);
        return url;
    }
    url = base.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash);
    url.setPath(url.path() + path);
    return url;
}

QUrl NcbiClient::packageUrl(const QUrl& href) const {
    const QString host = href.host().toLower();
    const bool ncbiHost = host == QLatin1String("ncbi.nlm.nih.gov") ||
                          host.endsWith(QLatin1String(".ncbi.nlm.nih.gov"));
    if (!ncbiHost)
        return href; // a future home of the packages (PMC's cloud service): as given
    if (!m_session.config().ncbiBase.isEmpty())
        return serviceUrl(NcbiHost::Ftp, href.path());
    QUrl url = href;
    url.setScheme(QStringLiteral("https"));
    url.setPort(-1);
    return url;
}

QUrl NcbiClient::apiUrl(NcbiHost host, const QString& path, Params params) const {
    const ProviderConfig& config = m_session.config();
    params.append({QStringLiteral("tool"), config.ncbiTool});
    if (!config.ncbiEmail.isEmpty())
        params.append({QStringLiteral("email"), config.ncbiEmail});
    const QString key = m_session.secret(ProviderId::Ncbi);
    if (!key.isEmpty())
        params.append({QStringLiteral("api_key"), key});
    // Encoded by hand: QUrlQuery leaves '+' alone, which servers read as a space,
    // and DOIs may contain '+', '&', '#' or ';'.
    QStringList parts;
    for (const auto& [name, value] : params)
        parts << QString::fromLatin1(QUrl::toPercentEncoding(name) + '=' +
                                     QUrl::toPercentEncoding(value));
    QUrl url = serviceUrl(host, path);
    url.setQuery(parts.join(QLatin1Char('&')), QUrl::StrictMode);
    return url;
}

Error NcbiClient::withoutKey(Error error) const {
    static const QRegularExpression keyParameter(QStringLiteral("api_key=[^&\\s\"'<>]*"));
    error.message.replace(keyParameter, QStringLiteral("api_key=…"));
    const QString key = m_session.secret(ProviderId::Ncbi);
    if (!key.isEmpty()) {
        error.message.replace(key, QStringLiteral("…"));
        error.message.replace(QString::fromLatin1(QUrl::toPercentEncoding(key)),
                              QStringLiteral("…"));
    }
    return error;
}

Result<QByteArray> NcbiClient::send(const HttpRequest& request, const std::atomic_bool* cancel,
                                    const ErrorInterpreter& interpreter) const {
    RetryingCaller caller = m_session.caller(ProviderId::Ncbi, interpreter);
    const int maxAttempts = m_session.hub().retryPolicy().maxAttempts;
    for (int attempt = 1;; ++attempt) {
        const CallOutcome outcome = caller.call(request, cancel);
        if (!outcome.ok())
            return withoutKey(outcome.failure.error);
        Error inBody = transientErrorInBody(outcome.response.body);
        if (!inBody.isError())
            return outcome.response.body;
        if (attempt >= maxAttempts) {
            inBody.message += QStringLiteral(" — gave up after %1 attempts").arg(attempt);
            return withoutKey(inBody);
        }
        if (!m_session.clock().sleepMs(caller.backoffMs(attempt), cancel))
            return Error{ErrorType::Cancelled, QStringLiteral("cancelled")};
    }
}

Result<QByteArray> NcbiClient::get(const QUrl& url, qint64 maxBytes, const std::atomic_bool* cancel,
                                   const ErrorInterpreter& interpreter) const {
    HttpRequest request;
    request.url = url;
    request.maxResponseBytes = maxBytes;
    return send(request, cancel, interpreter);
}

Result<NcbiIdRecord> NcbiClient::convertId(const PaperIdentifier& id,
                                           const std::atomic_bool* cancel) const {
    const QUrl url = apiUrl(
        NcbiHost::Pmc, QStringLiteral("/tools/idconv/api/v1/articles/"),
        {{QStringLiteral("ids"), id.value}, {QStringLiteral("format"), QStringLiteral("json")}});
    // The converter may refuse an ID it cannot place with HTTP 400 and its usual
    // {"status":"error"} JSON: that is an answer ("not in PMC"), not a failure.
    const auto interpreter = [](const HttpResponse& response) {
        const QJsonObject json = QJsonDocument::fromJson(response.body).object();
        if (response.status == 400 &&
            json.value(QLatin1String("status")).toString() == QLatin1String("error"))
            return ApiFailure{};
        return interpretError(response);
    };
    const auto body = get(url, kSmallAnswerBytes, cancel, interpreter);
    if (!body.ok())
        return body.error();
    return parseIdConversion(body.value());
}

Result<QByteArray> NcbiClient::fetchPmcArticle(const QString& pmcid,
                                               const std::atomic_bool* cancel) const {
    // efetch wants the PMC number without its prefix (E-utilities docs: db=pmc&id=212403).
    return get(apiUrl(NcbiHost::Eutils, QStringLiteral("/entrez/eutils/efetch.fcgi"),
                      {{QStringLiteral("db"), QStringLiteral("pmc")},
                       {QStringLiteral("id"), pmcDigits(pmcid)},
                       {QStringLiteral("retmode"), QStringLiteral("xml")}}),
               kArticleBytes, cancel);
}

Result<QByteArray> NcbiClient::fetchPubMedRecord(const QString& pmid,
                                                 const std::atomic_bool* cancel) const {
    return get(apiUrl(NcbiHost::Eutils, QStringLiteral("/entrez/eutils/efetch.fcgi"),
                      {{QStringLiteral("db"), QStringLiteral("pubmed")},
                       {QStringLiteral("id"), pmid},
                       {QStringLiteral("retmode"), QStringLiteral("xml")}}),
               kArticleBytes, cancel);
}

Result<NcbiOaRecord> NcbiClient::openAccessRecord(const QString& pmcid,
                                                  const std::atomic_bool* cancel) const {
    const auto body = get(apiUrl(NcbiHost::Www, QStringLiteral("/pmc/utils/oa/oa.fcgi"),
                                 {{QStringLiteral("id"), pmcid}}),
                          kSmallAnswerBytes, cancel);
    if (!body.ok())
        return body.error();
    auto record = parseOpenAccessRecord(body.value());
    if (record.ok() && !record->packageUrl.isEmpty())
        record.value().packageUrl = packageUrl(record->packageUrl);
    return record;
}

Result<QByteArray> NcbiClient::downloadPackage(const QUrl& url, qint64 maxBytes,
                                               const std::atomic_bool* cancel) const {
    HttpRequest request;
    request.url = url;
    request.maxResponseBytes = maxBytes;
    request.totalTimeoutMs = kPackageTimeoutMs;
    return send(request, cancel, &NcbiClient::interpretError);
}

ApiFailure NcbiClient::interpretError(const HttpResponse& response) {
    ApiFailure failure = httpStatusFailure(kProvider, response);
    if (response.status == 429 && failure.retryAfterMs < 0)
        failure.retryAfterMs = kRateLimitPauseMs;

    // JSON errors ({"error":"API rate limit exceeded","api-key":"…",…}) echo the key or
    // the caller's address in "api-key": only "error" is ever read.
    const QJsonObject json = QJsonDocument::fromJson(response.body).object();
    const QString said = json.value(QLatin1String("error")).toString().simplified().left(200);
    if (!said.isEmpty()) {
        failure.kind = ApiFailure::Kind::Api;
        failure.providerMessage = said;
        const bool keyProblem = said.contains(QLatin1String("api key"), Qt::CaseInsensitive) &&
                                !said.contains(QLatin1String("limit"), Qt::CaseInsensitive);
        if (keyProblem) {
            failure.error = {ErrorType::Auth,
                             QStringLiteral("NCBI refused the API key (NCBI said \"%1\"); correct "
                                            "the NCBI key in Settings → Providers (or "
                                            "NCBI_API_KEY), or remove it: NCBI works without one")
                                 .arg(said)};
            failure.retryable = false;
        } else {
            failure.error.message += QStringLiteral(" (NCBI said \"%1\")").arg(said);
        }
        return failure;
    }

    // E-utilities put request errors in an <ERROR> element, also with HTTP 400.
    if (sniffFormat(response.body.left(4096)) != DocumentFormat::NcbiError)
        return failure;
    const auto tree = parseXmlTree(response.body);
    if (!tree.ok())
        return failure;
    const XmlElement& root = *tree.value();
    const QStringList messages = pubmed::eutilsErrors(root);
    if (messages.isEmpty())
        return failure;
    failure.kind = ApiFailure::Kind::Api;
    failure.providerMessage = messages.join(QStringLiteral("; ")).left(300);
    const Error error =
        pubmed::classifyEutilsMessages(messages, root.localName, QStringLiteral("NCBI's answer"));
    if (error.type == ErrorType::Provider || error.type == ErrorType::NotFound) {
        failure.error = error;
        failure.retryable = error.type == ErrorType::Provider; // proxy, 502, backend busy
    } else {
        failure.error.message += QStringLiteral(" (NCBI said \"%1\")").arg(failure.providerMessage);
    }
    return failure;
}

} // namespace hh
