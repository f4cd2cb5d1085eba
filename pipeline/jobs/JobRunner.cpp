// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobRunner.h"

#include "EventLog.h"
#include "JobLease.h"
#include "JobStore.h"
#include "UsageLedger.h"
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

} // namespace

// One job on a pool thread: its own database connection, its own cancel flag.
class JobTask final : public QRunnable {
public:
    JobTask(JobRunner* runner, qint64 userId, qint64 jobId, QString password,
            std::shared_ptr<std::atomic_bool> cancel, bool approveScript)
        : m_runner(runner)
        , m_userId(userId)
        , m_jobId(jobId)
        , m_password(std::move(password))
        , m_cancel(std::move(cancel))
        , m_approveScript(approveScript) {
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
            return {ErrorType::Cancelled, QStringLiteral("cancelled by the user")};
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
        if (EventLog* log = m_runner->m_log)
            steps.setNotes([log, jobId = m_jobId](Step step, const QString& line) {
                log->info(jobId, stepName(step), line);
            });
        if (m_approveScript)
            steps.approveScript();
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
        if (Error e = steps.run(progress, m_cancel.get(), Step::GenerateScript); e.isError())
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
        if (Error e = steps.run(progress, m_cancel.get(), Step::GenerateVideos); e.isError())
            return e;
        if (steps.firstMissingStep() != Step::Done) {
            // At most N renders at once; waiting stays cancellable.
            while (!m_runner->m_renderSlots.tryAcquire(1, 200)) {
                if (m_cancel->load())
                    return {ErrorType::Cancelled, QStringLiteral("cancelled by the user")};
            }
            const Error e = steps.run(progress, m_cancel.get());
            m_runner->m_renderSlots.release();
            if (e.isError())
                return e;
        }
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

    void onProgress(Step step, int percent, const QString& detail) {
        const bool boundary = step != m_lastStep || detail == QLatin1String("done");
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
    bool m_approveScript = false;
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
    , m_renderSlots(std::max(1, settings.maxConcurrentRenders)) {
    m_pool.setMaxThreadCount(std::max(1, settings.maxConcurrentJobs));
    m_layout.ensureRoot();
    m_store = std::make_unique<JobStore>(m_layout.databasePath());
    m_store->open();
}

JobRunner::~JobRunner() {
    {
        QMutexLocker lock(&m_mutex);
        for (const auto& flag : std::as_const(m_active))
            flag->store(true);
    }
    m_pool.waitForDone();
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
    QMutexLocker lock(&m_mutex);
    m_active.remove(jobId);
    m_owners.remove(jobId);
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
    if (Error e = start(userId, jobId.value(), password); e.isError())
        return e;
    return jobId;
}

Error JobRunner::start(qint64 userId, qint64 jobId, const QString& password, bool approveScript) {
    {
        QMutexLocker lock(&m_mutex);
        if (m_active.contains(jobId))
            return {ErrorType::Internal, QStringLiteral("job %1 is already running").arg(jobId)};
    }
    auto flag = flagFor(jobId);
    flag->store(false);
    {
        QMutexLocker lock(&m_mutex);
        m_owners.insert(jobId, userId);
    }
    m_pool.start(new JobTask(this, userId, jobId, password, flag, approveScript));
    return {};
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
    // The row says what happens next: a cancelled or failed job runs again.
    if (Error e = m_store->setRunning(userId, jobId, record.value().currentStep,
                                      record.value().progressPercent);
        e.isError())
        return e;
    // Resuming a paused job is how its script is approved; any other resume keeps
    // what was asked: a review still to pass stops the job again.
    return start(userId, jobId, password, record.value().status == JobStatus::Paused);
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
            return {};
        }
    }
    return m_store->fail(userId, jobId, ErrorType::Cancelled,
                         QStringLiteral("cancelled by the user"));
}

int JobRunner::resumeInterrupted(qint64 userId) {
    auto interrupted = m_store->interruptedJobs(userId);
    if (!interrupted)
        return 0;
    int started = 0;
    for (const auto& record : interrupted.value()) {
        // "running" with a live lease is not interrupted: another process runs it.
        if (isActive(record.id) || JobLease::holder(m_layout.jobDir(record)))
            continue;
        if (!start(userId, record.id, {}).isError())
            ++started;
    }
    return started;
}

bool JobRunner::waitForDone(int msecs) {
    return m_pool.waitForDone(msecs);
}

} // namespace hh
