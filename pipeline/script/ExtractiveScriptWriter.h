// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ScriptWriter.h"

namespace hh {

// The built-in script writer: needs no key and no network, and is faithful by
// construction because every narration line is a paper sentence cleaned for
// speech. It scores sentences (where they stand, cue phrases such as "we found",
// numbers, overlap with the title), opens with the strongest finding as a hook,
// fills 5–8 scenes up to the word budget of the target length in the paper's
// order, and closes on a conclusion.
class ExtractiveScriptWriter final : public ScriptWriter {
public:
    Result<Script> write(const Paper& paper, const ScriptParams& params,
                         const StepControl& control) override;
};

} // namespace hh
