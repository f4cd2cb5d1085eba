// SPDX-License-Identifier: GPL-3.0-or-later
#include "CaptionTrack.h"

#include <QFontMetrics>
#include <algorithm>

namespace hh {

namespace {

bool endsPhrase(const QString& word) {
    return word.endsWith(QLatin1Char(',')) || word.endsWith(QLatin1Char('.')) ||
           word.endsWith(QLatin1Char(';')) || word.endsWith(QLatin1Char(':')) ||
           word.endsWith(QLatin1Char('?')) || word.endsWith(QLatin1Char('!'));
}

bool endsSentence(const QString& word) {
    return word.endsWith(QLatin1Char('.')) || word.endsWith(QLatin1Char('?')) ||
           word.endsWith(QLatin1Char('!'));
}

QString timestamp(qint64 ms, QChar separator) {
    ms = std::max<qint64>(0, ms);
    return QStringLiteral("%1:%2:%3%4%5")
        .arg(ms / 3600000, 2, 10, QLatin1Char('0'))
        .arg((ms / 60000) % 60, 2, 10, QLatin1Char('0'))
        .arg((ms / 1000) % 60, 2, 10, QLatin1Char('0'))
        .arg(separator)
        .arg(ms % 1000, 3, 10, QLatin1Char('0'));
}

} // namespace

QString CaptionCue::text(const QList<WordTiming>& words) const {
    QStringList lineTexts;
    for (const auto& line : lines) {
        QStringList parts;
        for (int index : line)
            parts << words.at(index).text;
        lineTexts << parts.join(QLatin1Char(' '));
    }
    return lineTexts.join(QLatin1Char('\n'));
}

CaptionTrack::CaptionTrack(QList<WordTiming> words, const QFont& font, int maxLineWidth,
                           int maxChars, qint64 endMs)
    : m_words(std::move(words)) {
    buildCues(font, maxLineWidth, maxChars, endMs);
}

void CaptionTrack::buildCues(const QFont& font, int maxLineWidth, int maxChars, qint64 endMs) {
    const QFontMetrics metrics(font);
    const int spaceWidth = metrics.horizontalAdvance(QLatin1Char(' '));
    int i = 0;
    while (i < m_words.size()) {
        CaptionCue cue;
        cue.firstWord = i;
        QList<int> line;
        int lineWidth = 0;
        int lineChars = 0;
        const int scene = m_words[i].scene;
        while (i < m_words.size() && m_words[i].scene == scene) {
            const QString& text = m_words[i].text;
            const int width = metrics.horizontalAdvance(text);
            const bool fits = line.isEmpty() || (lineWidth + spaceWidth + width <= maxLineWidth &&
                                                 lineChars + 1 + text.size() <= maxChars);
            if (!fits) {
                cue.lines.append(line);
                line.clear();
                lineWidth = 0;
                lineChars = 0;
                if (cue.lines.size() == 2)
                    break;
            }
            line.append(i);
            lineWidth += (line.size() > 1 ? spaceWidth : 0) + width;
            lineChars += (line.size() > 1 ? 1 : 0) + int(text.size());
            ++i;
            // A sentence end closes the cue; a phrase end closes it once it is reasonably full.
            if (endsSentence(text) ||
                (endsPhrase(text) && (cue.lines.size() == 1 || lineChars > maxChars / 2)))
                break;
        }
        if (!line.isEmpty())
            cue.lines.append(line);
        // Prefer not to leave a lone short word at the start of the second line's cue:
        // if the cue broke mid-phrase, move back to the last phrase end inside it.
        cue.wordCount = i - cue.firstWord;
        if (cue.wordCount == 0) { // a single word wider than the line: show it alone
            cue.lines = {{i}};
            cue.wordCount = 1;
            ++i;
        }
        cue.startMs = m_words[cue.firstWord].startMs;
        cue.endMs = m_words[cue.firstWord + cue.wordCount - 1].endMs;
        m_cues.append(cue);
    }
    // Keep a cue on screen through short pauses, but never over the next one.
    for (int c = 0; c < m_cues.size(); ++c) {
        const qint64 next = c + 1 < m_cues.size() ? m_cues[c + 1].startMs : m_cues[c].endMs + 400;
        m_cues[c].endMs = std::min(next, m_cues[c].endMs + 400);
        if (endMs > 0)
            m_cues[c].endMs = std::max(m_cues[c].startMs + 1, std::min(m_cues[c].endMs, endMs));
    }
}

int CaptionTrack::cueAt(qint64 ms) const {
    // Cues are sorted and non-overlapping: binary search on start.
    auto it = std::upper_bound(m_cues.cbegin(), m_cues.cend(), ms,
                               [](qint64 t, const CaptionCue& cue) { return t < cue.startMs; });
    if (it == m_cues.cbegin())
        return -1;
    --it;
    return ms < it->endMs ? int(it - m_cues.cbegin()) : -1;
}

int CaptionTrack::activeWordAt(qint64 ms) const {
    auto it = std::upper_bound(m_words.cbegin(), m_words.cend(), ms,
                               [](qint64 t, const WordTiming& w) { return t < w.startMs; });
    if (it == m_words.cbegin())
        return -1;
    --it;
    // The highlight stays on a word until the next one starts, unless a real pause follows.
    const int index = int(it - m_words.cbegin());
    const qint64 holdUntil = std::max(it->endMs, it->startMs + 1);
    const qint64 nextStart = index + 1 < m_words.size() ? m_words[index + 1].startMs : holdUntil;
    return ms < std::max(holdUntil, std::min(nextStart, holdUntil + 250)) ? index : -1;
}

QString CaptionTrack::toSrt() const {
    QString out;
    for (int c = 0; c < m_cues.size(); ++c) {
        const auto& cue = m_cues[c];
        out += QString::number(c + 1) + QLatin1Char('\n');
        out += timestamp(cue.startMs, QLatin1Char(',')) + QStringLiteral(" --> ") +
               timestamp(cue.endMs, QLatin1Char(',')) + QLatin1Char('\n');
        out += cue.text(m_words) + QStringLiteral("\n\n");
    }
    return out;
}

QString CaptionTrack::toVtt() const {
    QString out = QStringLiteral("WEBVTT\n\n");
    for (const auto& cue : m_cues) {
        out += timestamp(cue.startMs, QLatin1Char('.')) + QStringLiteral(" --> ") +
               timestamp(cue.endMs, QLatin1Char('.')) + QLatin1Char('\n');
        out += cue.text(m_words) + QStringLiteral("\n\n");
    }
    return out;
}

} // namespace hh
