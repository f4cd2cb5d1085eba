// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AudioMixer.h"
#include "Loudness.h"
#include "core/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <vector>

namespace hh {

// What the job's `music` option names: nothing, a built-in bed or a file.
struct MusicChoice {
    enum class Kind { None, BuiltIn, File };
    Kind kind = Kind::None;
    QString value; // the bed's name or the file's path

    // "" and "none" → None; a built-in bed's name → BuiltIn; anything else a file path.
    static MusicChoice parse(const QString& option);
    bool isNone() const { return kind == Kind::None; }
    // What a job stores: "" (none), the bed's name, or the file's absolute path.
    QString toOption() const;
};

struct SoundtrackParams {
    QString music;                // MusicChoice::parse() syntax
    double musicVolumeDb = -12.0; // the bed against the voice, in pauses
    LoudnessTarget loudness;
};

// The video's finished audio: narration and music mixed at the mix rate and
// normalised for the platforms, plus the figures that go into sound.json.
struct Soundtrack {
    static constexpr int kSampleRate = 48000; // the encoder's rate: no second resampling
    std::vector<float> samples;
    std::vector<float> musicStem; // the ducked music alone (empty without music)
    std::vector<float> duckGain;
    LoudnessReport loudness;
    QString music; // as chosen ("", a bed name, a file name)
    double musicVolumeDb = 0;

    QByteArray pcm16() const; // signed 16-bit little-endian mono, for the encoder
    QJsonObject toJson() const;
};

class SoundtrackBuilder {
public:
    // A job's music choice, checked before anything is rendered: a file that is
    // missing or cannot be decoded gives the error the job fails with.
    static Error checkMusic(const QString& music);
    // `narrationPcm`: mono s16 at `narrationRate`; `lengthSamples`: the video's
    // length at kSampleRate (the narration is padded or cut to it).
    static Result<Soundtrack> build(const QByteArray& narrationPcm, int narrationRate,
                                    qint64 lengthSamples, const SoundtrackParams& params);
};

} // namespace hh
