// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Paper.h"
#include "PdfLayout.h"

#include <QImage>
#include <QList>
#include <QRectF>

namespace hh::pdf {

// A figure or table caption found on a page, waiting for its region.
struct CaptionOnPage {
    int figure = 0; // index into Paper::figures
    QRectF box;     // the caption's lines, points
    bool table = false;
};

// Finds the region each caption belongs to, the way pdffigures2 does it, but from
// pixels rather than drawing operators: the page is rendered at one pixel per
// point, the ink of running text, captions and page furniture is erased, and what
// is left (vector drawings, pictures, the text inside figures and tables) is cut
// into blobs. A caption's region is the union of the blobs between it and the
// nearest running text or other caption, above it or below it, whichever side
// its kind prefers and has ink. Vector and raster figures are treated alike.
class FigureRegionFinder {
public:
    // `page` is the page as rendered at 72 dpi (one pixel per point); `lines` the
    // text lines of the page, `furniture` its running headers, page and line numbers.
    FigureRegionFinder(const QImage& page, const QList<PdfLine>& lines,
                       const QList<PdfLine>& furniture, const QList<CaptionOnPage>& captions,
                       double bodySize);

    // What lies above and below each caption (points; empty where nothing is),
    // in the order of the captions.
    struct Sides {
        QRectF above;
        QRectF below;
    };
    QList<Sides> candidates() const;

    // Lettered panels ("A", "(b)") inside a figure's region, each with the part
    // of the region it heads.
    static QList<FigurePanel> panelsIn(const QList<PdfLine>& lines, const QRectF& region);

    // Running text as opposed to text inside a figure or a table: body-sized
    // words with word spaces and no cell gaps.
    static bool isRunningText(const PdfLine& line, double bodySize);

private:
    QRectF regionOnSide(int caption, bool above) const;
    QRectF tightened(const QRectF& region) const;
    QRectF withoutTableNotes(const QRectF& region) const;
    QPair<double, double> spanOf(const QRectF& caption) const;

    QList<QRect> m_blobs; // connected ink, points
    QImage m_ink;         // 255 where the page has ink that was not erased
    QList<PdfLine> m_lines;
    QList<QRectF> m_bounds; // running-text lines that stop a region
    QList<CaptionOnPage> m_captions;
    double m_textLeft = 0;
    double m_textRight = 0;
    QSizeF m_pageSize;
    double m_body = 10;
};

// Which side of their captions a paper's figures and tables are drawn on. Each
// paper keeps one convention per kind; it is learnt from the captions with ink on
// one side only, and defaults to figures above and tables below their captions.
struct CaptionConvention {
    bool figuresAbove = true;
    bool tablesAbove = false;
    static CaptionConvention learn(const QList<FigureRegionFinder::Sides>& figures,
                                   const QList<FigureRegionFinder::Sides>& tables);
};

// The region of one caption from its two sides under the paper's convention.
QRectF chooseSide(const FigureRegionFinder::Sides& sides, bool table,
                  const CaptionConvention& convention);

} // namespace hh::pdf
