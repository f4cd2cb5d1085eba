// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "script/ScriptValidator.h"
#include "script/ScriptWriter.h"

#include <QSet>

namespace hh {

// Turns an LLM's answer into a Script and finds everything that keeps it from
// being used as it is: not JSON of the schema, a scene citing a sentence the
// paper does not have, a number or unit its cited sentences do not state
// (validateScript), a figure that does not exist, or a length far from the target
// (±25 % of the words the target duration holds). The messages are written so
// that both the model (in the corrective turn) and a user (in review) can act on
// them.
class LlmScriptParser {
public:
    // Keeps a reference to `paper`, which must outlive the parser.
    LlmScriptParser(const Paper& paper, const ScriptParams& params);

    // The answer as a script. The error (ErrorType::Provider) says what is wrong
    // with the JSON; it doubles as the problem sent back to the model.
    Result<Script> parse(const QString& answer) const;
    // What must be fixed before the script can be used; scene -1 is the script as a whole.
    QList<ScriptIssue> problems(const Script& script) const;
    // The fallback after the corrective turn: every remaining problem is written
    // into the scene it concerns (Script::issues for the whole script) for the user
    // to review, and references to sentences or figures the paper lacks are removed
    // so nothing downstream trips over them.
    void flag(Script& script, const QList<ScriptIssue>& problems) const;

    int minWords() const;
    int maxWords() const;

private:
    const Paper& m_paper;
    ScriptParams m_params;
    QSet<QString> m_sentenceIds;
    QSet<QString> m_figureIds; // figures with an image
};

} // namespace hh
