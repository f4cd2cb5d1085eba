// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BatchProgress.h"
#include "BatchSummary.h"
#include "VideoCopy.h"
#include "jobs/JobSteps.h"

namespace hh {
class JobRunner;
}

namespace hh::cli {

struct CliContext;

// Runs a batch on the app's JobRunner: one job per input, all submitted at once,
// so the rows show in My Videos as the GUI's do and the runner decides when each
// starts (at most RunnerSettings::maxConcurrentJobs at once). Only the runner's
// signals say what happens, so a job that waits in a queue before it starts is
// followed like one that starts at once. A bad input fails its own job; the rest
// go on. Ctrl+C cancels every job of the batch.
class BatchRender {
public:
    BatchRender(JobRunner& runner, const CliContext& context, JobOptions options,
                ExistingFile existing, BatchProgress& progress, BatchSummary& summary);

    // Submits every input, waits for all of them and copies each video to its
    // output. Returns the batch's exit code (BatchSummary::exitCode()).
    int run();

private:
    void end(int row, BatchOutcome outcome);
    BatchOutcome completed(int row, qint64 job, const QString& video) const;
    QString scriptPath(qint64 job) const;

    JobRunner& m_runner;
    const CliContext& m_context;
    JobOptions m_options;
    ExistingFile m_existing;
    BatchProgress& m_progress;
    BatchSummary& m_summary;
    int m_open = 0; // jobs submitted and not ended yet
};

} // namespace hh::cli
