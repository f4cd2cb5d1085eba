// SPDX-License-Identifier: GPL-3.0-or-later
// hiddenhill-cli as a user runs it: output, JSON contract, error lines and exit codes.
#include "FakeHttpServer.h"
#include "ProviderFakes.h"
#include "StorageIds.h"
#include "TestUtil.h"
#include "jobs/DataLayout.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void importPrintsReadableSummary();
    void importJsonFollowsTheContract();
    void errorsUseContractLineAndExitCode_data();
    void errorsUseContractLineAndExitCode();
    void unknownCommandIsUsageError();
    void renderReportsProgressAndFinishedAsJson();
    void renderErrorsFollowTheContract_data();
    void renderErrorsFollowTheContract();
    void killedRenderResumesToAPlayableVideo();
    void renderFromAPubMedIdThroughNcbi_data();
    void renderFromAPubMedIdThroughNcbi();

private:
    struct Run {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Run cli(const QStringList& args, const QProcessEnvironment& extra = {});
};

TestCli::Run TestCli::cli(const QStringList& args, const QProcessEnvironment& extra) {
    // However slow the machine (ASan, other builds), a run ends when it ends; only
    // one that stops reporting progress is cut off as hung.
    const hh::test::ProgramRun run = hh::test::runWhileProgressing(
        QStringLiteral(HH_CLI_PATH), args, hh::test::cliEnvironment(extra));
    return {run.exitCode, run.out, run.err};
}

void TestCli::importPrintsReadableSummary() {
    const Run run =
        cli({QStringLiteral("import"),
             hh::test::sourcePath(QStringLiteral("resources/sample/meselson-stahl-1958.xml"))});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.startsWith("The replication of DNA in Escherichia coli\n"),
             run.out.left(200).constData());
    QVERIFY(run.out.contains("Matthew Meselson, Franklin W. Stahl"));
    QVERIFY(run.out.contains("1958"));
    QVERIFY(run.out.contains("Finding: After one generation"));
    QVERIFY(run.out.contains("Results"));
}

void TestCli::importJsonFollowsTheContract() {
    const Run run =
        cli({QStringLiteral("import"),
             hh::test::sourcePath(QStringLiteral("resources/sample/meselson-stahl-1958.xml")),
             QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    QJsonParseError error;
    const QJsonObject paper = QJsonDocument::fromJson(run.out, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(paper.value(QLatin1String("source")).toString(), QStringLiteral("pmc"));
    QCOMPARE(paper.value(QLatin1String("doi")).toString(), QStringLiteral("10.1073/pnas.44.7.671"));
    QCOMPARE(paper.value(QLatin1String("pmcid")).toString(), QStringLiteral("PMC528642"));
    QCOMPARE(paper.value(QLatin1String("year")).toInt(), 1958);
    QCOMPARE(paper.value(QLatin1String("license")).toString(), QStringLiteral("CC BY 4.0"));
    QCOMPARE(paper.value(QLatin1String("authors")).toArray().size(), 2);
    QCOMPARE(paper.value(QLatin1String("abstract")).toArray().size(), 3);
    QCOMPARE(paper.value(QLatin1String("abstract"))
                 .toArray()
                 .at(2)
                 .toObject()
                 .value(QLatin1String("label"))
                 .toString(),
             QStringLiteral("Finding"));
    QCOMPARE(paper.value(QLatin1String("sections")).toArray().size(), 4);
    QCOMPARE(paper.value(QLatin1String("figures")).toArray().size(), 1);
    QCOMPARE(paper.value(QLatin1String("references")).toInt(), 2);
    QVERIFY(paper.value(QLatin1String("warnings")).isArray());
}

void TestCli::errorsUseContractLineAndExitCode_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QByteArray>("errorPrefix");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("empty file") << "empty.pdf" << QByteArray() << QStringList()
                                << QByteArray("error: unsupported: ") << 3;
    QTest::newRow("not a paper") << "notes.txt" << QByteArray("just some notes\n") << QStringList()
                                 << QByteArray("error: unsupported: ") << 3;
    QTest::newRow("broken xml") << "paper.xml"
                                << QByteArray(
                                       "<?xml version=\"1.0\"?><article><front><article-meta>")
                                << QStringList() << QByteArray("error: bad_xml: ") << 3;
    QTest::newRow("missing file") << "" << QByteArray() << QStringList()
                                  << QByteArray("error: io: ") << 1;
    QTest::newRow("encrypted pdf")
        << "corpus:pdf_problem/pdfminer_rc4-40_userpw-baz_ownerpw-foo.pdf" << QByteArray()
        << QStringList() << QByteArray("error: encrypted: ") << 3;
    QTest::newRow("usage") << "corpus:pdf/cermine_test1_bmc-jtmo.pdf" << QByteArray()
                           << QStringList{QStringLiteral("--bogus")} << QByteArray("error: usage: ")
                           << 2;
}

void TestCli::errorsUseContractLineAndExitCode() {
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(QStringList, extra);
    QFETCH(QByteArray, errorPrefix);
    QFETCH(int, exitCode);
    QTemporaryDir dir;
    QString path;
    if (file.startsWith(QLatin1String("corpus:"))) {
        path = hh::test::corpusPath(file.mid(7));
    } else if (file.isEmpty()) {
        path = dir.filePath(QStringLiteral("does-not-exist.pdf"));
    } else {
        path = dir.filePath(file);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    const Run run = cli(QStringList{QStringLiteral("import"), path} + extra);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.err.startsWith(errorPrefix), run.err.constData());
    QVERIFY(run.err.count('\n') >= 1);
    QVERIFY(run.out.isEmpty());
}

void TestCli::unknownCommandIsUsageError() {
    const Run run = cli({QStringLiteral("frobnicate")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.startsWith("error: usage: "));
}

void TestCli::renderReportsProgressAndFinishedAsJson() {
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("bees.mp4"));
    const Run run = cli({QStringLiteral("render"),
                         hh::test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml")),
                         QStringLiteral("--json"), QStringLiteral("--data-dir"),
                         dir.filePath(QStringLiteral("data")), QStringLiteral("--user"),
                         QStringLiteral("ada"), QStringLiteral("--x264-preset"),
                         QStringLiteral("ultrafast"), QStringLiteral("-o"), out});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.isEmpty(), run.err.constData());
    const QList<QByteArray> lines = run.out.trimmed().split('\n');
    QVERIFY(lines.size() >= 6);
    int lastPercent = -1;
    QStringList steps;
    for (int i = 0; i + 1 < lines.size(); ++i) {
        const QJsonObject event = QJsonDocument::fromJson(lines[i]).object();
        QCOMPARE(event.value(QLatin1String("event")).toString(), QStringLiteral("progress"));
        QCOMPARE(event.value(QLatin1String("job")).toInt(), 1);
        const int percent = event.value(QLatin1String("percent")).toInt();
        QVERIFY(percent >= lastPercent);
        lastPercent = percent;
        const QString step = event.value(QLatin1String("step")).toString();
        if (!steps.contains(step))
            steps << step;
    }
    QCOMPARE(steps, (QStringList{"fetch-paper", "generate-script", "generate-audio",
                                 "generate-videos", "add-captions"}));
    QCOMPARE(lastPercent, 100);
    const QJsonObject finished = QJsonDocument::fromJson(lines.last()).object();
    QCOMPARE(finished.value(QLatin1String("event")).toString(), QStringLiteral("finished"));
    QCOMPARE(finished.value(QLatin1String("status")).toString(), QStringLiteral("completed"));
    QCOMPARE(finished.value(QLatin1String("video")).toString(), out);
    QVERIFY(QFileInfo(out).size() > 10000);
    // The job folder is private to its account.
    const QFileInfo jobDir(
        hh::test::jobDirOf(hh::DataLayout(dir.filePath(QStringLiteral("data"))), 1, 1));
    QVERIFY(jobDir.isDir());
    QCOMPARE(int(jobDir.permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup)), 0);
}

void TestCli::renderErrorsFollowTheContract_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("errorPrefix");
    QTest::addColumn<int>("exitCode");
    const QString tiny = hh::test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml"));
    QTest::newRow("scanned pdf") << QStringList{hh::test::corpusPath(QStringLiteral(
                                        "pdf_problem/cermine_simple_scanned_image_only.pdf"))}
                                 << QByteArray("error: no_text: ") << 3;
    QTest::newRow("bad aspect") << QStringList{tiny, QStringLiteral("--aspect"),
                                               QStringLiteral("4:3")}
                                << QByteArray("error: usage: ") << 2;
    QTest::newRow("bad duration") << QStringList{tiny, QStringLiteral("--duration"),
                                                 QStringLiteral("abc")}
                                  << QByteArray("error: usage: ") << 2;
    QTest::newRow("cloud script without a key")
        << QStringList{tiny, QStringLiteral("--script"), QStringLiteral("gemini")}
        << QByteArray("error: auth: no Google Gemini key") << 4;
    QTest::newRow("cloud clips without a key")
        << QStringList{tiny, QStringLiteral("--visuals"), QStringLiteral("runway")}
        << QByteArray("error: auth: no Runway key") << 4;
    QTest::newRow("unknown script provider")
        << QStringList{tiny, QStringLiteral("--script"), QStringLiteral("gpt9")}
        << QByteArray("error: usage: --script takes builtin|gemini|openai") << 2;
    QTest::newRow("unwritable output")
        << QStringList{tiny, QStringLiteral("--x264-preset"), QStringLiteral("ultrafast"),
                       QStringLiteral("-o"), QStringLiteral("/proc/hiddenhill/out.mp4")}
        << QByteArray("error: io: ") << 1;
}

void TestCli::renderErrorsFollowTheContract() {
    QFETCH(QStringList, args);
    QFETCH(QByteArray, errorPrefix);
    QFETCH(int, exitCode);
    QTemporaryDir dir;
    const Run run = cli(QStringList{QStringLiteral("render")} + args +
                        QStringList{QStringLiteral("--data-dir"), dir.path()});
    QCOMPARE(run.exitCode, exitCode);
    const QList<QByteArray> errLines = run.err.trimmed().split('\n');
    QVERIFY2(errLines.last().startsWith(errorPrefix), run.err.constData());
    QVERIFY(!QFile::exists(QStringLiteral("/proc/hiddenhill/out.mp4")));
}

// SIGKILL in the middle of the frame loop: the row stays `running`, nothing sits
// under the final name, and `jobs resume` finishes the job from its last step.
void TestCli::killedRenderResumesToAPlayableVideo() {
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    QProcess render;
    render.start(QStringLiteral(HH_CLI_PATH),
                 {QStringLiteral("render"),
                  hh::test::sourcePath(QStringLiteral("resources/sample/meselson-stahl-1958.xml")),
                  QStringLiteral("--json"), QStringLiteral("--data-dir"), data,
                  QStringLiteral("--user"), QStringLiteral("ada")});
    QVERIFY(render.waitForStarted());
    // Wait for the frame loop itself, however long the steps before it take.
    const auto beforeFrameLoop = [](const QByteArray& seen) {
        for (const QByteArray& line : seen.split('\n')) {
            const QJsonObject event = QJsonDocument::fromJson(line).object();
            if (event.value(QLatin1String("step")).toString() == QLatin1String("add-captions") &&
                event.value(QLatin1String("percent")).toInt() >= 82)
                return false;
        }
        return true;
    };
    const hh::test::ProgramRun early =
        hh::test::waitWhileProgressing(render, hh::test::kSilenceMeansHungMs, beforeFrameLoop);
    QVERIFY2(render.state() == QProcess::Running,
             (early.out.right(300) + early.err.right(300)).constData());
    render.kill(); // SIGKILL: no chance to clean up
    render.waitForFinished();
    // Folders are named by uuids: the job's is found through its row.
    const QString jobDir = hh::test::jobDirOf(hh::DataLayout(data), 1, 1);
    QVERIFY(QFileInfo::exists(jobDir));
    QVERIFY(!QFile::exists(jobDir + QStringLiteral("/final_video.mp4")));

    const Run show = cli({QStringLiteral("jobs"), QStringLiteral("show"), QStringLiteral("1"),
                          QStringLiteral("--json"), QStringLiteral("--data-dir"), data,
                          QStringLiteral("--user"), QStringLiteral("ada")});
    QCOMPARE(show.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(show.out).object().value(QLatin1String("status")).toString(),
             QStringLiteral("running"));

    const Run resume =
        cli({QStringLiteral("jobs"), QStringLiteral("resume"), QStringLiteral("--json"),
             QStringLiteral("--data-dir"), data, QStringLiteral("--user"), QStringLiteral("ada")});
    QCOMPARE(resume.exitCode, 0);
    const QList<QByteArray> lines = resume.out.trimmed().split('\n');
    QCOMPARE(
        QJsonDocument::fromJson(lines.first()).object().value(QLatin1String("step")).toString(),
        QStringLiteral("add-captions"));
    const QJsonObject finished = QJsonDocument::fromJson(lines.last()).object();
    QCOMPARE(finished.value(QLatin1String("status")).toString(), QStringLiteral("completed"));
    QVERIFY(QFileInfo(finished.value(QLatin1String("video")).toString()).size() > 100000);
    QVERIFY(QDir(jobDir).entryList({QStringLiteral("*.part")}).isEmpty());
}

// "Type a PubMed ID, get a video": the CLI asks the ID converter, fetches the JATS
// from PMC (a fake NCBI on 127.0.0.1 here), learns the figures are not open access,
// and still makes the video.
void TestCli::renderFromAPubMedIdThroughNcbi_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("paperId");
    QTest::newRow("PMID") << "30846892"
                          << "30846892";
    QTest::newRow("PMCID") << "PMC6398430"
                           << "PMC6398430";
}

void TestCli::renderFromAPubMedIdThroughNcbi() {
    QFETCH(QString, input);
    QFETCH(QString, paperId);
    hh::test::FakeNcbi ncbi;
    hh::test::serveTinyPaper(ncbi);
    QTemporaryDir dir;
    QProcessEnvironment env;
    env.insert(QStringLiteral("HH_NCBI_BASE_URL"), ncbi.server.url().toString());
    env.insert(QStringLiteral("NCBI_EMAIL"), QStringLiteral("tests@example.org"));
    const QString out = dir.filePath(QStringLiteral("video.mp4"));
    const Run run = cli({QStringLiteral("render"), input, QStringLiteral("--duration"),
                         QStringLiteral("10"), QStringLiteral("--data-dir"), dir.path(),
                         QStringLiteral("-o"), out, QStringLiteral("--json")},
                        env);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(QFileInfo(out).size() > 10000);
    bool fetchedJats = false;
    for (const auto& request : ncbi.server.requests()) {
        fetchedJats |= request.path == "/entrez/eutils/efetch.fcgi" &&
                       request.query.queryItemValue(QStringLiteral("db")) == QLatin1String("pmc");
        QCOMPARE(request.query.queryItemValue(QStringLiteral("tool")),
                 QStringLiteral("hiddenhill"));
        QCOMPARE(request.query.queryItemValue(QStringLiteral("email"), QUrl::FullyDecoded),
                 QStringLiteral("tests@example.org"));
    }
    QVERIFY(fetchedJats);
    const Run list = cli({QStringLiteral("jobs"), QStringLiteral("list"), QStringLiteral("--json"),
                          QStringLiteral("--data-dir"), dir.path()});
    QCOMPARE(list.exitCode, 0);
    QVERIFY2(list.out.contains("Honeybees count to four"), list.out.constData());
    QVERIFY2(list.out.contains(paperId.toUtf8()), list.out.constData());
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
