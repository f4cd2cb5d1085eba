// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Ground truth for PDF import tests: readers for the third-party formats of the
// shared corpus (CERMINE, GROBID TEI, GROBID training TEI, docling Markdown,
// publisher/EuropePMC JATS), the project's own tests/data/pdf-truth/*.json, and
// the comparisons the PDF tests share (heading keys, figure label keys).
#include "Paper.h"

#include <QByteArray>
#include <QList>
#include <QRectF>
#include <QString>
#include <QStringList>

namespace hh::test {

// A figure or table the truth says is printed in the PDF.
struct TruthFigure {
    QString label;                           // as printed: "Fig. 1", "Table II."
    QString kind = QStringLiteral("figure"); // "figure" or "table"
    int page = -1;                           // 0-based; -1 unknown
    QRectF region;                           // PDF points, origin top-left; empty when unknown
};

// What a ground-truth file says about a paper. Empty fields are unknown, not
// "none": a header-only truth has no headings but the paper does.
struct Truth {
    QString title;
    QStringList authors;
    QString abstract;
    QStringList headings;
    QList<int> headingLevels; // parallel to headings: 1 top level, 2 its subsections …
    // CERMINE keeps top-level headings only (see readCermine): a paper's
    // subsections are then missing from the truth, not spurious.
    bool headingsTopLevelOnly = false;
    QList<TruthFigure> figures;
    // The truth enumerates the paper's figures and tables, so an empty `figures`
    // means the paper has none (PeerJ negative case), not that nobody looked.
    bool figuresKnown = false;
};

// One corpus PDF and the ground-truth files that describe it.
struct TruthSource {
    QString pdf;       // corpus-relative: "pdf/x.pdf"
    QString kind;      // cermine | tei | grobid | docling | jats | none
    QStringList files; // corpus-relative ground-truth files
    QString truthJson; // absolute path of tests/data/pdf-truth/<base>.json, or empty
};

QByteArray readCorpus(const QString& relative);

Truth readCermine(const QByteArray& data);
Truth readGrobidTei(const QByteArray& data);
Truth readGrobidTraining(const QByteArray& data, Truth truth = {});
Truth readDoclingMarkdown(const QByteArray& data);
Truth readJats(const QByteArray& data);
// `kind` as in TruthSource; the files are read from the corpus.
Truth readTruth(const QString& kind, const QStringList& files);

// Overlays a project-owned JSON truth (tests/data/pdf-truth) on `truth`: every
// key present replaces the corpus value ("figures" adds regions to figures of the
// same label and appends the others). Returns false with `error` when unreadable.
bool applyTruthJson(const QString& path, Truth* truth, QString* error = nullptr);
// Folder of the project-owned JSON truths.
QString truthJsonDir();

// Every PDF of the corpus that has ground truth (MANIFEST.tsv rows "ground_truth/…
// (is GT for pdf/…)"), plus every PDF that only has a project JSON truth, sorted by
// PDF path. Ground-truth formats the readers do not know are left out.
QList<TruthSource> pdfTruthSources();

// Headings compared without their numbering ("2.1", "IV.") and case.
QString headingKey(const QString& heading);
// Share of expected headings found among ours. GROBID sometimes merges two
// consecutive headings ("Model 2.1 Overview"), so adjacent pairs count too.
double headingRecall(const QStringList& expected, const QList<Section>& sections,
                     QStringList* missing = nullptr);
// Front and back matter a truth may leave out of its body headings ("References",
// "Acknowledgements", "Keywords", "Supplementary material" …).
bool isFrontOrBackMatterHeading(const QString& heading);

// "Fig. 3" → "figure 3", "TABLE II." → "table 2", "Table A1" → "table a1";
// "Supplementary Figure 1" keeps its prefix so it never matches "Figure 1".
QString figureLabelKey(const QString& label);

// Abstract parts with their labels ("Background …"), as compared with the truth.
QString abstractWithLabels(const Paper& paper);

} // namespace hh::test
