// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "LlmScriptDriver.h"
#include "ProviderHub.h"
#include "script/ScriptWriter.h"

namespace hh {

// Writes the script with Google Gemini: one generateContent call in JSON mode
// with the script's response schema (LlmScriptRequest), checked and corrected
// once by LlmScriptDriver. The key goes only in the x-goog-api-key header. A
// blocked prompt or a safety stop is `content_blocked`; token usage is booked
// through the session.
class GeminiScriptWriter final : public ScriptWriter {
public:
    explicit GeminiScriptWriter(ProviderSession& session);
    Result<Script> write(const Paper& paper, const ScriptParams& params,
                         const StepControl& control) override;

private:
    ProviderSession& m_session;
};

// Gemini answered 404 for the configured script model: what to set instead.
Error geminiUnknownModel(const ProviderConfig& config);
// The script text of one `generateContent` reply (thought parts left out) and
// its token counts, filled into `usage` whenever the reply is JSON. Errors are
// typed: content_blocked when Gemini's rules stopped it, provider otherwise.
// A pure function of the body, so it can be tested and fuzzed on its own.
Result<LlmAnswer> readGeminiScriptReply(const QByteArray& body, UsageDelta* usage = nullptr);

} // namespace hh
