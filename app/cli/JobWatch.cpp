// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobWatch.h"

#include "CancelRequest.h"
#include "CliContext.h"
#include "VideoCopy.h"
#include "jobs/JobRunner.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <cstdio>
#include <unistd.h>

namespace hh::cli {

namespace {

Step stepFromName(const QString& name) {
    for (int s = 0; s < int(Step::Done); ++s) {
        if (stepName(Step(s)) == name)
            return Step(s);
    }
    return Step::Done;
}

} // namespace

ProgressPrinter::ProgressPrinter(bool json, int jobId)
    : m_json(json)
    , m_job(jobId)
    , m_tty(::isatty(STDERR_FILENO) != 0) {
    m_clock.start();
}

void ProgressPrinter::update(Step step, int percent, const QString& detail) {
    const bool stepChanged = step != m_lastStep;
    // At most 10 updates a second, but every step change and every boundary.
    if (!stepChanged && percent == m_lastPercent && m_clock.elapsed() - m_lastMs < 100)
        return;
    const bool boundary = detail == QLatin1String("starting") || detail == QLatin1String("done");
    if (!stepChanged && m_clock.elapsed() - m_lastMs < 100 && !boundary)
        return;
    m_lastMs = m_clock.elapsed();
    if (m_json) {
        const QJsonObject event{{QStringLiteral("event"), QStringLiteral("progress")},
                                {QStringLiteral("job"), m_job},
                                {QStringLiteral("step"), stepName(step)},
                                {QStringLiteral("percent"), percent},
                                {QStringLiteral("detail"), detail}};
        std::fprintf(stdout, "%s\n",
                     QJsonDocument(event).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
    } else {
        const QString line =
            QStringLiteral("[%1%] %2  %3").arg(percent, 3).arg(stepName(step), -15).arg(detail);
        if (m_tty)
            std::fprintf(stderr, "\r\033[K%s", qPrintable(line));
        else if (stepChanged || percent / 10 != m_lastPercent / 10)
            std::fprintf(stderr, "%s\n", qPrintable(line));
        std::fflush(stderr);
    }
    m_lastStep = step;
    m_lastPercent = percent;
}

void ProgressPrinter::finishLine() {
    if (!m_json && m_tty)
        std::fputc('\n', stderr);
}

WatchResult watchJob(JobRunner& runner, qint64 userId, qint64 jobId, ProgressPrinter& printer) {
    WatchResult result;
    QEventLoop loop;
    QObject::connect(&runner, &JobRunner::progressChanged, &loop,
                     [&printer, jobId](qint64, qint64 job, const QString& step, int percent,
                                       const QString& detail) {
                         if (job == jobId)
                             printer.update(stepFromName(step), percent, detail);
                     });
    QObject::connect(&runner, &JobRunner::jobFinished, &loop,
                     [&](qint64, qint64 job, const QString& video) {
                         if (job == jobId) {
                             result.video = video;
                             loop.quit();
                         }
                     });
    QObject::connect(&runner, &JobRunner::jobFailed, &loop,
                     [&](qint64, qint64 job, const QString& type, const QString& message) {
                         if (job == jobId) {
                             result.error = {errorTypeFromCode(type), message};
                             loop.quit();
                         }
                     });
    QObject::connect(&runner, &JobRunner::jobPaused, &loop, [&](qint64, qint64 job) {
        if (job == jobId) {
            result.paused = true;
            loop.quit();
        }
    });
    QTimer interrupt;
    QObject::connect(&interrupt, &QTimer::timeout, &loop, [&runner, userId, jobId] {
        if (takeCancelRequest())
            runner.cancel(userId, jobId);
    });
    interrupt.start(100);
    loop.exec();
    runner.waitForDone();
    printer.finishLine();
    return result;
}

int reportOutcome(const CliContext& context, qint64 jobId, const WatchResult& outcome,
                  const QString& outputPath, const QString& scriptPath) {
    QJsonObject finished{{QStringLiteral("event"), QStringLiteral("finished")},
                         {QStringLiteral("job"), jobId}};
    int exitCode = 0;
    if (outcome.error.isError()) {
        finished.insert(QStringLiteral("status"), outcome.error.type == ErrorType::Cancelled
                                                      ? QStringLiteral("cancelled")
                                                      : QStringLiteral("failed"));
        finished.insert(QStringLiteral("error_type"), outcome.error.code());
        finished.insert(QStringLiteral("message"), redactForOutput(outcome.error.message));
        exitCode = reportError(outcome.error);
    } else if (outcome.paused) {
        finished.insert(QStringLiteral("status"), QStringLiteral("paused"));
        finished.insert(QStringLiteral("script"), scriptPath);
        if (!context.json)
            std::fprintf(
                stderr,
                "paused after the script: edit %s, then run 'hiddenhill-cli jobs resume %lld'\n",
                qPrintable(scriptPath), static_cast<long long>(jobId));
    } else {
        QString video = outcome.video;
        if (!outputPath.isEmpty()) {
            if (Error e = copyVideo(video, outputPath, ExistingFile::Replace); e.isError())
                return reportError(e);
            video = QFileInfo(outputPath).absoluteFilePath();
        }
        finished.insert(QStringLiteral("status"), QStringLiteral("completed"));
        finished.insert(QStringLiteral("video"), video);
        if (!context.json)
            std::fprintf(stdout, "%s\n", qPrintable(video));
    }
    if (context.json)
        std::fprintf(stdout, "%s\n",
                     QJsonDocument(finished).toJson(QJsonDocument::Compact).constData());
    return exitCode;
}

QString jobFolder(const CliContext& context, qint64 jobId) {
    const auto job = context.store->job(context.userId, jobId);
    return job ? context.layout->jobDir(job.value()) : QString();
}

} // namespace hh::cli
