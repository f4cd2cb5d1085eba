// SPDX-License-Identifier: GPL-3.0-or-later
#include "PdfFigureRegions.h"

#include <QRegularExpression>
#include <algorithm>
#include <cmath>

namespace hh::pdf {

namespace {

// Blobs are found on a grid of cells this many points wide: coarse enough to
// join the strokes, labels and ticks of one drawing, fine enough to keep two
// figures a few points apart separate.
constexpr int kCell = 3;
// A pixel lighter than this is paper (anti-aliasing halos and faint page tints
// are not ink).
constexpr int kPaper = 238;
// Drawings smaller than this (points²) on their own are rules, bullets or
// stray marks, never a figure.
constexpr double kMinRegionArea = 900;

bool overlapsSpan(const QRectF& box, double left, double right) {
    return box.right() > left + 1 && box.left() < right - 1;
}

} // namespace

bool FigureRegionFinder::isRunningText(const PdfLine& line, double bodySize) {
    // Mostly letters; a full line of figures ("39.61–113.44 kg CO2/year, …")
    // is running text too when it spans the column with word spaces.
    const double letters = letterShare(line.text);
    if (line.text.size() < 35 || letters < 0.3 ||
        (letters < 0.6 && line.box.width() < 22 * bodySize))
        return false;
    if (std::abs(line.size - bodySize) > 0.15 * bodySize)
        return false;
    // Cells of a table row stand apart; words of a sentence are a space apart.
    return line.widestGap() <= 2.2 * std::max(line.size, bodySize) &&
           line.box.width() >= 12 * bodySize;
}

namespace {

// Some fonts declare a bounding box far taller than their letters and Poppler
// sizes words by it (boxes 1.7 times the font size), so the boxes of one line
// cover the rules and cells around it. Erasing and bounding use boxes of about
// the letters' height instead. Returns the factor the boxes were too tall by.
double shrinkTallBoxes(QList<PdfLine>& lines) {
    QList<double> ratios;
    for (const PdfLine& line : lines) {
        if (line.fontSize > 0 && line.size > 0)
            ratios.append(line.size / line.fontSize);
    }
    if (ratios.isEmpty())
        return 1;
    std::nth_element(ratios.begin(), ratios.begin() + ratios.size() / 2, ratios.end());
    const double ratio = ratios.at(ratios.size() / 2);
    if (ratio < 1.3)
        return 1;
    const auto shrink = [](const QRectF& box, double size) {
        return QRectF(box.left(), box.center().y() - 0.55 * size, box.width(), 1.1 * size);
    };
    for (PdfLine& line : lines) {
        const double size = line.fontSize > 0 ? line.fontSize : line.size / ratio;
        line.box = shrink(line.box, size);
        for (PdfWord& word : line.words)
            word.box = shrink(word.box, word.fontSize > 0 ? word.fontSize : size);
        line.size = 1.1 * size;
    }
    return ratio / 1.1;
}

} // namespace

FigureRegionFinder::FigureRegionFinder(const QImage& page, const QList<PdfLine>& pageLines,
                                       const QList<PdfLine>& furniture,
                                       const QList<CaptionOnPage>& pageCaptions, double bodySize)
    : m_lines(pageLines)
    , m_captions(pageCaptions)
    , m_body(bodySize > 0 ? bodySize : 10) {
    if (const double tooTall = shrinkTallBoxes(m_lines); tooTall > 1) {
        m_body /= tooTall;
        const double inset = 0.5 * (bodySize - m_body);
        for (CaptionOnPage& caption : m_captions)
            caption.box.adjust(0, inset, 0, -inset);
    }
    const QList<PdfLine>& lines = m_lines;
    const QList<CaptionOnPage>& captions = m_captions;
    m_pageSize = page.size();
    m_textLeft = m_pageSize.width();
    m_textRight = 0;
    for (const PdfLine& line : lines) {
        if (line.text.size() >= 20) {
            m_textLeft = std::min(m_textLeft, line.box.left());
            m_textRight = std::max(m_textRight, line.box.right());
        }
    }
    if (m_textRight <= m_textLeft) {
        m_textLeft = 0;
        m_textRight = m_pageSize.width();
    }

    // Captions look like running text but belong to their figure; they are
    // erased and bound regions through the caption list.
    const auto inCaption = [&](const PdfLine& line) {
        return std::any_of(captions.cbegin(), captions.cend(), [&](const CaptionOnPage& c) {
            return c.box.adjusted(-1, -1, 1, 1).contains(line.box.center());
        });
    };
    QList<int> running;
    for (int i = 0; i < lines.size(); ++i) {
        if (isRunningText(lines.at(i), m_body) && !inCaption(lines.at(i)))
            running.append(i);
    }
    QList<QRectF> erased;
    for (int i : running) {
        const PdfLine& line = lines.at(i);
        erased.append(line.box);
        // A lone line of running length may be a row of a table with text cells;
        // only a line with a running neighbour (a paragraph) ends a region.
        const bool paragraph = std::any_of(running.cbegin(), running.cend(), [&](int j) {
            const PdfLine& other = lines.at(j);
            return j != i && std::abs(other.box.left() - line.box.left()) < 3 * m_body &&
                   std::abs(other.box.center().y() - line.box.center().y()) < 2.2 * line.size;
        });
        if (paragraph)
            m_bounds.append(line.box);
    }
    // The short last line of a paragraph and a heading over one are text too:
    // they sit a line's pitch from running text, aligned with it.
    for (int i = 0; i < lines.size(); ++i) {
        const PdfLine& line = lines.at(i);
        if (running.contains(i) || inCaption(line) || letterShare(line.text) < 0.6 ||
            line.size < 0.9 * m_body)
            continue;
        const bool besideParagraph = std::any_of(running.cbegin(), running.cend(), [&](int j) {
            const PdfLine& other = lines.at(j);
            const double below = other.box.top() - line.box.top(); // heading over text
            const double above = line.box.top() - other.box.top(); // last line of text
            return (below > 0 && below <= 2.5 * std::max(line.size, m_body) &&
                    std::abs(other.box.left() - line.box.left()) <= 3 * m_body) ||
                   (above > 0 && above <= 1.6 * std::max(line.size, m_body) &&
                    std::abs(other.box.left() - line.box.left()) <= 2);
        });
        if (besideParagraph) {
            erased.append(line.box);
            m_bounds.append(line.box);
        }
    }
    for (const PdfLine& line : furniture)
        erased.append(line.box);
    for (const CaptionOnPage& caption : captions)
        erased.append(caption.box);

    // Ink on a grid of cells, with the erased text left out.
    const QImage gray = page.convertToFormat(QImage::Format_Grayscale8);
    const int columns = (gray.width() + kCell - 1) / kCell;
    const int rows = (gray.height() + kCell - 1) / kCell;
    if (columns <= 0 || rows <= 0)
        return;
    QList<quint8> ink(qsizetype(columns) * rows, 0);
    QImage mask(gray.size(), QImage::Format_Grayscale8);
    mask.fill(0);
    for (const QRectF& box : erased) {
        const QRect r = box.adjusted(-1, -1, 1, 1).toAlignedRect().intersected(mask.rect());
        for (int y = r.top(); y <= r.bottom(); ++y)
            std::fill_n(mask.scanLine(y) + r.left(), r.width(), quint8(1));
    }
    m_ink = QImage(gray.size(), QImage::Format_Grayscale8);
    m_ink.fill(0);
    for (int y = 0; y < gray.height(); ++y) {
        const uchar* pixels = gray.constScanLine(y);
        const uchar* erasedRow = mask.constScanLine(y);
        uchar* inkRow = m_ink.scanLine(y);
        for (int x = 0; x < gray.width(); ++x) {
            if (pixels[x] < kPaper && !erasedRow[x]) {
                ink[qsizetype(y / kCell) * columns + x / kCell] = 1;
                inkRow[x] = 255;
            }
        }
    }
    // Connected cells, bridging gaps of one cell.
    QList<int> label(ink.size(), -1);
    QList<int> stack;
    for (int start = 0; start < ink.size(); ++start) {
        if (!ink.at(start) || label.at(start) >= 0)
            continue;
        const int id = int(m_blobs.size());
        QRect cells(start % columns, start / columns, 1, 1);
        stack = {start};
        label[start] = id;
        while (!stack.isEmpty()) {
            const int at = stack.takeLast();
            const int cx = at % columns;
            const int cy = at / columns;
            cells = cells.united(QRect(cx, cy, 1, 1));
            for (int dy = -2; dy <= 2; ++dy) {
                for (int dx = -2; dx <= 2; ++dx) {
                    const int nx = cx + dx;
                    const int ny = cy + dy;
                    if (nx < 0 || ny < 0 || nx >= columns || ny >= rows)
                        continue;
                    const int n = ny * columns + nx;
                    if (ink.at(n) && label.at(n) < 0) {
                        label[n] = id;
                        stack.append(n);
                    }
                }
            }
        }
        m_blobs.append(QRect(cells.x() * kCell, cells.y() * kCell, cells.width() * kCell,
                             cells.height() * kCell)
                           .intersected(QRect(QPoint(0, 0), gray.size())));
    }
}

QPair<double, double> FigureRegionFinder::spanOf(const QRectF& caption) const {
    const double width = m_pageSize.width();
    const bool wide = caption.width() > 0.55 * (m_textRight - m_textLeft);
    const bool centred =
        std::abs(caption.center().x() - (m_textLeft + m_textRight) / 2) < 0.08 * width &&
        caption.width() > 0.3 * (m_textRight - m_textLeft);
    if (wide || centred)
        return {m_textLeft - 4, m_textRight + 4};
    return {caption.left() - 4, caption.right() + 4};
}

QRectF FigureRegionFinder::regionOnSide(int index, bool above) const {
    const CaptionOnPage& caption = m_captions.at(index);
    const QPair<double, double> span = spanOf(caption.box);
    const double left = span.first;
    const double right = span.second;
    // The zone runs from the caption to the nearest paragraph or other caption.
    double limit = above ? 0 : m_pageSize.height();
    const auto bound = [&](const QRectF& box) {
        if (!overlapsSpan(box, left, right))
            return;
        if (above && box.bottom() <= caption.box.top() + 1)
            limit = std::max(limit, box.bottom());
        else if (!above && box.top() >= caption.box.bottom() - 1)
            limit = std::min(limit, box.top());
    };
    for (const QRectF& box : m_bounds)
        bound(box);
    for (int c = 0; c < m_captions.size(); ++c) {
        if (c != index)
            bound(m_captions.at(c).box);
    }
    const double zoneTop = above ? limit : caption.box.bottom();
    const double zoneBottom = above ? caption.box.top() : limit;
    if (zoneBottom - zoneTop < 8)
        return {};

    QRectF region;
    double spanLeft = left;
    double spanRight = right;
    // Two passes: a drawing wider than the caption widens the span for its labels.
    for (int pass = 0; pass < 2; ++pass) {
        for (const QRect& blob : m_blobs) {
            const QRectF b(blob);
            if (!overlapsSpan(b, spanLeft, spanRight))
                continue;
            // Mostly inside the zone; a blob reaching through a paragraph is
            // something else (a page border, a sidebar).
            const double inside = std::min(b.bottom(), zoneBottom) - std::max(b.top(), zoneTop);
            if (inside < 0.6 * b.height())
                continue;
            // A blob reaching into the other column beyond the text block is not
            // part of this column's figure.
            if (b.left() < m_textLeft - 40 || b.right() > m_textRight + 40)
                continue;
            // A rule along a figure's caption is the caption's frame or band
            // (blobs are whole cells, so a hairline is a cell or two tall).
            const double fromCaption =
                above ? caption.box.top() - b.bottom() : b.top() - caption.box.bottom();
            if (!caption.table && b.height() <= 2 * kCell && fromCaption < 12)
                continue;
            region = region.isNull() ? b : region.united(b);
        }
        if (region.isNull())
            break;
        spanLeft = std::min(spanLeft, region.left());
        spanRight = std::max(spanRight, region.right());
    }
    if (region.isNull())
        return {};
    region = region.intersected(QRectF(0, zoneTop, m_pageSize.width(), zoneBottom - zoneTop));
    // Text inside the drawing (axis titles, legends, table cells) is part of it:
    // a line of non-running text overlapping the region's edge widens it.
    for (const PdfLine& line : m_lines) {
        if (isRunningText(line, m_body) || !line.box.intersects(region.adjusted(-3, -3, 3, 3)) ||
            m_bounds.contains(line.box))
            continue;
        if (line.box.top() < zoneTop - 1 || line.box.bottom() > zoneBottom + 1)
            continue;
        region = region.united(line.box);
    }
    if (caption.table && !above)
        region = withoutTableNotes(region);
    region = tightened(region);
    if (region.width() * region.height() < kMinRegionArea)
        return {};
    return region;
}

QRectF FigureRegionFinder::tightened(const QRectF& region) const {
    // Blobs are whole cells; the picture ends where its ink ends (plus a point,
    // so anti-aliased edges are not cut).
    const QRect r = region.toAlignedRect().intersected(m_ink.rect());
    int top = r.bottom() + 1;
    int bottom = r.top() - 1;
    int left = r.right() + 1;
    int right = r.left() - 1;
    for (int y = r.top(); y <= r.bottom(); ++y) {
        const uchar* row = m_ink.constScanLine(y);
        for (int x = r.left(); x <= r.right(); ++x) {
            if (!row[x])
                continue;
            top = std::min(top, y);
            bottom = std::max(bottom, y);
            left = std::min(left, x);
            right = std::max(right, x);
        }
    }
    if (bottom < top)
        return {};
    // Text inside the region was not all drawn as ink above the threshold
    // (thin fonts); its boxes count too.
    QRectF tight(QPointF(left, top), QPointF(right + 1, bottom + 1));
    for (const PdfLine& line : m_lines) {
        if (region.contains(line.box.center()) && !isRunningText(line, m_body))
            tight = tight.united(line.box.intersected(region));
    }
    return tight.adjusted(-1, -1, 1, 1).intersected(QRectF(QPointF(0, 0), m_pageSize));
}

QRectF FigureRegionFinder::withoutTableNotes(const QRectF& region) const {
    // Notes under a table ("Notes.", "Source: …", "* p < 0.05", "a Adjusted …")
    // belong to its caption material, not to the grid of the table.
    static const QRegularExpression note(
        QStringLiteral("^(notes?|source|sources|abbreviations?|key|legend)\\b\\s*[.:]?|^[*†‡§¶#]|^["
                       "a-e]\\s+\\p{Lu}"),
        QRegularExpression::CaseInsensitiveOption);
    double cut = region.bottom();
    for (const PdfLine& line : m_lines) {
        if (!region.contains(line.box.center()) ||
            line.box.top() < region.top() + 0.3 * region.height())
            continue;
        if (note.match(line.text).hasMatch() && line.box.left() < region.left() + 3 * m_body)
            cut = std::min(cut, line.box.top() - 1);
    }
    if (cut >= region.bottom())
        return region;
    return QRectF(region.topLeft(), QPointF(region.right(), cut));
}

QList<FigureRegionFinder::Sides> FigureRegionFinder::candidates() const {
    QList<Sides> out;
    for (int i = 0; i < m_captions.size(); ++i)
        out.append({regionOnSide(i, true), regionOnSide(i, false)});
    return out;
}

CaptionConvention CaptionConvention::learn(const QList<FigureRegionFinder::Sides>& figures,
                                           const QList<FigureRegionFinder::Sides>& tables) {
    const auto vote = [](const QList<FigureRegionFinder::Sides>& sides, bool fallback) {
        int above = 0;
        int below = 0;
        for (const auto& s : sides) {
            above += (!s.above.isEmpty() && s.below.isEmpty()) ? 1 : 0;
            below += (s.above.isEmpty() && !s.below.isEmpty()) ? 1 : 0;
        }
        return above == below ? fallback : above > below;
    };
    return {vote(figures, true), vote(tables, false)};
}

QRectF chooseSide(const FigureRegionFinder::Sides& sides, bool table,
                  const CaptionConvention& convention) {
    const bool above = table ? convention.tablesAbove : convention.figuresAbove;
    const QRectF& preferred = above ? sides.above : sides.below;
    const QRectF& other = above ? sides.below : sides.above;
    const auto area = [](const QRectF& r) { return r.isEmpty() ? 0.0 : r.width() * r.height(); };
    // The other side wins only when the convention's side has (almost) nothing.
    return !preferred.isEmpty() && area(preferred) >= 0.25 * area(other) ? preferred : other;
}

QList<FigurePanel> FigureRegionFinder::panelsIn(const QList<PdfLine>& lines, const QRectF& region) {
    static const QRegularExpression letter(QStringLiteral("^\\(?([A-Ha-h])[).:]?\\)?$"));
    struct Mark {
        QChar letter;
        QRectF box;
    };
    QList<Mark> marks;
    for (const PdfLine& line : lines) {
        if (!region.intersects(line.box))
            continue;
        for (const PdfWord& word : line.words) {
            const auto m = letter.match(word.text.trimmed());
            if (m.hasMatch() && region.contains(word.box.center()))
                marks.append({m.captured(1).at(0).toUpper(), word.box});
        }
    }
    // Panels run A, B, C … without gaps; a stray "a" in a legend is no panel.
    std::sort(marks.begin(), marks.end(),
              [](const Mark& a, const Mark& b) { return a.letter < b.letter; });
    QList<Mark> panels;
    for (const Mark& mark : marks) {
        const QChar expected = QChar(char16_t(u'A' + panels.size()));
        if (mark.letter == expected)
            panels.append(mark);
    }
    if (panels.size() < 2)
        return {};
    // Each panel runs right to the next mark on its row and down to the next row.
    QList<FigurePanel> out;
    for (const Mark& mark : panels) {
        double right = region.right();
        double bottom = region.bottom();
        for (const Mark& other : panels) {
            if (&other == &mark)
                continue;
            const bool sameRow = std::abs(other.box.top() - mark.box.top()) < 2 * mark.box.height();
            if (sameRow && other.box.left() > mark.box.right())
                right = std::min(right, other.box.left() - 2);
            else if (!sameRow && other.box.top() > mark.box.bottom() &&
                     other.box.right() > mark.box.left() - 20)
                bottom = std::min(bottom, other.box.top() - 2);
        }
        const QRectF panel(QPointF(std::max(region.left(), mark.box.left() - 4),
                                   std::max(region.top(), mark.box.top() - 4)),
                           QPointF(right, bottom));
        if (panel.width() > 10 && panel.height() > 10)
            out.append({QString(mark.letter), panel});
    }
    return out;
}

} // namespace hh::pdf
