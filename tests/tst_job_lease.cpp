// SPDX-License-Identifier: GPL-3.0-or-later
// One worker per job, across processes: while a CLI renders a job, a second CLI
// and the desktop app's runner are refused (and leave the row alone); the video
// is made exactly once and decodes end to end; a killed holder's lease is taken
// over and the job finished.
#include "StorageIds.h"
#include "TestUtil.h"
#include "jobs/DataLayout.h"
#include "jobs/JobLease.h"
#include "jobs/JobRunner.h"
#include "jobs/JobStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hh;

namespace {

constexpr int kTimeoutMs = 180000;

QStringList renderArguments(const QString& data) {
    // A paper long enough that its frame loop outlasts a second process's start.
    return {QStringLiteral("render"),
            hh::test::sourcePath(QStringLiteral("resources/sample/meselson-stahl-1958.xml")),
            QStringLiteral("--json"),
            QStringLiteral("--duration"),
            QStringLiteral("30"),
            QStringLiteral("--aspect"),
            QStringLiteral("1:1"),
            QStringLiteral("--data-dir"),
            data,
            QStringLiteral("--user"),
            QStringLiteral("ada")};
}

// Waits (on the process's output, not on the clock) until the render is in its
// frame loop: the lease is held and the MP4 is being written.
bool waitForFrameLoop(QProcess& render, QByteArray* seen) {
    QByteArray pending;
    while (render.state() == QProcess::Running) {
        if (!render.waitForReadyRead(kTimeoutMs))
            return false;
        const QByteArray chunk = render.readAllStandardOutput();
        *seen += chunk;
        pending += chunk;
        const int end = pending.lastIndexOf('\n');
        if (end < 0)
            continue;
        for (const QByteArray& line : pending.left(end).split('\n')) {
            const QJsonObject event = QJsonDocument::fromJson(line).object();
            if (event.value(QLatin1String("step")).toString() == QLatin1String("add-captions") &&
                event.value(QLatin1String("detail")).toString().startsWith(QLatin1String("frame")))
                return true;
        }
        pending = pending.mid(end + 1);
    }
    return false;
}

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run cli(const QStringList& args) {
    QProcess process;
    process.setProcessEnvironment(hh::test::cliEnvironment());
    process.start(QStringLiteral(HH_CLI_PATH), args);
    if (!process.waitForFinished(kTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

// Every frame and sample decodes: ffmpeg reports nothing at level "error".
QByteArray decodeErrors(const QString& video) {
    QProcess ffmpeg;
    ffmpeg.start(QStringLiteral("ffmpeg"),
                 {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"), video,
                  QStringLiteral("-f"), QStringLiteral("null"), QStringLiteral("-")});
    if (!ffmpeg.waitForFinished(kTimeoutMs))
        return "ffmpeg did not finish";
    return ffmpeg.readAllStandardError() + ffmpeg.readAllStandardOutput();
}

QStringList temporaries(const QString& jobDir) {
    return QDir(jobDir).entryList({QStringLiteral("*.part"), QStringLiteral("*.part.*")},
                                  QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden);
}

} // namespace

class TestJobLease : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<qint64>("qint64"); }
    void leaseIsExclusiveWithinAndAcrossObjects();
    void secondWorkerIsRefusedWhileTheFirstRuns();
    void killedHolderIsTakenOverAndTheJobFinished();
};

void TestJobLease::leaseIsExclusiveWithinAndAcrossObjects() {
    QTemporaryDir dir;
    JobLease first(dir.path());
    QVERIFY(!first.acquire(7).isError());
    QVERIFY(first.isHeld());
    JobLease second(dir.path());
    const Error refused = second.acquire(7);
    QCOMPARE(refused.type, ErrorType::Busy);
    QVERIFY2(refused.message.contains(QString::number(QCoreApplication::applicationPid())),
             qPrintable(refused.message));
    const auto holder = JobLease::holder(dir.path());
    QVERIFY(holder.has_value());
    QCOMPARE(holder->pid, QCoreApplication::applicationPid());
    first.release();
    QVERIFY(!JobLease::holder(dir.path()).has_value());
    QVERIFY(!second.acquire(7).isError());
}

void TestJobLease::secondWorkerIsRefusedWhileTheFirstRuns() {
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    QProcess render;
    render.setProcessEnvironment(hh::test::cliEnvironment());
    render.start(QStringLiteral(HH_CLI_PATH), renderArguments(data));
    QVERIFY(render.waitForStarted());
    QByteArray seen;
    QVERIFY2(waitForFrameLoop(render, &seen), seen.right(400).constData());

    const DataLayout layout(data);
    JobStore store(layout.databasePath());
    QVERIFY(!store.open().isError());
    const qint64 ada = store.userIdByName(QStringLiteral("ada")).value();
    const QString jobDir = hh::test::jobDirOf(layout, ada, 1);
    QVERIFY(QFileInfo::exists(jobDir));

    // A second CLI: refused, and says who holds the job.
    const Run second =
        cli({QStringLiteral("jobs"), QStringLiteral("resume"), QStringLiteral("1"),
             QStringLiteral("--data-dir"), data, QStringLiteral("--user"), QStringLiteral("ada")});
    QCOMPARE(second.exitCode, 1);
    QVERIFY2(second.err.contains("error: busy: job 1 is being made by"), second.err.constData());
    // The desktop app's runner: refused for a resume, and resuming "interrupted"
    // jobs at sign-in leaves a job another process runs alone.
    JobRunner runner(layout);
    QSignalSpy progress(&runner, &JobRunner::progressChanged);
    QCOMPARE(runner.resume(ada, 1).type, ErrorType::Busy);
    QCOMPARE(runner.resumeInterrupted(ada), 0);
    const JobRecord during = store.job(ada, 1).value();
    QCOMPARE(during.status, QString(JobStatus::Running));

    QVERIFY(render.waitForFinished(kTimeoutMs));
    seen += render.readAllStandardOutput();
    QCOMPARE(render.exitCode(), 0);
    QVERIFY(runner.waitForDone(kTimeoutMs));
    QCOMPARE(progress.count(), 0); // this runner never ran the job

    const JobRecord done = store.job(ada, 1).value();
    QCOMPARE(done.status, QString(JobStatus::Completed));
    QCOMPARE(decodeErrors(done.finalVideoPath), QByteArray());
    QCOMPARE(temporaries(jobDir), QStringList());
    QVERIFY(!QFileInfo::exists(QDir(jobDir).filePath(QLatin1String(JobLease::kFileName))));
    // Exactly one finish: one "finished" event, from the only worker.
    QCOMPARE(seen.count("\"event\":\"finished\""), 1);
}

void TestJobLease::killedHolderIsTakenOverAndTheJobFinished() {
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    QProcess render;
    render.setProcessEnvironment(hh::test::cliEnvironment());
    render.start(QStringLiteral(HH_CLI_PATH), renderArguments(data));
    QVERIFY(render.waitForStarted());
    QByteArray seen;
    QVERIFY2(waitForFrameLoop(render, &seen), seen.right(400).constData());
    render.kill(); // SIGKILL: the lease's lock file stays behind
    QVERIFY(render.waitForFinished(kTimeoutMs));

    const DataLayout layout(data);
    JobStore store(layout.databasePath());
    QVERIFY(!store.open().isError());
    const qint64 ada = store.userIdByName(QStringLiteral("ada")).value();
    const QString jobDir = hh::test::jobDirOf(layout, ada, 1);
    QVERIFY(QFileInfo::exists(QDir(jobDir).filePath(QLatin1String(JobLease::kFileName))));
    QVERIFY(!JobLease::holder(jobDir).has_value()); // its process is gone: stale

    const Run resume = cli({QStringLiteral("jobs"), QStringLiteral("resume"), QStringLiteral("1"),
                            QStringLiteral("--json"), QStringLiteral("--data-dir"), data,
                            QStringLiteral("--user"), QStringLiteral("ada")});
    QVERIFY2(resume.exitCode == 0, resume.err.constData());
    const JobRecord done = store.job(ada, 1).value();
    QCOMPARE(done.status, QString(JobStatus::Completed));
    QCOMPARE(decodeErrors(done.finalVideoPath), QByteArray());
    QCOMPARE(temporaries(jobDir), QStringList());
    QVERIFY(!QFileInfo::exists(QDir(jobDir).filePath(QLatin1String(JobLease::kFileName))));
}

QTEST_GUILESS_MAIN(TestJobLease)
#include "tst_job_lease.moc"
