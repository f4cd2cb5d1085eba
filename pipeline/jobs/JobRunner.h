// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CpuSlots.h"
#include "DataLayout.h"
#include "JobSteps.h"
#include "core/Result.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QThreadPool>
#include <QTimer>
#include <atomic>
#include <memory>

namespace hh {

class EventLog;
class JobQueue;
class JobStore;

// Jobs at once by default: one per two cores, as the frame loop and the encoder
// of one job already keep two cores busy.
int defaultJobsAtOnce();

struct RunnerSettings {
    // Jobs doing local CPU work at once (CpuSlots); jobs in a cloud step do not count.
    int maxConcurrentJobs = defaultJobsAtOnce();
    int signalIntervalMs = 100; // ≤ 10 progress signals a second per job
    int databaseIntervalMs =
        500; // progress written at most every 500 ms (and at every step boundary)
};

// Runs jobs on its own QThreadPool, one runnable per job, with the job table as
// the single source of truth: every state change is written to the row first,
// then announced through signals (queued to the receiver's thread). Cancel flags
// are checked inside every step; a row cancelled by another process is noticed
// at the next progress write. Interrupted, failed, cancelled and paused jobs
// resume from their first missing artifact.
//
// A job queue: submitted and resumed jobs wait as `queued` rows (JobQueue, in
// order, surviving a restart) and start when a CPU slot is free (CpuSlots, the
// "jobs at once" limit, changeable live). A job in a cloud step gives its slot
// to the next one. Queue operations and dispatching run on the runner's thread.
class JobRunner final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobRunner)
public:
    explicit JobRunner(DataLayout layout, RunnerSettings settings = {}, EventLog* log = nullptr,
                       QObject* parent = nullptr);
    ~JobRunner() override; // cancels running jobs and waits for them

    // Creates the row, queues it (status queued) and starts it when a slot is free;
    // returns its ID at once. `password` (encrypted PDFs) stays in memory only.
    Result<qint64> submit(qint64 userId, const JobOptions& options, const QString& password = {});
    // "Also make": the source job from `base`, then one job per variant that
    // shares the source's paper import, script and narration where its options
    // allow (VariantSharing). Returns the source's ID first, then the variants'.
    Result<QList<qint64>> submitVariants(qint64 userId, const JobOptions& base,
                                         const QList<JobOptions>& variants,
                                         const QString& password = {});
    // Queues a paused, failed, cancelled or interrupted job again; it runs from its
    // first missing step. Resuming a job paused at its script review approves the script.
    Error resume(qint64 userId, qint64 jobId, const QString& password = {});
    // Cancels a queued or running job (also one that is only a row). A queued job
    // leaves the queue and never runs.
    Error cancel(qint64 userId, qint64 jobId);
    // Queue operations on a queued job: first in line; out of the queue as `paused`.
    Error moveToTop(qint64 userId, qint64 jobId);
    Error pause(qint64 userId, qint64 jobId);
    // After a crash: this user's jobs left `running` go to the front of the queue
    // (oldest first), then the queue is restored; returns how many were interrupted.
    int resumeInterrupted(qint64 userId);
    // Dispatches this user's queued rows (this process's, and those of a process
    // that died) in their order; returns how many are waiting.
    int restoreQueue(qint64 userId);

    // Jobs at once, applied now: a higher limit starts queued jobs at once, a lower
    // one lets the running jobs finish their step.
    void setMaxConcurrentJobs(int jobs);
    int maxConcurrentJobs() const;

    // The cloud providers jobs may use (shared by all jobs; null: built-in only).
    // Jobs started afterwards use the new hub.
    void setProviderHub(std::shared_ptr<ProviderHub> hub);
    std::shared_ptr<ProviderHub> providerHub() const;

    bool isActive(qint64 jobId) const;
    // The jobs of one account this runner is running or about to run.
    QList<qint64> activeJobs(qint64 userId) const;
    bool waitForDone(int msecs = -1);
    const DataLayout& layout() const { return m_layout; }

Q_SIGNALS:
    void progressChanged(qint64 userId, qint64 jobId, const QString& step, int percent,
                         const QString& detail);
    void jobFinished(qint64 userId, qint64 jobId, const QString& videoPath);
    void jobFailed(qint64 userId, qint64 jobId, const QString& errorType, const QString& message);
    void jobPaused(qint64 userId, qint64 jobId);
    // The user's queue changed: a job joined, left, moved or started.
    void queueChanged(qint64 userId);

private:
    friend class JobTask;
    static constexpr int kMaxJobsInFlight = 16;
    // Starts queued jobs while slots are free (the runner's thread only).
    void dispatch();
    void dispatchSoon(); // from any thread
    void start(qint64 userId, qint64 jobId, const QString& password);
    Error enqueue(qint64 userId, qint64 jobId, bool atFront);
    void taskEnded(qint64 jobId);
    std::shared_ptr<std::atomic_bool> flagFor(qint64 jobId);

    DataLayout m_layout;
    RunnerSettings m_settings;
    EventLog* m_log = nullptr;
    QThreadPool m_pool;
    CpuSlots m_slots;
    std::atomic_bool m_closing{false};  // read by pool threads (taskEnded)
    QHash<qint64, QString> m_passwords; // queued job → its PDF password, in memory only
    QTimer m_adoptTimer;                // looks for queues of processes that died
    mutable QMutex m_mutex;
    QHash<qint64, std::shared_ptr<std::atomic_bool>> m_active; // job → cancel flag
    QHash<qint64, qint64> m_owners;                            // active job → its account
    std::unique_ptr<JobStore> m_store;                         // the owner thread's connection
    std::unique_ptr<JobQueue> m_queue;                         // over m_store
    std::shared_ptr<ProviderHub> m_hub;
};

} // namespace hh
