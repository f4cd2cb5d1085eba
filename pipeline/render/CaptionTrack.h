// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "voice/Narration.h"

#include <QFont>
#include <QList>
#include <QString>
#include <QStringList>

namespace hh {

// Groups timed words into caption cues of at most two lines that fit the safe
// width, breaking at phrase boundaries, and answers "which cue and which word are
// on screen at time t". The same cues give the SRT and WebVTT files, so burned-in
// and sidecar captions agree.
struct CaptionCue {
    int firstWord = 0; // index into the word list
    int wordCount = 0;
    qint64 startMs = 0;
    qint64 endMs = 0;
    QList<QList<int>> lines; // word indices per line (1 or 2 lines)
    QString text(const QList<WordTiming>& words) const;
};

class CaptionTrack {
public:
    // maxLineWidth in pixels for `font`; maxChars caps a line's length too.
    // No cue outlasts `endMs` (the audio's end) when it is given.
    CaptionTrack(QList<WordTiming> words, const QFont& font, int maxLineWidth, int maxChars = 32,
                 qint64 endMs = -1);

    const QList<WordTiming>& words() const { return m_words; }
    const QList<CaptionCue>& cues() const { return m_cues; }

    int cueAt(qint64 ms) const;        // -1 when no caption is shown
    int activeWordAt(qint64 ms) const; // the word being spoken (highlighted), -1 in pauses

    QString toSrt() const;
    QString toVtt() const;

private:
    void buildCues(const QFont& font, int maxLineWidth, int maxChars, qint64 endMs);

    QList<WordTiming> m_words;
    QList<CaptionCue> m_cues;
};

} // namespace hh
