// SPDX-License-Identifier: GPL-3.0-or-later
// `hiddenhill-cli jobs …` as a user runs it, on job rows and folders made directly
// with JobStore and fake artifacts (no rendering): list order, filters and JSON,
// show with step ticks, cancel (seen by a running worker), delete (row and folder,
// running jobs protected, symbolic links not followed), rebuild after the database
// was lost, ID validation, and isolation between accounts.
#include "StorageIds.h"
#include "jobs/DataLayout.h"
#include "jobs/JobSteps.h"
#include "jobs/JobStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <memory>

using namespace hh;

namespace {

const QDateTime kT0 = QDateTime(QDate(2024, 5, 1), QTime(9, 0), Qt::UTC);

// Fake artifacts: the names JobSteps::isStepDone looks for, with just enough content.
void touch(const QString& path, const QByteArray& content = {}) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(content);
}

void writeArtifacts(const QString& folder, int stepsDone, const QString& title,
                    const QString& input) {
    QDir().mkpath(folder);
    touch(QDir(folder).filePath(QStringLiteral("options.json")),
          QJsonDocument(
              QJsonObject{{QStringLiteral("input"), input}, {QStringLiteral("duration"), 60}})
              .toJson());
    const QList<QStringList> artifacts{
        {QStringLiteral("paper.json")},
        {QStringLiteral("script.json")},
        {QStringLiteral("narration.wav"), QStringLiteral("words.json")},
        {QStringLiteral("scenes/plan.json")},
        {QStringLiteral("final_video.mp4"), QStringLiteral("captions.srt"),
         QStringLiteral("captions.vtt"), QStringLiteral("thumbnail.png")},
    };
    for (int step = 0; step < stepsDone; ++step) {
        for (const QString& name : artifacts.at(step)) {
            const QByteArray content =
                name == QLatin1String("paper.json")
                    ? QJsonDocument(QJsonObject{{QStringLiteral("title"), title},
                                                {QStringLiteral("source"), QStringLiteral("jats")}})
                          .toJson()
                    : QByteArray("x");
            touch(QDir(folder).filePath(name), content);
        }
    }
}

} // namespace

class TestCliJobs : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void listIsNewestFirstAndFilters_data();
    void listIsNewestFirstAndFilters();
    void listJsonHasTheJobFields();
    void listTableIsReadable();
    void showTicksTheStepsFromTheFolder();
    void showJsonHasStepsAndFolder();
    void badIdsAreUsageErrors_data();
    void badIdsAreUsageErrors();
    void unknownAndForeignJobsAreNotFound_data();
    void unknownAndForeignJobsAreNotFound();
    void cancelStopsARunningJob();
    void cancelRefusesACompletedJob();
    void deleteRemovesRowAndFolder();
    void deleteRefusesARunningJobWithoutForce();
    void deleteLeavesAnotherAccountsJobAlone();
    void deleteDoesNotFollowALinkedFolder();
    void rebuildRestoresRowsFromFolders();
    void rebuildReportsFoldersOfUnknownAccounts();
    void accountsAreIsolated();
    void unknownSubcommandIsUsageError();

private:
    struct Run {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Run cli(const QStringList& args, const QString& user = QStringLiteral("ada"));
    QJsonArray listJson(const QString& user, const QStringList& extra = {});
    void openStore();
    qint64 user(const QString& name);
    // A job of `userName` in `status`, with artifacts of its first `stepsDone` steps.
    qint64 makeJob(const QString& userName, const QString& title, const QString& status,
                   int stepsDone, const QString& paperId = QStringLiteral("paper.xml"));
    QString folderOf(const QString& userName, qint64 jobId);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<DataLayout> m_layout;
    std::unique_ptr<JobStore> m_store;
    int m_tick = 0;
};

void TestCliJobs::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    m_layout = std::make_unique<DataLayout>(m_dir->filePath(QStringLiteral("data")));
    QVERIFY(!m_layout->ensureRoot().isError());
    m_tick = 0;
    openStore();
}

void TestCliJobs::cleanup() {
    m_store.reset();
    m_layout.reset();
    m_dir.reset();
}

void TestCliJobs::openStore() {
    // Each row is a minute newer than the one before, so "newest first" is well defined.
    m_store = std::make_unique<JobStore>(m_layout->databasePath(),
                                         [this] { return kT0.addSecs(60 * m_tick++); });
    QVERIFY(!m_store->open().isError());
}

TestCliJobs::Run TestCliJobs::cli(const QStringList& args, const QString& userName) {
    QProcess process;
    process.start(QStringLiteral(HH_CLI_PATH),
                  QStringList{QStringLiteral("jobs")} + args +
                      QStringList{QStringLiteral("--data-dir"), m_layout->root(),
                                  QStringLiteral("--user"), userName});
    if (!process.waitForFinished(60000)) {
        process.kill();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

QJsonArray TestCliJobs::listJson(const QString& userName, const QStringList& extra) {
    const Run run =
        cli(QStringList{QStringLiteral("list"), QStringLiteral("--json")} + extra, userName);
    if (run.exitCode != 0)
        qWarning("jobs list failed: %s", run.err.constData());
    return QJsonDocument::fromJson(run.out).array();
}

qint64 TestCliJobs::user(const QString& name) {
    auto id = m_store->userIdByName(name);
    if (!id)
        id = m_store->createUser(name, QStringLiteral("!"), name);
    return id ? id.value() : 0;
}

QString TestCliJobs::folderOf(const QString& userName, qint64 jobId) {
    return test::jobDirOf(*m_layout, user(userName), jobId);
}

qint64 TestCliJobs::makeJob(const QString& userName, const QString& title, const QString& status,
                            int stepsDone, const QString& paperId) {
    const qint64 owner = user(userName);
    const auto created = m_store->createJob(owner, paperId, title, QStringLiteral("jats"),
                                            QJsonObject{{QStringLiteral("input"), paperId}});
    if (!created)
        return 0;
    const qint64 id = created.value();
    const QString step = stepName(Step(std::min(stepsDone, 4)));
    const int percent = stepsDone == 0 ? 0 : ProgressPlan().endPercent(Step(stepsDone - 1));
    if (status != JobStatus::Pending)
        m_store->setRunning(owner, id, step, percent);
    if (status == JobStatus::Completed)
        m_store->finish(
            owner, id,
            QDir(test::jobDirOf(*m_layout, owner, id)).filePath(QStringLiteral("final_video.mp4")));
    else if (status == JobStatus::Failed)
        m_store->fail(owner, id, ErrorType::Network, QStringLiteral("the network is down"));
    else if (status == JobStatus::Cancelled)
        m_store->fail(owner, id, ErrorType::Cancelled, QStringLiteral("stopped"));
    else if (status == JobStatus::Paused)
        m_store->setPaused(owner, id, step, percent);
    else if (status == JobStatus::Queued) // waiting in another (live) program's queue
        m_store->enqueue(owner, id, QStringLiteral("1@elsewhere.invalid"));
    test::ensureJobDirOf(*m_layout, owner, id);
    writeArtifacts(test::jobDirOf(*m_layout, owner, id), stepsDone, title, paperId);
    return id;
}

void TestCliJobs::listIsNewestFirstAndFilters_data() {
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QList<int>>("expected"); // indexes into the jobs made below
    QTest::newRow("all, newest first") << QStringList() << QList<int>{3, 2, 1, 0};
    QTest::newRow("status failed")
        << QStringList{QStringLiteral("--status"), QStringLiteral("failed")} << QList<int>{3, 1};
    QTest::newRow("status completed")
        << QStringList{QStringLiteral("--status"), QStringLiteral("completed")} << QList<int>{0};
    QTest::newRow("search title, any case")
        << QStringList{QStringLiteral("--search"), QStringLiteral("BEES")} << QList<int>{2, 0};
    QTest::newRow("search paper id")
        << QStringList{QStringLiteral("--search"), QStringLiteral("31452104")} << QList<int>{1};
    QTest::newRow("search taken literally")
        << QStringList{QStringLiteral("--search"), QStringLiteral("%")} << QList<int>{};
    QTest::newRow("status and search")
        << QStringList{QStringLiteral("--status"), QStringLiteral("failed"),
                       QStringLiteral("--search"), QStringLiteral("wasps")}
        << QList<int>{3};
}

void TestCliJobs::listIsNewestFirstAndFilters() {
    QFETCH(QStringList, extra);
    QFETCH(QList<int>, expected);
    const QList<qint64> ids{
        makeJob(QStringLiteral("ada"), QStringLiteral("Bees dance"), QString(JobStatus::Completed),
                5),
        makeJob(QStringLiteral("ada"), QStringLiteral("Ants"), QString(JobStatus::Failed), 1,
                QStringLiteral("31452104")),
        makeJob(QStringLiteral("ada"), QStringLiteral("More bees"), QString(JobStatus::Running), 2),
        makeJob(QStringLiteral("ada"), QStringLiteral("Wasps"), QString(JobStatus::Failed), 0),
    };
    makeJob(QStringLiteral("bob"), QStringLiteral("Bees of bob"), QString(JobStatus::Failed), 0);
    QList<qint64> wanted;
    for (const int index : expected)
        wanted << ids.at(index);

    const QJsonArray jobs = listJson(QStringLiteral("ada"), extra);
    QList<qint64> got;
    for (const QJsonValue& job : jobs)
        got << job.toObject().value(QLatin1String("id")).toInteger();
    QCOMPARE(got, wanted);
}

void TestCliJobs::listJsonHasTheJobFields() {
    const qint64 done =
        makeJob(QStringLiteral("ada"), QStringLiteral("Bees"), QString(JobStatus::Completed), 5);
    const qint64 failed =
        makeJob(QStringLiteral("ada"), QStringLiteral("Ants"), QString(JobStatus::Failed), 2);
    const QJsonArray jobs = listJson(QStringLiteral("ada"));
    QCOMPARE(jobs.size(), 2);
    const QStringList keys{QStringLiteral("completed_at"),
                           QStringLiteral("created_at"),
                           QStringLiteral("error_message"),
                           QStringLiteral("error_type"),
                           QStringLiteral("id"),
                           QStringLiteral("paper_id"),
                           QStringLiteral("progress"),
                           QStringLiteral("source_kind"),
                           QStringLiteral("status"),
                           QStringLiteral("step"),
                           QStringLiteral("title"),
                           QStringLiteral("updated_at"),
                           QStringLiteral("video")};
    for (const QJsonValue& value : jobs)
        QCOMPARE(value.toObject().keys(), keys);

    const QJsonObject failedJob = jobs.at(0).toObject();
    QCOMPARE(failedJob.value(QLatin1String("id")).toInteger(), failed);
    QCOMPARE(failedJob.value(QLatin1String("status")).toString(), QStringLiteral("failed"));
    QCOMPARE(failedJob.value(QLatin1String("progress")).toInt(), 40);
    QCOMPARE(failedJob.value(QLatin1String("step")).toString(), QStringLiteral("generate-audio"));
    QCOMPARE(failedJob.value(QLatin1String("error_type")).toString(), QStringLiteral("network"));
    QCOMPARE(failedJob.value(QLatin1String("error_message")).toString(),
             QStringLiteral("the network is down"));
    QCOMPARE(failedJob.value(QLatin1String("title")).toString(), QStringLiteral("Ants"));
    QCOMPARE(failedJob.value(QLatin1String("paper_id")).toString(), QStringLiteral("paper.xml"));
    QCOMPARE(failedJob.value(QLatin1String("source_kind")).toString(), QStringLiteral("jats"));
    QVERIFY(failedJob.value(QLatin1String("completed_at")).isNull());
    QCOMPARE(failedJob.value(QLatin1String("video")).toString(), QString());
    const QDateTime created =
        QDateTime::fromString(failedJob.value(QLatin1String("created_at")).toString(), Qt::ISODate);
    QVERIFY(created.isValid());
    QCOMPARE(created.timeSpec(), Qt::UTC);

    const QJsonObject doneJob = jobs.at(1).toObject();
    QCOMPARE(doneJob.value(QLatin1String("id")).toInteger(), done);
    QCOMPARE(doneJob.value(QLatin1String("status")).toString(), QStringLiteral("completed"));
    QCOMPARE(doneJob.value(QLatin1String("progress")).toInt(), 100);
    QVERIFY(doneJob.value(QLatin1String("completed_at")).isString());
    QCOMPARE(
        doneJob.value(QLatin1String("video")).toString(),
        QDir(folderOf(QStringLiteral("ada"), done)).filePath(QStringLiteral("final_video.mp4")));

    // No jobs: still one JSON array.
    user(QStringLiteral("carol"));
    QCOMPARE(cli({QStringLiteral("list"), QStringLiteral("--json")}, QStringLiteral("carol"))
                 .out.trimmed(),
             QByteArray("[\n]"));
}

void TestCliJobs::listTableIsReadable() {
    const QString longTitle = QStringLiteral(
        "A very long title about honey bees that keeps going well past fifty characters");
    const qint64 failed = makeJob(QStringLiteral("ada"), longTitle, QString(JobStatus::Failed), 1);
    const Run run = cli({QStringLiteral("list")});
    QCOMPARE(run.exitCode, 0);
    const QStringList lines =
        QString::fromUtf8(run.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(0).startsWith(QLatin1String("ID")) &&
                 lines.at(0).contains(QLatin1String("STATUS")),
             qPrintable(lines.at(0)));
    const QString row = lines.at(1);
    QVERIFY2(row.startsWith(QString::number(failed) + QLatin1Char(' ')), qPrintable(row));
    QVERIFY(row.contains(QLatin1String("failed")));
    QVERIFY(row.contains(QLatin1String("20%")));
    QVERIFY(row.contains(QLatin1String("generate-script")));
    QVERIFY(row.contains(QLatin1String("network")));
    const auto record = m_store->job(user(QStringLiteral("ada")), failed);
    QVERIFY(record.ok());
    QVERIFY2(
        row.contains(record->createdAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))),
        qPrintable(row));
    QVERIFY(!row.contains(longTitle));
    QVERIFY(row.contains(longTitle.left(49) + QChar(0x2026)));

    // Waiting jobs say their place in line.
    const qint64 first =
        makeJob(QStringLiteral("ada"), QStringLiteral("Ants"), QString(JobStatus::Queued), 0);
    const qint64 second =
        makeJob(QStringLiteral("ada"), QStringLiteral("Wasps"), QString(JobStatus::Queued), 0);
    const QString queued = QString::fromUtf8(cli({QStringLiteral("list")}).out);
    const auto lineOf = [&queued](qint64 job) {
        const QStringList all = queued.split(QLatin1Char('\n'));
        for (const QString& line : all) {
            if (line.startsWith(QString::number(job) + QLatin1Char(' ')))
                return line;
        }
        return QString();
    };
    QVERIFY2(lineOf(first).contains(QLatin1String("queued #1")), qPrintable(queued));
    QVERIFY2(lineOf(second).contains(QLatin1String("queued #2")), qPrintable(queued));

    user(QStringLiteral("bob"));
    const Run empty = cli({QStringLiteral("list")}, QStringLiteral("bob"));
    QCOMPARE(empty.exitCode, 0);
    QVERIFY(empty.out.startsWith("No jobs"));
}

void TestCliJobs::showTicksTheStepsFromTheFolder() {
    const qint64 id =
        makeJob(QStringLiteral("ada"), QStringLiteral("Bees"), QString(JobStatus::Paused), 3);
    const Run run = cli({QStringLiteral("show"), QString::number(id)});
    QCOMPARE(run.exitCode, 0);
    const QString out = QString::fromUtf8(run.out);
    QVERIFY2(out.startsWith(QStringLiteral("Job %1: paused\n").arg(id)), qPrintable(out));
    QVERIFY(out.contains(QStringLiteral("✓ fetch-paper\n")));
    QVERIFY(out.contains(QStringLiteral("✓ generate-script\n")));
    QVERIFY(out.contains(QStringLiteral("✓ generate-audio\n")));
    QVERIFY(out.contains(QStringLiteral("… generate-videos\n")));
    QVERIFY(out.contains(QStringLiteral("… add-captions\n")));
    QVERIFY(out.contains(folderOf(QStringLiteral("ada"), id)));
    QVERIFY(out.contains(QStringLiteral("Bees")));
}

void TestCliJobs::showJsonHasStepsAndFolder() {
    const qint64 id =
        makeJob(QStringLiteral("ada"), QStringLiteral("Bees"), QString(JobStatus::Completed), 5);
    QFile::remove(
        QDir(folderOf(QStringLiteral("ada"), id)).filePath(QStringLiteral("script.json")));
    const Run run = cli({QStringLiteral("show"), QString::number(id), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject job = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(job.value(QLatin1String("id")).toInteger(), id);
    QCOMPARE(job.value(QLatin1String("status")).toString(), QStringLiteral("completed"));
    QCOMPARE(job.value(QLatin1String("folder")).toString(), folderOf(QStringLiteral("ada"), id));
    QVERIFY(!job.value(QLatin1String("task_id")).toString().isEmpty());
    QCOMPARE(
        job.value(QLatin1String("options")).toObject().value(QLatin1String("input")).toString(),
        QStringLiteral("paper.xml"));
    const QJsonArray steps = job.value(QLatin1String("steps")).toArray();
    QCOMPARE(steps.size(), 5);
    const QList<bool> done{true, false, true, true, true};
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(steps.at(i).toObject().value(QLatin1String("step")).toString(), stepName(Step(i)));
        QCOMPARE(steps.at(i).toObject().value(QLatin1String("done")).toBool(), done.at(i));
    }
}

void TestCliJobs::badIdsAreUsageErrors_data() {
    QTest::addColumn<QStringList>("args");
    for (const char* command : {"show", "cancel", "delete"}) {
        for (const char* id :
             {"abc", "0", "-3", "1.5", "+4", "007", "99999999999999999999", " 5"}) {
            QTest::addRow("%s %s", command, id)
                << QStringList{QString::fromLatin1(command), QString::fromLatin1(id)};
        }
        QTest::addRow("%s without ID", command) << QStringList{QString::fromLatin1(command)};
        QTest::addRow("%s with two IDs", command)
            << QStringList{QString::fromLatin1(command), QStringLiteral("1"), QStringLiteral("2")};
    }
    QTest::newRow("unknown status")
        << QStringList{QStringLiteral("list"), QStringLiteral("--status"), QStringLiteral("done")};
    QTest::newRow("unknown option")
        << QStringList{QStringLiteral("list"), QStringLiteral("--bogus")};
    QTest::newRow("list with an argument")
        << QStringList{QStringLiteral("list"), QStringLiteral("1")};
}

void TestCliJobs::badIdsAreUsageErrors() {
    QFETCH(QStringList, args);
    makeJob(QStringLiteral("ada"), QStringLiteral("Bees"), QString(JobStatus::Failed), 1);
    const Run run = cli(args);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.startsWith("error: usage: "), run.err.constData());
    QVERIFY(run.out.isEmpty());
    // Nothing was touched.
    QCOMPARE(m_store->job(user(QStringLiteral("ada")), 1)->status, QStringLiteral("failed"));
}

void TestCliJobs::unknownAndForeignJobsAreNotFound_data() {
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("asUser");
    QTest::addColumn<bool>("foreign"); // bob's job instead of a missing one
    for (const char* command : {"show", "cancel", "delete"}) {
        QTest::addRow("%s missing", command)
            << QString::fromLatin1(command) << QStringLiteral("ada") << false;
        QTest::addRow("%s another account's", command)
            << QString::fromLatin1(command) << QStringLiteral("ada") << true;
    }
}

void TestCliJobs::unknownAndForeignJobsAreNotFound() {
    QFETCH(QString, command);
    QFETCH(QString, asUser);
    QFETCH(bool, foreign);
    user(QStringLiteral("ada"));
    const qint64 bobs = makeJob(QStringLiteral("bob"), QStringLiteral("Bob's bees"),
                                QString(JobStatus::Running), 2);
    const qint64 id = foreign ? bobs : 999;
    const Run run = cli({command, QString::number(id)}, asUser);
    QCOMPARE(run.exitCode, 3);
    QCOMPARE(run.err, QStringLiteral("error: not_found: job %1 does not exist for account %2\n")
                          .arg(id)
                          .arg(asUser)
                          .toUtf8());
    QVERIFY(run.out.isEmpty());
    const auto bobsJob = m_store->job(user(QStringLiteral("bob")), bobs);
    QVERIFY(bobsJob.ok());
    QCOMPARE(bobsJob->status, QStringLiteral("running"));
    QVERIFY(QFileInfo::exists(
        QDir(folderOf(QStringLiteral("bob"), bobs)).filePath(QStringLiteral("script.json"))));
}

void TestCliJobs::cancelStopsARunningJob() {
    const qint64 id =
        makeJob(QStringLiteral("ada"), QStringLiteral("Bees"), QString(JobStatus::Running), 2);
    const qint64 ada = user(QStringLiteral("ada"));
    QCOMPARE(m_store->updateProgress(ada, id, QStringLiteral("generate-audio"), 45).value(), true);

    const Run run = cli({QStringLiteral("cancel"), QString::number(id)});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.isEmpty(), run.err.constData());
    const auto job = m_store->job(ada, id);
    QVERIFY(job.ok());
    QCOMPARE(job->status, QStringLiteral("cancelled"));
    QCOMPARE(job->errorType, QStringLiteral("cancelled"));
    QCOMPARE(job->errorMessage, QStringLiteral("cancelled by the user"));
    QCOMPARE(job->progressPercent, 45); // where it stopped
    // The worker (here: this process) learns it should stop.
    const auto progress = m_store->updateProgress(ada, id, QStringLiteral("generate-audio"), 50);
    QVERIFY(progress.ok());
    QCOMPARE(progress.value(), false);
    // Cancelling again is harmless.
    QCOMPARE(cli({QStringLiteral("cancel"), QString::number(id)}).exitCode, 0);

    // A pending job can be cancelled too; --json prints the updated row.
    const qint64 pending =
        makeJob(QStringLiteral("ada"), QStringLiteral("Ants"), QString(JobStatus::Pending), 0);
    const Run json =
        cli({QStringLiteral("cancel"), QString::number(pending), QStringLiteral("--json")});
    QCOMPARE(json.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(json.out).object().value(QLatin1String("status")).toString(),
             QStringLiteral("cancelled"));
}

void TestCliJobs::cancelRefusesACompletedJob() {
    const qint64 id =
        makeJob(QStringLiteral("ada"), QStringLiteral("Bees"), QString(JobStatus::Completed), 5);
    const Run run = cli({QStringLiteral("cancel"), QString::number(id)});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(
                 QStringLiteral("error: usage: job %1 is already completed").arg(id).toUtf8()),
             run.err.constData());
    const auto job = m_store->job(user(QStringLiteral("ada")), id);
    QCOMPARE(job->status, QStringLiteral("completed"));
    QCOMPARE(job->progressPercent, 100);
    QVERIFY(job->errorType.isEmpty());
}

void TestCliJobs::deleteRemovesRowAndFolder() {
    const qint64 keep =
        makeJob(QStringLiteral("ada"), QStringLiteral("Ants"), QString(JobStatus::Completed), 5);
    const qint64 id =
        makeJob(QStringLiteral("ada"), QStringLiteral("Bees"), QString(JobStatus::Failed), 3);
    const QString folder = folderOf(QStringLiteral("ada"), id);
    QVERIFY(QFileInfo(folder).isDir());
    const Run run = cli({QStringLiteral("delete"), QString::number(id)});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.isEmpty(), run.err.constData());
    QCOMPARE(m_store->job(user(QStringLiteral("ada")), id).error().type, ErrorType::NotFound);
    QVERIFY(!QFileInfo::exists(folder));
    // The neighbour is untouched.
    QVERIFY(m_store->job(user(QStringLiteral("ada")), keep).ok());
    QVERIFY(QFileInfo::exists(
        QDir(folderOf(QStringLiteral("ada"), keep)).filePath(QStringLiteral("final_video.mp4"))));
    // Deleting it again: it is gone.
    QCOMPARE(cli({QStringLiteral("delete"), QString::number(id)}).exitCode, 3);

    // A row whose folder is already gone is still deleted.
    QVERIFY(QDir(folderOf(QStringLiteral("ada"), keep)).removeRecursively());
    const Run json =
        cli({QStringLiteral("delete"), QString::number(keep), QStringLiteral("--json")});
    QCOMPARE(json.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(json.out).object().value(QLatin1String("deleted")).toInteger(),
             keep);
    QCOMPARE(m_store->job(user(QStringLiteral("ada")), keep).error().type, ErrorType::NotFound);
}

void TestCliJobs::deleteRefusesARunningJobWithoutForce() {
    const qint64 id =
        makeJob(QStringLiteral("ada"), QStringLiteral("Bees"), QString(JobStatus::Running), 2);
    const QString folder = folderOf(QStringLiteral("ada"), id);
    const Run refused = cli({QStringLiteral("delete"), QString::number(id)});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.startsWith("error: usage: "), refused.err.constData());
    QVERIFY(refused.err.contains("--force"));
    QCOMPARE(m_store->job(user(QStringLiteral("ada")), id)->status, QStringLiteral("running"));
    QVERIFY(QFileInfo::exists(QDir(folder).filePath(QStringLiteral("script.json"))));

    const Run forced =
        cli({QStringLiteral("delete"), QString::number(id), QStringLiteral("--force")});
    QCOMPARE(forced.exitCode, 0);
    QCOMPARE(m_store->job(user(QStringLiteral("ada")), id).error().type, ErrorType::NotFound);
    QVERIFY(!QFileInfo::exists(folder));
}

void TestCliJobs::deleteLeavesAnotherAccountsJobAlone() {
    const qint64 id =
        makeJob(QStringLiteral("ada"), QStringLiteral("Bees"), QString(JobStatus::Completed), 5);
    user(QStringLiteral("bob"));
    const Run run = cli({QStringLiteral("delete"), QString::number(id), QStringLiteral("--force")},
                        QStringLiteral("bob"));
    QCOMPARE(run.exitCode, 3);
    QCOMPARE(run.err, QStringLiteral("error: not_found: job %1 does not exist for account bob\n")
                          .arg(id)
                          .toUtf8());
    QVERIFY(m_store->job(user(QStringLiteral("ada")), id).ok());
    QVERIFY(QFileInfo::exists(
        QDir(folderOf(QStringLiteral("ada"), id)).filePath(QStringLiteral("final_video.mp4"))));
    // Nor is a folder of bob's with the same name touched when ada deletes her job.
    const QString bobsFolder =
        m_layout->jobDir(test::userUuidOf(*m_layout, user(QStringLiteral("bob"))),
                         m_store->job(user(QStringLiteral("ada")), id)->taskId);
    writeArtifacts(bobsFolder, 1, QStringLiteral("stray"), QStringLiteral("x.xml"));
    QCOMPARE(cli({QStringLiteral("delete"), QString::number(id)}).exitCode, 0);
    QVERIFY(QFileInfo::exists(QDir(bobsFolder).filePath(QStringLiteral("paper.json"))));
}

void TestCliJobs::deleteDoesNotFollowALinkedFolder() {
    const qint64 id =
        makeJob(QStringLiteral("ada"), QStringLiteral("Bees"), QString(JobStatus::Failed), 1);
    const QString folder = folderOf(QStringLiteral("ada"), id);
    const QString precious = m_dir->filePath(QStringLiteral("precious"));
    touch(QDir(precious).filePath(QStringLiteral("thesis.tex")), "keep me");
    QVERIFY(QDir(folder).removeRecursively());
    QVERIFY(QFile::link(precious, folder));
    QCOMPARE(cli({QStringLiteral("delete"), QString::number(id)}).exitCode, 0);
    QVERIFY(!QFileInfo(folder).isSymLink());
    QVERIFY(QFileInfo::exists(QDir(precious).filePath(QStringLiteral("thesis.tex"))));
}

void TestCliJobs::rebuildRestoresRowsFromFolders() {
    // The job rows are lost but the accounts are not (a backup of the database from
    // before these jobs): folders are named by the accounts' and jobs' uuids, so each
    // folder finds its owner and gets its row back under its own uuid.
    const qint64 done =
        makeJob(QStringLiteral("ada"), QStringLiteral("Bees dance"), QString(JobStatus::Completed),
                5, QStringLiteral("/home/ada/papers/bees.xml"));
    const qint64 half = makeJob(QStringLiteral("ada"), QStringLiteral("Ants"),
                                QString(JobStatus::Running), 2, QStringLiteral("ants.pdf"));
    const qint64 empty = makeJob(QStringLiteral("ada"), QStringLiteral("Wasps"),
                                 QString(JobStatus::Pending), 0, QStringLiteral("wasps.docx"));
    const qint64 bobs =
        makeJob(QStringLiteral("bob"), QStringLiteral("Bob's"), QString(JobStatus::Completed), 5);
    const qint64 ada = user(QStringLiteral("ada"));
    // A folder that is not a job: ignored.
    QDir().mkpath(QDir(test::jobsDirOf(*m_layout, ada)).filePath(QStringLiteral("tmp-123")));
    // The folder (task id) each job had, by the paper's file name (what rebuild
    // recovers as the paper id; a job that never read its paper has no title).
    QMap<QString, QString> folderByPaper;
    for (const qint64 id : {done, half, empty})
        folderByPaper.insert(QFileInfo(m_store->job(ada, id)->paperId).fileName(),
                             m_store->job(ada, id)->taskId);
    const QString donesVideo =
        QDir(test::jobDirOf(*m_layout, ada, done)).filePath(QStringLiteral("final_video.mp4"));
    for (const qint64 id : {done, half, empty})
        QVERIFY(!m_store->deleteJob(ada, id).isError());
    QVERIFY(!m_store->deleteJob(user(QStringLiteral("bob")), bobs).isError());

    const Run run = cli({QStringLiteral("rebuild")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.isEmpty(), run.err.constData());
    QVERIFY2(run.out.startsWith("Imported 3 jobs"), run.out.constData());

    const QJsonArray jobs = listJson(QStringLiteral("ada"));
    QCOMPARE(jobs.size(), 3);
    QMap<QString, QJsonObject> byPaper;
    for (const QJsonValue& value : jobs) {
        const QJsonObject job = value.toObject();
        byPaper.insert(job.value(QLatin1String("paper_id")).toString(), job);
        const Run shown = cli({QStringLiteral("show"), QStringLiteral("--json"),
                               QString::number(job.value(QLatin1String("id")).toInteger())});
        QCOMPARE(shown.exitCode, 0);
        QCOMPARE(
            QJsonDocument::fromJson(shown.out).object().value(QLatin1String("task_id")).toString(),
            folderByPaper.value(job.value(QLatin1String("paper_id")).toString()));
    }
    QCOMPARE(byPaper.keys(), folderByPaper.keys());

    const QJsonObject completed = byPaper.value(QStringLiteral("bees.xml"));
    QCOMPARE(completed.value(QLatin1String("status")).toString(), QStringLiteral("completed"));
    QCOMPARE(completed.value(QLatin1String("progress")).toInt(), 100);
    QCOMPARE(completed.value(QLatin1String("title")).toString(), QStringLiteral("Bees dance"));
    QCOMPARE(completed.value(QLatin1String("source_kind")).toString(), QStringLiteral("jats"));
    QCOMPARE(completed.value(QLatin1String("paper_id")).toString(), QStringLiteral("bees.xml"));
    QCOMPARE(completed.value(QLatin1String("video")).toString(), donesVideo);
    QVERIFY(completed.value(QLatin1String("completed_at")).isString());

    const QJsonObject partial = byPaper.value(QStringLiteral("ants.pdf"));
    QCOMPARE(partial.value(QLatin1String("status")).toString(), QStringLiteral("failed"));
    // Where the bar stands for that job's options when its audio is still to make.
    JobOptions options;
    options.input = QStringLiteral("bees.xml");
    options.durationSeconds = 60;
    QCOMPARE(partial.value(QLatin1String("progress")).toInt(),
             ProgressPlan::forJob(options).startPercent(Step::GenerateAudio));
    QCOMPARE(partial.value(QLatin1String("step")).toString(), QStringLiteral("generate-audio"));
    QCOMPARE(partial.value(QLatin1String("error_type")).toString(), QStringLiteral("internal"));
    QVERIFY(
        partial.value(QLatin1String("error_message")).toString().contains(QLatin1String("retry")));
    QCOMPARE(partial.value(QLatin1String("paper_id")).toString(), QStringLiteral("ants.pdf"));

    const QJsonObject nothing = byPaper.value(QStringLiteral("wasps.docx"));
    QCOMPARE(nothing.value(QLatin1String("status")).toString(), QStringLiteral("failed"));
    QCOMPARE(nothing.value(QLatin1String("progress")).toInt(), 0);
    QCOMPARE(nothing.value(QLatin1String("step")).toString(), QStringLiteral("fetch-paper"));
    QCOMPARE(nothing.value(QLatin1String("paper_id")).toString(), QStringLiteral("wasps.docx"));

    // Only ada's folder was scanned; bob's job comes back when bob rebuilds. The CLI
    // makes only the default account (ada) by itself: bob's account is made again as
    // `account create` would, second, so it is account 2 again.
    openStore();
    QCOMPARE(user(QStringLiteral("bob")), qint64(2));
    QCOMPARE(listJson(QStringLiteral("bob")).size(), 0);
    const Run again = cli({QStringLiteral("rebuild"), QStringLiteral("--json")});
    QCOMPARE(again.exitCode, 0);
    const QJsonObject report = QJsonDocument::fromJson(again.out).object();
    QCOMPARE(report.value(QLatin1String("imported")).toArray().size(), 0);
    QCOMPARE(report.value(QLatin1String("already_present")).toInt(), 3);
    QCOMPARE(cli({QStringLiteral("rebuild")}, QStringLiteral("bob")).exitCode, 0);
    const QJsonArray bobsJobs = listJson(QStringLiteral("bob"));
    QCOMPARE(bobsJobs.size(), 1);
    QCOMPARE(bobsJobs.at(0).toObject().value(QLatin1String("title")).toString(),
             QStringLiteral("Bob's"));
    QCOMPARE(listJson(QStringLiteral("ada")).size(), 3);
}

// After the database is lost, the old accounts' folders have no owner: rebuild
// names them and leaves them alone instead of giving them to whoever runs it.
void TestCliJobs::rebuildReportsFoldersOfUnknownAccounts() {
    const qint64 id =
        makeJob(QStringLiteral("ada"), QStringLiteral("Bees"), QString(JobStatus::Completed), 5);
    const QString oldAccount = test::userDirOf(*m_layout, user(QStringLiteral("ada")));
    const QString oldJob = folderOf(QStringLiteral("ada"), id);
    const QStringList before = QDir(oldJob).entryList(QDir::Files);
    m_store.reset();
    for (const char* suffix : {"", "-wal", "-shm"})
        QFile::remove(m_layout->databasePath() + QLatin1String(suffix));

    const Run run = cli({QStringLiteral("rebuild"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject report = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(report.value(QLatin1String("imported")).toArray().size(), 0);
    QCOMPARE(report.value(QLatin1String("unowned_folders")).toArray(), QJsonArray{oldAccount});
    QCOMPARE(listJson(QStringLiteral("ada")).size(), 0);
    QCOMPARE(QDir(oldJob).entryList(QDir::Files), before);
    const Run text = cli({QStringLiteral("rebuild")});
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.err.contains(QFile::encodeName(oldAccount)), text.err.constData());
}

void TestCliJobs::accountsAreIsolated() {
    const qint64 adas = makeJob(QStringLiteral("ada"), QStringLiteral("Ada's bees"),
                                QString(JobStatus::Running), 1);
    const qint64 bobs =
        makeJob(QStringLiteral("bob"), QStringLiteral("Bob's ants"), QString(JobStatus::Failed), 1);
    const QJsonArray adaJobs = listJson(QStringLiteral("ada"));
    QCOMPARE(adaJobs.size(), 1);
    QCOMPARE(adaJobs.at(0).toObject().value(QLatin1String("id")).toInteger(), adas);
    const QJsonArray bobJobs = listJson(QStringLiteral("bob"));
    QCOMPARE(bobJobs.size(), 1);
    QCOMPARE(bobJobs.at(0).toObject().value(QLatin1String("id")).toInteger(), bobs);
    QCOMPARE(listJson(QStringLiteral("bob"), {QStringLiteral("--search"), QStringLiteral("bees")})
                 .size(),
             0);

    QCOMPARE(cli({QStringLiteral("show"), QString::number(adas)}, QStringLiteral("bob")).exitCode,
             3);
    QCOMPARE(cli({QStringLiteral("cancel"), QString::number(adas)}, QStringLiteral("bob")).exitCode,
             3);
    QCOMPARE(m_store->job(user(QStringLiteral("ada")), adas)->status, QStringLiteral("running"));
    QCOMPARE(cli({QStringLiteral("show"), QString::number(adas)}, QStringLiteral("ada")).exitCode,
             0);
    // Account names are case-insensitive: ADA is ada.
    QCOMPARE(cli({QStringLiteral("show"), QString::number(adas)}, QStringLiteral("ADA")).exitCode,
             0);
}

void TestCliJobs::unknownSubcommandIsUsageError() {
    for (const QStringList& args : {QStringList{QStringLiteral("frobnicate")}, QStringList{}}) {
        const Run run = cli(args);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.startsWith("error: usage: "), run.err.constData());
    }
}

QTEST_GUILESS_MAIN(TestCliJobs)
#include "tst_cli_jobs.moc"
