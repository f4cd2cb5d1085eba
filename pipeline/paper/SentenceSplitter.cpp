// SPDX-License-Identifier: GPL-3.0-or-later
#include "SentenceSplitter.h"

#include <QSet>

namespace hh {

namespace {

const QSet<QString>& abbreviations() {
    // Lower-case, without the final dot. A dot after one of these rarely ends a sentence.
    static const QSet<QString> set = {
        QStringLiteral("al"),   QStringLiteral("e.g"),    QStringLiteral("i.e"),
        QStringLiteral("eg"),   QStringLiteral("ie"),     QStringLiteral("fig"),
        QStringLiteral("figs"), QStringLiteral("eq"),     QStringLiteral("eqs"),
        QStringLiteral("ref"),  QStringLiteral("refs"),   QStringLiteral("vs"),
        QStringLiteral("cf"),   QStringLiteral("approx"), QStringLiteral("ca"),
        QStringLiteral("no"),   QStringLiteral("nos"),    QStringLiteral("dr"),
        QStringLiteral("mr"),   QStringLiteral("mrs"),    QStringLiteral("ms"),
        QStringLiteral("prof"), QStringLiteral("st"),     QStringLiteral("vol"),
        QStringLiteral("pp"),   QStringLiteral("p"),      QStringLiteral("sect"),
        QStringLiteral("sec"),  QStringLiteral("suppl"),  QStringLiteral("resp"),
        QStringLiteral("etc"),  QStringLiteral("inc"),    QStringLiteral("ltd"),
        QStringLiteral("co"),   QStringLiteral("jr"),     QStringLiteral("sr"),
        QStringLiteral("tab"),  QStringLiteral("e.g.,"),  QStringLiteral("viz"),
        QStringLiteral("spp"),  QStringLiteral("sp"),     QStringLiteral("var"),
        QStringLiteral("min"),  QStringLiteral("max"),    QStringLiteral("mol"),
    };
    return set;
}

// The word that ends at `dot` (exclusive), e.g. "al" in "Smith et al.".
QString wordBefore(const QString& text, int dot) {
    int start = dot;
    while (start > 0 && !text.at(start - 1).isSpace() && text.at(start - 1) != QLatin1Char('('))
        --start;
    return text.mid(start, dot - start);
}

bool isSentenceEnd(const QString& text, int i) {
    const QChar c = text.at(i);
    if (c != QLatin1Char('.') && c != QLatin1Char('!') && c != QLatin1Char('?'))
        return false;
    // Include closing quotes/brackets that belong to the sentence.
    int j = i + 1;
    while (j < text.size() && (text.at(j) == QLatin1Char('"') || text.at(j) == QChar(0x201D) ||
                               text.at(j) == QLatin1Char(')') || text.at(j) == QLatin1Char(']') ||
                               text.at(j) == QLatin1Char('\'')))
        ++j;
    if (j >= text.size())
        return true;
    if (!text.at(j).isSpace())
        return false; // "3.5", "e.g.,", "www.x.org"
    while (j < text.size() && text.at(j).isSpace())
        ++j;
    if (j >= text.size())
        return true;
    const QChar next = text.at(j);
    // A new sentence starts with a capital, a digit, a quote or an opening bracket.
    if (!(next.isUpper() || next.isDigit() || next == QLatin1Char('"') || next == QChar(0x201C) ||
          next == QLatin1Char('(') || next == QLatin1Char('[') ||
          next.script() != QChar::Script_Latin))
        return false;
    if (c != QLatin1Char('.'))
        return true;
    const QString word = wordBefore(text, i);
    if (abbreviations().contains(word.toLower()))
        return false;
    // Initials: "J. Smith", "A.B. Jones"; single capital letter before the dot.
    if (word.size() == 1 && word.at(0).isUpper())
        return false;
    if (word.size() >= 3 && word.count(QLatin1Char('.')) >= 1 && word.size() <= 5 &&
        word.at(word.size() - 1).isLetter() && word.at(0).isUpper())
        return false; // "U.S", "A.B"
    return true;
}

} // namespace

QStringList splitSentences(const QString& text) {
    QStringList out;
    const QString simplified = text.simplified();
    int start = 0;
    for (int i = 0; i < simplified.size(); ++i) {
        if (!isSentenceEnd(simplified, i))
            continue;
        int end = i + 1;
        while (end < simplified.size() && !simplified.at(end).isSpace())
            ++end;
        const QString sentence = simplified.mid(start, end - start).trimmed();
        if (!sentence.isEmpty())
            out << sentence;
        start = end;
        i = end;
    }
    const QString rest = simplified.mid(start).trimmed();
    if (!rest.isEmpty())
        out << rest;
    return out;
}

} // namespace hh
