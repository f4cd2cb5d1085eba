// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "VoiceSynthesizer.h"

#include <QStringList>

namespace hh {

// The built-in offline voice: espeak-ng synthesised into memory, with word
// timings taken from the engine's own word events. Robotic but always there,
// so a video can be made without any account or network.
class EspeakVoice final : public VoiceSynthesizer {
public:
    Result<Narration> synthesize(const Script& script, const VoiceParams& params,
                                 const StepControl& control) override;

    // Language codes of the installed espeak-ng voices ("en-us", "uk", …), sorted;
    // any of them is a valid VoiceParams::voice. Empty when the engine cannot start.
    static QStringList availableVoices();
    // The voice used when VoiceParams::voice is empty: "en" → "en-us", otherwise
    // the BCP 47 tag lower-cased ("uk", "pt-br").
    static QString defaultVoiceFor(const QString& language);
    // What the engine would say for `text`, as espeak phoneme mnemonics, clause
    // by clause (e.g. to check that a lexicon entry changes what is said).
    // Empty when the engine or the voice is missing.
    static QString phonemes(const QString& text, const QString& voice = QStringLiteral("en-us"));
};

} // namespace hh
