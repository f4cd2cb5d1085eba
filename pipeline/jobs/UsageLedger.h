// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "JobStore.h"
#include "providers/Usage.h"

#include <QDateTime>
#include <functional>

namespace hh {

// Books what a job's providers consume to its account's row of the ledger and
// stops a paid step before it would pass the account's monthly limit. Uses the
// calling worker thread's own JobStore connection.
class UsageLedger final : public UsageSink {
public:
    UsageLedger(JobStore& store, qint64 userId, Pricing pricing = {},
                std::function<QDateTime()> clock = {});

    void record(const UsageDelta& usage) override;
    Error checkBudget(ProviderId provider, double plannedUsd) override;

    // Spent so far this month with `provider`, in US dollars.
    double spentThisMonth(ProviderId provider) const;

private:
    QString month() const;

    JobStore& m_store;
    qint64 m_userId;
    Pricing m_pricing;
    std::function<QDateTime()> m_clock;
};

} // namespace hh
