// SPDX-License-Identifier: GPL-3.0-or-later
#include "PaperIdentifier.h"

#include <QRegularExpression>
#include <QUrl>

namespace hh {

namespace {

// PubMed IDs have 8 digits today (about 40 million records); 9 leaves decades of
// room while a 10-digit number is more likely a phone number or an ISBN.
constexpr auto kDigits = "(\\d{1,9})";

QRegularExpression caseless(const QString& pattern) {
    return QRegularExpression(QStringLiteral("^") + pattern + QStringLiteral("$"),
                              QRegularExpression::CaseInsensitiveOption);
}

// Digits without leading zeros; empty for zero, which NCBI never assigns.
QString significantDigits(const QString& digits) {
    qsizetype first = 0;
    while (first < digits.size() && digits.at(first) == QLatin1Char('0'))
        ++first;
    return digits.mid(first);
}

PaperIdentifier make(PaperIdentifier::Kind kind, const QString& value) {
    if (value.isEmpty())
        return {};
    return {kind, value};
}

PaperIdentifier pmid(const QString& digits) {
    return make(PaperIdentifier::Kind::Pmid, significantDigits(digits));
}

PaperIdentifier pmcid(const QString& digits) {
    const QString significant = significantDigits(digits);
    return make(PaperIdentifier::Kind::Pmcid,
                significant.isEmpty() ? QString() : QStringLiteral("PMC") + significant);
}

PaperIdentifier doi(const QString& text) {
    // A DOI is "10." + registrant + "/" + suffix; the suffix may hold almost any
    // printable character but never white space.
    static const QRegularExpression shape =
        caseless(QStringLiteral("10\\.\\d{4,9}(\\.\\d+)*/\\S+"));
    const QString value = text.toLower();
    if (!shape.match(value).hasMatch())
        return {};
    for (const QChar c : value) {
        if (!c.isPrint())
            return {};
    }
    return {PaperIdentifier::Kind::Doi, value};
}

} // namespace

PaperIdentifier PaperIdentifier::parse(const QString& text) {
    const QString input = text.trimmed();
    if (input.isEmpty() || input.size() > 500)
        return {};

    static const QRegularExpression pmidForm =
        caseless(QStringLiteral("(?:pmid\\s*:?\\s*)?") + QLatin1String(kDigits));
    static const QRegularExpression pmcidForm =
        caseless(QStringLiteral("(?:pmcid\\s*:?\\s*)?pmc\\s?") + QLatin1String(kDigits));
    static const QRegularExpression doiForm =
        caseless(QStringLiteral("doi\\s*:\\s*(\\S+)|(?:https?://)?(?:dx\\.)?doi\\.org/(\\S+)"));
    // Links copied from the address bar of PubMed or PMC.
    static const QRegularExpression pubmedLink =
        caseless(QStringLiteral("https?://(?:www\\.)?(?:pubmed\\.ncbi\\.nlm\\.nih\\.gov|"
                                "ncbi\\.nlm\\.nih\\.gov/pubmed)/") +
                 QLatin1String(kDigits) + QStringLiteral("/?(?:[?#]\\S*)?"));
    static const QRegularExpression pmcLink =
        caseless(QStringLiteral("https?://(?:www\\.ncbi\\.nlm\\.nih\\.gov/pmc|"
                                "pmc\\.ncbi\\.nlm\\.nih\\.gov)/articles/pmc") +
                 QLatin1String(kDigits) + QStringLiteral("/?(?:[?#]\\S*)?"));

    if (const auto m = pmidForm.match(input); m.hasMatch())
        return pmid(m.captured(1));
    if (const auto m = pmcidForm.match(input); m.hasMatch())
        return pmcid(m.captured(1));
    if (const auto m = pubmedLink.match(input); m.hasMatch())
        return pmid(m.captured(1));
    if (const auto m = pmcLink.match(input); m.hasMatch())
        return pmcid(m.captured(1));
    if (const auto m = doiForm.match(input); m.hasMatch()) {
        const bool fromLink = m.captured(1).isEmpty();
        // A doi.org link percent-encodes characters such as '<' or '#'.
        const QString raw =
            fromLink ? QUrl::fromPercentEncoding(m.captured(2).toUtf8()) : m.captured(1);
        return doi(raw);
    }
    return doi(input);
}

QString PaperIdentifier::displayName() const {
    switch (kind) {
    case Kind::Pmid:
        return QStringLiteral("PMID %1").arg(value);
    case Kind::Pmcid:
        return value;
    case Kind::Doi:
        return QStringLiteral("DOI %1").arg(value);
    case Kind::None:
        break;
    }
    return {};
}

} // namespace hh
