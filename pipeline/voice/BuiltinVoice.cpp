// SPDX-License-Identifier: GPL-3.0-or-later
#include "BuiltinVoice.h"

#include "EspeakVoice.h"
#include "FliteVoice.h"

namespace hh {

QString BuiltinVoice::defaultVoiceFor(const QString& language) {
    const QString primary = language.section(QLatin1Char('-'), 0, 0).toLower();
    if (primary.isEmpty() || primary == QLatin1String("en"))
        return FliteVoice::defaultVoice();
    return EspeakVoice::defaultVoiceFor(language);
}

Result<Narration> BuiltinVoice::synthesize(const Script& script, const VoiceParams& params,
                                           const StepControl& control) {
    VoiceParams chosen = params;
    if (chosen.voice.isEmpty())
        chosen.voice = defaultVoiceFor(script.language);
    if (FliteVoice::isFliteVoice(chosen.voice))
        return FliteVoice().synthesize(script, chosen, control);
    return EspeakVoice().synthesize(script, chosen, control);
}

} // namespace hh
