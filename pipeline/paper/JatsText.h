// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "XmlTree.h"

#include <QString>

namespace hh::jats {

// The reading text of a JATS element: inline markup (italic, xref, sup, MathML …)
// is flattened, floating objects (figures, tables, display formulas, supplementary
// material) are dropped because they are captured separately or are not prose, and
// block elements are separated by a space. The result is passed through cleanText.
QString flatten(const XmlElement& element);
QString flatten(const XmlElement* element);

// True for elements that flatten() leaves out entirely (figures, tables, display
// formulas, DOI anchors …), so callers walking children can skip them the same way.
bool isDroppedInText(const QString& localName);

// An <aff> as one line: the label ("1", "a") is dropped and adjacent parts that
// publishers tag without punctuation (institution, city, country) are joined by ", ".
QString flattenAffiliation(const XmlElement& aff);

// A caption as title and paragraphs, the title closed with a full stop when it has none.
QString flattenCaption(const XmlElement& caption);

// The first four-digit year in the text that is plausible for a publication (1600–2100), or 0.
int plausibleYear(const QString& text);

} // namespace hh::jats
