// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProviderHub.h"
#include "visuals/SceneVisuals.h"

#include <QStringList>

namespace hh {

// What a Runway video will cost, shown before the job starts.
struct RunwayEstimate {
    int clips = 0;
    int seconds = 0; // clip seconds Runway bills
    double credits = 0;
    double usd = 0;
};

// Scene visuals by Runway image-to-video: every scene's built-in keyframe (its
// headline or figure card, without captions) becomes a short clip that moves,
// prompted with the scene's visual prompt. The built-in media are prepared
// first, so the figures and plan stay and a scene whose clip cannot be made
// keeps its motion graphics (with a warning that says which and why). Clips
// land in `scenes/clip_<n>.mp4` and the plan entry names them; the compositor
// draws them under the captions.
class RunwayVisuals final : public SceneVisuals {
public:
    explicit RunwayVisuals(ProviderSession& session);

    Error prepare(const Paper& paper, const QString& paperDir, const Script& script,
                  const Narration& narration, const QString& scenesDir, const VisualsParams& params,
                  const StepControl& control) override;

    // Clips, billed seconds and price for a script. With narration timings each
    // scene's length is known; before narration it is estimated from its words
    // at 150 a minute; a script without scenes yet is estimated from its target
    // length at 7 scenes a minute (design/video-style.md).
    static RunwayEstimate estimate(const Script& script, const Narration& narration,
                                   const ProviderConfig& config);

    // Scenes of the last prepare() that kept the built-in look, and why.
    QStringList warnings() const { return m_warnings; }
    // The text Runway gets with a scene's keyframe (at most 1000 UTF-16 units).
    static QString promptFor(const Scene& scene, const QString& paperTitle);

private:
    ProviderSession& m_session;
    QStringList m_warnings;
};

} // namespace hh
