// SPDX-License-Identifier: GPL-3.0-or-later
#include "WaitingText.h"

#include <QRegularExpression>

namespace hh {

namespace {

QString reasonText(const QString& reason) {
    if (reason == QLatin1String("rate limit"))
        return WaitingText::tr("rate limit");
    if (reason == QLatin1String("the service is busy"))
        return WaitingText::tr("the service is busy");
    return reason;
}

} // namespace

QString WaitingText::forDetail(const QString& detail) {
    static const QRegularExpression countdown(
        QStringLiteral("^Waiting for (.+?): (.+), retrying in (\\d+) s$"));
    static const QRegularExpression runwaySlots(
        QStringLiteral("^Waiting for Runway: the account's (\\d+) tasks at a time are in use"));
    static const QRegularExpression sourceJob(QStringLiteral("^waiting for job (\\d+)"));
    if (const auto match = countdown.match(detail); match.hasMatch())
        return tr("Waiting for %1: %2, retrying in %3 s")
            .arg(match.captured(1), reasonText(match.captured(2)), match.captured(3));
    if (const auto match = runwaySlots.match(detail); match.hasMatch())
        return tr("Waiting for Runway: other videos use the account's %1 clips at a time")
            .arg(match.captured(1));
    if (detail == QLatin1String("waiting for a free slot"))
        return tr("Waiting for a free slot");
    if (detail.startsWith(QLatin1String("waiting for a Runway slot")))
        return tr("Waiting for a Runway slot");
    if (detail == QLatin1String("queued at Runway"))
        return tr("Queued at Runway");
    if (const auto match = sourceJob.match(detail); match.hasMatch())
        return tr("Waiting for job %1").arg(match.captured(1));
    return {};
}

} // namespace hh
