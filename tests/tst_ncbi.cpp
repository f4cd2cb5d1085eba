// SPDX-License-Identifier: GPL-3.0-or-later
// Papers fetched by identifier from NCBI: parsing what users paste, and (below)
// the PubMed / PubMed Central client against a fake NCBI on 127.0.0.1 that speaks
// the real wire formats.
#include "TestUtil.h"
#include "providers/NcbiPackageReader.h"
#include "providers/PaperIdentifier.h"

#include <QtTest>
#include <zlib.h>

using namespace hh;

Q_DECLARE_METATYPE(hh::PaperIdentifier::Kind)
Q_DECLARE_METATYPE(hh::PackageLimits)

namespace {

// Builds .tar.gz packages byte by byte, so tests control every header field,
// hostile member names included (GNU tar would refuse to write those).
class TarBuilder {
public:
    TarBuilder& file(const QByteArray& name, const QByteArray& data, char type = '0') {
        QByteArray header(512, '\0');
        auto put = [&header](int offset, const QByteArray& value) {
            std::copy(value.begin(), value.end(), header.begin() + offset);
        };
        if (name.size() > 100) { // GNU long name: a 'L' entry holding the name
            file("././@LongLink", name + '\0', 'L');
            put(0, name.left(99));
        } else {
            put(0, name);
        }
        put(100, "0000644");
        put(108, "0001750");
        put(116, "0001750");
        put(124, QByteArray::number(data.size(), 8).rightJustified(11, '0'));
        put(136, "14712345670");
        header[156] = type;
        put(257, QByteArray("ustar\0", 6));
        put(263, "00");
        put(148, "        ");
        int sum = 0;
        for (char c : header)
            sum += static_cast<unsigned char>(c);
        put(148, QByteArray::number(sum, 8).rightJustified(6, '0') + '\0' + ' ');
        m_tar += header;
        m_tar += data;
        m_tar += QByteArray((512 - data.size() % 512) % 512, '\0');
        return *this;
    }
    QByteArray tar() const { return m_tar + QByteArray(1024, '\0'); }
    QByteArray tarGz() const { return gzip(tar()); }

    static QByteArray gzip(const QByteArray& data) {
        z_stream z{};
        if (deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
            qFatal("deflateInit2");
        QByteArray out(int(deflateBound(&z, uLong(data.size()))), '\0');
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
        z.avail_in = uInt(data.size());
        z.next_out = reinterpret_cast<Bytef*>(out.data());
        z.avail_out = uInt(out.size());
        if (deflate(&z, Z_FINISH) != Z_STREAM_END)
            qFatal("deflate");
        out.resize(qsizetype(z.total_out));
        deflateEnd(&z);
        return out;
    }

private:
    QByteArray m_tar;
};

QStringList pathsOf(const QList<PackageMember>& members) {
    QStringList paths;
    for (const auto& member : members)
        paths << member.path;
    return paths;
}

} // namespace

class TestNcbi : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void identifiers_data();
    void identifiers();
    void packageKeepsOnlyWantedSafeFiles();
    void packageMadeByGnuTar_data();
    void packageMadeByGnuTar();
    void packageRefuses_data();
    void packageRefuses();
    void packageReadingStopsOnCancel();
};

void TestNcbi::identifiers_data() {
    using Kind = PaperIdentifier::Kind;
    QTest::addColumn<QString>("text");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("display");

    QTest::newRow("PMID digits") << "31452104" << Kind::Pmid << "31452104"
                                 << "PMID 31452104";
    QTest::newRow("PMID: prefix") << "PMID: 31452104" << Kind::Pmid << "31452104"
                                  << "PMID 31452104";
    QTest::newRow("pmid lower, no space") << "pmid31452104" << Kind::Pmid << "31452104"
                                          << "PMID 31452104";
    QTest::newRow("spaces around") << "  31452104 \n"
                                   << Kind::Pmid << "31452104"
                                   << "PMID 31452104";
    QTest::newRow("leading zeros") << "031452104" << Kind::Pmid << "31452104"
                                   << "PMID 31452104";
    QTest::newRow("one digit") << "7" << Kind::Pmid << "7"
                               << "PMID 7";
    QTest::newRow("PMCID") << "PMC6398430" << Kind::Pmcid << "PMC6398430"
                           << "PMC6398430";
    QTest::newRow("pmcid lower") << "pmc6398430" << Kind::Pmcid << "PMC6398430"
                                 << "PMC6398430";
    QTest::newRow("PMCID: prefix") << "PMCID: PMC6398430" << Kind::Pmcid << "PMC6398430"
                                   << "PMC6398430";
    QTest::newRow("DOI") << "10.7717/peerj-cs.118" << Kind::Doi << "10.7717/peerj-cs.118"
                         << "DOI 10.7717/peerj-cs.118";
    QTest::newRow("DOI upper-case")
        << "10.1093/BEHECO/ary157" << Kind::Doi << "10.1093/beheco/ary157"
        << "DOI 10.1093/beheco/ary157";
    QTest::newRow("doi: prefix") << "doi:10.7717/peerj-cs.118" << Kind::Doi
                                 << "10.7717/peerj-cs.118"
                                 << "DOI 10.7717/peerj-cs.118";
    QTest::newRow("DOI: with space")
        << "DOI: 10.7717/peerj-cs.118" << Kind::Doi << "10.7717/peerj-cs.118"
        << "DOI 10.7717/peerj-cs.118";
    QTest::newRow("doi.org link") << "https://doi.org/10.7717/peerj-cs.118" << Kind::Doi
                                  << "10.7717/peerj-cs.118"
                                  << "DOI 10.7717/peerj-cs.118";
    QTest::newRow("dx.doi.org link, encoded")
        << "http://dx.doi.org/10.1002/%28SICI%291097-4636" << Kind::Doi << "10.1002/(sici)1097-4636"
        << "DOI 10.1002/(sici)1097-4636";
    QTest::newRow("DOI with odd characters")
        << "10.1002/(SICI)1097-4636(199905)45:2<77::AID-JBM1>3.0.CO;2-W" << Kind::Doi
        << "10.1002/(sici)1097-4636(199905)45:2<77::aid-jbm1>3.0.co;2-w"
        << "DOI 10.1002/(sici)1097-4636(199905)45:2<77::aid-jbm1>3.0.co;2-w";
    QTest::newRow("PubMed link") << "https://pubmed.ncbi.nlm.nih.gov/31452104/" << Kind::Pmid
                                 << "31452104"
                                 << "PMID 31452104";
    QTest::newRow("PMC link") << "https://pmc.ncbi.nlm.nih.gov/articles/PMC6398430/" << Kind::Pmcid
                              << "PMC6398430"
                              << "PMC6398430";
    QTest::newRow("old PMC link") << "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC6398430/"
                                  << Kind::Pmcid << "PMC6398430"
                                  << "PMC6398430";

    const QStringList rejected = {
        QString(),
        QStringLiteral("   "),
        QStringLiteral("0"),
        QStringLiteral("0000"),
        QStringLiteral("PMC0"),
        QStringLiteral("1234567890"), // 10 digits
        QStringLiteral("31452104123456"),
        QStringLiteral("-31452104"),
        QStringLiteral("3145 2104"),
        QStringLiteral("PMC"),
        QStringLiteral("PMCabc"),
        QStringLiteral("paper.pdf"),
        QStringLiteral("/home/ada/papers/31452104.pdf"),
        QStringLiteral("./31452104"),
        QStringLiteral("C:\\papers\\31452104.pdf"),
        QStringLiteral("10.7717"),              // no suffix
        QStringLiteral("10.77/x"),              // registrant too short
        QStringLiteral("10.7717/peerj cs.118"), // white space inside
        QStringLiteral("doi:"),
        QStringLiteral("https://example.org/10.7717/peerj-cs.118"),
        QStringLiteral("hello world"),
    };
    for (const QString& text : rejected)
        QTest::newRow(qPrintable(QStringLiteral("rejects \"%1\"").arg(text)))
            << text << Kind::None << QString() << QString();
}

void TestNcbi::identifiers() {
    QFETCH(QString, text);
    QFETCH(PaperIdentifier::Kind, kind);
    QFETCH(QString, value);
    QFETCH(QString, display);
    const PaperIdentifier id = PaperIdentifier::parse(text);
    QCOMPARE(id.kind, kind);
    QCOMPARE(id.value, value);
    QCOMPARE(id.displayName(), display);
    QCOMPARE(id.isValid(), kind != PaperIdentifier::Kind::None);
}

void TestNcbi::packageKeepsOnlyWantedSafeFiles() {
    const QByteArray longName = "PMC1/" + QByteArray(120, 'n') + ".jpg";
    const QByteArray tgz = TarBuilder()
                               .file("PMC1/", {}, '5')
                               .file("PMC1/article.nxml", "<article/>")
                               .file("PMC1/f1.jpg", QByteArray(1500, 'j'))
                               .file("PMC1/f1.tif", QByteArray(700, 't'))
                               .file("../../etc/x.jpg", "evil")
                               .file("/etc/passwd.jpg", "evil")
                               .file("PMC1/../../up.jpg", "evil")
                               .file("PMC1/link.jpg", {}, '2')
                               .file(longName, "long")
                               .tarGz();
    QStringList asked;
    const auto result = NcbiPackageReader().read(tgz, [&asked](const QString& path) {
        asked << path;
        return path.endsWith(QLatin1String(".jpg"));
    });
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    const PackageContents& contents = result.value();
    QCOMPARE(contents.members, 10); // the long-name entry counts too
    // Unsafe names never reach the filter; links and folders are not files.
    QCOMPARE(asked, (QStringList{"PMC1/article.nxml", "PMC1/f1.jpg", "PMC1/f1.tif",
                                 QString::fromLatin1(longName)}));
    QCOMPARE(pathsOf(contents.files), (QStringList{"PMC1/f1.jpg", QString::fromLatin1(longName)}));
    QCOMPARE(contents.files[0].data, QByteArray(1500, 'j'));
    QCOMPARE(contents.files[1].data, QByteArray("long"));
    QCOMPARE(contents.unsafePaths,
             (QStringList{"../../etc/x.jpg", "/etc/passwd.jpg", "PMC1/../../up.jpg"}));
}

void TestNcbi::packageMadeByGnuTar_data() {
    QTest::addColumn<QString>("format");
    QTest::newRow("gnu (long names as ././@LongLink)") << "gnu";
    QTest::newRow("posix (long names in pax headers)") << "posix";
    QTest::newRow("ustar (long paths split into prefix and name)") << "ustar";
}

// The same reader against archives written by GNU tar itself, the tool that
// makes PMC's packages.
void TestNcbi::packageMadeByGnuTar() {
    QFETCH(QString, format);
    const QString tar = QStandardPaths::findExecutable(QStringLiteral("tar"));
    if (tar.isEmpty())
        QSKIP("no tar on this system");
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("PMC6398430/") + QString(90, u'd')));
    const QString longPath = QStringLiteral("PMC6398430/") + QString(90, u'd') +
                             QStringLiteral("/ary15701-with-a-long-name.jpg");
    const QMap<QString, QByteArray> files = {
        {QStringLiteral("PMC6398430/beheco.nxml"), QByteArray("<article/>")},
        {QStringLiteral("PMC6398430/ary15702.jpg"), QByteArray(70000, 'k')},
        {longPath, QByteArray("long")},
    };
    for (auto it = files.begin(); it != files.end(); ++it) {
        QFile file(dir.filePath(it.key()));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(it.value());
    }
    QProcess process;
    process.setWorkingDirectory(dir.path());
    process.start(tar, {QStringLiteral("--format=") + format, QStringLiteral("-czf"),
                        QStringLiteral("package.tar.gz"), QStringLiteral("PMC6398430")});
    QVERIFY(process.waitForFinished(20000));
    QCOMPARE(process.exitCode(), 0);
    QFile archive(dir.filePath(QStringLiteral("package.tar.gz")));
    QVERIFY(archive.open(QIODevice::ReadOnly));
    const auto result = NcbiPackageReader().read(archive.readAll(), [](const QString& path) {
        return path.endsWith(QLatin1String(".jpg"));
    });
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QMap<QString, QByteArray> read;
    for (const auto& member : result.value().files)
        read.insert(member.path, member.data);
    QCOMPARE(read.value(QStringLiteral("PMC6398430/ary15702.jpg")), QByteArray(70000, 'k'));
    QCOMPARE(read.value(longPath), QByteArray("long"));
    QCOMPARE(read.size(), 2);
    QVERIFY(result.value().unsafePaths.isEmpty());
}

void TestNcbi::packageRefuses_data() {
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<PackageLimits>("limits");
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("message");

    TarBuilder many;
    for (int i = 0; i < 6; ++i)
        many.file("PMC1/f" + QByteArray::number(i) + ".jpg", "x");
    const QByteArray big = TarBuilder()
                               .file("PMC1/a.bin", QByteArray(4000, 'a'))
                               .file("PMC1/b.bin", QByteArray(4000, 'b'))
                               .tarGz();
    QByteArray badChecksum = TarBuilder().file("PMC1/f1.jpg", "x").tar();
    badChecksum[10] = 'Z';
    const QByteArray whole = TarBuilder().file("PMC1/f1.jpg", QByteArray(50000, 'q')).tarGz();

    QTest::newRow("more members than allowed")
        << many.tarGz() << PackageLimits{5, 1 << 20} << "too_large"
        << "more than 5 files";
    QTest::newRow("unpacks past the size cap") << big << PackageLimits{100, 6000} << "too_large"
                                               << "unpacks to more than";
    QTest::newRow("not gzip") << QByteArray("<html>gone</html>") << PackageLimits{} << "unsupported"
                              << "not a .tar.gz";
    QTest::newRow("cut off") << whole.left(whole.size() / 2) << PackageLimits{} << "unsupported"
                             << "damaged";
    QTest::newRow("bad header checksum")
        << TarBuilder::gzip(badChecksum) << PackageLimits{} << "unsupported"
        << "checksum";
}

void TestNcbi::packageRefuses() {
    QFETCH(QByteArray, data);
    QFETCH(PackageLimits, limits);
    QFETCH(QString, errorType);
    QFETCH(QString, message);
    const auto result = NcbiPackageReader(limits).read(data, [](const QString&) { return true; });
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), errorType);
    QVERIFY2(result.error().message.contains(message), qPrintable(result.error().message));
}

void TestNcbi::packageReadingStopsOnCancel() {
    const QByteArray tgz = TarBuilder().file("PMC1/f1.jpg", "x").tarGz();
    std::atomic_bool cancel{true};
    const auto result = NcbiPackageReader().read(
        tgz, [](const QString&) { return true; }, &cancel);
    QCOMPARE(result.error().code(), QStringLiteral("cancelled"));
}

QTEST_GUILESS_MAIN(TestNcbi)
#include "tst_ncbi.moc"
