// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
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

struct Figure {
    QString id;      // stable within the paper: "fig1", "F2" …
    QString label;   // "Figure 1"
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
