// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>

namespace hh {

enum class Step;
struct JobOptions;

// How the bar of one job is shared among its steps: each step gets the share of
// the job's expected time that it costs, so the bar moves at an even pace and a
// straight-line estimate of the time left holds. An offline job spends nearly all
// its time drawing and encoding frames; a cloud job waits for its providers.
class ProgressPlan {
public:
    ProgressPlan(); // equal shares, for a job whose options are unknown

    static ProgressPlan forJob(const JobOptions& options);

    // What a step is expected to take on a 2-core machine (measured there; only
    // the ratios between steps matter, so a faster machine changes nothing).
    static double expectedSeconds(Step step, const JobOptions& options);

    int startPercent(Step step) const; // 0 for the first step, 100 for Done
    int endPercent(Step step) const;   // where the bar stands when the step is done
    // Within a step: below its end until the step is done.
    int percentAt(Step step, double fraction) const;

private:
    std::array<int, 6> m_start{}; // by int(Step); m_start[Done] == 100
};

} // namespace hh
