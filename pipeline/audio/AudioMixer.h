// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Ducker.h"

#include <cstddef>
#include <vector>

namespace hh {

struct MixParams {
    // The bed's loudness against the narration's, before ducking: where it sits
    // in pauses. Under speech it is a further DuckingParams::depthDb down.
    double musicVolumeDb = -12.0;
    double fadeInMs = 1500.0;
    double fadeOutMs = 2500.0;
    DuckingParams ducking;
};

// The narration with the music under it, plus what tests and the benchmark look at.
struct MixResult {
    std::vector<float> mix;       // narration + ducked music
    std::vector<float> musicStem; // the music as mixed: level set, ducked, faded
    std::vector<float> duckGain;  // the ducker's gain per sample (1 = not ducked)
};

// Mono at one sample rate throughout. Widget-free and deterministic.
class AudioMixer {
public:
    // Loops `music` (equal-power crossfade of `crossfadeMs` at each seam) or trims
    // it to `length` samples. Empty in, empty out.
    static std::vector<float> fitToLength(const std::vector<float>& music, std::size_t length,
                                          int sampleRate, double crossfadeMs = 2000.0);

    // `length`: the video's length in samples; the narration is padded to it.
    // Empty `music`: the mix is the narration alone.
    static MixResult mix(const std::vector<float>& narration, const std::vector<float>& music,
                         std::size_t length, int sampleRate, const MixParams& params = {});
};

} // namespace hh
