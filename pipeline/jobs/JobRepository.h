// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Database.h"
#include "core/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QLatin1String>
#include <QList>
#include <QString>
#include <optional>

namespace hh {

// The values of video_jobs.status. The column is plain TEXT (no CHECK), so a new
// status such as `paused` needs no migration; readers must tolerate unknown ones.
namespace JobStatus {
inline constexpr QLatin1String Pending{"pending"};
// Waiting in the queue for a free slot (schema 5: queue_pos, queue_owner).
inline constexpr QLatin1String Queued{"queued"};
inline constexpr QLatin1String Running{"running"};
inline constexpr QLatin1String Paused{"paused"};
inline constexpr QLatin1String Completed{"completed"};
inline constexpr QLatin1String Failed{"failed"};
inline constexpr QLatin1String Cancelled{"cancelled"};
bool isKnown(const QString& status);
} // namespace JobStatus

// One row of video_jobs (design/job-schema.md). Times are UTC.
struct JobRecord {
    qint64 id = 0;
    qint64 userId = 0;
    QString paperId;
    QString paperTitle;
    QString sourceKind;
    QString status;
    QString currentStep;
    QString errorMessage;
    QString errorType; // stable code of ErrorType (errorTypeCode), empty when none
    // The job's random UUID, made at createJob. It doubles as the name of the job's
    // folder (rather than a second UUID), so the folder of a lost row can be matched
    // to a rebuilt one and never to a job that merely got the same autoincrement id.
    QString taskId;
    QString userUuid; // the owner's users.uuid, which names the owner's folder
    int progressPercent = 0;
    QJsonObject options;
    QString finalVideoPath;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime completedAt;  // null until the job completed
    qint64 runMs = 0;       // time spent running in runs that ended
    QDateTime runningSince; // start of the current run; null when not running
    qint64 videoMs = 0;     // length of the video made; 0 until completed
    // The queue order while `queued` (smaller runs first). A `paused` row that keeps
    // one was paused by the user while it waited, not stopped for a script review.
    std::optional<qint64> queuePos;
    QString queueOwner; // "pid@host" of the process that dispatches the queued row

    // Time the job has spent running, up to `now`: paused, cancelled, failed and
    // interrupted time left out. A running job writes its progress every second or
    // so; one whose row has not changed for kSilentRunMs is taken as interrupted
    // (its process died) and its run ends at its last update.
    static constexpr qint64 kSilentRunMs = 60'000;
    qint64 runningMs(const QDateTime& now) const;
};

// What the library view asks for. Empty/invalid fields do not filter.
struct JobFilter {
    QString status;
    QString text;    // substring of paper_title or paper_id, case-insensitive, taken literally
    QDateTime from;  // created_at >= from (inclusive)
    QDateTime to;    // created_at <= to (inclusive)
    int limit = 500; // 0 or negative: no limit
};

// The SQL of the video_jobs table: creating, reading, listing and importing
// jobs and their state transitions with run-time accounting. Every call takes the
// signed-in user's id and touches only that user's rows: another user's job reads
// as NotFound, and there is deliberately no call that lists every user's jobs.
// Uses the Database's connection, so the same one-thread rule applies.
class JobRepository {
public:
    explicit JobRepository(Database& database)
        : m_db(database) {}

    // A `pending` row with a fresh task UUID; returns the job id (never reused).
    Result<qint64> createJob(qint64 userId, const QString& paperId, const QString& paperTitle,
                             const QString& sourceKind, const QJsonObject& options);
    Result<JobRecord> job(qint64 userId, qint64 jobId) const;
    Result<QList<JobRecord>> jobs(qint64 userId,
                                  const JobFilter& filter = {}) const; // newest first

    // Starts or resumes a job (from pending, paused, failed, cancelled or an
    // interrupted run); clears a previous error. Refused for a completed job.
    Error setRunning(qint64 userId, qint64 jobId, const QString& step, int percent);
    // Records progress of a running job. Returns false, leaving the row alone, when
    // the job is no longer running (e.g. the user cancelled it meanwhile): the
    // worker should then stop rather than overwrite the user's decision.
    Result<bool> updateProgress(qint64 userId, qint64 jobId, const QString& step, int percent);
    // Pauses a pending or running job (e.g. after the script, for review).
    Error setPaused(qint64 userId, qint64 jobId, const QString& step, int percent);
    // Marks a pending, running or paused job completed at 100% with its video.
    // videoMs: the made video's length (0 when unknown).
    Error finish(qint64 userId, qint64 jobId, const QString& finalVideoPath, qint64 videoMs = 0);
    // Records a failure; ErrorType::Cancelled makes the status `cancelled`. The
    // progress and step stay where the job stopped. Refused for a completed job.
    Error fail(qint64 userId, qint64 jobId, ErrorType type, const QString& message);
    // Fills in what only the fetched paper knows.
    Error setTitle(qint64 userId, qint64 jobId, const QString& title, const QString& sourceKind);
    Error deleteJob(qint64 userId, qint64 jobId); // the row only; the folder is the caller's

    // Rows of this user still `running`: the program stopped during them. The
    // caller resumes each from its first missing artifact. Oldest first.
    Result<QList<JobRecord>> interruptedJobs(qint64 userId) const;

    // The queue (schema 5). Puts a job that is not completed at the end (or the
    // front) of the queue as `queued`, dispatched by `owner` ("pid@host"); a previous
    // error is cleared and an open run (an interrupted `running` row) is closed.
    Error enqueue(qint64 userId, qint64 jobId, const QString& owner, bool atFront = false);
    // This user's queued rows, first in line first (every owner's).
    Result<QList<JobRecord>> queuedJobs(qint64 userId) const;
    // Takes a queued row out of the queue as `running`; false when it is no longer
    // queued (cancelled, paused, or claimed by another process meanwhile).
    Result<bool> claimQueued(qint64 userId, qint64 jobId);
    // Makes a queued job the first in line.
    Error moveToTop(qint64 userId, qint64 jobId);
    // A queued job leaves the queue as `paused` (its queue_pos stays as the mark of
    // a pause by the user); resuming queues it again.
    Error pauseQueued(qint64 userId, qint64 jobId);

    // Inserts a row for a job folder that has none (rebuild) and returns its new id.
    // record.taskId is required: it is the folder's name, so the row finds its
    // folder again. Uses the record's status, progress, step, paper fields,
    // options, error, video path and times (now when null). Refuses a task id that
    // already has a row, whoever owns it.
    Result<qint64> importJob(qint64 userId, const JobRecord& record);
    // The job of this user whose folder (task id) is `taskId`; NotFound when none.
    Result<JobRecord> jobByTaskId(qint64 userId, const QString& taskId) const;

private:
    using Statement = Database::Statement;

    Error runUpdate(qint64 userId, qint64 jobId, const Statement& statement, const QString& action,
                    const QString& refusal);
    Error explainNoRow(qint64 userId, qint64 jobId, const QString& refusal) const;
    Result<QList<JobRecord>> readJobs(const Statement& statement, const QString& text,
                                      int limit) const;

    Database& m_db;
};

} // namespace hh
