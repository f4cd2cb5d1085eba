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

private:
    ProviderSession& m_session;
};

// How an OpenAI-compatible server's error bodies read (OpenAI's, Ollama's and
// llama.cpp's), for every call to it, "Check key" included.
ApiFailure interpretLlmServerError(const HttpResponse& response);
// A failed call to that server in words that say what to do on the user's side
// (start the server, pull the model, set the key); `key` never appears in it.
Error explainLlmServerFailure(const CallOutcome& outcome, const ProviderConfig& config,
                              const QString& key);
// The configured model is not among those the server lists (`offered`).
Error llmServerLacksModel(const ProviderConfig& config, const QStringList& offered);
// The script text of one `chat/completions` reply (string or list-of-parts
// content) and its token counts, filled into `usage` whenever the reply is
// JSON. A refusal or content filter is content_blocked, anything else unusable
// provider. A pure function of the body, so it can be tested and fuzzed on its own.
Result<LlmAnswer> readOpenAiScriptReply(const QByteArray& body, UsageDelta* usage = nullptr);

} // namespace hh
