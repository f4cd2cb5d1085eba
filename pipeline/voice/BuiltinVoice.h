// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "VoiceSynthesizer.h"

namespace hh {

// The offline narrator ("builtin" in a job's options): Flite for its English
// voices ("flite-slt" …) and, with no voice chosen, for English scripts, where
// it is the more intelligible of the two (README, "Voices"); espeak-ng for every
// other voice id and language.
class BuiltinVoice final : public VoiceSynthesizer {
public:
    Result<Narration> synthesize(const Script& script, const VoiceParams& params,
                                 const StepControl& control) override;

    // The voice an empty VoiceParams::voice means for a script's language.
    static QString defaultVoiceFor(const QString& language);
};

} // namespace hh
