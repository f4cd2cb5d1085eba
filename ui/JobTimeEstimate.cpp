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
    const auto remaining = remainingSeconds(elapsedSeconds, percent);
    if (!remaining)
        return tr("Estimating…");
    return tr("About %1 left").arg(formatDuration(*remaining));
}

} // namespace hh
