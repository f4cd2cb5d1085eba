// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobStore.h"

#include <utility>

namespace hh {

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

Error JobStore::enqueue(qint64 userId, qint64 jobId, const QString& owner, bool atFront) {
    return m_jobs.enqueue(userId, jobId, owner, atFront);
}

Result<QList<JobRecord>> JobStore::queuedJobs(qint64 userId) const {
    return m_jobs.queuedJobs(userId);
}

Result<bool> JobStore::claimQueued(qint64 userId, qint64 jobId) {
    return m_jobs.claimQueued(userId, jobId);
}

Error JobStore::moveToTop(qint64 userId, qint64 jobId) {
    return m_jobs.moveToTop(userId, jobId);
}

Error JobStore::pauseQueued(qint64 userId, qint64 jobId) {
    return m_jobs.pauseQueued(userId, jobId);
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

QString JobStore::usageMonth(const QDateTime& when) {
    return UsageRepository::usageMonth(when);
}

Error JobStore::addUsage(qint64 userId, const QString& month, const UsageDelta& usage,
                         double costUsd) {
    return m_usage.addUsage(userId, month, usage, costUsd);
}

Result<QList<UsageRow>> JobStore::usage(qint64 userId, const QString& month) const {
    return m_usage.usage(userId, month);
}

Error JobStore::setMonthlyLimit(qint64 userId, ProviderId provider, double usd) {
    return m_usage.setMonthlyLimit(userId, provider, usd);
}

Result<double> JobStore::monthlyLimit(qint64 userId, ProviderId provider) const {
    return m_usage.monthlyLimit(userId, provider);
}

} // namespace hh
