// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "LlmScriptDriver.h"
#include "ProviderHub.h"
#include "script/ScriptWriter.h"

namespace hh {

// Writes the script with an OpenAI-compatible chat server (Ollama, llama.cpp
// server, LM Studio …): POST {base}/chat/completions with a strict json_schema
// response format, checked and corrected once by LlmScriptDriver. A key is
// optional for local servers: `Authorization: Bearer` is sent only when one is
// set. Local models have small context windows, so the paper is offered in a
// smaller budget than to Gemini.
class OpenAiScriptWriter final : public ScriptWriter {
public:
    explicit OpenAiScriptWriter(ProviderSession& session);
    Result<Script> write(const Paper& paper, const ScriptParams& params,
                         const StepControl& control) override;

    // Settings' "check key": GET {base}/models; also says when the configured
    // model is not among those the server offers.
    static Error checkKey(ProviderSession& session);

private:
    ProviderSession& m_session;
};

// The script text of one `chat/completions` reply (string or list-of-parts
// content) and its token counts, filled into `usage` whenever the reply is
// JSON. A refusal or content filter is content_blocked, anything else unusable
// provider. A pure function of the body, so it can be tested and fuzzed on its own.
Result<LlmAnswer> readOpenAiScriptReply(const QByteArray& body, UsageDelta* usage = nullptr);

} // namespace hh
