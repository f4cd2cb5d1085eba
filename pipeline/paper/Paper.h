// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QRectF>
#include <QString>
#include <QStringList>

namespace hh {

// The one model of a scientific paper that every importer fills and every later
// step reads. It serialises to the `import --json` shape of design/cli.md; keys
// are always present (empty strings/arrays when unknown).
//
// Every sentence of the abstract and body is addressable through sentences():
// later steps cite those IDs so a claim in a video can be traced to the paper.

struct Author {
    QString name;
    QString affiliation;
    bool operator==(const Author&) const = default;
};

struct AbstractPart {
    QString label; // "Background", "Results" … or empty for an unstructured abstract
    QString text;
    bool operator==(const AbstractPart&) const = default;
};

struct Section {
    QString heading;
    int level = 1; // 1 for a top-level section, 2 for its subsections …
    QStringList paragraphs;
    bool operator==(const Section&) const = default;
};

// A lettered part of a figure ("A", "B" …) and where it sits on the page.
struct FigurePanel {
    QString label;
    QRectF region; // PDF points, origin top-left of the page
    bool operator==(const FigurePanel&) const = default;
};

struct Figure {
    QString id;                              // stable within the paper: "fig1", "F2" …
    QString label;                           // "Figure 1", "Table 2"
    QString kind = QStringLiteral("figure"); // "figure" or "table"
    int page = -1; // 0-based page of a PDF figure, -1 when the source has no pages
    QRectF region; // PDF points, origin top-left; empty when unknown
    QList<FigurePanel> panels;
    QString caption; // flattened caption text, title first
    QString graphic; // reference to the image in the source (JATS xlink:href), may be empty
    QString image;   // path of the extracted image relative to the figures folder's parent
    // Encoded image bytes extracted from the source (PNG/JPEG/…); not serialised.
    QByteArray imageData;
    QString imageSuffix; // "png", "jpeg" … for imageData
};

// One addressable sentence. IDs are stable for a given Paper:
//   "abs<part>.s<k>"            sentence k of abstract part <part>
//   "sec<i>.p<j>.s<k>"          sentence k of paragraph j of section i
struct Sentence {
    QString id;
    QString text;
    QString where; // human-readable location: "Abstract · Results", "Discussion ¶2"
};

// Where a sentence is printed: the page and one box per line it covers (PDF
// points, origin top-left). A sentence that crosses a column or page break has
// boxes on each; `page` is the page of its first box.
struct SentencePlace {
    int page = -1;
    QList<int> pages;    // page of each box
    QList<QRectF> boxes; // one per line segment
    bool isValid() const { return page >= 0 && !boxes.isEmpty(); }
    bool operator==(const SentencePlace&) const = default;
};

struct Paper {
    QString source; // pdf | docx | jats | pubmed | pmc
    QString title;
    QList<Author> authors;
    QString journal;
    int year = 0;
    QString doi;
    QString pmid;
    QString pmcid;
    QString license;
    QList<AbstractPart> abstract;
    QList<Section> sections;
    QList<Figure> figures;
    int references = 0;
    QStringList warnings;
    // Sentence id (see sentences()) → where it is printed; PDF imports only.
    QHash<QString, SentencePlace> places;

    QString abstractText() const; // all parts joined by blank-free spaces
    QList<Sentence> sentences() const;
    int wordCount() const;

    QJsonObject toJson() const;
    static Paper fromJson(const QJsonObject& json);

    // Writes every figure that has imageData into `dir` (created if needed) as
    // <id>.<suffix> and records `image` as "<dirName>/<file>". Returns false and
    // fills `error` when a write fails.
    bool saveFigures(const QString& dir, QString* error = nullptr);
};

} // namespace hh
