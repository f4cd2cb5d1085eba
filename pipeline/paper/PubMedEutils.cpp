// SPDX-License-Identifier: GPL-3.0-or-later
#include "PubMedEutils.h"

#include <QRegularExpression>

namespace hh::pubmed {

namespace {

bool containsAny(const QString& text, std::initializer_list<const char*> needles) {
    for (const char* needle : needles) {
        if (text.contains(QLatin1String(needle), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

// NCBI's backend failures come back as 200/400 with an <ERROR> body; these clear up on their own.
bool isTransientMessage(const QString& message) {
    return containsAny(message, {"can not fetch", "cannot fetch", "can't run executor",
                                 "cannot run executor", "can not run executor", "backend", "proxy",
                                 "502", "503", "504", "temporar", "timeout", "timed out",
                                 "try again", "server error", "unavailable", "busy"});
}

bool isNotFoundMessage(const QString& message) {
    return containsAny(message,
                       {"id list is empty", "empty id list", "id parameter is empty",
                        "no correct ids", "invalid id", "invalid value", "neither query_key nor id",
                        "cannot get document summary", "not available", "no items found",
                        "uid is not", "nothing todo", "nothing to do", "not found"});
}

bool isWrongDatabaseMessage(const QString& message) {
    return containsAny(message, {"db name", "wrong db", "dbinfo", "database", "db="});
}

QString quoted(const QStringList& messages) {
    QStringList parts;
    for (const auto& m : messages)
        parts << QStringLiteral("\"%1\"").arg(m);
    return parts.join(QStringLiteral("; "));
}

QString responseKind(const QString& rootName) {
    if (rootName == QLatin1String("eSearchResult"))
        return QStringLiteral("search result (esearch)");
    if (rootName == QLatin1String("eSummaryResult"))
        return QStringLiteral("document summary (esummary)");
    if (rootName == QLatin1String("eLinkResult"))
        return QStringLiteral("link list (elink)");
    if (rootName == QLatin1String("ePostResult"))
        return QStringLiteral("history-server receipt (epost)");
    if (rootName == QLatin1String("eInfoResult"))
        return QStringLiteral("database description (einfo)");
    if (rootName == QLatin1String("eSpellResult"))
        return QStringLiteral("spelling suggestion (espell)");
    return QStringLiteral("response <%1>").arg(rootName);
}

Error notAPaper(const QString& rootName, const QString& fileName, const QString& extra = {}) {
    return {ErrorType::Unsupported,
            QStringLiteral(
                "%1 is an NCBI E-utilities %2, not a paper%3; fetch the article itself with efetch "
                "(db=pubmed or db=pmc) or import its PDF")
                .arg(fileName, responseKind(rootName), extra)};
}

// esummary v2 marks each unknown uid with <DocumentSummary><error>…</error>.
struct SummaryCounts {
    int ok = 0;
    QStringList errors;
};

SummaryCounts countSummaries(const XmlElement& root) {
    SummaryCounts counts;
    for (const auto* summary : root.descendants(QStringLiteral("DocumentSummary"))) {
        if (const auto* error = summary->child(QStringLiteral("error"))) {
            counts.errors << error->simplifiedText();
        } else {
            ++counts.ok;
        }
    }
    return counts;
}

bool isEmptyLinkResult(const XmlElement& root) {
    if (root.firstDescendant(QStringLiteral("Link")))
        return false;
    return true;
}

} // namespace

QStringList eutilsErrors(const XmlElement& root) {
    QStringList messages;
    for (const auto* error : root.descendants(QStringLiteral("ERROR"))) {
        const QString text = error->simplifiedText();
        if (!text.isEmpty())
            messages << text;
    }
    return messages;
}

Error classifyEutilsMessages(const QStringList& errors, const QString& rootName,
                             const QString& fileName) {
    QStringList transient;
    QStringList notFound;
    QStringList wrongDb;
    for (const auto& message : errors) {
        if (isTransientMessage(message))
            transient << message;
        else if (isNotFoundMessage(message))
            notFound << message;
        else if (isWrongDatabaseMessage(message))
            wrongDb << message;
    }
    if (!transient.isEmpty())
        return {ErrorType::Provider,
                QStringLiteral("NCBI had a temporary problem; try again in a minute (NCBI said %1)")
                    .arg(quoted(transient))};
    if (!wrongDb.isEmpty())
        return notAPaper(rootName, fileName,
                         QStringLiteral(" (NCBI said %1)").arg(quoted(wrongDb)));
    if (!notFound.isEmpty())
        return {
            ErrorType::NotFound,
            QStringLiteral(
                "NCBI found no record for the requested ID (NCBI said %1); check the PMID or PMCID")
                .arg(quoted(notFound))};
    if (!errors.isEmpty())
        return notAPaper(rootName, fileName, QStringLiteral(" (NCBI said %1)").arg(quoted(errors)));
    return {};
}

Error classifyEutilsResponse(const XmlElement& root, const QString& fileName) {
    const QString& rootName = root.localName;
    const QStringList errors = eutilsErrors(root);

    if (const Error error = classifyEutilsMessages(errors, rootName, fileName); error.isError())
        return error;

    if (rootName == QLatin1String("eSummaryResult")) {
        const SummaryCounts counts = countSummaries(root);
        if (counts.ok == 0 && !counts.errors.isEmpty())
            return {ErrorType::NotFound, QStringLiteral("NCBI found no record for the requested ID "
                                                        "(NCBI said %1); check the PMID or PMCID")
                                             .arg(quoted(counts.errors))};
        if (!counts.errors.isEmpty())
            return notAPaper(rootName, fileName,
                             QStringLiteral(" (%1 of %2 IDs were not found)")
                                 .arg(counts.errors.size())
                                 .arg(counts.errors.size() + counts.ok));
    }
    if (rootName == QLatin1String("eSearchResult")) {
        const auto* count = root.child(QStringLiteral("Count"));
        if (count && count->simplifiedText() == QLatin1String("0")) {
            QStringList missing;
            for (const auto* phrase : root.descendants(QStringLiteral("PhraseNotFound")))
                missing << phrase->simplifiedText();
            return {ErrorType::NotFound,
                    missing.isEmpty()
                        ? QStringLiteral("the NCBI search found no records")
                        : QStringLiteral("the NCBI search found no records (not found: %1)")
                              .arg(quoted(missing))};
        }
    }
    if (rootName == QLatin1String("eLinkResult") && isEmptyLinkResult(root))
        return {ErrorType::NotFound,
                QStringLiteral("NCBI found no linked records for the requested ID")};
    if (rootName == QLatin1String("eFetchResult") || rootName == QLatin1String("pmFetchResult"))
        return {ErrorType::NotFound,
                QStringLiteral("NCBI returned no record for the requested ID")};
    return notAPaper(rootName, fileName);
}

} // namespace hh::pubmed
