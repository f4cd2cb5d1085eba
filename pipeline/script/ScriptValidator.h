// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Paper.h"
#include "Script.h"

#include <QStringList>

namespace hh {

// Checks that a script is faithful to its paper: every scene cites sentences that
// exist, and every number its narration says or its headline shows appears in
// those sentences, with the same unit when it has one ("12 days" is not supported
// by "12 visits"). Any script — built-in, LLM-written or edited by hand — goes
// through it.
struct ScriptIssue {
    int scene = -1; // -1: the script as a whole
    QString message;
};

QList<ScriptIssue> validateScript(const Script& script, const Paper& paper);

} // namespace hh
