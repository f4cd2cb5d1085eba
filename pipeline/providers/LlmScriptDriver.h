// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "LlmScriptParser.h"
#include "LlmScriptRequest.h"

namespace hh {

// One message of a conversation with an LLM.
struct LlmTurn {
    enum class Role { User, Model };
    Role role = Role::User;
    QString text;
};

// What the model answered. `truncated`: it stopped at its output limit, so the
// text is probably half a JSON document.
struct LlmAnswer {
    QString text;
    bool truncated = false;
};

// One LLM service as the script loop needs it: send the conversation so far
// (with the request's instructions and answer schema), get the model's text back.
// Errors are typed (auth, rate_limited, content_blocked …) and already retried
// where retrying can help; usage is booked by the implementation.
class LlmChat {
public:
    virtual ~LlmChat() = default;
    virtual QString name() const = 0; // "Gemini", for messages
    virtual Result<LlmAnswer> ask(const LlmScriptRequest& request,
                                  const QList<LlmTurn>& conversation,
                                  const std::atomic_bool* cancel) = 0;
};

// A provider's own words end up in error messages, and a server may echo the key
// it was sent: never show it.
Error withoutSecret(Error error, const QString& secret);

// The corrective loop every LLM script writer shares: ask for a script, check it
// (LlmScriptParser), and when it is not JSON of the schema, was cut off, cites
// what the paper lacks, states a number its sources do not, or misses the length,
// ask ONCE more in the same conversation with the exact problems. What is still
// wrong after that is flagged on the scenes for the user, never dropped silently;
// an answer that is still unreadable (or cut off) twice is a `provider` error.
class LlmScriptDriver {
public:
    explicit LlmScriptDriver(LlmChat& chat);
    Result<Script> write(const LlmScriptRequest& request, const LlmScriptParser& parser,
                         const StepControl& control);

private:
    LlmChat& m_chat;
};

} // namespace hh
