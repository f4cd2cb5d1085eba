// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Lexicon.h"
#include "Narration.h"
#include "core/StepControl.h"
#include "script/Script.h"

namespace hh {

struct VoiceParams {
    QString voice; // engine-specific voice name; empty: the engine's default for the language
    int wordsPerMinute = 165;
    double pauseBetweenScenesMs = 350;
    // How to say words the voice gets wrong; the captions keep the paper's words.
    Lexicon lexicon;
};

// The generate-audio step: speaks every scene of a script into one narration with
// word timings. Implementations: EspeakVoice (built-in), GeminiTts (cloud, later).
class VoiceSynthesizer {
public:
    virtual ~VoiceSynthesizer() = default;
    virtual Result<Narration> synthesize(const Script& script, const VoiceParams& params,
                                         const StepControl& control) = 0;
};

} // namespace hh
