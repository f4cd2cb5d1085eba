// SPDX-License-Identifier: GPL-3.0-or-later
// "Also make": variants of one paper (other shapes, lengths, voices) are jobs of
// their own that share the source job's paper import, script and narration.
#include "AlsoMakeChoices.h"
#include "GeneratePanel.h"
#include "JobListModel.h"
#include "LibraryView.h"
#include "StorageIds.h"
#include "TestUtil.h"
#include "jobs/EventLog.h"
#include "jobs/JobArtifacts.h"
#include "jobs/JobLease.h"
#include "jobs/JobRunner.h"
#include "jobs/JobStore.h"
#include "jobs/VariantSharing.h"
#include "render/VideoProbe.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSaveFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <sys/stat.h>

using namespace hh;

namespace {

constexpr int kJobTimeoutMs = 240000;

// A short eLife Insight (JATS, one figure): quick to import, script and render.
QString smallPaper() {
    return test::corpusPath(QStringLiteral("pmc_jats/elife-tools_elife09853.xml"));
}

JobOptions tinyOptions() {
    JobOptions options;
    options.input = smallPaper();
    options.durationSeconds = 10;
    options.x264Preset = QStringLiteral("ultrafast");
    return options;
}

JobOptions changed(const JobOptions& base, const QString& change) {
    QString problem;
    const JobOptions variant = variantOf(base, change, &problem);
    if (!problem.isEmpty())
        qWarning("%s: %s", qPrintable(change), qPrintable(problem));
    return variant;
}

struct Fixture {
    QTemporaryDir dir;
    DataLayout layout{dir.filePath(QStringLiteral("data"))};
    JobStore store{layout.databasePath()};
    EventLog log{dir.filePath(QStringLiteral("logs"))};
    qint64 ada = 0;

    bool init() {
        layout.ensureRoot();
        if (store.open().isError())
            return false;
        ada = store.createUser(QStringLiteral("ada"), QStringLiteral("!")).value();
        return ada > 0;
    }
    JobRecord row(qint64 job) { return store.job(ada, job).value(); }
    QString folder(qint64 job) { return test::jobDirOf(layout, ada, job); }

    // The event log's messages about one job, in order.
    QStringList messages(qint64 job) const {
        QFile file(log.filePath());
        QStringList found;
        if (!file.open(QIODevice::ReadOnly))
            return found;
        for (const QByteArray& line : file.readAll().split('\n')) {
            const QJsonObject entry = QJsonDocument::fromJson(line).object();
            if (entry.value(QLatin1String("job")).toInteger() == job)
                found << entry.value(QLatin1String("message")).toString();
        }
        return found;
    }
    // How often `message` was logged across `jobs`.
    int count(const QList<qint64>& jobs, const QString& message) const {
        int n = 0;
        for (qint64 job : jobs)
            n += int(messages(job).count(message));
        return n;
    }
};

RunnerSettings allAtOnce() {
    RunnerSettings settings;
    settings.maxConcurrentJobs = 3; // the variants start while the source still works
    return settings;
}

ino_t inodeOf(const QString& path) {
    struct stat info {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? info.st_ino : 0;
}

QSize frameSize(const QString& video) {
    const VideoProbe probe = VideoProbe::probe(video);
    return probe.ok ? QSize(probe.width, probe.height) : QSize();
}

} // namespace

class TestVariants : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<qint64>("qint64"); }
    void sharePlanFollowsWhatTheVariantChanges_data();
    void sharePlanFollowsWhatTheVariantChanges();
    void variantNamesItsFile_data();
    void variantNamesItsFile();
    void threeShapesShareOneImportAndOneScript();
    void lengthVariantWritesItsOwnScript();
    void deletedSourceLeavesAResumableVariant();
    void variantReadsTheScriptAsReviewedAtTheSource_data();
    void variantReadsTheScriptAsReviewedAtTheSource();
    void cancelledSourceLeavesTheStepsToTheVariants();
    void waitingVariantCanBeCancelled();
    void alsoMakeSquareMakesTwoJobs();
    void cliAlsoWritesOneFilePerShape();
};

void TestVariants::sharePlanFollowsWhatTheVariantChanges_data() {
    QTest::addColumn<QString>("change");
    QTest::addColumn<bool>("paper");
    QTest::addColumn<bool>("script");
    QTest::addColumn<bool>("narration");
    QTest::newRow("square") << "1:1" << true << true << true;
    QTest::newRow("wide") << "16:9" << true << true << true;
    QTest::newRow("shorter") << "30s" << true << false << false;
    QTest::newRow("other voice") << "voice=en-gb" << true << true << false;
}

void TestVariants::sharePlanFollowsWhatTheVariantChanges() {
    QFETCH(QString, change);
    JobOptions base = tinyOptions();
    base.durationSeconds = 60;
    const SharePlan plan = SharePlan::between(base, changed(base, change));
    QFETCH(bool, paper);
    QFETCH(bool, script);
    QFETCH(bool, narration);
    QCOMPARE(plan.covers(Step::FetchPaper), paper);
    QCOMPARE(plan.covers(Step::GenerateScript), script);
    QCOMPARE(plan.covers(Step::GenerateAudio), narration);
    // Drawn for the shape: never shared.
    QVERIFY(!plan.covers(Step::GenerateVideos));
    QVERIFY(!plan.covers(Step::AddCaptions));
    // Another paper shares nothing.
    JobOptions other = changed(base, change);
    other.input = test::corpusPath(QStringLiteral("pmc_jats/elife-tools_elife06003.xml"));
    QVERIFY(!SharePlan::between(base, other).covers(Step::FetchPaper));
}

void TestVariants::variantNamesItsFile_data() {
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("output"); // empty: the change is refused
    QTest::newRow("square") << "1:1"
                            << "out/paper-1x1.mp4";
    QTest::newRow("wide") << "16:9"
                          << "out/paper-16x9.mp4";
    QTest::newRow("shorter") << "30s"
                             << "out/paper-30s.mp4";
    QTest::newRow("voice") << "voice=en-gb"
                           << "out/paper-en-gb.mp4";
    QTest::newRow("the main shape again") << "9:16"
                                          << "";
    QTest::newRow("unknown") << "square"
                             << "";
    QTest::newRow("too short") << "3s"
                               << "";
}

void TestVariants::variantNamesItsFile() {
    QFETCH(QString, change);
    QFETCH(QString, output);
    const JobOptions base = tinyOptions(); // 9:16, 10 s, automatic voice
    QString problem;
    const JobOptions variant = variantOf(base, change, &problem);
    QCOMPARE(problem.isEmpty(), !output.isEmpty());
    if (output.isEmpty())
        return;
    QCOMPARE(variant.input, base.input);
    QCOMPARE(variantOutputPath(QStringLiteral("out/paper.mp4"), variantSuffix(base, variant)),
             output);
}

void TestVariants::threeShapesShareOneImportAndOneScript() {
    Fixture f;
    QVERIFY(f.init());
    JobRunner runner(f.layout, allAtOnce(), &f.log);
    QSignalSpy finished(&runner, &JobRunner::jobFinished);
    QSignalSpy failed(&runner, &JobRunner::jobFailed);
    const JobOptions base = tinyOptions();
    const auto ids =
        runner.submitVariants(f.ada, base, {changed(base, "1:1"), changed(base, "16:9")});
    QVERIFY(ids.ok());
    QCOMPARE(ids.value().size(), 3);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count() + failed.count(), 3, kJobTimeoutMs);
    QCOMPARE(failed.count(), 0);

    const qint64 source = ids.value().at(0);
    const QList<QPair<qint64, QSize>> expected{{source, QSize(1080, 1920)},
                                               {ids.value().at(1), QSize(1080, 1080)},
                                               {ids.value().at(2), QSize(1920, 1080)}};
    for (const auto& [job, size] : expected) {
        const JobRecord row = f.row(job);
        QCOMPARE(row.status, QString(JobStatus::Completed));
        QCOMPARE(frameSize(row.finalVideoPath), size);
        // The title comes from the shared paper as well.
        QCOMPARE(row.paperTitle, f.row(source).paperTitle);
    }
    // One import and one script for the group, both in the source's log.
    const QList<qint64> group = ids.value();
    QCOMPARE(f.count(group, QStringLiteral("fetch-paper done")), 1);
    QCOMPARE(f.count(group, QStringLiteral("generate-script done")), 1);
    QCOMPARE(f.count(group, QStringLiteral("generate-audio done")), 1);
    QCOMPARE(f.count({source}, QStringLiteral("fetch-paper done")), 1);
    QCOMPARE(f.count({source}, QStringLiteral("generate-script done")), 1);
    for (qint64 variant : group.mid(1)) {
        const QString from = QStringLiteral(" shared from job %1").arg(source);
        QVERIFY2(f.messages(variant).contains(QStringLiteral("fetch-paper") + from),
                 qPrintable(f.messages(variant).join(QLatin1Char('\n'))));
        QVERIFY(f.messages(variant).contains(QStringLiteral("generate-script") + from));
        QCOMPARE(f.count({variant}, QStringLiteral("add-captions done")), 1);
        // The same file, not a copy: one paper on disk however many variants.
        for (const char* name : {"paper.json", "script.json", "narration.wav"}) {
            const QString own = QDir(f.folder(variant)).filePath(QLatin1String(name));
            QCOMPARE(inodeOf(own), inodeOf(QDir(f.folder(source)).filePath(QLatin1String(name))));
        }
    }

    // My Videos: a card per video, each with its shape.
    JobListModel model(f.layout);
    QVERIFY(!model.setUser(f.ada).isError());
    QCOMPARE(model.rowCount(), 3);
    QStringList shapes;
    for (int row = 0; row < model.rowCount(); ++row)
        shapes << model.index(row).data(JobListModel::ShapeRole).toString();
    shapes.sort();
    QCOMPARE(shapes, (QStringList{"16:9", "1:1", "9:16"}));
    if (const QString shots = qEnvironmentVariable("HH_SHOT_DIR"); !shots.isEmpty()) {
        LibraryView view(&model);
        view.resize(960, 520);
        view.show();
        QTest::qWait(500); // thumbnails arrive from the pool; only for the picture
        view.grab().save(QDir(shots).filePath(QStringLiteral("my-videos-variants.png")));
    }

    // Deleting the source's folder leaves every variant whole.
    QVERIFY(QDir(f.folder(source)).removeRecursively());
    for (qint64 variant : group.mid(1)) {
        const auto artifacts = JobArtifacts::load(f.folder(variant));
        QVERIFY2(artifacts.ok(),
                 qPrintable(artifacts.ok() ? QString() : artifacts.error().message));
        QCOMPARE(artifacts.value().paper().title, f.row(source).paperTitle);
        QVERIFY(artifacts.value().sceneCount() > 0);
        QVERIFY(VideoProbe::probe(f.row(variant).finalVideoPath).ok);
    }
}

void TestVariants::lengthVariantWritesItsOwnScript() {
    Fixture f;
    QVERIFY(f.init());
    JobRunner runner(f.layout, allAtOnce(), &f.log);
    QSignalSpy paused(&runner, &JobRunner::jobPaused);
    QSignalSpy failed(&runner, &JobRunner::jobFailed);
    JobOptions base = tinyOptions();
    base.pauseAfterScript = true; // the scripts are what this is about
    const auto ids = runner.submitVariants(f.ada, base, {changed(base, "20s")});
    QVERIFY(ids.ok());
    QTRY_COMPARE_WITH_TIMEOUT(paused.count() + failed.count(), 2, kJobTimeoutMs);
    QCOMPARE(failed.count(), 0);
    const qint64 source = ids.value().at(0);
    const qint64 variant = ids.value().at(1);
    QVERIFY(
        f.messages(variant).contains(QStringLiteral("fetch-paper shared from job %1").arg(source)));
    QCOMPARE(f.count({variant}, QStringLiteral("generate-script done")), 1);
    QCOMPARE(f.count({source}, QStringLiteral("generate-script done")), 1);
    const QString script = QStringLiteral("script.json");
    QVERIFY(inodeOf(QDir(f.folder(variant)).filePath(script)) !=
            inodeOf(QDir(f.folder(source)).filePath(script)));
    const auto targetOf = [&f, &script](qint64 job) {
        QFile file(QDir(f.folder(job)).filePath(script));
        return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll())
                                                    .object()
                                                    .value(QLatin1String("target_seconds"))
                                                    .toInt()
                                              : -1;
    };
    QCOMPARE(targetOf(source), 10);
    QCOMPARE(targetOf(variant), 20);
}

void TestVariants::deletedSourceLeavesAResumableVariant() {
    Fixture f;
    QVERIFY(f.init());
    JobRunner runner(f.layout, allAtOnce(), &f.log);
    QSignalSpy paused(&runner, &JobRunner::jobPaused);
    QSignalSpy finished(&runner, &JobRunner::jobFinished);
    QSignalSpy failed(&runner, &JobRunner::jobFailed);
    JobOptions base = tinyOptions();
    base.pauseAfterScript = true;
    const auto ids = runner.submitVariants(f.ada, base, {changed(base, "1:1")});
    QVERIFY(ids.ok());
    QTRY_COMPARE_WITH_TIMEOUT(paused.count() + failed.count(), 2, kJobTimeoutMs);
    QCOMPARE(failed.count(), 0);
    QVERIFY(runner.waitForDone(kJobTimeoutMs));
    const qint64 source = ids.value().at(0);
    const qint64 variant = ids.value().at(1);
    // The source goes, row and folder, before its variant has its narration.
    const QString sourceDir = f.folder(source);
    QVERIFY(!f.store.deleteJob(f.ada, source).isError());
    QVERIFY(QDir(sourceDir).removeRecursively());

    QVERIFY(!runner.resume(f.ada, variant).isError());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count() + failed.count(), 1, kJobTimeoutMs);
    QCOMPARE(failed.count(), 0);
    const JobRecord row = f.row(variant);
    QCOMPARE(row.status, QString(JobStatus::Completed));
    QCOMPARE(frameSize(row.finalVideoPath), QSize(1080, 1080));
    QCOMPARE(f.count({variant}, QStringLiteral("generate-audio done")), 1);
    QCOMPARE(f.count({variant}, QStringLiteral("generate-script done")), 0);
}

void TestVariants::variantReadsTheScriptAsReviewedAtTheSource_data() {
    QTest::addColumn<bool>("editVariant"); // else the source's script is edited
    QTest::newRow("edited at the source") << false;
    QTest::newRow("edited at the variant") << true;
}

// Review asked for: both stop after the script; what is edited at the source's
// review is what the variant, approved afterwards, reads too, unless the
// variant's own script was edited: then it keeps that one and reads it itself.
void TestVariants::variantReadsTheScriptAsReviewedAtTheSource() {
    QFETCH(bool, editVariant);
    Fixture f;
    QVERIFY(f.init());
    JobRunner runner(f.layout, allAtOnce(), &f.log);
    QSignalSpy paused(&runner, &JobRunner::jobPaused);
    QSignalSpy finished(&runner, &JobRunner::jobFinished);
    QSignalSpy failed(&runner, &JobRunner::jobFailed);
    JobOptions base = tinyOptions();
    base.pauseAfterScript = true;
    const auto ids = runner.submitVariants(f.ada, base, {changed(base, "1:1")});
    QVERIFY(ids.ok());
    QTRY_COMPARE_WITH_TIMEOUT(paused.count() + failed.count(), 2, kJobTimeoutMs);
    QCOMPARE(failed.count(), 0);
    QVERIFY(runner.waitForDone(kJobTimeoutMs));
    const qint64 source = ids.value().at(0);
    const qint64 variant = ids.value().at(1);

    // The review edits the script the way the editor saves: a new file.
    const QString edited = QStringLiteral("Edited in review");
    const QString editedScript =
        QDir(f.folder(editVariant ? variant : source)).filePath(QStringLiteral("script.json"));
    QFile in(editedScript);
    QVERIFY(in.open(QIODevice::ReadOnly));
    QJsonObject script = QJsonDocument::fromJson(in.readAll()).object();
    in.close();
    QJsonArray scenes = script.value(QLatin1String("scenes")).toArray();
    QJsonObject first = scenes.at(0).toObject();
    first.insert(QStringLiteral("headline"), edited);
    scenes.replace(0, first);
    script.insert(QStringLiteral("scenes"), scenes);
    QSaveFile out(editedScript);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(script).toJson());
    QVERIFY(out.commit());

    QVERIFY(!runner.resume(f.ada, source).isError());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count() + failed.count(), 1, kJobTimeoutMs);
    QVERIFY(!runner.resume(f.ada, variant).isError());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count() + failed.count(), 2, kJobTimeoutMs);
    QCOMPARE(failed.count(), 0);
    const auto artifacts = JobArtifacts::load(f.folder(variant));
    QVERIFY(artifacts.ok());
    QCOMPARE(artifacts.value().script().scenes.at(0).headline, edited);
    const auto sourceArtifacts = JobArtifacts::load(f.folder(source));
    QVERIFY(sourceArtifacts.ok());
    QCOMPARE(sourceArtifacts.value().script().scenes.at(0).headline == edited, !editVariant);
    QCOMPARE(f.messages(variant).contains(
                 QStringLiteral("took the reviewed script of job %1").arg(source)),
             !editVariant);
    // The narration of one script is made once; another script gets its own.
    QCOMPARE(f.count({source, variant}, QStringLiteral("generate-audio done")),
             editVariant ? 2 : 1);
}

// A cancelled source never leaves its variants waiting: they make what it did
// not finish themselves.
void TestVariants::cancelledSourceLeavesTheStepsToTheVariants() {
    Fixture f;
    QVERIFY(f.init());
    JobRunner runner(f.layout, allAtOnce(), &f.log);
    QSignalSpy finished(&runner, &JobRunner::jobFinished);
    QSignalSpy failed(&runner, &JobRunner::jobFailed);
    const JobOptions base = tinyOptions();
    const auto ids =
        runner.submitVariants(f.ada, base, {changed(base, "1:1"), changed(base, "16:9")});
    QVERIFY(ids.ok());
    const qint64 source = ids.value().at(0);
    QVERIFY(!runner.cancel(f.ada, source).isError());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count() + failed.count(), 3, kJobTimeoutMs);
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.first().at(1).toLongLong(), source);
    QCOMPARE(f.row(source).status, QString(JobStatus::Cancelled));
    const QList<QSize> sizes{QSize(1080, 1080), QSize(1920, 1080)};
    for (int i = 1; i < 3; ++i) {
        const qint64 variant = ids.value().at(i);
        const JobRecord row = f.row(variant);
        QCOMPARE(row.status, QString(JobStatus::Completed));
        QCOMPARE(frameSize(row.finalVideoPath), sizes.at(i - 1));
        QCOMPARE(f.count({variant}, QStringLiteral("generate-script done")), 1);
        const QString why = QStringLiteral("job %1 stopped without").arg(source);
        const QStringList log = f.messages(variant);
        QVERIFY2(std::any_of(log.cbegin(), log.cend(),
                             [&why](const QString& line) { return line.startsWith(why); }),
                 qPrintable(log.join(QLatin1Char('\n'))));
    }
}

// A source run by another program (its lease held, its row running) is waited
// for; the wait ends at once on Cancel, and once that program has stopped, the
// variant resumed makes the steps itself instead of waiting again.
void TestVariants::waitingVariantCanBeCancelled() {
    Fixture f;
    QVERIFY(f.init());
    JobRunner runner(f.layout, allAtOnce(), &f.log);
    QSignalSpy finished(&runner, &JobRunner::jobFinished);
    QSignalSpy failed(&runner, &JobRunner::jobFailed);
    const auto source = f.store.createJob(f.ada, QStringLiteral("sha256:elsewhere"), QString(),
                                          QStringLiteral("jats"), tinyOptions().toJson());
    QVERIFY(source.ok());
    const JobRecord sourceRow = f.row(source.value());
    QVERIFY(!f.layout.ensureJobDir(sourceRow.userUuid, sourceRow.taskId).isError());
    QVERIFY(!f.store.setRunning(f.ada, source.value(), QStringLiteral("fetch-paper"), 0).isError());
    JobLease elsewhere(f.folder(source.value()));
    QVERIFY(!elsewhere.acquire(source.value()).isError());

    JobOptions options = changed(tinyOptions(), "1:1");
    options.shareFrom = sourceRow.taskId;
    const auto variant = runner.submit(f.ada, options);
    QVERIFY(variant.ok());
    bool waiting = false;
    connect(&runner, &JobRunner::progressChanged, this,
            [&waiting](qint64, qint64, const QString&, int, const QString& detail) {
                waiting = waiting || detail.startsWith(QLatin1String("waiting for job"));
            });
    QTRY_VERIFY_WITH_TIMEOUT(waiting, 60000);
    QVERIFY(!runner.cancel(f.ada, variant.value()).isError());
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    QCOMPARE(failed.first().at(2).toString(), QStringLiteral("cancelled"));
    QCOMPARE(f.row(variant.value()).status, QString(JobStatus::Cancelled));

    elsewhere.release();
    QVERIFY(!f.store.fail(f.ada, source.value(), ErrorType::Cancelled, QStringLiteral("stopped"))
                 .isError());
    QVERIFY(!runner.resume(f.ada, variant.value()).isError());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count() + failed.count(), 2, kJobTimeoutMs);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(frameSize(f.row(variant.value()).finalVideoPath), QSize(1080, 1080));
    QVERIFY(f.messages(variant.value())
                .contains(QStringLiteral("job %1 stopped without fetch-paper; making it here")
                              .arg(source.value())));
}

void TestVariants::alsoMakeSquareMakesTwoJobs() {
    Fixture f;
    QVERIFY(f.init());
    JobRunner runner(f.layout, RunnerSettings{}, &f.log);
    GeneratePanel panel(&runner, f.ada);
    panel.resize(1000, 600);
    panel.setPaperFile(smallPaper());
    panel.show();
    AlsoMakeChoices* also = panel.alsoMakeChoices();
    QVERIFY(also->isVisible());
    QTest::mouseClick(also->squareToggle(), Qt::LeftButton);
    QVERIFY(also->squareToggle()->isChecked());
    if (const QString shots = qEnvironmentVariable("HH_SHOT_DIR"); !shots.isEmpty()) {
        QCoreApplication::sendPostedEvents();
        panel.grab().save(QDir(shots).filePath(QStringLiteral("new-video-also-make.png")));
        also->grab().save(QDir(shots).filePath(QStringLiteral("also-make.png")));
    }
    QTest::mouseClick(panel.generateButton(), Qt::LeftButton);
    const auto jobs = f.store.jobs(f.ada);
    QVERIFY(jobs.ok());
    QCOMPARE(jobs.value().size(), 2);
    // Newest first: the square variant names the main (vertical) job as its source.
    const JobRecord variant = jobs.value().at(0);
    const JobRecord source = jobs.value().at(1);
    QCOMPARE(panel.currentJob(), source.id);
    QCOMPARE(JobOptions::fromJson(source.options).aspect, QStringLiteral("9:16"));
    QCOMPARE(JobOptions::fromJson(variant.options).aspect, QStringLiteral("1:1"));
    QCOMPARE(JobOptions::fromJson(variant.options).shareFrom, source.taskId);
    QVERIFY(also->isEnabled()); // like the other choices: the next paper may be queued
    for (const JobRecord& job : jobs.value())
        runner.cancel(f.ada, job.id);
    QVERIFY(runner.waitForDone(kJobTimeoutMs));
}

// render --also: the main video at -o and each variant beside it, named by its change.
void TestVariants::cliAlsoWritesOneFilePerShape() {
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("paper.mp4"));
    const test::ProgramRun run = test::runWhileProgressing(
        QStringLiteral(HH_CLI_PATH),
        {QStringLiteral("render"), smallPaper(), QStringLiteral("--duration"), QStringLiteral("10"),
         QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("data")), QStringLiteral("-o"),
         out, QStringLiteral("--also"), QStringLiteral("1:1,16:9")},
        test::cliEnvironment());
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(frameSize(out), QSize(1080, 1920));
    QCOMPARE(frameSize(dir.filePath(QStringLiteral("paper-1x1.mp4"))), QSize(1080, 1080));
    QCOMPARE(frameSize(dir.filePath(QStringLiteral("paper-16x9.mp4"))), QSize(1920, 1080));
    // The log of the run: one import and one script for the three videos.
    QFile log(dir.filePath(QStringLiteral("data/logs/hiddenhill.log")));
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QByteArray lines = log.readAll();
    QCOMPARE(lines.count("\"fetch-paper done\""), 1);
    QCOMPARE(lines.count("\"generate-script done\""), 1);
    QCOMPARE(lines.count("\"add-captions done\""), 3);
    // A change that is not one is refused before anything runs.
    const test::ProgramRun refused = test::runWhileProgressing(
        QStringLiteral(HH_CLI_PATH),
        {QStringLiteral("render"), smallPaper(), QStringLiteral("--data-dir"),
         dir.filePath(QStringLiteral("data")), QStringLiteral("--also"), QStringLiteral("round")},
        test::cliEnvironment());
    QCOMPARE(refused.exitCode, 2);
    QVERIFY(refused.err.contains("--also"));
}

QTEST_MAIN(TestVariants)
#include "tst_variants.moc"
