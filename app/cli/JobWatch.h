// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/ErrorType.h"
#include "jobs/JobSteps.h"

#include <QElapsedTimer>
#include <QString>

namespace hh {
class JobRunner;
}

namespace hh::cli {

struct CliContext;

// The single form's progress (design/cli.md): one updating line on stderr, or the
// contract's JSON progress events on stdout.
class ProgressPrinter {
public:
    ProgressPrinter(bool json, int jobId);
    void update(Step step, int percent, const QString& detail);
    void finishLine();

private:
    bool m_json;
    int m_job;
    bool m_tty;
    QElapsedTimer m_clock;
    qint64 m_lastMs = -1000;
    Step m_lastStep = Step::Done;
    int m_lastPercent = -1;
};

// How one watched job ended.
struct WatchResult {
    Error error;
    bool paused = false;
    QString video;
};

// Waits for one job of a runner while printing its progress; Ctrl+C cancels it.
WatchResult watchJob(JobRunner& runner, qint64 userId, qint64 jobId, ProgressPrinter& printer);

// The contract's closing output for one job; copies the video to `outputPath` when
// one is given. Returns the exit code.
int reportOutcome(const CliContext& context, qint64 jobId, const WatchResult& outcome,
                  const QString& outputPath, const QString& scriptPath);

// The job's folder is named by its row's uuids, so it is read from the row.
QString jobFolder(const CliContext& context, qint64 jobId);

} // namespace hh::cli
