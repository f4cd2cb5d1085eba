// SPDX-License-Identifier: GPL-3.0-or-later
// `hiddenhill-cli render IN1 IN2 …` as a user runs it: a folder, a list on stdin or
// several files make one video each, a broken paper fails alone and is named in the
// summary, existing videos are kept without --force, and Ctrl+C cancels the batch.
#include "ProviderFakes.h"
#include "TestUtil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

namespace {

// Two small papers of the corpus (JATS and DOCX) and a PDF that is none.
const QString kJats = QStringLiteral("pmc_jats/elife-tools_elife09853.xml");
const QString kDocx = QStringLiteral("docx/docxToJats_msword_zotero.docx");

QStringList quickOptions(const QString& dataDir) {
    return {QStringLiteral("--data-dir"),    dataDir,
            QStringLiteral("--user"),        QStringLiteral("ada"),
            QStringLiteral("--duration"),    QStringLiteral("10"),
            QStringLiteral("--aspect"),      QStringLiteral("1:1"),
            QStringLiteral("--x264-preset"), QStringLiteral("ultrafast")};
}

// A folder `papers` with the two good papers and `broken.pdf`; returns its path.
QString makePaperFolder(const QTemporaryDir& dir) {
    const QString folder = dir.filePath(QStringLiteral("papers"));
    QDir().mkpath(folder);
    QFile::copy(hh::test::corpusPath(kJats), folder + QStringLiteral("/insight.xml"));
    QFile::copy(hh::test::corpusPath(kDocx), folder + QStringLiteral("/manuscript.docx"));
    QFile broken(folder + QStringLiteral("/broken.pdf"));
    if (broken.open(QIODevice::WriteOnly))
        broken.write("%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage, no xref, no pages\n");
    // Not a paper: a folder contributes its PDF, DOCX and XML files only.
    QFile notes(folder + QStringLiteral("/notes.txt"));
    if (notes.open(QIODevice::WriteOnly))
        notes.write("reading list\n");
    return folder;
}

// The whole file decodes (every frame, every audio packet) without an error.
bool decodesEndToEnd(const QString& path, QByteArray* why) {
    QProcess ffmpeg;
    ffmpeg.start(QStringLiteral("ffmpeg"),
                 {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"), path,
                  QStringLiteral("-f"), QStringLiteral("null"), QStringLiteral("-")});
    if (!ffmpeg.waitForFinished(120000)) {
        *why = "ffmpeg did not finish";
        return false;
    }
    *why = ffmpeg.readAllStandardError();
    return ffmpeg.exitStatus() == QProcess::NormalExit && ffmpeg.exitCode() == 0 && why->isEmpty();
}

double durationOf(const QString& path) {
    QProcess ffprobe;
    ffprobe.start(QStringLiteral("ffprobe"),
                  {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-of"),
                   QStringLiteral("json"), QStringLiteral("-show_format"), path});
    ffprobe.waitForFinished(60000);
    return QJsonDocument::fromJson(ffprobe.readAllStandardOutput())
        .object()
        .value(QLatin1String("format"))
        .toObject()
        .value(QLatin1String("duration"))
        .toString()
        .toDouble();
}

QList<QJsonObject> jsonLines(const QByteArray& out) {
    QList<QJsonObject> events;
    for (const QByteArray& line : out.trimmed().split('\n'))
        events << QJsonDocument::fromJson(line).object();
    return events;
}

} // namespace

class TestCliBatch : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void batchMakesEachVideoAndNamesTheBrokenPaper_data();
    void batchMakesEachVideoAndNamesTheBrokenPaper();
    void existingVideosAreKeptUnlessForced();
    void inputsWithTheSameNameGetTheirOwnVideo();
    void jsonLinesCarryTheInput();
    void identifiersNameTheirVideos();
    void batchUsageErrors_data();
    void batchUsageErrors();
    void interruptCancelsEveryJobOfTheBatch();

private:
    struct Run {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Run cli(const QStringList& args, const QByteArray& stdinData = {},
            const QString& workingDir = {}, const QProcessEnvironment& extra = {});
};

TestCliBatch::Run TestCliBatch::cli(const QStringList& args, const QByteArray& stdinData,
                                    const QString& workingDir, const QProcessEnvironment& extra) {
    QProcess process;
    process.setProcessEnvironment(hh::test::cliEnvironment(extra));
    if (!workingDir.isEmpty())
        process.setWorkingDirectory(workingDir);
    process.start(QStringLiteral(HH_CLI_PATH), args);
    if (!process.waitForStarted())
        return {};
    process.write(stdinData);
    process.closeWriteChannel();
    const hh::test::ProgramRun run = hh::test::waitWhileProgressing(process);
    return {run.exitCode, run.out, run.err};
}

void TestCliBatch::initTestCase() {
    if (QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty())
        QSKIP("ffmpeg (Debian package ffmpeg) is needed to decode the videos");
}

void TestCliBatch::batchMakesEachVideoAndNamesTheBrokenPaper_data() {
    QTest::addColumn<QString>("form");
    QTest::newRow("a folder") << "folder";
    QTest::newRow("files and an output folder") << "files";
    QTest::newRow("a list on stdin") << "stdin";
}

void TestCliBatch::batchMakesEachVideoAndNamesTheBrokenPaper() {
    QFETCH(QString, form);
    QTemporaryDir dir;
    const QString folder = makePaperFolder(dir);
    const QString videos = dir.filePath(QStringLiteral("videos"));
    const QString data = dir.filePath(QStringLiteral("data"));
    QStringList args{QStringLiteral("render")};
    QByteArray stdinData;
    if (form == QLatin1String("folder")) {
        args << folder;
    } else if (form == QLatin1String("files")) {
        args << folder + QStringLiteral("/insight.xml") << folder + QStringLiteral("/broken.pdf")
             << folder + QStringLiteral("/manuscript.docx");
    } else {
        args << QStringLiteral("-");
        stdinData = "# today's papers\n" + folder.toUtf8() + "/insight.xml\n\n" + folder.toUtf8() +
                    "/broken.pdf\n" + folder.toUtf8() + "/manuscript.docx\n";
    }
    args << QStringLiteral("--output-dir") << videos << quickOptions(data);
    const Run run = cli(args, stdinData);

    // The broken paper fails its own job, the two others are made: the exit code is
    // the broken paper's class (bad input, 3).
    QCOMPARE(run.exitCode, 3);
    for (const QString& name : {QStringLiteral("insight.mp4"), QStringLiteral("manuscript.mp4")}) {
        const QString video = QDir(videos).filePath(name);
        QByteArray why;
        QVERIFY2(decodesEndToEnd(video, &why), qPrintable(name + QLatin1String(": ") + why));
        QVERIFY2(durationOf(video) > 5.0, qPrintable(name));
    }
    QVERIFY(!QFile::exists(QDir(videos).filePath(QStringLiteral("broken.mp4"))));
    QVERIFY(!QFile::exists(QDir(videos).filePath(QStringLiteral("notes.mp4"))));
    QCOMPARE(QDir(videos).entryList(QDir::Files).size(), 2);

    // The summary: one line per input, the broken one with the contract's error line.
    const QList<QByteArray> lines = run.out.trimmed().split('\n');
    QVERIFY2(lines.first().startsWith("2 of 3 videos made"), run.out.constData());
    QCOMPARE(lines.size(), 4);
    int brokenLines = 0;
    for (const QByteArray& line : lines.mid(1)) {
        if (line.contains("broken.pdf")) {
            ++brokenLines;
            QVERIFY2(QRegularExpression(QStringLiteral("\\sfailed\\s+error: bad_pdf: \\S"))
                         .match(QString::fromUtf8(line))
                         .hasMatch(),
                     line.constData());
        } else {
            QVERIFY2(line.contains(" completed ") && line.contains(videos.toUtf8()),
                     line.constData());
        }
    }
    QCOMPARE(brokenLines, 1);
    // Not a terminal: plain progress lines, no cursor moves.
    QVERIFY(!run.err.contains('\033'));
    QVERIFY(run.err.contains("add-captions"));

    // The same job rows as the app: the batch shows in My Videos.
    const Run list =
        cli({QStringLiteral("jobs"), QStringLiteral("list"), QStringLiteral("--json"),
             QStringLiteral("--data-dir"), data, QStringLiteral("--user"), QStringLiteral("ada")});
    QCOMPARE(list.exitCode, 0);
    QStringList statuses;
    for (const QJsonValue& job : QJsonDocument::fromJson(list.out).array())
        statuses << job.toObject().value(QLatin1String("status")).toString();
    statuses.sort();
    QCOMPARE(statuses, (QStringList{"completed", "completed", "failed"}));
}

void TestCliBatch::existingVideosAreKeptUnlessForced() {
    QTemporaryDir dir;
    const QString folder = makePaperFolder(dir);
    // One paper is enough to see a video kept and replaced.
    QFile::remove(folder + QStringLiteral("/broken.pdf"));
    QFile::remove(folder + QStringLiteral("/manuscript.docx"));
    const QString data = dir.filePath(QStringLiteral("data"));
    // Without --output-dir the videos land in the current folder.
    const QString here = dir.filePath(QStringLiteral("here"));
    QDir().mkpath(here);
    const QString kept = QDir(here).filePath(QStringLiteral("insight.mp4"));
    const QByteArray mine = "my own insight.mp4, not to be replaced";
    {
        QFile file(kept);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(mine);
    }
    const QStringList args = QStringList{QStringLiteral("render"), folder} + quickOptions(data);

    const Run keep = cli(args, {}, here);
    QCOMPARE(keep.exitCode, 1); // io: the file is there
    {
        QFile file(kept);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), mine);
    }
    QVERIFY2(keep.out.contains("insight.xml") &&
                 keep.out.contains("error: io: " + kept.toUtf8() +
                                   " already exists; add --force to replace it"),
             keep.out.constData());
    QVERIFY(!keep.err.contains("add-captions")); // nothing rendered in vain

    const Run forced = cli(args + QStringList{QStringLiteral("--force")}, {}, here);
    QCOMPARE(forced.exitCode, 0);
    QVERIFY2(forced.out.startsWith("1 of 1 videos made"), forced.out.constData());
    QByteArray why;
    QVERIFY2(decodesEndToEnd(kept, &why), why.constData());
    QVERIFY(QDir(here).entryList({QStringLiteral("*.part")}, QDir::Files).isEmpty());
}

// Two papers named alike in different folders: neither video replaces the other.
void TestCliBatch::inputsWithTheSameNameGetTheirOwnVideo() {
    QTemporaryDir dir;
    const QString tiny = hh::test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml"));
    for (const char* sub : {"a", "b"}) {
        QVERIFY(QDir().mkpath(dir.filePath(QLatin1String(sub))));
        QVERIFY(QFile::copy(tiny, dir.filePath(QLatin1String(sub) + QStringLiteral("/paper.xml"))));
    }
    const QString videos = dir.filePath(QStringLiteral("videos"));
    const Run run = cli(QStringList{QStringLiteral("render"), dir.filePath(QStringLiteral("a")),
                                    dir.filePath(QStringLiteral("b/paper.xml")),
                                    dir.filePath(QStringLiteral("a/paper.xml")), // named twice
                                    QStringLiteral("--output-dir"), videos} +
                        quickOptions(dir.filePath(QStringLiteral("data"))));
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(QDir(videos).entryList(QDir::Files, QDir::Name),
             (QStringList{"paper-2.mp4", "paper.mp4"}));
    QVERIFY2(run.out.startsWith("2 of 2 videos made"), run.out.constData());
}

void TestCliBatch::jsonLinesCarryTheInput() {
    QTemporaryDir dir;
    const QString folder = makePaperFolder(dir);
    const QString good = folder + QStringLiteral("/insight.xml");
    const QString broken = folder + QStringLiteral("/broken.pdf");
    const Run run =
        cli(QStringList{QStringLiteral("render"), QStringLiteral("-"), QStringLiteral("--json"),
                        QStringLiteral("--output-dir"), dir.filePath(QStringLiteral("videos"))} +
                quickOptions(dir.filePath(QStringLiteral("data"))),
            (good + QLatin1Char('\n') + broken + QLatin1Char('\n')).toUtf8());
    QCOMPARE(run.exitCode, 3);
    const QList<QJsonObject> events = jsonLines(run.out);
    QVERIFY(events.size() > 4);
    QHash<QString, QJsonObject> finished;
    QSet<QString> progressed;
    for (const QJsonObject& event : events.mid(0, events.size() - 1)) {
        const QString input = event.value(QLatin1String("input")).toString();
        QVERIFY2(input == good || input == broken,
                 QJsonDocument(event).toJson(QJsonDocument::Compact).constData());
        QVERIFY(event.value(QLatin1String("job")).toInt() > 0);
        if (event.value(QLatin1String("event")).toString() == QLatin1String("finished"))
            finished.insert(input, event);
        else
            progressed.insert(input);
    }
    QCOMPARE(progressed.size(), 2);
    QCOMPARE(finished.value(good).value(QLatin1String("status")).toString(),
             QStringLiteral("completed"));
    QCOMPARE(finished.value(good).value(QLatin1String("video")).toString(),
             dir.filePath(QStringLiteral("videos/insight.mp4")));
    QCOMPARE(finished.value(broken).value(QLatin1String("status")).toString(),
             QStringLiteral("failed"));
    QCOMPARE(finished.value(broken).value(QLatin1String("error_type")).toString(),
             QStringLiteral("bad_pdf"));
    const QJsonObject summary = events.last();
    QCOMPARE(summary.value(QLatin1String("event")).toString(), QStringLiteral("summary"));
    QCOMPARE(summary.value(QLatin1String("exit_code")).toInt(), 3);
    QCOMPARE(summary.value(QLatin1String("jobs")).toArray().size(), 2);
    QCOMPARE(summary.value(QLatin1String("jobs"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QLatin1String("input"))
                 .toString(),
             good);
}

// IDs as people paste them, one a line: each video is named by the normalised ID.
void TestCliBatch::identifiersNameTheirVideos() {
    hh::test::FakeNcbi ncbi;
    hh::test::serveTinyPaper(ncbi);
    QTemporaryDir dir;
    QProcessEnvironment env;
    env.insert(QStringLiteral("HH_NCBI_BASE_URL"), ncbi.server.url().toString());
    env.insert(QStringLiteral("NCBI_EMAIL"), QStringLiteral("tests@example.org"));
    const QString videos = dir.filePath(QStringLiteral("videos"));
    const Run run = cli(QStringList{QStringLiteral("render"), QStringLiteral("-"),
                                    QStringLiteral("--output-dir"), videos} +
                            quickOptions(dir.filePath(QStringLiteral("data"))),
                        "PMID: 30846892\npmc6398430\n", {}, env);
    QVERIFY2(run.exitCode == 0, run.err.right(600).constData());
    QCOMPARE(QDir(videos).entryList(QDir::Files, QDir::Name),
             (QStringList{"30846892.mp4", "PMC6398430.mp4"}));
    QVERIFY2(run.out.contains("PMID: 30846892") && run.out.contains("pmc6398430"),
             run.out.constData());
}

void TestCliBatch::batchUsageErrors_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("stdinData");
    QTest::addColumn<QByteArray>("message");
    const QString tiny = hh::test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml"));
    const QString out = QStringLiteral("-o");
    QTest::newRow("-o with two inputs")
        << QStringList{tiny, tiny, out, QStringLiteral("x.mp4")} << QByteArray()
        << QByteArray("error: usage: -o names one video");
    QTest::newRow("-o with a folder")
        << QStringList{hh::test::sourcePath(QStringLiteral("tests/data")), out,
                       QStringLiteral("x.mp4")}
        << QByteArray() << QByteArray("error: usage: -o names one video");
    QTest::newRow("-o with stdin")
        << QStringList{QStringLiteral("-"), out, QStringLiteral("x.mp4")}
        << (tiny + QLatin1Char('\n')).toUtf8() << QByteArray("error: usage: -o names one video");
    QTest::newRow("no jobs at once")
        << QStringList{tiny, tiny, QStringLiteral("--jobs"), QStringLiteral("0")} << QByteArray()
        << QByteArray("error: usage: --jobs takes");
    QTest::newRow("empty list on stdin")
        << QStringList{QStringLiteral("-")} << QByteArray("\n# nothing today\n")
        << QByteArray("error: usage: no papers to render");
}

void TestCliBatch::batchUsageErrors() {
    QFETCH(QStringList, args);
    QFETCH(QByteArray, stdinData);
    QFETCH(QByteArray, message);
    QTemporaryDir dir;
    const Run run = cli(QStringList{QStringLiteral("render")} + args +
                            QStringList{QStringLiteral("--data-dir"), dir.path()},
                        stdinData, dir.path());
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.trimmed().split('\n').last().startsWith(message), run.err.constData());
    QVERIFY(QDir(dir.path()).entryList({QStringLiteral("*.mp4")}, QDir::Files).isEmpty());
}

// Ctrl+C while the first job runs and the others wait: every job of the batch is
// cancelled, the summary says so, and the exit code is the cancel code.
void TestCliBatch::interruptCancelsEveryJobOfTheBatch() {
    QTemporaryDir dir;
    const QString folder = makePaperFolder(dir);
    QProcess render;
    render.setProcessEnvironment(hh::test::cliEnvironment());
    render.start(QStringLiteral(HH_CLI_PATH),
                 QStringList{QStringLiteral("render"), folder, QStringLiteral("--json"),
                             QStringLiteral("--jobs"), QStringLiteral("1"),
                             QStringLiteral("--output-dir"),
                             dir.filePath(QStringLiteral("videos"))} +
                     quickOptions(dir.filePath(QStringLiteral("data"))));
    QVERIFY(render.waitForStarted());
    const auto beforeFrames = [](const QByteArray& seen) {
        return !seen.contains("\"step\":\"add-captions\"");
    };
    const hh::test::ProgramRun early =
        hh::test::waitWhileProgressing(render, hh::test::kSilenceMeansHungMs, beforeFrames);
    QVERIFY2(render.state() == QProcess::Running, early.out.right(300).constData());
    ::kill(pid_t(render.processId()), SIGINT);
    const hh::test::ProgramRun rest = hh::test::waitWhileProgressing(render);
    QCOMPARE(rest.exitCode, 6);
    const QJsonObject summary = jsonLines(early.out + rest.out).last();
    QCOMPARE(summary.value(QLatin1String("event")).toString(), QStringLiteral("summary"));
    QVERIFY(summary.value(QLatin1String("cancelled")).toBool());
    QCOMPARE(summary.value(QLatin1String("completed")).toInt(), 0);
    for (const QJsonValue& job : summary.value(QLatin1String("jobs")).toArray()) {
        const QString status = job.toObject().value(QLatin1String("status")).toString();
        // The broken paper may fail before its cancel arrives; no job goes on.
        QVERIFY2(status == QLatin1String("cancelled") || status == QLatin1String("failed"),
                 qPrintable(status));
    }
    QVERIFY(QDir(dir.filePath(QStringLiteral("videos"))).entryList(QDir::Files).isEmpty());
}

QTEST_GUILESS_MAIN(TestCliBatch)
#include "tst_cli_batch.moc"
