// SPDX-License-Identifier: GPL-3.0-or-later
// Input that is not a paper, or a hostile one, gets a specific error quickly,
// whatever importer it reaches: never a crash or a hang.
#include "PaperImporter.h"
#include "TestUtil.h"

#include <QDir>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace hh;

class TestImportBad : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sniffsByContentNotName_data();
    void sniffsByContentNotName();
    void rejectsWithSpecificError_data();
    void rejectsWithSpecificError();
    void tooLargeIsRefusedBeforeReading();
    void folderIsNotAPaper();
    void everyCorpusFileTruncatedNeverCrashes_data();
    void everyCorpusFileTruncatedNeverCrashes();
};

void TestImportBad::sniffsByContentNotName_data() {
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<int>("format");
    QTest::newRow("pdf") << QByteArray("%PDF-1.7\n") << int(DocumentFormat::Pdf);
    QTest::newRow("pdf after junk") << QByteArray("\r\n\r\n%PDF-1.4\n") << int(DocumentFormat::Pdf);
    QTest::newRow("zip") << QByteArray("PK\x03\x04rest", 8) << int(DocumentFormat::Docx);
    QTest::newRow("jats with doctype")
        << QByteArray("<?xml version=\"1.0\"?>\n<!DOCTYPE article PUBLIC \"-//NLM//DTD JATS\" "
                      "\"JATS.dtd\">\n<!-- c > -->\n<article>")
        << int(DocumentFormat::Jats);
    QTest::newRow("pmc set") << QByteArray("<pmc-articleset><article>")
                             << int(DocumentFormat::Jats);
    QTest::newRow("pubmed") << QByteArray("<?xml version=\"1.0\"?><PubmedArticleSet>")
                            << int(DocumentFormat::PubMed);
    QTest::newRow("ncbi error") << QByteArray("<eFetchResult><ERROR>bad</ERROR>")
                                << int(DocumentFormat::NcbiError);
    QTest::newRow("html") << QByteArray("<html><body>") << int(DocumentFormat::Unknown);
    QTest::newRow("blank") << QByteArray("  \n ") << int(DocumentFormat::Empty);
}

void TestImportBad::sniffsByContentNotName() {
    QFETCH(QByteArray, head);
    QFETCH(int, format);
    QCOMPARE(int(sniffFormat(head)), format);
}

void TestImportBad::rejectsWithSpecificError_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("code");
    QByteArray noise(64 * 1024, '\0');
    QRandomGenerator rng(42);
    for (auto& byte : noise)
        byte = char(rng.bounded(256));
    noise[0] = 'x';
    QTest::newRow("zero bytes") << "paper.pdf" << QByteArray() << "unsupported";
    QTest::newRow("random bytes") << "paper.bin" << noise << "unsupported";
    QTest::newRow("pdf header only") << "x.pdf" << QByteArray("%PDF-1.4\n%%EOF\n") << "bad_pdf";
    // 27: the literal without its terminating NUL (29 read past the literal; ASan).
    QTest::newRow("zip garbage") << "x.docx" << QByteArray("PK\x03\x04garbage-garbage-garbage", 27)
                                 << "unsupported";
    QTest::newRow("html") << "x.xml" << QByteArray("<html><body>hi</body></html>") << "unsupported";
    QTest::newRow("truncated jats")
        << "x.nxml" << QByteArray("<article><front><article-meta><title-group>") << "bad_xml";
    QTest::newRow("billion laughs")
        << "x.xml"
        << QByteArray(
               "<?xml version=\"1.0\"?><!DOCTYPE article [<!ENTITY a \"aaaaaaaaaa\">"
               "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c "
               "\"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
               "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e "
               "\"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
               "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g "
               "\"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">]>"
               "<article><front><article-meta><title-group><article-title>&g;</article-title>"
               "</title-group></article-meta></front></article>")
        << "bad_xml";
}

void TestImportBad::rejectsWithSpecificError() {
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QString, code);
    QElapsedTimer timer;
    timer.start();
    const auto result = importPaperData(content, name);
    QVERIFY2(!result.ok(), "a non-paper was accepted");
    QCOMPARE(result.error().code(), code);
    QVERIFY2(!result.error().message.isEmpty(), "error without a message");
    QVERIFY2(timer.elapsed() < 5000, "rejecting took too long");
}

void TestImportBad::tooLargeIsRefusedBeforeReading() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.pdf"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.resize(3 * 1024 * 1024)); // sparse: cheap to make
    file.close();
    ImportOptions options;
    options.maxFileBytes = 1024 * 1024;
    const auto result = importPaperFile(path, options);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().type, ErrorType::TooLarge);
    QVERIFY(result.error().message.contains(QStringLiteral("big.pdf")));
}

void TestImportBad::folderIsNotAPaper() {
    QTemporaryDir dir;
    const auto result = importPaperFile(dir.path());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().type, ErrorType::Unsupported);
}

void TestImportBad::everyCorpusFileTruncatedNeverCrashes_data() {
    QTest::addColumn<QString>("path");
    const QDir corpus(hh::test::corpusDir());
    QVERIFY2(corpus.exists(), "the shared corpus is missing: set HH_CORPUS_DIR");
    for (const char* folder :
         {"pdf", "pdf_problem", "pmc_jats", "pubmed_xml", "docx", "ncbi_errors"}) {
        const QDir sub(corpus.filePath(QLatin1String(folder)));
        for (const QString& name : sub.entryList(QDir::Files, QDir::Name))
            QTest::newRow(qPrintable(QLatin1String(folder) + QLatin1Char('/') + name))
                << sub.filePath(name);
    }
}

// Half of any real file (a download cut off) must give a Paper or a typed error.
void TestImportBad::everyCorpusFileTruncatedNeverCrashes() {
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray half = file.readAll().left(int(file.size() / 2));
    QElapsedTimer timer;
    timer.start();
    const auto result = importPaperData(half, QFileInfo(path).fileName());
    if (!result.ok()) {
        QVERIFY(result.error().type != ErrorType::None);
        QVERIFY(result.error().type != ErrorType::Internal);
        QVERIFY(!result.error().message.isEmpty());
    }
    QVERIFY2(timer.elapsed() < 20000, "a truncated file took too long");
}

QTEST_GUILESS_MAIN(TestImportBad)
#include "tst_import_bad.moc"
