// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Lexicon.h"
#include "providers/WordAligner.h"

#include <QList>
#include <QStringList>

namespace hh {

// A start and end in any unit (ms, samples), from the start of the audio.
struct TimeSpan {
    qint64 start = 0;
    qint64 end = 0;
};

// A narration as a voice is to say it after the lexicon, with the way back from
// the times of what was said to the times of the paper's own words. Captions,
// script and words.json keep the original spelling: a lexicon group ("p < 0.05"
// said as "p less than zero point zero five") is timed as a whole from its
// spoken words, and its caption words share that span evenly, so nothing after
// it shifts and every caption word keeps exactly one ordered span.
class SpokenText {
public:
    SpokenText(const QString& narration, const Lexicon& lexicon, Lexicon::Form form);

    const QStringList& captionWords() const { return m_captionWords; }
    const QList<SpokenGroup>& groups() const { return m_groups; }
    // The groups' spoken forms joined by spaces: the text the voice receives.
    QString text() const;

    // `spoken`: the timed whitespace-separated words of text(), in order (what
    // WordAligner gives for text()). One entry per caption word comes back.
    QList<AlignedWord> toCaptionWords(const QList<AlignedWord>& spoken) const;
    // One span per group (an engine that reports times per group) → one per
    // caption word.
    QList<TimeSpan> spreadOverCaptionWords(const QList<TimeSpan>& groupSpans) const;

private:
    QStringList m_captionWords;
    QList<SpokenGroup> m_groups;
};

} // namespace hh
