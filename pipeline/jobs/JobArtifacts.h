// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "paper/Paper.h"
#include "script/Script.h"
#include "voice/Narration.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace hh {

// A paper sentence a scene rests on, resolved from its ID so the player and the
// exported script can quote it with its place in the paper.
struct SourceSentence {
    QString id;
    QString text;  // empty when the ID no longer exists in paper.json
    QString where; // "Results ¶2", "Abstract · Results" …
};

// What the player and the exporter read from a finished job folder (JobSteps
// artifacts), loaded once and kept read-only. Times are video times in ms: the
// video is the narration with its pictures, so both share one clock.
// Error messages are shown in the player, hence translatable.
class JobArtifacts {
    Q_DECLARE_TR_FUNCTIONS(hh::JobArtifacts)
public:
    // Needs paper.json, script.json and words.json; scenes/plan.json is optional
    // (the scene starts are then taken from the first word of each scene).
    static Result<JobArtifacts> load(const QString& jobDir);

    QString dir() const { return m_dir; }
    QString path(const QString& artifact) const; // "final_video.mp4" → absolute path
    QString videoPath() const;

    const Paper& paper() const { return m_paper; }
    const Script& script() const { return m_script; }
    const QList<WordTiming>& words() const { return m_words; }
    const QList<qint64>& sceneStartMs() const { return m_sceneStartMs; }
    int sceneCount() const { return int(m_script.scenes.size()); }
    QList<SourceSentence> sources(int scene) const;

    // The scene on screen at `ms`: the last one started (0 before the first start),
    // -1 when the script has no scenes.
    int sceneAt(qint64 ms) const;
    // The word being spoken at `ms` (start ≤ ms < end), -1 between words.
    int wordAt(qint64 ms) const;

private:
    void resolveSources();
    void setSceneStarts(const QList<qint64>& planStarts, const QList<qint64>& wordStarts);

    QString m_dir;
    Paper m_paper;
    Script m_script;
    QList<WordTiming> m_words;
    QList<qint64> m_sceneStartMs;
    QList<QList<SourceSentence>> m_sources; // per scene
};

} // namespace hh
