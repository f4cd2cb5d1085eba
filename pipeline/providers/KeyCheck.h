// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProviderHub.h"

namespace hh {

struct KeyCheckResult {
    Error error;    // none: the provider accepted the key
    QString detail; // e.g. "model gemini-2.5-flash available", "credit balance 1,250"
};

// Which of Gemini's configured models a check asks about: one key serves both.
enum class GeminiModelUse { Script, Voice };

// "Check key" in Settings → Providers, and the one implementation of a key check
// for every provider: one cheap, read-only request that needs a valid key
// (Gemini: the configured model; Runway: the organisation's credit balance;
// NCBI: einfo with api_key; local LLM: the model list, which must hold the
// configured model, "llama3.1:latest" counting as "llama3.1"). Runs on the
// calling worker thread; never retries a refused key, never echoes it.
KeyCheckResult checkProviderKey(ProviderSession& session, ProviderId provider, const QString& key,
                                GeminiModelUse geminiModel = GeminiModelUse::Script);

} // namespace hh
