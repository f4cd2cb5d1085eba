// SPDX-License-Identifier: GPL-3.0-or-later
// The job table (JobStore): schema and pragmas of design/job-schema.md, typed
// errors for unreadable, newer or full databases, per-user isolation of every
// call, listing filters, the job lifecycle, crash recovery, rebuild imports,
// concurrent writers in WAL mode, and SQL injection attempts kept literal.
#include "jobs/DataLayout.h"
#include "jobs/JobStore.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUuid>
#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <vector>

using namespace hh;

namespace {

const QDateTime kT0 = QDateTime(QDate(2024, 5, 1), QTime(9, 0), Qt::UTC);

// A second connection to the same file, to look at it the way another program would.
class RawDb {
public:
    explicit RawDb(const QString& path)
        : m_name(QUuid::createUuid().toString()) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.open();
    }
    ~RawDb() { QSqlDatabase::removeDatabase(m_name); }
    RawDb(const RawDb&) = delete;
    RawDb& operator=(const RawDb&) = delete;

    QList<QVariantList> rows(const QString& sql) const { return rowsOn(m_name, sql); }
    QVariant scalar(const QString& sql) const {
        const QList<QVariantList> result = rows(sql);
        return result.isEmpty() ? QVariant() : result.first().value(0);
    }

    static QList<QVariantList> rowsOn(const QString& connection, const QString& sql) {
        QSqlQuery query(QSqlDatabase::database(connection, false));
        QList<QVariantList> result;
        if (!query.exec(sql))
            return result;
        while (query.next()) {
            QVariantList row;
            for (int i = 0; i < query.record().count(); ++i)
                row << query.value(i);
            result << row;
        }
        return result;
    }

private:
    QString m_name;
};

QStringList column(const QList<QVariantList>& rows, int index) {
    QStringList values;
    for (const QVariantList& row : rows)
        values << row.value(index).toString();
    return values;
}

QList<qint64> ids(const QList<JobRecord>& records) {
    QList<qint64> result;
    for (const JobRecord& record : records)
        result << record.id;
    return result;
}

QStringList titles(const QList<JobRecord>& records) {
    QStringList result;
    for (const JobRecord& record : records)
        result << record.paperTitle;
    return result;
}

// Every field the user can see in the library, for "nothing changed" checks.
QStringList visibleFields(const JobRecord& r) {
    return {QString::number(r.userId),
            r.paperId,
            r.paperTitle,
            r.sourceKind,
            r.status,
            QString::number(r.progressPercent),
            r.currentStep,
            r.errorMessage,
            r.errorType,
            r.taskId,
            r.finalVideoPath,
            r.createdAt.toString(Qt::ISODateWithMs),
            r.updatedAt.toString(Qt::ISODateWithMs),
            r.completedAt.toString(Qt::ISODateWithMs)};
}

} // namespace

class TestJobStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void createsTablesColumnsAndIndexes();
    void indexes_data();
    void indexes();
    void setsPragmas();
    void reopeningKeepsData();
    void refusesNewerSchema();
    void unusableFileIsIoError_data();
    void unusableFileIsIoError();
    void fullDatabaseIsDiskFull();

    void usernamesAreUniqueIgnoringCase_data();
    void usernamesAreUniqueIgnoringCase();
    void unknownUserIsNotFound();
    void accountsAndJobsGetRandomUuids();
    void deleteUserCascadesJobs();

    void otherUserCannotTouchJob_data();
    void otherUserCannotTouchJob();
    void listingNeverShowsOtherUsersJobs();

    void listsNewestFirst();
    void filters_data();
    void filters();

    void lifecycle();
    void runningTimeLeavesOutStops();
    void failRecordsTypeAndStatus_data();
    void failRecordsTypeAndStatus();
    void progressIgnoredWhenNotRunning_data();
    void progressIgnoredWhenNotRunning();
    void completedJobIsFinal();
    void progressIsClamped_data();
    void progressIsClamped();
    void optionsRoundTrip();
    void deleteJobRemovesOnlyThatRow();
    void idsAreNeverReused();

    void concurrentWritersAndReader();
    void storeRefusesUseFromAnotherThread();
    void simultaneousFirstOpensMigrateOnce();

    void interruptedJobsAreThisUsersRunningRows();
    void queueKeepsItsOrder();
    void version4RowsSurviveTheQueueMigration();
    void importJobKeepsFolderAndRefusesDuplicate();

    void injectionIsStoredLiterally_data();
    void injectionIsStoredLiterally();

    void userSecurityFieldsRoundTrip();
    void replaceCredentialsIsCompareAndSet_data();
    void replaceCredentialsIsCompareAndSet();

private:
    qint64 addUser(const QString& name);
    qint64 addJob(qint64 userId, const QString& title, const QString& paperId = {});

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    QDateTime m_now;
    std::unique_ptr<JobStore> m_store;
};

void TestJobStore::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("hiddenhill.sqlite"));
    m_now = kT0;
    m_store = std::make_unique<JobStore>(m_path, [this] { return m_now; });
    const Error error = m_store->open();
    QVERIFY2(!error.isError(), qPrintable(error.message));
    QVERIFY(m_store->isOpen());
}

void TestJobStore::cleanup() {
    m_store.reset();
    m_dir.reset();
}

qint64 TestJobStore::addUser(const QString& name) {
    const auto id = m_store->createUser(name, QStringLiteral("$argon2id$v=19$stub"));
    if (!id.ok())
        qWarning("createUser: %s", qPrintable(id.error().message));
    return id.ok() ? id.value() : -1;
}

qint64 TestJobStore::addJob(qint64 userId, const QString& title, const QString& paperId) {
    const auto id =
        m_store->createJob(userId, paperId.isEmpty() ? QStringLiteral("PMID:1") : paperId, title,
                           QStringLiteral("pdf"), {});
    if (!id.ok())
        qWarning("createJob: %s", qPrintable(id.error().message));
    return id.ok() ? id.value() : -1;
}

// ---- schema -------------------------------------------------------------------------

void TestJobStore::createsTablesColumnsAndIndexes() {
    RawDb raw(m_path);
    const QStringList tables = column(
        raw.rows(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name "
                                "NOT LIKE 'sqlite_%' ORDER BY name")),
        0);
    QCOMPARE(tables,
             (QStringList{QStringLiteral("folder_moves"), QStringLiteral("provider_slots"),
                          QStringLiteral("provider_usage"), QStringLiteral("spending_limits"),
                          QStringLiteral("users"), QStringLiteral("video_jobs")}));

    const QStringList jobColumns =
        column(raw.rows(QStringLiteral("PRAGMA table_info(video_jobs)")), 1);
    QCOMPARE(
        jobColumns,
        (QStringList{
            "id",           "user_id",          "paper_id",         "paper_title",   "source_kind",
            "status",       "progress_percent", "current_step",     "error_message", "error_type",
            "task_id",      "options_json",     "final_video_path", "created_at",    "updated_at",
            "completed_at", "run_ms",           "running_since",    "video_ms",      "queue_pos",
            "queue_owner"}));
    const QStringList userColumns = column(raw.rows(QStringLiteral("PRAGMA table_info(users)")), 1);
    QCOMPARE(userColumns, (QStringList{"id", "username", "password_hash", "recovery_hash",
                                       "display_name", "created_at", "last_login_at",
                                       "failed_logins", "locked_until", "uuid", "keys_by_id"}));

    const auto foreignKeys = raw.rows(QStringLiteral("PRAGMA foreign_key_list(video_jobs)"));
    QCOMPARE(foreignKeys.size(), 1);
    QCOMPARE(foreignKeys.first().value(2).toString(), QStringLiteral("users"));   // table
    QCOMPARE(foreignKeys.first().value(3).toString(), QStringLiteral("user_id")); // from
    QCOMPARE(foreignKeys.first().value(6).toString(), QStringLiteral("CASCADE")); // on_delete
}

void TestJobStore::indexes_data() {
    QTest::addColumn<QString>("table");
    QTest::addColumn<QStringList>("columns"); // key columns, "name DESC" when descending
    QTest::newRow("user library") << "video_jobs" << QStringList{"user_id", "created_at DESC"};
    QTest::newRow("queue order") << "video_jobs" << QStringList{"status", "queue_pos"};
    QTest::newRow("status") << "video_jobs" << QStringList{"status"};
    QTest::newRow("paper") << "video_jobs" << QStringList{"paper_id"};
    QTest::newRow("task id unique") << "video_jobs" << QStringList{"task_id"};
    QTest::newRow("username unique") << "users" << QStringList{"username"};
    QTest::newRow("account uuid unique") << "users" << QStringList{"uuid"};
}

void TestJobStore::indexes() {
    QFETCH(QString, table);
    QFETCH(QStringList, columns);
    RawDb raw(m_path);
    QStringList found;
    for (const QVariantList& index : raw.rows(QStringLiteral("PRAGMA index_list(%1)").arg(table))) {
        QStringList keys;
        const auto info =
            raw.rows(QStringLiteral("PRAGMA index_xinfo(\"%1\")").arg(index.value(1).toString()));
        for (const QVariantList& col : info) {
            if (col.value(5).toInt() != 1) // key columns only, not the rowid
                continue;
            keys << col.value(2).toString() +
                        (col.value(3).toInt() ? QStringLiteral(" DESC") : QString());
        }
        found << keys.join(u',');
        if (keys == columns)
            return;
    }
    QFAIL(qPrintable(QStringLiteral("no index on %1 (%2); found: %3")
                         .arg(table, columns.join(u','), found.join(u';'))));
}

void TestJobStore::setsPragmas() {
    RawDb raw(m_path);
    QCOMPARE(raw.scalar(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
    QCOMPARE(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), JobStore::kSchemaVersion);
    QCOMPARE(JobStore::kSchemaVersion, 6);
    // Per-connection settings, read on the store's own connection.
    const QString own = m_store->connectionName();
    QCOMPARE(RawDb::rowsOn(own, QStringLiteral("PRAGMA foreign_keys")).value(0).value(0).toInt(),
             1);
    QCOMPARE(RawDb::rowsOn(own, QStringLiteral("PRAGMA busy_timeout")).value(0).value(0).toInt(),
             5000);
    QCOMPARE(RawDb::rowsOn(own, QStringLiteral("PRAGMA synchronous")).value(0).value(0).toInt(), 1);
    // Owner-only: the file holds password hashes.
    QVERIFY(!(QFile::permissions(m_path) & (QFile::ReadOther | QFile::ReadGroup)));
}

void TestJobStore::reopeningKeepsData() {
    const qint64 user = addUser(QStringLiteral("ada"));
    const qint64 job = addJob(user, QStringLiteral("Kept title"));
    QVERIFY(!m_store->setRunning(user, job, QStringLiteral("generate-audio"), 55).isError());
    m_store.reset();

    JobStore reopened(m_path);
    QVERIFY(!reopened.open().isError());
    QVERIFY(!reopened.open().isError()); // opening twice is harmless
    QCOMPARE(reopened.userIdByName(QStringLiteral("ada")).value(), user);
    const auto record = reopened.job(user, job);
    QVERIFY(record.ok());
    QCOMPARE(record->paperTitle, QStringLiteral("Kept title"));
    QCOMPARE(record->status, QStringLiteral("running"));
    QCOMPARE(record->progressPercent, 55);
    QCOMPARE(record->currentStep, QStringLiteral("generate-audio"));
}

void TestJobStore::refusesNewerSchema() {
    const qint64 user = addUser(QStringLiteral("ada"));
    addJob(user, QStringLiteral("From the future"));
    m_store.reset();
    {
        RawDb raw(m_path);
        raw.rows(QStringLiteral("PRAGMA user_version = %1").arg(JobStore::kSchemaVersion + 1));
    }
    JobStore store(m_path);
    const Error error = store.open();
    QCOMPARE(error.type, ErrorType::Unsupported);
    QVERIFY2(error.message.contains(QLatin1String("older than the data")),
             qPrintable(error.message));
    QVERIFY(!store.isOpen());
    QCOMPARE(store.jobs(user).error().type, ErrorType::Io); // refuses to work on it
    RawDb raw(m_path);
    QCOMPARE(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(),
             JobStore::kSchemaVersion + 1); // no downgrade
    QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM video_jobs")).toInt(), 1);
}

void TestJobStore::unusableFileIsIoError_data() {
    QTest::addColumn<QByteArray>("content"); // written to the database path first
    QTest::addColumn<QString>("relativePath");
    QTest::addColumn<QString>("hint"); // what the message must say
    QByteArray noise(8192, '\0');
    for (int i = 0; i < noise.size(); ++i)
        noise[i] = char((i * 7919 + 13) % 251);
    QTest::newRow("random bytes") << noise << "jobs.sqlite"
                                  << "not a readable job database";
    QTest::newRow("text file") << QByteArray("this is a note, not a database\n").repeated(200)
                               << "jobs.sqlite"
                               << "not a readable job database";
    QTest::newRow("missing folder") << QByteArray() << "no/such/folder/jobs.sqlite"
                                    << "folder";
}

void TestJobStore::unusableFileIsIoError() {
    QFETCH(QByteArray, content);
    QFETCH(QString, relativePath);
    QFETCH(QString, hint);
    const QString path = m_dir->filePath(relativePath);
    if (!content.isEmpty()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    JobStore store(path);
    const Error error = store.open();
    QCOMPARE(error.type, ErrorType::Io);
    QVERIFY2(error.message.contains(hint), qPrintable(error.message));
    QVERIFY2(error.message.contains(path), qPrintable(error.message));
    QVERIFY(!store.isOpen());
    QCOMPARE(store.createUser(QStringLiteral("ada"), QStringLiteral("h")).error().type,
             ErrorType::Io);
    if (!content.isEmpty()) { // the user's file is left as it was
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), content);
    }
}

void TestJobStore::fullDatabaseIsDiskFull() {
    const qint64 user = addUser(QStringLiteral("ada"));
    const qint64 job = addJob(user, QStringLiteral("Before the disk filled up"));
    // Simulate a full disk: cap the file at its current size on the store's connection.
    const QString own = m_store->connectionName();
    const int pages =
        RawDb::rowsOn(own, QStringLiteral("PRAGMA page_count")).value(0).value(0).toInt();
    RawDb::rowsOn(own, QStringLiteral("PRAGMA max_page_count = %1").arg(pages));

    const auto created = m_store->createJob(user, QStringLiteral("PMID:2"), QString(200000, u'x'),
                                            QStringLiteral("pdf"), {});
    QVERIFY(!created.ok());
    QCOMPARE(created.error().type, ErrorType::DiskFull);
    QCOMPARE(created.error().code(), QStringLiteral("disk_full"));
    QVERIFY2(created.error().message.contains(QLatin1String("Free some disk space")),
             qPrintable(created.error().message));
    // What was there before is intact and still readable.
    QCOMPARE(m_store->jobs(user)->size(), 1);
    QCOMPARE(m_store->job(user, job)->paperTitle, QStringLiteral("Before the disk filled up"));
}

// ---- users --------------------------------------------------------------------------

void TestJobStore::usernamesAreUniqueIgnoringCase_data() {
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::addColumn<bool>("secondAccepted");
    QTest::newRow("same") << "ada"
                          << "ada" << false;
    QTest::newRow("upper") << "ada"
                           << "ADA" << false;
    QTest::newRow("mixed") << "Ada"
                           << "aDa" << false;
    QTest::newRow("different") << "ada"
                               << "grace" << true;
    QTest::newRow("longer") << "ada"
                            << "ada2" << true;
}

void TestJobStore::usernamesAreUniqueIgnoringCase() {
    QFETCH(QString, first);
    QFETCH(QString, second);
    QFETCH(bool, secondAccepted);
    const auto firstId =
        m_store->createUser(first, QStringLiteral("hash-1"), QStringLiteral("Ada L."));
    QVERIFY(firstId.ok());
    const auto secondId = m_store->createUser(second, QStringLiteral("hash-2"));
    QCOMPARE(secondId.ok(), secondAccepted);
    if (!secondAccepted) {
        QVERIFY2(secondId.error().message.contains(QLatin1String("already taken")),
                 qPrintable(secondId.error().message));
        QCOMPARE(m_store->userIdByName(second).value(), firstId.value()); // lookups ignore case too
        RawDb raw(m_path);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT password_hash FROM users")).toString(),
                 QStringLiteral("hash-1")); // the first account is untouched
    } else {
        QVERIFY(secondId.value() != firstId.value());
        QCOMPARE(m_store->userIdByName(second).value(), secondId.value());
    }
    QCOMPARE(m_store->userIdByName(first.toUpper()).value(), firstId.value());
}

// Folders and keychain entries are named by these, so they must be distinct,
// well-formed and not derived from the ids (which come back after a lost database).
void TestJobStore::accountsAndJobsGetRandomUuids() {
    const qint64 ada = addUser(QStringLiteral("ada"));
    const qint64 grace = addUser(QStringLiteral("grace"));
    const UserRecord adaRow = m_store->user(ada).value();
    const UserRecord graceRow = m_store->user(grace).value();
    QVERIFY(DataLayout::isValidUuid(adaRow.uuid));
    QVERIFY(DataLayout::isValidUuid(graceRow.uuid));
    QVERIFY(adaRow.uuid != graceRow.uuid);
    QVERIFY(!adaRow.keysNamedById); // made with uuids: no old key names to look at
    QCOMPARE(m_store->userByUuid(adaRow.uuid)->id, ada);
    QCOMPARE(m_store->userByUuid(QUuid::createUuid().toString(QUuid::WithoutBraces)).error().type,
             ErrorType::NotFound);

    const qint64 first = addJob(ada, QStringLiteral("one"));
    const qint64 second = addJob(ada, QStringLiteral("two"));
    const JobRecord one = m_store->job(ada, first).value();
    const JobRecord two = m_store->job(ada, second).value();
    QVERIFY(DataLayout::isValidUuid(one.taskId));
    QVERIFY(one.taskId != two.taskId);
    QCOMPARE(one.userUuid, adaRow.uuid); // the record names its owner's folder too
    QCOMPARE(m_store->jobs(ada)->first().userUuid, adaRow.uuid);

    // Another file, same ids: new uuids all the same.
    JobStore other(m_dir->filePath(QStringLiteral("other.sqlite")));
    QVERIFY(!other.open().isError());
    const qint64 again = other.createUser(QStringLiteral("ada"), QStringLiteral("h")).value();
    QCOMPARE(again, ada);
    QVERIFY(other.user(again)->uuid != adaRow.uuid);
    const qint64 againJob = other.createJob(again, QStringLiteral("p"), {}, {}, {}).value();
    QCOMPARE(againJob, first);
    QVERIFY(other.job(again, againJob)->taskId != one.taskId);
}

void TestJobStore::unknownUserIsNotFound() {
    addUser(QStringLiteral("ada"));
    QCOMPARE(m_store->userIdByName(QStringLiteral("grace")).error().type, ErrorType::NotFound);
    QCOMPARE(m_store->deleteUser(999).type, ErrorType::NotFound);
    QCOMPARE(m_store->createJob(999, QStringLiteral("PMID:1"), {}, {}, {}).error().type,
             ErrorType::NotFound);
    QCOMPARE(m_store->createUser(QStringLiteral("  "), QStringLiteral("h")).ok(), false);
    QCOMPARE(m_store->createUser(QStringLiteral("bob"), QString()).ok(), false);
}

void TestJobStore::deleteUserCascadesJobs() {
    const qint64 ada = addUser(QStringLiteral("ada"));
    const qint64 grace = addUser(QStringLiteral("grace"));
    const qint64 adaJob1 = addJob(ada, QStringLiteral("A1"));
    addJob(ada, QStringLiteral("A2"));
    const qint64 graceJob = addJob(grace, QStringLiteral("G1"));

    QVERIFY(!m_store->deleteUser(ada).isError());
    QCOMPARE(m_store->userIdByName(QStringLiteral("ada")).error().type, ErrorType::NotFound);
    QCOMPARE(m_store->job(ada, adaJob1).error().type, ErrorType::NotFound);
    RawDb raw(m_path);
    QCOMPARE(
        raw.scalar(QStringLiteral("SELECT count(*) FROM video_jobs WHERE user_id = %1").arg(ada))
            .toInt(),
        0);
    QCOMPARE(m_store->job(grace, graceJob)->paperTitle, QStringLiteral("G1"));
    QCOMPARE(m_store->deleteUser(ada).type, ErrorType::NotFound);
}

// ---- isolation ----------------------------------------------------------------------

void TestJobStore::otherUserCannotTouchJob_data() {
    QTest::addColumn<QString>("call");
    for (const char* call : {"job", "setRunning", "updateProgress", "setPaused", "finish", "fail",
                             "cancel", "setTitle", "deleteJob"})
        QTest::newRow(call) << QString::fromLatin1(call);
}

void TestJobStore::otherUserCannotTouchJob() {
    QFETCH(QString, call);
    const qint64 ada = addUser(QStringLiteral("ada"));
    const qint64 mallory = addUser(QStringLiteral("mallory"));
    const qint64 job = addJob(ada, QStringLiteral("Ada's private paper"));
    QVERIFY(!m_store->setRunning(ada, job, QStringLiteral("generate-script"), 30).isError());
    const QStringList before = visibleFields(m_store->job(ada, job).value());
    m_now = m_now.addSecs(60);

    const std::map<QString, std::function<Error(qint64, qint64)>> calls{
        {QStringLiteral("job"), [this](qint64 u, qint64 j) { return m_store->job(u, j).error(); }},
        {QStringLiteral("setRunning"),
         [this](qint64 u, qint64 j) { return m_store->setRunning(u, j, QStringLiteral("x"), 1); }},
        {QStringLiteral("updateProgress"),
         [this](qint64 u, qint64 j) {
             const auto r = m_store->updateProgress(u, j, QStringLiteral("x"), 99);
             return r.ok() ? Error{ErrorType::None, QStringLiteral("updated: %1").arg(r.value())}
                           : r.error();
         }},
        {QStringLiteral("setPaused"),
         [this](qint64 u, qint64 j) { return m_store->setPaused(u, j, QStringLiteral("x"), 1); }},
        {QStringLiteral("finish"),
         [this](qint64 u, qint64 j) {
             return m_store->finish(u, j, QStringLiteral("/tmp/v.mp4"));
         }},
        {QStringLiteral("fail"),
         [this](qint64 u, qint64 j) {
             return m_store->fail(u, j, ErrorType::Network, QStringLiteral("x"));
         }},
        {QStringLiteral("cancel"),
         [this](qint64 u, qint64 j) {
             return m_store->fail(u, j, ErrorType::Cancelled, QStringLiteral("x"));
         }},
        {QStringLiteral("setTitle"),
         [this](qint64 u, qint64 j) {
             return m_store->setTitle(u, j, QStringLiteral("pwned"), QStringLiteral("pdf"));
         }},
        {QStringLiteral("deleteJob"),
         [this](qint64 u, qint64 j) { return m_store->deleteJob(u, j); }},
    };
    const auto& invoke = calls.at(call);

    const Error intruder = invoke(mallory, job);
    QCOMPARE(intruder.type, ErrorType::NotFound);
    // Same answer as for a job that does not exist at all: existence is not revealed.
    const qint64 missing = job + 1000;
    const Error absent = invoke(mallory, missing);
    QCOMPARE(absent.type, ErrorType::NotFound);
    QCOMPARE(intruder.message,
             QString(absent.message).replace(QString::number(missing), QString::number(job)));

    const auto after = m_store->job(ada, job);
    QVERIFY(after.ok());
    QCOMPARE(visibleFields(after.value()), before);
    // The owner can still do it.
    const Error owner = invoke(ada, job);
    QVERIFY2(!owner.isError(), qPrintable(owner.message));
}

void TestJobStore::listingNeverShowsOtherUsersJobs() {
    const qint64 ada = addUser(QStringLiteral("ada"));
    const qint64 mallory = addUser(QStringLiteral("mallory"));
    const qint64 adaJob =
        addJob(ada, QStringLiteral("Secret sleep study"), QStringLiteral("PMID:42"));
    QVERIFY(!m_store->setRunning(ada, adaJob, QStringLiteral("fetch-paper"), 5).isError());
    const qint64 malloryJob = addJob(mallory, QStringLiteral("Mallory's own"));

    JobFilter byText;
    byText.text = QStringLiteral("sleep");
    JobFilter byStatus;
    byStatus.status = QStringLiteral("running");
    JobFilter byPaper;
    byPaper.text = QStringLiteral("PMID:42");
    QCOMPARE(ids(m_store->jobs(mallory).value()), QList<qint64>{malloryJob});
    QVERIFY(m_store->jobs(mallory, byText)->isEmpty());
    QVERIFY(m_store->jobs(mallory, byStatus)->isEmpty());
    QVERIFY(m_store->jobs(mallory, byPaper)->isEmpty());
    QVERIFY(m_store->interruptedJobs(mallory)->isEmpty());
    QCOMPARE(ids(m_store->jobs(ada, byText).value()), QList<qint64>{adaJob});
}

// ---- listing ------------------------------------------------------------------------

void TestJobStore::listsNewestFirst() {
    const qint64 user = addUser(QStringLiteral("ada"));
    QList<qint64> created;
    for (int i = 0; i < 4; ++i) {
        m_now = kT0.addSecs(i * 60);
        created << addJob(user, QStringLiteral("job %1").arg(i));
    }
    // Two in the same millisecond: the later one (higher id) still comes first.
    created << addJob(user, QStringLiteral("job 4"));
    QCOMPARE(ids(m_store->jobs(user).value()),
             (QList<qint64>{created[4], created[3], created[2], created[1], created[0]}));
    const JobRecord newest = m_store->jobs(user)->first();
    QCOMPARE(newest.createdAt, kT0.addSecs(180));
    QCOMPARE(newest.createdAt.timeSpec(), Qt::UTC);
    RawDb raw(m_path);
    QCOMPARE(
        raw.scalar(
               QStringLiteral("SELECT created_at FROM video_jobs WHERE id = %1").arg(created[0]))
            .toString(),
        QStringLiteral("2024-05-01T09:00:00.000Z")); // ISO 8601 UTC text
}

void TestJobStore::filters_data() {
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("fromDay"); // -1: no bound
    QTest::addColumn<int>("toDay");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QStringList>("expected");

    const QStringList all{"Sleep deprivation", "Épigénétique des plantes", "Gut_microbiome study",
                          "CRISPR screens at 100% coverage", "Sleep and memory in mice"};
    QTest::newRow("everything") << ""
                                << "" << -1 << -1 << 500 << all;
    QTest::newRow("status pending") << "pending"
                                    << "" << -1 << -1 << 500 << QStringList{all[0], all[1]};
    QTest::newRow("status failed") << "failed"
                                   << "" << -1 << -1 << 500 << QStringList{all[3]};
    QTest::newRow("status unknown") << "bogus"
                                    << "" << -1 << -1 << 500 << QStringList{};
    QTest::newRow("title ignoring case")
        << ""
        << "SLEEP" << -1 << -1 << 500 << QStringList{all[0], all[4]};
    QTest::newRow("paper id ignoring case") << ""
                                            << "pmc222" << -1 << -1 << 500 << QStringList{all[3]};
    QTest::newRow("doi in paper id") << ""
                                     << "10.1000/" << -1 << -1 << 500 << QStringList{all[2]};
    QTest::newRow("percent is literal") << ""
                                        << "%" << -1 << -1 << 500 << QStringList{all[3]};
    QTest::newRow("percent in phrase") << ""
                                       << "100% cov" << -1 << -1 << 500 << QStringList{all[3]};
    QTest::newRow("underscore is literal") << ""
                                           << "_" << -1 << -1 << 500 << QStringList{all[2]};
    QTest::newRow("underscore not a wildcard") << ""
                                               << "gut_m" << -1 << -1 << 500 << QStringList{all[2]};
    QTest::newRow("non-ascii case") << ""
                                    << "ÉPIGÉNÉTIQUE" << -1 << -1 << 500 << QStringList{all[1]};
    QTest::newRow("surrounding spaces") << ""
                                        << "  crispr " << -1 << -1 << 500 << QStringList{all[3]};
    QTest::newRow("no match") << ""
                              << "zebrafish" << -1 << -1 << 500 << QStringList{};
    QTest::newRow("quote injection") << ""
                                     << "' OR 1=1 --" << -1 << -1 << 500 << QStringList{};
    QTest::newRow("date range inclusive")
        << ""
        << "" << 1 << 3 << 500 << QStringList{all[1], all[2], all[3]};
    QTest::newRow("from only") << ""
                               << "" << 3 << -1 << 500 << QStringList{all[0], all[1]};
    QTest::newRow("to only") << ""
                             << "" << -1 << 0 << 500 << QStringList{all[4]};
    QTest::newRow("limit") << ""
                           << "" << -1 << -1 << 2 << QStringList{all[0], all[1]};
    QTest::newRow("no limit") << ""
                              << "" << -1 << -1 << 0 << all;
    QTest::newRow("limit with text") << ""
                                     << "sleep" << -1 << -1 << 1 << QStringList{all[0]};
    QTest::newRow("status and text") << "pending"
                                     << "sleep" << -1 << -1 << 500 << QStringList{all[0]};
    QTest::newRow("everything combined") << "completed"
                                         << "MICE" << 0 << 0 << 5 << QStringList{all[4]};
}

void TestJobStore::filters() {
    QFETCH(QString, status);
    QFETCH(QString, text);
    QFETCH(int, fromDay);
    QFETCH(int, toDay);
    QFETCH(int, limit);
    QFETCH(QStringList, expected);

    const qint64 user = addUser(QStringLiteral("ada"));
    const qint64 other = addUser(QStringLiteral("grace"));
    struct Row {
        const char* title;
        const char* paperId;
        const char* status;
    };
    const Row rows[] = {
        {"Sleep and memory in mice", "PMID:111", "completed"},
        {"CRISPR screens at 100% coverage", "PMC222", "failed"},
        {"Gut_microbiome study", "10.1000/abc_def", "running"},
        {"Épigénétique des plantes", "sha256:0f9e", "pending"},
        {"Sleep deprivation", "PMID:555", "pending"},
    };
    for (int day = 0; day < 5; ++day) {
        m_now = kT0.addDays(day);
        const Row& row = rows[day];
        const qint64 job =
            addJob(user, QString::fromUtf8(row.title), QString::fromLatin1(row.paperId));
        const QString wanted = QString::fromLatin1(row.status);
        if (wanted == QLatin1String("running"))
            QVERIFY(
                !m_store->setRunning(user, job, QStringLiteral("generate-audio"), 50).isError());
        else if (wanted == QLatin1String("completed"))
            QVERIFY(!m_store->finish(user, job, QStringLiteral("/v.mp4")).isError());
        else if (wanted == QLatin1String("failed"))
            QVERIFY(
                !m_store->fail(user, job, ErrorType::Network, QStringLiteral("offline")).isError());
        addJob(other, QString::fromUtf8(row.title), QString::fromLatin1(row.paperId)); // decoys
    }

    JobFilter filter;
    filter.status = status;
    filter.text = text;
    if (fromDay >= 0)
        filter.from = kT0.addDays(fromDay);
    if (toDay >= 0)
        filter.to = kT0.addDays(toDay);
    filter.limit = limit;
    const auto listed = m_store->jobs(user, filter);
    QVERIFY2(listed.ok(), qPrintable(listed.error().message));
    QCOMPARE(titles(listed.value()), expected);
    for (const JobRecord& record : listed.value())
        QCOMPARE(record.userId, user);
}

// ---- lifecycle ----------------------------------------------------------------------

// "Elapsed" is the time a job ran: a pause, a cancel or a dead process's silence
// is not counted, and the row keeps the made video's length.
void TestJobStore::runningTimeLeavesOutStops() {
    const qint64 user = addUser(QStringLiteral("ada"));
    const qint64 job = addJob(user, QStringLiteral("Title"), QStringLiteral("PMC1"));
    const QString step = QStringLiteral("generate-script");
    m_now = kT0.addSecs(10);
    QVERIFY(!m_store->setRunning(user, job, step, 0).isError());
    JobRecord r = m_store->job(user, job).value();
    QCOMPARE(r.runningSince, kT0.addSecs(10));
    QCOMPARE(r.runningMs(kT0.addSecs(13)), 3000);
    m_now = kT0.addSecs(20);
    QVERIFY(!m_store->setPaused(user, job, step, 10).isError());
    r = m_store->job(user, job).value();
    QCOMPARE(r.runMs, 10000);
    QVERIFY(!r.runningSince.isValid());
    QCOMPARE(r.runningMs(kT0.addSecs(500)), 10000); // paused: the clock stands

    // Resumed at 100 s; the process dies after its last progress write at 104 s
    // and the job is resumed by another at 400 s: the 296 s of silence are not run time.
    m_now = kT0.addSecs(100);
    QVERIFY(!m_store->setRunning(user, job, step, 10).isError());
    m_now = kT0.addSecs(104);
    QVERIFY(m_store->updateProgress(user, job, step, 20).value());
    r = m_store->job(user, job).value();
    QCOMPARE(r.runningMs(kT0.addSecs(400)), 14000); // silent longer than kSilentRunMs
    QCOMPARE(r.runningMs(kT0.addSecs(110)), 20000); // live
    m_now = kT0.addSecs(400);
    QVERIFY(!m_store->setRunning(user, job, step, 20).isError());
    m_now = kT0.addSecs(405);
    QVERIFY(!m_store->fail(user, job, ErrorType::Cancelled, QStringLiteral("stop")).isError());
    r = m_store->job(user, job).value();
    QCOMPARE(r.runMs, 19000);
    QCOMPARE(r.runningMs(kT0.addSecs(900)), 19000);

    m_now = kT0.addSecs(1000);
    QVERIFY(!m_store->setRunning(user, job, step, 20).isError());
    m_now = kT0.addSecs(1030);
    QVERIFY(!m_store->finish(user, job, QStringLiteral("/v.mp4"), 67400).isError());
    r = m_store->job(user, job).value();
    QCOMPARE(r.runMs, 49000);
    QCOMPARE(r.videoMs, 67400);
    QCOMPARE(r.status, QString(JobStatus::Completed));
}

void TestJobStore::lifecycle() {
    const qint64 user = addUser(QStringLiteral("ada"));
    QJsonObject options;
    options.insert(QStringLiteral("durationSeconds"), 60);
    const auto created = m_store->createJob(user, QStringLiteral("PMC123"), QStringLiteral("Title"),
                                            QStringLiteral("pmc"), options);
    QVERIFY(created.ok());
    const qint64 job = created.value();

    JobRecord r = m_store->job(user, job).value();
    QCOMPARE(r.status, QStringLiteral("pending"));
    QCOMPARE(r.progressPercent, 0);
    QCOMPARE(r.sourceKind, QStringLiteral("pmc"));
    QVERIFY(!QUuid::fromString(r.taskId).isNull());
    QCOMPARE(r.createdAt, kT0);
    QCOMPARE(r.updatedAt, kT0);
    QVERIFY(r.completedAt.isNull());
    QVERIFY(r.errorMessage.isEmpty());
    QCOMPARE(r.options, options);

    m_now = kT0.addSecs(1);
    QVERIFY(!m_store->setRunning(user, job, QStringLiteral("fetch-paper"), 0).isError());
    m_now = kT0.addSecs(2);
    QCOMPARE(m_store->updateProgress(user, job, QStringLiteral("fetch-paper"), 12).value(), true);
    QCOMPARE(m_store->updateProgress(user, job, QStringLiteral("generate-script"), 35).value(),
             true);
    r = m_store->job(user, job).value();
    QCOMPARE(r.status, QStringLiteral("running"));
    QCOMPARE(r.currentStep, QStringLiteral("generate-script"));
    QCOMPARE(r.progressPercent, 35);
    QCOMPARE(r.updatedAt, kT0.addSecs(2));
    QCOMPARE(r.createdAt, kT0);

    m_now = kT0.addSecs(3);
    QVERIFY(!m_store->setPaused(user, job, QStringLiteral("generate-script"), 40).isError());
    QCOMPARE(m_store->updateProgress(user, job, QStringLiteral("generate-audio"), 45).value(),
             false);
    r = m_store->job(user, job).value();
    QCOMPARE(r.status, QStringLiteral("paused"));
    QCOMPARE(r.progressPercent, 40);
    QCOMPARE(r.currentStep, QStringLiteral("generate-script"));
    QCOMPARE(r.updatedAt, kT0.addSecs(3));

    m_now = kT0.addSecs(4);
    QVERIFY(!m_store->setRunning(user, job, QStringLiteral("generate-audio"), 40).isError());
    QCOMPARE(m_store->updateProgress(user, job, QStringLiteral("add-captions"), 95).value(), true);
    m_now = kT0.addSecs(5);
    const QString video =
        QStringLiteral("/home/ada/.local/share/hiddenhill/jobs/1/final_video.mp4");
    QVERIFY(!m_store->finish(user, job, video).isError());
    r = m_store->job(user, job).value();
    QCOMPARE(r.status, QStringLiteral("completed"));
    QCOMPARE(r.progressPercent, 100);
    QCOMPARE(r.finalVideoPath, video);
    QCOMPARE(r.completedAt, kT0.addSecs(5));
    QCOMPARE(r.updatedAt, kT0.addSecs(5));
}

void TestJobStore::failRecordsTypeAndStatus_data() {
    QTest::addColumn<ErrorType>("type");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("cancelled") << ErrorType::Cancelled << "cancelled"
                               << "cancelled";
    QTest::newRow("network") << ErrorType::Network << "failed"
                             << "network";
    QTest::newRow("disk full") << ErrorType::DiskFull << "failed"
                               << "disk_full";
    QTest::newRow("not in pmc") << ErrorType::NotInPmc << "failed"
                                << "not_in_pmc";
    QTest::newRow("none becomes internal") << ErrorType::None << "failed"
                                           << "internal";
}

void TestJobStore::failRecordsTypeAndStatus() {
    QFETCH(ErrorType, type);
    QFETCH(QString, status);
    QFETCH(QString, code);
    const qint64 user = addUser(QStringLiteral("ada"));
    const qint64 job = addJob(user, QStringLiteral("T"));
    QVERIFY(!m_store->setRunning(user, job, QStringLiteral("generate-audio"), 47).isError());
    const QString message = QStringLiteral("Check your connection and press Retry.");
    QVERIFY(!m_store->fail(user, job, type, message).isError());
    JobRecord r = m_store->job(user, job).value();
    QCOMPARE(r.status, status);
    QCOMPARE(r.errorType, code);
    QCOMPARE(r.errorMessage, message);
    QCOMPARE(r.progressPercent, 47); // where it stopped
    QCOMPARE(r.currentStep, QStringLiteral("generate-audio"));
    QVERIFY(r.completedAt.isNull());
    QCOMPARE(m_store->updateProgress(user, job, QStringLiteral("generate-audio"), 50).value(),
             false);

    // Retry: running again, the old error is gone.
    QVERIFY(!m_store->setRunning(user, job, QStringLiteral("generate-audio"), 47).isError());
    r = m_store->job(user, job).value();
    QCOMPARE(r.status, QStringLiteral("running"));
    QVERIFY(r.errorType.isEmpty());
    QVERIFY(r.errorMessage.isEmpty());
}

void TestJobStore::progressIgnoredWhenNotRunning_data() {
    QTest::addColumn<QString>("status");
    for (const char* status : {"pending", "paused", "failed", "cancelled", "completed"})
        QTest::newRow(status) << QString::fromLatin1(status);
}

void TestJobStore::progressIgnoredWhenNotRunning() {
    QFETCH(QString, status);
    const qint64 user = addUser(QStringLiteral("ada"));
    const qint64 job = addJob(user, QStringLiteral("T"));
    if (status != QLatin1String("pending"))
        QVERIFY(!m_store->setRunning(user, job, QStringLiteral("generate-script"), 30).isError());
    if (status == QLatin1String("paused"))
        QVERIFY(!m_store->setPaused(user, job, QStringLiteral("generate-script"), 40).isError());
    else if (status == QLatin1String("failed"))
        QVERIFY(!m_store->fail(user, job, ErrorType::Provider, QStringLiteral("x")).isError());
    else if (status == QLatin1String("cancelled"))
        QVERIFY(!m_store->fail(user, job, ErrorType::Cancelled, QStringLiteral("x")).isError());
    else if (status == QLatin1String("completed"))
        QVERIFY(!m_store->finish(user, job, QStringLiteral("/v.mp4")).isError());
    const QStringList before = visibleFields(m_store->job(user, job).value());
    QCOMPARE(m_store->job(user, job)->status, status);

    m_now = m_now.addSecs(30);
    const auto updated = m_store->updateProgress(user, job, QStringLiteral("generate-videos"), 70);
    QVERIFY2(updated.ok(), qPrintable(updated.error().message));
    QCOMPARE(updated.value(), false);
    QCOMPARE(visibleFields(m_store->job(user, job).value()), before);
}

void TestJobStore::completedJobIsFinal() {
    const qint64 user = addUser(QStringLiteral("ada"));
    const qint64 job = addJob(user, QStringLiteral("T"));
    QVERIFY(!m_store->finish(user, job, QStringLiteral("/v.mp4")).isError());
    const QStringList before = visibleFields(m_store->job(user, job).value());
    m_now = m_now.addSecs(10);
    const Error run = m_store->setRunning(user, job, QStringLiteral("fetch-paper"), 0);
    QVERIFY(run.isError());
    QVERIFY2(run.message.contains(QLatin1String("completed")), qPrintable(run.message));
    QVERIFY(
        m_store->fail(user, job, ErrorType::Cancelled, QStringLiteral("late cancel")).isError());
    QVERIFY(m_store->setPaused(user, job, QStringLiteral("x"), 1).isError());
    QVERIFY(m_store->finish(user, job, QStringLiteral("/other.mp4")).isError());
    QCOMPARE(visibleFields(m_store->job(user, job).value()), before);
}

void TestJobStore::progressIsClamped_data() {
    QTest::addColumn<int>("percent");
    QTest::addColumn<int>("stored");
    QTest::newRow("negative") << -5 << 0;
    QTest::newRow("inside") << 63 << 63;
    QTest::newRow("too large") << 250 << 100;
}

void TestJobStore::progressIsClamped() {
    QFETCH(int, percent);
    QFETCH(int, stored);
    const qint64 user = addUser(QStringLiteral("ada"));
    const qint64 job = addJob(user, QStringLiteral("T"));
    QVERIFY(!m_store->setRunning(user, job, QStringLiteral("fetch-paper"), percent).isError());
    QCOMPARE(m_store->job(user, job)->progressPercent, stored);
    QVERIFY(m_store->updateProgress(user, job, QStringLiteral("fetch-paper"), percent).value());
    QCOMPARE(m_store->job(user, job)->progressPercent, stored);
}

void TestJobStore::optionsRoundTrip() {
    const qint64 user = addUser(QStringLiteral("ada"));
    QJsonObject options;
    options.insert(QStringLiteral("aspect"), QStringLiteral("9:16"));
    options.insert(QStringLiteral("voice"), QStringLiteral("en-gb"));
    options.insert(QStringLiteral("durationSeconds"), 90);
    options.insert(QStringLiteral("pauseAfterScript"), true);
    const auto job = m_store->createJob(user, QStringLiteral("PMID:9"), {}, {}, options);
    QVERIFY(job.ok());
    const JobRecord r = m_store->job(user, job.value()).value();
    QCOMPARE(r.options, options);
    QCOMPARE(r.paperTitle, QString()); // empty, not an error
    QVERIFY(
        !m_store
             ->setTitle(user, job.value(), QStringLiteral("Found later"), QStringLiteral("pubmed"))
             .isError());
    QCOMPARE(m_store->job(user, job.value())->paperTitle, QStringLiteral("Found later"));
    QCOMPARE(m_store->job(user, job.value())->sourceKind, QStringLiteral("pubmed"));
}

void TestJobStore::deleteJobRemovesOnlyThatRow() {
    const qint64 user = addUser(QStringLiteral("ada"));
    const qint64 keep = addJob(user, QStringLiteral("keep"));
    const qint64 drop = addJob(user, QStringLiteral("drop"));
    QVERIFY(!m_store->deleteJob(user, drop).isError());
    QCOMPARE(m_store->job(user, drop).error().type, ErrorType::NotFound);
    QCOMPARE(m_store->deleteJob(user, drop).type, ErrorType::NotFound);
    QCOMPARE(ids(m_store->jobs(user).value()), QList<qint64>{keep});
    QCOMPARE(m_store->userIdByName(QStringLiteral("ada")).value(), user);
}

void TestJobStore::idsAreNeverReused() {
    // Job folders are named by id: a new job must not inherit a deleted job's folder.
    const qint64 user = addUser(QStringLiteral("ada"));
    const qint64 first = addJob(user, QStringLiteral("first"));
    QVERIFY(!m_store->deleteJob(user, first).isError());
    const qint64 second = addJob(user, QStringLiteral("second"));
    QVERIFY(second > first);
    QVERIFY(!m_store->deleteUser(user).isError());
    QVERIFY(addUser(QStringLiteral("ada")) > user);
}

// ---- concurrency --------------------------------------------------------------------

void TestJobStore::concurrentWritersAndReader() {
    constexpr int kThreads = 4;
    constexpr int kUpdates = 200;
    m_store = std::make_unique<JobStore>(m_path); // real clock for everyone
    QVERIFY(!m_store->open().isError());
    const qint64 user = addUser(QStringLiteral("ada"));
    QList<qint64> jobIds;
    for (int i = 0; i < kThreads; ++i) {
        jobIds << addJob(user, QStringLiteral("job %1").arg(i));
        QVERIFY(
            !m_store->setRunning(user, jobIds.last(), QStringLiteral("fetch-paper"), 0).isError());
    }

    std::vector<QStringList> failures(kThreads);
    std::vector<std::unique_ptr<QThread>> threads;
    for (int i = 0; i < kThreads; ++i) {
        threads.emplace_back(QThread::create([&, i] {
            JobStore store(m_path); // its own connection, in its own thread
            if (const Error error = store.open(); error.isError()) {
                failures[size_t(i)] << error.message;
                return;
            }
            for (int n = 1; n <= kUpdates; ++n) {
                const auto updated = store.updateProgress(
                    user, jobIds.at(i), QStringLiteral("generate-videos"), n * 100 / kUpdates);
                if (!updated.ok())
                    failures[size_t(i)] << updated.error().message;
                else if (!updated.value())
                    failures[size_t(i)] << QStringLiteral("update %1 was ignored").arg(n);
            }
        }));
        threads.back()->start();
    }

    int listings = 0;
    QStringList readerFailures;
    const auto anyRunning = [&threads] {
        return std::any_of(threads.begin(), threads.end(),
                           [](const auto& t) { return !t->isFinished(); });
    };
    while (anyRunning() || listings == 0) {
        const auto listed = m_store->jobs(user);
        ++listings;
        if (!listed.ok())
            readerFailures << listed.error().message;
        else if (listed->size() != kThreads)
            readerFailures << QStringLiteral("listed %1 jobs").arg(listed->size());
    }
    for (const auto& thread : threads)
        QVERIFY(thread->wait(60000));

    for (int i = 0; i < kThreads; ++i)
        QVERIFY2(failures[size_t(i)].isEmpty(), qPrintable(failures[size_t(i)].join(u'\n')));
    QVERIFY2(readerFailures.isEmpty(), qPrintable(readerFailures.join(u'\n')));
    for (const qint64 id : jobIds) {
        const JobRecord r = m_store->job(user, id).value();
        QCOMPARE(r.progressPercent, 100);
        QCOMPARE(r.currentStep, QStringLiteral("generate-videos"));
        QCOMPARE(r.status, QStringLiteral("running"));
    }
    qInfo("main thread listed the jobs %d times during the updates", listings);
}

void TestJobStore::storeRefusesUseFromAnotherThread() {
    const qint64 user = addUser(QStringLiteral("ada"));
    addJob(user, QStringLiteral("T"));
    Error fromOtherThread;
    std::unique_ptr<QThread> thread(
        QThread::create([&] { fromOtherThread = m_store->jobs(user).error(); }));
    thread->start();
    QVERIFY(thread->wait(10000));
    QCOMPARE(fromOtherThread.type, ErrorType::Internal);
    QVERIFY2(fromOtherThread.message.contains(QLatin1String("own JobStore")),
             qPrintable(fromOtherThread.message));
    QCOMPARE(m_store->jobs(user)->size(), 1); // still fine in its own thread
}

// The queue in the table: order, move to top, pause (keeping its place number as
// the mark of a pause in line), and a claim that only one worker wins.
void TestJobStore::queueKeepsItsOrder() {
    const qint64 ada = addUser(QStringLiteral("ada"));
    const qint64 bob = addUser(QStringLiteral("bob"));
    const qint64 a = addJob(ada, QStringLiteral("A"));
    const qint64 b = addJob(ada, QStringLiteral("B"));
    const qint64 c = addJob(ada, QStringLiteral("C"));
    const QString owner = QStringLiteral("42@host");
    for (const qint64 job : {a, b, c})
        QVERIFY(!m_store->enqueue(ada, job, owner).isError());
    QVERIFY(m_store->enqueue(bob, a, owner).type == ErrorType::NotFound); // not Bob's
    const auto order = [this, ada] {
        QList<qint64> ids;
        const auto queued = m_store->queuedJobs(ada);
        for (const JobRecord& record : queued.value())
            ids << record.id;
        return ids;
    };
    QCOMPARE(order(), (QList<qint64>{a, b, c}));
    QCOMPARE(m_store->job(ada, c)->status, QString(JobStatus::Queued));
    QCOMPARE(m_store->job(ada, c)->queueOwner, owner);
    QVERIFY(!m_store->moveToTop(ada, c).isError());
    QCOMPARE(order(), (QList<qint64>{c, a, b}));

    QVERIFY(!m_store->pauseQueued(ada, a).isError());
    QCOMPARE(order(), (QList<qint64>{c, b}));
    QCOMPARE(m_store->job(ada, a)->status, QString(JobStatus::Paused));
    QVERIFY(m_store->job(ada, a)->queuePos.has_value());
    QVERIFY(m_store->moveToTop(ada, a).isError()); // not in the queue any more

    QVERIFY(m_store->claimQueued(ada, c).value());
    QVERIFY(!m_store->claimQueued(ada, c).value()); // a second worker loses
    QCOMPARE(m_store->job(ada, c)->status, QString(JobStatus::Running));
    QVERIFY(!m_store->job(ada, c)->queuePos.has_value());
    // Back in line after a crash: at the front.
    QVERIFY(!m_store->enqueue(ada, c, owner, true).isError());
    QCOMPARE(order(), (QList<qint64>{c, b}));
    QVERIFY(m_store->claimQueued(ada, c).value());
    QVERIFY(!m_store->finish(ada, c, QStringLiteral("/v.mp4")).isError());
    QVERIFY(m_store->enqueue(ada, c, owner).isError()); // completed stays completed
}

// A database of the previous version (no queue columns) opens, and its jobs work.
void TestJobStore::version4RowsSurviveTheQueueMigration() {
    const qint64 ada = addUser(QStringLiteral("ada"));
    const qint64 job = addJob(ada, QStringLiteral("Old"));
    QVERIFY(!m_store->setRunning(ada, job, QStringLiteral("generate-audio"), 50).isError());
    m_store.reset();
    {
        RawDb raw(m_path);
        raw.rows(QStringLiteral("DROP TABLE provider_slots")); // version 6
        raw.rows(QStringLiteral("DROP INDEX video_jobs_queue"));
        raw.rows(QStringLiteral("ALTER TABLE video_jobs DROP COLUMN queue_pos"));
        raw.rows(QStringLiteral("ALTER TABLE video_jobs DROP COLUMN queue_owner"));
        raw.rows(QStringLiteral("PRAGMA user_version = 4"));
        QCOMPARE(raw.rows(QStringLiteral("PRAGMA table_info(video_jobs)")).size(), 19);
    }
    JobStore reopened(m_path);
    QVERIFY(!reopened.open().isError());
    const auto record = reopened.job(ada, job);
    QVERIFY(record.ok());
    QCOMPARE(record->status, QString(JobStatus::Running));
    QVERIFY(!record->queuePos.has_value());
    QVERIFY(record->queueOwner.isEmpty());
    QVERIFY(reopened.queuedJobs(ada)->isEmpty());
    QVERIFY(!reopened.enqueue(ada, job, QStringLiteral("1@h"), true).isError());
    QCOMPARE(reopened.queuedJobs(ada)->size(), 1);
}

void TestJobStore::simultaneousFirstOpensMigrateOnce() {
    // The GUI and a worker may both be first to open a brand-new file.
    const QString path = m_dir->filePath(QStringLiteral("fresh.sqlite"));
    constexpr int kThreads = 4;
    std::vector<QString> failures(kThreads);
    std::vector<std::unique_ptr<QThread>> threads;
    for (int i = 0; i < kThreads; ++i) {
        threads.emplace_back(QThread::create([&, i] {
            JobStore store(path);
            if (const Error error = store.open(); error.isError())
                failures[size_t(i)] = error.message;
            else if (const auto user =
                         store.createUser(QStringLiteral("user%1").arg(i), QStringLiteral("h"));
                     !user.ok())
                failures[size_t(i)] = user.error().message;
        }));
        threads.back()->start();
    }
    for (const auto& thread : threads)
        QVERIFY(thread->wait(30000));
    for (const QString& failure : failures)
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    RawDb raw(path);
    QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM users")).toInt(), kThreads);
    QCOMPARE(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), JobStore::kSchemaVersion);
}

// ---- recovery and rebuild -----------------------------------------------------------

void TestJobStore::interruptedJobsAreThisUsersRunningRows() {
    const qint64 ada = addUser(QStringLiteral("ada"));
    const qint64 grace = addUser(QStringLiteral("grace"));
    QList<qint64> adaJobs;
    for (int i = 0; i < 5; ++i) {
        m_now = kT0.addSecs(i);
        adaJobs << addJob(ada, QStringLiteral("A%1").arg(i));
    }
    m_now = kT0.addSecs(10);
    const qint64 graceJob = addJob(grace, QStringLiteral("G"));
    for (const qint64 id : adaJobs)
        QVERIFY(!m_store->setRunning(ada, id, QStringLiteral("generate-audio"), 50).isError());
    QVERIFY(!m_store->setRunning(grace, graceJob, QStringLiteral("fetch-paper"), 5).isError());
    QVERIFY(!m_store->setPaused(ada, adaJobs[1], QStringLiteral("generate-script"), 40).isError());
    QVERIFY(!m_store->finish(ada, adaJobs[2], QStringLiteral("/v.mp4")).isError());
    QVERIFY(!m_store->fail(ada, adaJobs[3], ErrorType::Cancelled, QStringLiteral("x")).isError());

    const auto interrupted = m_store->interruptedJobs(ada);
    QVERIFY(interrupted.ok());
    QCOMPARE(ids(interrupted.value()), (QList<qint64>{adaJobs[0], adaJobs[4]})); // oldest first
    QCOMPARE(interrupted->first().currentStep, QStringLiteral("generate-audio"));
    QCOMPARE(interrupted->first().progressPercent, 50);
    QCOMPARE(ids(m_store->interruptedJobs(grace).value()), QList<qint64>{graceJob});
}

void TestJobStore::importJobKeepsFolderAndRefusesDuplicate() {
    const qint64 ada = addUser(QStringLiteral("ada"));
    const qint64 grace = addUser(QStringLiteral("grace"));
    JobRecord folder;
    folder.paperId = QStringLiteral("PMC7654321");
    folder.paperTitle = QStringLiteral("Rebuilt from its folder");
    folder.sourceKind = QStringLiteral("pmc");
    folder.status = QStringLiteral("failed");
    folder.progressPercent = 60;
    folder.currentStep = QStringLiteral("generate-videos");
    folder.errorType = QStringLiteral("provider");
    folder.errorMessage = QStringLiteral("Rebuilt: the last step did not finish.");
    folder.createdAt = kT0.addDays(-3);
    folder.options.insert(QStringLiteral("aspect"), QStringLiteral("1:1"));
    folder.taskId = QUuid::createUuid().toString(QUuid::WithoutBraces); // the folder's name

    const auto imported = m_store->importJob(ada, folder);
    QVERIFY2(imported.ok(), qPrintable(imported.error().message));
    const qint64 id = imported.value();
    const JobRecord r = m_store->job(ada, id).value();
    QCOMPARE(r.userId, ada);
    QCOMPARE(r.taskId, folder.taskId);
    QCOMPARE(r.userUuid, m_store->user(ada)->uuid);
    QCOMPARE(m_store->jobByTaskId(ada, folder.taskId)->id, id);
    QCOMPARE(m_store->jobByTaskId(grace, folder.taskId).error().type, ErrorType::NotFound);
    QCOMPARE(r.paperId, folder.paperId);
    QCOMPARE(r.paperTitle, folder.paperTitle);
    QCOMPARE(r.status, QStringLiteral("failed"));
    QCOMPARE(r.progressPercent, 60);
    QCOMPARE(r.currentStep, folder.currentStep);
    QCOMPARE(r.errorType, folder.errorType);
    QCOMPARE(r.createdAt, folder.createdAt);
    QCOMPARE(r.updatedAt, kT0); // null in the record: now
    QCOMPARE(r.options, folder.options);
    const QStringList before = visibleFields(r);

    JobRecord again = folder;
    again.paperTitle = QStringLiteral("Overwritten?");
    const auto duplicate = m_store->importJob(ada, again);
    QVERIFY(!duplicate.ok());
    QVERIFY2(duplicate.error().message.contains(folder.taskId),
             qPrintable(duplicate.error().message));
    QVERIFY(!m_store->importJob(grace, again).ok()); // nor under another account
    QCOMPARE(visibleFields(m_store->job(ada, id).value()), before);
    QCOMPARE(m_store->job(grace, id).error().type, ErrorType::NotFound);

    JobRecord badStatus = folder;
    badStatus.taskId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    badStatus.status = QStringLiteral("exploded");
    QVERIFY(!m_store->importJob(ada, badStatus).ok());
    for (const QString& name : {QString(), QStringLiteral("42"), QStringLiteral("../x"),
                                QStringLiteral("{") + folder.taskId + QStringLiteral("}")}) {
        JobRecord badFolder = folder;
        badFolder.taskId = name;
        QVERIFY2(!m_store->importJob(ada, badFolder).ok(), qPrintable(name)); // not a uuid
    }
    JobRecord orphan = folder;
    orphan.taskId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QVERIFY(!m_store->importJob(999, orphan).ok()); // no such account

    QVERIFY(addJob(ada, QStringLiteral("after import")) > id); // new ids never collide
}

// ---- injection ----------------------------------------------------------------------

void TestJobStore::injectionIsStoredLiterally_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("drop table") << "Robert'); DROP TABLE video_jobs;--";
    QTest::newRow("always true") << "x' OR '1'='1";
    QTest::newRow("double quote") << "\" OR \"\"=\"";
    QTest::newRow("update all") << "'; UPDATE video_jobs SET status='completed' WHERE '1'='1";
    QTest::newRow("like wildcards") << "%' OR user_id LIKE '%";
    QTest::newRow("named parameter") << ":user";
}

void TestJobStore::injectionIsStoredLiterally() {
    QFETCH(QString, text);
    const qint64 ada = addUser(QStringLiteral("ada"));
    const qint64 grace = addUser(QStringLiteral("grace"));
    const qint64 graceJob = addJob(grace, QStringLiteral("Grace's job"));
    const qint64 job = addJob(ada, text, text);
    QVERIFY(job > 0);
    QCOMPARE(m_store->job(ada, job)->paperTitle, text);
    QCOMPARE(m_store->job(ada, job)->paperId, text);

    JobFilter filter;
    filter.text = text;
    QCOMPARE(ids(m_store->jobs(ada, filter).value()), QList<qint64>{job});
    filter.status = text;
    QVERIFY(m_store->jobs(ada, filter)->isEmpty());
    QVERIFY(m_store->jobs(grace, JobFilter{{}, text, {}, {}, 500})->isEmpty());

    QVERIFY(!m_store->setTitle(ada, job, text + text, text).isError());
    QCOMPARE(m_store->job(ada, job)->paperTitle, text + text);
    QVERIFY(!m_store->fail(ada, job, ErrorType::Provider, text).isError());
    QCOMPARE(m_store->job(ada, job)->errorMessage, text);

    const auto user = m_store->createUser(text, QStringLiteral("h"));
    QVERIFY(user.ok());
    QCOMPARE(m_store->userIdByName(text).value(), user.value());

    // Nothing else was touched: both tables and the other user's job are intact.
    RawDb raw(m_path);
    QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM users")).toInt(), 3);
    QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM video_jobs")).toInt(), 2);
    QCOMPARE(m_store->job(grace, graceJob)->status, QStringLiteral("pending"));
    QCOMPARE(m_store->job(grace, graceJob)->paperTitle, QStringLiteral("Grace's job"));
}

// ---- account security fields (for the accounts layer) ------------------------------

void TestJobStore::userSecurityFieldsRoundTrip() {
    const auto ada = m_store->createUser(QStringLiteral("Ada"), QStringLiteral("$argon2id$p"),
                                         QStringLiteral("Ada L."), QStringLiteral("$argon2id$r"));
    QVERIFY(ada.ok());
    const auto byName = m_store->userByName(QStringLiteral("ADA"));
    QVERIFY(byName.ok());
    QCOMPARE(byName->id, ada.value());
    QCOMPARE(byName->username, QStringLiteral("Ada"));
    QCOMPARE(byName->passwordHash, QStringLiteral("$argon2id$p"));
    QCOMPARE(byName->recoveryHash, QStringLiteral("$argon2id$r"));
    QCOMPARE(byName->displayName, QStringLiteral("Ada L."));
    QCOMPARE(byName->createdAt, kT0);
    QVERIFY(byName->lastLoginAt.isNull());
    QCOMPARE(byName->failedLogins, 0);
    QVERIFY(byName->lockedUntil.isNull());

    QCOMPARE(m_store->addFailedLogin(ada.value()).value(), 1);
    QCOMPARE(m_store->addFailedLogin(ada.value()).value(), 2);
    QVERIFY(!m_store->setLockedUntil(ada.value(), kT0.addSecs(4)).isError());
    QCOMPARE(m_store->user(ada.value())->lockedUntil, kT0.addSecs(4));
    m_now = kT0.addSecs(10);
    QVERIFY(!m_store->recordLogin(ada.value()).isError());
    const auto after = m_store->user(ada.value());
    QCOMPARE(after->failedLogins, 0);
    QVERIFY(after->lockedUntil.isNull());
    QCOMPARE(after->lastLoginAt, m_now);
    QVERIFY(!m_store->setDisplayName(ada.value(), QStringLiteral("x'); DROP TABLE users;--"))
                 .isError());
    QCOMPARE(m_store->user(ada.value())->displayName, QStringLiteral("x'); DROP TABLE users;--"));

    for (const Error& error :
         {m_store->setLockedUntil(999, kT0), m_store->recordLogin(999),
          m_store->setDisplayName(999, QStringLiteral("x")), m_store->addFailedLogin(999).error(),
          m_store->user(999).error(), m_store->userByName(QStringLiteral("nobody")).error()})
        QCOMPARE(error.type, ErrorType::NotFound);
}

void TestJobStore::replaceCredentialsIsCompareAndSet_data() {
    QTest::addColumn<QString>("expectedHash");
    QTest::addColumn<QString>("expectedRecovery");
    QTest::addColumn<bool>("replaced");

    QTest::newRow("current") << "$argon2id$p"
                             << "$argon2id$r" << true;
    QTest::newRow("stale password") << "$argon2id$old"
                                    << "$argon2id$r" << false;
    QTest::newRow("stale recovery") << "$argon2id$p"
                                    << "$argon2id$old" << false;
    QTest::newRow("expects none") << "$argon2id$p"
                                  << "" << false;
}

void TestJobStore::replaceCredentialsIsCompareAndSet() {
    QFETCH(QString, expectedHash);
    QFETCH(QString, expectedRecovery);
    QFETCH(bool, replaced);
    const auto ada = m_store->createUser(QStringLiteral("ada"), QStringLiteral("$argon2id$p"), {},
                                         QStringLiteral("$argon2id$r"));
    QVERIFY(ada.ok());
    QCOMPARE(m_store->addFailedLogin(ada.value()).value(), 1);

    const auto result = m_store->replaceCredentials(ada.value(), {expectedHash, expectedRecovery},
                                                    {QStringLiteral("$argon2id$new"), {}});
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QCOMPARE(result.value(), replaced);
    const auto user = m_store->user(ada.value());
    QCOMPARE(user->passwordHash,
             replaced ? QStringLiteral("$argon2id$new") : QStringLiteral("$argon2id$p"));
    QCOMPARE(user->recoveryHash, replaced ? QString() : QStringLiteral("$argon2id$r"));
    QCOMPARE(user->failedLogins, replaced ? 0 : 1);
    // An empty recovery hash is stored as NULL, and an expected NULL matches it.
    RawDb raw(m_path);
    QCOMPARE(raw.scalar(QStringLiteral("SELECT recovery_hash IS NULL FROM users")).toBool(),
             replaced);
    if (replaced) {
        QVERIFY(m_store
                    ->replaceCredentials(ada.value(), {QStringLiteral("$argon2id$new"), {}},
                                         {QStringLiteral("$argon2id$p2"), QStringLiteral("$r2")})
                    .value());
    }
    QCOMPARE(m_store->replaceCredentials(999, {}, {QStringLiteral("h"), {}}).error().type,
             ErrorType::NotFound);
}

QTEST_GUILESS_MAIN(TestJobStore)
#include "tst_jobstore.moc"
