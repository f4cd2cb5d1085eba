// SPDX-License-Identifier: GPL-3.0-or-later
#include "Ducker.h"

#include <QtGlobal>
#include <algorithm>
#include <cmath>

namespace hh {

namespace {

double coefficient(double ms, int sampleRate) {
    return ms <= 0 ? 0.0 : std::exp(-1.0 / (ms * 0.001 * sampleRate));
}

} // namespace

std::vector<bool> Ducker::speechMask(const std::vector<float>& sidechain, int sampleRate) const {
    // Peak envelope: instant rise, 40 ms fall, so a voiced syllable reads as one block.
    std::vector<float> envelope(sidechain.size());
    const double fall = coefficient(40.0, sampleRate);
    double env = 0;
    float loudest = 0;
    for (size_t i = 0; i < sidechain.size(); ++i) {
        const double x = std::abs(sidechain[i]);
        env = x > env ? x : env * fall;
        envelope[i] = float(env);
        loudest = std::max(loudest, envelope[i]);
    }
    std::vector<bool> speaking(sidechain.size(), false);
    if (loudest <= 0)
        return speaking;
    const float threshold =
        std::max(loudest * float(std::pow(10.0, -m_params.rangeDb / 20.0)), 1e-4f);
    const auto hold = qint64(m_params.holdMs * 0.001 * sampleRate);
    qint64 lastSpeech = -hold - 1;
    for (size_t i = 0; i < sidechain.size(); ++i) {
        if (envelope[i] >= threshold)
            lastSpeech = qint64(i);
        speaking[i] = qint64(i) - lastSpeech <= hold;
    }
    return speaking;
}

std::vector<float> Ducker::gainCurve(const std::vector<float>& sidechain, int sampleRate) const {
    const std::vector<bool> speaking = speechMask(sidechain, sampleRate);
    std::vector<float> gain(sidechain.size());
    const double attack = coefficient(m_params.attackMs / 3.0, sampleRate);
    const double release = coefficient(m_params.releaseMs / 3.0, sampleRate);
    // The times are where the move is 95 % done (three time constants), as a
    // listener hears "how long the duck takes".
    double levelDb = 0;
    double gainDb = 0; // where `linear` was computed: pow() only when the level moved
    float linear = 1.0f;
    for (size_t i = 0; i < sidechain.size(); ++i) {
        const double target = speaking[i] ? m_params.depthDb : 0.0;
        const double a = target < levelDb ? attack : release;
        levelDb = target + (levelDb - target) * a;
        if (std::abs(levelDb - gainDb) > 0.001) {
            gainDb = levelDb;
            linear = float(std::pow(10.0, levelDb / 20.0));
        }
        gain[i] = linear;
    }
    return gain;
}

} // namespace hh
