// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "VoiceSynthesizer.h"

#include <QStringList>

namespace hh {

// The smoother offline English voices: CMU Flite's cmu_us_slt (female), rms,
// awb and kal (male), as Debian ships them (flite1-dev). Word times come from
// the engine itself: the end of each word's last segment in the utterance, the
// word mapped to the text token it came from, so "3.5" said as "three point
// five" is still one caption word. English only; espeak-ng covers the rest.
class FliteVoice final : public VoiceSynthesizer {
public:
    // VoiceParams::voice is one of voiceIds() ("flite-slt"); empty: defaultVoice(), the
    // most intelligible of the four (tests/bench/bench_voices).
    Result<Narration> synthesize(const Script& script, const VoiceParams& params,
                                 const StepControl& control) override;

    static QStringList voiceIds(); // flite-slt, flite-rms, flite-awb, flite-kal
    static bool isFliteVoice(const QString& voiceId);
    static QString defaultVoice() { return QStringLiteral("flite-rms"); }
};

} // namespace hh
