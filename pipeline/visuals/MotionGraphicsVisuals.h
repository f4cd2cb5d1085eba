// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SceneVisuals.h"

namespace hh {

// Built-in visuals: no key, no network. Writes `scenes/plan.json` (each scene's
// time span, headline and figure) and a bounded-size PNG of every figure a scene
// shows, so the compositor never decodes a huge image and a user can swap a
// figure by replacing its PNG before the last step.
class MotionGraphicsVisuals final : public SceneVisuals {
public:
    Error prepare(const Paper& paper, const QString& paperDir, const Script& script,
                  const Narration& narration, const QString& scenesDir, const VisualsParams& params,
                  const StepControl& control) override;

    static constexpr int kMaxFigureSide = 1600;
};

} // namespace hh
