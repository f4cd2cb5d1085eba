// SPDX-License-Identifier: GPL-3.0-or-later
#include "PdfImporter.h"

#include "PdfFigureRegions.h"
#include "PdfFigures.h"
#include "PdfFonts.h"
#include "PdfLayout.h"
#include "PdfStructure.h"

#include <QDate>
#include <QFileInfo>
#include <QHash>
#include <QImage>
#include <QSet>
#include <algorithm>
#include <memory>
#include <mutex>
#include <poppler-qt6.h>
#include <thread>

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

// A region found on a page read sideways, in the page's own frame (where the
// paper JSON keeps every region); the picture itself is rendered upright.
QRectF toPageFrame(const QRectF& region, const pdf::PdfPage& page) {
    const double readWidth = page.size.width(); // the page's own height
    const double readHeight = page.size.height();
    switch (page.rotation) {
    case 1: // read turned a quarter clockwise
        return QRectF(region.top(), readWidth - region.right(), region.height(), region.width());
    case 3:
        return QRectF(readHeight - region.bottom(), region.left(), region.height(), region.width());
    default:
        return region;
    }
}

// Finds the region of every caption, renders it, and reads the text again
// without what lies inside figures and tables (cells, axis labels). Text that a
// table contributed can hide later captions (a table row read as the start of
// the references ends the body early), so the reading repeats while new
// captions appear. Returns false when cancelled.
bool locateFigures(Poppler::Document& document, const QByteArray& data, const QString& password,
                   const QList<pdf::PdfPage>& rawPages, const QList<pdf::PdfPage>& pages,
                   const QList<pdf::PdfLine>& firstPagesRaw, QList<pdf::CaptionPlacement> captions,
                   Paper& paper, const std::atomic_bool* cancel) {
    const double body = pdf::bodyTextSize(pages);
    struct Located {
        int page = 0;
        bool table = false;
        pdf::FigureRegionFinder::Sides sides;
    };
    QHash<QString, Located> located; // figure id → what lies beside its caption
    // The region of each located caption under the paper's convention, with two
    // captions never sharing one: the caption whose convention side it is not
    // takes its other side.
    const auto choose = [&] {
        QList<pdf::FigureRegionFinder::Sides> figures;
        QList<pdf::FigureRegionFinder::Sides> tables;
        for (const Located& l : located)
            (l.table ? tables : figures).append(l.sides);
        const pdf::CaptionConvention convention = pdf::CaptionConvention::learn(figures, tables);
        QHash<QString, QRectF> chosen;
        for (auto it = located.cbegin(); it != located.cend(); ++it)
            chosen.insert(it.key(), pdf::chooseSide(it->sides, it->table, convention));
        for (auto a = located.cbegin(); a != located.cend(); ++a) {
            for (auto b = located.cbegin(); b != located.cend(); ++b) {
                if (a.key() >= b.key() || a->page != b->page)
                    continue;
                const QRectF ra = chosen.value(a.key());
                const QRectF rb = chosen.value(b.key());
                const QRectF overlap = ra.intersected(rb);
                if (ra.isEmpty() || rb.isEmpty() ||
                    overlap.width() * overlap.height() <
                        0.5 * std::min(ra.width() * ra.height(), rb.width() * rb.height()))
                    continue;
                const auto onConvention = [&](const Located& l, const QRectF& r) {
                    const bool above = l.table ? convention.tablesAbove : convention.figuresAbove;
                    return r == (above ? l.sides.above : l.sides.below);
                };
                const bool aKeeps = onConvention(*a, ra) || !onConvention(*b, rb);
                const auto& loser = aKeeps ? b : a;
                const QRectF lost = aKeeps ? rb : ra;
                chosen[loser.key()] =
                    lost == loser->sides.above ? loser->sides.below : loser->sides.above;
            }
        }
        return chosen;
    };
    for (int pass = 0; pass < 4; ++pass) {
        QHash<int, QList<pdf::CaptionPlacement>> byPage;
        bool fresh = false;
        for (const pdf::CaptionPlacement& placement : captions) {
            byPage[placement.page].append(placement);
            fresh = fresh || !located.contains(paper.figures.at(placement.figure).id);
        }
        if (!fresh)
            break;
        for (auto it = byPage.cbegin(); it != byPage.cend(); ++it) {
            if (cancelled(cancel))
                return false;
            const int index = it.key();
            const bool anyNew = std::any_of(
                it.value().cbegin(), it.value().cend(), [&](const pdf::CaptionPlacement& c) {
                    return !located.contains(paper.figures.at(c.figure).id);
                });
            if (!anyNew || index < 0 || index >= pages.size())
                continue;
            const std::unique_ptr<Poppler::Page> page(document.page(index));
            if (!page)
                continue;
            const QImage image = page->renderToImage(
                72, 72, -1, -1, -1, -1, Poppler::Page::Rotation(pages.at(index).rotation));
            QList<pdf::PdfLine> furniture;
            for (const pdf::PdfLine& line : rawPages.at(index).lines) {
                const bool kept =
                    std::any_of(pages.at(index).lines.cbegin(), pages.at(index).lines.cend(),
                                [&](const pdf::PdfLine& k) {
                                    return k.box == line.box && k.text == line.text;
                                });
                if (!kept)
                    furniture.append(line);
            }
            QList<pdf::CaptionOnPage> onPage;
            for (const pdf::CaptionPlacement& placement : it.value())
                onPage.append({placement.figure, placement.box, placement.table});
            const pdf::FigureRegionFinder finder(image, pages.at(index).lines, furniture, onPage,
                                                 body);
            const QList<pdf::FigureRegionFinder::Sides> sides = finder.candidates();
            for (int c = 0; c < onPage.size(); ++c) {
                pdf::FigureRegionFinder::Sides found = sides.value(c);
                // Neither side: the older guess between caption and running text.
                if (found.above.isEmpty() && found.below.isEmpty())
                    found.above = pdf::figureRegion(pages.at(index), onPage.at(c).box, body);
                located.insert(paper.figures.at(onPage.at(c).figure).id,
                               {index, onPage.at(c).table, found});
            }
        }
        // Text inside figures and tables (cells, axis labels) is not body text:
        // read the structure again without it.
        const QHash<QString, QRectF> chosen = choose();
        QHash<int, QList<QRectF>> drawnAreas;
        for (auto it = chosen.cbegin(); it != chosen.cend(); ++it) {
            if (!it->isEmpty())
                drawnAreas[located.value(it.key()).page].append(*it);
        }
        if (drawnAreas.isEmpty())
            break;
        QList<pdf::PdfPage> bodyPages = pages;
        for (pdf::PdfPage& page : bodyPages) {
            const QList<QRectF> areas = drawnAreas.value(page.index);
            page.lines.removeIf([&](const pdf::PdfLine& line) {
                return std::any_of(areas.cbegin(), areas.cend(), [&](const QRectF& area) {
                    return area.contains(line.box.center());
                });
            });
        }
        Paper reread;
        reread.source = paper.source;
        reread.warnings = paper.warnings;
        pdf::PdfStructure again(bodyPages, firstPagesRaw);
        again.fill(reread);
        // Keep every caption found before (none lies inside a region).
        for (const Figure& figure : paper.figures) {
            const bool present = std::any_of(reread.figures.cbegin(), reread.figures.cend(),
                                             [&](const Figure& f) { return f.id == figure.id; });
            if (!present)
                reread.figures.append(figure);
        }
        paper = reread;
        captions = again.captions();
    }
    const QHash<QString, QRectF> chosen = choose();
    struct Crop {
        int figure = 0;
        int page = 0;
        QRectF region;
    };
    QList<Crop> crops;
    for (int f = 0; f < paper.figures.size(); ++f) {
        const QString& id = paper.figures.at(f).id;
        const QRectF region = chosen.value(id);
        // A sliver (a rule under a caption whose table was not found) is no picture:
        // the figure keeps its caption and has none, rather than a blank one.
        constexpr double kSmallestSide = 24.0; // points, a third of an inch
        if (!region.isEmpty() && located.contains(id) && region.width() >= kSmallestSide &&
            region.height() >= kSmallestSide)
            crops.append({f, located.value(id).page, region});
    }
    // Rendering crops at video resolution is most of an import's time: a second
    // thread with its own document (Poppler documents are not shared between
    // threads) takes every other crop.
    // One slot per crop, each written by one thread only.
    std::vector<QByteArray> pngs(std::size_t(crops.size()));
    const auto render = [&](Poppler::Document& doc, int first) {
        for (int c = first; c < crops.size(); c += 2) {
            if (cancelled(cancel))
                return;
            const std::unique_ptr<Poppler::Page> page(doc.page(crops.at(c).page));
            if (page)
                pngs[std::size_t(c)] = pdf::renderRegionPng(*page, crops.at(c).region,
                                                            pages.at(crops.at(c).page).rotation);
        }
    };
    std::thread helper;
    std::unique_ptr<Poppler::Document> second;
    if (crops.size() >= 2) {
        const QByteArray pw = password.toUtf8();
        second = Poppler::Document::loadFromData(data, pw, pw);
        if (second && !second->isLocked()) {
            second->setRenderHint(Poppler::Document::Antialiasing);
            second->setRenderHint(Poppler::Document::TextAntialiasing);
            helper = std::thread([&] { render(*second, 1); });
        }
    }
    render(document, 0);
    if (helper.joinable())
        helper.join();
    else if (crops.size() >= 2)
        render(document, 1);
    if (cancelled(cancel))
        return false;
    for (int c = 0; c < crops.size(); ++c) {
        const Crop& crop = crops.at(c);
        const QByteArray& png = pngs[std::size_t(c)];
        if (png.isEmpty())
            continue;
        Figure& figure = paper.figures[crop.figure];
        const pdf::PdfPage& page = pages.at(crop.page);
        figure.page = crop.page;
        figure.region = toPageFrame(crop.region, page);
        if (figure.kind != QLatin1String("table")) {
            figure.panels = pdf::FigureRegionFinder::panelsIn(page.lines, crop.region);
            for (FigurePanel& panel : figure.panels)
                panel.region = toPageFrame(panel.region, page);
        }
        figure.imageData = png;
        figure.imageSuffix = QStringLiteral("png");
    }
    return true;
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

    const pdf::PdfFontReader fonts(data, options.password);
    QList<pdf::PdfPage> pages;
    bool anyText = false;
    for (int i = 0; i < readable; ++i) {
        if (cancelled(options.cancel))
            return fail(ErrorType::Cancelled,
                        QStringLiteral("import of %1 was cancelled").arg(name));
        const std::unique_ptr<Poppler::Page> page(document.page(i));
        pdf::PdfPage layout;
        layout.index = i;
        if (page && !pdf::readPageLinesUpright(*page, i, options.cancel, &layout, fonts.page(i)))
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
    const QList<pdf::PdfPage> rawPages = pages;
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
    if (renderFigures && !structure.captions().isEmpty()) {
        document.setRenderHint(Poppler::Document::Antialiasing);
        document.setRenderHint(Poppler::Document::TextAntialiasing);
        if (!locateFigures(document, data, options.password, rawPages, pages, firstPagesRaw,
                           structure.captions(), paper, options.cancel))
            return fail(ErrorType::Cancelled,
                        QStringLiteral("import of %1 was cancelled").arg(name));
    }
    // Sentences on a page read sideways are placed in the page's own frame too.
    for (SentencePlace& place : paper.places) {
        for (int b = 0; b < place.boxes.size(); ++b) {
            const int index = place.pages.value(b, place.page);
            if (index >= 0 && index < pages.size() && pages.at(index).rotation != 0)
                place.boxes[b] = toPageFrame(place.boxes.at(b), pages.at(index));
        }
    }
    // The file's own creation date is the last resort: publishers make the PDF
    // when they publish, but a scan or a re-saved copy can be years younger.
    if (paper.year == 0) {
        const int made = document.creationDate().date().year();
        if (made >= 1990 && made <= QDate::currentDate().year())
            paper.year = made;
    }
    if (paper.title.isEmpty())
        paper.warnings.append(QStringLiteral("no title found on the first page"));
    if (paper.sections.isEmpty() && paper.abstract.isEmpty())
        paper.warnings.append(
            QStringLiteral("no sections or abstract recognised; the text may be out of order"));
    return paper;
}

} // namespace hh
