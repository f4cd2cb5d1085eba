// SPDX-License-Identifier: GPL-3.0-or-later
#include "NcbiPaperFetcher.h"

#include "NcbiFigureImages.h"
#include "NcbiPackageReader.h"
#include "paper/PaperImporter.h"

#include <algorithm>

namespace hh {

namespace {

// Open-access packages hold the article's PDF, figures and supplementary files;
// a few run to hundreds of MB (videos), too much for a figure or two.
constexpr qint64 kMaxPackageBytes = 100LL * 1024 * 1024;

const QString kAbstractOnlyPrefix = QStringLiteral("abstract-only:");

Error cancelledWhile(const PaperIdentifier& id) {
    return {ErrorType::Cancelled,
            QStringLiteral("cancelled while fetching %1").arg(id.displayName())};
}

// The importers word their own abstract-only warnings for files; for a fetched
// paper the fetcher knows the real reason and says it instead.
QStringList withoutAbstractOnly(const QStringList& warnings) {
    QStringList kept;
    for (const auto& warning : warnings) {
        if (!warning.startsWith(kAbstractOnlyPrefix))
            kept << warning;
    }
    return kept;
}

// efetch marks a publisher-restricted article with a comment and sends it without <body>.
bool isRestricted(const QByteArray& jats) {
    return jats.contains("does not allow downloading of the full text") || !jats.contains("<body");
}

bool hasGraphics(const QList<Figure>& figures) {
    return std::any_of(figures.begin(), figures.end(),
                       [](const Figure& figure) { return !figure.graphic.isEmpty(); });
}

} // namespace

NcbiPaperFetcher::NcbiPaperFetcher(ProviderSession& session)
    : m_client(session) {}

QStringList NcbiPaperFetcher::warnings() const {
    return m_warnings;
}

void NcbiPaperFetcher::warn(const QString& warning) {
    if (!m_warnings.contains(warning))
        m_warnings << warning;
}

Result<Paper> NcbiPaperFetcher::fetch(const PaperIdentifier& id, const QString& figuresDir,
                                      const StepControl& control) {
    m_warnings.clear();
    if (!id.isValid())
        return Result<Paper>::failure(
            ErrorType::Unsupported,
            QStringLiteral("no PMID, PMCID or DOI was given; give one such as 31452104, "
                           "PMC6398430 or 10.7717/peerj-cs.118, or the paper's file"));
    if (control.cancelled())
        return cancelledWhile(id);

    const auto route = resolve(id, control);
    if (!route.ok())
        return route.error().type == ErrorType::Cancelled ? cancelledWhile(id) : route.error();
    auto paper = route->pmcid.isEmpty()
                     ? fetchAbstract(route->pmid, id,
                                     QStringLiteral("abstract-only: full text is not in PubMed "
                                                    "Central"),
                                     control)
                     : fetchFullText(route.value(), id, control);
    if (!paper.ok())
        return paper.error().type == ErrorType::Cancelled ? cancelledWhile(id) : paper.error();

    control.report(0.95, QStringLiteral("saving figures"));
    QString error;
    if (!paper.value().saveFigures(figuresDir, &error))
        return Result<Paper>::failure(ErrorType::Io, error);
    // The reason a paper is abstract-only matters most, so it leads.
    std::stable_partition(m_warnings.begin(), m_warnings.end(), [](const QString& warning) {
        return warning.startsWith(kAbstractOnlyPrefix);
    });
    paper.value().warnings = m_warnings;
    control.report(1.0, QStringLiteral("done"));
    return paper;
}

Result<NcbiPaperFetcher::Route> NcbiPaperFetcher::resolve(const PaperIdentifier& id,
                                                          const StepControl& control) {
    Route route;
    if (id.kind == PaperIdentifier::Kind::Pmcid) {
        route.pmcid = id.value; // efetch db=pmc answers for unknown ones itself
        return route;
    }
    if (id.kind == PaperIdentifier::Kind::Pmid)
        route.pmid = id.value;
    control.report(0.02, QStringLiteral("looking up %1 in PubMed Central").arg(id.displayName()));
    const auto record = m_client.convertId(id, control.cancel);
    if (!record.ok())
        return record.error();
    if (record->inPmc()) {
        route.pmcid = record->pmcid;
        if (route.pmid.isEmpty())
            route.pmid = record->pmid;
    } else if (route.pmid.isEmpty()) {
        route.pmid = record->pmid;
    }
    if (route.pmcid.isEmpty() && route.pmid.isEmpty())
        return Result<Route>::failure(
            ErrorType::NotFound,
            QStringLiteral("%1 is not in PubMed Central; download the PDF and drop it in instead")
                .arg(id.displayName()));
    return route;
}

Result<Paper> NcbiPaperFetcher::fetchFullText(const Route& route, const PaperIdentifier& asked,
                                              const StepControl& control) {
    control.report(0.1, QStringLiteral("downloading %1 from PubMed Central").arg(route.pmcid));
    const auto bytes = m_client.fetchPmcArticle(route.pmcid, control.cancel);
    if (!bytes.ok()) // an unknown PMC number can also come back as HTTP 400 "ID list is empty"
        return bytes.error().type == ErrorType::NotFound ? notInPmc(route, asked, control)
                                                         : bytes.error();
    if (control.cancelled())
        return cancelledWhile(asked);

    control.report(0.3, QStringLiteral("reading the article"));
    ImportOptions options;
    options.pmid = route.pmcid; // picks the right article should NCBI send a set
    options.extractFigures = false;
    options.cancel = control.cancel;
    auto imported = importPaperData(bytes.value(), route.pmcid + QStringLiteral(".xml"), options);
    if (!imported.ok()) {
        const ErrorType type = imported.error().type;
        return type == ErrorType::NotInPmc || type == ErrorType::NotFound
                   ? notInPmc(route, asked, control)
                   : imported.error();
    }

    Paper paper = std::move(imported).value();
    if (paper.sections.isEmpty() && isRestricted(bytes.value())) {
        // The publisher lets PMC show the article but not hand out its text as XML:
        // front matter only. PubMed's record is the cleaner abstract.
        const QString why = QStringLiteral("abstract-only: the publisher restricts the full text "
                                           "of %1; PubMed Central shares only its abstract")
                                .arg(route.pmcid);
        const QString pmid = route.pmid.isEmpty() ? paper.pmid : route.pmid;
        if (!pmid.isEmpty())
            return fetchAbstract(pmid, asked, why, control);
        warn(why);
        paper.figures.clear();
    } else if (paper.sections.isEmpty()) {
        // A body of figures and tables only ("images in medicine"): still PMC's text.
        warn(QStringLiteral("abstract-only: the full text of %1 has no paragraphs beyond its "
                            "abstract")
                 .arg(route.pmcid));
    }
    paper.source = QStringLiteral("pmc");
    if (paper.pmcid.isEmpty())
        paper.pmcid = route.pmcid;
    if (paper.pmid.isEmpty())
        paper.pmid = route.pmid;
    for (const auto& warning : withoutAbstractOnly(paper.warnings))
        warn(warning);
    if (const Error error = addFigureImages(paper, control); error.isError())
        return error;
    return paper;
}

Result<Paper> NcbiPaperFetcher::notInPmc(const Route& route, const PaperIdentifier& asked,
                                         const StepControl& control) {
    // PMC answered that it has no such article although the ID converter named it
    // (withdrawn, embargoed): PubMed still has the abstract.
    if (asked.kind != PaperIdentifier::Kind::Pmcid && !route.pmid.isEmpty())
        return fetchAbstract(
            route.pmid, asked,
            QStringLiteral("abstract-only: PubMed Central did not deliver the full text of %1")
                .arg(route.pmcid),
            control);
    return Result<Paper>::failure(
        ErrorType::NotInPmc,
        QStringLiteral("%1 is not in PubMed Central; check the PMCID, or give the paper's PMID or "
                       "DOI, or download the PDF and drop it in instead")
            .arg(route.pmcid));
}

Result<Paper> NcbiPaperFetcher::fetchAbstract(const QString& pmid, const PaperIdentifier& asked,
                                              const QString& why, const StepControl& control) {
    const auto notFound = [&] {
        const QString via =
            asked.kind == PaperIdentifier::Kind::Pmid
                ? QString()
                : QStringLiteral(" (the PubMed record of %1)").arg(asked.displayName());
        return Result<Paper>::failure(
            ErrorType::NotFound,
            QStringLiteral("PubMed has no record for PMID %1%2; check the number, or download the "
                           "PDF and drop it in instead")
                .arg(pmid, via));
    };
    control.report(0.15, QStringLiteral("downloading PMID %1 from PubMed").arg(pmid));
    const auto bytes = m_client.fetchPubMedRecord(pmid, control.cancel);
    if (!bytes.ok())
        return bytes.error().type == ErrorType::NotFound ? notFound() : bytes.error();
    if (control.cancelled())
        return cancelledWhile(asked);

    control.report(0.4, QStringLiteral("reading the abstract"));
    ImportOptions options;
    options.pmid = pmid;
    options.cancel = control.cancel;
    auto imported = importPaperData(bytes.value(), QStringLiteral("PMID %1").arg(pmid), options);
    if (!imported.ok())
        return imported.error().type == ErrorType::NotFound ? notFound() : imported.error();
    Paper paper = std::move(imported).value();
    if (paper.pmid != pmid)
        return notFound(); // NCBI answered with another record: never narrate the wrong paper
    paper.source = QStringLiteral("pubmed");
    warn(why);
    for (const auto& warning : withoutAbstractOnly(paper.warnings))
        warn(warning);
    return paper;
}

Error NcbiPaperFetcher::addFigureImages(Paper& paper, const StepControl& control) {
    if (!hasGraphics(paper.figures))
        return {};
    const QString notDownloaded = QStringLiteral("figures not downloaded: ");
    control.report(0.5, QStringLiteral("looking for the figures of %1").arg(paper.pmcid));
    const auto record = m_client.openAccessRecord(paper.pmcid, control.cancel);
    if (!record.ok()) {
        if (record.error().type == ErrorType::Cancelled)
            return record.error();
        warn(notDownloaded + record.error().message);
        return {};
    }
    if (!record->openAccess) {
        warn(record->errorCode == QLatin1String("idIsNotOpenAccess") || record->errorCode.isEmpty()
                 ? notDownloaded + QStringLiteral("not in the PMC open-access subset")
                 : notDownloaded + QStringLiteral("PMC's open-access service said \"%1\"")
                                       .arg(record->errorMessage));
        return {};
    }
    const FigureLicence licence =
        FigureLicence::assess(record->license.isEmpty() ? paper.license : record->license);
    if (!licence.warning.isEmpty())
        warn(licence.warning);
    if (!licence.allowed)
        return {};
    if (record->packageUrl.isEmpty()) {
        warn(notDownloaded +
             QStringLiteral("PubMed Central offers no package for %1").arg(paper.pmcid));
        return {};
    }

    control.report(0.6, QStringLiteral("downloading the figures of %1").arg(paper.pmcid));
    const auto package =
        m_client.downloadPackage(record->packageUrl, kMaxPackageBytes, control.cancel);
    if (!package.ok()) {
        if (package.error().type == ErrorType::Cancelled)
            return package.error();
        // PMC is retiring its FTP packages in 2026 for a cloud service; the paper
        // is still worth a video without its figures.
        const QString why = package.error().type == ErrorType::NotFound
                                ? QStringLiteral("PMC no longer serves it there; PMC is retiring "
                                                 "its FTP packages in 2026")
                                : package.error().message;
        warn(notDownloaded +
             QStringLiteral("the PMC package could not be downloaded (%1)").arg(why));
        return {};
    }

    control.report(0.85, QStringLiteral("unpacking the figures"));
    const NcbiFigureMatcher matcher(paper.figures);
    const auto contents = NcbiPackageReader().read(
        package.value(), [&matcher](const QString& path) { return matcher.wants(path); },
        control.cancel);
    if (!contents.ok()) {
        if (contents.error().type == ErrorType::Cancelled)
            return contents.error();
        warn(notDownloaded + contents.error().message);
        return {};
    }
    if (!contents->unsafePaths.isEmpty())
        warn(QStringLiteral("skipped %1 file(s) with unsafe names in the PMC package")
                 .arg(contents->unsafePaths.size()));
    const QStringList missing = matcher.attach(paper.figures, contents->files);
    if (!missing.isEmpty())
        warn(QStringLiteral("no image in the PMC package for %1")
                 .arg(missing.join(QStringLiteral(", "))));
    return {};
}

} // namespace hh
