// SPDX-License-Identifier: GPL-3.0-or-later
#include "UsageRepository.h"

#include <QSqlQuery>

namespace hh {

QString UsageRepository::usageMonth(const QDateTime& when) {
    return when.toUTC().toString(QStringLiteral("yyyy-MM"));
}

Error UsageRepository::addUsage(qint64 userId, const QString& month, const UsageDelta& usage,
                                double costUsd) {
    auto query = m_db.run(
        {QStringLiteral("INSERT INTO provider_usage (user_id, month, provider, calls, errors,"
                        " tokens_in, tokens_out, tts_seconds, credits, cost_usd)"
                        " VALUES (:user, :month, :provider, :calls, :errors, :tin, :tout, :tts,"
                        " :credits, :cost)"
                        " ON CONFLICT (user_id, month, provider) DO UPDATE SET"
                        " calls = calls + excluded.calls, errors = errors + excluded.errors,"
                        " tokens_in = tokens_in + excluded.tokens_in,"
                        " tokens_out = tokens_out + excluded.tokens_out,"
                        " tts_seconds = tts_seconds + excluded.tts_seconds,"
                        " credits = credits + excluded.credits,"
                        " cost_usd = cost_usd + excluded.cost_usd"),
         {{QStringLiteral(":user"), userId},
          {QStringLiteral(":month"), month},
          {QStringLiteral(":provider"), providerKey(usage.provider)},
          {QStringLiteral(":calls"), usage.calls},
          {QStringLiteral(":errors"), usage.errors},
          {QStringLiteral(":tin"), usage.tokensIn},
          {QStringLiteral(":tout"), usage.tokensOut},
          {QStringLiteral(":tts"), usage.ttsSeconds},
          {QStringLiteral(":credits"), usage.credits},
          {QStringLiteral(":cost"), costUsd}}},
        QStringLiteral("record provider usage for account %1").arg(userId));
    return query ? Error{} : query.error();
}

Result<QList<UsageRow>> UsageRepository::usage(qint64 userId, const QString& month) const {
    auto query = m_db.run({QStringLiteral("SELECT provider, calls, errors, tokens_in, tokens_out,"
                                          " tts_seconds, credits, cost_usd FROM provider_usage"
                                          " WHERE user_id = :user AND month = :month"
                                          " ORDER BY provider"),
                           {{QStringLiteral(":user"), userId}, {QStringLiteral(":month"), month}}},
                          QStringLiteral("read provider usage of account %1").arg(userId));
    if (!query)
        return query.error();
    QList<UsageRow> rows;
    QSqlQuery& q = query.value();
    while (q.next()) {
        UsageRow row;
        if (!providerFromKey(q.value(0).toString(), &row.usage.provider))
            continue;
        row.usage.calls = q.value(1).toInt();
        row.usage.errors = q.value(2).toInt();
        row.usage.tokensIn = q.value(3).toLongLong();
        row.usage.tokensOut = q.value(4).toLongLong();
        row.usage.ttsSeconds = q.value(5).toDouble();
        row.usage.credits = q.value(6).toDouble();
        row.costUsd = q.value(7).toDouble();
        rows.append(row);
    }
    return rows;
}

Error UsageRepository::setMonthlyLimit(qint64 userId, ProviderId provider, double usd) {
    const bool remove = !(usd > 0);
    auto query = m_db.run(
        {remove ? QStringLiteral(
                      "DELETE FROM spending_limits WHERE user_id = :user AND provider = :provider")
                : QStringLiteral("INSERT INTO spending_limits (user_id, provider, monthly_usd)"
                                 " VALUES (:user, :provider, :usd) ON CONFLICT (user_id, provider)"
                                 " DO UPDATE SET monthly_usd = excluded.monthly_usd"),
         remove ? QVariantMap{{QStringLiteral(":user"), userId},
                              {QStringLiteral(":provider"), providerKey(provider)}}
                : QVariantMap{{QStringLiteral(":user"), userId},
                              {QStringLiteral(":provider"), providerKey(provider)},
                              {QStringLiteral(":usd"), usd}}},
        QStringLiteral("save the spending limit of account %1").arg(userId));
    return query ? Error{} : query.error();
}

Result<double> UsageRepository::monthlyLimit(qint64 userId, ProviderId provider) const {
    auto query = m_db.run(
        {QStringLiteral("SELECT monthly_usd FROM spending_limits"
                        " WHERE user_id = :user AND provider = :provider"),
         {{QStringLiteral(":user"), userId}, {QStringLiteral(":provider"), providerKey(provider)}}},
        QStringLiteral("read the spending limit of account %1").arg(userId));
    if (!query)
        return query.error();
    return query.value().next() ? query.value().value(0).toDouble() : -1.0;
}

} // namespace hh
