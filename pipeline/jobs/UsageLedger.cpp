// SPDX-License-Identifier: GPL-3.0-or-later
#include "UsageLedger.h"

namespace hh {

UsageLedger::UsageLedger(JobStore& store, qint64 userId, Pricing pricing,
                         std::function<QDateTime()> clock)
    : m_store(store)
    , m_userId(userId)
    , m_pricing(pricing)
    , m_clock(std::move(clock)) {}

QString UsageLedger::month() const {
    return JobStore::usageMonth(m_clock ? m_clock() : QDateTime::currentDateTimeUtc());
}

void UsageLedger::record(const UsageDelta& usage) {
    // A failed ledger write must not fail the video; the job's own log keeps the error.
    (void)m_store.addUsage(m_userId, month(), usage, m_pricing.costUsd(usage));
}

double UsageLedger::spentThisMonth(ProviderId provider) const {
    auto rows = m_store.usage(m_userId, month());
    if (!rows)
        return 0;
    for (const UsageRow& row : rows.value()) {
        if (row.usage.provider == provider)
            return row.costUsd;
    }
    return 0;
}

Error UsageLedger::checkBudget(ProviderId provider, double plannedUsd) {
    auto limit = m_store.monthlyLimit(m_userId, provider);
    if (!limit)
        return limit.error();
    if (limit.value() < 0)
        return {};
    const double spent = spentThisMonth(provider);
    if (spent + plannedUsd <= limit.value() + 1e-9)
        return {};
    return {ErrorType::Quota,
            QStringLiteral("this video would cost about $%1 with %2, and $%3 of your $%4 monthly "
                           "limit is already spent; raise the limit in Settings → Providers or "
                           "choose the built-in provider")
                .arg(plannedUsd, 0, 'f', 2)
                .arg(providerDisplayName(provider))
                .arg(spent, 0, 'f', 2)
                .arg(limit.value(), 0, 'f', 2)};
}

} // namespace hh
