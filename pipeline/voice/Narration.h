// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QJsonArray>
#include <QList>
#include <QString>

namespace hh {

// When each spoken word starts and ends in the narration audio: `words.json`.
// Captions are timed from these, so they must come from the engine's own events
// (or an aligner), not from a guess.
struct WordTiming {
    QString text; // the word as shown in captions (original spelling, punctuation kept)
    qint64 startMs = 0;
    qint64 endMs = 0;
    int scene = 0; // index of the Script scene it belongs to
    bool operator==(const WordTiming&) const = default;
};

// Mono 16-bit PCM plus word timings and where each scene starts/ends.
struct Narration {
    int sampleRate = 0;
    QByteArray pcm; // interleaved signed 16-bit little-endian, mono
    QList<WordTiming> words;
    QList<qint64> sceneStartMs; // one per scene, ascending
    QList<qint64> sceneEndMs;

    qint64 durationMs() const;
    QByteArray toWav() const;
    static Result<Narration> fromWav(const QByteArray& wav); // pcm + sampleRate only

    QJsonArray wordsJson() const; // [{"word","start","end","scene"}] in seconds
    // Reads words.json (also scene spans when present).
    static Result<Narration> withWordsFromJson(Narration base, const QJsonArray& words);
};

} // namespace hh
