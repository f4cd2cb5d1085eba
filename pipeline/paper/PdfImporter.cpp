// SPDX-License-Identifier: GPL-3.0-or-later
#include "PdfImporter.h"

#include "PdfFigures.h"
#include "PdfLayout.h"
#include "PdfStructure.h"

#include <QFileInfo>
#include <memory>
#include <mutex>
#include <poppler-qt6.h>

namespace hh {

namespace {

// Poppler reports every recoverable syntax error of a damaged file on stderr;
// the user gets one typed error from us instead.
void silencePoppler() {
    static std::once_flag once;
    std::call_once(once, [] {
        Poppler::setDebugErrorFunction([](const QString&, const QVariant&) {}, QVariant());
    });
}

Result<Paper> fail(ErrorType type, const QString& message) {
    return Result<Paper>::failure(type, message);
}

bool cancelled(const std::atomic_bool* cancel) {
    return cancel && cancel->load();
}

Result<std::unique_ptr<Poppler::Document>> openDocument(const QByteArray& data, const QString& name,
                                                        const QString& password) {
    using DocResult = Result<std::unique_ptr<Poppler::Document>>;
    auto bad = [&] {
        return DocResult::failure(
            ErrorType::BadPdf,
            QStringLiteral("%1 is damaged or not a PDF (no readable page structure); "
                           "re-download or re-export it")
                .arg(name));
    };
    std::unique_ptr<Poppler::Document> document = Poppler::Document::loadFromData(data);
    if (!document)
        return bad();
    if (document->isLocked()) {
        if (password.isEmpty())
            return DocResult::failure(
                ErrorType::Encrypted,
                QStringLiteral("%1 is password-protected; enter its password to import it")
                    .arg(name));
        // The password may be the user or the owner password; both open the file.
        const QByteArray pw = password.toUtf8();
        document = Poppler::Document::loadFromData(data, pw, pw);
        if (!document)
            return bad();
        if (document->isLocked())
            return DocResult::failure(
                ErrorType::Encrypted,
                QStringLiteral("the password for %1 is wrong; check it and try again").arg(name));
    }
    if (document->numPages() <= 0)
        return bad();
    return DocResult(std::move(document));
}

} // namespace

Result<Paper> PdfImporter::import(const QByteArray& data, const QString& fileName,
                                  const ImportOptions& options) const {
    silencePoppler();
    const QString name =
        fileName.isEmpty() ? QStringLiteral("The PDF") : QFileInfo(fileName).fileName();
    if (data.isEmpty())
        return fail(
            ErrorType::BadPdf,
            QStringLiteral("%1 is empty (0 bytes); choose the paper's PDF again").arg(name));
    auto opened = openDocument(data, name, options.password);
    if (!opened)
        return Result<Paper>(opened.error());
    Poppler::Document& document = *opened.value();

    Paper paper;
    paper.source = QStringLiteral("pdf");
    const int total = document.numPages();
    const int readable = options.maxPdfPages > 0 ? std::min(total, options.maxPdfPages) : total;
    if (readable < total)
        paper.warnings.append(
            QStringLiteral("only the first %1 of %2 pages were read").arg(readable).arg(total));

    QList<pdf::PdfPage> pages;
    bool anyText = false;
    for (int i = 0; i < readable; ++i) {
        if (cancelled(options.cancel))
            return fail(ErrorType::Cancelled,
                        QStringLiteral("import of %1 was cancelled").arg(name));
        const std::unique_ptr<Poppler::Page> page(document.page(i));
        pdf::PdfPage layout;
        layout.index = i;
        if (page && !pdf::readPageLines(*page, i, options.cancel, &layout))
            return fail(ErrorType::Cancelled,
                        QStringLiteral("import of %1 was cancelled").arg(name));
        anyText = anyText || !layout.lines.isEmpty();
        pages.append(layout);
    }
    if (!anyText)
        return fail(
            ErrorType::NoText,
            QStringLiteral("%1 has no text layer (scanned?); OCR is not supported yet").arg(name));

    // Metadata (DOI, licence, journal) often sits in the running header of page
    // one, which the furniture filter removes; keep an unfiltered copy.
    QList<pdf::PdfLine> firstPagesRaw;
    int firstTextPage = -1;
    for (const pdf::PdfPage& page : pages) {
        if (firstTextPage < 0 && !page.lines.isEmpty())
            firstTextPage = page.index;
        if (firstTextPage >= 0 && page.index <= firstTextPage + 1)
            firstPagesRaw += page.lines;
    }
    // BMC and others print "Cite this article as: … doi:…" on the last page.
    if (pages.size() > firstTextPage + 2 && firstTextPage >= 0)
        firstPagesRaw += pages.last().lines;
    pdf::dropPageFurniture(pages);
    pdf::PdfStructure structure(pages, firstPagesRaw);
    structure.fill(paper);

    bool renderFigures = options.extractFigures;
    if (renderFigures && !structure.captions().isEmpty()) {
        const pdf::PictureClaims claims = pdf::scanPictureClaims(data);
        if (!pdf::claimsAreRenderable(claims)) {
            renderFigures = false;
            paper.warnings.append(
                claims.unknown
                    ? QStringLiteral("figures were not extracted: a picture's size is hidden "
                                     "where it cannot be checked")
                    : QStringLiteral("figures were not extracted: a picture claims %1×%2 "
                                     "pixels, too large to render")
                          .arg(claims.widest)
                          .arg(claims.tallest));
        }
    }
    if (renderFigures) {
        document.setRenderHint(Poppler::Document::Antialiasing);
        document.setRenderHint(Poppler::Document::TextAntialiasing);
        const double body = pdf::bodyTextSize(pages);
        for (const pdf::CaptionPlacement& placement : structure.captions()) {
            if (cancelled(options.cancel))
                return fail(ErrorType::Cancelled,
                            QStringLiteral("import of %1 was cancelled").arg(name));
            const std::unique_ptr<Poppler::Page> page(document.page(placement.page));
            if (!page)
                continue;
            const QRectF region = pdf::figureRegion(pages.at(placement.page), placement.box, body);
            const QByteArray png = pdf::renderRegionPng(*page, region);
            if (png.isEmpty())
                continue;
            Figure& figure = paper.figures[placement.figure];
            figure.imageData = png;
            figure.imageSuffix = QStringLiteral("png");
        }
    }
    if (paper.title.isEmpty())
        paper.warnings.append(QStringLiteral("no title found on the first page"));
    if (paper.sections.isEmpty() && paper.abstract.isEmpty())
        paper.warnings.append(
            QStringLiteral("no sections or abstract recognised; the text may be out of order"));
    return paper;
}

} // namespace hh
