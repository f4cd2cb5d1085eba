// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace hh {

// A caption word and where it is spoken, in ms from the start of the audio.
struct AlignedWord {
    QString text;
    qint64 startMs = 0;
    qint64 endMs = 0;
    bool operator==(const AlignedWord&) const = default;
};

// Times the words of a narration in its audio when the voice gives no word
// events (Gemini TTS). The audio gives pauses, loudness dips and syllable
// nuclei (SpeechEnvelope); the text gives each word's syllables (with the usual
// lengthening and reduction) and the punctuation where a speaker pauses. One
// dynamic programme over (word, 10 ms frame) places all word boundaries at
// once: each word's speech time against its spoken weight, the nuclei it holds
// against its syllables, pauses at sentence and clause ends rather than inside
// words, boundaries in dips. The result is monotone, non-overlapping and
// covers every caption word, whatever the audio (silence or noise included).
class WordAligner {
public:
    // `pcm`: mono signed 16-bit little-endian; `text`: what was spoken. Words are
    // the whitespace-separated pieces of `text`, as captions show them.
    QList<AlignedWord> align(const QByteArray& pcm, int sampleRate, const QString& text) const;

    static QStringList captionWords(const QString& text);
};

} // namespace hh
