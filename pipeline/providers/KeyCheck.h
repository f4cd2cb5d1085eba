// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProviderHub.h"

namespace hh {

struct KeyCheckResult {
    Error error;    // none: the provider accepted the key
    QString detail; // e.g. "model gemini-2.5-flash available", "credit balance 1,250"
};

// "Check key" in Settings → Providers: one cheap, read-only request that needs a
// valid key (Gemini: the configured model; Runway: the organisation's credit
// balance; NCBI: einfo with api_key; local LLM: the model list). Runs on the
// calling worker thread; never retries a refused key.
KeyCheckResult checkProviderKey(ProviderSession& session, ProviderId provider, const QString& key);

} // namespace hh
