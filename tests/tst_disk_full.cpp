// SPDX-License-Identifier: GPL-3.0-or-later
// A disk that fills up in the middle of a job, as a user meets it: the job row
// says `failed` with `disk_full`, nothing already made is damaged (this job's
// earlier artifacts, another job's video, the database), and once there is room
// again `jobs resume` finishes the video. The data folder lives on a small tmpfs,
// so this needs root (CI runs as root); elsewhere it is skipped with a message.
#include "CiServices.h"
#include "JobFolderCheck.h"
#include "StorageIds.h"
#include "TestUtil.h"
#include "jobs/DataLayout.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <fcntl.h>
#include <functional>
#include <sys/statvfs.h>
#include <unistd.h>

namespace {

constexpr qint64 kPage = 4096; // tmpfs charges whole pages

qint64 pages(qint64 bytes) {
    return (bytes + kPage - 1) / kPage * kPage;
}

// What a folder's files occupy on tmpfs, optionally without one file.
qint64 usage(const QString& dir, const QString& except = {}) {
    qint64 total = 0;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info(it.next());
        if (info.fileName() != except)
            total += pages(info.size());
    }
    return total;
}

qint64 freeBytes(const QString& path) {
    struct statvfs fs {};
    if (::statvfs(QFile::encodeName(path).constData(), &fs) != 0)
        return -1;
    return qint64(fs.f_bavail) * qint64(fs.f_frsize);
}

bool run(const QString& program, const QStringList& args, QByteArray* err = nullptr) {
    QProcess process;
    process.start(program, args);
    const bool ok = process.waitForFinished(30000) &&
                    process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    if (err)
        *err = process.readAllStandardError();
    return ok;
}

} // namespace

class TestDiskFull : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fullDiskFailsTheJobCleanlyAndResumeFinishesIt();

private:
    struct Cli {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    // Runs the CLI to its end; `onProgress` is called at each batch of its output.
    Cli cli(const QStringList& args, const std::function<void()>& onProgress = {}) const;
    QString m_data;
};

TestDiskFull::Cli TestDiskFull::cli(const QStringList& args,
                                    const std::function<void()>& onProgress) const {
    QProcess process;
    process.setProcessEnvironment(hh::test::cliEnvironment());
    process.start(QStringLiteral(HH_CLI_PATH),
                  args + QStringList{QStringLiteral("--json"), QStringLiteral("--data-dir"), m_data,
                                     QStringLiteral("--user"), QStringLiteral("ada")});
    const hh::test::ProgramRun run = hh::test::waitWhileProgressing(
        process, hh::test::kSilenceMeansHungMs, [&onProgress](const QByteArray&) {
            if (onProgress)
                onProgress();
            return true;
        });
    return {run.exitCode, run.out, run.err};
}

void TestDiskFull::fullDiskFailsTheJobCleanlyAndResumeFinishesIt() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    m_data = dir.filePath(QStringLiteral("data"));
    QVERIFY(QDir().mkpath(m_data));
    QByteArray why;
    if (!run(QStringLiteral("mount"), {"-t", "tmpfs", "-o", "size=32m,mode=0700", "tmpfs", m_data},
             &why))
        HH_SKIP_UNLESS_CI(QStringLiteral("cannot mount a tmpfs here (needs root and "
                                         "CAP_SYS_ADMIN), so the full-disk path of a job is "
                                         "untested: %1")
                              .arg(QString::fromLocal8Bit(why).trimmed()));
    const auto unmount = qScopeGuard([this] { run(QStringLiteral("umount"), {m_data}); });
    const QString database = m_data + QStringLiteral("/hiddenhill.sqlite");
    const QStringList render = hh::test::quickRenderOfTinyPaper();

    // Job 1 runs with room to spare: what a job needs is measured, not guessed.
    // That includes what it needs outside its folder while it runs: the database's
    // write-ahead log and shared-memory index grow with every progress update and
    // shrink when the CLI closes the database, so they are sampled at each update.
    // The job's folder is named by its uuid, known once its row exists.
    const hh::DataLayout layout(m_data);
    qint64 outsidePeak = 0;
    QString folder;
    const Cli first = cli(render, [&] {
        if (folder.isEmpty())
            folder = hh::test::jobDirOf(layout, 1, 1);
        outsidePeak = std::max(outsidePeak, usage(m_data) - (folder.isEmpty() ? 0 : usage(folder)));
    });
    QCOMPARE(first.exitCode, 0);
    const QString job1 = hh::test::jobDirOf(layout, 1, 1);
    QVERIFY(!job1.isEmpty() && QFileInfo::exists(job1));
    const qint64 video = pages(QFileInfo(job1 + QStringLiteral("/final_video.mp4")).size());
    QVERIFY(video > 100 * kPage);
    // Job 2 stops after its script; everything after that must fit but the video.
    const Cli paused = cli(render + QStringList{QStringLiteral("--pause-after-script")});
    QCOMPARE(paused.exitCode, 0);
    const QString job2 = hh::test::jobDirOf(layout, 1, 2);
    const qint64 beforeAudio = usage(job2);
    const qint64 restOfJob = usage(job1, QStringLiteral("final_video.mp4")) - beforeAudio;
    // Room for audio, scenes, captions and thumbnail (restOfJob), for what job 1
    // kept outside its folder at its peak (database, its log and index, the event
    // log: job 2's rest needs less, job 1 also created the database), and half the
    // video: the encoder runs out in the middle of the frame loop. Half a video is
    // also the margin for error in the other estimates, either way.
    QVERIFY2(outsidePeak < video / 2,
             qPrintable(QStringLiteral("%1 bytes outside the job folder").arg(outsidePeak)));
    qInfo("job 1 kept up to %lld bytes outside its folder; its video takes %lld", outsidePeak,
          video);
    const qint64 room = restOfJob + outsidePeak + video / 2;
    const QString filler = m_data + QStringLiteral("/filler");
    const qint64 fill = freeBytes(m_data) - room;
    QVERIFY2(fill > 0, "the tmpfs is too small for the test");
    {
        const int fd = ::open(QFile::encodeName(filler).constData(), O_CREAT | O_WRONLY, 0600);
        QVERIFY(fd >= 0);
        const int rc = ::posix_fallocate(fd, 0, fill);
        ::close(fd);
        QCOMPARE(rc, 0);
    }

    const Cli full = cli({QStringLiteral("jobs"), QStringLiteral("resume"), QStringLiteral("2")});
    QCOMPARE(full.exitCode, 1);
    QVERIFY2(full.err.startsWith("error: disk_full: "), full.err.constData());
    QVERIFY2(full.err.contains("free some space"), full.err.constData());
    const QJsonObject finished =
        QJsonDocument::fromJson(full.out.trimmed().split('\n').last()).object();
    QCOMPARE(finished.value(QLatin1String("status")).toString(), QStringLiteral("failed"));
    QCOMPARE(finished.value(QLatin1String("error_type")).toString(), QStringLiteral("disk_full"));
    // The row says so, and it stopped in the frame loop, not before.
    QCOMPARE(hh::test::jobColumn(database, 2, QStringLiteral("status")), QStringLiteral("failed"));
    QCOMPARE(hh::test::jobColumn(database, 2, QStringLiteral("error_type")),
             QStringLiteral("disk_full"));
    QCOMPARE(hh::test::jobColumn(database, 2, QStringLiteral("current_step")),
             QStringLiteral("add-captions"));
    // Nothing is damaged: the database, job 1, and job 2's earlier artifacts.
    QCOMPARE(hh::test::sqliteIntegrity(database), QStringLiteral("ok"));
    QCOMPARE(hh::test::jobColumn(database, 1, QStringLiteral("status")),
             QStringLiteral("completed"));
    QVERIFY(hh::test::brokenArtifacts(job1).isEmpty());
    for (const char* artifact :
         {"paper.json", "script.json", "narration.wav", "words.json", "scenes/plan.json"})
        QVERIFY2(QFileInfo::exists(job2 + QLatin1Char('/') + QLatin1String(artifact)), artifact);
    const QStringList broken = hh::test::brokenArtifacts(job2);
    QVERIFY2(broken.isEmpty(), qPrintable(broken.join(QLatin1String("; "))));
    QVERIFY(!QFileInfo::exists(job2 + QStringLiteral("/final_video.mp4")));
    const QStringList leftovers = hh::test::leftoverTemporaries(job2);
    QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(QLatin1String(", "))));

    // More room (the filler stays: it is the space, not the file, that matters).
    QVERIFY(run(QStringLiteral("mount"), {"-o", "remount,size=96m", m_data}));
    const Cli resumed =
        cli({QStringLiteral("jobs"), QStringLiteral("resume"), QStringLiteral("2")});
    QCOMPARE(resumed.exitCode, 0);
    const QJsonObject done =
        QJsonDocument::fromJson(resumed.out.trimmed().split('\n').last()).object();
    QCOMPARE(done.value(QLatin1String("status")).toString(), QStringLiteral("completed"));
    QCOMPARE(hh::test::jobColumn(database, 2, QStringLiteral("status")),
             QStringLiteral("completed"));
    QVERIFY(hh::test::brokenArtifacts(job2).isEmpty());
    QVERIFY(QFileInfo::exists(job2 + QStringLiteral("/final_video.mp4")));
    QCOMPARE(hh::test::sqliteIntegrity(database), QStringLiteral("ok"));
}

QTEST_GUILESS_MAIN(TestDiskFull)
#include "tst_disk_full.moc"
