// SPDX-License-Identifier: GPL-3.0-or-later
// Storage named by random ids (issue 14, hole 4): folders and keychain entries are
// named by the rows' uuids, so a database that is lost and made again (ids start
// at 1 again) never hands a new account or job the old one's files or keys; a
// database of version 3 (folders and keys by id) is moved over without losing a
// video or a key.
#include "KeyStore.h"
#include "MemoryKeyStore.h"
#include "StorageIds.h"
#include "TestUtil.h"
#include "jobs/DataLayout.h"
#include "jobs/JobStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <sys/stat.h>

using namespace hh;
using hh::test::MemoryKeyStore;

namespace {

// Every file under `dir` with its size, time and content hash: what "untouched" means.
QStringList snapshot(const QString& dir) {
    QStringList lines;
    QDirIterator it(dir, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info(path);
        QByteArray hash;
        if (info.isFile()) {
            QFile file(path);
            if (file.open(QIODevice::ReadOnly))
                hash = QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
        }
        lines << QStringLiteral("%1 %2 %3 %4")
                     .arg(QDir(dir).relativeFilePath(path))
                     .arg(info.size())
                     .arg(info.lastModified().toMSecsSinceEpoch())
                     .arg(QString::fromLatin1(hash));
    }
    lines.sort();
    return lines;
}

QByteArray fileHash(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

int mode(const QString& path) {
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 0777) : -1;
}

void removeDatabase(const DataLayout& layout) {
    for (const char* suffix : {"", "-wal", "-shm"})
        QFile::remove(layout.databasePath() + QLatin1String(suffix));
}

Result<QString> readKey(KeyStore& store, qint64 user, ProviderId id) {
    std::optional<Result<QString>> answer;
    store.read(user, id, [&](Result<QString> key) { answer = std::move(key); });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 5000))
        return Result<QString>::failure(ErrorType::Internal, QStringLiteral("no answer"));
    return *answer;
}

Error writeKey(KeyStore& store, qint64 user, ProviderId id, const QString& key) {
    std::optional<Error> answer;
    store.write(user, id, key, [&](Error error) { answer = error; });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 5000))
        return {ErrorType::Internal, QStringLiteral("no answer")};
    return *answer;
}

// The tables as version 3 of the app wrote them (a fixture: released schemas
// never change), with folders and keychain entries named by id.
const char* const kVersion3[] = {
    "CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " username TEXT NOT NULL UNIQUE COLLATE NOCASE, password_hash TEXT NOT NULL,"
    " recovery_hash TEXT, display_name TEXT NOT NULL DEFAULT '',"
    " created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),"
    " last_login_at TEXT, failed_logins INTEGER NOT NULL DEFAULT 0, locked_until TEXT)",
    "CREATE TABLE video_jobs (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
    " paper_id TEXT NOT NULL, paper_title TEXT, source_kind TEXT, status TEXT NOT NULL,"
    " progress_percent INTEGER NOT NULL DEFAULT 0, current_step TEXT,"
    " error_message TEXT NOT NULL DEFAULT '', error_type TEXT NOT NULL DEFAULT '',"
    " task_id TEXT NOT NULL UNIQUE, options_json TEXT,"
    " final_video_path TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL,"
    " updated_at TEXT NOT NULL, completed_at TEXT,"
    " run_ms INTEGER NOT NULL DEFAULT 0, running_since TEXT,"
    " video_ms INTEGER NOT NULL DEFAULT 0)",
    "CREATE INDEX video_jobs_user_created ON video_jobs (user_id, created_at DESC)",
    "CREATE INDEX video_jobs_status ON video_jobs (status)",
    "CREATE INDEX video_jobs_paper ON video_jobs (paper_id)",
    "CREATE TABLE provider_usage (user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE "
    "CASCADE, month TEXT NOT NULL, provider TEXT NOT NULL, calls INTEGER NOT NULL DEFAULT 0,"
    " errors INTEGER NOT NULL DEFAULT 0, tokens_in INTEGER NOT NULL DEFAULT 0,"
    " tokens_out INTEGER NOT NULL DEFAULT 0, tts_seconds REAL NOT NULL DEFAULT 0,"
    " credits REAL NOT NULL DEFAULT 0, cost_usd REAL NOT NULL DEFAULT 0,"
    " PRIMARY KEY (user_id, month, provider))",
    "CREATE TABLE spending_limits (user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE "
    "CASCADE, provider TEXT NOT NULL, monthly_usd REAL NOT NULL,"
    " PRIMARY KEY (user_id, provider))",
    "INSERT INTO users (id, username, password_hash) VALUES (1, 'ada', '!'), (2, 'bob', '!')",
    "PRAGMA user_version = 3",
};

// A version 3 data folder: ada (1) with a finished job (1) and bob (2) with one
// (2), each folder named by id, the video path in the row absolute as the runner
// wrote it.
bool makeVersion3(const DataLayout& layout) {
    if (layout.ensureRoot().isError())
        return false;
    const QString name = QUuid::createUuid().toString();
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(layout.databasePath());
        ok = db.open();
        QSqlQuery query(db);
        for (const char* sql : kVersion3)
            ok = ok && query.exec(QString::fromUtf8(sql));
        for (const qint64 job : {1, 2}) {
            const QString dir =
                QDir(layout.root()).filePath(QStringLiteral("users/%1/jobs/%1").arg(job));
            ok = ok && query.prepare(QStringLiteral(
                           "INSERT INTO video_jobs (id, user_id, paper_id, paper_title, status, "
                           "progress_percent, task_id, final_video_path, created_at, updated_at) "
                           "VALUES (?, ?, 'bees.xml', ?, 'completed', 100, ?, ?, "
                           "'2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')"));
            query.addBindValue(job);
            query.addBindValue(job);
            query.addBindValue(QStringLiteral("Job %1").arg(job));
            query.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
            query.addBindValue(QDir(dir).filePath(QStringLiteral("final_video.mp4")));
            ok = ok && query.exec();
            ok = ok && writeFile(QDir(dir).filePath(QStringLiteral("final_video.mp4")),
                                 "video of job " + QByteArray::number(job));
            ok = ok && writeFile(QDir(dir).filePath(QStringLiteral("paper.json")),
                                 R"({"title": "Job )" + QByteArray::number(job) + R"("})");
        }
        if (!ok)
            qWarning("version 3 fixture: %s", qPrintable(query.lastError().text()));
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

class TestStorageIds : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void renderAfterLostDatabaseMakesItsOwnVideo();
    void newAccountAfterLostDatabaseSeesNothingOld();
    void version3FoldersAndKeysMoveToUuids();
    void interruptedMoveIsFinishedAtNextOpen_data();
    void interruptedMoveIsFinishedAtNextOpen();
    void newJobRefusesAFolderWithFiles();
    void malformedUuidsNameNoRealFolder_data();
    void malformedUuidsNameNoRealFolder();
    void dataRootAndUsersArePrivate();

private:
    struct Run {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Run cli(const QStringList& args, const QString& home);
};

TestStorageIds::Run TestStorageIds::cli(const QStringList& args, const QString& home) {
    QProcessEnvironment extra;
    extra.insert(QStringLiteral("HOME"), home);
    extra.insert(QStringLiteral("XDG_STATE_HOME"), QDir(home).filePath(QStringLiteral(".state")));
    QProcess process;
    process.setProcessEnvironment(hh::test::cliEnvironment(extra));
    process.start(QStringLiteral(HH_CLI_PATH), args);
    if (!process.waitForFinished(240000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

// The issue's reproduction with two real CLI processes: render paper A, lose the
// database, render paper B. B used to "complete" at once with A's video, because
// the new account and job got ids 1 again and found A's folder.
void TestStorageIds::renderAfterLostDatabaseMakesItsOwnVideo() {
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    const DataLayout layout(data);
    QFile tiny(hh::test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml")));
    QVERIFY(tiny.open(QIODevice::ReadOnly));
    const QByteArray paperA = tiny.readAll();
    QByteArray paperB = paperA;
    paperB.replace("Honeybees count to four", "Ants remember the way home")
        .replace("four dots in 86% of trials", "the shortest path in 91% of runs")
        .replace("bees learned the task within 12 visits", "ants kept the route for 3 days");
    QVERIFY(paperB != paperA);
    const QString inputA = dir.filePath(QStringLiteral("paper-a.xml"));
    const QString inputB = dir.filePath(QStringLiteral("paper-b.xml"));
    QVERIFY(writeFile(inputA, paperA));
    QVERIFY(writeFile(inputB, paperB));

    const auto render = [&](const QString& input, const QString& out) {
        QStringList args = hh::test::quickRenderOfTinyPaper();
        args[1] = input;
        args << QStringLiteral("--json") << QStringLiteral("--data-dir") << data
             << QStringLiteral("-o") << out;
        return cli(args, dir.path());
    };
    const QString outA = dir.filePath(QStringLiteral("a.mp4"));
    const Run first = render(inputA, outA);
    QVERIFY2(first.exitCode == 0, first.err.constData());
    const QString folderA = hh::test::jobDirOf(layout, 1, 1);
    QVERIFY(QFileInfo::exists(QDir(folderA).filePath(QStringLiteral("final_video.mp4"))));
    const QStringList folderABefore = snapshot(folderA);

    removeDatabase(layout);
    const QString outB = dir.filePath(QStringLiteral("b.mp4"));
    const Run second = render(inputB, outB);
    QVERIFY2(second.exitCode == 0, second.err.constData());

    // The job did the real work: every step ran again, from the paper on.
    QStringList steps;
    for (const QByteArray& line : second.out.trimmed().split('\n')) {
        const QJsonObject event = QJsonDocument::fromJson(line).object();
        const QString step = event.value(QLatin1String("step")).toString();
        if (event.value(QLatin1String("event")).toString() == QLatin1String("progress") &&
            !steps.contains(step))
            steps << step;
    }
    QCOMPARE(steps, (QStringList{"fetch-paper", "generate-script", "generate-audio",
                                 "generate-videos", "add-captions"}));
    // B's video is B's, made in a folder of its own; A's folder is as it was.
    QVERIFY(QFileInfo(outB).size() > 10000);
    QVERIFY(fileHash(outA) != fileHash(outB));
    const QString folderB = hh::test::jobDirOf(layout, 1, 1); // ids 1 again, new uuids
    QVERIFY(folderB != folderA);
    QFile paperJson(QDir(folderB).filePath(QStringLiteral("paper.json")));
    QVERIFY(paperJson.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(paperJson.readAll())
                 .object()
                 .value(QLatin1String("title"))
                 .toString(),
             QStringLiteral("Ants remember the way home"));
    QCOMPARE(snapshot(folderA), folderABefore);
}

// Delete the database, make a new account and a job: the new account (id 1 again)
// gets none of the old account's folders or keys, and the old ones stay as they were.
void TestStorageIds::newAccountAfterLostDatabaseSeesNothingOld() {
    QTemporaryDir dir;
    const DataLayout layout(dir.filePath(QStringLiteral("data")));
    QVERIFY(!layout.ensureRoot().isError());
    MemoryKeyStore keys(KeyStore::ownersIn(layout.databasePath()));
    QString oldUserDir;
    QString oldKeyName;
    {
        JobStore store(layout.databasePath());
        QVERIFY(!store.open().isError());
        const qint64 ada = store.createUser(QStringLiteral("ada"), QStringLiteral("!")).value();
        const qint64 job = store.createJob(ada, QStringLiteral("bees.xml"), {}, {}, {}).value();
        const JobRecord record = store.job(ada, job).value();
        QVERIFY(!layout.ensureNewJobDir(record.userUuid, record.taskId).isError());
        QVERIFY(writeFile(QDir(layout.jobDir(record)).filePath(QStringLiteral("final_video.mp4")),
                          "ada's video"));
        QVERIFY(!writeKey(keys, ada, ProviderId::Gemini, QStringLiteral("ada-secret")).isError());
        oldUserDir = layout.userDir(record.userUuid);
        oldKeyName = KeyStore::entryName(record.userUuid, ProviderId::Gemini);
    }
    const QStringList before = snapshot(oldUserDir);
    const auto keysBefore = keys.m_values;
    QCOMPARE(keysBefore.value(oldKeyName), QStringLiteral("ada-secret"));

    removeDatabase(layout);
    JobStore store(layout.databasePath());
    QVERIFY(!store.open().isError());
    const qint64 grace = store.createUser(QStringLiteral("grace"), QStringLiteral("!")).value();
    QCOMPARE(grace, qint64(1)); // the id the old account had
    const qint64 job = store.createJob(grace, QStringLiteral("ants.xml"), {}, {}, {}).value();
    QCOMPARE(job, qint64(1));
    const JobRecord record = store.job(grace, job).value();
    QVERIFY(!layout.ensureNewJobDir(record.userUuid, record.taskId).isError());
    QVERIFY(layout.userDir(record.userUuid) != oldUserDir);
    QVERIFY(QDir(layout.jobDir(record)).isEmpty()); // nothing of ada's in grace's job

    // Nothing old is shown: no key, no artifacts, no job.
    QCOMPARE(readKey(keys, grace, ProviderId::Gemini).value(), QString());
    auto secrets = std::make_shared<MemorySecrets>();
    bool loaded = false;
    loadAccountKeys(keys, grace, secrets, [&](Error) { loaded = true; });
    QTRY_VERIFY(loaded);
    QCOMPARE(secrets->secret(ProviderId::Gemini), QString());
    QCOMPARE(store.jobs(grace)->size(), 1);

    // And nothing old is touched.
    QCOMPARE(snapshot(oldUserDir), before);
    QCOMPARE(keys.m_values.value(oldKeyName), QStringLiteral("ada-secret"));
    QVERIFY(!writeKey(keys, grace, ProviderId::Gemini, QStringLiteral("grace-secret")).isError());
    QCOMPARE(keys.m_values.value(oldKeyName), QStringLiteral("ada-secret"));
}

// Opening a version 3 data folder renames users/<id> and jobs/<id> to their
// uuids, points the rows' video paths there, and the first read of a key saved
// under "user-<id>" moves it to the account's uuid.
void TestStorageIds::version3FoldersAndKeysMoveToUuids() {
    QTemporaryDir dir;
    const DataLayout layout(dir.filePath(QStringLiteral("data")));
    QVERIFY(makeVersion3(layout));
    MemoryKeyStore keys(KeyStore::ownersIn(layout.databasePath()));
    keys.m_values.insert(KeyStore::legacyEntryName(1, ProviderId::Gemini),
                         QStringLiteral("ada-old-key"));
    keys.m_values.insert(KeyStore::legacyEntryName(2, ProviderId::Runway),
                         QStringLiteral("bob-old-key"));

    JobStore store(layout.databasePath());
    QVERIFY(!store.open().isError());
    for (const qint64 id : {1, 2}) {
        const UserRecord user = store.user(id).value();
        QVERIFY(DataLayout::isValidUuid(user.uuid));
        QVERIFY(user.keysNamedById);
        const JobRecord job = store.job(id, id).value();
        QCOMPARE(job.userUuid, user.uuid);
        const QString folder = layout.jobDir(job);
        QCOMPARE(job.finalVideoPath, QDir(folder).filePath(QStringLiteral("final_video.mp4")));
        QFile video(job.finalVideoPath);
        QVERIFY(video.open(QIODevice::ReadOnly));
        QCOMPARE(video.readAll(), "video of job " + QByteArray::number(id));
        QVERIFY(QFileInfo::exists(QDir(folder).filePath(QStringLiteral("paper.json"))));
        QVERIFY(
            !QFileInfo::exists(QDir(layout.root()).filePath(QStringLiteral("users/%1").arg(id))));
    }
    QVERIFY(store.user(1)->uuid != store.user(2)->uuid);
    {
        QSqlQuery left(QSqlDatabase::database(store.connectionName()));
        QVERIFY(left.exec(QStringLiteral("SELECT count(*) FROM folder_moves")) && left.next());
        QCOMPARE(left.value(0).toInt(), 0);
    }

    // The saved keys still work, and now live under the uuid names only.
    QCOMPARE(readKey(keys, 1, ProviderId::Gemini).value(), QStringLiteral("ada-old-key"));
    QCOMPARE(keys.m_values.value(KeyStore::entryName(store.user(1)->uuid, ProviderId::Gemini)),
             QStringLiteral("ada-old-key"));
    QVERIFY(!keys.m_values.contains(KeyStore::legacyEntryName(1, ProviderId::Gemini)));
    QCOMPARE(readKey(keys, 1, ProviderId::Gemini).value(), QStringLiteral("ada-old-key"));
    // Bob's key is bob's: ada's account never reads it under any name.
    QCOMPARE(readKey(keys, 1, ProviderId::Runway).value(), QString());
    auto secrets = std::make_shared<MemorySecrets>();
    bool loaded = false;
    loadAccountKeys(keys, 2, secrets, [&](Error) { loaded = true; });
    QTRY_VERIFY(loaded);
    QCOMPARE(secrets->secret(ProviderId::Runway), QStringLiteral("bob-old-key"));
    QCOMPARE(secrets->secret(ProviderId::Gemini), QString());
    QVERIFY(!keys.m_values.contains(KeyStore::legacyEntryName(2, ProviderId::Runway)));

    // Reopening finds nothing left to do and changes nothing.
    const QStringList before = snapshot(layout.usersDir());
    JobStore again(layout.databasePath());
    QVERIFY(!again.open().isError());
    QCOMPARE(snapshot(layout.usersDir()), before);
}

// The migration commits first and renames afterwards (a rename cannot be part of
// a transaction): whatever stopped it midway, the next open finishes the job.
void TestStorageIds::interruptedMoveIsFinishedAtNextOpen_data() {
    QTest::addColumn<QString>("interruption");
    QTest::newRow("crash after the first rename") << "renamed";
    QTest::newRow("rename refused (name taken)") << "blocked";
}

void TestStorageIds::interruptedMoveIsFinishedAtNextOpen() {
    QFETCH(QString, interruption);
    QTemporaryDir dir;
    const DataLayout layout(dir.filePath(QStringLiteral("data")));
    QVERIFY(makeVersion3(layout));
    const QString oldAda = QDir(layout.root()).filePath(QStringLiteral("users/1"));
    // The migration's uuids are random, so the interruption is staged once ada's
    // is known: migrate with her folder out of the way (her moves find nothing to
    // move), then queue them again and put her folder back, as a migration that
    // committed but had not renamed yet leaves things.
    const QString aside = dir.filePath(QStringLiteral("aside"));
    QVERIFY(QDir().rename(oldAda, aside));
    QString adaUuid;
    {
        JobStore store(layout.databasePath());
        QVERIFY(!store.open().isError()); // ada's folder is missing: her moves are no-ops
        adaUuid = store.user(1)->uuid;
    }
    // Put the queue back as the migration left it, with ada's folder by id again.
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("requeue"));
        db.setDatabaseName(layout.databasePath());
        QVERIFY(db.open());
        QSqlQuery query(db);
        const QString jobUuid = [&] {
            QSqlQuery task(db);
            task.exec(QStringLiteral("SELECT task_id FROM video_jobs WHERE id = 1"));
            return task.next() ? task.value(0).toString() : QString();
        }();
        QVERIFY(query.exec(QStringLiteral("INSERT INTO folder_moves (from_path, to_path) "
                                          "VALUES ('users/1', 'users/%1'), "
                                          "('users/%1/jobs/1', 'users/%1/jobs/%2')")
                               .arg(adaUuid, jobUuid)));
        const QString oldVideo = QDir(oldAda).filePath(QStringLiteral("jobs/1/final_video.mp4"));
        QVERIFY(query.exec(QStringLiteral("UPDATE video_jobs SET final_video_path = '%1' "
                                          "WHERE id = 1")
                               .arg(oldVideo)));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("requeue"));
    QVERIFY(QDir().rename(aside, oldAda));
    const QString newAda = layout.userDir(adaUuid);
    if (interruption == QLatin1String("renamed")) {
        // The first rename happened, the crash came before its row was dropped.
        QVERIFY(QDir().rename(oldAda, newAda));
    } else {
        QVERIFY(QDir().mkpath(newAda)); // someone took the name: nothing may be merged
        JobStore blocked(layout.databasePath());
        QVERIFY(!blocked.open().isError()); // the database stays usable
        QVERIFY(QFileInfo::exists(oldAda));
        QVERIFY(blocked.completeFolderMoves().isError());
        QVERIFY(QDir().rmdir(newAda));
    }

    JobStore store(layout.databasePath());
    QVERIFY(!store.open().isError());
    const JobRecord job = store.job(1, 1).value();
    QVERIFY(!QFileInfo::exists(oldAda));
    QCOMPARE(job.finalVideoPath,
             QDir(layout.jobDir(job)).filePath(QStringLiteral("final_video.mp4")));
    QFile video(job.finalVideoPath);
    QVERIFY(video.open(QIODevice::ReadOnly));
    QCOMPARE(video.readAll(), QByteArray("video of job 1"));
    QVERIFY(!store.completeFolderMoves().isError()); // nothing left
}

// A new job's folder is fresh: one that already holds files is another job's.
void TestStorageIds::newJobRefusesAFolderWithFiles() {
    QTemporaryDir dir;
    const DataLayout layout(dir.filePath(QStringLiteral("data")));
    const QString user = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString job = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QVERIFY(!layout.ensureNewJobDir(user, job).isError()); // empty or missing: fine
    QVERIFY(!layout.ensureNewJobDir(user, job).isError());
    const QString video =
        QDir(layout.jobDir(user, job)).filePath(QStringLiteral("final_video.mp4"));
    QVERIFY(writeFile(video, "someone else's video"));
    const Error refused = layout.ensureNewJobDir(user, job);
    QCOMPARE(refused.type, ErrorType::Internal);
    QVERIFY2(refused.message.contains(layout.jobDir(user, job)), qPrintable(refused.message));
    QVERIFY(!layout.ensureJobDir(user, job).isError()); // resuming in it is fine
    QFile kept(video);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray("someone else's video"));
}

void TestStorageIds::malformedUuidsNameNoRealFolder_data() {
    QTest::addColumn<QString>("uuid");
    QTest::newRow("empty") << QString();
    QTest::newRow("an id") << QStringLiteral("1");
    QTest::newRow("dot dot") << QStringLiteral("..");
    QTest::newRow("braces") << QStringLiteral("{0b5c3e0e-8d7e-4a55-9d1c-2f4e6f0a9b11}");
    QTest::newRow("path") << QStringLiteral("0b5c3e0e-8d7e-4a55-9d1c/../../../../etc");
}

// A missing uuid must never resolve to users/ itself (deleting "the account's
// folder" would then delete everyone's) nor to any folder outside it.
void TestStorageIds::malformedUuidsNameNoRealFolder() {
    QFETCH(QString, uuid);
    QTemporaryDir dir;
    const DataLayout layout(dir.filePath(QStringLiteral("data")));
    const QString valid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QVERIFY(!DataLayout::isValidUuid(uuid));
    for (const QString& path :
         {layout.userDir(uuid), layout.jobDir(uuid, valid), layout.jobDir(valid, uuid)}) {
        QVERIFY2(QDir::cleanPath(path).startsWith(layout.usersDir() + QLatin1Char('/')),
                 qPrintable(path));
        QVERIFY(QDir::cleanPath(path) != QDir::cleanPath(layout.userDir(valid)));
    }
    QVERIFY(layout.ensureJobDir(uuid, valid).isError());
    QVERIFY(layout.ensureJobDir(valid, uuid).isError());
    QVERIFY(!QFileInfo::exists(layout.userDir(uuid)));
}

void TestStorageIds::dataRootAndUsersArePrivate() {
    QTemporaryDir dir;
    const DataLayout layout(dir.filePath(QStringLiteral("data")));
    QVERIFY(!layout.ensureRoot().isError());
    QCOMPARE(mode(layout.root()), 0700);
    QCOMPARE(mode(layout.usersDir()), 0700);
    // A data folder of an older build is tightened too.
    QVERIFY(QFile::setPermissions(
        layout.root(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                           QFileDevice::ReadOther | QFileDevice::ExeOther));
    QVERIFY(QFile::setPermissions(layout.usersDir(),
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                      QFileDevice::ExeOwner | QFileDevice::ReadGroup |
                                      QFileDevice::ExeGroup));
    const QString user = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString job = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QVERIFY(!layout.ensureJobDir(user, job).isError());
    for (const QString& path : {layout.root(), layout.usersDir(), layout.userDir(user),
                                layout.jobsDir(user), layout.jobDir(user, job)})
        QVERIFY2(mode(path) == 0700, qPrintable(path));
}

QTEST_GUILESS_MAIN(TestStorageIds)
#include "tst_storage_ids.moc"
