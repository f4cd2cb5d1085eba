// SPDX-License-Identifier: GPL-3.0-or-later
// The job runner: the row is the truth, signals arrive on the receiver's thread,
// cancel/retry/pause/resume and crash recovery work from the first missing step.
#include "StorageIds.h"
#include "TestUtil.h"
#include "jobs/JobRunner.h"
#include "jobs/JobStore.h"
#include "render/VideoProbe.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace hh;

namespace {

QString tinyPaper() {
    return hh::test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml"));
}

JobOptions quickOptions(const QString& input = tinyPaper()) {
    JobOptions options;
    options.input = input;
    options.durationSeconds = 30;
    options.x264Preset = QStringLiteral("ultrafast");
    return options;
}

struct Fixture {
    QTemporaryDir dir;
    DataLayout layout{dir.path()};
    JobStore store{layout.databasePath()};
    qint64 ada = 0;
    qint64 bob = 0;

    bool init() {
        if (store.open().isError())
            return false;
        ada = store.createUser(QStringLiteral("ada"), QStringLiteral("!")).value();
        bob = store.createUser(QStringLiteral("bob"), QStringLiteral("!")).value();
        return ada > 0 && bob > 0;
    }
    JobRecord row(qint64 user, qint64 job) { return store.job(user, job).value(); }
};

} // namespace

class TestJobRunner : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<qint64>("qint64"); }
    void jobCompletesWithRowAndThrottledSignals();
    void failureIsRecordedWithItsErrorType();
    void cancelStopsAndRetryResumesFromMissingStep();
    void cancelFromAnotherConnectionStopsTheWorker();
    void pauseAfterScriptThenResume();
    void interruptedJobResumesAfterRestart();
    void otherAccountsCannotTouchAJob_data();
    void otherAccountsCannotTouchAJob();
    void rendersNeverOverlap();
};

void TestJobRunner::jobCompletesWithRowAndThrottledSignals() {
    Fixture f;
    QVERIFY(f.init());
    JobRunner runner(f.layout);
    QSignalSpy progress(&runner, &JobRunner::progressChanged);
    QSignalSpy finished(&runner, &JobRunner::jobFinished);
    QElapsedTimer clock;
    clock.start();
    QList<qint64> stamps;
    qint64 halfWayMs = -1;
    connect(&runner, &JobRunner::progressChanged, this,
            [&stamps, &clock, &halfWayMs](qint64, qint64, const QString&, int percent) {
                QCOMPARE(QThread::currentThread(), qApp->thread()); // queued to the receiver
                stamps << clock.elapsed();
                if (percent >= 50 && halfWayMs < 0)
                    halfWayMs = clock.elapsed();
            });
    const auto id = runner.submit(f.ada, quickOptions());
    QVERIFY(id.ok());
    // A free slot: the queue starts it at once.
    QCOMPARE(f.row(f.ada, id.value()).status, QString(JobStatus::Running));
    QVERIFY(finished.wait(120000));
    QCOMPARE(finished.first().at(1).toLongLong(), id.value());

    const JobRecord row = f.row(f.ada, id.value());
    QCOMPARE(row.status, QString(JobStatus::Completed));
    QCOMPARE(row.progressPercent, 100);
    QCOMPARE(row.paperTitle, QStringLiteral("Honeybees count to four"));
    QVERIFY(QFile::exists(row.finalVideoPath));
    QVERIFY(row.finalVideoPath.startsWith(test::jobDirOf(f.layout, f.ada, id.value())));

    int last = -1;
    for (const auto& args : progress) {
        QVERIFY(args.at(3).toInt() >= last);
        last = args.at(3).toInt();
    }
    QCOMPARE(last, 100);
    // The bar moves with the work: each step's share is its cost, so the job is
    // half done in the middle third of its time, not at the first second (the
    // bar used to give each step a fifth, and the frame loop, nearly all of an
    // offline job, only the last).
    const qint64 wallMs = clock.elapsed();
    QVERIFY2(halfWayMs > wallMs / 3 && halfWayMs < wallMs * 2 / 3,
             qPrintable(QStringLiteral("50 %% at %1 ms of %2 ms").arg(halfWayMs).arg(wallMs)));
    // The row knows how long the job ran and how long its video is.
    const VideoProbe made = VideoProbe::probe(row.finalVideoPath);
    QVERIFY(made.ok);
    QCOMPARE(row.videoMs, qRound64(made.durationSeconds * 1000.0));
    QVERIFY(row.runMs > 0 && row.runMs <= wallMs + 1000);
    QVERIFY(!row.runningSince.isValid());
    // ≤ 10 a second, plus the step boundaries which always get through.
    const double seconds = std::max<qint64>(1, clock.elapsed()) / 1000.0;
    QVERIFY2(progress.count() <= seconds * 10 + 16,
             qPrintable(QStringLiteral("%1 signals in %2 s").arg(progress.count()).arg(seconds)));
}

void TestJobRunner::failureIsRecordedWithItsErrorType() {
    Fixture f;
    QVERIFY(f.init());
    JobRunner runner(f.layout);
    QSignalSpy failed(&runner, &JobRunner::jobFailed);
    const auto id =
        runner.submit(f.ada, quickOptions(hh::test::corpusPath(QStringLiteral(
                                 "pdf_problem/cermine_simple_scanned_image_only.pdf"))));
    QVERIFY(id.ok());
    QVERIFY(failed.wait(60000));
    QCOMPARE(failed.first().at(2).toString(), QStringLiteral("no_text"));
    const JobRecord row = f.row(f.ada, id.value());
    QCOMPARE(row.status, QString(JobStatus::Failed));
    QCOMPARE(row.errorType, QStringLiteral("no_text"));
    QVERIFY(row.errorMessage.contains(QStringLiteral("OCR")));
    QCOMPARE(row.currentStep, QStringLiteral("fetch-paper"));
}

void TestJobRunner::cancelStopsAndRetryResumesFromMissingStep() {
    Fixture f;
    QVERIFY(f.init());
    JobRunner runner(f.layout);
    QSignalSpy failed(&runner, &JobRunner::jobFailed);
    QSignalSpy finished(&runner, &JobRunner::jobFinished);
    qint64 jobId = 0;
    bool cancelled = false;
    connect(&runner, &JobRunner::progressChanged, this,
            [&](qint64, qint64, const QString& step, int percent) {
                if (!cancelled && step == QLatin1String("add-captions") && percent > 81) {
                    cancelled = true;
                    QVERIFY(!runner.cancel(f.ada, jobId).isError());
                }
            });
    jobId = runner.submit(f.ada, quickOptions()).value();
    QVERIFY(failed.wait(120000));
    QCOMPARE(failed.first().at(2).toString(), QStringLiteral("cancelled"));
    QVERIFY(runner.waitForDone(10000));
    QCOMPARE(f.row(f.ada, jobId).status, QString(JobStatus::Cancelled));
    QVERIFY(!QFile::exists(test::jobDirOf(f.layout, f.ada, jobId) +
                           QStringLiteral("/final_video.mp4")));

    QSignalSpy progress(&runner, &JobRunner::progressChanged);
    QVERIFY(!runner.resume(f.ada, jobId).isError());
    QVERIFY(finished.wait(120000));
    QVERIFY(!progress.isEmpty());
    // Nothing before the last step ran again.
    for (const auto& args : progress)
        QCOMPARE(args.at(2).toString(), QStringLiteral("add-captions"));
    QCOMPARE(f.row(f.ada, jobId).status, QString(JobStatus::Completed));
}

void TestJobRunner::cancelFromAnotherConnectionStopsTheWorker() {
    Fixture f;
    QVERIFY(f.init());
    JobRunner runner(f.layout, RunnerSettings{2, 100, 100});
    QSignalSpy failed(&runner, &JobRunner::jobFailed);
    qint64 jobId = 0;
    bool cancelled = false;
    // Like `hiddenhill-cli jobs cancel` in another process: only the row changes.
    connect(&runner, &JobRunner::progressChanged, this, [&](qint64, qint64, const QString& step) {
        if (!cancelled && step == QLatin1String("add-captions")) {
            cancelled = true;
            JobStore other(f.layout.databasePath());
            QVERIFY(!other.open().isError());
            QVERIFY(!other
                         .fail(f.ada, jobId, ErrorType::Cancelled,
                               QStringLiteral("cancelled by the user"))
                         .isError());
        }
    });
    jobId = runner.submit(f.ada, quickOptions()).value();
    QVERIFY(failed.wait(120000));
    QCOMPARE(failed.first().at(2).toString(), QStringLiteral("cancelled"));
    QCOMPARE(f.row(f.ada, jobId).status, QString(JobStatus::Cancelled));
}

void TestJobRunner::pauseAfterScriptThenResume() {
    Fixture f;
    QVERIFY(f.init());
    JobRunner runner(f.layout);
    QSignalSpy paused(&runner, &JobRunner::jobPaused);
    QSignalSpy finished(&runner, &JobRunner::jobFinished);
    JobOptions options = quickOptions();
    options.pauseAfterScript = true;
    const qint64 jobId = runner.submit(f.ada, options).value();
    QVERIFY(paused.wait(60000));
    JobRecord row = f.row(f.ada, jobId);
    QCOMPARE(row.status, QString(JobStatus::Paused));
    QCOMPARE(row.currentStep, QStringLiteral("generate-audio"));
    QCOMPARE(row.progressPercent, ProgressPlan::forJob(options).startPercent(Step::GenerateAudio));
    QVERIFY(QFile::exists(test::jobDirOf(f.layout, f.ada, jobId) + QStringLiteral("/script.json")));
    QVERIFY(
        !QFile::exists(test::jobDirOf(f.layout, f.ada, jobId) + QStringLiteral("/narration.wav")));
    QVERIFY(runner.waitForDone(10000));

    QVERIFY(!runner.resume(f.ada, jobId).isError());
    QVERIFY(finished.wait(120000));
    QCOMPARE(f.row(f.ada, jobId).status, QString(JobStatus::Completed));
}

void TestJobRunner::interruptedJobResumesAfterRestart() {
    Fixture f;
    QVERIFY(f.init());
    // A crash left the row `running` with the first two artifacts written.
    const qint64 jobId = f.store
                             .createJob(f.ada, QStringLiteral("x"), QStringLiteral("x"),
                                        QStringLiteral("jats"), quickOptions().toJson())
                             .value();
    QVERIFY(!test::ensureJobDirOf(f.layout, f.ada, jobId).isError());
    JobSteps partial(test::jobDirOf(f.layout, f.ada, jobId), quickOptions());
    QVERIFY(!partial.run({}, nullptr, Step::GenerateScript).isError());
    QVERIFY(!f.store.setRunning(f.ada, jobId, QStringLiteral("generate-audio"), 45).isError());
    // A half-written MP4 from the crash must not be trusted.
    QFile junk(test::jobDirOf(f.layout, f.ada, jobId) + QStringLiteral("/final_video.mp4"));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("not an mp4");
    junk.close();

    JobRunner runner(f.layout);
    QSignalSpy progress(&runner, &JobRunner::progressChanged);
    QSignalSpy finished(&runner, &JobRunner::jobFinished);
    QCOMPARE(runner.resumeInterrupted(f.bob), 0); // not Bob's
    QCOMPARE(runner.resumeInterrupted(f.ada), 1);
    QVERIFY(finished.wait(120000));
    QCOMPARE(progress.first().at(2).toString(), QStringLiteral("generate-audio"));
    const JobRecord row = f.row(f.ada, jobId);
    QCOMPARE(row.status, QString(JobStatus::Completed));
    QVERIFY(QFileInfo(row.finalVideoPath).size() > 10000);
}

void TestJobRunner::otherAccountsCannotTouchAJob_data() {
    QTest::addColumn<QString>("action");
    QTest::newRow("cancel") << "cancel";
    QTest::newRow("resume") << "resume";
}

void TestJobRunner::otherAccountsCannotTouchAJob() {
    QFETCH(QString, action);
    Fixture f;
    QVERIFY(f.init());
    const qint64 jobId = f.store
                             .createJob(f.ada, QStringLiteral("x"), QStringLiteral("Ada's paper"),
                                        QStringLiteral("jats"), quickOptions().toJson())
                             .value();
    QVERIFY(!f.store.fail(f.ada, jobId, ErrorType::Network, QStringLiteral("offline")).isError());
    JobRunner runner(f.layout);
    const Error error = action == QLatin1String("cancel") ? runner.cancel(f.bob, jobId)
                                                          : runner.resume(f.bob, jobId);
    QCOMPARE(error.type, ErrorType::NotFound);
    QVERIFY(!runner.isActive(jobId));
    QCOMPARE(f.row(f.ada, jobId).status, QString(JobStatus::Failed));
}

void TestJobRunner::rendersNeverOverlap() {
    Fixture f;
    QVERIFY(f.init());
    // One job at once: the second job's local work waits for the first's.
    JobRunner runner(f.layout, RunnerSettings{1, 100, 500});
    QSignalSpy finished(&runner, &JobRunner::jobFinished);
    QHash<qint64, QPair<qint64, qint64>> renderSpans;
    QElapsedTimer clock;
    clock.start();
    // The frame loop reports "frame N of M"; those reports of two jobs never interleave
    // (the final 100 % report comes after the CPU slot is released).
    connect(&runner, &JobRunner::progressChanged, this,
            [&](qint64, qint64 job, const QString& step, int, const QString& detail) {
                if (step == QLatin1String("add-captions") &&
                    detail.startsWith(QLatin1String("frame"))) {
                    auto& span = renderSpans[job];
                    if (span.first == 0)
                        span.first = clock.elapsed() + 1;
                    span.second = clock.elapsed() + 1;
                }
            });
    const qint64 a = runner.submit(f.ada, quickOptions()).value();
    const qint64 b = runner.submit(f.bob, quickOptions()).value();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 180000);
    const auto sa = renderSpans.value(a);
    const auto sb = renderSpans.value(b);
    QVERIFY(sa.first > 0 && sb.first > 0);
    QVERIFY2(sa.second <= sb.first || sb.second <= sa.first,
             qPrintable(QStringLiteral("a %1-%2, b %3-%4")
                            .arg(sa.first)
                            .arg(sa.second)
                            .arg(sb.first)
                            .arg(sb.second)));
}

QTEST_MAIN(TestJobRunner)
#include "tst_jobrunner.moc"
