// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Paper.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

namespace hh {

// Words that say nothing on their own as a headline ("the", "results", "found").
bool isHeadlineFiller(const QString& lower);

// The key phrase of a sentence: the run of up to three content words that the
// paper itself uses most (and its title shares), in the sentence's own words
// ("Gut bacteria", "Elephant crop raiding"); none of `used` (lower case).
QString keyPhrase(const QString& spoken, const QHash<QString, int>& paperCounts,
                  const QSet<QString>& titleTokens, const QSet<QString>& used = {});

// Up to `count` key phrases of a sentence that share no word, in the sentence's order.
QStringList keyPhrases(const QString& spoken, const QHash<QString, int>& paperCounts,
                       const QSet<QString>& titleTokens, int count);

// How often the paper uses each word (lower case): key phrases are its own terms.
QHash<QString, int> wordCounts(const QList<Sentence>& sentences);

} // namespace hh
