// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace hh {

// Turns a sentence written for readers into one written for listeners:
// citations ("[12]", "(Smith et al., 2019)"), figure and table references and
// bracketed asides are dropped; symbols and units are spelled the way a narrator
// says them ("p < 0.05" → "p less than 0.05", "±" → "plus or minus",
// "12 µm" → "12 micrometres"). Numbers themselves are never changed, so a
// cleaned sentence states exactly the numbers of its source.
QString cleanForSpeech(const QString& sentence);

// The numbers a text states, normalised for comparison ("1,204" → "1204",
// "0.05" stays, "5%" → "5"). Used to prove a narration adds no number.
QStringList numbersIn(const QString& text);

// A number with the unit a reader or listener takes with it: "86%" and "86 percent"
// are both {"86", "percent"}; in "12 and 24 h" both numbers are hours. Units are
// canonical (singular, spelled out, one spelling: "µm", "microns" and
// "micrometers" are all "micrometre"), so a narration and its source compare equal
// whichever way each writes the unit.
struct Quantity {
    QString number; // as numbersIn() gives it
    QString unit;   // canonical
    QString text;   // as written, for messages ("12 µm")
    bool operator==(const Quantity&) const = default;
};
QList<Quantity> quantitiesIn(const QString& text);

// A short on-screen headline for a scene: the most telling number with its
// comparator and unit or counted noun ("44,770 rpm", "95%", "less than 100 eggs",
// "n = 1,204") when the text has one, else empty. Never a bare number, a year, an
// identifier or a page, figure or table number.
QString keyNumberPhrase(const QString& text);

} // namespace hh
