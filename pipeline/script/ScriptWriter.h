// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Paper.h"
#include "Script.h"
#include "core/StepControl.h"

namespace hh {

struct ScriptParams {
    int targetSeconds = 60;   // 30, 60 or 90
    int wordsPerMinute = 150; // speaking rate the budget is planned for
};

// The generate-script step: writes the narrated script of a paper. Built-in:
// ExtractiveScriptWriter; cloud writers (Gemini, OpenAI-compatible) come later
// behind the same interface.
class ScriptWriter {
public:
    virtual ~ScriptWriter() = default;
    virtual Result<Script> write(const Paper& paper, const ScriptParams& params,
                                 const StepControl& control) = 0;
};

} // namespace hh
