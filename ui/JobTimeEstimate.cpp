// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobTimeEstimate.h"

#include <algorithm>

namespace hh {

std::optional<qint64> JobTimeEstimate::remainingSeconds(qint64 elapsedSeconds, int percent) {
    if (percent < kMinPercent)
        return std::nullopt;
    if (percent >= 100)
        return 0;
    return (std::max<qint64>(0, elapsedSeconds) * (100 - percent) + percent / 2) / percent;
}

qint64 JobTimeEstimate::elapsedSeconds(const QDateTime& created, const QDateTime& now) {
    if (!created.isValid() || !now.isValid())
        return 0;
    return std::max<qint64>(0, created.secsTo(now));
}

QString JobTimeEstimate::formatDuration(qint64 seconds) {
    seconds = std::max<qint64>(0, seconds);
    const qint64 hours = seconds / 3600;
    const qint64 minutes = (seconds / 60) % 60;
    const qint64 secs = seconds % 60;
    if (hours > 0)
        return QStringLiteral("%1:%2:%3")
            .arg(hours)
            .arg(minutes, 2, 10, QLatin1Char('0'))
            .arg(secs, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(minutes).arg(secs, 2, 10, QLatin1Char('0'));
}

QString JobTimeEstimate::elapsedText(qint64 elapsedSeconds) {
    return tr("Elapsed %1").arg(formatDuration(elapsedSeconds));
}

QString JobTimeEstimate::remainingText(qint64 elapsedSeconds, int percent) {
    return remainingText(remainingSeconds(elapsedSeconds, percent));
}

QString JobTimeEstimate::remainingText(std::optional<qint64> remaining) {
    if (!remaining)
        return tr("Estimating…");
    return tr("About %1 left").arg(formatDuration(*remaining));
}

void RemainingTimeTracker::observe(const QString& step, int percent, qint64 runningMs) {
    if (step != m_step || percent < m_percent) {
        m_step = step;
        m_stepPercent = percent;
        m_stepMs = runningMs;
    }
    m_percent = percent;
    m_lastMs = runningMs;
}

std::optional<qint64> RemainingTimeTracker::remainingSeconds(qint64 runningMs) const {
    if (m_percent >= 100)
        return 0;
    const int moved = m_percent - m_stepPercent;
    const qint64 took = m_lastMs - m_stepMs;
    if (moved < kMinStepPercent || took < kMinStepMs)
        return JobTimeEstimate::remainingSeconds(runningMs / 1000, m_percent);
    const double msPerPercent = double(took) / moved;
    const double leftMs =
        msPerPercent * (100 - m_percent) - double(std::max<qint64>(0, runningMs - m_lastMs));
    return std::max<qint64>(0, qRound64(leftMs / 1000.0));
}

} // namespace hh
