// SPDX-License-Identifier: GPL-3.0-or-later
// One account never reaches another's jobs, through any API that takes a job:
// JobStore, JobRunner, JobArtifacts and the Exporter built on it. A paper's own
// identifiers, titles, figure IDs and file names never steer a path outside the
// job's folder, and the folders and database are private to their owner.
#include "StorageIds.h"
#include "TestUtil.h"
#include "jobs/DataLayout.h"
#include "jobs/Exporter.h"
#include "jobs/JobArtifacts.h"
#include "jobs/JobRunner.h"
#include "jobs/JobStore.h"
#include "visuals/MotionGraphicsVisuals.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <functional>
#include <sys/stat.h>

using namespace hh;

namespace {

void writeJson(const QString& path, const QJsonDocument& doc) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(doc.toJson());
}

void writeBytes(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(bytes);
}

// A finished job's folder as the player and exporter read it; the video and
// companions are stand-ins, which is all the exporter's copy needs.
void makeFinishedFolder(const QString& dir, const QString& title) {
    writeJson(dir + QStringLiteral("/paper.json"),
              QJsonDocument(
                  QJsonObject{{QStringLiteral("title"), title},
                              {QStringLiteral("abstract"),
                               QJsonArray{QJsonObject{{QStringLiteral("label"), QString()},
                                                      {QStringLiteral("text"),
                                                       QStringLiteral("Bees count to four.")}}}}}));
    writeJson(dir + QStringLiteral("/script.json"),
              QJsonDocument(QJsonObject{
                  {QStringLiteral("title"), title},
                  {QStringLiteral("scenes"),
                   QJsonArray{QJsonObject{
                       {QStringLiteral("narration"), QStringLiteral("Bees count to four.")},
                       {QStringLiteral("sources"), QJsonArray{QStringLiteral("abs0.s0")}}}}}}));
    writeJson(dir + QStringLiteral("/words.json"),
              QJsonDocument(QJsonArray{QJsonObject{{QStringLiteral("word"), QStringLiteral("Bees")},
                                                   {QStringLiteral("start"), 0.0},
                                                   {QStringLiteral("end"), 0.4}}}));
    for (const char* name : {"final_video.mp4", "captions.srt", "captions.vtt", "thumbnail.png"})
        writeBytes(dir + QLatin1Char('/') + QLatin1String(name),
                   QByteArray(name) + " of " + title.toUtf8());
}

// Every file under a folder with its content hash: "nothing changed" made checkable.
QStringList snapshot(const QString& dir) {
    QStringList entries;
    QDirIterator it(dir, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info(it.next());
        QFile file(info.filePath());
        QByteArray hash;
        if (info.isFile() && file.open(QIODevice::ReadOnly))
            hash = QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha1).toHex();
        entries << QDir(dir).relativeFilePath(info.filePath()) + QLatin1Char(' ') +
                       QString::fromLatin1(hash);
    }
    entries.sort();
    return entries;
}

int mode(const QString& path) {
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 07777) : -1;
}

JobOptions quickOptions(const QString& input) {
    JobOptions options;
    options.input = input;
    options.durationSeconds = 10;
    options.aspect = QStringLiteral("1:1");
    options.pauseAfterScript = true; // the first two steps are all these tests need
    return options;
}

struct Fixture {
    QTemporaryDir dir;
    DataLayout layout{dir.filePath(QStringLiteral("data"))};
    std::unique_ptr<JobStore> store;
    qint64 ada = 0;
    qint64 mallory = 0;
    qint64 adaJob = 0; // running (as if interrupted), with a finished folder
    qint64 malloryJob = 0;

    bool init() {
        if (layout.ensureRoot().isError())
            return false;
        store = std::make_unique<JobStore>(layout.databasePath());
        if (store->open().isError())
            return false;
        ada = store->createUser(QStringLiteral("ada"), QStringLiteral("!")).value();
        mallory = store->createUser(QStringLiteral("mallory"), QStringLiteral("!")).value();
        adaJob = store
                     ->createJob(ada, QStringLiteral("sha256:ada"),
                                 QStringLiteral("Ada's private sleep study"),
                                 QStringLiteral("jats"), quickOptions(QStringLiteral("x")).toJson())
                     .value();
        malloryJob =
            store
                ->createJob(mallory, QStringLiteral("sha256:mal"), QStringLiteral("Mallory's own"),
                            QStringLiteral("jats"), quickOptions(QStringLiteral("x")).toJson())
                .value();
        if (store->setRunning(ada, adaJob, QStringLiteral("add-captions"), 90).isError() ||
            test::ensureJobDirOf(layout, ada, adaJob).isError() ||
            store
                ->addUsage(ada, JobStore::usageMonth(QDateTime::currentDateTimeUtc()),
                           UsageDelta{ProviderId::Gemini, 1000, 200, 0, 0, 3, 0}, 0.25)
                .isError() ||
            store->setMonthlyLimit(ada, ProviderId::Gemini, 5.0).isError())
            return false;
        makeFinishedFolder(test::jobDirOf(layout, ada, adaJob),
                           QStringLiteral("Ada's private sleep study"));
        return true;
    }
};

} // namespace

class TestIsolation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<qint64>("qint64"); }
    void anotherAccountReachesNothing_data();
    void anotherAccountReachesNothing();
    void foldersAndDatabaseArePrivate();
    void exportNamesStayInTheChosenFolder_data();
    void exportNamesStayInTheChosenFolder();
    void hostilePaperIdsNeverBecomePaths_data();
    void hostilePaperIdsNeverBecomePaths();
    void figureImagesAreReadOnlyFromTheJobFolder_data();
    void figureImagesAreReadOnlyFromTheJobFolder();
    void inputFileNameNeverSteersTheJobFolder();
};

// Each row is one call a second account (mallory) makes with ada's job ID. It must
// answer exactly as for a job that does not exist, and leave ada's row, usage and
// folder as they were.
void TestIsolation::anotherAccountReachesNothing_data() {
    QTest::addColumn<QString>("api");
    for (const char* api : {"JobStore::job",
                            "JobStore::jobs",
                            "JobStore::jobs(text)",
                            "JobStore::jobs(status)",
                            "JobStore::interruptedJobs",
                            "JobStore::setRunning",
                            "JobStore::updateProgress",
                            "JobStore::setPaused",
                            "JobStore::finish",
                            "JobStore::fail",
                            "JobStore::fail(cancel)",
                            "JobStore::setTitle",
                            "JobStore::deleteJob",
                            "JobStore::importJob",
                            "JobStore::usage",
                            "JobStore::monthlyLimit",
                            "JobRunner::resume",
                            "JobRunner::cancel",
                            "JobRunner::resumeInterrupted",
                            "JobArtifacts::load"})
        QTest::newRow(api) << QString::fromLatin1(api);
}

void TestIsolation::anotherAccountReachesNothing() {
    QFETCH(QString, api);
    Fixture f;
    QVERIFY(f.init());
    JobStore& store = *f.store;
    const auto rowOf = [&](qint64 user, qint64 job) {
        const auto record = store.job(user, job);
        return record ? QStringList{record->status,
                                    record->currentStep,
                                    QString::number(record->progressPercent),
                                    record->paperTitle,
                                    record->errorType,
                                    record->finalVideoPath,
                                    QString::number(record->userId)}
                      : QStringList{record.error().message};
    };
    const QString month = JobStore::usageMonth(QDateTime::currentDateTimeUtc());
    const QStringList rowBefore = rowOf(f.ada, f.adaJob);
    const QStringList folderBefore = snapshot(test::userDirOf(f.layout, f.ada));
    const auto usageBefore = store.usage(f.ada, month).value();
    const qint64 missing = f.adaJob + 1000;
    JobRunner runner(f.layout);
    const QString exportDir = f.dir.filePath(QStringLiteral("exports"));

    // What the call answers for ada's job and for a job that does not exist: the
    // two must read the same, so job IDs cannot be probed.
    struct Answer {
        QString text;
        bool reachedNothing = false;
    };
    const std::map<QString, std::function<Answer(qint64)>> calls{
        {QStringLiteral("JobStore::job"),
         [&](qint64 j) {
             const auto r = store.job(f.mallory, j);
             return Answer{r ? QStringLiteral("found") : r.error().message,
                           !r && r.error().type == ErrorType::NotFound};
         }},
        {QStringLiteral("JobStore::jobs"),
         [&](qint64) {
             const auto r = store.jobs(f.mallory);
             return Answer{QString::number(r->size()),
                           r->size() == 1 && r->first().id == f.malloryJob};
         }},
        {QStringLiteral("JobStore::jobs(text)"),
         [&](qint64) {
             JobFilter filter;
             filter.text = QStringLiteral("sleep study");
             return Answer{QString(), store.jobs(f.mallory, filter)->isEmpty()};
         }},
        {QStringLiteral("JobStore::jobs(status)"),
         [&](qint64) {
             JobFilter filter;
             filter.status = QStringLiteral("running");
             return Answer{QString(), store.jobs(f.mallory, filter)->isEmpty()};
         }},
        {QStringLiteral("JobStore::interruptedJobs"),
         [&](qint64) {
             return Answer{QString(), store.interruptedJobs(f.mallory)->isEmpty()};
         }},
        {QStringLiteral("JobStore::setRunning"),
         [&](qint64 j) {
             const Error e = store.setRunning(f.mallory, j, QStringLiteral("fetch-paper"), 0);
             return Answer{e.message, e.type == ErrorType::NotFound};
         }},
        {QStringLiteral("JobStore::updateProgress"),
         [&](qint64 j) {
             const auto r = store.updateProgress(f.mallory, j, QStringLiteral("x"), 99);
             return Answer{r ? QStringLiteral("updated") : r.error().message,
                           !r && r.error().type == ErrorType::NotFound};
         }},
        {QStringLiteral("JobStore::setPaused"),
         [&](qint64 j) {
             const Error e = store.setPaused(f.mallory, j, QStringLiteral("x"), 1);
             return Answer{e.message, e.type == ErrorType::NotFound};
         }},
        {QStringLiteral("JobStore::finish"),
         [&](qint64 j) {
             const Error e = store.finish(f.mallory, j, QStringLiteral("/tmp/evil.mp4"));
             return Answer{e.message, e.type == ErrorType::NotFound};
         }},
        {QStringLiteral("JobStore::fail"),
         [&](qint64 j) {
             const Error e = store.fail(f.mallory, j, ErrorType::Network, QStringLiteral("x"));
             return Answer{e.message, e.type == ErrorType::NotFound};
         }},
        {QStringLiteral("JobStore::fail(cancel)"),
         [&](qint64 j) {
             const Error e = store.fail(f.mallory, j, ErrorType::Cancelled, QStringLiteral("x"));
             return Answer{e.message, e.type == ErrorType::NotFound};
         }},
        {QStringLiteral("JobStore::setTitle"),
         [&](qint64 j) {
             const Error e =
                 store.setTitle(f.mallory, j, QStringLiteral("pwned"), QStringLiteral("pdf"));
             return Answer{e.message, e.type == ErrorType::NotFound};
         }},
        {QStringLiteral("JobStore::deleteJob"),
         [&](qint64 j) {
             const Error e = store.deleteJob(f.mallory, j);
             return Answer{e.message, e.type == ErrorType::NotFound};
         }},
        {QStringLiteral("JobStore::importJob"),
         [&](qint64 j) {
             // Claiming an existing job's folder (its uuid) is refused whoever owns
             // it; a fresh uuid is not ada's job, so only the taken one is compared.
             const auto adas = store.job(f.ada, j);
             JobRecord record;
             record.paperId = QStringLiteral("x");
             record.status = QStringLiteral("completed");
             record.taskId =
                 adas ? adas->taskId : QUuid::createUuid().toString(QUuid::WithoutBraces);
             const auto r = store.importJob(f.mallory, record);
             if (r && !adas)
                 store.deleteJob(f.mallory, r.value());
             return Answer{QStringLiteral("same"), !adas || !r};
         }},
        {QStringLiteral("JobStore::usage"),
         [&](qint64) {
             return Answer{QString(), store.usage(f.mallory, month)->isEmpty()};
         }},
        {QStringLiteral("JobStore::monthlyLimit"),
         [&](qint64) {
             return Answer{QString(),
                           store.monthlyLimit(f.mallory, ProviderId::Gemini).value() < 0};
         }},
        {QStringLiteral("JobRunner::resume"),
         [&](qint64 j) {
             const Error e = runner.resume(f.mallory, j);
             return Answer{e.message, e.type == ErrorType::NotFound && !runner.isActive(j)};
         }},
        {QStringLiteral("JobRunner::cancel"),
         [&](qint64 j) {
             const Error e = runner.cancel(f.mallory, j);
             return Answer{e.message, e.type == ErrorType::NotFound};
         }},
        {QStringLiteral("JobRunner::resumeInterrupted"),
         [&](qint64) {
             const int started = runner.resumeInterrupted(f.mallory);
             return Answer{QString(), started == 0 && !runner.isActive(f.adaJob)};
         }},
        {QStringLiteral("JobArtifacts::load"),
         [&](qint64 j) {
             // The player and the exporter open the folder of the signed-in
             // account's job (the exporter only ever gets artifacts that loaded).
             // The folder is found through the job's row, so another account's
             // job has none, exactly like a missing one.
             const auto r = JobArtifacts::load(test::jobDirOf(f.layout, f.mallory, j));
             return Answer{r ? QStringLiteral("loaded") : r.error().message,
                           !r && r.error().type == ErrorType::NotFound};
         }},
    };
    const auto& call = calls.at(api);
    const Answer intruder = call(f.adaJob);
    const Answer absent = call(missing);
    QVERIFY2(intruder.reachedNothing, qPrintable(intruder.text));
    QVERIFY2(absent.reachedNothing, qPrintable(absent.text));
    QCOMPARE(intruder.text,
             QString(absent.text).replace(QString::number(missing), QString::number(f.adaJob)));
    runner.waitForDone();

    QCOMPARE(rowOf(f.ada, f.adaJob), rowBefore);
    QCOMPARE(snapshot(test::userDirOf(f.layout, f.ada)), folderBefore);
    QCOMPARE(store.usage(f.ada, month)->size(), usageBefore.size());
    QCOMPARE(store.monthlyLimit(f.ada, ProviderId::Gemini).value(), 5.0);
    // Not even a folder named like ada's job appeared under mallory's.
    QVERIFY(!QFileInfo::exists(f.layout.jobDir(test::userUuidOf(f.layout, f.mallory),
                                               test::jobUuidOf(f.layout, f.ada, f.adaJob))));
    // The owner still reaches it: the refusals above were about the account.
    QVERIFY(JobArtifacts::load(test::jobDirOf(f.layout, f.ada, f.adaJob)).ok());
}

// Accounts on one computer share a Unix user only when they share a login; the
// folders and database are still owner-only, whatever the umask says.
void TestIsolation::foldersAndDatabaseArePrivate() {
    const mode_t previous = ::umask(0);
    const auto restore = qScopeGuard([previous] { ::umask(previous); });
    Fixture f;
    QVERIFY(f.init());
    QVERIFY(
        f.store->setTitle(f.ada, f.adaJob, QStringLiteral("t"), QStringLiteral("jats")).isError() ==
        false);
    for (const QString& dir : {test::userDirOf(f.layout, f.ada), test::jobsDirOf(f.layout, f.ada),
                               test::jobDirOf(f.layout, f.ada, f.adaJob)})
        QCOMPARE(QString::number(mode(dir), 8), QStringLiteral("700"));
    // The database holds password hashes; its write-ahead log and shared memory hold
    // the same pages, so they are as private as the file.
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        const QString path = f.layout.databasePath() + suffix;
        QVERIFY2(QFileInfo::exists(path), qPrintable(path));
        QVERIFY2((mode(path) & 077) == 0,
                 qPrintable(QStringLiteral("%1 is %2").arg(path).arg(mode(path), 0, 8)));
    }
}

void TestIsolation::exportNamesStayInTheChosenFolder_data() {
    QTest::addColumn<QString>("title");
    QTest::newRow("parent dirs") << "../../x";
    QTest::newRow("slash") << "a/b";
    QTest::newRow("dots only") << "..";
    QTest::newRow("absolute") << "/etc/passwd";
    QTest::newRow("windows") << "C:\\Windows\\system32\\x";
    QTest::newRow("nul and controls") << QString::fromUtf8("a\0b\n\tc", 6);
    QTest::newRow("rtl override") << QString::fromUtf8("evil\u202Egpj.exe");
    QTest::newRow("long") << QString(500, QLatin1Char('w'));
    QTest::newRow("cyrillic only") << QString::fromUtf8("Бджоли рахують");
    QTest::newRow("empty") << QString();
}

void TestIsolation::exportNamesStayInTheChosenFolder() {
    QFETCH(QString, title);
    static const QRegularExpression safe(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
    const QString slug = Exporter::slug(title);
    QVERIFY2(safe.match(slug).hasMatch(), qPrintable(slug));
    QVERIFY(slug.size() <= 60);

    QTemporaryDir dir;
    const QString job = dir.filePath(QStringLiteral("job"));
    makeFinishedFolder(job, title);
    const auto artifacts = JobArtifacts::load(job);
    QVERIFY(artifacts.ok());
    const QString out = dir.filePath(QStringLiteral("out"));
    const auto written = Exporter(artifacts.value()).exportTo(out);
    QVERIFY2(written.ok(), qPrintable(written.error().message));
    QCOMPARE(written.value().size(), 5);
    for (const QString& path : written.value())
        QCOMPARE(QFileInfo(path).absolutePath(), QFileInfo(out).absoluteFilePath());
    // Nothing appeared anywhere else.
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
             (QStringList{QStringLiteral("job"), QStringLiteral("out")}));
}

// Identifiers come from the paper (JATS article-id, PubMed PMID, DOI, figure ids):
// none of them may name a file outside the job folder.
void TestIsolation::hostilePaperIdsNeverBecomePaths_data() {
    QTest::addColumn<QString>("id");
    QTest::newRow("parent dirs") << "../../x";
    QTest::newRow("slash") << "a/b";
    QTest::newRow("absolute") << "/tmp/hh-evil";
    QTest::newRow("dot") << ".";
    QTest::newRow("backslash") << "..\\..\\x";
}

void TestIsolation::hostilePaperIdsNeverBecomePaths() {
    QFETCH(QString, id);
    QTemporaryDir dir;
    const QString job = dir.filePath(QStringLiteral("job"));
    // Figure files are named from the figure id.
    Paper paper;
    paper.title = QString();
    paper.pmid = id;
    paper.doi = id;
    Figure figure;
    figure.id = id;
    figure.imageData = "png bytes";
    figure.imageSuffix = QStringLiteral("png");
    paper.figures = {figure, figure};
    QString error;
    QVERIFY2(paper.saveFigures(job + QStringLiteral("/figures"), &error), qPrintable(error));
    for (const Figure& saved : std::as_const(paper.figures)) {
        const QString path = QDir::cleanPath(job + QLatin1Char('/') + saved.image);
        QVERIFY2(path.startsWith(job + QStringLiteral("/figures/")), qPrintable(path));
        QVERIFY(QFileInfo::exists(path));
    }
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
             QStringList{QStringLiteral("job")});
    // The export name falls back to the DOI or PMID when there is no title.
    makeFinishedFolder(job, QString());
    writeJson(job + QStringLiteral("/paper.json"), QJsonDocument(paper.toJson()));
    const auto artifacts = JobArtifacts::load(job);
    QVERIFY(artifacts.ok());
    for (const QString& target : Exporter(artifacts.value()).targetPaths(dir.filePath("out")))
        QCOMPARE(QFileInfo(target).absolutePath(), dir.filePath(QStringLiteral("out")));
}

// paper.json names each figure's image relative to the job folder. Whatever it
// says, the renderer reads images from inside that folder only, so a paper.json
// from elsewhere (a restored backup, a rebuilt folder) cannot pull another
// account's figure, or any other image of the computer, into a video.
void TestIsolation::figureImagesAreReadOnlyFromTheJobFolder_data() {
    QTest::addColumn<QString>("image");
    QTest::addColumn<bool>("used");
    QTest::newRow("inside") << "figures/fig1.png" << true;
    QTest::newRow("parent dirs") << "../secret.png" << false;
    QTest::newRow("dots inside a path") << "figures/../../secret.png" << false;
    QTest::newRow("absolute") << "@ABS@" << false;
}

void TestIsolation::figureImagesAreReadOnlyFromTheJobFolder() {
    QFETCH(QString, image);
    QFETCH(bool, used);
    QTemporaryDir dir;
    const QString job = dir.filePath(QStringLiteral("job"));
    QImage picture(200, 100, QImage::Format_RGB32);
    picture.fill(Qt::red);
    QVERIFY(QDir().mkpath(job + QStringLiteral("/figures")));
    QVERIFY(picture.save(job + QStringLiteral("/figures/fig1.png")));
    QVERIFY(picture.save(dir.filePath(QStringLiteral("secret.png"))));
    image.replace(QLatin1String("@ABS@"), dir.filePath(QStringLiteral("secret.png")));

    Paper paper;
    paper.title = QStringLiteral("Bees");
    Figure figure;
    figure.id = QStringLiteral("fig1");
    figure.image = image;
    paper.figures = {figure};
    Script script;
    Scene scene;
    scene.narration = QStringLiteral("Look at this.");
    scene.figure = QStringLiteral("fig1");
    script.scenes = {scene};
    Narration narration;
    narration.sceneStartMs = {0};
    narration.sceneEndMs = {1000};
    MotionGraphicsVisuals visuals;
    const Error e = visuals.prepare(paper, job, script, narration, job + QStringLiteral("/scenes"),
                                    VisualsParams{}, StepControl{});
    QVERIFY2(!e.isError(), qPrintable(e.message));
    QFile plan(job + QStringLiteral("/scenes/plan.json"));
    QVERIFY(plan.open(QIODevice::ReadOnly));
    const QJsonObject first = QJsonDocument::fromJson(plan.readAll())
                                  .object()
                                  .value(QLatin1String("scenes"))[0]
                                  .toObject();
    QCOMPARE(first.contains(QLatin1String("figure_image")), used);
}

// The input's name becomes the job's first title, nothing more: a file reached
// through "..", or named like a path, still runs inside users/<id>/jobs/<id>/.
void TestIsolation::inputFileNameNeverSteersTheJobFolder() {
    Fixture f;
    QVERIFY(f.init());
    const QString inputs = f.dir.filePath(QStringLiteral("in"));
    QVERIFY(QDir().mkpath(inputs + QStringLiteral("/a/b")));
    const QString file = inputs + QStringLiteral("/..x.xml");
    QVERIFY(QFile::copy(hh::test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml")), file));
    const QStringList rootBefore =
        QDir(f.layout.root()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);

    JobRunner runner(f.layout);
    QSignalSpy paused(&runner, &JobRunner::jobPaused);
    const auto id =
        runner.submit(f.mallory, quickOptions(inputs + QStringLiteral("/a/b/../../..x.xml")));
    QVERIFY(id.ok());
    QVERIFY(paused.wait(120000));
    const QString jobDir = test::jobDirOf(f.layout, f.mallory, id.value());
    QVERIFY(QFileInfo::exists(jobDir + QStringLiteral("/script.json")));
    // Only the job's own folder is new under the data folder; nothing next to the input.
    QCOMPARE(QDir(f.layout.root()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), rootBefore);
    QCOMPARE(snapshot(inputs).size(), 3); // a, a/b, ..x.xml
    const QStringList mallorys = snapshot(test::userDirOf(f.layout, f.mallory));
    for (const QString& entry : mallorys)
        QVERIFY2(entry.startsWith(QStringLiteral("jobs/%1").arg(
                     test::jobUuidOf(f.layout, f.mallory, id.value()))) ||
                     entry.startsWith(QStringLiteral("jobs ")),
                 qPrintable(entry));
    QCOMPARE(f.store->job(f.mallory, id.value())->paperTitle,
             QStringLiteral("Honeybees count to four"));
}

QTEST_MAIN(TestIsolation)
#include "tst_isolation.moc"
