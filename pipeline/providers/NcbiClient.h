// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PaperIdentifier.h"
#include "ProviderHub.h"
#include "core/Result.h"
#include "net/ApiFailure.h"

#include <QByteArray>
#include <QPair>
#include <QUrl>
#include <atomic>

namespace hh {

// What the PMC ID converter knows about one identifier. It only relates IDs of
// articles that are in PubMed Central: no pmcid means "not in PMC".
struct NcbiIdRecord {
    QString pmcid; // "PMC6398430"
    QString pmid;  // digits
    QString doi;
    QString message; // the converter's own words when it knows nothing ("invalid article id")
    bool inPmc() const { return !pmcid.isEmpty(); }
};

// PMC's open-access service about one article: its licence and its package.
struct NcbiOaRecord {
    bool openAccess = false;
    QString errorCode;    // when not open access: "idIsNotOpenAccess", "idDoesNotExist" …
    QString errorMessage; // NCBI's words for it
    QString license;      // short code: "CC BY", "CC BY-NC-ND", "CC0", "NO-CC CODE" …
    QUrl packageUrl;      // the .tar.gz, already moved from ftp:// to https (or the base URL)
};

// The NCBI hosts; HH_NCBI_BASE_URL replaces all of them (design/cli.md).
enum class NcbiHost {
    Eutils, // eutils.ncbi.nlm.nih.gov: efetch
    Pmc,    // pmc.ncbi.nlm.nih.gov: ID converter
    Www,    // www.ncbi.nlm.nih.gov: open-access service
    Ftp,    // ftp.ncbi.nlm.nih.gov: open-access packages, over https
};

// Low-level calls to PubMed, PubMed Central and their helper services, each
// through the session's NCBI caller: the shared limiter keeps every job together
// under NCBI's 3 (10 with a key) requests a second, and transient failures
// (connection, 429, 5xx, "proxy error" bodies) are retried. Every API request
// carries tool=hiddenhill, the contact e-mail when configured and the user's
// api_key when set; the key never appears in an error message.
class NcbiClient {
public:
    explicit NcbiClient(ProviderSession& session);

    // ID converter: the PMC article (if any) behind a PMID, PMCID or DOI.
    Result<NcbiIdRecord> convertId(const PaperIdentifier& id, const std::atomic_bool* cancel) const;
    // efetch db=pmc: the <pmc-articleset> JATS of one article ("PMC6398430"), or
    // NCBI's <error> body for an article it does not have.
    Result<QByteArray> fetchPmcArticle(const QString& pmcid, const std::atomic_bool* cancel) const;
    // efetch db=pubmed: the <PubmedArticleSet> of one PMID (empty when unknown).
    Result<QByteArray> fetchPubMedRecord(const QString& pmid, const std::atomic_bool* cancel) const;
    // oa.fcgi: licence and package link of one PMC article.
    Result<NcbiOaRecord> openAccessRecord(const QString& pmcid,
                                          const std::atomic_bool* cancel) const;
    // An open-access package (.tar.gz); refused when larger than `maxBytes`. A plain
    // file download: no query parameters, so the key never goes to the file host.
    Result<QByteArray> downloadPackage(const QUrl& url, qint64 maxBytes,
                                       const std::atomic_bool* cancel) const;

    // `path` on the real host, or on HH_NCBI_BASE_URL (scheme, host and port
    // replaced, path kept) when that is set.
    QUrl serviceUrl(NcbiHost host, const QString& path) const;
    // A package link as the OA service gives it: ftp://ftp.ncbi.nlm.nih.gov/… is
    // served over https at the same path; NCBI hosts move to the base URL when set.
    QUrl packageUrl(const QUrl& href) const;

    // The NCBI ErrorInterpreter: 429 JSON bodies (wait at least a second: NCBI
    // counts per second), "API key invalid" as auth, <ERROR> bodies of HTTP 400
    // (empty ID list: not found; proxy/backend trouble: retry), 5xx retried.
    static ApiFailure interpretError(const HttpResponse& response);

    // The answers' parsers, pure functions of the body (tested and fuzzed on their own).
    // The ID converter's JSON; {"status":"error"} is an answer (not in PMC), not an error.
    static Result<NcbiIdRecord> parseIdConversion(const QByteArray& body);
    // The OA service's <OA> document; packageUrl is the link as written (ftp://…),
    // which openAccessRecord() then moves with packageUrl().
    static Result<NcbiOaRecord> parseOpenAccessRecord(const QByteArray& body);
    // E-utilities also answer 200 with an <ERROR> body when their backend fails
    // ("Can not fetch result", "proxy error"): such an answer is worth another
    // try, and comes back as a Provider error; any other body gives no error.
    static Error transientErrorInBody(const QByteArray& body);

private:
    using Params = QList<QPair<QString, QString>>;

    // `params` plus tool, email and api_key.
    QUrl apiUrl(NcbiHost host, const QString& path, Params params) const;
    Result<QByteArray> get(const QUrl& url, qint64 maxBytes, const std::atomic_bool* cancel,
                           const ErrorInterpreter& interpreter = &NcbiClient::interpretError) const;
    Result<QByteArray> send(const HttpRequest& request, const std::atomic_bool* cancel,
                            const ErrorInterpreter& interpreter) const;
    // The error with every trace of the API key removed (Qt's messages quote URLs).
    Error withoutKey(Error error) const;

    ProviderSession& m_session;
};

} // namespace hh
