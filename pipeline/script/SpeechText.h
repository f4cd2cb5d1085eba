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

// A short on-screen headline for a scene: the most telling number with its unit
// ("44,770 rpm", "95%", "3.5×", "n = 1,204") when the text has one, else empty.
QString keyNumberPhrase(const QString& text);

} // namespace hh
