// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Paper.h"
#include "PdfLayout.h"

#include <QList>
#include <QRectF>
#include <QSet>

namespace hh::pdf {

// Where a figure caption sits, so the figure region next to it can be rendered.
struct CaptionPlacement {
    int figure = 0; // index into Paper::figures
    int page = 0;
    QRectF box;
    bool table = false;
};

// Turns the lines of a paper into its parts: title, byline, abstract, sections,
// figure captions, reference count and the metadata printed on the first pages.
// `pages` must already be free of running headers (see dropPageFurniture);
// `firstPagesText` is the unfiltered text of the first pages, where DOI, year,
// journal and licence usually sit in headers and footers.
class PdfStructure {
public:
    PdfStructure(const QList<PdfPage>& pages, const QList<PdfLine>& firstPageRawLines);

    void fill(Paper& paper);
    QList<CaptionPlacement> captions() const { return m_captions; }

private:
    struct Span {
        int first = -1;
        int last = -1; // inclusive
        // Lines between first and last that belong to another column (a sidebar
        // of dates and keywords printed beside the abstract) and are left out.
        QList<int> skipped;
        bool isValid() const { return first >= 0 && last >= first; }
    };

    double bodySizeBeforeReferences() const;
    void joinDropCaps();
    bool isStrongHeading(int index) const;
    Span findTitle() const;
    QList<Author> findAuthors(int from, int to) const;
    Span findAbstract(int from, bool hasTitle, QString* firstLineRest) const;
    QList<AbstractPart> buildAbstract(const Span& span, const QString& firstLineRest) const;
    int headingLevel(int index, QString* heading) const;
    bool endsParagraph(int index) const;
    bool startsNewParagraph(int index) const;
    bool continuesHeading(int index) const;
    struct RunIn {
        int extraLines = 0; // lines the lead-in fills before the one it ends on
        int words = 0;      // words of the lead-in on the line it ends on; 0: none
    };
    RunIn runInHead(int index) const;
    int readCaption(int index, bool table, Paper& paper);
    void readBody(int from, Paper& paper);
    bool startsUnheadedReferenceList(int line) const;
    void readTrailingCaptions(int from, Paper& paper);
    int countReferences(int from) const;
    void readMetadata(Paper& paper, const Span& title) const;
    int findYear(const Span& title) const;
    // Where each sentence of the abstract and the body is printed (Paper::places).
    void placeAllSentences(const Span& abstract, Paper& paper) const;
    void placeSentences(const QList<int>& lines, const QStringList& sentences,
                        const QStringList& ids, Paper& paper) const;
    QString joinLines(const QStringList& lines) const;

    QList<PdfLine> m_lines;
    QList<PdfLine> m_rawFirstPage;
    QList<QSizeF> m_pageSizes;
    QList<CaptionPlacement> m_captions;
    QList<QList<QList<int>>> m_paragraphLines; // section → paragraph → m_lines indices
    QSet<QString> m_vocabulary; // every word of the paper, to undo line-end hyphenation
    double m_body = 10;
    double m_pitch = 12;
    double m_columnWidth = 240; // a full line of running text
    double m_bodyFont = 0;      // font size of the body text as the PDF sets it; 0 unknown
    bool m_bodyBold = false;    // the body itself counts as bold: weight tells nothing
    bool m_bodyItalic = false;  // median
                                // distance between consecutive lines of a paragraph
};

} // namespace hh::pdf
