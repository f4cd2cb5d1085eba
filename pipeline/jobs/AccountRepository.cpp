// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountRepository.h"

#include <QSqlQuery>
#include <QVariant>

namespace hh {

namespace {

using db::fromIso;
using db::isoUtc;
using db::newUuid;
using db::nonNull;

// recovery_hash is NULL, not '', when an account has no recovery code.
QVariant nullIfEmpty(const QString& text) {
    return text.isEmpty() ? QVariant() : QVariant(text);
}

const QString kUserColumns =
    QStringLiteral("id, username, password_hash, recovery_hash, display_name, created_at, "
                   "last_login_at, failed_logins, locked_until, uuid, keys_by_id");

UserRecord userFrom(const QSqlQuery& query) {
    UserRecord record;
    record.id = query.value(0).toLongLong();
    record.username = query.value(1).toString();
    record.passwordHash = query.value(2).toString();
    record.recoveryHash = query.value(3).toString();
    record.displayName = query.value(4).toString();
    record.createdAt = fromIso(query.value(5));
    record.lastLoginAt = fromIso(query.value(6));
    record.failedLogins = query.value(7).toInt();
    record.lockedUntil = fromIso(query.value(8));
    record.uuid = query.value(9).toString();
    record.keysNamedById = query.value(10).toInt() != 0;
    return record;
}

Error accountNotFound(qint64 userId) {
    return {ErrorType::NotFound, QStringLiteral("Account %1 was not found.").arg(userId)};
}

} // namespace

Result<qint64> AccountRepository::createUser(const QString& username, const QString& passwordHash,
                                             const QString& displayName,
                                             const QString& recoveryHash) {
    if (username.trimmed().isEmpty() || passwordHash.isEmpty()) {
        return Result<qint64>::failure(
            ErrorType::Internal, QStringLiteral("An account needs a user name and a password."));
    }
    Statement insert{QStringLiteral("INSERT INTO users (username, password_hash, recovery_hash, "
                                    "display_name, created_at, uuid) "
                                    "VALUES (:name, :hash, :recovery, :display, :now, :uuid)"),
                     {{QStringLiteral(":uuid"), newUuid()},
                      {QStringLiteral(":name"), username},
                      {QStringLiteral(":hash"), passwordHash},
                      {QStringLiteral(":recovery"), nullIfEmpty(recoveryHash)},
                      {QStringLiteral(":display"), nonNull(displayName)},
                      {QStringLiteral(":now"), m_db.now()}}};
    insert.onConstraint = {ErrorType::Internal,
                           QStringLiteral("The user name '%1' is already taken (names are "
                                          "compared ignoring case); choose another.")
                               .arg(username)};
    auto query = m_db.run(insert, QStringLiteral("create the account '%1'").arg(username));
    if (!query)
        return query.error();
    return query.value().lastInsertId().toLongLong();
}

Result<qint64> AccountRepository::userIdByName(const QString& username) const {
    auto query = m_db.run({QStringLiteral("SELECT id FROM users WHERE username = :name"),
                           {{QStringLiteral(":name"), username}}},
                          QStringLiteral("look up the account '%1'").arg(username));
    if (!query)
        return query.error();
    if (!query.value().next()) {
        return Result<qint64>::failure(
            ErrorType::NotFound, QStringLiteral("There is no account named '%1'.").arg(username));
    }
    return query.value().value(0).toLongLong();
}

Error AccountRepository::deleteUser(qint64 userId) {
    auto query = m_db.run(
        {QStringLiteral("DELETE FROM users WHERE id = :id"), {{QStringLiteral(":id"), userId}}},
        QStringLiteral("delete account %1").arg(userId));
    if (!query)
        return query.error();
    if (query.value().numRowsAffected() == 0)
        return {ErrorType::NotFound, QStringLiteral("Account %1 was not found.").arg(userId)};
    return {};
}

Result<UserRecord> AccountRepository::readUser(const Statement& statement, const QString& action,
                                               const QString& missing) const {
    auto query = m_db.run(statement, action);
    if (!query)
        return query.error();
    if (!query.value().next())
        return Result<UserRecord>::failure(ErrorType::NotFound, missing);
    return userFrom(query.value());
}

Result<UserRecord> AccountRepository::user(qint64 userId) const {
    return readUser({QStringLiteral("SELECT %1 FROM users WHERE id = :id").arg(kUserColumns),
                     {{QStringLiteral(":id"), userId}}},
                    QStringLiteral("read account %1").arg(userId), accountNotFound(userId).message);
}

Result<UserRecord> AccountRepository::userByName(const QString& username) const {
    return readUser(
        {QStringLiteral("SELECT %1 FROM users WHERE username = :name").arg(kUserColumns),
         {{QStringLiteral(":name"), username}}},
        QStringLiteral("look up the account '%1'").arg(username),
        QStringLiteral("There is no account named '%1'.").arg(username));
}

Result<UserRecord> AccountRepository::userByUuid(const QString& uuid) const {
    return readUser({QStringLiteral("SELECT %1 FROM users WHERE uuid = :uuid").arg(kUserColumns),
                     {{QStringLiteral(":uuid"), uuid}}},
                    QStringLiteral("look up the account of folder %1").arg(uuid),
                    QStringLiteral("No account has the folder %1.").arg(uuid));
}

Error AccountRepository::updateUser(qint64 userId, const Statement& statement,
                                    const QString& action) {
    const auto changed = m_db.changeRow(statement, action);
    if (!changed)
        return changed.error();
    return changed.value() ? Error{} : accountNotFound(userId);
}

Result<bool> AccountRepository::replaceCredentials(qint64 userId, const UserCredentials& expected,
                                                   const UserCredentials& replacement) {
    if (replacement.passwordHash.isEmpty()) {
        return Result<bool>::failure(ErrorType::Internal,
                                     QStringLiteral("An account needs a password hash."));
    }
    // IS rather than =, so that an expected NULL recovery_hash matches.
    auto changed = m_db.changeRow(
        {QStringLiteral("UPDATE users SET password_hash = :hash, recovery_hash = :recovery, "
                        "failed_logins = 0, locked_until = NULL WHERE id = :id "
                        "AND password_hash = :oldHash AND recovery_hash IS :oldRecovery"),
         {{QStringLiteral(":hash"), replacement.passwordHash},
          {QStringLiteral(":recovery"), nullIfEmpty(replacement.recoveryHash)},
          {QStringLiteral(":id"), userId},
          {QStringLiteral(":oldHash"), expected.passwordHash},
          {QStringLiteral(":oldRecovery"), nullIfEmpty(expected.recoveryHash)}}},
        QStringLiteral("save the new password of account %1").arg(userId));
    if (!changed || changed.value())
        return changed;
    // Nothing matched: a missing account is NotFound, a changed one the "false" answer.
    if (const auto record = user(userId); !record)
        return record.error();
    return false;
}

Result<int> AccountRepository::addFailedLogin(qint64 userId) {
    // One UPDATE increments atomically, so two windows failing at once both count.
    if (Error error = updateUser(
            userId,
            {QStringLiteral("UPDATE users SET failed_logins = failed_logins + 1 WHERE id = :id"),
             {{QStringLiteral(":id"), userId}}},
            QStringLiteral("count a failed sign-in of account %1").arg(userId));
        error.isError())
        return error;
    auto record = user(userId);
    if (!record)
        return record.error();
    return record->failedLogins;
}

Error AccountRepository::setLockedUntil(qint64 userId, const QDateTime& until) {
    return updateUser(
        userId,
        {QStringLiteral("UPDATE users SET locked_until = :until WHERE id = :id"),
         {{QStringLiteral(":until"), until.isValid() ? QVariant(isoUtc(until)) : QVariant()},
          {QStringLiteral(":id"), userId}}},
        QStringLiteral("lock the sign-in of account %1").arg(userId));
}

Error AccountRepository::recordLogin(qint64 userId) {
    return updateUser(userId,
                      {QStringLiteral("UPDATE users SET failed_logins = 0, locked_until = NULL, "
                                      "last_login_at = :now WHERE id = :id"),
                       {{QStringLiteral(":now"), m_db.now()}, {QStringLiteral(":id"), userId}}},
                      QStringLiteral("record the sign-in of account %1").arg(userId));
}

Error AccountRepository::setDisplayName(qint64 userId, const QString& displayName) {
    return updateUser(
        userId,
        {QStringLiteral("UPDATE users SET display_name = :display WHERE id = :id"),
         {{QStringLiteral(":display"), nonNull(displayName)}, {QStringLiteral(":id"), userId}}},
        QStringLiteral("save the display name of account %1").arg(userId));
}

} // namespace hh
