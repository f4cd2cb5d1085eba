// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace hh {

class XmlElement;
class DocxStyles;

// An image placed in the text: DrawingML (a:blip) or legacy VML (v:imagedata).
struct DocxImage {
    QString relationshipId; // into word/_rels/document.xml.rels
    bool linked = false;    // r:link: the picture lives outside the package
    double widthPx = 0;     // displayed size at 96 dpi; 0 when unknown
    double heightPx = 0;
};

// One paragraph of word/document.xml with what the structure step needs to
// know about its formatting. Paragraphs inside tables are kept (flagged) so
// that figures laid out in tables are found, but their text is never body text.
struct DocxBlock {
    QString text;                   // visible text, whitespace collapsed
    QString textWithoutSuperscript; // for bylines: "Ann Lee¹ ²" -> "Ann Lee"
    QString boldLead;               // leading bold text, e.g. "Methods:" of a structured abstract
    QString styleId;
    int headingLevel = 0; // 1-based from the style or w:outlineLvl; 0 for body text
    bool titleStyle = false;
    bool subtitleStyle = false;
    bool captionStyle = false;
    bool allBold = false;  // every visible character is bold
    int maxHalfPoints = 0; // largest font size of a visible run
    int tableIndex = -1;   // >= 0 for paragraphs inside the n-th table
    QList<DocxImage> images;
    int charts = 0; // DrawingML charts (c:chart): not images

    bool inTable() const { return tableIndex >= 0; }
    bool isEmpty() const { return text.isEmpty() && images.isEmpty() && charts == 0; }
};

struct DocxBody {
    QList<DocxBlock> blocks;
    // Complete field instructions ("ADDIN ZOTERO_ITEM CSL_CITATION {…}"), kept out
    // of the text but useful to count citations.
    QStringList fieldInstructions;
    int tables = 0;
    int bodyHalfPoints = 0; // the font size most characters use
};

// Flattens <w:document> into paragraphs. Deleted text, field instructions,
// hidden runs, footnote marks and text-box contents never reach the text.
DocxBody readDocxBody(const XmlElement& document, const DocxStyles& styles);

} // namespace hh
