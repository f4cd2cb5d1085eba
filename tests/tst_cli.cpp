// SPDX-License-Identifier: GPL-3.0-or-later
// hiddenhill-cli as a user runs it: output, JSON contract, error lines and exit codes.
#include "TestUtil.h"

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

private:
    struct Run {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Run cli(const QStringList& args);
};

TestCli::Run TestCli::cli(const QStringList& args)
{
    QProcess process;
    process.start(QStringLiteral(HH_CLI_PATH), args);
    if (!process.waitForFinished(120000)) {
        process.kill();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

void TestCli::importPrintsReadableSummary()
{
    const Run run = cli({QStringLiteral("import"), hh::test::sourcePath(QStringLiteral("resources/sample/meselson-stahl-1958.xml"))});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.startsWith("The replication of DNA in Escherichia coli\n"), run.out.left(200).constData());
    QVERIFY(run.out.contains("Matthew Meselson, Franklin W. Stahl"));
    QVERIFY(run.out.contains("1958"));
    QVERIFY(run.out.contains("Finding: After one generation"));
    QVERIFY(run.out.contains("Results"));
}

void TestCli::importJsonFollowsTheContract()
{
    const Run run = cli({QStringLiteral("import"), hh::test::sourcePath(QStringLiteral("resources/sample/meselson-stahl-1958.xml")),
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
    QCOMPARE(paper.value(QLatin1String("abstract")).toArray().at(2).toObject().value(QLatin1String("label")).toString(),
             QStringLiteral("Finding"));
    QCOMPARE(paper.value(QLatin1String("sections")).toArray().size(), 4);
    QCOMPARE(paper.value(QLatin1String("figures")).toArray().size(), 1);
    QCOMPARE(paper.value(QLatin1String("references")).toInt(), 2);
    QVERIFY(paper.value(QLatin1String("warnings")).isArray());
}

void TestCli::errorsUseContractLineAndExitCode_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QByteArray>("errorPrefix");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("empty file") << "empty.pdf" << QByteArray() << QStringList() << QByteArray("error: unsupported: ") << 3;
    QTest::newRow("not a paper") << "notes.txt" << QByteArray("just some notes\n") << QStringList()
                                 << QByteArray("error: unsupported: ") << 3;
    QTest::newRow("broken xml") << "paper.xml" << QByteArray("<?xml version=\"1.0\"?><article><front><article-meta>")
                                << QStringList() << QByteArray("error: bad_xml: ") << 3;
    QTest::newRow("missing file") << "" << QByteArray() << QStringList() << QByteArray("error: io: ") << 1;
    QTest::newRow("encrypted pdf") << "corpus:pdf_problem/pdfminer_rc4-40_userpw-baz_ownerpw-foo.pdf" << QByteArray()
                                   << QStringList() << QByteArray("error: encrypted: ") << 3;
    QTest::newRow("usage") << "corpus:pdf/cermine_test1_bmc-jtmo.pdf" << QByteArray() << QStringList{QStringLiteral("--bogus")}
                           << QByteArray("error: usage: ") << 2;
}

void TestCli::errorsUseContractLineAndExitCode()
{
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

void TestCli::unknownCommandIsUsageError()
{
    const Run run = cli({QStringLiteral("frobnicate")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.startsWith("error: usage: "));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
