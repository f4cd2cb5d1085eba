// SPDX-License-Identifier: GPL-3.0-or-later
#include "Database.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>
#include <atomic>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hh {

namespace db {

QString newUuid() {
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString isoUtc(const QDateTime& time) {
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime fromIso(const QVariant& value) {
    if (value.isNull())
        return {};
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toUTC();
}

// QtSql binds a null QString as SQL NULL; NOT NULL text columns get '' instead.
QString nonNull(const QString& text) {
    return text.isNull() ? QStringLiteral("") : text;
}

} // namespace db

namespace {

using db::isoUtc;
using db::newUuid;

// Primary SQLite result codes (sqlite3.h); Qt's driver reports them as the
// QSqlError's native error code.
enum SqliteCode {
    SqlitePerm = 3,
    SqliteBusy = 5,
    SqliteLocked = 6,
    SqliteReadOnly = 8,
    SqliteIoErr = 10,
    SqliteCorrupt = 11,
    SqliteFull = 13,
    SqliteCantOpen = 14,
    SqliteConstraint = 19,
    SqliteAuth = 23,
    SqliteNotADb = 26,
};

constexpr int kBusyTimeoutMs = 5000;

// Version 1: design/job-schema.md. AUTOINCREMENT so that an id is never handed
// out twice: job folders are named by id, and a deleted job's leftover folder
// must not be mistaken for the artifacts of a new job (same for user folders).
QStringList schemaV1() {
    return {
        QStringLiteral("CREATE TABLE users ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " username TEXT NOT NULL UNIQUE COLLATE NOCASE,"
                       " password_hash TEXT NOT NULL,"
                       " recovery_hash TEXT,"
                       " display_name TEXT NOT NULL DEFAULT '',"
                       " created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),"
                       " last_login_at TEXT,"
                       " failed_logins INTEGER NOT NULL DEFAULT 0,"
                       " locked_until TEXT)"),
        // status is free TEXT: pending, running, paused, completed, failed, cancelled.
        QStringLiteral("CREATE TABLE video_jobs ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                       " paper_id TEXT NOT NULL,"
                       " paper_title TEXT,"
                       " source_kind TEXT,"
                       " status TEXT NOT NULL,"
                       " progress_percent INTEGER NOT NULL DEFAULT 0,"
                       " current_step TEXT,"
                       " error_message TEXT NOT NULL DEFAULT '',"
                       " error_type TEXT NOT NULL DEFAULT '',"
                       " task_id TEXT NOT NULL UNIQUE,"
                       " options_json TEXT,"
                       " final_video_path TEXT NOT NULL DEFAULT '',"
                       " created_at TEXT NOT NULL,"
                       " updated_at TEXT NOT NULL,"
                       " completed_at TEXT)"),
        QStringLiteral(
            "CREATE INDEX video_jobs_user_created ON video_jobs (user_id, created_at DESC)"),
        QStringLiteral("CREATE INDEX video_jobs_status ON video_jobs (status)"),
        QStringLiteral("CREATE INDEX video_jobs_paper ON video_jobs (paper_id)"),
    };
}

// Version 2: the usage ledger (calls, tokens, seconds, credits and their cost per
// account, provider and month) and optional monthly spending limits.
QStringList schemaV2() {
    return {
        QStringLiteral("CREATE TABLE provider_usage ("
                       " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                       " month TEXT NOT NULL,"
                       " provider TEXT NOT NULL,"
                       " calls INTEGER NOT NULL DEFAULT 0,"
                       " errors INTEGER NOT NULL DEFAULT 0,"
                       " tokens_in INTEGER NOT NULL DEFAULT 0,"
                       " tokens_out INTEGER NOT NULL DEFAULT 0,"
                       " tts_seconds REAL NOT NULL DEFAULT 0,"
                       " credits REAL NOT NULL DEFAULT 0,"
                       " cost_usd REAL NOT NULL DEFAULT 0,"
                       " PRIMARY KEY (user_id, month, provider))"),
        QStringLiteral("CREATE TABLE spending_limits ("
                       " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                       " provider TEXT NOT NULL,"
                       " monthly_usd REAL NOT NULL,"
                       " PRIMARY KEY (user_id, provider))"),
    };
}

// Version 3: how long a job has really run (run_ms: the closed runs; running_since:
// the start of the open one, NULL when not running), so "elapsed" leaves out the
// time a job sat paused, cancelled or interrupted; and the length of the video it
// made (video_ms), which the library shows instead of the length asked for.
QStringList schemaV3() {
    return {
        QStringLiteral("ALTER TABLE video_jobs ADD COLUMN run_ms INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE video_jobs ADD COLUMN running_since TEXT"),
        QStringLiteral("ALTER TABLE video_jobs ADD COLUMN video_ms INTEGER NOT NULL DEFAULT 0"),
    };
}

// Version 4: folders and keychain entries named by random UUIDs instead of
// autoincrement ids (after a lost database, ids start at 1 again and a new job
// found the old job's folder and "completed" with its video). Jobs already have
// one (task_id), users get a uuid; keys_by_id marks the accounts made before, whose
// keychain entries are still "user-<id>" until first read (KeyStore moves them).
// folder_moves queues the renames of the existing folders, done after the
// transaction commits (a rename cannot be part of it; see completeFolderMoves).
// The rows' data (uuids, queued moves) is filled in by migrateToUuids().
QStringList schemaV4() {
    return {
        QStringLiteral("ALTER TABLE users ADD COLUMN uuid TEXT"),
        QStringLiteral("ALTER TABLE users ADD COLUMN keys_by_id INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("CREATE TABLE folder_moves ("
                       " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " from_path TEXT NOT NULL,"
                       " to_path TEXT NOT NULL)"),
    };
}

// After migrateToUuids(): every user has a uuid, and no two share one.
QStringList schemaV4Constraints() {
    return {QStringLiteral("CREATE UNIQUE INDEX users_uuid ON users (uuid)")};
}

// Version 5: the job queue. A submitted job waits as status `queued` until a CPU
// slot frees; queue_pos orders the queue (smaller first; "move to top" takes one
// below the smallest, so positions may go below 1) and queue_owner ("pid@host")
// names the process that dispatches it, so the GUI and a CLI sharing the file
// never start each other's queued jobs, and a dead process's queue is adopted.
// Old rows get NULL/'' and are simply not queued.
QStringList schemaV5() {
    return {
        QStringLiteral("ALTER TABLE video_jobs ADD COLUMN queue_pos INTEGER"),
        QStringLiteral("ALTER TABLE video_jobs ADD COLUMN queue_owner TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("CREATE INDEX video_jobs_queue ON video_jobs (status, queue_pos)"),
    };
}

// Version 6 (issue 17): the provider slots every process on the computer shares, one lease
// row per task a provider account runs for a job. holder is "pid@host";
// expires_at (ms since the epoch) is pushed forward by the holder's heartbeat,
// so a killed process's leases run out, or are freed at once on its own host.
QStringList schemaProviderSlots() {
    return {
        QStringLiteral("CREATE TABLE provider_slots ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " scope TEXT NOT NULL,"
                       " holder_pid INTEGER NOT NULL,"
                       " holder_host TEXT NOT NULL,"
                       " expires_at INTEGER NOT NULL)"),
        QStringLiteral("CREATE INDEX provider_slots_scope ON provider_slots (scope)"),
    };
}

// Statements that take the schema from version-1 to version. Forward only:
// a released step is never edited, a change is a new version.
QStringList migrationTo(int version) {
    switch (version) {
    case 1:
        return schemaV1();
    case 2:
        return schemaV2();
    case 3:
        return schemaV3();
    case 4:
        return schemaV4();
    case 5:
        return schemaV5();
    case 6:
        return schemaProviderSlots();
    default:
        return {};
    }
}

QString nextConnectionName() {
    static std::atomic<quint64> counter{0};
    return QStringLiteral("hh-jobstore-%1-%2")
        .arg(reinterpret_cast<quintptr>(QThread::currentThreadId()))
        .arg(++counter);
}

// The database holds password hashes, and its write-ahead log and shared-memory
// file hold the same pages: only the owner may read any of them. SQLite creates
// -wal and -shm with the main file's mode, so a new file is made owner-only
// before SQLite first opens it (setting the mode afterwards left a world-readable
// WAL behind); files of an older build are tightened.
void makePrivate(const QString& path) {
    const QByteArray name = QFile::encodeName(path);
    const int fd = ::open(name.constData(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0)
        ::close(fd);
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        const QByteArray file = name + suffix;
        struct stat st {};
        if (::stat(file.constData(), &st) == 0 && (st.st_mode & 077) != 0)
            ::chmod(file.constData(), st.st_mode & 0700);
    }
}

} // namespace

Database::Database(QString path, Clock clock)
    : m_path(std::move(path))
    , m_clock(std::move(clock))
    , m_connectionName(nextConnectionName())
    , m_db(QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName))
    , m_thread(QThread::currentThread()) {}

Database::~Database() {
    m_db.close();
    m_db = QSqlDatabase(); // the last handle must be gone before removeDatabase()
    QSqlDatabase::removeDatabase(m_connectionName);
}

Error Database::open() {
    if (QThread::currentThread() != m_thread)
        return usable();
    if (!m_db.isValid())
        return {ErrorType::Io, QStringLiteral("Qt's SQLite driver is missing, so the job database "
                                              "cannot be opened; install libqt6sql6-sqlite.")};
    makePrivate(m_path);
    m_db.close();
    m_db.setDatabaseName(m_path);
    if (!m_db.open()) {
        return {ErrorType::Io, QStringLiteral("Could not open the job database %1: %2. Check that "
                                              "its folder exists and is writable.")
                                   .arg(m_path, m_db.lastError().text())};
    }
    Error error = applyPragmas();
    if (!error.isError())
        error = migrate();
    if (error.isError()) {
        m_db.close();
        return error;
    }
    // Outside the migration's transaction by necessity; also run at every open so
    // that renames a crash interrupted are finished before any folder is used.
    // A rename that fails is reported by completeFolderMoves() itself, not here:
    // the database is usable, and the folder keeps its old name until it works.
    completeFolderMoves();
    return {};
}

Error Database::applyPragmas() {
    const QString action = QStringLiteral("prepare the job database");
    for (const QString& pragma : {QStringLiteral("PRAGMA busy_timeout = %1").arg(kBusyTimeoutMs),
                                  QStringLiteral("PRAGMA foreign_keys = ON"),
                                  QStringLiteral("PRAGMA synchronous = NORMAL")}) {
        if (auto query = run({pragma}, action); !query)
            return query.error();
    }
    const auto mode = switchToWal(action);
    if (!mode)
        return mode.error();
    if (mode.value().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
        return {ErrorType::Io,
                QStringLiteral("The job database %1 could not use write-ahead logging (journal "
                               "mode is '%2'); keep it on a local disk.")
                    .arg(m_path, mode.value())};
    }
    return {};
}

// The first statement that reads the file, so a file that is not SQLite fails
// here. Converting a new file to WAL needs an exclusive lock, and SQLite reports
// "database is locked" at once, without its busy handler, when another
// connection is converting it at the same moment: wait and retry instead.
Result<QString> Database::switchToWal(const QString& action) const {
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        QSqlQuery query(m_db);
        if (query.exec(QStringLiteral("PRAGMA journal_mode = WAL")))
            return query.next() ? query.value(0).toString() : QString();
        const int code = query.lastError().nativeErrorCode().toInt() & 0xff;
        if ((code != SqliteBusy && code != SqliteLocked) || waited.hasExpired(kBusyTimeoutMs))
            return sqlError(action, query);
        QThread::msleep(10);
    }
}

Result<int> Database::userVersion() const {
    auto query = run({QStringLiteral("PRAGMA user_version"), {}},
                     QStringLiteral("read the job database's version"));
    if (!query)
        return query.error();
    if (!query.value().next())
        return Result<int>::failure(ErrorType::Internal,
                                    QStringLiteral("SQLite returned no user_version."));
    return query.value().value(0).toInt();
}

Error Database::migrate() {
    auto version = userVersion();
    if (!version)
        return version.error();
    if (version.value() == kSchemaVersion)
        return {};
    if (version.value() > kSchemaVersion)
        return newerThanApp(version.value());
    // IMMEDIATE takes the write lock at once, so two first starts cannot both
    // migrate; re-read the version inside, another connection may have won.
    const QString action = QStringLiteral("update the job database's structure");
    if (auto begin = run({QStringLiteral("BEGIN IMMEDIATE")}, action); !begin)
        return begin.error();
    version = userVersion();
    const Error error = version ? migrateFrom(version.value()) : version.error();
    if (error.isError()) {
        run({QStringLiteral("ROLLBACK")}, action);
        return error;
    }
    if (auto commit = run({QStringLiteral("COMMIT")}, action); !commit)
        return commit.error();
    return {};
}

Error Database::newerThanApp(int version) const {
    return {ErrorType::Unsupported,
            QStringLiteral("The job database %1 was written by a newer version of Hidden Hill "
                           "(data version %2; this app knows up to %3). This app is older than "
                           "the data: update Hidden Hill to open it.")
                .arg(m_path)
                .arg(version)
                .arg(kSchemaVersion)};
}

Error Database::migrateFrom(int version) {
    if (version > kSchemaVersion)
        return newerThanApp(version);
    for (int next = version + 1; next <= kSchemaVersion; ++next) {
        if (Error error = runMigrationStep(next); error.isError())
            return error;
    }
    return {};
}

Error Database::runMigrationStep(int toVersion) {
    const QString action = QStringLiteral("update the job database to version %1").arg(toVersion);
    const QStringList statements = migrationTo(toVersion);
    if (statements.isEmpty())
        return {ErrorType::Internal, QStringLiteral("No migration to version %1.").arg(toVersion)};
    for (const QString& sql : statements) {
        if (auto query = run({sql}, action); !query)
            return query.error();
    }
    if (toVersion == 4) {
        if (Error error = migrateToUuids(); error.isError())
            return error;
        for (const QString& sql : schemaV4Constraints()) {
            if (auto query = run({sql}, action); !query)
                return query.error();
        }
    }
    // PRAGMA takes no bound parameters; the value is this build's own constant.
    auto query = run({QStringLiteral("PRAGMA user_version = %1").arg(toVersion)}, action);
    return query ? Error{} : query.error();
}

// Gives every existing account a uuid and queues the renames of its folder and
// of its jobs' folders: users/<id> -> users/<uuid> first, then
// users/<uuid>/jobs/<id> -> users/<uuid>/jobs/<task_id> (seq keeps that order).
// Renaming rather than falling back to the old path at every lookup: after the
// renames nothing is named by id any more, so no later lookup can ever land in a
// folder an id happened to name (the very bug this version fixes).
Error Database::migrateToUuids() {
    const QString action = QStringLiteral("give the accounts their folder ids");
    auto users = run({QStringLiteral("SELECT id FROM users ORDER BY id")}, action);
    if (!users)
        return users.error();
    QList<qint64> ids;
    while (users.value().next())
        ids.append(users.value().value(0).toLongLong());
    users.value().finish();
    for (const qint64 id : ids) {
        const QString uuid = newUuid();
        const Statement update{
            QStringLiteral("UPDATE users SET uuid = :uuid, keys_by_id = 1 WHERE id = :id"),
            {{QStringLiteral(":uuid"), uuid}, {QStringLiteral(":id"), id}}};
        const Statement move{QStringLiteral("INSERT INTO folder_moves (from_path, to_path) "
                                            "VALUES (:from, :to)"),
                             {{QStringLiteral(":from"), QStringLiteral("users/%1").arg(id)},
                              {QStringLiteral(":to"), QStringLiteral("users/%1").arg(uuid)}}};
        for (const Statement& statement : {update, move}) {
            if (auto query = run(statement, action); !query)
                return query.error();
        }
    }
    auto jobs = run({QStringLiteral("INSERT INTO folder_moves (from_path, to_path) "
                                    "SELECT 'users/' || users.uuid || '/jobs/' || video_jobs.id, "
                                    "'users/' || users.uuid || '/jobs/' || video_jobs.task_id "
                                    "FROM video_jobs JOIN users ON users.id = video_jobs.user_id "
                                    "ORDER BY video_jobs.id")},
                    action);
    return jobs ? Error{} : jobs.error();
}

Error Database::completeFolderMoves() {
    const QString action = QStringLiteral("read the folder renames left to do");
    auto pending = run({QStringLiteral("SELECT seq, from_path, to_path FROM folder_moves "
                                       "ORDER BY seq")},
                       action);
    if (!pending)
        return pending.error();
    struct Move {
        qint64 seq;
        QString from;
        QString to;
    };
    QList<Move> moves;
    while (pending.value().next()) {
        moves.append({pending.value().value(0).toLongLong(), pending.value().value(1).toString(),
                      pending.value().value(2).toString()});
    }
    pending.value().finish();
    // In order, stopping at the first failure: a job's move names its account's
    // new folder, so it must not run (and find nothing to move, and be dropped as
    // done) while the account's own move is still pending.
    for (const Move& move : std::as_const(moves)) {
        if (Error e = applyFolderMove(move.seq, move.from, move.to); e.isError())
            return e;
    }
    return {};
}

// One queued rename, idempotent so any crash is finished by the next open:
// rename if the old folder is still there, then (in one transaction) point the
// rows' video paths at the new folder and drop the queue entry. A crash after the
// rename finds the old folder gone and does only the second half. Two processes
// opening at once are fine too: rename() moves a folder at most once.
Error Database::applyFolderMove(qint64 seq, const QString& from, const QString& to) {
    const QDir root = QFileInfo(m_path).absoluteDir();
    const QString fromPath = root.filePath(from);
    const QString toPath = root.filePath(to);
    const QFileInfo old(fromPath);
    if (old.exists() || old.isSymLink()) {
        if (QFileInfo::exists(toPath)) {
            // Both exist: someone made the new folder meanwhile. Merging could mix
            // two jobs' files, so leave both and keep the move queued.
            return {ErrorType::Io,
                    QStringLiteral("Could not rename %1 to %2: the new name is taken. Move one "
                                   "of them aside and start Hidden Hill again.")
                        .arg(fromPath, toPath)};
        }
        if (!QDir().rename(fromPath, toPath) && QFileInfo::exists(fromPath)) {
            return {ErrorType::Io, QStringLiteral("Could not rename %1 to %2; check the "
                                                  "permissions of the data folder.")
                                       .arg(fromPath, toPath)};
        }
    }
    const QString action = QStringLiteral("record the renamed folder %1").arg(to);
    if (auto begin = run({QStringLiteral("BEGIN IMMEDIATE")}, action); !begin)
        return begin.error();
    const Statement paths{
        QStringLiteral("UPDATE video_jobs SET final_video_path = :to || "
                       "substr(final_video_path, length(:from) + 1) "
                       "WHERE substr(final_video_path, 1, length(:from) + 1) = :from || '/'"),
        {{QStringLiteral(":from"), fromPath}, {QStringLiteral(":to"), toPath}}};
    const Statement done{QStringLiteral("DELETE FROM folder_moves WHERE seq = :seq"),
                         {{QStringLiteral(":seq"), seq}}};
    for (const Statement& statement : {paths, done}) {
        if (auto query = run(statement, action); !query) {
            run({QStringLiteral("ROLLBACK")}, action);
            return query.error();
        }
    }
    if (auto commit = run({QStringLiteral("COMMIT")}, action); !commit)
        return commit.error();
    return {};
}

Error Database::usable() const {
    if (QThread::currentThread() != m_thread) {
        return {ErrorType::Internal,
                QStringLiteral("A JobStore was used from a thread that did not create it; each "
                               "thread must create its own JobStore.")};
    }
    if (!m_db.isOpen()) {
        return {ErrorType::Io, QStringLiteral("The job database %1 is not open.").arg(m_path)};
    }
    return {};
}

Result<QSqlQuery> Database::run(const Statement& statement, const QString& action) const {
    if (Error error = usable(); error.isError())
        return error;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.prepare(statement.sql))
        return sqlError(action, query);
    for (auto it = statement.values.cbegin(); it != statement.values.cend(); ++it)
        query.bindValue(it.key(), it.value());
    if (!query.exec()) {
        if (statement.onConstraint.isError() &&
            (query.lastError().nativeErrorCode().toInt() & 0xff) == SqliteConstraint)
            return statement.onConstraint;
        return sqlError(action, query);
    }
    return query;
}

Error Database::sqlError(const QString& action, const QSqlQuery& query) const {
    const QSqlError error = query.lastError();
    const int code = error.nativeErrorCode().toInt() & 0xff;
    const QString detail = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    if (code == SqliteFull || detail.contains(QLatin1String("database or disk is full"))) {
        return {ErrorType::DiskFull,
                QStringLiteral("Could not %1: the disk holding %2 is full (%3). Free some disk "
                               "space and try again.")
                    .arg(action, m_path, detail)};
    }
    switch (code) {
    case SqliteBusy:
    case SqliteLocked:
        return {ErrorType::Io, QStringLiteral("Could not %1: %2 stayed locked by another "
                                              "connection for %3 s (%4). Close other programs "
                                              "that use it and try again.")
                                   .arg(action, m_path)
                                   .arg(kBusyTimeoutMs / 1000)
                                   .arg(detail)};
    case SqliteCorrupt:
    case SqliteNotADb:
        return {ErrorType::Io, QStringLiteral("Could not %1: %2 is not a readable job database "
                                              "(%3). Move the file aside to start with an empty "
                                              "one, or restore it from a backup.")
                                   .arg(action, m_path, detail)};
    case SqlitePerm:
    case SqliteReadOnly:
    case SqliteIoErr:
    case SqliteCantOpen:
    case SqliteAuth:
        return {ErrorType::Io, QStringLiteral("Could not %1 in %2 (%3). Check that the disk is "
                                              "present and the file may be written.")
                                   .arg(action, m_path, detail)};
    default:
        return {ErrorType::Internal, QStringLiteral("Could not %1 (%2).").arg(action, detail)};
    }
}

QString Database::now() const {
    return isoUtc(m_clock ? m_clock() : QDateTime::currentDateTimeUtc());
}

Result<bool> Database::changeRow(const Statement& statement, const QString& action) {
    auto query = run(statement, action);
    if (!query)
        return query.error();
    return query.value().numRowsAffected() > 0;
}

} // namespace hh
