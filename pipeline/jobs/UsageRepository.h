// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Database.h"
#include "core/Result.h"
#include "providers/Usage.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace hh {

// One provider's line of the usage ledger for a month.
struct UsageRow {
    UsageDelta usage;
    double costUsd = 0;
};

// The SQL of the usage ledger (provider_usage) and the monthly spending limits
// (spending_limits), per account. Uses the Database's connection, so the same
// one-thread rule applies.
class UsageRepository {
public:
    explicit UsageRepository(Database& database)
        : m_db(database) {}

    // The usage ledger: sums per account, month ("2026-11", UTC) and provider.
    static QString usageMonth(const QDateTime& when);
    Error addUsage(qint64 userId, const QString& month, const UsageDelta& usage, double costUsd);
    Result<QList<UsageRow>> usage(qint64 userId, const QString& month) const;
    // Monthly spending limit in US dollars; <= 0 removes it. -1 when none is set.
    Error setMonthlyLimit(qint64 userId, ProviderId provider, double usd);
    Result<double> monthlyLimit(qint64 userId, ProviderId provider) const;

private:
    Database& m_db;
};

} // namespace hh
