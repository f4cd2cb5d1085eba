// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DeletionMarkers.h"
#include "core/Result.h"
#include "jobs/DataLayout.h"
#include "jobs/JobStore.h"

#include <QDateTime>
#include <QHash>
#include <QString>
#include <functional>
#include <optional>

namespace hh {

// What sign-up hands back: the new account and its recovery code, in plain text
// exactly once (only its hash is stored), for the UI to show and then forget.
struct SignUpResult {
    qint64 userId = 0;
    QString recoveryCode;
};

// The sign-up form's strength hint: 0 (unusable) to 4 (strong), and what to do.
struct PasswordStrength {
    int score = 0;
    QString hint;
};

// The profile page: who the account is, and what it has made.
struct Profile {
    qint64 userId = 0;
    QString username;
    QString displayName;
    QDateTime createdAt;
    QDateTime lastLoginAt;             // null before the first sign-in
    int videosMade = 0;                // completed jobs
    int failedJobs = 0;                // failed jobs (cancelled ones count as neither)
    double totalMinutes = 0;           // summed durations of the completed jobs' videos
    std::optional<double> successRate; // completed / (completed + failed); none without either
    QList<UsageRow> usageThisMonth;    // per cloud provider, with its cost (UTC month)
    bool hasPassword = true;           // false: made without one (the CLI's default account)
};

// Local accounts stored in the job database: sign-up with a strength check and a
// one-time recovery code, sign-in with an exponential lockout after repeated wrong
// passwords, password change and recovery-code reset, the profile with its video
// statistics, and deleting an account with all its jobs and files. Passwords and
// recovery codes are hashed with libsodium's argon2id (crypto_pwhash_str at the
// interactive limits) and never stored, logged or kept longer than a call. Unknown
// user names get the same answer, in about the same time, as wrong passwords, so
// the sign-in form does not reveal which accounts exist. A passwordless account
// (hash "!", made by the CLI for the computer's user) signs in with an empty
// password only; its first password is set by its signed-in owner through
// changePassword() with an empty old one. Nobody sets a password at the sign-in
// prompt, so no account can be taken over there.
// Uses the given JobStore, so it follows its rule: one thread only.
class AccountService {
public:
    using Clock = std::function<QDateTime()>;
    // Duration in seconds of a finished video (0 when unreadable); injectable so
    // tests need no real MP4. The default probes the file with hh::VideoProbe.
    using DurationProbe = std::function<double(const QString& path)>;

    static constexpr int kMinPasswordLength = 10;
    static constexpr int kMaxUsernameLength = 64;
    static constexpr int kMaxDisplayNameLength = 100;
    static constexpr int kFailuresBeforeLock = 3;
    static constexpr int kMaxLockSeconds = 15 * 60;

    AccountService(JobStore& store, DataLayout layout, Clock clock = {});

    void setDurationProbe(DurationProbe probe);

    // Why a user name cannot be used (empty when it can): 1-64 ASCII letters,
    // digits, '.', '_' or '-', not starting with a dot.
    static QString usernameProblem(const QString& username);
    // Why a password is refused (empty when acceptable).
    static QString passwordProblem(const QString& password, const QString& username = {});
    static PasswordStrength passwordStrength(const QString& password, const QString& username = {});

    Result<SignUpResult> signUp(const QString& username, const QString& password,
                                const QString& displayName = {});
    // The account id on success. Auth for a wrong name or password (one message for
    // both), while locked ("try again in N seconds"), for a typed password on a
    // passwordless account (it would not become its password) and for an account
    // whose deletion has begun.
    Result<qint64> signIn(const QString& username, const QString& password);
    // True for an account without a password ("!"); NotFound for an unknown name.
    Result<bool> isPasswordless(const QString& username) const;
    // An account without a password: the CLI's default account, or `account create
    // --no-password`. Auth when the name is unusable or taken.
    Result<qint64> createPasswordless(const QString& username);
    // Whether the data folder has any account at all (one the CLI made without a
    // password counts): with none, the sign-in dialog opens on a welcome.
    Result<bool> hasAccounts() const;
    Result<qint64> userIdByName(const QString& username) const;
    // "Forgot password": the recovery code sets a new password and is used up; the
    // new recovery code is returned, to be shown once.
    Result<QString> resetWithRecoveryCode(const QString& username, const QString& code,
                                          const QString& newPassword);
    // For a passwordless account the old password is empty, and the first password
    // comes with a recovery code, put in `newRecoveryCode` to be shown once.
    Error changePassword(qint64 userId, const QString& oldPassword, const QString& newPassword,
                         QString* newRecoveryCode = nullptr);

    Error setDisplayName(qint64 userId, const QString& displayName);
    Result<Profile> profile(qint64 userId) const;

    // Deleting an account, in stages that survive a crash (the keychain, being
    // asynchronous and outside this class, comes between the two calls):
    // beginDeletion() confirms the password (empty for a passwordless account),
    // records the deletion (DeletionMarkers) and marks every unfinished job of the
    // account cancelled, so a worker in any process stops at its next progress
    // write; it returns those jobs' ids, for a runner in this process to stop them
    // too. Then the caller removes the keychain entries; then finishDeletion()
    // removes users/<id>/ with every job folder, the account's rows, and last the
    // marker. From the marker on the account cannot sign in.
    Result<QList<qint64>> beginDeletion(qint64 userId, const QString& password);
    Error finishDeletion(qint64 userId);
    // Accounts whose deletion began but did not finish (a crash, a keychain that did
    // not answer): the caller removes their keys and calls finishDeletion() for each.
    // Stale markers (the row is gone, or is another account now) are dropped here.
    Result<QList<qint64>> pendingDeletions();
    // beginDeletion() and finishDeletion() at once, for callers without a keychain
    // (the account's keys, if any, stay in the keychain).
    Error deleteAccount(qint64 userId, const QString& password);

private:
    // Failures of names that have no account, kept in memory only, so that they
    // lock exactly like real accounts and lockout does not reveal which exist.
    struct PhantomLock {
        int failedLogins = 0;
        QDateTime lockedUntil;
    };
    enum class SecretKind { Password, RecoveryCode };

    Error sodiumReady() const;
    QDateTime now() const;
    Result<QString> hashSecret(const QString& secret) const;
    bool verifySecret(const QString& hash, const QString& secret) const;
    void spendVerifyTime(const QString& secret) const;
    Result<QString> newRecoveryHash(QString& code) const;
    std::optional<Error> lockedError(const QDateTime& lockedUntil) const;
    PhantomLock& phantomLock(const QString& username);
    Error countFailure(qint64 userId, const QString& username, const QString& wrong);
    Result<UserRecord> verifyByName(const QString& username, const QString& secret,
                                    SecretKind kind);
    Error checkPassword(qint64 userId, const QString& password);
    void upgradeHashIfWeaker(const UserRecord& user, const QString& password);
    Result<QString> replaceSecrets(const UserRecord& user, const QString& password);
    double videoSeconds(const JobRecord& job) const;
    Error removeUserFolder(qint64 userId) const;
    Result<QList<qint64>> cancelUnfinishedJobs(qint64 userId);

    JobStore& m_store;
    DataLayout m_layout;
    DeletionMarkers m_deletions;
    Clock m_clock;
    DurationProbe m_probe;
    bool m_sodiumReady = false;
    QHash<QString, PhantomLock> m_phantomLocks;
};

} // namespace hh
