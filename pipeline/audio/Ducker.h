// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

namespace hh {

struct DuckingParams {
    double depthDb = -12.0;   // music level under speech
    double attackMs = 50.0;   // how fast the music drops when the voice starts
    double releaseMs = 300.0; // how fast it rises again in a pause
    // Gaps between words shorter than this keep the music down, so it does not
    // pump up and down inside a sentence.
    double holdMs = 180.0;
    // Speech is where the voice's envelope is within this many dB of its loudest
    // stretch; breaths and noise below it do not duck.
    double rangeDb = 35.0;
};

// Sidechain ducking: a gain curve for the music, computed from the narration's
// envelope. 1.0 where no one speaks, depthDb below that under speech, moving with
// the attack and release times (one-pole smoothing in dB, so the fades sound even).
class Ducker {
public:
    explicit Ducker(DuckingParams params = {})
        : m_params(params) {}
    // One gain per sample of `sidechain` (the narration at `sampleRate`).
    std::vector<float> gainCurve(const std::vector<float>& sidechain, int sampleRate) const;
    // Where the voice counts as speaking (before smoothing): for tests and the curve.
    std::vector<bool> speechMask(const std::vector<float>& sidechain, int sampleRate) const;

private:
    DuckingParams m_params;
};

} // namespace hh
