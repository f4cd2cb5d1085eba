// SPDX-License-Identifier: GPL-3.0-or-later
#include "SpokenText.h"

#include <algorithm>

namespace hh {

SpokenText::SpokenText(const QString& narration, const Lexicon& lexicon, Lexicon::Form form)
    : m_captionWords(WordAligner::captionWords(narration))
    , m_groups(lexicon.apply(m_captionWords, form)) {}

QString SpokenText::text() const {
    QStringList parts;
    parts.reserve(m_groups.size());
    for (const SpokenGroup& group : m_groups)
        parts << group.spoken;
    return parts.join(QLatin1Char(' '));
}

QList<TimeSpan> SpokenText::spreadOverCaptionWords(const QList<TimeSpan>& groupSpans) const {
    QList<TimeSpan> out;
    out.reserve(m_captionWords.size());
    for (qsizetype g = 0; g < m_groups.size(); ++g) {
        const TimeSpan span = g < groupSpans.size() ? groupSpans.at(g)
                              : groupSpans.isEmpty()
                                  ? TimeSpan{}
                                  : TimeSpan{groupSpans.last().end, groupSpans.last().end};
        const qsizetype count = m_groups.at(g).wordCount;
        for (qsizetype i = 0; i < count; ++i)
            out.append(TimeSpan{span.start + (span.end - span.start) * i / count,
                                span.start + (span.end - span.start) * (i + 1) / count});
    }
    return out;
}

QList<AlignedWord> SpokenText::toCaptionWords(const QList<AlignedWord>& spoken) const {
    QList<TimeSpan> groupSpans;
    groupSpans.reserve(m_groups.size());
    qsizetype next = 0;
    for (const SpokenGroup& group : m_groups) {
        // A respelling of several words ("messenger R N A") is several spoken words.
        const qsizetype count =
            std::max<qsizetype>(1, WordAligner::captionWords(group.spoken).size());
        if (spoken.isEmpty()) {
            groupSpans.append(TimeSpan{});
            continue;
        }
        const qsizetype first = std::min(next, spoken.size() - 1);
        const qsizetype last = std::min(next + count, spoken.size()) - 1;
        groupSpans.append(
            TimeSpan{spoken.at(first).startMs, spoken.at(std::max(first, last)).endMs});
        next += count;
    }
    const QList<TimeSpan> spans = spreadOverCaptionWords(groupSpans);
    QList<AlignedWord> out;
    out.reserve(m_captionWords.size());
    for (qsizetype i = 0; i < m_captionWords.size(); ++i)
        out.append(AlignedWord{m_captionWords.at(i), spans.at(i).start, spans.at(i).end});
    return out;
}

} // namespace hh
