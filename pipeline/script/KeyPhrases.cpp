// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeyPhrases.h"

#include <QRegularExpression>
#include <algorithm>
#include <cmath>

namespace hh {

// Words that say nothing on their own as a headline.
bool isHeadlineFiller(const QString& lower) {
    static const QSet<QString> filler = {
        QStringLiteral("the"), QStringLiteral("and"), QStringLiteral("for"), QStringLiteral("with"),
        QStringLiteral("from"), QStringLiteral("that"), QStringLiteral("this"),
        QStringLiteral("these"), QStringLiteral("those"), QStringLiteral("their"),
        QStringLiteral("there"), QStringLiteral("which"), QStringLiteral("was"),
        QStringLiteral("were"), QStringLiteral("are"), QStringLiteral("has"),
        QStringLiteral("have"), QStringLiteral("had"), QStringLiteral("been"),
        QStringLiteral("being"), QStringLiteral("can"), QStringLiteral("could"),
        QStringLiteral("may"), QStringLiteral("might"), QStringLiteral("will"),
        QStringLiteral("would"), QStringLiteral("should"), QStringLiteral("not"),
        QStringLiteral("also"), QStringLiteral("however"), QStringLiteral("than"),
        QStringLiteral("then"), QStringLiteral("into"), QStringLiteral("between"),
        QStringLiteral("among"), QStringLiteral("within"), QStringLiteral("without"),
        QStringLiteral("more"), QStringLiteral("most"), QStringLiteral("less"),
        QStringLiteral("very"), QStringLiteral("such"), QStringLiteral("other"),
        QStringLiteral("both"), QStringLiteral("each"), QStringLiteral("all"),
        QStringLiteral("any"), QStringLiteral("some"), QStringLiteral("our"), QStringLiteral("its"),
        QStringLiteral("they"), QStringLiteral("here"), QStringLiteral("study"),
        QStringLiteral("studies"), QStringLiteral("result"), QStringLiteral("results"),
        QStringLiteral("show"), QStringLiteral("shows"), QStringLiteral("showed"),
        QStringLiteral("shown"), QStringLiteral("found"), QStringLiteral("find"),
        QStringLiteral("suggest"), QStringLiteral("suggests"), QStringLiteral("suggested"),
        QStringLiteral("indicate"), QStringLiteral("indicates"), QStringLiteral("indicated"),
        QStringLiteral("using"), QStringLiteral("used"), QStringLiteral("use"),
        QStringLiteral("based"), QStringLiteral("well"), QStringLiteral("new"),
        QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("three"),
        QStringLiteral("first"), QStringLiteral("paper"), QStringLiteral("present"),
        QStringLiteral("presents"), QStringLiteral("propose"), QStringLiteral("proposed"),
        QStringLiteral("data"), QStringLiteral("significantly"), QStringLiteral("respectively"),
        QStringLiteral("percent"), QStringLiteral("approach"), QStringLiteral("method"),
        QStringLiteral("methods"), QStringLiteral("analysis"), QStringLiteral("total"),
        QStringLiteral("number"), QStringLiteral("many"), QStringLiteral("several"),
        QStringLiteral("most"), QStringLiteral("what"), QStringLiteral("when"),
        QStringLiteral("where"), QStringLiteral("how"), QStringLiteral("why"),
        QStringLiteral("who"), QStringLiteral("over"), QStringLiteral("under"),
        QStringLiteral("around"), QStringLiteral("about"), QStringLiteral("after"),
        QStringLiteral("before"), QStringLiteral("during"), QStringLiteral("across"),
        QStringLiteral("through"), QStringLiteral("against"), QStringLiteral("toward"),
        QStringLiteral("towards"), QStringLiteral("upon"), QStringLiteral("onto"),
        QStringLiteral("per"), QStringLiteral("via"), QStringLiteral("while"),
        QStringLiteral("whereas"), QStringLiteral("because"), QStringLiteral("although"),
        QStringLiteral("since"), QStringLiteral("until"), QStringLiteral("only"),
        QStringLiteral("even"), QStringLiteral("just"), QStringLiteral("still"),
        QStringLiteral("yet"), QStringLiteral("often"), QStringLiteral("again"),
        QStringLiteral("did"), QStringLiteral("does"), QStringLiteral("done"),
        QStringLiteral("due"),
        // Verbs and links that start a clause, never a topic ("According", "Including").
        QStringLiteral("according"), QStringLiteral("including"), QStringLiteral("regarding"),
        QStringLiteral("compared"), QStringLiteral("following"), QStringLiteral("given"),
        QStringLiteral("obtained"), QStringLiteral("performed"), QStringLiteral("observed"),
        QStringLiteral("reported"), QStringLiteral("applied"), QStringLiteral("applying"),
        QStringLiteral("provided"), QStringLiteral("therefore"), QStringLiteral("thus")};
    return filler.contains(lower);
}

// The key phrase of a sentence: the run of up to three content words that the
// paper itself uses most (and its title shares), in the sentence's own words
// ("Gut bacteria", "Elephant crop raiding").
QString keyPhrase(const QString& spoken, const QHash<QString, int>& paperCounts,
                  const QSet<QString>& titleTokens, const QSet<QString>& used) {
    // A phrase ending on an adjective ("Deep neural") is cut short.
    static const QRegularExpression adjectival(
        QStringLiteral("(al|ive|ous|ic|ary|ful|less|able|ible)$"));
    static const QRegularExpression breaks(QStringLiteral("[,;:.()\\[\\]!?\"“”]"));
    QString best;
    double bestScore = -1;
    for (const QString& clause : spoken.split(breaks, Qt::SkipEmptyParts)) {
        const QStringList words = clause.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (int start = 0; start < words.size(); ++start) {
            double score = 0;
            for (int length = 1; length <= 3 && start + length <= words.size(); ++length) {
                const QString& word = words.at(start + length - 1);
                const QString lower = word.toLower();
                const bool letters = std::all_of(word.cbegin(), word.cend(), [](QChar ch) {
                    return ch.isLetter() || ch == QLatin1Char('-') || ch == QLatin1Char('\'');
                });
                if (!letters || lower.size() < 3 || isHeadlineFiller(lower) ||
                    lower.endsWith(QLatin1String("ly")))
                    break;
                score += std::log(1.0 + paperCounts.value(lower)) +
                         (titleTokens.contains(lower) ? 1.0 : 0.0);
                const QStringList phrase = words.mid(start, length);
                const QString text = phrase.join(QLatin1Char(' '));
                // Two words read best; one is vague, three crowd the card.
                const double shaped = score +
                                      (length == 2   ? 0.6
                                       : length == 3 ? 0.3
                                                     : 0.0) -
                                      (adjectival.match(lower).hasMatch() ? 0.8 : 0.0);
                if (text.size() <= 30 && shaped > bestScore && !used.contains(text.toLower())) {
                    bestScore = shaped;
                    best = text;
                }
            }
        }
    }
    if (!best.isEmpty())
        best[0] = best.at(0).toUpper();
    return best;
}

QStringList keyPhrases(const QString& spoken, const QHash<QString, int>& paperCounts,
                       const QSet<QString>& titleTokens, int count) {
    QStringList phrases;
    QSet<QString> used;
    while (phrases.size() < count) {
        const QString phrase = keyPhrase(spoken, paperCounts, titleTokens, used);
        if (phrase.isEmpty())
            break;
        used.insert(phrase.toLower());
        // A phrase sharing a word with one already chosen says the same thing twice.
        const QStringList words = phrase.toLower().split(QLatin1Char(' '));
        const bool repeats = std::any_of(phrases.cbegin(), phrases.cend(), [&](const QString& p) {
            const QStringList other = p.toLower().split(QLatin1Char(' '));
            return std::any_of(words.cbegin(), words.cend(),
                               [&](const QString& w) { return other.contains(w); });
        });
        if (used.size() > 4 * count)
            break;
        if (!repeats)
            phrases << phrase;
    }
    // In the order the sentence says them.
    const QString lower = spoken.toLower();
    std::sort(phrases.begin(), phrases.end(), [&](const QString& a, const QString& b) {
        return lower.indexOf(a.toLower()) < lower.indexOf(b.toLower());
    });
    return phrases;
}

QHash<QString, int> wordCounts(const QList<Sentence>& sentences) {
    static const QRegularExpression splitter(QStringLiteral("[^\\w\\-']+"),
                                             QRegularExpression::UseUnicodePropertiesOption);
    QHash<QString, int> counts;
    for (const Sentence& s : sentences) {
        for (const QString& token : s.text.toLower().split(splitter, Qt::SkipEmptyParts))
            ++counts[token];
    }
    return counts;
}

} // namespace hh
