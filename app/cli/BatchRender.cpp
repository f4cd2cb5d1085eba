// SPDX-License-Identifier: GPL-3.0-or-later
#include "BatchRender.h"

#include "CancelRequest.h"
#include "CliContext.h"
#include "jobs/JobRunner.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QHash>
#include <QTimer>

namespace hh::cli {

BatchRender::BatchRender(JobRunner& runner, const CliContext& context, JobOptions options,
                         ExistingFile existing, BatchProgress& progress, BatchSummary& summary)
    : m_runner(runner)
    , m_context(context)
    , m_options(std::move(options))
    , m_existing(existing)
    , m_progress(progress)
    , m_summary(summary) {}

int BatchRender::run() {
    QEventLoop loop;
    QHash<qint64, int> rowOf; // job → input
    QHash<qint64, QElapsedTimer> started;
    const auto rowFor = [&rowOf](qint64 job) { return rowOf.value(job, -1); };
    const auto endJob = [&](qint64 job, BatchOutcome outcome) {
        const int row = rowFor(job);
        if (row < 0 || m_summary.outcome(row).hasEnded())
            return;
        if (started.contains(job))
            outcome.elapsedMs = started.value(job).elapsed();
        end(row, outcome);
        if (--m_open == 0)
            loop.quit();
    };
    // Queued connections even if a runner ever emits from inside submit(): the job's
    // row is known before any of its signals is handled.
    QObject::connect(
        &m_runner, &JobRunner::progressChanged, &loop,
        [&](qint64, qint64 job, const QString& step, int percent, const QString& detail) {
            const int row = rowFor(job);
            if (row < 0)
                return;
            if (!started.contains(job))
                started[job].start();
            m_progress.progress(row, step, percent, detail);
        },
        Qt::QueuedConnection);
    QObject::connect(
        &m_runner, &JobRunner::jobFinished, &loop,
        [&](qint64, qint64 job, const QString& video) {
            if (const int row = rowFor(job); row >= 0)
                endJob(job, completed(row, job, video));
        },
        Qt::QueuedConnection);
    QObject::connect(
        &m_runner, &JobRunner::jobFailed, &loop,
        [&](qint64, qint64 job, const QString& type, const QString& message) {
            endJob(job, BatchOutcome::fromError(job, {errorTypeFromCode(type), message}));
        },
        Qt::QueuedConnection);
    QObject::connect(
        &m_runner, &JobRunner::jobPaused, &loop,
        [&](qint64, qint64 job) {
            BatchOutcome paused;
            paused.status = BatchOutcome::Status::Paused;
            paused.job = job;
            paused.path = scriptPath(job);
            endJob(job, paused);
        },
        Qt::QueuedConnection);

    const QList<BatchInput>& inputs = m_summary.inputs();
    for (int row = 0; row < inputs.size(); ++row) {
        // An existing video is never replaced without --force, and is not made again.
        if (m_existing == ExistingFile::Keep && QFileInfo::exists(inputs[row].output)) {
            end(row, BatchOutcome::fromError(
                         0, {ErrorType::Io,
                             QStringLiteral("%1 already exists; add --force to replace it")
                                 .arg(inputs[row].output)}));
            continue;
        }
        JobOptions options = m_options;
        options.input = inputs[row].source;
        const auto job = m_runner.submit(m_context.userId, options, options.password);
        if (!job) {
            end(row, BatchOutcome::fromError(0, job.error()));
            continue;
        }
        rowOf.insert(job.value(), row);
        ++m_open;
        m_progress.submitted(row, job.value());
    }

    QTimer interrupt;
    QObject::connect(&interrupt, &QTimer::timeout, &loop, [&] {
        if (!takeCancelRequest())
            return;
        m_summary.setCancelled();
        for (auto it = rowOf.cbegin(); it != rowOf.cend(); ++it) {
            if (!m_summary.outcome(it.value()).hasEnded())
                m_runner.cancel(m_context.userId, it.key());
        }
    });
    interrupt.start(100);
    if (m_open > 0)
        loop.exec();
    m_runner.waitForDone();
    m_progress.close();
    return m_summary.exitCode();
}

void BatchRender::end(int row, BatchOutcome outcome) {
    m_summary.record(row, outcome);
    m_progress.ended(row, outcome);
}

BatchOutcome BatchRender::completed(int row, qint64 job, const QString& video) const {
    const QString output = m_summary.inputs().at(row).output;
    if (Error e = copyVideo(video, output, m_existing); e.isError())
        return BatchOutcome::fromError(job, e);
    BatchOutcome outcome;
    outcome.status = BatchOutcome::Status::Completed;
    outcome.job = job;
    outcome.path = output;
    return outcome;
}

// The job's folder is named by its row's uuids, so it is read from the row.
QString BatchRender::scriptPath(qint64 job) const {
    const auto record = m_context.store->job(m_context.userId, job);
    return record ? QDir(m_context.layout->jobDir(record.value()))
                        .filePath(QStringLiteral("script.json"))
                  : QString();
}

} // namespace hh::cli
