// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobRunner.h"

#include "EventLog.h"
#include "JobLease.h"
#include "JobQueue.h"
#include "JobStore.h"
#include "StepProviders.h"
#include "UsageLedger.h"
#include "VariantSharing.h"
#include "providers/PaperIdentifier.h"
#include "render/VideoProbe.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QRunnable>
#include <QThread>
#include <optional>

namespace hh {

namespace {

QString sourceKindOf(const QString& input) {
    if (!QFileInfo::exists(input)) {
        // Until the paper is fetched: PubMed (abstract) or PMC (full text) is decided then.
        const PaperIdentifier id = PaperIdentifier::parse(input);
        if (id.isValid())
            return id.kind == PaperIdentifier::Kind::Pmcid ? QStringLiteral("pmc")
                                                           : QStringLiteral("pubmed");
    }
    const QString suffix = QFileInfo(input).suffix().toLower();
    if (suffix == QLatin1String("pdf"))
        return QStringLiteral("pdf");
    if (suffix == QLatin1String("docx"))
        return QStringLiteral("docx");
    return QStringLiteral("jats");
}

// The paper ID of a file is a content hash, so the same paper is recognised
// whatever its file name; identifiers are kept as typed.
QString paperIdOf(const QString& input) {
    if (!QFileInfo::exists(input)) {
        const PaperIdentifier id = PaperIdentifier::parse(input);
        if (id.isValid())
            return id.value; // normalised: "PMC6398430", "31452104", "10.7717/peerj-cs.118"
    }
    QFile file(input);
    if (!file.open(QIODevice::ReadOnly))
        return input;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return QStringLiteral("sha256:") + QString::fromLatin1(hash.result().toHex().left(16));
}

// Whether a step of this job works on this computer's CPU (and so needs a slot)
// rather than waiting for a cloud provider.
bool isLocalStep(Step step, const JobOptions& options) {
    switch (step) {
    case Step::GenerateScript:
        return StepProviders::isBuiltin(options.scriptProvider);
    case Step::GenerateAudio:
        return StepProviders::isBuiltin(options.voiceProvider);
    case Step::GenerateVideos:
        return StepProviders::isBuiltin(options.visualsProvider);
    case Step::FetchPaper: // parsing a PDF is CPU work, fetched or not
    case Step::AddCaptions:
    case Step::Done:
        break;
    }
    return true;
}

Error cancelledByUser() {
    return {ErrorType::Cancelled, QStringLiteral("cancelled by the user")};
}

} // namespace

int defaultJobsAtOnce() {
    return std::max(1, QThread::idealThreadCount() / 2);
}

// One job on a pool thread: its own database connection, its own cancel flag.
class JobTask final : public QRunnable {
public:
    // Started by the queue with a CPU slot already taken for it.
    JobTask(JobRunner* runner, qint64 userId, qint64 jobId, QString password,
            std::shared_ptr<std::atomic_bool> cancel)
        : m_runner(runner)
        , m_userId(userId)
        , m_jobId(jobId)
        , m_password(std::move(password))
        , m_cancel(std::move(cancel)) {
        setAutoDelete(true);
    }

    void run() override {
        const Error error = execute();
        if (error.type == ErrorType::Busy) {
            // Another worker runs this job: its row is that worker's to write.
            if (EventLog* log = m_runner->m_log)
                log->warning(m_jobId, QString(), error.message);
            Q_EMIT m_runner->jobFailed(m_userId, m_jobId, error.code(), error.message);
        } else if (error.isError()) {
            EventLog* log = m_runner->m_log;
            if (log)
                log->error(m_jobId,
                           stepName(m_lastStep == Step::Done ? Step::FetchPaper : m_lastStep),
                           error);
            // The row and the signal get what the log gets: an error may quote a
            // provider's answer or a URL with a key in it.
            const QString message = log ? log->redacted(error.message) : error.message;
            if (m_store)
                m_store->fail(m_userId, m_jobId, error.type, message);
            Q_EMIT m_runner->jobFailed(m_userId, m_jobId, error.code(), message);
        }
        // Released only now: the row above is written while no other worker can
        // have started the job again.
        m_lease.reset();
        m_store.reset(); // the connection belongs to this thread: close it here
        if (m_holdsSlot)
            m_runner->m_slots.release();
        m_runner->taskEnded(m_jobId);
    }

private:
    Error execute() {
        m_store = std::make_unique<JobStore>(m_runner->m_layout.databasePath());
        if (Error e = m_store->open(); e.isError())
            return e;
        auto record = m_store->job(m_userId, m_jobId);
        if (!record)
            return record.error();
        if (record.value().status == JobStatus::Cancelled || m_cancel->load())
            return cancelledByUser();
        JobOptions options = JobOptions::fromJson(record.value().options);
        options.password = m_password;
        const QString dir = m_runner->m_layout.jobDir(record.value());
        if (Error e = m_runner->m_layout.ensureJobDir(record->userUuid, record->taskId);
            e.isError())
            return e;
        m_dir = dir;
        // One worker per job, across processes: nothing in the folder is touched
        // (not even a broken artifact discarded) before the lease is ours.
        m_lease.emplace(dir);
        if (Error e = m_lease->acquire(m_jobId); e.isError())
            return e;
        // Declared before the steps, which keep a pointer to it.
        std::optional<UsageLedger> ledger;
        JobSteps steps(dir, options);
        if (auto hub = m_runner->providerHub()) {
            ledger.emplace(*m_store, m_userId, hub->pricing());
            steps.setProviders(std::move(hub), &*ledger, m_userId);
        }
        if (!options.shareFrom.isEmpty()) {
            auto sharing = sharingFor(options);
            // Not yet narrated: the script the source's review passed is the one to read.
            if (sharing && steps.isScriptApproved() && !steps.isStepDone(Step::GenerateAudio))
                sharing->takeReviewedScript(dir);
            steps.setSharing(std::move(sharing));
        }
        if (EventLog* log = m_runner->m_log)
            steps.setNotes([log, jobId = m_jobId](Step step, const QString& line) {
                log->info(jobId, stepName(step), line);
            });
        // A review is passed once: a retry of an approved job does not stop again,
        // one that never passed it (or whose script was written anew) does.
        const bool approved = steps.isScriptApproved();
        const QStringList discarded = steps.discardBrokenArtifacts();
        const Step first = steps.firstMissingStep();
        if (EventLog* log = m_runner->m_log) {
            log->info(m_jobId, stepName(first),
                      QStringLiteral("started at %1").arg(stepName(first)));
            if (!discarded.isEmpty())
                log->warning(m_jobId, stepName(first),
                             QStringLiteral("discarded untrusted artifacts: %1")
                                 .arg(discarded.join(QStringLiteral(", "))));
        }
        if (Error e = m_store->setRunning(m_userId, m_jobId, stepName(first),
                                          steps.plan().startPercent(first));
            e.isError())
            return e;

        const auto progress = [this](Step step, int percent, const QString& detail) {
            onProgress(step, percent, detail);
        };
        // Everything before the frame loop may overlap with other jobs. The script
        // comes first on its own: the user may want to review it, and a script with
        // claims the writer could not support is never published without review.
        if (Error e = runThrough(steps, options, progress, Step::GenerateScript); e.isError())
            return e;
        const QStringList issues = approved ? QStringList() : steps.scriptIssues();
        const bool review = (options.pauseAfterScript && !approved) || !issues.isEmpty();
        if (review && int(steps.firstMissingStep()) <= int(Step::GenerateAudio) &&
            steps.isStepDone(Step::GenerateScript)) {
            if (!issues.isEmpty()) {
                if (EventLog* log = m_runner->m_log)
                    log->warning(m_jobId, stepName(Step::GenerateScript),
                                 QStringLiteral("the script needs review: %1")
                                     .arg(issues.join(QStringLiteral("; "))));
            }
            const Step next = steps.firstMissingStep();
            if (Error e = m_store->setPaused(m_userId, m_jobId, stepName(next),
                                             steps.plan().startPercent(next));
                e.isError())
                return e;
            if (EventLog* log = m_runner->m_log)
                log->info(m_jobId, stepName(next), QStringLiteral("paused after the script"));
            Q_EMIT m_runner->jobPaused(m_userId, m_jobId);
            return {};
        }
        if (Error e = runThrough(steps, options, progress, Step::Done); e.isError())
            return e;
        // The library shows the made video's length, not the one asked for.
        const VideoProbe made = VideoProbe::probe(steps.finalVideoPath());
        const qint64 videoMs = made.ok ? qRound64(made.durationSeconds * 1000.0) : 0;
        if (Error e = m_store->finish(m_userId, m_jobId, steps.finalVideoPath(), videoMs);
            e.isError())
            return e;
        if (EventLog* log = m_runner->m_log)
            log->info(m_jobId, stepName(Step::AddCaptions),
                      QStringLiteral("completed: %1").arg(steps.finalVideoPath()));
        Q_EMIT m_runner->progressChanged(m_userId, m_jobId, stepName(Step::AddCaptions), 100,
                                         QStringLiteral("done"));
        Q_EMIT m_runner->jobFinished(m_userId, m_jobId, steps.finalVideoPath());
        return {};
    }

    // A variant's source, looked up among this account's jobs by its task ID; none
    // (deleted, another account's, the job itself): the variant makes everything.
    std::shared_ptr<VariantSharing> sharingFor(const JobOptions& options) {
        auto source = m_store->jobByTaskId(m_userId, options.shareFrom);
        if (!source || source->id == m_jobId)
            return {};
        const qint64 sourceId = source->id;
        const QString sourceDir = m_runner->m_layout.jobDir(source.value());
        // Called by the steps in this thread, so the task's own connection serves.
        auto probe = [this, sourceId, sourceDir] {
            const auto row = m_store->job(m_userId, sourceId);
            if (!row)
                return SourceState::Stopped;
            if (row->status == JobStatus::Completed)
                return SourceState::Finished;
            if (row->status == JobStatus::Failed || row->status == JobStatus::Cancelled ||
                row->status == JobStatus::Paused)
                return SourceState::Stopped;
            if (row->status == JobStatus::Queued) // in line before the variant: it comes
                return SourceState::Working;
            const bool running = m_runner->isActive(sourceId) || JobLease::holder(sourceDir);
            return running ? SourceState::Working : SourceState::Stopped;
        };
        auto sharing = std::make_shared<VariantSharing>(
            sourceDir, sourceId, SharePlan::between(JobOptions::fromJson(source->options), options),
            probe);
        sharing->setLog(m_runner->m_log, m_jobId);
        return sharing;
    }

    // Runs the missing steps up to `until` one at a time, holding a CPU slot for
    // the local ones only: in a cloud step the slot goes to the next queued job.
    Error runThrough(JobSteps& steps, const JobOptions& options, const JobSteps::Progress& progress,
                     Step until) {
        for (Step step = steps.firstMissingStep(); step != Step::Done && int(step) <= int(until);
             step = steps.firstMissingStep()) {
            // A variant waiting for its source's step holds no slot: the source may
            // need one to finish that very step.
            const bool local = isLocalStep(step, options) && !steps.isSharedStep(step);
            if (local && !m_holdsSlot) {
                if (!m_runner->m_slots.tryAcquire()) {
                    // Said, so the bar does not look stuck while other jobs work.
                    onProgress(step, steps.plan().startPercent(step),
                               QStringLiteral("waiting for a free slot"));
                    if (!m_runner->m_slots.acquire(m_cancel.get()))
                        return cancelledByUser();
                }
                m_holdsSlot = true;
            } else if (!local && m_holdsSlot) {
                m_holdsSlot = false;
                m_runner->m_slots.release();
            }
            if (Error e = steps.run(progress, m_cancel.get(), step); e.isError())
                return e;
        }
        return {};
    }

    void onProgress(Step step, int percent, const QString& detail) {
        const bool shared = VariantSharing::isSharedDetail(detail);
        const bool boundary = step != m_lastStep || detail == QLatin1String("done") || shared;
        if (!m_signalClock.isValid() || boundary ||
            m_signalClock.elapsed() >= m_runner->m_settings.signalIntervalMs) {
            m_signalClock.restart();
            Q_EMIT m_runner->progressChanged(m_userId, m_jobId, stepName(step), percent, detail);
        }
        if (!m_dbClock.isValid() || boundary ||
            m_dbClock.elapsed() >= m_runner->m_settings.databaseIntervalMs) {
            m_dbClock.restart();
            const auto stillRunning =
                m_store->updateProgress(m_userId, m_jobId, stepName(step), percent);
            // Another process (e.g. `hiddenhill-cli jobs cancel`) changed the row: stop.
            if (stillRunning && !stillRunning.value())
                m_cancel->store(true);
        }
        if (detail == QLatin1String("done")) {
            if (EventLog* log = m_runner->m_log)
                log->info(m_jobId, stepName(step), QStringLiteral("%1 done").arg(stepName(step)));
            if (step == Step::FetchPaper)
                recordTitle();
        } else if (shared && step == Step::FetchPaper) {
            recordTitle(); // the shared paper.json names the paper as well
        }
        m_lastStep = step;
    }

    // The library shows the paper's real title as soon as it is known.
    void recordTitle() {
        QFile file(QDir(m_dir).filePath(QStringLiteral("paper.json")));
        if (!file.open(QIODevice::ReadOnly))
            return;
        const QJsonObject paper = QJsonDocument::fromJson(file.readAll()).object();
        m_store->setTitle(m_userId, m_jobId, paper.value(QLatin1String("title")).toString(),
                          paper.value(QLatin1String("source")).toString());
    }

    JobRunner* m_runner;
    qint64 m_userId;
    qint64 m_jobId;
    QString m_password;
    std::shared_ptr<std::atomic_bool> m_cancel;
    bool m_holdsSlot = true; // the queue took a slot for the job's start
    std::optional<JobLease> m_lease;
    QString m_dir; // the job's folder, from its row
    std::unique_ptr<JobStore> m_store;
    QElapsedTimer m_signalClock;
    QElapsedTimer m_dbClock;
    Step m_lastStep = Step::Done;
};

void JobRunner::setProviderHub(std::shared_ptr<ProviderHub> hub) {
    QMutexLocker lock(&m_mutex);
    m_hub = std::move(hub);
}

std::shared_ptr<ProviderHub> JobRunner::providerHub() const {
    QMutexLocker lock(&m_mutex);
    return m_hub;
}

JobRunner::JobRunner(DataLayout layout, RunnerSettings settings, EventLog* log, QObject* parent)
    : QObject(parent)
    , m_layout(std::move(layout))
    , m_settings(settings)
    , m_log(log)
    , m_slots(std::max(1, settings.maxConcurrentJobs)) {
    // Threads are not the limit (CpuSlots is): a job waiting for a cloud provider
    // keeps its thread without a slot. This only bounds a queue of cloud-only jobs.
    m_pool.setMaxThreadCount(kMaxJobsInFlight);
    m_layout.ensureRoot();
    m_store = std::make_unique<JobStore>(m_layout.databasePath());
    m_store->open();
    m_queue = std::make_unique<JobQueue>(*m_store);
    m_slots.setOnFreed([this] { dispatchSoon(); });
    // A CLI killed while jobs waited leaves its queue to whoever serves the account:
    // looked for now and then, as no event announces a process's death.
    m_adoptTimer.setInterval(5000);
    connect(&m_adoptTimer, &QTimer::timeout, this, &JobRunner::dispatch);
}

JobRunner::~JobRunner() {
    m_closing = true;
    m_adoptTimer.stop();
    m_slots.setOnFreed({});
    {
        QMutexLocker lock(&m_mutex);
        for (const auto& flag : std::as_const(m_active))
            flag->store(true);
    }
    m_slots.wakeWaiters();
    m_pool.waitForDone();
    // Queued rows stay queued: the next runner for the account takes them up.
}

std::shared_ptr<std::atomic_bool> JobRunner::flagFor(qint64 jobId) {
    QMutexLocker lock(&m_mutex);
    auto& flag = m_active[jobId];
    if (!flag)
        flag = std::make_shared<std::atomic_bool>(false);
    return flag;
}

bool JobRunner::isActive(qint64 jobId) const {
    QMutexLocker lock(&m_mutex);
    return m_active.contains(jobId);
}

QList<qint64> JobRunner::activeJobs(qint64 userId) const {
    QMutexLocker lock(&m_mutex);
    QList<qint64> jobs;
    for (auto it = m_owners.cbegin(); it != m_owners.cend(); ++it) {
        if (it.value() == userId)
            jobs << it.key();
    }
    return jobs;
}

void JobRunner::taskEnded(qint64 jobId) {
    {
        QMutexLocker lock(&m_mutex);
        m_active.remove(jobId);
        m_owners.remove(jobId);
    }
    // A job that ended in a cloud step held no slot: its thread may still be the limit.
    dispatchSoon();
}

void JobRunner::dispatchSoon() {
    if (!m_closing)
        QMetaObject::invokeMethod(this, &JobRunner::dispatch, Qt::QueuedConnection);
}

void JobRunner::dispatch() {
    if (m_closing || !m_store->isOpen())
        return;
    for (;;) {
        {
            QMutexLocker lock(&m_mutex);
            if (m_active.size() >= kMaxJobsInFlight)
                return;
        }
        if (!m_slots.tryTakeForNewJob())
            return;
        const auto next = m_queue->claimNext([this](const JobRecord& record) {
            // Run by another process (its lease is live), or already ours.
            return isActive(record.id) || JobLease::holder(m_layout.jobDir(record)).has_value();
        });
        if (!next) {
            m_slots.giveBackUnused();
            return;
        }
        start(next->userId, next->jobId, m_passwords.take(next->jobId));
        Q_EMIT queueChanged(next->userId);
    }
}

void JobRunner::start(qint64 userId, qint64 jobId, const QString& password) {
    auto flag = flagFor(jobId);
    flag->store(false);
    {
        QMutexLocker lock(&m_mutex);
        m_owners.insert(jobId, userId);
    }
    m_pool.start(new JobTask(this, userId, jobId, password, flag));
}

Error JobRunner::enqueue(qint64 userId, qint64 jobId, bool atFront) {
    if (Error e = m_queue->enqueue(userId, jobId, atFront); e.isError())
        return e;
    if (!m_adoptTimer.isActive())
        m_adoptTimer.start();
    Q_EMIT queueChanged(userId);
    return {};
}

Result<qint64> JobRunner::submit(qint64 userId, const JobOptions& options,
                                 const QString& password) {
    if (!m_store->isOpen()) {
        if (Error e = m_store->open(); e.isError())
            return e;
    }
    auto jobId = m_store->createJob(userId, paperIdOf(options.input),
                                    QFileInfo(options.input).completeBaseName(),
                                    sourceKindOf(options.input), options.toJson());
    if (!jobId)
        return jobId;
    const auto created = m_store->job(userId, jobId.value());
    if (!created)
        return created.error();
    if (Error e = m_layout.ensureNewJobDir(created->userUuid, created->taskId); e.isError()) {
        m_store->fail(userId, jobId.value(), e.type, e.message);
        return e;
    }
    if (!password.isEmpty())
        m_passwords.insert(jobId.value(), password);
    if (Error e = enqueue(userId, jobId.value(), false); e.isError()) {
        m_passwords.remove(jobId.value());
        return e;
    }
    dispatch();
    return jobId;
}

Result<QList<qint64>> JobRunner::submitVariants(qint64 userId, const JobOptions& base,
                                                const QList<JobOptions>& variants,
                                                const QString& password) {
    auto source = submit(userId, base, password);
    if (!source)
        return source.error();
    QList<qint64> ids{source.value()};
    const auto row = m_store->job(userId, source.value());
    if (!row)
        return row.error();
    for (JobOptions variant : variants) {
        // The same paper as the source, whatever the caller left in these.
        variant.input = base.input;
        variant.excludedFigures = base.excludedFigures;
        variant.shareFrom = row->taskId;
        auto id = submit(userId, variant, password);
        if (!id)
            return id.error();
        ids << id.value();
    }
    return ids;
}

Error JobRunner::resume(qint64 userId, qint64 jobId, const QString& password) {
    auto record = m_store->job(userId, jobId);
    if (!record)
        return record.error();
    if (record.value().status == JobStatus::Completed)
        return {ErrorType::Internal, QStringLiteral("job %1 is already completed").arg(jobId)};
    if (isActive(jobId))
        return {ErrorType::Internal, QStringLiteral("job %1 is already running").arg(jobId)};
    // Run by another process (a CLI render, another window): its row stays as it is.
    if (const auto holder = JobLease::holder(m_layout.jobDir(record.value())))
        return {ErrorType::Busy, JobLease::busyMessage(jobId, *holder)};
    if (!password.isEmpty())
        m_passwords.insert(jobId, password);
    if (record.value().status == JobStatus::Queued) {
        if (record.value().queueOwner != m_queue->owner() &&
            JobQueue::isOwnerAlive(record.value().queueOwner)) {
            return {ErrorType::Busy,
                    QStringLiteral("Job %1 waits in the queue of another Hidden Hill program (%2); "
                                   "it starts there.")
                        .arg(jobId)
                        .arg(record.value().queueOwner)};
        }
        m_queue->serve(userId); // already waiting (perhaps a dead process's): take it up
        dispatch();
        return {};
    }
    // Resuming a job paused at its review is how its script is approved (a job
    // the user paused while it waited in the queue keeps its place number and
    // approves nothing); any other resume keeps what was asked: a review still to
    // pass stops the job again. Written now, as the job may wait in the queue.
    if (record.value().status == JobStatus::Paused && !record.value().queuePos) {
        JobSteps(m_layout.jobDir(record.value()), JobOptions::fromJson(record.value().options))
            .approveScript();
    }
    // The row says what happens next: a cancelled or failed job runs again.
    if (Error e = enqueue(userId, jobId, false); e.isError())
        return e;
    dispatch();
    return {};
}

Error JobRunner::cancel(qint64 userId, qint64 jobId) {
    auto record = m_store->job(userId, jobId);
    if (!record)
        return record.error();
    if (record.value().status == JobStatus::Completed)
        return {ErrorType::Internal, QStringLiteral("job %1 is already completed").arg(jobId)};
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_active.constFind(jobId);
        if (it != m_active.cend()) {
            it.value()->store(true); // the task records the cancellation itself
            m_slots.wakeWaiters();
            return {};
        }
    }
    m_passwords.remove(jobId);
    const Error cancelled = cancelledByUser();
    const Error error = m_store->fail(userId, jobId, cancelled.type, cancelled.message);
    const bool waited =
        record.value().status == JobStatus::Queued || record.value().status == JobStatus::Pending;
    if (!error.isError() && waited) {
        Q_EMIT queueChanged(userId);
        // Whoever waits for it to end (a CLI batch, the New video panel) hears it
        // ended, as for a running job; it never ran, so nothing else will say so.
        Q_EMIT jobFailed(userId, jobId, cancelled.code(), cancelled.message);
    }
    return error;
}

Error JobRunner::moveToTop(qint64 userId, qint64 jobId) {
    if (Error e = m_store->moveToTop(userId, jobId); e.isError())
        return e;
    Q_EMIT queueChanged(userId);
    return {};
}

Error JobRunner::pause(qint64 userId, qint64 jobId) {
    if (Error e = m_store->pauseQueued(userId, jobId); e.isError())
        return e;
    Q_EMIT queueChanged(userId);
    return {};
}

int JobRunner::resumeInterrupted(qint64 userId) {
    auto interrupted = m_store->interruptedJobs(userId);
    int requeued = 0;
    if (interrupted) {
        // Each goes to the front, so the newest first: the oldest ends up first in line.
        const QList<JobRecord>& records = interrupted.value();
        for (auto it = records.crbegin(); it != records.crend(); ++it) {
            // "running" with a live lease is not interrupted: another process runs it.
            if (isActive(it->id) || JobLease::holder(m_layout.jobDir(*it)))
                continue;
            if (!enqueue(userId, it->id, true).isError())
                ++requeued;
        }
    }
    restoreQueue(userId);
    return requeued;
}

int JobRunner::restoreQueue(qint64 userId) {
    m_queue->serve(userId);
    if (!m_adoptTimer.isActive())
        m_adoptTimer.start();
    dispatch();
    auto queued = m_store->queuedJobs(userId);
    if (!queued)
        return 0;
    Q_EMIT queueChanged(userId);
    return int(std::count_if(queued->cbegin(), queued->cend(), [this](const JobRecord& record) {
        return record.queueOwner == m_queue->owner() || !JobQueue::isOwnerAlive(record.queueOwner);
    }));
}

void JobRunner::setMaxConcurrentJobs(int jobs) {
    m_settings.maxConcurrentJobs = std::max(1, jobs);
    m_slots.setLimit(m_settings.maxConcurrentJobs); // announces the free slots: dispatchSoon
    dispatch();
}

int JobRunner::maxConcurrentJobs() const {
    return m_slots.limit();
}

bool JobRunner::waitForDone(int msecs) {
    return m_pool.waitForDone(msecs);
}

} // namespace hh
