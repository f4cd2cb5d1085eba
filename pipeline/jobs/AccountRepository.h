// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Database.h"
#include "core/Result.h"

#include <QDateTime>
#include <QString>

namespace hh {

// One row of users (design/job-schema.md), for the accounts layer. Times are UTC.
struct UserRecord {
    qint64 id = 0;
    QString uuid; // random, names the account's folder and keychain entries
    // True for an account made before folders and keys were named by uuid: its
    // keys may still sit under the old "user-<id>" names until first read.
    bool keysNamedById = false;
    QString username;
    QString passwordHash; // argon2id string, or "!" for an account without a password yet
    QString recoveryHash; // empty when the account has no recovery code
    QString displayName;
    QDateTime createdAt;
    QDateTime lastLoginAt; // null before the first sign-in
    int failedLogins = 0;
    QDateTime lockedUntil; // null when sign-in is not locked
};

// The two secrets of an account as stored: hash strings, never plain text.
struct UserCredentials {
    QString passwordHash;
    QString recoveryHash; // empty means NULL (no recovery code)
};

// The SQL of the users table: accounts, their credentials and sign-in lockout.
// The accounts layer hashes passwords; this stores what it is given. Uses the
// Database's connection, so the same one-thread rule applies.
class AccountRepository {
public:
    explicit AccountRepository(Database& database)
        : m_db(database) {}

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

private:
    using Statement = Database::Statement;

    Result<UserRecord> readUser(const Statement& statement, const QString& action,
                                const QString& missing) const;
    Error updateUser(qint64 userId, const Statement& statement, const QString& action);

    Database& m_db;
};

} // namespace hh
