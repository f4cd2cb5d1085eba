// SPDX-License-Identifier: GPL-3.0-or-later
// Deleting an account as the app does it (AccountDeleter): a real job of the tiny
// paper running in the JobRunner stops as cancelled, the account's keychain entries
// go (another account's stay), then its folders and rows; a wrong password deletes
// nothing. A deletion interrupted after its marker (the first stages done, then
// the objects dropped as a crash would) is finished at the next start, also when
// the keychain failed the first time; and a marker left from a lost database never
// deletes the new account that got the same id.
#include "AccountDeleter.h"
#include "AccountService.h"
#include "AccountWorker.h"
#include "DeletionMarkers.h"
#include "KeyStore.h"
#include "StorageIds.h"
#include "TestUtil.h"
#include "jobs/DataLayout.h"
#include "jobs/JobLease.h"
#include "jobs/JobRunner.h"
#include "jobs/JobStore.h"

#include <QApplication>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hh;

namespace {

const QString kAdaPassword = QStringLiteral("lantern meadow cobalt");
const QString kBobPassword = QStringLiteral("harbour violet engine");
constexpr int kTimeoutMs = 120000;

// The keychain's behaviour without a keychain: asynchronous, entries by name (the
// owner's uuid, looked up in the accounts' database as the real store does);
// removing can be made to fail, as a locked or absent keychain does.
class MemoryKeyStore final : public KeyStore {
public:
    explicit MemoryKeyStore(const QString& databasePath)
        : KeyStore(KeyStore::ownersIn(databasePath))
        , m_databasePath(databasePath) {}

    // The entries of an account, found by its uuid while its row exists.
    QStringList entriesOf(const QString& userUuid) const {
        QStringList entries;
        for (auto it = values.cbegin(); it != values.cend(); ++it) {
            if (it.key().startsWith(QStringLiteral("user-%1/").arg(userUuid)))
                entries << it.key();
        }
        return entries;
    }
    QHash<QString, QString> values;
    bool failRemoves = false;

protected:
    void readEntry(const QString& name, ReadDone done) override {
        const QString value = values.value(name);
        QMetaObject::invokeMethod(
            qApp, [done, value] { done(value); }, Qt::QueuedConnection);
    }
    void writeEntry(const QString& name, const QString& key, Done done) override {
        values.insert(name, key);
        QMetaObject::invokeMethod(
            qApp, [done] { done({}); }, Qt::QueuedConnection);
    }
    void removeEntry(const QString& name, Done done) override {
        const Error error =
            failRemoves ? Error{ErrorType::Unsupported, QStringLiteral("locked")} : Error{};
        if (!failRemoves)
            values.remove(name);
        QMetaObject::invokeMethod(
            qApp, [done, error] { done(error); }, Qt::QueuedConnection);
    }

private:
    QString m_databasePath;
};

JobOptions tinyPaperJob() {
    JobOptions options;
    options.input = hh::test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml"));
    options.durationSeconds = 60;
    options.x264Preset = QStringLiteral("ultrafast");
    return options;
}

} // namespace

class TestAccountDeletion : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void runningJobStopsAndEverythingGoes();
    void wrongPasswordDeletesNothing();
    void interruptedDeletionIsFinishedAtNextStart();
    void staleMarkerNeverDeletesANewAccount();

private:
    qint64 signUp(const QString& name, const QString& password);
    void saveKeys(qint64 user);
    qint64 addJob(qint64 user, const QString& status);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<DataLayout> m_layout;
    QString uuidOf(qint64 user) const;

    std::unique_ptr<MemoryKeyStore> m_keyStore;
    // Uuids of the accounts the test made, kept past the deletion of their rows.
    QHash<qint64, QString> m_uuids;
};

void TestAccountDeletion::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    m_layout = std::make_unique<DataLayout>(m_dir->filePath(QStringLiteral("data")));
    QVERIFY(!m_layout->ensureRoot().isError());
    m_keyStore = std::make_unique<MemoryKeyStore>(m_layout->databasePath());
    m_uuids.clear();
}

void TestAccountDeletion::cleanup() {
    m_keyStore.reset();
    m_layout.reset();
    m_dir.reset();
}

qint64 TestAccountDeletion::signUp(const QString& name, const QString& password) {
    JobStore store(m_layout->databasePath());
    if (store.open().isError())
        return 0;
    AccountService accounts(store, *m_layout);
    const auto made = accounts.signUp(name, password);
    if (!made)
        return 0;
    const auto record = store.user(made.value().userId);
    if (record)
        m_uuids.insert(made.value().userId, record->uuid);
    return made.value().userId;
}

void TestAccountDeletion::saveKeys(qint64 user) {
    for (const ProviderId id : KeyStore::providers())
        m_keyStore->values.insert(KeyStore::entryName(uuidOf(user), id),
                                  QStringLiteral("key-%1").arg(user));
}

QString TestAccountDeletion::uuidOf(qint64 user) const {
    if (m_uuids.contains(user))
        return m_uuids.value(user);
    JobStore store(m_layout->databasePath());
    if (store.open().isError())
        return {};
    const auto record = store.user(user);
    return record ? record->uuid : QString();
}

qint64 TestAccountDeletion::addJob(qint64 user, const QString& status) {
    JobStore store(m_layout->databasePath());
    if (store.open().isError())
        return 0;
    const auto id = store.createJob(user, QStringLiteral("tiny-paper.xml"), QStringLiteral("Tiny"),
                                    QStringLiteral("jats"), {});
    if (!id)
        return 0;
    if (status == JobStatus::Running)
        store.setRunning(user, id.value(), QStringLiteral("generate-script"), 20);
    hh::test::ensureJobDirOf(*m_layout, user, id.value());
    QFile file(QDir(hh::test::jobDirOf(*m_layout, user, id.value()))
                   .filePath(QStringLiteral("paper.json")));
    if (file.open(QIODevice::WriteOnly))
        file.write("{}");
    return id.value();
}

void TestAccountDeletion::runningJobStopsAndEverythingGoes() {
    const qint64 ada = signUp(QStringLiteral("ada"), kAdaPassword);
    const qint64 bob = signUp(QStringLiteral("bob"), kBobPassword);
    QVERIFY(ada > 0 && bob > 0);
    saveKeys(ada);
    saveKeys(bob);

    JobRunner runner(*m_layout);
    QSignalSpy progress(&runner, &JobRunner::progressChanged);
    QSignalSpy failed(&runner, &JobRunner::jobFailed);
    QSignalSpy finished(&runner, &JobRunner::jobFinished);
    const auto job = runner.submit(ada, tinyPaperJob());
    QVERIFY2(job.ok(), qPrintable(job.error().message));
    QVERIFY(progress.wait(kTimeoutMs)); // running: it has written its first progress
    QVERIFY(runner.isActive(job.value()));

    AccountWorker worker(*m_layout);
    AccountDeleter deleter(&worker, m_keyStore.get(), &runner);
    QSignalSpy deleted(&deleter, &AccountDeleter::deleted);
    QSignalSpy refused(&deleter, &AccountDeleter::failed);
    deleter.deleteAccount(ada, kAdaPassword);
    QVERIFY(deleted.wait(kTimeoutMs));
    QVERIFY2(refused.isEmpty(),
             refused.isEmpty() ? "" : qPrintable(refused.first().at(1).toString()));

    // The job stopped, as cancelled, and never finished.
    QVERIFY(!runner.isActive(job.value()));
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), kTimeoutMs);
    QCOMPARE(failed.first().at(1).toLongLong(), job.value());
    QCOMPARE(failed.first().at(2).toString(), QStringLiteral("cancelled"));
    QVERIFY(finished.isEmpty());
    // Keys, folders, rows and the marker are gone; bob keeps everything.
    QVERIFY(m_keyStore->entriesOf(uuidOf(ada)).isEmpty());
    QCOMPARE(m_keyStore->entriesOf(uuidOf(bob)).size(), KeyStore::providers().size());
    QVERIFY(!QFileInfo::exists(m_layout->userDir(uuidOf(ada))));
    JobStore store(m_layout->databasePath());
    QVERIFY(!store.open().isError());
    QCOMPARE(store.user(ada).error().type, ErrorType::NotFound);
    QCOMPARE(store.job(ada, job.value()).error().type, ErrorType::NotFound);
    QVERIFY(store.user(bob).ok());
    QVERIFY(DeletionMarkers(m_layout->root()).markedIds().isEmpty());
}

void TestAccountDeletion::wrongPasswordDeletesNothing() {
    const qint64 ada = signUp(QStringLiteral("ada"), kAdaPassword);
    QVERIFY(ada > 0);
    saveKeys(ada);
    const qint64 job = addJob(ada, QString(JobStatus::Running));
    AccountWorker worker(*m_layout);
    AccountDeleter deleter(&worker, m_keyStore.get(), nullptr);
    QSignalSpy refused(&deleter, &AccountDeleter::failed);
    deleter.deleteAccount(ada, QStringLiteral("not the password at all"));
    QVERIFY(refused.wait(kTimeoutMs));
    QCOMPARE(refused.first().at(2).toBool(), false); // nothing begun
    QCOMPARE(m_keyStore->entriesOf(uuidOf(ada)).size(), KeyStore::providers().size());
    QVERIFY(QFileInfo::exists(hh::test::jobDirOf(*m_layout, ada, job)));
    JobStore store(m_layout->databasePath());
    QVERIFY(!store.open().isError());
    QCOMPARE(store.job(ada, job)->status, QString(JobStatus::Running));
    QVERIFY(DeletionMarkers(m_layout->root()).markedIds().isEmpty());
}

void TestAccountDeletion::interruptedDeletionIsFinishedAtNextStart() {
    const qint64 ada = signUp(QStringLiteral("ada"), kAdaPassword);
    QVERIFY(ada > 0);
    saveKeys(ada);
    const qint64 running = addJob(ada, QString(JobStatus::Running));
    const qint64 pending = addJob(ada, QString(JobStatus::Pending));
    {
        // The first stages, then a "crash": the objects are dropped mid-deletion.
        JobStore store(m_layout->databasePath());
        QVERIFY(!store.open().isError());
        AccountService accounts(store, *m_layout);
        const auto cancelled = accounts.beginDeletion(ada, kAdaPassword);
        QVERIFY2(cancelled.ok(), qPrintable(cancelled.error().message));
        QCOMPARE(cancelled.value().size(), 2);
    }
    {
        // Between the crash and the next start: nobody signs in to it, its jobs say cancelled.
        JobStore store(m_layout->databasePath());
        QVERIFY(!store.open().isError());
        AccountService accounts(store, *m_layout);
        const auto signedIn = accounts.signIn(QStringLiteral("ada"), kAdaPassword);
        QVERIFY(!signedIn.ok());
        QVERIFY(signedIn.error().message.contains(QLatin1String("being deleted")));
        QCOMPARE(store.job(ada, running)->status, QString(JobStatus::Cancelled));
        QCOMPARE(store.job(ada, pending)->status, QString(JobStatus::Cancelled));
        QVERIFY(QFileInfo::exists(m_layout->userDir(uuidOf(ada))));
        QCOMPARE(m_keyStore->entriesOf(uuidOf(ada)).size(), KeyStore::providers().size());
    }
    {
        // A start whose keychain fails: nothing more is deleted, the marker stays.
        m_keyStore->failRemoves = true;
        AccountWorker worker(*m_layout);
        AccountDeleter deleter(&worker, m_keyStore.get(), nullptr);
        QSignalSpy done(&deleter, &AccountDeleter::pendingFinished);
        deleter.finishPending();
        QVERIFY(done.wait(kTimeoutMs));
        QCOMPARE(done.first().at(0).toInt(), 0);
        QVERIFY(!done.first().at(1).toString().isEmpty());
        QVERIFY(QFileInfo::exists(m_layout->userDir(uuidOf(ada))));
        QCOMPARE(DeletionMarkers(m_layout->root()).markedIds(), QList<qint64>{ada});
    }
    {
        // A video of the account still held by another program (its lease is live):
        // its folder is not pulled away; the deletion waits for a later start.
        m_keyStore->failRemoves = false;
        JobLease held(hh::test::jobDirOf(*m_layout, ada, running));
        QVERIFY(!held.acquire(running).isError());
        AccountWorker worker(*m_layout);
        AccountDeleter deleter(&worker, m_keyStore.get(), nullptr);
        QSignalSpy done(&deleter, &AccountDeleter::pendingFinished);
        deleter.finishPending();
        QVERIFY(done.wait(kTimeoutMs));
        QCOMPARE(done.first().at(0).toInt(), 0);
        QVERIFY2(done.first().at(1).toString().contains(QLatin1String("still being made")),
                 qPrintable(done.first().at(1).toString()));
        QVERIFY(QFileInfo::exists(m_layout->userDir(uuidOf(ada))));
        QCOMPARE(DeletionMarkers(m_layout->root()).markedIds(), QList<qint64>{ada});
    }
    {
        // The next start finishes it.
        m_keyStore->failRemoves = false;
        AccountWorker worker(*m_layout);
        AccountDeleter deleter(&worker, m_keyStore.get(), nullptr);
        QSignalSpy done(&deleter, &AccountDeleter::pendingFinished);
        deleter.finishPending();
        QVERIFY(done.wait(kTimeoutMs));
        QCOMPARE(done.first().at(0).toInt(), 1);
        QVERIFY2(done.first().at(1).toString().isEmpty(),
                 qPrintable(done.first().at(1).toString()));
    }
    QVERIFY(m_keyStore->entriesOf(uuidOf(ada)).isEmpty());
    QVERIFY(!QFileInfo::exists(m_layout->userDir(uuidOf(ada))));
    JobStore store(m_layout->databasePath());
    QVERIFY(!store.open().isError());
    QCOMPARE(store.user(ada).error().type, ErrorType::NotFound);
    QVERIFY(DeletionMarkers(m_layout->root()).markedIds().isEmpty());
}

void TestAccountDeletion::staleMarkerNeverDeletesANewAccount() {
    const qint64 ada = signUp(QStringLiteral("ada"), kAdaPassword);
    QVERIFY(ada > 0);
    {
        JobStore store(m_layout->databasePath());
        QVERIFY(!store.open().isError());
        QVERIFY(!DeletionMarkers(m_layout->root()).write(store.user(ada).value()).isError());
    }
    // The database is lost; the next account gets ada's id again.
    for (const char* suffix : {"", "-wal", "-shm"})
        QFile::remove(m_layout->databasePath() + QLatin1String(suffix));
    const qint64 bob = signUp(QStringLiteral("bob"), kBobPassword);
    QCOMPARE(bob, ada);
    saveKeys(bob);
    addJob(bob, QString(JobStatus::Pending));

    AccountWorker worker(*m_layout);
    AccountDeleter deleter(&worker, m_keyStore.get(), nullptr);
    QSignalSpy done(&deleter, &AccountDeleter::pendingFinished);
    deleter.finishPending();
    QVERIFY(done.wait(kTimeoutMs));
    QCOMPARE(done.first().at(0).toInt(), 0);
    QCOMPARE(m_keyStore->entriesOf(uuidOf(bob)).size(), KeyStore::providers().size());
    QVERIFY(QFileInfo::exists(m_layout->userDir(uuidOf(bob))));
    QVERIFY(DeletionMarkers(m_layout->root()).markedIds().isEmpty());
    JobStore store(m_layout->databasePath());
    QVERIFY(!store.open().isError());
    AccountService accounts(store, *m_layout);
    QCOMPARE(accounts.signIn(QStringLiteral("bob"), kBobPassword).value(), bob);
}

QTEST_MAIN(TestAccountDeletion)
#include "tst_account_deletion.moc"
