// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "JobSteps.h"
#include "core/ErrorType.h"

#include <QString>
#include <QStringList>
#include <atomic>
#include <functional>

namespace hh {

class EventLog;

// Which steps of a source job a variant may take over instead of running them:
// what the variant changes decides it. The paper is the same paper; the script
// only for the same length and script writer (a different length needs another
// script); the narration only for that script read by the same voice at the same
// pace. Visuals and the video never: they are drawn for the shape.
struct SharePlan {
    bool paper = false;
    bool script = false;
    bool narration = false;

    static SharePlan between(const JobOptions& source, const JobOptions& variant);
    bool covers(Step step) const;
};

// Where the source job stands, as the variant sees it.
enum class SourceState {
    Working,  // queued or running in some process: its artifacts may still come
    Finished, // completed
    Stopped,  // failed, cancelled, paused, deleted or not running anywhere
};

// Gives a variant job the artifacts of its source job (JobOptions::shareFrom):
// hard links, so deleting either folder never breaks the other (a copy where
// links are impossible, e.g. across filesystems). A step the source has not
// finished yet is waited for while the source still works; a source that
// stopped without it leaves the step to the variant. The wait runs inside the
// variant's own step, so it holds no render slot and stays cancellable.
class VariantSharing {
public:
    using StateProbe = std::function<SourceState()>;
    // Told while waiting (the detail the job's progress shows).
    using WaitReport = std::function<void(const QString& detail)>;
    enum class Outcome { Shared, DoItself, Cancelled };

    // What a shared step's progress says when it is done (instead of "done").
    static QString sharedDetail(qint64 sourceJobId);
    static bool isSharedDetail(const QString& detail);

    VariantSharing(QString sourceDir, qint64 sourceJobId, SharePlan plan, StateProbe probe);
    // The variant's event log lines ("fetch-paper shared from job 3").
    void setLog(EventLog* log, qint64 jobId);
    // How often the source is looked at while waiting.
    void setPollIntervalMs(int ms) { m_pollMs = ms; }

    const SharePlan& plan() const { return m_plan; }
    qint64 sourceJobId() const { return m_sourceJobId; }
    QString sourceDir() const { return m_sourceDir; }
    // Takes `step`'s artifacts from the source into `targetDir`, waiting for them
    // while the source works on them. A link that cannot be made (a full disk)
    // leaves the step to the variant, as does a source that stopped without it.
    Outcome obtain(Step step, const QString& targetDir, const WaitReport& waiting,
                   const std::atomic_bool* cancel);

    // A variant approved at its own review takes the source's script again when
    // the source has passed its review too, so edits made there reach the variant,
    // unless the variant's own script was edited since it was shared (its own
    // review then stands). Returns whether it did.
    bool takeReviewedScript(const QString& targetDir) const;

    // A step's artifacts relative to the job folder; the one whose presence marks
    // the step done comes last, so a half-shared step never looks finished.
    static QStringList artifactsOf(Step step);
    // Hard-links `from` to `to` (replacing it), or copies when linking fails.
    // Folders are recreated and their files linked one by one.
    static Error linkOrCopy(const QString& from, const QString& to);

private:
    bool sourceHas(Step step) const;
    bool sameScript(const QString& targetDir) const;
    Error shareStep(Step step, const QString& targetDir) const;
    void log(Step step, const QString& message, bool warning = false) const;

    QString m_sourceDir;
    qint64 m_sourceJobId = 0;
    SharePlan m_plan;
    StateProbe m_probe;
    EventLog* m_log = nullptr;
    qint64 m_jobId = 0;
    int m_pollMs = 200;
};

// "Also make": a variant of `base` from a short change name, as the CLI's
// --also and the New video panel spell them: a shape ("1:1", "16:9", "9:16"),
// a length ("30s") or a voice ("voice=en-gb"). An empty `*error` on success.
JobOptions variantOf(const JobOptions& base, const QString& change, QString* error = nullptr);
// What tells a variant's file apart from the source's: "1x1", "16x9", "30s",
// "en-gb" (joined by '-' when several differ); empty when nothing differs.
QString variantSuffix(const JobOptions& base, const JobOptions& variant);
// Where a variant's video goes next to the source's: "out/NAME.mp4" and "1x1"
// → "out/NAME-1x1.mp4". Empty stays empty (no copy asked for).
QString variantOutputPath(const QString& output, const QString& suffix);

} // namespace hh
