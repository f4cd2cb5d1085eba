// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PdfFonts.h"

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
    QRectF box;          // points, origin top-left
    double fontSize = 0; // as the PDF sets it; 0 when unknown
    bool bold = false;
    bool italic = false;
};

struct PdfLine {
    QString text;
    QRectF box; // points, origin top-left
    double size = 0;
    int page = 0;
    QList<PdfWord> words; // in reading order; their texts joined make `text`
    double fontSize = 0;  // the font size most of its letters are set in; 0 unknown
    bool bold = false;    // every word with letters is bold
    bool italic = false;  // every word with letters is italic
    // Widest gap between two neighbouring words, in points: running text has
    // word spaces, a table row has gaps between its cells.
    double widestGap() const;
    // Recomputes fontSize and bold from the words.
    void updateFont();
};

struct PdfPage {
    int index = 0;
    QSizeF size; // as read: width and height swap on a page read sideways
    QList<PdfLine> lines;
    // Quarter turns clockwise the page was read with (Poppler::Page::Rotation):
    // 1 or 3 for a page printed sideways (a landscape table), else 0. Boxes,
    // regions and renders of the page are all in that turned frame.
    int rotation = 0;
    qsizetype horizontalChars = 0; // letters of words read as horizontal text
    qsizetype verticalChars = 0;   // letters of words left out as vertical
};

// Words of one page grouped into lines. Returns false when `cancel` was raised
// during the extraction.
// `fonts` (may be empty) gives the font of each word, from PdfFontReader.
bool readPageLines(const Poppler::Page& page, int pageIndex, const std::atomic_bool* cancel,
                   PdfPage* out, const QList<WordFont>& fonts = {}, int rotation = 0);

// Reads a page, and reads it again turned when most of its text runs vertically
// (a table printed sideways): the turn that makes the text horizontal wins.
bool readPageLinesUpright(const Poppler::Page& page, int pageIndex, const std::atomic_bool* cancel,
                          PdfPage* out, const QList<WordFont>& fonts);

// Removes running headers/footers, page numbers and margin line numbers: text
// in the top/bottom margins that repeats across pages, and bare numbers outside
// the text block.
void dropPageFurniture(QList<PdfPage>& pages);

// Share of the visible characters of `text` that are letters.
double letterShare(const QString& text);

// The font size (box height) that most characters of the document are set in.
double bodyTextSize(const QList<PdfPage>& pages);

} // namespace hh::pdf
