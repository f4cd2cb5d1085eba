// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <atomic>
#include <functional>

namespace hh {

// What every step implementation gets from whoever runs it: a way to report
// progress inside the step and a flag to stop early. Both are optional, so a
// step can be called directly from a test.
struct StepControl {
    // fraction in [0, 1] of this step; detail is shown to the user ("scene 3/7").
    std::function<void(double fraction, const QString& detail)> progress;
    const std::atomic_bool* cancel = nullptr;
    // One line for the job's event log (a clip changed state); optional.
    std::function<void(const QString& line)> note;

    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
    void report(double fraction, const QString& detail = {}) const {
        if (progress)
            progress(fraction, detail);
    }
    void log(const QString& line) const {
        if (note)
            note(line);
    }
};

} // namespace hh
