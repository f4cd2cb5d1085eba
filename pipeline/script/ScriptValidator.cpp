// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScriptValidator.h"

#include "SpeechText.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

namespace hh {

namespace {

// What a scene's sources allow it to state: their numbers, and those numbers with
// their units. Units are read from the sources as written and as spoken, so "12
// (range 3–20) days" still gives 12 days once the aside is dropped.
struct Evidence {
    QStringList numbers;
    QList<Quantity> quantities;

    explicit Evidence(const QString& text)
        : numbers(numbersIn(text))
        , quantities(quantitiesIn(text) + quantitiesIn(cleanForSpeech(text))) {}

    bool hasQuantity(const Quantity& q) const {
        for (const auto& mine : quantities) {
            if (mine.number == q.number && mine.unit == q.unit)
                return true;
        }
        return false;
    }
};

// How a text bounds each number it states: below ("less than 100", "< 100",
// "up to 100"), above ("more than", ">", "at least"), about ("~", "nearly"), or
// exactly (no comparator). "< 100 eggs" on screen for "more than 100 eggs" in the
// paper states the opposite, though the number is the same.
enum class Bound { Exact, Below, Above, About };

QList<QPair<QString, Bound>> boundedNumbers(const QString& text) {
    static const QRegularExpression re(
        QStringLiteral("(?:\\b(less than|fewer than|lower than|under|below|up to|at most|"
                       "no more than|more than|greater than|higher than|over|above|at least|"
                       "exceeding|about|around|approximately|nearly|almost|roughly)\\s+|"
                       "([<>≤≥~≈])\\s*)?(?<![\\w.])(\\d[\\d,]*(?:\\.\\d+)?)"),
        QRegularExpression::CaseInsensitiveOption);
    QList<QPair<QString, Bound>> out;
    for (auto it = re.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const QString word = m.captured(1).toLower();
        const QString sign = m.captured(2);
        Bound bound = Bound::Exact;
        if (word == QLatin1String("no more than") || word == QLatin1String("up to") ||
            word == QLatin1String("at most") || word.startsWith(QLatin1String("less")) ||
            word.startsWith(QLatin1String("fewer")) || word.startsWith(QLatin1String("lower")) ||
            word == QLatin1String("under") || word == QLatin1String("below") ||
            sign == QLatin1String("<") || sign == QStringLiteral("≤"))
            bound = Bound::Below;
        else if (word.startsWith(QLatin1String("more")) ||
                 word.startsWith(QLatin1String("greater")) ||
                 word.startsWith(QLatin1String("higher")) || word == QLatin1String("over") ||
                 word == QLatin1String("above") || word == QLatin1String("at least") ||
                 word == QLatin1String("exceeding") || sign == QLatin1String(">") ||
                 sign == QStringLiteral("≥"))
            bound = Bound::Above;
        else if (!word.isEmpty() || !sign.isEmpty())
            bound = Bound::About;
        const QStringList numbers = numbersIn(m.captured(3));
        if (!numbers.isEmpty())
            out.append({numbers.first(), bound});
    }
    return out;
}

} // namespace

QList<ScriptIssue> validateScript(const Script& script, const Paper& paper) {
    QHash<QString, QString> sentenceText;
    for (const auto& s : paper.sentences())
        sentenceText.insert(s.id, s.text);
    QList<ScriptIssue> issues;
    for (int i = 0; i < script.scenes.size(); ++i) {
        const Scene& scene = script.scenes[i];
        QString cited;
        for (const auto& id : scene.sources) {
            if (!sentenceText.contains(id))
                issues.append(
                    {i, QStringLiteral("scene %1 cites %2, which is not a sentence of the paper")
                            .arg(i + 1)
                            .arg(id)});
            else
                cited += sentenceText.value(id) + QLatin1Char(' ');
        }
        if (scene.sources.isEmpty() && scene.kind != QLatin1String("hook"))
            issues.append(
                {i, QStringLiteral("scene %1 cites no sentence of the paper").arg(i + 1)});
        const Evidence evidence(cited + QLatin1Char(' ') + script.title);
        // One issue per unsupported number and scene, whether the voice says it, the
        // headline shows it, or both.
        QSet<QString> reported;
        const auto check = [&](const QString& text, const QString& unsupported,
                               const QString& wrongUnit) {
            for (const QString& number : numbersIn(text)) {
                if (!evidence.numbers.contains(number) && !reported.contains(number)) {
                    reported.insert(number);
                    issues.append({i, unsupported.arg(i + 1).arg(number)});
                }
            }
            for (const Quantity& quantity : quantitiesIn(text)) {
                if (!reported.contains(quantity.number) && !evidence.hasQuantity(quantity)) {
                    reported.insert(quantity.number);
                    issues.append({i, wrongUnit.arg(i + 1).arg(quantity.text)});
                }
            }
        };
        check(scene.narration, QStringLiteral("scene %1 says %2, which its sources do not state"),
              QStringLiteral("scene %1 says \"%2\", but its sources do not give that number in "
                             "that unit"));
        check(scene.headline,
              QStringLiteral("scene %1's headline shows %2, which its sources do not state"),
              QStringLiteral("scene %1's headline shows \"%2\", but its sources do not give that "
                             "number in that unit"));
        // A headline keeps the bound its sources put on the number: no "< 100" for
        // "more than 100", and no bare "100" for "less than 100".
        const QList<QPair<QString, Bound>> sourceBounds =
            boundedNumbers(cited) + boundedNumbers(cleanForSpeech(cited));
        for (const auto& [number, bound] : boundedNumbers(scene.headline)) {
            if (reported.contains(number))
                continue;
            bool stated = false;
            bool seen = false;
            for (const auto& [sourceNumber, sourceBound] : sourceBounds) {
                if (sourceNumber != number)
                    continue;
                seen = true;
                stated = stated || sourceBound == bound;
            }
            if (seen && !stated) {
                reported.insert(number);
                issues.append(
                    {i, QStringLiteral("scene %1's headline shows \"%2\", but its sources bound "
                                       "%3 differently (a comparator is missing or changed)")
                            .arg(i + 1)
                            .arg(scene.headline, number)});
            }
        }
    }
    return issues;
}

} // namespace hh
