// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>
#include <QVariantMap>
#include <functional>
#include <utility>

class QSqlQuery;
class QThread;

namespace hh {

// The job database's file and its QtSql connection: opening, pragmas (WAL,
// foreign keys on, a five-second busy timeout), the schema version in PRAGMA
// user_version with forward-only migrations, the folder renames a migration
// queued, and the one way every repository runs SQL (run/changeRow) with SQLite's
// error codes mapped to ErrorType. QtSql connections may only be used by the
// thread that created them: construct, open and use a Database in one thread, so
// every worker thread creates its own (calls from any other thread return an
// Internal error instead of corrupting the driver's state). Many connections, in
// many threads or processes, may share one file: writes wait for each other.
class Database {
public:
    // Returns "now"; injectable so tests can control created_at/updated_at.
    using Clock = std::function<QDateTime()>;

    // The schema version this build writes; open() refuses newer files.
    static constexpr int kSchemaVersion = 6;

    struct Statement {
        Statement(QString text, QVariantMap bound = {}, Error constraintError = {})
            : sql(std::move(text))
            , values(std::move(bound))
            , onConstraint(std::move(constraintError)) {}
        QString sql;
        QVariantMap values; // ":name" -> value, always bound, never spliced into sql
        Error onConstraint; // returned instead when SQLite reports a constraint violation
    };

    explicit Database(QString path, Clock clock = {});
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Opens (creating if needed) and migrates the database, then finishes any
    // folder renames a migration left (see completeFolderMoves). Io for unreadable
    // or corrupt files, DiskFull, Unsupported when the file is newer than this build.
    Error open();
    bool isOpen() const { return m_db.isOpen(); }
    QString path() const { return m_path; }
    // This connection's QtSql name (unique per Database), for diagnostics.
    QString connectionName() const { return m_connectionName; }

    // Renames left by the migration to version 4 (folders named by id to folders
    // named by uuid), relative to the folder holding the database. open() calls
    // it; each rename is done at most once and a crash midway is finished by the
    // next open. Stops at the first rename that fails, leaving it and the later
    // ones queued, and returns its error.
    Error completeFolderMoves();

    // Prepares, binds and executes one statement; `action` completes "Could not …"
    // in the error message.
    Result<QSqlQuery> run(const Statement& statement, const QString& action) const;
    Result<bool> changeRow(const Statement& statement,
                           const QString& action); // true: a row changed
    // The clock's time as stored: ISO 8601, UTC, with milliseconds.
    QString now() const;

private:
    Error usable() const;
    Error applyPragmas();
    Result<QString> switchToWal(const QString& action) const;
    Error migrate();
    Error migrateFrom(int version); // inside the migration transaction
    Error newerThanApp(int version) const;
    Error runMigrationStep(int toVersion);
    Error migrateToUuids(); // the data part of version 4, inside the transaction
    Error applyFolderMove(qint64 seq, const QString& from, const QString& to);
    Result<int> userVersion() const;
    Error sqlError(const QString& action, const QSqlQuery& query) const;

    QString m_path;
    Clock m_clock;
    QString m_connectionName;
    QSqlDatabase m_db;
    QThread* m_thread = nullptr;
};

// How values are written to and read from the database's columns, shared by the
// repositories so every table stores them alike.
namespace db {
QString newUuid();
QString isoUtc(const QDateTime& time);
QDateTime fromIso(const QVariant& value);
// QtSql binds a null QString as SQL NULL; NOT NULL text columns get '' instead.
QString nonNull(const QString& text);
} // namespace db

} // namespace hh
