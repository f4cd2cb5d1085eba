// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScriptValidator.h"

#include "SpeechText.h"

#include <QHash>
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
    }
    return issues;
}

} // namespace hh
