// SPDX-License-Identifier: GPL-3.0-or-later
#include "AudioMixer.h"

#include "Loudness.h"

#include <algorithm>
#include <cmath>

namespace hh {

namespace {

constexpr double kPi = 3.14159265358979323846;
// The level a silent narration is taken to have: the music then sits where it
// would under a typical voice.
constexpr double kReferenceVoiceLufs = -20.0;

double loudnessOr(const std::vector<float>& audio, int sampleRate, double fallback) {
    auto m = LoudnessMeter::measure(audio, sampleRate, false);
    return m && !m->isSilent() ? m->integratedLufs : fallback;
}

} // namespace

std::vector<float> AudioMixer::fitToLength(const std::vector<float>& music, size_t length,
                                           int sampleRate, double crossfadeMs) {
    if (music.empty() || length == 0)
        return {};
    if (music.size() >= length)
        return {music.begin(), music.begin() + qsizetype(length)};
    // A seam never takes more than a quarter of the piece, so a short loop still loops.
    const size_t fade = std::min(size_t(crossfadeMs * 0.001 * sampleRate), music.size() / 4);
    std::vector<float> out(music);
    out.reserve(length + music.size());
    while (out.size() < length) {
        // Equal-power crossfade: the end of what is there into the start of the piece.
        const size_t seam = out.size() - fade;
        for (size_t i = 0; i < fade; ++i) {
            const double t = (double(i) + 0.5) / double(fade);
            out[seam + i] =
                float(out[seam + i] * std::cos(t * kPi / 2) + music[i] * std::sin(t * kPi / 2));
        }
        out.insert(out.end(), music.begin() + qsizetype(fade), music.end());
    }
    out.resize(length);
    return out;
}

MixResult AudioMixer::mix(const std::vector<float>& narration, const std::vector<float>& music,
                          size_t length, int sampleRate, const MixParams& params) {
    MixResult result;
    result.mix.assign(length, 0.0f);
    std::copy_n(narration.begin(), std::min(length, narration.size()), result.mix.begin());
    if (music.empty())
        return result;

    const std::vector<float> bed = fitToLength(music, length, sampleRate);
    // The bed's level follows the voice's loudness, so the slider means the same
    // thing for a quiet and a loud narration, a quiet and a loud music file.
    const double voiceLufs = loudnessOr(result.mix, sampleRate, kReferenceVoiceLufs);
    const double bedLufs = loudnessOr(bed, sampleRate, kReferenceVoiceLufs);
    const double level = std::pow(10.0, (voiceLufs + params.musicVolumeDb - bedLufs) / 20.0);

    result.duckGain = Ducker(params.ducking).gainCurve(result.mix, sampleRate);
    result.musicStem.resize(length);
    const double fadeIn = std::max(1.0, params.fadeInMs * 0.001 * sampleRate);
    const double fadeOut = std::max(1.0, params.fadeOutMs * 0.001 * sampleRate);
    for (size_t i = 0; i < length; ++i) {
        const double in = std::min(1.0, double(i) / fadeIn);
        const double out = std::min(1.0, double(length - i) / fadeOut);
        // Raised-cosine fades: no audible corner where the fade starts or ends.
        const double fade = (in < 1.0 ? 0.5 - 0.5 * std::cos(kPi * in) : 1.0) *
                            (out < 1.0 ? 0.5 - 0.5 * std::cos(kPi * out) : 1.0);
        result.musicStem[i] = float(bed[i] * level * fade * result.duckGain[i]);
        result.mix[i] += result.musicStem[i];
    }
    return result;
}

} // namespace hh
