// SPDX-License-Identifier: GPL-3.0-or-later
// The job queue: jobs wait as `queued` rows and start as CPU slots free; the
// limit applies live; queued jobs move to the top, pause and cancel without
// running; the queue survives a restart in order and a dead process's queue is
// adopted; a job waiting for a cloud provider leaves its slot to an offline job.
#include "FakeHttpServer.h"
#include "ProviderFakes.h"
#include "StorageIds.h"
#include "TestUtil.h"
#include "jobs/EventLog.h"
#include "jobs/JobQueue.h"
#include "jobs/JobRunner.h"
#include "jobs/JobStore.h"
#include "providers/SecretSource.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace hh;

namespace {

JobOptions quickOptions() {
    JobOptions options;
    options.input = hh::test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml"));
    options.durationSeconds = 30;
    options.x264Preset = QStringLiteral("ultrafast");
    return options;
}

RunnerSettings oneAtOnce() {
    RunnerSettings settings;
    settings.maxConcurrentJobs = 1;
    return settings;
}

struct Fixture {
    QTemporaryDir dir;
    DataLayout layout{dir.path()};
    JobStore store{layout.databasePath()};
    qint64 ada = 0;

    bool init() {
        if (store.open().isError())
            return false;
        ada = store.createUser(QStringLiteral("ada"), QStringLiteral("!")).value();
        return ada > 0;
    }
    QString status(qint64 job) { return store.job(ada, job).value().status; }
    QList<qint64> queue() {
        QList<qint64> ids;
        const auto queued = store.queuedJobs(ada);
        for (const JobRecord& record : queued.value())
            ids << record.id;
        return ids;
    }
    // A job row with its folder, queued by `owner` as another process would leave it.
    qint64 queuedRow(const QString& owner) {
        const qint64 id = store
                              .createJob(ada, QStringLiteral("x"), QStringLiteral("x"),
                                         QStringLiteral("jats"), quickOptions().toJson())
                              .value();
        if (test::ensureJobDirOf(layout, ada, id).isError() ||
            store.enqueue(ada, id, owner).isError())
            return 0;
        return id;
    }
};

// Cancels every job (the queued ones first, so a freed slot starts nothing) and waits.
bool stopAll(JobRunner& runner, Fixture& f, const QList<qint64>& jobs) {
    for (const qint64 job : jobs) {
        if (f.status(job) == JobStatus::Queued)
            runner.cancel(f.ada, job);
    }
    for (const qint64 job : jobs)
        runner.cancel(f.ada, job);
    return runner.waitForDone(60000);
}

bool progressOf(const QSignalSpy& spy, qint64 job) {
    for (const auto& args : spy) {
        if (args.at(1).toLongLong() == job)
            return true;
    }
    return false;
}

} // namespace

class TestJobQueue : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<qint64>("qint64"); }
    void oneSlotQueuesTheRestAndRaisingTheLimitStartsTheNext();
    void moveToTopRunsThatJobNext();
    void cancelledQueuedJobNeverRuns();
    void pausedQueuedJobWaitsUntilResumed();
    void queueSurvivesARestartInOrder();
    void interruptedJobsGoFirst();
    void queueOfADeadProcessIsAdopted_data();
    void queueOfADeadProcessIsAdopted();
    void cloudStepLeavesItsSlotToAnOfflineJob();
    void jobBackFromTheCloudWaitsForAFreeSlot();
    void rateLimitedStepCountsDownItsWait();
};

void TestJobQueue::oneSlotQueuesTheRestAndRaisingTheLimitStartsTheNext() {
    Fixture f;
    QVERIFY(f.init());
    JobRunner runner(f.layout, oneAtOnce());
    QSignalSpy queueChanged(&runner, &JobRunner::queueChanged);
    QSignalSpy progress(&runner, &JobRunner::progressChanged);
    const qint64 a = runner.submit(f.ada, quickOptions()).value();
    const qint64 b = runner.submit(f.ada, quickOptions()).value();
    const qint64 c = runner.submit(f.ada, quickOptions()).value();
    QCOMPARE(f.status(a), QString(JobStatus::Running));
    QCOMPARE(f.status(b), QString(JobStatus::Queued));
    QCOMPARE(f.status(c), QString(JobStatus::Queued));
    QCOMPARE(f.queue(), (QList<qint64>{b, c})); // 1st and 2nd in line
    QVERIFY(queueChanged.count() >= 3);
    QCOMPARE(queueChanged.first().at(0).toLongLong(), f.ada);

    // Live, no restart: the second starts at once, the third still waits.
    runner.setMaxConcurrentJobs(2);
    QCOMPARE(runner.maxConcurrentJobs(), 2);
    QCOMPARE(f.status(b), QString(JobStatus::Running));
    QCOMPARE(f.status(c), QString(JobStatus::Queued));
    QCOMPARE(f.queue(), QList<qint64>{c});
    QTRY_VERIFY_WITH_TIMEOUT(progressOf(progress, b), 30000);
    QVERIFY(!progressOf(progress, c));
    QVERIFY(stopAll(runner, f, {a, b, c}));
}

void TestJobQueue::moveToTopRunsThatJobNext() {
    Fixture f;
    QVERIFY(f.init());
    JobRunner runner(f.layout, oneAtOnce());
    QSignalSpy queueChanged(&runner, &JobRunner::queueChanged);
    const qint64 a = runner.submit(f.ada, quickOptions()).value();
    const qint64 b = runner.submit(f.ada, quickOptions()).value();
    const qint64 c = runner.submit(f.ada, quickOptions()).value();
    queueChanged.clear();
    QVERIFY(!runner.moveToTop(f.ada, c).isError());
    QCOMPARE(queueChanged.count(), 1);
    QCOMPARE(f.queue(), (QList<qint64>{c, b}));
    // Only a queued job moves.
    QVERIFY(runner.moveToTop(f.ada, a).isError());

    QVERIFY(!runner.cancel(f.ada, a).isError()); // frees the slot
    QTRY_COMPARE_WITH_TIMEOUT(f.status(c), QString(JobStatus::Running), 30000);
    QCOMPARE(f.status(b), QString(JobStatus::Queued));
    QVERIFY(stopAll(runner, f, {a, b, c}));
}

void TestJobQueue::cancelledQueuedJobNeverRuns() {
    Fixture f;
    QVERIFY(f.init());
    QTemporaryDir logDir;
    EventLog log(logDir.path());
    JobRunner runner(f.layout, oneAtOnce(), &log);
    QSignalSpy progress(&runner, &JobRunner::progressChanged);
    QSignalSpy finished(&runner, &JobRunner::jobFinished);
    const qint64 a = runner.submit(f.ada, quickOptions()).value();
    const qint64 b = runner.submit(f.ada, quickOptions()).value();
    QVERIFY(!runner.cancel(f.ada, b).isError());
    QCOMPARE(f.status(b), QString(JobStatus::Cancelled));
    QVERIFY(f.queue().isEmpty());

    QVERIFY(finished.wait(120000));
    QCOMPARE(finished.first().at(1).toLongLong(), a);
    QVERIFY(runner.waitForDone(10000));
    QCoreApplication::processEvents(); // the freed slot's dispatch, had there been one
    QCOMPARE(f.status(b), QString(JobStatus::Cancelled));
    QVERIFY(!runner.isActive(b));
    QVERIFY(!progressOf(progress, b));
    QVERIFY(!QFile::exists(test::jobDirOf(f.layout, f.ada, b) + QStringLiteral("/paper.json")));
    QFile file(log.filePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray lines = file.readAll();
    QVERIFY(lines.contains(",\"job\":" + QByteArray::number(a) + ','));
    QVERIFY2(!lines.contains(",\"job\":" + QByteArray::number(b) + ','), lines.constData());
}

void TestJobQueue::pausedQueuedJobWaitsUntilResumed() {
    Fixture f;
    QVERIFY(f.init());
    JobRunner runner(f.layout, oneAtOnce());
    QSignalSpy failed(&runner, &JobRunner::jobFailed);
    const qint64 a = runner.submit(f.ada, quickOptions()).value();
    const qint64 b = runner.submit(f.ada, quickOptions()).value();
    QVERIFY(!runner.pause(f.ada, b).isError());
    QCOMPARE(f.status(b), QString(JobStatus::Paused));
    QVERIFY(f.queue().isEmpty());
    QVERIFY(runner.pause(f.ada, a).isError()); // running: not the queue's to pause

    QVERIFY(!runner.cancel(f.ada, a).isError());
    QVERIFY(failed.wait(60000));
    QVERIFY(runner.waitForDone(10000));
    QCoreApplication::processEvents();
    QCOMPARE(f.status(b), QString(JobStatus::Paused)); // the free slot did not take it
    QVERIFY(!runner.isActive(b));

    QVERIFY(!runner.resume(f.ada, b).isError());
    QCOMPARE(f.status(b), QString(JobStatus::Running));
    QVERIFY(stopAll(runner, f, {a, b}));
}

void TestJobQueue::queueSurvivesARestartInOrder() {
    Fixture f;
    QVERIFY(f.init());
    qint64 a = 0, b = 0, c = 0;
    {
        JobRunner first(f.layout, oneAtOnce());
        a = first.submit(f.ada, quickOptions()).value();
        b = first.submit(f.ada, quickOptions()).value();
        c = first.submit(f.ada, quickOptions()).value();
        QVERIFY(!first.moveToTop(f.ada, c).isError());
    } // quitting stops the running job; the waiting ones stay in the table
    QCOMPARE(f.status(b), QString(JobStatus::Queued));
    QCOMPARE(f.queue(), (QList<qint64>{c, b}));

    JobRunner second(f.layout, oneAtOnce());
    QCOMPARE(second.restoreQueue(f.ada), 1); // one started, one waits
    QCOMPARE(f.status(c), QString(JobStatus::Running));
    QCOMPARE(f.status(b), QString(JobStatus::Queued));
    QVERIFY(!second.cancel(f.ada, c).isError());
    QTRY_COMPARE_WITH_TIMEOUT(f.status(b), QString(JobStatus::Running), 30000);
    QVERIFY(stopAll(second, f, {a, b, c}));
}

void TestJobQueue::interruptedJobsGoFirst() {
    Fixture f;
    QVERIFY(f.init());
    // A crash left one job running and one waiting.
    const qint64 waiting = f.queuedRow(JobQueue::currentOwner());
    const qint64 crashed = f.queuedRow(JobQueue::currentOwner());
    QVERIFY(waiting > 0 && crashed > 0);
    QVERIFY(f.store.claimQueued(f.ada, crashed).value());
    QCOMPARE(f.status(crashed), QString(JobStatus::Running));

    JobRunner runner(f.layout, oneAtOnce());
    QCOMPARE(runner.resumeInterrupted(f.ada), 1);
    QVERIFY(runner.isActive(crashed));
    QCOMPARE(f.status(waiting), QString(JobStatus::Queued));
    QVERIFY(stopAll(runner, f, {waiting, crashed}));
}

void TestJobQueue::queueOfADeadProcessIsAdopted_data() {
    QTest::addColumn<QString>("owner");
    QTest::addColumn<bool>("adopted");
    QProcess ended;
    ended.start(QStringLiteral("true"), {});
    const bool started = ended.waitForStarted();
    const qint64 deadPid = started ? ended.processId() : 0;
    ended.waitForFinished();
    const QString host = QSysInfo::machineHostName();
    QTest::newRow("killed CLI") << QStringLiteral("%1@%2").arg(deadPid).arg(host) << true;
    QTest::newRow("no owner") << QString() << true;
    QTest::newRow("live process") << QStringLiteral("1@%1").arg(host) << false;
    QTest::newRow("other computer") << QStringLiteral("1@elsewhere.invalid") << false;
}

void TestJobQueue::queueOfADeadProcessIsAdopted() {
    QFETCH(QString, owner);
    QFETCH(bool, adopted);
    Fixture f;
    QVERIFY(f.init());
    const qint64 job = f.queuedRow(owner);
    QVERIFY(job > 0);
    JobRunner runner(f.layout, oneAtOnce());
    runner.restoreQueue(f.ada);
    QCOMPARE(f.status(job), adopted ? QString(JobStatus::Running) : QString(JobStatus::Queued));
    QCOMPARE(runner.isActive(job), adopted);
    if (!adopted) // Retry here says where it waits instead of doing nothing
        QCOMPARE(runner.resume(f.ada, job).type, ErrorType::Busy);
    if (adopted)
        QVERIFY(stopAll(runner, f, {job}));
}

void TestJobQueue::cloudStepLeavesItsSlotToAnOfflineJob() {
    Fixture f;
    QVERIFY(f.init());
    // A Gemini that holds its answer until the test lets it go.
    QSemaphore gate;
    test::FakeHttpServer gemini;
    const QByteArray answer =
        test::geminiReplyEnvelope(test::testData(QStringLiteral("llm_script/script-good.json")),
                                  QStringLiteral("STOP"), {900, 200, 0});
    gemini.setHandler([&gate, answer](const test::FakeRequest&) {
        gate.tryAcquire(1, 180000);
        return test::FakeReply::json(200, answer);
    });
    struct Opener {
        QSemaphore& gate;
        ~Opener() { gate.release(100); } // never leave the server thread blocked
    } opener{gate};
    ProviderConfig config;
    config.geminiBase = gemini.url();
    auto secrets = std::make_shared<MemorySecrets>();
    secrets->setSecret(ProviderId::Gemini, QStringLiteral("AIza-test-key"));
    JobRunner runner(f.layout, oneAtOnce());
    runner.setProviderHub(std::make_shared<ProviderHub>(config, secrets));
    QSignalSpy finished(&runner, &JobRunner::jobFinished);

    JobOptions cloud = quickOptions();
    cloud.scriptProvider = QStringLiteral("gemini");
    const qint64 a = runner.submit(f.ada, cloud).value();
    const qint64 b = runner.submit(f.ada, quickOptions()).value();
    // While Gemini writes a's script, b (all offline) runs to its video.
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 1, 120000);
    QCOMPARE(finished.first().at(1).toLongLong(), b);
    QCOMPARE(f.store.job(f.ada, a).value().currentStep, QStringLiteral("generate-script"));
    QCOMPARE(f.status(a), QString(JobStatus::Running));
    QCOMPARE(gemini.requestCount(), 1);

    // Once Gemini answers, a takes a slot back for its offline steps and finishes.
    gate.release();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 120000);
    QCOMPARE(f.status(a), QString(JobStatus::Completed));
}

// Gemini answers while the offline job renders: the first job says it waits for
// a slot, and its next local step starts only once the render is done.
void TestJobQueue::jobBackFromTheCloudWaitsForAFreeSlot() {
    Fixture f;
    QVERIFY(f.init());
    QSemaphore gate;
    test::FakeHttpServer gemini;
    const QByteArray answer =
        test::geminiReplyEnvelope(test::testData(QStringLiteral("llm_script/script-good.json")),
                                  QStringLiteral("STOP"), {900, 200, 0});
    gemini.setHandler([&gate, answer](const test::FakeRequest&) {
        gate.tryAcquire(1, 180000);
        return test::FakeReply::json(200, answer);
    });
    struct Opener {
        QSemaphore& gate;
        ~Opener() { gate.release(100); }
    } opener{gate};
    ProviderConfig config;
    config.geminiBase = gemini.url();
    auto secrets = std::make_shared<MemorySecrets>();
    secrets->setSecret(ProviderId::Gemini, QStringLiteral("AIza-test-key"));
    JobRunner runner(f.layout, oneAtOnce());
    runner.setProviderHub(std::make_shared<ProviderHub>(config, secrets));
    QSignalSpy finished(&runner, &JobRunner::jobFinished);

    JobOptions cloud = quickOptions();
    cloud.scriptProvider = QStringLiteral("gemini");
    qint64 b = 0;
    bool opened = false;
    bool bDone = false;
    bool aWaited = false;
    bool aAudioSeen = false;
    bool aAudioAfterB = false;
    const qint64 a = runner.submit(f.ada, cloud).value();
    connect(&runner, &JobRunner::progressChanged, this,
            [&](qint64, qint64 job, const QString& step, int, const QString& detail) {
                if (job == b && step == QLatin1String("add-captions") && !opened) {
                    opened = true;
                    gate.release(); // Gemini answers while b renders
                }
                if (job == b && step == QLatin1String("add-captions") &&
                    detail == QLatin1String("done"))
                    bDone = true;
                if (job == a && detail == QLatin1String("waiting for a free slot"))
                    aWaited = true;
                if (job == a && step == QLatin1String("generate-audio") &&
                    detail != QLatin1String("waiting for a free slot") && !aAudioSeen) {
                    aAudioSeen = true;
                    aAudioAfterB = bDone;
                }
            });
    b = runner.submit(f.ada, quickOptions()).value();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 240000);
    QVERIFY(opened);
    QVERIFY(aWaited);
    QVERIFY(aAudioAfterB);
    QCOMPARE(finished.first().at(1).toLongLong(), b);
    QCOMPARE(f.status(a), QString(JobStatus::Completed));
}

QTEST_MAIN(TestJobQueue)
// Gemini answers 429 with Retry-After: 2 before the script: the job's progress says
// what it waits for and counts down, then goes on (no frozen bar, no failure).
void TestJobQueue::rateLimitedStepCountsDownItsWait() {
    Fixture f;
    QVERIFY(f.init());
    test::FakeHttpServer gemini;
    gemini.enqueue(test::FakeReply::json(429, R"({"error":{"code":429,"status":)"
                                              R"("RESOURCE_EXHAUSTED","message":"slow down"}})")
                       .withHeader("Retry-After", "2"));
    gemini.setHandler([](const test::FakeRequest&) {
        return test::FakeReply::json(
            200,
            test::geminiReplyEnvelope(test::testData(QStringLiteral("llm_script/script-good.json")),
                                      QStringLiteral("STOP"), {900, 200, 0}));
    });
    ProviderConfig config;
    config.geminiBase = gemini.url();
    auto secrets = std::make_shared<MemorySecrets>();
    secrets->setSecret(ProviderId::Gemini, QStringLiteral("AIza-test-key"));
    JobRunner runner(f.layout, oneAtOnce());
    runner.setProviderHub(std::make_shared<ProviderHub>(config, secrets));
    QSignalSpy progress(&runner, &JobRunner::progressChanged);
    QSignalSpy finished(&runner, &JobRunner::jobFinished);
    JobOptions cloud = quickOptions();
    cloud.scriptProvider = QStringLiteral("gemini");
    runner.submit(f.ada, cloud);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
    QStringList waits;
    for (const auto& args : std::as_const(progress)) {
        const QString detail = args.at(4).toString();
        if (detail.startsWith(QLatin1String("Waiting for")))
            waits << detail;
    }
    QVERIFY2(!waits.isEmpty(), "no waiting detail was reported");
    // Counting down from the 2 s Gemini asked for (a tick may fall between two signals).
    static const QRegularExpression countdown(
        QStringLiteral("^Waiting for Google Gemini: rate limit, retrying in (\\d) s$"));
    int previous = 2;
    for (const QString& wait : std::as_const(waits)) {
        const auto match = countdown.match(wait);
        QVERIFY2(match.hasMatch(), qPrintable(wait));
        QVERIFY(match.captured(1).toInt() <= previous);
        previous = match.captured(1).toInt();
    }
    // The bar stays where the step is: the wait never sends it back to 0.
    for (const auto& args : std::as_const(progress)) {
        if (args.at(4).toString().startsWith(QLatin1String("Waiting for")))
            QVERIFY(args.at(3).toInt() > 0);
    }
}

#include "tst_job_queue.moc"
