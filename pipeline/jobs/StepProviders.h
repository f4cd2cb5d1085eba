// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "providers/ProviderHub.h"
#include "script/ScriptWriter.h"
#include "visuals/SceneVisuals.h"
#include "voice/VoiceSynthesizer.h"

#include <memory>

namespace hh {

// Picks the implementation of a step by the name stored in the job's options
// ("builtin", "gemini", "openai", "runway"). Cloud providers need a session
// (network) and a key; without one the error says what to do, before any request.
class StepProviders {
public:
    static QStringList scriptNames();  // builtin, gemini, openai
    static QStringList voiceNames();   // builtin, gemini
    static QStringList visualsNames(); // builtin, runway

    // True when `name` does not need the network.
    static bool isBuiltin(const QString& name);
    // The provider a cloud step name uses (gemini → Gemini, …); false for builtin.
    static bool providerFor(const QString& name, ProviderId* id);
    // Auth error naming the setting or variable, or none when the key is there
    // (the local OpenAI-compatible server needs none).
    // The job's owner's keys (ProviderSession::keys), never whoever is signed in.
    static Error requireKey(const SecretSource& keys, ProviderId id);

    static Result<std::unique_ptr<ScriptWriter>> scriptWriter(const QString& name,
                                                              ProviderSession* session);
    static Result<std::unique_ptr<VoiceSynthesizer>> voice(const QString& name,
                                                           ProviderSession* session);
    static Result<std::unique_ptr<SceneVisuals>> visuals(const QString& name,
                                                         ProviderSession* session);
};

} // namespace hh
