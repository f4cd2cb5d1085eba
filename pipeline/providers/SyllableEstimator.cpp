// SPDX-License-Identifier: GPL-3.0-or-later
#include "SyllableEstimator.h"

#include <QHash>
#include <algorithm>

namespace hh {

namespace {

// Syllables of the English number words, indexed by value.
constexpr int kOnes[10] = {2, 1, 1, 1, 1, 1, 1, 2, 1, 1};  // zero … nine
constexpr int kTeens[10] = {1, 3, 1, 2, 2, 2, 2, 3, 2, 2}; // ten … nineteen
constexpr int kTens[10] = {0, 0, 2, 2, 2, 2, 2, 3, 2, 2};  // –, –, twenty … ninety
constexpr int kScaleWord = 2;               // hundred, thousand, million, billion: two each
constexpr qsizetype kMaxGroupedDigits = 12; // beyond: said digit by digit

int belowHundred(int n) {
    if (n == 0)
        return 0;
    if (n < 10)
        return kOnes[n];
    if (n < 20)
        return kTeens[n - 10];
    return kTens[n / 10] + (n % 10 ? kOnes[n % 10] : 0);
}

int belowThousand(int n) {
    const int hundreds = n / 100;
    return (hundreds ? kOnes[hundreds] + kScaleWord : 0) + belowHundred(n % 100);
}

int digitByDigit(const QString& digits) {
    int total = 0;
    for (const QChar c : digits)
        total += kOnes[c.digitValue()];
    return total;
}

// One letter said by name: "W" is "double-u".
int spelledLetters(const QString& letters) {
    int total = 0;
    for (const QChar c : letters)
        total += c.toLower() == QLatin1Char('w') ? 3 : 1;
    return total;
}

bool isLatinVowel(QChar c) {
    return QStringLiteral("aeiouy").contains(c);
}

// Vowel letters of the other alphabets narration may use (Ukrainian, Russian, Greek).
bool isOtherVowel(QChar c) {
    return QStringLiteral("аеєиіїоуюяыэёαεηιουωάέήίόύώ").contains(c);
}

int greekLetterName(QChar c) {
    // α β γ δ ε ζ η θ ι κ λ μ ν ξ ο π ρ ς σ τ υ φ χ ψ ω
    static const int names[] = {2, 2, 2, 2, 3, 2, 2, 2, 3, 2, 2, 1, 1,
                                1, 3, 1, 1, 2, 2, 1, 3, 1, 1, 1, 3};
    const char16_t lower = c.toLower().unicode();
    if (lower >= u'α' && lower <= u'ω')
        return names[lower - u'α'];
    return 1;
}

bool isGreek(QChar c) {
    return c.script() == QChar::Script_Greek;
}

QString baseLetters(const QString& run) {
    // "é" → "e": accented Latin vowels count like their base letter.
    QString out;
    for (const QChar c : run.normalized(QString::NormalizationForm_D)) {
        if (c.isLetter())
            out.append(c.toLower());
    }
    return out;
}

int vowelGroups(const QString& word, bool (*isVowel)(QChar)) {
    int groups = 0;
    bool inVowel = false;
    for (qsizetype i = 0; i < word.size(); ++i) {
        // A leading "y" is a consonant ("yes"); elsewhere it sounds a vowel.
        const bool vowel = isVowel(word[i]) && !(i == 0 && word[i] == QLatin1Char('y'));
        if (vowel && !inVowel)
            ++groups;
        inVowel = vowel;
    }
    return groups;
}

// "make", "types", "measured": a final e, es or ed that adds no syllable.
bool hasSilentEnding(const QString& w) {
    const qsizetype n = w.size();
    const auto consonantAt = [&w, n](qsizetype i) {
        return i >= 0 && i < n && !isLatinVowel(w[i]);
    };
    if (n > 2 && w.endsWith(QLatin1Char('e')) && consonantAt(n - 2))
        return !(w.endsWith(QLatin1String("le")) && consonantAt(n - 3)); // "simple" keeps it
    if (n > 3 && w.endsWith(QLatin1String("es")) && consonantAt(n - 3)) {
        const bool sibilant = QStringLiteral("sxzcg").contains(w[n - 3]) ||
                              w.endsWith(QLatin1String("ches")) ||
                              w.endsWith(QLatin1String("shes"));
        return !sibilant; // "boxes", "sizes" keep it
    }
    if (n > 3 && w.endsWith(QLatin1String("ed")) && consonantAt(n - 3))
        return w[n - 3] != QLatin1Char('t') && w[n - 3] != QLatin1Char('d'); // "wanted" keeps it
    return false;
}

// English spelling → syllables: vowel groups, minus silent endings, plus the
// vowel pairs that are usually said as two ("bacteria", "video", "usual").
// An accented final vowel ("café") is always said.
int englishSyllables(const QString& w, bool finalVowelAccented = false) {
    int count = vowelGroups(w, isLatinVowel);
    if (count > 1 && !finalVowelAccented && hasSilentEnding(w))
        --count;
    const qsizetype n = w.size();
    for (qsizetype i = 1; i + 1 < n; ++i) {
        const QChar a = w[i];
        const QChar b = w[i + 1];
        const QChar before = w[i - 1];
        const bool splitPair =
            (a == QLatin1Char('i') &&
             (b == QLatin1Char('a') || b == QLatin1Char('o') || b == QLatin1Char('u'))) ||
            (a == QLatin1Char('e') && b == QLatin1Char('o')) ||
            (a == QLatin1Char('u') && (b == QLatin1Char('a') || b == QLatin1Char('o')));
        // "-tion", "-sion", "-cial", "-gion", "-xious" keep the pair as one.
        const bool softened = a == QLatin1Char('i') && QStringLiteral("tscgx").contains(before);
        const bool quPair = a == QLatin1Char('u') && before == QLatin1Char('q');
        if (splitPair && !softened && !quPair)
            ++count;
    }
    return std::max(count, 1);
}

// "y" after the first letter is a vowel too ("by", "gym").
bool hasVowel(const QString& lower) {
    for (qsizetype i = 0; i < lower.size(); ++i) {
        if (QStringLiteral("aeiou").contains(lower[i]) || (i > 0 && lower[i] == QLatin1Char('y')))
            return true;
    }
    return false;
}

bool hasConsonantRun(const QString& lower, int length) {
    int run = 0;
    for (const QChar c : lower) {
        run = isLatinVowel(c) ? 0 : run + 1;
        if (run >= length)
            return true;
    }
    return false;
}

// A capitalised run such as "DNA", "HIV" or "PCR" is spelled letter by letter;
// a pronounceable one ("NASA", "COVID", "SARS") is said as a word.
bool isSpelledAcronym(const QString& run) {
    const QString lower = run.toLower();
    if (run.size() <= 3)
        return true;
    return run.size() <= 5 && (!hasVowel(lower) || hasConsonantRun(lower, 3));
}

int latinRunSyllables(const QString& run) {
    const QString lower = baseLetters(run);
    if (lower.isEmpty())
        return 0;
    const bool allUpper =
        std::all_of(run.cbegin(), run.cend(), [](QChar c) { return c.isUpper(); });
    if (run.size() >= 2 && allUpper)
        return isSpelledAcronym(run) ? spelledLetters(run) : englishSyllables(lower);
    if (lower.size() == 1)
        return spelledLetters(lower);
    if (!hasVowel(lower) && lower.size() <= 4)
        return spelledLetters(lower); // "mg", "kcal" is rare; units are written out
    const QString decomposed = run.back().decomposition();
    return englishSyllables(lower, !decomposed.isEmpty() && decomposed.size() > 1);
}

// "mRNA" → "m" + "RNA", "SARS-CoV" pieces → "Co" + "V": a capital after a lower
// case letter starts a new piece, so embedded acronyms are spelled.
int letterRunSyllables(const QString& run) {
    if (std::any_of(run.cbegin(), run.cend(), isGreek)) {
        if (run.size() == 1)
            return greekLetterName(run[0]);
        return std::max(1, vowelGroups(run.toLower(), isOtherVowel));
    }
    if (std::any_of(run.cbegin(), run.cend(),
                    [](QChar c) { return c.unicode() >= 0x0400 && c.unicode() < 0x0530; }))
        return std::max(1, vowelGroups(run.toLower(), isOtherVowel));
    int total = 0;
    qsizetype pieceStart = 0;
    for (qsizetype i = 1; i <= run.size(); ++i) {
        const bool split = i == run.size() || (run[i].isUpper() && run[i - 1].isLower());
        if (split) {
            total += latinRunSyllables(run.mid(pieceStart, i - pieceStart));
            pieceStart = i;
        }
    }
    return total;
}

int symbolSyllables(QChar c) {
    static const QHash<char16_t, int> spoken = {
        {u'%', 2}, {u'+', 1}, {u'=', 2}, {u'×', 1}, {u'±', 3}, {u'<', 3}, {u'>', 3},
        {u'≤', 5}, {u'≥', 5}, {u'&', 1}, {u'°', 2}, {u'$', 2}, {u'€', 2}, {u'£', 2},
        {u'#', 2}, {u'~', 2}, {u'@', 1}, {u'µ', 2}, {u'‰', 3}, {u'√', 3},
    };
    return spoken.value(c.unicode(), 0);
}

// The digits (with "," thousands groups and one "." decimal part) that start at
// `i`; returns its syllables and advances `i` past it.
int numberAt(const QString& word, qsizetype& i) {
    QString integer;
    QString fraction;
    bool inFraction = false;
    bool grouped = false;
    while (i < word.size()) {
        const QChar c = word[i];
        if (c.isDigit()) {
            (inFraction ? fraction : integer).append(QChar(u'0' + c.digitValue()));
            ++i;
            continue;
        }
        const bool digitAfter = i + 1 < word.size() && word[i + 1].isDigit();
        if (c == QLatin1Char(',') && !inFraction && digitAfter) {
            grouped = true;
            ++i; // "1,204": a thousands separator, not a pause
            continue;
        }
        if (c == QLatin1Char('.') && !inFraction && digitAfter) {
            inFraction = true;
            ++i;
            continue;
        }
        break;
    }
    // "1,204" is a quantity; only a bare four-digit number may be a year.
    int total = integer.isEmpty() ? 0 : numberSyllables(integer, !grouped);
    if (inFraction)
        total += 1 + digitByDigit(fraction); // "point" and each digit
    return total;
}

} // namespace

int numberSyllables(const QString& digits, bool mayBeYear) {
    if (digits.isEmpty())
        return 0;
    if (digits.size() > kMaxGroupedDigits || (digits.size() > 1 && digits.startsWith(u'0')))
        return digitByDigit(digits);
    const qint64 value = digits.toLongLong();
    if (value == 0)
        return kOnes[0];
    // Years: "1998" is "nineteen ninety-eight", "2019" is "twenty nineteen".
    if (mayBeYear && digits.size() == 4 && value >= 1100 && value < 2100 && value % 100 != 0 &&
        !(value >= 2000 && value < 2010))
        return belowHundred(int(value / 100)) +
               (value % 100 < 10 ? 1 + kOnes[value % 100] : belowHundred(int(value % 100)));
    int total = 0;
    qint64 rest = value;
    for (const qint64 scale : {1000000000LL, 1000000LL, 1000LL}) {
        if (rest >= scale) {
            total += belowThousand(int(rest / scale)) + kScaleWord;
            rest %= scale;
        }
    }
    return total + belowThousand(int(rest));
}

int estimateSyllables(const QString& word) {
    int total = 0;
    bool sayable = false;
    qsizetype i = 0;
    while (i < word.size()) {
        const QChar c = word[i];
        if (c.isDigit()) {
            total += numberAt(word, i);
            sayable = true;
        } else if (c.isLetter()) {
            QString run;
            // Apostrophes inside a word ("don't", "cell's") do not split it.
            while (i < word.size() && (word[i].isLetter() || word[i].isMark() ||
                                       ((word[i] == QLatin1Char('\'') || word[i] == QChar(u'’')) &&
                                        i + 1 < word.size() && word[i + 1].isLetter()))) {
                if (word[i].isLetter())
                    run.append(word[i]);
                ++i;
            }
            const bool ordinalSuffix = i - run.size() > 0 && word[i - run.size() - 1].isDigit() &&
                                       QStringList{QStringLiteral("st"), QStringLiteral("nd"),
                                                   QStringLiteral("rd"), QStringLiteral("th")}
                                           .contains(run.toLower());
            if (!ordinalSuffix)
                total += letterRunSyllables(run);
            sayable = true;
        } else {
            const int spoken = symbolSyllables(c);
            total += spoken;
            sayable = sayable || spoken > 0;
            ++i;
        }
    }
    return sayable ? std::max(total, 1) : 0;
}

} // namespace hh
