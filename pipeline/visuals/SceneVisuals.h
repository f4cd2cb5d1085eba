// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Paper.h"
#include "core/StepControl.h"
#include "script/Script.h"
#include "voice/Narration.h"

namespace hh {

struct VisualsParams {
    QString aspect = QStringLiteral("9:16");
};

// The generate-videos step: produces the media of every scene into a folder
// (`scenes/`). The built-in MotionGraphicsVisuals prepares the paper's figures
// and a plan the compositor animates; a cloud provider (Runway) puts clips there.
class SceneVisuals {
public:
    virtual ~SceneVisuals() = default;
    // `paperDir` holds paper.json and its figures/; `scenesDir` must not exist yet
    // or is replaced as a whole.
    virtual Error prepare(const Paper& paper, const QString& paperDir, const Script& script,
                          const Narration& narration, const QString& scenesDir,
                          const VisualsParams& params, const StepControl& control) = 0;
};

} // namespace hh
