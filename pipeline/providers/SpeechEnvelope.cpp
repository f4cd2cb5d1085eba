// SPDX-License-Identifier: GPL-3.0-or-later
#include "SpeechEnvelope.h"

#include <QtEndian>
#include <algorithm>
#include <cmath>

namespace hh {

namespace {

// Silent runs shorter than this are stop closures inside words, not pauses.
constexpr qint64 kMinPauseFrames = 3;
// Speech has to last this long to count: a lone click is not the first word.
constexpr qint64 kMinSpeechFrames = 2;
// The silence threshold: this far below the loud frames (95th percentile), but
// at least this far above the quiet ones (5th percentile, the noise floor), and
// never closer than kMinRangeDb to the loud frames.
constexpr double kBelowLoudDb = 40;
constexpr double kAboveFloorDb = 10;
constexpr double kMinRangeDb = 20;
// Dips are measured against the median of ±100 ms and capped.
constexpr qint64 kDipContextFrames = 10;
constexpr double kMaxDipDb = 30;
// A nucleus: a peak of the (30 ms smoothed) level this far above silence, set
// off from its neighbours by a valley this deep and at least this far away.
constexpr double kNucleusAboveSilenceDb = 13;
constexpr double kNucleusProminenceDb = 3;
constexpr qint64 kMinNucleusGapFrames = 6;

double frameLevelDb(const QByteArray& pcm, qint64 first, qint64 count) {
    double sum = 0;
    for (qint64 i = first; i < first + count; ++i) {
        const double sample = qFromLittleEndian<qint16>(pcm.constData() + i * 2);
        sum += sample * sample;
    }
    const double meanSquare = count > 0 ? sum / double(count) : 0;
    return 10.0 * std::log10(meanSquare / (32768.0 * 32768.0) + 1e-12);
}

double percentile(std::vector<double> values, double fraction) {
    if (values.empty())
        return -120;
    const auto index = static_cast<size_t>(fraction * double(values.size() - 1));
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(index), values.end());
    return values[index];
}

std::vector<double> dipsOf(const std::vector<double>& levels) {
    const auto frames = qint64(levels.size());
    std::vector<double> dips(levels.size(), 0.0);
    for (qint64 f = 0; f < frames; ++f) {
        std::vector<double> around(
            levels.begin() + std::ptrdiff_t(std::max<qint64>(0, f - kDipContextFrames)),
            levels.begin() + std::ptrdiff_t(std::min(frames, f + kDipContextFrames + 1)));
        const double median = percentile(std::move(around), 0.5);
        dips[size_t(f)] = std::clamp(median - levels[size_t(f)], 0.0, kMaxDipDb);
    }
    return dips;
}

// Every syllable has one loudness peak, its vowel. Local maxima of the smoothed
// level are kept left to right; one without a real valley (or enough distance)
// to the last kept peak competes with it, and the louder of the two stays.
std::vector<qint64> nucleiOf(const std::vector<double>& levels, double threshold) {
    const auto frames = qint64(levels.size());
    std::vector<double> smooth(levels.size());
    for (qint64 f = 0; f < frames; ++f) {
        const qint64 from = std::max<qint64>(0, f - 1);
        const qint64 to = std::min(frames - 1, f + 1);
        double sum = 0;
        for (qint64 g = from; g <= to; ++g)
            sum += levels[size_t(g)];
        smooth[size_t(f)] = sum / double(to - from + 1);
    }
    std::vector<qint64> kept;
    for (qint64 f = 1; f + 1 < frames; ++f) {
        const double level = smooth[size_t(f)];
        if (level <= threshold + kNucleusAboveSilenceDb || level < smooth[size_t(f - 1)] ||
            level <= smooth[size_t(f + 1)])
            continue;
        bool keep = true;
        while (!kept.empty()) {
            const qint64 left = kept.back();
            const double valley = *std::min_element(smooth.begin() + std::ptrdiff_t(left),
                                                    smooth.begin() + std::ptrdiff_t(f) + 1);
            const double lower = std::min(smooth[size_t(left)], level);
            if (lower - valley >= kNucleusProminenceDb && f - left >= kMinNucleusGapFrames)
                break;
            if (smooth[size_t(left)] >= level) {
                keep = false;
                break;
            }
            kept.pop_back();
        }
        if (keep)
            kept.push_back(f);
    }
    return kept;
}

} // namespace

qint64 SpeechEnvelope::frameToMs(qint64 frame) const {
    return sampleRate > 0 ? frame * frameSamples * 1000 / sampleRate : 0;
}

SpeechEnvelope SpeechEnvelope::analyse(const QByteArray& pcm, int sampleRate) {
    SpeechEnvelope envelope;
    if (sampleRate <= 0)
        return envelope;
    envelope.sampleRate = sampleRate;
    envelope.frameSamples = std::max<qint64>(1, qint64(sampleRate) * kFrameMs / 1000);
    const qint64 frames = (pcm.size() / 2) / envelope.frameSamples;
    if (frames == 0)
        return envelope;
    envelope.levels.resize(size_t(frames));
    for (qint64 f = 0; f < frames; ++f)
        envelope.levels[size_t(f)] =
            frameLevelDb(pcm, f * envelope.frameSamples, envelope.frameSamples);

    const double loud = percentile(envelope.levels, 0.95);
    const double quiet = percentile(envelope.levels, 0.05);
    envelope.silenceThreshold =
        std::min(loud - kMinRangeDb, std::max(quiet + kAboveFloorDb, loud - kBelowLoudDb));
    const double threshold = envelope.silenceThreshold;
    const auto silent = [&envelope, threshold](qint64 f) {
        return envelope.levels[size_t(f)] <= threshold;
    };

    for (qint64 f = 0; f + kMinSpeechFrames <= frames; ++f) {
        bool speech = true;
        for (qint64 j = 0; j < kMinSpeechFrames; ++j)
            speech = speech && !silent(f + j);
        if (speech) {
            if (envelope.firstSpeech < 0)
                envelope.firstSpeech = f;
            envelope.lastSpeech = f + kMinSpeechFrames - 1;
        }
    }
    if (envelope.firstSpeech < 0)
        return envelope;
    for (qint64 f = envelope.firstSpeech; f <= envelope.lastSpeech;) {
        if (!silent(f)) {
            ++f;
            continue;
        }
        const qint64 begin = f;
        while (f <= envelope.lastSpeech && silent(f))
            ++f;
        if (f - begin >= kMinPauseFrames)
            envelope.pauses.push_back({begin, f});
    }
    envelope.dips = dipsOf(envelope.levels);
    envelope.nuclei = nucleiOf(envelope.levels, threshold);
    return envelope;
}

} // namespace hh
