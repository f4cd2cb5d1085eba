// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace hh {

// How many syllables a narrator says for one written word, as captions show it
// (punctuation attached). The word aligner spreads a stretch of speech over its
// words in proportion to this, so what matters is the spoken length, not the
// spelling: "3.5" is "three point five" (3), "1,204" is "one thousand two
// hundred four" (7), "DNA" is spelled out (3), "mRNA" is "m-R-N-A" (4), "IL-6"
// is "I-L-six" (3), "%" adds "percent" (2), a lone Greek letter is its name.
// Ordinary words use English vowel-group rules with the common silent endings;
// other alphabets (Cyrillic, Greek, accented Latin) count their vowel letters.
// A word with nothing to say (a dash) is 0; anything else at least 1.
int estimateSyllables(const QString& word);

// Syllables of a whole number said in English ("1204" → 7). When `mayBeYear`,
// a four-digit number from 1100 to 2099 is said as a year, in two pairs
// ("2019" → "twenty nineteen" → 4).
int numberSyllables(const QString& digits, bool mayBeYear = true);

} // namespace hh
