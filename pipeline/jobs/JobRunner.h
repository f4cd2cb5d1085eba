// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DataLayout.h"
#include "JobSteps.h"
#include "core/Result.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QSemaphore>
#include <QThreadPool>
#include <atomic>
#include <memory>

namespace hh {

class EventLog;
class JobStore;

struct RunnerSettings {
    int maxConcurrentJobs = 2;    // network steps of several jobs may overlap
    int maxConcurrentRenders = 1; // the frame loop already uses both cores
    int signalIntervalMs = 100;   // ≤ 10 progress signals a second per job
    int databaseIntervalMs =
        500; // progress written at most every 500 ms (and at every step boundary)
};

// Runs jobs on its own QThreadPool, one runnable per job, with the job table as
// the single source of truth: every state change is written to the row first,
// then announced through signals (queued to the receiver's thread). Cancel flags
// are checked inside every step; a row cancelled by another process is noticed
// at the next progress write. Interrupted, failed, cancelled and paused jobs
// resume from their first missing artifact.
class JobRunner final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobRunner)
public:
    explicit JobRunner(DataLayout layout, RunnerSettings settings = {}, EventLog* log = nullptr,
                       QObject* parent = nullptr);
    ~JobRunner() override; // cancels running jobs and waits for them

    // Creates the row (status pending) and queues the job; returns its ID at once.
    // `password` (encrypted PDFs) stays in memory only.
    Result<qint64> submit(qint64 userId, const JobOptions& options, const QString& password = {});
    // "Also make": the source job from `base`, then one job per variant that
    // shares the source's paper import, script and narration where its options
    // allow (VariantSharing). Returns the source's ID first, then the variants'.
    Result<QList<qint64>> submitVariants(qint64 userId, const JobOptions& base,
                                         const QList<JobOptions>& variants,
                                         const QString& password = {});
    // Runs a paused, failed, cancelled or interrupted job again from its first missing step.
    Error resume(qint64 userId, qint64 jobId, const QString& password = {});
    // Cancels a queued or running job (also one that is only a row).
    Error cancel(qint64 userId, qint64 jobId);
    // Resumes this user's jobs left `running` by a crash; returns how many.
    int resumeInterrupted(qint64 userId);

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

private:
    friend class JobTask;
    Error start(qint64 userId, qint64 jobId, const QString& password, bool approveScript = false);
    void taskEnded(qint64 jobId);
    std::shared_ptr<std::atomic_bool> flagFor(qint64 jobId);

    DataLayout m_layout;
    RunnerSettings m_settings;
    EventLog* m_log = nullptr;
    QThreadPool m_pool;
    QSemaphore m_renderSlots;
    mutable QMutex m_mutex;
    QHash<qint64, std::shared_ptr<std::atomic_bool>> m_active; // job → cancel flag
    QHash<qint64, qint64> m_owners;                            // active job → its account
    std::unique_ptr<JobStore> m_store;                         // the owner thread's connection
    std::shared_ptr<ProviderHub> m_hub;
};

} // namespace hh
