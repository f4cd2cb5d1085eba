// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DocxBody.h"
#include "Paper.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace hh {

// A picture that qualifies as a figure, before its bytes are read.
struct DocxFigureCandidate {
    DocxImage image;
    QString label;   // "Figure 2" / "Рисунок 2", empty for an uncaptioned picture
    QString caption; // caption text without the label
};

// What the manuscript says about itself, decided from the flattened paragraphs.
struct DocxStructure {
    QString title;
    QList<Author> authors;
    QList<AbstractPart> abstract;
    QList<Section> sections;
    int references = 0;
    QList<DocxFigureCandidate> figures;
    QStringList warnings;
};

// Figure rule: a picture is a figure when a figure caption ("Figure N", "Fig. N",
// "Рис. N", "Рисунок N" or a Caption-styled paragraph that is not a table
// caption) sits next to it; an uncaptioned picture counts only when it is
// displayed at least kMinFigureSidePx on both sides and kMinFigureLongSidePx on
// its longer side, which leaves out logos, icons and equation images.
constexpr double kMinFigureSidePx = 50.0;
constexpr double kMinFigureLongSidePx = 200.0;

// `coreTitle` is docProps/core.xml's dc:title (used only when it looks like a
// real title and the document has no Title paragraph).
DocxStructure analyzeDocx(const DocxBody& body, const QString& coreTitle);

} // namespace hh
