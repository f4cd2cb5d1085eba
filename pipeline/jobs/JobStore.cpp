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

const QString kJobColumns = QStringLiteral(
    "id, user_id, paper_id, paper_title, source_kind, status, progress_percent, current_step, "
    "error_message, error_type, task_id, options_json, final_video_path, created_at, "
    "updated_at, completed_at, run_ms, running_since, video_ms, "
    "(SELECT uuid FROM users WHERE users.id = video_jobs.user_id)");

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

QString newUuid() {
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// Adds the open run (running_since up to `until`, an SQL expression) to run_ms.
// julianday() reads the ISO times we store, "Z" included.
QString closeRun(const QString& until) {
    return QStringLiteral(
               "run_ms = run_ms + CASE WHEN running_since IS NULL THEN 0 ELSE "
               "MAX(0, CAST(ROUND((julianday(%1) - julianday(running_since)) * 86400000) "
               "AS INTEGER)) END")
        .arg(until);
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

QString optionsToJson(const QJsonObject& options) {
    return QString::fromUtf8(QJsonDocument(options).toJson(QJsonDocument::Compact));
}

QJsonObject optionsFromJson(const QVariant& value) {
    return QJsonDocument::fromJson(value.toString().toUtf8()).object();
}

JobRecord recordFrom(const QSqlQuery& query) {
    JobRecord record;
    record.id = query.value(0).toLongLong();
    record.userId = query.value(1).toLongLong();
    record.paperId = query.value(2).toString();
    record.paperTitle = query.value(3).toString();
    record.sourceKind = query.value(4).toString();
    record.status = query.value(5).toString();
    record.progressPercent = query.value(6).toInt();
    record.currentStep = query.value(7).toString();
    record.errorMessage = query.value(8).toString();
    record.errorType = query.value(9).toString();
    record.taskId = query.value(10).toString();
    record.options = optionsFromJson(query.value(11));
    record.finalVideoPath = query.value(12).toString();
    record.createdAt = fromIso(query.value(13));
    record.updatedAt = fromIso(query.value(14));
    record.completedAt = fromIso(query.value(15));
    record.runMs = query.value(16).toLongLong();
    record.runningSince = fromIso(query.value(17));
    record.videoMs = query.value(18).toLongLong();
    record.userUuid = query.value(19).toString();
    return record;
}

// Case-insensitive with full Unicode folding, which SQLite's LIKE lacks (it
// folds ASCII only), and literal: '%' and '_' are ordinary characters here.
bool matchesText(const JobRecord& record, const QString& text) {
    return record.paperTitle.contains(text, Qt::CaseInsensitive) ||
           record.paperId.contains(text, Qt::CaseInsensitive);
}

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

Error notFound(qint64 jobId) {
    return {ErrorType::NotFound, QStringLiteral("Job %1 was not found.").arg(jobId)};
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

namespace JobStatus {
bool isKnown(const QString& status) {
    for (const QLatin1String known : {Pending, Running, Paused, Completed, Failed, Cancelled}) {
        if (status == known)
            return true;
    }
    return false;
}
} // namespace JobStatus

JobStore::JobStore(QString databasePath, Clock clock)
    : m_path(std::move(databasePath))
    , m_clock(std::move(clock))
    , m_connectionName(nextConnectionName())
    , m_db(QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName))
    , m_thread(QThread::currentThread()) {}

JobStore::~JobStore() {
    m_db.close();
    m_db = QSqlDatabase(); // the last handle must be gone before removeDatabase()
    QSqlDatabase::removeDatabase(m_connectionName);
}

Error JobStore::open() {
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

Error JobStore::applyPragmas() {
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
Result<QString> JobStore::switchToWal(const QString& action) const {
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

Result<int> JobStore::userVersion() const {
    auto query = run({QStringLiteral("PRAGMA user_version"), {}},
                     QStringLiteral("read the job database's version"));
    if (!query)
        return query.error();
    if (!query.value().next())
        return Result<int>::failure(ErrorType::Internal,
                                    QStringLiteral("SQLite returned no user_version."));
    return query.value().value(0).toInt();
}

Error JobStore::migrate() {
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

Error JobStore::newerThanApp(int version) const {
    return {ErrorType::Unsupported,
            QStringLiteral("The job database %1 was written by a newer version of Hidden Hill "
                           "(data version %2; this app knows up to %3). This app is older than "
                           "the data: update Hidden Hill to open it.")
                .arg(m_path)
                .arg(version)
                .arg(kSchemaVersion)};
}

Error JobStore::migrateFrom(int version) {
    if (version > kSchemaVersion)
        return newerThanApp(version);
    for (int next = version + 1; next <= kSchemaVersion; ++next) {
        if (Error error = runMigrationStep(next); error.isError())
            return error;
    }
    return {};
}

Error JobStore::runMigrationStep(int toVersion) {
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
Error JobStore::migrateToUuids() {
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

Error JobStore::completeFolderMoves() {
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
Error JobStore::applyFolderMove(qint64 seq, const QString& from, const QString& to) {
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

Error JobStore::usable() const {
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

Result<QSqlQuery> JobStore::run(const Statement& statement, const QString& action) const {
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

Error JobStore::sqlError(const QString& action, const QSqlQuery& query) const {
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

QString JobStore::now() const {
    return isoUtc(m_clock ? m_clock() : QDateTime::currentDateTimeUtc());
}

Result<qint64> JobStore::createUser(const QString& username, const QString& passwordHash,
                                    const QString& displayName, const QString& recoveryHash) {
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
                      {QStringLiteral(":now"), now()}}};
    insert.onConstraint = {ErrorType::Internal,
                           QStringLiteral("The user name '%1' is already taken (names are "
                                          "compared ignoring case); choose another.")
                               .arg(username)};
    auto query = run(insert, QStringLiteral("create the account '%1'").arg(username));
    if (!query)
        return query.error();
    return query.value().lastInsertId().toLongLong();
}

Result<qint64> JobStore::userIdByName(const QString& username) const {
    auto query = run({QStringLiteral("SELECT id FROM users WHERE username = :name"),
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

Error JobStore::deleteUser(qint64 userId) {
    auto query =
        run({QStringLiteral("DELETE FROM users WHERE id = :id"), {{QStringLiteral(":id"), userId}}},
            QStringLiteral("delete account %1").arg(userId));
    if (!query)
        return query.error();
    if (query.value().numRowsAffected() == 0)
        return {ErrorType::NotFound, QStringLiteral("Account %1 was not found.").arg(userId)};
    return {};
}

Result<UserRecord> JobStore::readUser(const Statement& statement, const QString& action,
                                      const QString& missing) const {
    auto query = run(statement, action);
    if (!query)
        return query.error();
    if (!query.value().next())
        return Result<UserRecord>::failure(ErrorType::NotFound, missing);
    return userFrom(query.value());
}

Result<UserRecord> JobStore::user(qint64 userId) const {
    return readUser({QStringLiteral("SELECT %1 FROM users WHERE id = :id").arg(kUserColumns),
                     {{QStringLiteral(":id"), userId}}},
                    QStringLiteral("read account %1").arg(userId), accountNotFound(userId).message);
}

Result<UserRecord> JobStore::userByName(const QString& username) const {
    return readUser(
        {QStringLiteral("SELECT %1 FROM users WHERE username = :name").arg(kUserColumns),
         {{QStringLiteral(":name"), username}}},
        QStringLiteral("look up the account '%1'").arg(username),
        QStringLiteral("There is no account named '%1'.").arg(username));
}

Result<UserRecord> JobStore::userByUuid(const QString& uuid) const {
    return readUser({QStringLiteral("SELECT %1 FROM users WHERE uuid = :uuid").arg(kUserColumns),
                     {{QStringLiteral(":uuid"), uuid}}},
                    QStringLiteral("look up the account of folder %1").arg(uuid),
                    QStringLiteral("No account has the folder %1.").arg(uuid));
}

Error JobStore::updateUser(qint64 userId, const Statement& statement, const QString& action) {
    const auto changed = changeRow(statement, action);
    if (!changed)
        return changed.error();
    return changed.value() ? Error{} : accountNotFound(userId);
}

Result<bool> JobStore::replaceCredentials(qint64 userId, const UserCredentials& expected,
                                          const UserCredentials& replacement) {
    if (replacement.passwordHash.isEmpty()) {
        return Result<bool>::failure(ErrorType::Internal,
                                     QStringLiteral("An account needs a password hash."));
    }
    // IS rather than =, so that an expected NULL recovery_hash matches.
    auto changed = changeRow(
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

Result<int> JobStore::addFailedLogin(qint64 userId) {
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

Error JobStore::setLockedUntil(qint64 userId, const QDateTime& until) {
    return updateUser(
        userId,
        {QStringLiteral("UPDATE users SET locked_until = :until WHERE id = :id"),
         {{QStringLiteral(":until"), until.isValid() ? QVariant(isoUtc(until)) : QVariant()},
          {QStringLiteral(":id"), userId}}},
        QStringLiteral("lock the sign-in of account %1").arg(userId));
}

Error JobStore::recordLogin(qint64 userId) {
    return updateUser(userId,
                      {QStringLiteral("UPDATE users SET failed_logins = 0, locked_until = NULL, "
                                      "last_login_at = :now WHERE id = :id"),
                       {{QStringLiteral(":now"), now()}, {QStringLiteral(":id"), userId}}},
                      QStringLiteral("record the sign-in of account %1").arg(userId));
}

Error JobStore::setDisplayName(qint64 userId, const QString& displayName) {
    return updateUser(
        userId,
        {QStringLiteral("UPDATE users SET display_name = :display WHERE id = :id"),
         {{QStringLiteral(":display"), nonNull(displayName)}, {QStringLiteral(":id"), userId}}},
        QStringLiteral("save the display name of account %1").arg(userId));
}

qint64 JobRecord::runningMs(const QDateTime& now) const {
    qint64 total = std::max<qint64>(0, runMs);
    if (runningSince.isValid() && status == JobStatus::Running) {
        const bool silent = updatedAt.isValid() && updatedAt.msecsTo(now) > JobRecord::kSilentRunMs;
        const QDateTime end = silent ? updatedAt : now;
        total += std::max<qint64>(0, runningSince.msecsTo(end));
    }
    return total;
}

Result<qint64> JobStore::createJob(qint64 userId, const QString& paperId, const QString& paperTitle,
                                   const QString& sourceKind, const QJsonObject& options) {
    if (paperId.isEmpty()) {
        return Result<qint64>::failure(ErrorType::Internal,
                                       QStringLiteral("A job needs the id of its paper."));
    }
    const QString time = now();
    Statement insert{
        QStringLiteral("INSERT INTO video_jobs (user_id, paper_id, paper_title, source_kind, "
                       "status, progress_percent, current_step, task_id, options_json, "
                       "created_at, updated_at) VALUES (:user, :paper, :title, :kind, 'pending', "
                       "0, '', :task, :options, :now, :now)"),
        {{QStringLiteral(":user"), userId},
         {QStringLiteral(":paper"), paperId},
         {QStringLiteral(":title"), nonNull(paperTitle)},
         {QStringLiteral(":kind"), nonNull(sourceKind)},
         // The job's random id, and the name of its folder (DataLayout::jobDir).
         {QStringLiteral(":task"), newUuid()},
         {QStringLiteral(":options"), optionsToJson(options)},
         {QStringLiteral(":now"), time}}};
    insert.onConstraint = {ErrorType::NotFound,
                           QStringLiteral("Account %1 was not found.").arg(userId)};
    auto query = run(insert, QStringLiteral("save the new job for %1").arg(paperId));
    if (!query)
        return query.error();
    return query.value().lastInsertId().toLongLong();
}

Result<JobRecord> JobStore::job(qint64 userId, qint64 jobId) const {
    auto query = run({QStringLiteral("SELECT %1 FROM video_jobs WHERE id = :id AND user_id = :user")
                          .arg(kJobColumns),
                      {{QStringLiteral(":id"), jobId}, {QStringLiteral(":user"), userId}}},
                     QStringLiteral("read job %1").arg(jobId));
    if (!query)
        return query.error();
    if (!query.value().next())
        return notFound(jobId);
    return recordFrom(query.value());
}

Result<JobRecord> JobStore::jobByTaskId(qint64 userId, const QString& taskId) const {
    auto query =
        run({QStringLiteral("SELECT %1 FROM video_jobs WHERE task_id = :task AND user_id = :user")
                 .arg(kJobColumns),
             {{QStringLiteral(":task"), taskId}, {QStringLiteral(":user"), userId}}},
            QStringLiteral("read the job of folder %1").arg(taskId));
    if (!query)
        return query.error();
    if (!query.value().next())
        return Result<JobRecord>::failure(ErrorType::NotFound,
                                          QStringLiteral("No job has the folder %1.").arg(taskId));
    return recordFrom(query.value());
}

Result<QList<JobRecord>> JobStore::jobs(qint64 userId, const JobFilter& filter) const {
    // Only fixed SQL fragments are appended; every user-supplied value is bound.
    Statement select{
        QStringLiteral("SELECT %1 FROM video_jobs WHERE user_id = :user").arg(kJobColumns),
        {{QStringLiteral(":user"), userId}}};
    if (!filter.status.isEmpty()) {
        select.sql += QStringLiteral(" AND status = :status");
        select.values.insert(QStringLiteral(":status"), filter.status);
    }
    if (filter.from.isValid()) {
        select.sql += QStringLiteral(" AND created_at >= :from");
        select.values.insert(QStringLiteral(":from"), isoUtc(filter.from));
    }
    if (filter.to.isValid()) {
        select.sql += QStringLiteral(" AND created_at <= :to");
        select.values.insert(QStringLiteral(":to"), isoUtc(filter.to));
    }
    select.sql += QStringLiteral(" ORDER BY created_at DESC, id DESC");
    const QString text = filter.text.trimmed();
    if (text.isEmpty() && filter.limit > 0) {
        select.sql += QStringLiteral(" LIMIT :limit");
        select.values.insert(QStringLiteral(":limit"), filter.limit);
    }
    return readJobs(select, text, filter.limit);
}

Result<QList<JobRecord>> JobStore::interruptedJobs(qint64 userId) const {
    return readJobs({QStringLiteral("SELECT %1 FROM video_jobs WHERE user_id = :user AND "
                                    "status = 'running' ORDER BY created_at, id")
                         .arg(kJobColumns),
                     {{QStringLiteral(":user"), userId}}},
                    {}, 0);
}

Result<QList<JobRecord>> JobStore::readJobs(const Statement& statement, const QString& text,
                                            int limit) const {
    auto query = run(statement, QStringLiteral("list the jobs"));
    if (!query)
        return query.error();
    QList<JobRecord> records;
    while ((limit <= 0 || records.size() < limit) && query.value().next()) {
        JobRecord record = recordFrom(query.value());
        if (text.isEmpty() || matchesText(record, text))
            records.append(std::move(record));
    }
    return records;
}

Result<bool> JobStore::changeRow(const Statement& statement, const QString& action) {
    auto query = run(statement, action);
    if (!query)
        return query.error();
    return query.value().numRowsAffected() > 0;
}

Error JobStore::runUpdate(qint64 userId, qint64 jobId, const Statement& statement,
                          const QString& action, const QString& refusal) {
    const auto changed = changeRow(statement, action);
    if (!changed)
        return changed.error();
    return changed.value() ? Error{} : explainNoRow(userId, jobId, refusal);
}

// The UPDATE matched nothing: either the job is not this user's (NotFound, the
// same answer as for a missing job) or its status forbids the change.
Error JobStore::explainNoRow(qint64 userId, qint64 jobId, const QString& refusal) const {
    auto record = job(userId, jobId);
    if (!record)
        return record.error();
    return {ErrorType::Internal, refusal.arg(jobId).arg(record->status)};
}

Error JobStore::setRunning(qint64 userId, qint64 jobId, const QString& step, int percent) {
    return runUpdate(
        userId, jobId,
        {QStringLiteral("UPDATE video_jobs SET status = 'running', current_step = :step, "
                        "progress_percent = :percent, error_message = '', error_type = '', "
                        "completed_at = NULL, ") +
             closeRun(QStringLiteral("updated_at")) +
             QStringLiteral(", running_since = :now, updated_at = :now "
                            "WHERE id = :id AND user_id = :user AND status <> 'completed'"),
         {{QStringLiteral(":step"), nonNull(step)},
          {QStringLiteral(":percent"), std::clamp(percent, 0, 100)},
          {QStringLiteral(":now"), now()},
          {QStringLiteral(":id"), jobId},
          {QStringLiteral(":user"), userId}}},
        QStringLiteral("start job %1").arg(jobId),
        QStringLiteral(
            "Job %1 is %2 and cannot run again; start a new job to make another video."));
}

Result<bool> JobStore::updateProgress(qint64 userId, qint64 jobId, const QString& step,
                                      int percent) {
    auto changed = changeRow(
        {QStringLiteral("UPDATE video_jobs SET current_step = :step, progress_percent = :percent, "
                        "updated_at = :now "
                        "WHERE id = :id AND user_id = :user AND status = 'running'"),
         {{QStringLiteral(":step"), nonNull(step)},
          {QStringLiteral(":percent"), std::clamp(percent, 0, 100)},
          {QStringLiteral(":now"), now()},
          {QStringLiteral(":id"), jobId},
          {QStringLiteral(":user"), userId}}},
        QStringLiteral("save the progress of job %1").arg(jobId));
    if (!changed || changed.value())
        return changed;
    // Nothing changed: a job that is not this user's is NotFound; one that is no
    // longer running is the ordinary "stop" answer.
    const auto record = job(userId, jobId);
    if (!record)
        return record.error();
    return false;
}

Error JobStore::setPaused(qint64 userId, qint64 jobId, const QString& step, int percent) {
    return runUpdate(
        userId, jobId,
        {QStringLiteral("UPDATE video_jobs SET status = 'paused', current_step = :step, "
                        "progress_percent = :percent, ") +
             closeRun(QStringLiteral(":now")) +
             QStringLiteral(
                 ", running_since = NULL, updated_at = :now "
                 "WHERE id = :id AND user_id = :user AND status IN ('pending', 'running')"),
         {{QStringLiteral(":step"), nonNull(step)},
          {QStringLiteral(":percent"), std::clamp(percent, 0, 100)},
          {QStringLiteral(":now"), now()},
          {QStringLiteral(":id"), jobId},
          {QStringLiteral(":user"), userId}}},
        QStringLiteral("pause job %1").arg(jobId),
        QStringLiteral("Job %1 is %2; only a pending or running job can be paused."));
}

Error JobStore::finish(qint64 userId, qint64 jobId, const QString& finalVideoPath, qint64 videoMs) {
    const QString time = now();
    return runUpdate(
        userId, jobId,
        {QStringLiteral("UPDATE video_jobs SET status = 'completed', progress_percent = 100, "
                        "final_video_path = :path, error_message = '', error_type = '', "
                        "video_ms = :video, ") +
             closeRun(QStringLiteral(":now")) +
             QStringLiteral(", running_since = NULL, completed_at = :now, updated_at = :now "
                            "WHERE id = :id AND user_id = :user "
                            "AND status IN ('pending', 'running', 'paused')"),
         {{QStringLiteral(":path"), nonNull(finalVideoPath)},
          {QStringLiteral(":video"), std::max<qint64>(0, videoMs)},
          {QStringLiteral(":now"), time},
          {QStringLiteral(":id"), jobId},
          {QStringLiteral(":user"), userId}}},
        QStringLiteral("mark job %1 completed").arg(jobId),
        QStringLiteral("Job %1 is %2; only a pending, running or paused job can complete."));
}

Error JobStore::fail(qint64 userId, qint64 jobId, ErrorType type, const QString& message) {
    const ErrorType stored = type == ErrorType::None ? ErrorType::Internal : type;
    const QString status =
        stored == ErrorType::Cancelled ? QString(JobStatus::Cancelled) : QString(JobStatus::Failed);
    return runUpdate(
        userId, jobId,
        {QStringLiteral("UPDATE video_jobs SET status = :status, error_type = :type, "
                        "error_message = :message, ") +
             closeRun(QStringLiteral(":now")) +
             QStringLiteral(", running_since = NULL, updated_at = :now "
                            "WHERE id = :id AND user_id = :user AND status <> 'completed'"),
         {{QStringLiteral(":status"), status},
          {QStringLiteral(":type"), errorTypeCode(stored)},
          {QStringLiteral(":message"), nonNull(message)},
          {QStringLiteral(":now"), now()},
          {QStringLiteral(":id"), jobId},
          {QStringLiteral(":user"), userId}}},
        QStringLiteral("record the failure of job %1").arg(jobId),
        QStringLiteral("Job %1 is already %2; its video is kept and nothing was changed."));
}

Error JobStore::setTitle(qint64 userId, qint64 jobId, const QString& title,
                         const QString& sourceKind) {
    return runUpdate(
        userId, jobId,
        {QStringLiteral("UPDATE video_jobs SET paper_title = :title, source_kind = :kind, "
                        "updated_at = :now WHERE id = :id AND user_id = :user"),
         {{QStringLiteral(":title"), nonNull(title)},
          {QStringLiteral(":kind"), nonNull(sourceKind)},
          {QStringLiteral(":now"), now()},
          {QStringLiteral(":id"), jobId},
          {QStringLiteral(":user"), userId}}},
        QStringLiteral("save the title of job %1").arg(jobId), QStringLiteral("Job %1 is %2."));
}

Error JobStore::deleteJob(qint64 userId, qint64 jobId) {
    auto query = run({QStringLiteral("DELETE FROM video_jobs WHERE id = :id AND user_id = :user"),
                      {{QStringLiteral(":id"), jobId}, {QStringLiteral(":user"), userId}}},
                     QStringLiteral("delete job %1").arg(jobId));
    if (!query)
        return query.error();
    return query.value().numRowsAffected() > 0 ? Error{} : notFound(jobId);
}

Result<qint64> JobStore::importJob(qint64 userId, const JobRecord& record) {
    if (!DataLayout::isValidUuid(record.taskId) || !JobStatus::isKnown(record.status) ||
        record.paperId.isEmpty()) {
        return Result<qint64>::failure(
            ErrorType::Internal,
            QStringLiteral("Cannot import the job of folder '%1': it needs a UUID folder name, a "
                           "paper id and a known status (got '%2').")
                .arg(record.taskId, record.status));
    }
    const QString time = now();
    const auto timeOr = [&time](const QDateTime& value) {
        return value.isValid() ? isoUtc(value) : time;
    };
    Statement insert{
        QStringLiteral("INSERT INTO video_jobs (user_id, paper_id, paper_title, source_kind, "
                       "status, progress_percent, current_step, error_message, error_type, "
                       "task_id, options_json, final_video_path, created_at, updated_at, "
                       "completed_at, run_ms, video_ms) VALUES (:user, :paper, :title, "
                       ":kind, :status, :percent, :step, :message, :type, :task, :options, "
                       ":path, :created, :updated, :completed, :run, :video)"),
        {{QStringLiteral(":user"), userId},
         {QStringLiteral(":paper"), record.paperId},
         {QStringLiteral(":title"), nonNull(record.paperTitle)},
         {QStringLiteral(":kind"), nonNull(record.sourceKind)},
         {QStringLiteral(":status"), record.status},
         {QStringLiteral(":percent"), std::clamp(record.progressPercent, 0, 100)},
         {QStringLiteral(":step"), nonNull(record.currentStep)},
         {QStringLiteral(":message"), nonNull(record.errorMessage)},
         {QStringLiteral(":type"), nonNull(record.errorType)},
         {QStringLiteral(":task"), record.taskId},
         {QStringLiteral(":options"), optionsToJson(record.options)},
         {QStringLiteral(":path"), nonNull(record.finalVideoPath)},
         {QStringLiteral(":created"), timeOr(record.createdAt)},
         {QStringLiteral(":updated"), timeOr(record.updatedAt)},
         {QStringLiteral(":completed"),
          record.completedAt.isValid() ? QVariant(isoUtc(record.completedAt)) : QVariant()},
         {QStringLiteral(":run"), std::max<qint64>(0, record.runMs)},
         {QStringLiteral(":video"), std::max<qint64>(0, record.videoMs)}}};
    insert.onConstraint = {ErrorType::Internal,
                           QStringLiteral("The job of folder %1 was not imported: it already has "
                                          "a row, or account %2 does not exist.")
                               .arg(record.taskId)
                               .arg(userId)};
    auto query = run(insert, QStringLiteral("import the job of folder %1").arg(record.taskId));
    if (!query)
        return query.error();
    return query.value().lastInsertId().toLongLong();
}

} // namespace hh

namespace hh {

QString JobStore::usageMonth(const QDateTime& when) {
    return when.toUTC().toString(QStringLiteral("yyyy-MM"));
}

Error JobStore::addUsage(qint64 userId, const QString& month, const UsageDelta& usage,
                         double costUsd) {
    auto query =
        run({QStringLiteral("INSERT INTO provider_usage (user_id, month, provider, calls, errors,"
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
    auto query = run({QStringLiteral("SELECT provider, calls, errors, tokens_in, tokens_out,"
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
    auto query = run(
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
    auto query = run(
        {QStringLiteral("SELECT monthly_usd FROM spending_limits"
                        " WHERE user_id = :user AND provider = :provider"),
         {{QStringLiteral(":user"), userId}, {QStringLiteral(":provider"), providerKey(provider)}}},
        QStringLiteral("read the spending limit of account %1").arg(userId));
    if (!query)
        return query.error();
    return query.value().next() ? query.value().value(0).toDouble() : -1.0;
}

} // namespace hh
