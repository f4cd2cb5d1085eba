// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <atomic>

namespace Poppler {
class Page;
}

namespace hh::pdf {

// One visual line of text as Poppler's reading order gives it (columns already
// separated). `size` is the median word-box height: Poppler does not expose font
// sizes, and the median is robust against superscripts and tall symbols.
struct PdfWord {
    QString text;
    QRectF box; // points, origin top-left
};

struct PdfLine {
    QString text;
    QRectF box; // points, origin top-left
    double size = 0;
    int page = 0;
    QList<PdfWord> words; // in reading order; their texts joined make `text`
    // Widest gap between two neighbouring words, in points: running text has
    // word spaces, a table row has gaps between its cells.
    double widestGap() const;
};

struct PdfPage {
    int index = 0;
    QSizeF size;
    QList<PdfLine> lines;
};

// Words of one page grouped into lines. Returns false when `cancel` was raised
// during the extraction.
bool readPageLines(const Poppler::Page& page, int pageIndex, const std::atomic_bool* cancel,
                   PdfPage* out);

// Removes running headers/footers, page numbers and margin line numbers: text
// in the top/bottom margins that repeats across pages, and bare numbers outside
// the text block.
void dropPageFurniture(QList<PdfPage>& pages);

// The font size (box height) that most characters of the document are set in.
double bodyTextSize(const QList<PdfPage>& pages);

} // namespace hh::pdf
