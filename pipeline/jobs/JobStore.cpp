// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobStore.h"

#include "DataLayout.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>
#include <algorithm>
#include <atomic>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
namespace hh {
namespace {

using db::fromIso;
using db::isoUtc;
using db::newUuid;
using db::nonNull;
} // namespace

JobStore::JobStore(QString databasePath, Clock clock)
    : m_database(std::move(databasePath), std::move(clock)) {}

JobStore::~JobStore() = default;

Error JobStore::open() {
    return m_database.open();
}

Error JobStore::completeFolderMoves() {
    return m_database.completeFolderMoves();
}

Result<qint64> JobStore::createUser(const QString& username, const QString& passwordHash,
                                    const QString& displayName, const QString& recoveryHash) {
    return m_accounts.createUser(username, passwordHash, displayName, recoveryHash);
}

Result<qint64> JobStore::userIdByName(const QString& username) const {
    return m_accounts.userIdByName(username);
}

Error JobStore::deleteUser(qint64 userId) {
    return m_accounts.deleteUser(userId);
}

Result<UserRecord> JobStore::user(qint64 userId) const {
    return m_accounts.user(userId);
}

Result<UserRecord> JobStore::userByName(const QString& username) const {
    return m_accounts.userByName(username);
}

Result<UserRecord> JobStore::userByUuid(const QString& uuid) const {
    return m_accounts.userByUuid(uuid);
}

Result<bool> JobStore::replaceCredentials(qint64 userId, const UserCredentials& expected,
                                          const UserCredentials& replacement) {
    return m_accounts.replaceCredentials(userId, expected, replacement);
}

Result<int> JobStore::addFailedLogin(qint64 userId) {
    return m_accounts.addFailedLogin(userId);
}

Error JobStore::setLockedUntil(qint64 userId, const QDateTime& until) {
    return m_accounts.setLockedUntil(userId, until);
}

Error JobStore::recordLogin(qint64 userId) {
    return m_accounts.recordLogin(userId);
}

Error JobStore::setDisplayName(qint64 userId, const QString& displayName) {
    return m_accounts.setDisplayName(userId, displayName);
}

Result<qint64> JobStore::createJob(qint64 userId, const QString& paperId, const QString& paperTitle,
                                   const QString& sourceKind, const QJsonObject& options) {
    return m_jobs.createJob(userId, paperId, paperTitle, sourceKind, options);
}

Result<JobRecord> JobStore::job(qint64 userId, qint64 jobId) const {
    return m_jobs.job(userId, jobId);
}

Result<JobRecord> JobStore::jobByTaskId(qint64 userId, const QString& taskId) const {
    return m_jobs.jobByTaskId(userId, taskId);
}

Result<QList<JobRecord>> JobStore::jobs(qint64 userId, const JobFilter& filter) const {
    return m_jobs.jobs(userId, filter);
}

Result<QList<JobRecord>> JobStore::interruptedJobs(qint64 userId) const {
    return m_jobs.interruptedJobs(userId);
}

Error JobStore::setRunning(qint64 userId, qint64 jobId, const QString& step, int percent) {
    return m_jobs.setRunning(userId, jobId, step, percent);
}

Result<bool> JobStore::updateProgress(qint64 userId, qint64 jobId, const QString& step,
                                      int percent) {
    return m_jobs.updateProgress(userId, jobId, step, percent);
}

Error JobStore::setPaused(qint64 userId, qint64 jobId, const QString& step, int percent) {
    return m_jobs.setPaused(userId, jobId, step, percent);
}

Error JobStore::finish(qint64 userId, qint64 jobId, const QString& finalVideoPath, qint64 videoMs) {
    return m_jobs.finish(userId, jobId, finalVideoPath, videoMs);
}

Error JobStore::fail(qint64 userId, qint64 jobId, ErrorType type, const QString& message) {
    return m_jobs.fail(userId, jobId, type, message);
}

Error JobStore::setTitle(qint64 userId, qint64 jobId, const QString& title,
                         const QString& sourceKind) {
    return m_jobs.setTitle(userId, jobId, title, sourceKind);
}

Error JobStore::deleteJob(qint64 userId, qint64 jobId) {
    return m_jobs.deleteJob(userId, jobId);
}

Result<qint64> JobStore::importJob(qint64 userId, const JobRecord& record) {
    return m_jobs.importJob(userId, record);
}
} // namespace hh
namespace hh {

QString JobStore::usageMonth(const QDateTime& when) {
    return when.toUTC().toString(QStringLiteral("yyyy-MM"));
}

Error JobStore::addUsage(qint64 userId, const QString& month, const UsageDelta& usage,
                         double costUsd) {
    auto query = m_database.run(
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

Result<QList<UsageRow>> JobStore::usage(qint64 userId, const QString& month) const {
    auto query =
        m_database.run({QStringLiteral("SELECT provider, calls, errors, tokens_in, tokens_out,"
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

Error JobStore::setMonthlyLimit(qint64 userId, ProviderId provider, double usd) {
    const bool remove = !(usd > 0);
    auto query = m_database.run(
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

Result<double> JobStore::monthlyLimit(qint64 userId, ProviderId provider) const {
    auto query = m_database.run(
        {QStringLiteral("SELECT monthly_usd FROM spending_limits"
                        " WHERE user_id = :user AND provider = :provider"),
         {{QStringLiteral(":user"), userId}, {QStringLiteral(":provider"), providerKey(provider)}}},
        QStringLiteral("read the spending limit of account %1").arg(userId));
    if (!query)
        return query.error();
    return query.value().next() ? query.value().value(0).toDouble() : -1.0;
}
} // namespace hh
