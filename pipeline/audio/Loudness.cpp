// SPDX-License-Identifier: GPL-3.0-or-later
#include "Loudness.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <ebur128.h>
#include <memory>

namespace hh {

namespace {

struct StateDeleter {
    void operator()(ebur128_state* state) const { ebur128_destroy(&state); }
};

double toDb(double linear) {
    return linear > 0 ? 20.0 * std::log10(linear) : -HUGE_VAL;
}
double fromDb(double db) {
    return std::pow(10.0, db / 20.0);
}
double rounded(double value) {
    return std::isfinite(value) ? std::round(value * 100.0) / 100.0 : -99.0;
}

} // namespace

Result<LoudnessMeasurement> LoudnessMeter::measure(const std::vector<float>& mono, int sampleRate,
                                                   bool withTruePeak) {
    const int mode = EBUR128_MODE_I | (withTruePeak ? EBUR128_MODE_TRUE_PEAK : 0);
    std::unique_ptr<ebur128_state, StateDeleter> state(
        ebur128_init(1, static_cast<unsigned long>(sampleRate), mode));
    if (!state || ebur128_set_channel(state.get(), 0, EBUR128_DUAL_MONO) != EBUR128_SUCCESS)
        return Result<LoudnessMeasurement>::failure(
            ErrorType::Internal, QStringLiteral("the loudness meter could not be set up"));
    if (!mono.empty() &&
        ebur128_add_frames_float(state.get(), mono.data(), mono.size()) != EBUR128_SUCCESS)
        return Result<LoudnessMeasurement>::failure(
            ErrorType::Internal, QStringLiteral("the loudness meter could not read the mix"));
    LoudnessMeasurement m;
    ebur128_loudness_global(state.get(), &m.integratedLufs);
    if (withTruePeak) {
        double peak = 0;
        ebur128_true_peak(state.get(), 0, &peak);
        m.truePeakDbtp = toDb(peak);
    }
    return m;
}

PeakLimiter::PeakLimiter(double ceilingDb, double lookaheadMs, double releaseMs)
    : m_ceiling(fromDb(ceilingDb))
    , m_lookaheadMs(lookaheadMs)
    , m_releaseMs(releaseMs) {}

double PeakLimiter::process(std::vector<float>& mono, int sampleRate) const {
    const size_t n = mono.size();
    const size_t window = std::max<size_t>(1, size_t(m_lookaheadMs * 0.001 * sampleRate));
    // needed[i]: the gain sample i needs to stay under the ceiling.
    std::vector<float> gain(n);
    double deepest = 1.0;
    for (size_t i = 0; i < n; ++i) {
        const double x = std::abs(mono[i]);
        gain[i] = x > m_ceiling ? float(m_ceiling / x) : 1.0f;
        deepest = std::min(deepest, double(gain[i]));
    }
    if (deepest >= 1.0)
        return 0.0;
    // The lowest need over the next `window` samples (a monotonic queue), then its
    // average over the last `window`: the gain ramps down across the look-ahead
    // and still is at most the need at every peak.
    std::vector<float> lowest(n);
    std::deque<size_t> queue;
    size_t next = 0;
    for (size_t i = 0; i < n; ++i) {
        for (; next < n && next <= i + window; ++next) {
            while (!queue.empty() && gain[queue.back()] >= gain[next])
                queue.pop_back();
            queue.push_back(next);
        }
        while (queue.front() < i)
            queue.pop_front();
        lowest[i] = gain[queue.front()];
    }
    const double release = std::exp(-1.0 / (m_releaseMs * 0.001 * sampleRate));
    // Samples before the start count as needing what the first ones need, so a
    // peak right at the start is limited too.
    double sum = double(lowest[0]) * double(window);
    double smoothed = lowest[0];
    for (size_t i = 0; i < n; ++i) {
        sum += lowest[i] - (i >= window ? lowest[i - window] : lowest[0]);
        const double average = sum / double(window);
        smoothed = average < smoothed ? average : average + (smoothed - average) * release;
        mono[i] = float(mono[i] * smoothed);
    }
    return -toDb(deepest);
}

QJsonObject LoudnessReport::toJson() const {
    return {{QStringLiteral("integrated_lufs"), rounded(integratedLufs)},
            {QStringLiteral("true_peak_dbtp"), rounded(truePeakDbtp)},
            {QStringLiteral("gain_db"), rounded(gainDb)},
            {QStringLiteral("limited_db"), rounded(limitedDb)},
            {QStringLiteral("input_lufs"), rounded(inputLufs)},
            {QStringLiteral("input_true_peak_dbtp"), rounded(inputTruePeakDbtp)},
            {QStringLiteral("target_lufs"), targetLufs},
            {QStringLiteral("target_true_peak_dbtp"), targetTruePeakDbtp}};
}

LoudnessReport LoudnessReport::fromJson(const QJsonObject& json) {
    LoudnessReport r;
    r.integratedLufs = json.value(QLatin1String("integrated_lufs")).toDouble();
    r.truePeakDbtp = json.value(QLatin1String("true_peak_dbtp")).toDouble();
    r.gainDb = json.value(QLatin1String("gain_db")).toDouble();
    r.limitedDb = json.value(QLatin1String("limited_db")).toDouble();
    r.inputLufs = json.value(QLatin1String("input_lufs")).toDouble();
    r.inputTruePeakDbtp = json.value(QLatin1String("input_true_peak_dbtp")).toDouble();
    r.targetLufs = json.value(QLatin1String("target_lufs")).toDouble(-14.0);
    r.targetTruePeakDbtp = json.value(QLatin1String("target_true_peak_dbtp")).toDouble(-1.0);
    return r;
}

Result<LoudnessReport> LoudnessNormalizer::normalize(std::vector<float>& mono,
                                                     int sampleRate) const {
    auto input = LoudnessMeter::measure(mono, sampleRate);
    if (!input)
        return input.error();
    LoudnessReport report;
    report.targetLufs = m_target.integratedLufs;
    report.targetTruePeakDbtp = m_target.truePeakDbtp;
    report.inputLufs = input->integratedLufs;
    report.inputTruePeakDbtp = input->truePeakDbtp;
    if (input->isSilent()) { // nothing to normalise: a silent video stays silent
        report.integratedLufs = input->integratedLufs;
        report.truePeakDbtp = input->truePeakDbtp;
        return report;
    }
    const double peakLimit = m_target.truePeakDbtp - m_target.encoderMarginDb;
    double gainDb = m_target.integratedLufs - input->integratedLufs;
    double ceilingDb = peakLimit;
    std::vector<float> out;
    // Limiting takes some loudness away and intersample peaks can sit above the
    // sample ceiling; each pass corrects both from a fresh copy of the input.
    for (int pass = 0; pass < 5; ++pass) {
        out = mono;
        const auto gain = float(fromDb(gainDb));
        for (float& v : out)
            v *= gain;
        report.limitedDb = PeakLimiter(ceilingDb).process(out, sampleRate);
        auto result = LoudnessMeter::measure(out, sampleRate);
        if (!result)
            return result.error();
        report.integratedLufs = result->integratedLufs;
        report.truePeakDbtp = result->truePeakDbtp;
        report.gainDb = gainDb;
        const double loudnessMiss = m_target.integratedLufs - result->integratedLufs;
        const double peakOver = result->truePeakDbtp - peakLimit;
        if (std::abs(loudnessMiss) <= 0.2 && peakOver <= 0)
            break;
        gainDb += loudnessMiss;
        if (peakOver > 0)
            ceilingDb -= peakOver + 0.05;
    }
    // Should the passes not have settled, the peak limit still holds: a little
    // quieter is better than clipping on the platform.
    if (report.truePeakDbtp > peakLimit) {
        const auto trim = float(fromDb(peakLimit - report.truePeakDbtp - 0.05));
        for (float& v : out)
            v *= trim;
        auto result = LoudnessMeter::measure(out, sampleRate);
        if (!result)
            return result.error();
        report.gainDb += toDb(trim);
        report.integratedLufs = result->integratedLufs;
        report.truePeakDbtp = result->truePeakDbtp;
    }
    mono = std::move(out);
    return report;
}

} // namespace hh
