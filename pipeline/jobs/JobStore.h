// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AccountRepository.h"
#include "Database.h"
#include "JobRepository.h"
#include "UsageRepository.h"
#include "core/Result.h"
#include "providers/Usage.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariantMap>
#include <functional>
#include <utility>

class QSqlQuery;
class QThread;

namespace hh {

// The job table as the single source of truth for progress, errors and history,
// in one SQLite file (WAL, foreign keys on, schema version in PRAGMA user_version
// with forward-only migrations). Every job call takes the signed-in user's id and
// touches only that user's rows: another user's job reads as NotFound, and there is
// deliberately no call that lists every user's jobs. Each JobStore owns its own
// QSqlDatabase connection, and QtSql connections may only be used by the thread
// that created them: construct, open and use a JobStore in one thread, so every
// worker thread creates its own (calls from any other thread return an Internal
// error instead of corrupting the driver's state). Many stores, in many threads
// or processes, may share one file: writes wait up to five seconds for each other.
//
// A facade kept so that existing callers need not change: the connection, schema
// and migrations live in Database, the SQL in AccountRepository, JobRepository and
// UsageRepository, and every call here only delegates. New code may use a Database
// and the repositories directly (one Database per thread, as for a JobStore).
class JobStore {
public:
    // Returns "now"; injectable so tests can control created_at/updated_at.
    using Clock = Database::Clock;

    // The schema version this build writes; open() refuses newer files.
    static constexpr int kSchemaVersion = Database::kSchemaVersion;

    explicit JobStore(QString databasePath, Clock clock = {});
    ~JobStore();
    JobStore(const JobStore&) = delete;
    JobStore& operator=(const JobStore&) = delete;

    // Opens (creating if needed) and migrates the database, then finishes any
    // folder renames a migration left (see completeFolderMoves). Io for unreadable
    // or corrupt files, DiskFull, Unsupported when the file is newer than this build.
    Error open();
    bool isOpen() const { return m_database.isOpen(); }
    QString databasePath() const { return m_database.path(); }
    // This store's QtSql connection name (unique per store), for diagnostics.
    QString connectionName() const { return m_database.connectionName(); }

    // Users. The accounts layer hashes passwords; this stores what it is given.
    Result<qint64> createUser(const QString& username, const QString& passwordHash,
                              const QString& displayName = {}, const QString& recoveryHash = {});
    Result<qint64> userIdByName(const QString& username) const; // case-insensitive
    Error deleteUser(qint64 userId);              // removes the user's job rows too (not folders)
    Result<UserRecord> user(qint64 userId) const; // NotFound when missing
    Result<UserRecord> userByName(const QString& username) const; // case-insensitive
    Result<UserRecord> userByUuid(const QString& uuid) const;     // NotFound when missing
    // Compare-and-set: replaces both hashes only while the stored ones still equal
    // `expected` (so a recovery code or "!" can be used once, even by two racing
    // windows), and clears the sign-in lockout. false when they changed meanwhile.
    Result<bool> replaceCredentials(qint64 userId, const UserCredentials& expected,
                                    const UserCredentials& replacement);
    // Counts one more wrong password; returns the new count.
    Result<int> addFailedLogin(qint64 userId);
    Error setLockedUntil(qint64 userId, const QDateTime& until); // null: not locked
    // A successful sign-in: clears the failure count and lock, last_login_at = now.
    Error recordLogin(qint64 userId);
    Error setDisplayName(qint64 userId, const QString& displayName);

    // Jobs, always of one user.
    // A `pending` row with a fresh task UUID; returns the job id (never reused).
    Result<qint64> createJob(qint64 userId, const QString& paperId, const QString& paperTitle,
                             const QString& sourceKind, const QJsonObject& options);
    Result<JobRecord> job(qint64 userId, qint64 jobId) const;
    Result<QList<JobRecord>> jobs(qint64 userId,
                                  const JobFilter& filter = {}) const; // newest first

    // Starts or resumes a job (from pending, paused, failed, cancelled or an
    // interrupted run); clears a previous error. Refused for a completed job.
    Error setRunning(qint64 userId, qint64 jobId, const QString& step, int percent);
    // Records progress of a running job. Returns false, leaving the row alone, when
    // the job is no longer running (e.g. the user cancelled it meanwhile): the
    // worker should then stop rather than overwrite the user's decision.
    Result<bool> updateProgress(qint64 userId, qint64 jobId, const QString& step, int percent);
    // Pauses a pending or running job (e.g. after the script, for review).
    Error setPaused(qint64 userId, qint64 jobId, const QString& step, int percent);
    // Marks a pending, running or paused job completed at 100% with its video.
    // videoMs: the made video's length (0 when unknown).
    Error finish(qint64 userId, qint64 jobId, const QString& finalVideoPath, qint64 videoMs = 0);
    // Records a failure; ErrorType::Cancelled makes the status `cancelled`. The
    // progress and step stay where the job stopped. Refused for a completed job.
    Error fail(qint64 userId, qint64 jobId, ErrorType type, const QString& message);
    // Fills in what only the fetched paper knows.
    Error setTitle(qint64 userId, qint64 jobId, const QString& title, const QString& sourceKind);
    Error deleteJob(qint64 userId, qint64 jobId); // the row only; the folder is the caller's

    // Rows of this user still `running`: the program stopped during them. The
    // caller resumes each from its first missing artifact. Oldest first.
    Result<QList<JobRecord>> interruptedJobs(qint64 userId) const;
    // The queue (JobRepository: enqueue, queuedJobs, claimQueued, moveToTop, pauseQueued).
    Error enqueue(qint64 userId, qint64 jobId, const QString& owner, bool atFront = false);
    Result<QList<JobRecord>> queuedJobs(qint64 userId) const;
    Result<bool> claimQueued(qint64 userId, qint64 jobId);
    Error moveToTop(qint64 userId, qint64 jobId);
    Error pauseQueued(qint64 userId, qint64 jobId);
    // The usage ledger: sums per account, month ("2026-11", UTC) and provider.
    static QString usageMonth(const QDateTime& when);
    Error addUsage(qint64 userId, const QString& month, const UsageDelta& usage, double costUsd);
    Result<QList<UsageRow>> usage(qint64 userId, const QString& month) const;
    // Monthly spending limit in US dollars; <= 0 removes it. -1 when none is set.
    Error setMonthlyLimit(qint64 userId, ProviderId provider, double usd);
    Result<double> monthlyLimit(qint64 userId, ProviderId provider) const;

    // Inserts a row for a job folder that has none (rebuild) and returns its new id.
    // record.taskId is required: it is the folder's name, so the row finds its
    // folder again. Uses the record's status, progress, step, paper fields,
    // options, error, video path and times (now when null). Refuses a task id that
    // already has a row, whoever owns it.
    Result<qint64> importJob(qint64 userId, const JobRecord& record);
    // The job of this user whose folder (task id) is `taskId`; NotFound when none.
    Result<JobRecord> jobByTaskId(qint64 userId, const QString& taskId) const;

    // Renames left by the migration to version 4 (folders named by id to folders
    // named by uuid), relative to the folder holding the database. open() calls
    // it; each rename is done at most once and a crash midway is finished by the
    // next open. Stops at the first rename that fails, leaving it and the later
    // ones queued, and returns its error.
    Error completeFolderMoves();

private:
    Database m_database;
    AccountRepository m_accounts{m_database};
    JobRepository m_jobs{m_database};
    UsageRepository m_usage{m_database};
};

} // namespace hh
