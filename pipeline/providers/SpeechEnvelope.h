// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QtGlobal>
#include <vector>

namespace hh {

// What the word aligner hears in a clip, 10 ms frame by frame: the loudness,
// where speech starts and ends, the pauses inside it, the dips between
// syllables and the syllable nuclei (one loudness peak per vowel). The silence
// threshold comes from the clip itself — well below its loud frames, above its
// quietest — so a quiet recording or a hiss floor does not hide its pauses.
struct SpeechEnvelope {
    static constexpr int kFrameMs = 10;

    struct Span {
        qint64 begin = 0;
        qint64 end = 0; // exclusive
        qint64 length() const { return end - begin; }
    };

    int sampleRate = 0;
    qint64 frameSamples = 1;
    std::vector<double> levels;  // dBFS of each frame
    double silenceThreshold = 0; // dBFS; frames at or below it are silent
    qint64 firstSpeech = -1;     // frame; -1 when there is no speech
    qint64 lastSpeech = -1;      // frame, inclusive
    std::vector<Span> pauses;    // silent runs of 30 ms or more inside the speech
    std::vector<double> dips;    // dB each frame lies below its surroundings (≥ 0)
    std::vector<qint64> nuclei;  // frames of the syllable nuclei, ascending

    bool hasSpeech() const { return firstSpeech >= 0; }
    qint64 frameToMs(qint64 frame) const;

    // `pcm`: mono signed 16-bit little-endian.
    static SpeechEnvelope analyse(const QByteArray& pcm, int sampleRate);
};

} // namespace hh
