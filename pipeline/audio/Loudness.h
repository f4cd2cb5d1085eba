// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <cmath>
#include <vector>

namespace hh {

// ITU-R BS.1770 / EBU R128 measurement with libebur128 of a mono track that the
// encoder writes as dual mono (the same signal on left and right): the channel is
// counted twice, so the figures match what a meter reads from the stereo MP4.
struct LoudnessMeasurement {
    double integratedLufs = -HUGE_VAL; // -inf: silence (nothing passes the gate)
    double truePeakDbtp = -HUGE_VAL;
    bool isSilent() const { return !(integratedLufs > -70.0); }
};

class LoudnessMeter {
public:
    static Result<LoudnessMeasurement> measure(const std::vector<float>& mono, int sampleRate,
                                               bool withTruePeak = true);
};

// A look-ahead peak limiter: the gain comes down over the look-ahead before a
// peak (no clipping, no click) and recovers over the release. Gain ≤ the gain
// each sample needs, so no sample exceeds the ceiling.
class PeakLimiter {
public:
    PeakLimiter(double ceilingDb, double lookaheadMs = 5.0, double releaseMs = 80.0);
    // Returns how many dB the loudest peak was pulled down (0: nothing touched).
    double process(std::vector<float>& mono, int sampleRate) const;

private:
    double m_ceiling;
    double m_lookaheadMs;
    double m_releaseMs;
};

struct LoudnessTarget {
    double integratedLufs = -14.0; // short-video platforms
    double truePeakDbtp = -1.0;
    // The limiter aims this far under the true-peak limit: AAC encoding adds a
    // few tenths of a dB of overshoot to the peaks it is given.
    double encoderMarginDb = 1.0;
};

// What normalising did, for the job's sound.json and its detail view.
struct LoudnessReport {
    double inputLufs = 0;
    double inputTruePeakDbtp = 0;
    double integratedLufs = 0; // after gain and limiting
    double truePeakDbtp = 0;
    double gainDb = 0;
    double limitedDb = 0; // how far the limiter pulled the loudest peak down
    double targetLufs = -14.0;
    double targetTruePeakDbtp = -1.0;
    QJsonObject toJson() const;
    static LoudnessReport fromJson(const QJsonObject& json);
};

// Brings a mix to the target: measure, apply gain, limit the true peak, measure
// again and correct the gain the limiter took away, until both figures hold.
class LoudnessNormalizer {
public:
    explicit LoudnessNormalizer(LoudnessTarget target = {})
        : m_target(target) {}
    Result<LoudnessReport> normalize(std::vector<float>& mono, int sampleRate) const;

private:
    LoudnessTarget m_target;
};

} // namespace hh
