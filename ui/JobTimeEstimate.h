// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>
#include <optional>

namespace hh {

// How long a job has been running and how long it may still take. The guess is
// a straight line through the progress so far: elapsed × (100 − p) / p. Below
// 5 % that line is mostly start-up noise (reading the paper takes the same time
// for a 30 s and a 90 s video), so no number is offered yet.
class JobTimeEstimate {
    Q_DECLARE_TR_FUNCTIONS(JobTimeEstimate)
public:
    static constexpr int kMinPercent = 5;

    // Seconds left, or nothing while progress is below kMinPercent.
    static std::optional<qint64> remainingSeconds(qint64 elapsedSeconds, int percent);
    // Seconds from `created` to `now` (never negative: clocks of two processes may disagree).
    static qint64 elapsedSeconds(const QDateTime& created, const QDateTime& now);

    // "0:42", "12:05", "1:02:03".
    static QString formatDuration(qint64 seconds);
    // "Elapsed 1:05"
    static QString elapsedText(qint64 elapsedSeconds);
    // "About 3:15 left" or "Estimating…"
    static QString remainingText(qint64 elapsedSeconds, int percent);
    static QString remainingText(std::optional<qint64> remainingSeconds);
};

// The time left of a running job from the pace of its current step. The bar's
// shares follow each step's cost, so the pace of the step under way (for an
// offline job: frames drawn per second) holds for the rest: the estimate is the
// percent still to go at that pace, counting down between updates. Until the step
// has moved kMinStepPercent, the straight line over the whole run stands in.
class RemainingTimeTracker {
public:
    static constexpr int kMinStepPercent = 2;
    static constexpr qint64 kMinStepMs = 1000;

    // A progress update at `runningMs` (the job's running time).
    void observe(const QString& step, int percent, qint64 runningMs);
    std::optional<qint64> remainingSeconds(qint64 runningMs) const;

private:
    QString m_step;
    int m_stepPercent = 0; // first seen in this step
    qint64 m_stepMs = 0;
    int m_percent = 0; // last seen
    qint64 m_lastMs = 0;
};

} // namespace hh
