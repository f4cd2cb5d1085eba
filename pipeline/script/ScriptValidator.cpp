// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScriptValidator.h"

#include "SpeechText.h"

#include <QHash>

namespace hh {

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
        const QStringList citedNumbers = numbersIn(cited) + numbersIn(script.title);
        for (const QString& number : numbersIn(scene.narration)) {
            if (!citedNumbers.contains(number))
                issues.append({i, QStringLiteral("scene %1 says %2, which its sources do not state")
                                      .arg(i + 1)
                                      .arg(number)});
        }
    }
    return issues;
}

} // namespace hh
