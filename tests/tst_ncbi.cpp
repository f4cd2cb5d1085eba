// SPDX-License-Identifier: GPL-3.0-or-later
// Papers fetched by identifier from NCBI: parsing what users paste, and (below)
// the PubMed / PubMed Central client against a fake NCBI on 127.0.0.1 that speaks
// the real wire formats.
#include "CiServices.h"
#include "FakeClock.h"
#include "FakeHttpServer.h"
#include "ProviderFakes.h"
#include "TestUtil.h"
#include "providers/NcbiClient.h"
#include "providers/NcbiFigureImages.h"
#include "providers/NcbiPackageReader.h"
#include "providers/NcbiPaperFetcher.h"
#include "providers/PaperIdentifier.h"
#include "providers/ProviderHub.h"

#include <QBuffer>
#include <QDirIterator>
#include <QImage>
#include <QtTest>
#include <zlib.h>

using namespace hh;
using hh::test::FakeClock;
using hh::test::FakeHttpServer;
using hh::test::FakeNcbi;
using hh::test::FakeReply;
using hh::test::FakeRequest;
using hh::test::pmcArticleSet;

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

QByteArray dataFile(const QString& name) {
    return hh::test::testData(QStringLiteral("ncbi/") + name);
}

QByteArray corpusFile(const QString& relative) {
    QFile file(hh::test::corpusPath(relative));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing corpus file %s", qPrintable(relative));
    return file.readAll();
}

QByteArray jpeg(QColor colour) {
    QImage image(64, 48, QImage::Format_RGB32);
    image.fill(colour);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG");
    return bytes;
}

QByteArray png(QColor colour) {
    QImage image(32, 32, QImage::Format_ARGB32);
    image.fill(colour);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

// The article of s2orc-doc2json_PMC6398430.nxml (Behavioral Ecology, "Counting
// crows"): PMID 30846892, DOI 10.1093/beheco/ary157, figures F1–F4 drawn from
// graphics ary15701–ary15704.
// Characters that need percent-encoding, to catch the key in any spelling.
const QString kSecretKey = QStringLiteral("K3y-Secret+/=42");

const QString kCrowsNxml = QStringLiteral("pmc_jats/s2orc-doc2json_PMC6398430.nxml");
const QString kPackagePath = QStringLiteral("/pub/pmc/oa_package/3c/8e/PMC6398430.tar.gz");

QList<QByteArray> crowFigureImages() {
    return {jpeg(Qt::red), jpeg(Qt::green), jpeg(Qt::blue), jpeg(Qt::yellow)};
}

// PMC's package of that article as the OA service would serve it: the .nxml, a
// PDF, each figure as .jpg and as .tif (the .tif must not be chosen).
QByteArray crowPackage() {
    TarBuilder tar;
    tar.file("PMC6398430/", {}, '5');
    tar.file("PMC6398430/ary157.nxml", corpusFile(kCrowsNxml));
    tar.file("PMC6398430/ary157.pdf", "%PDF-1.4 not really");
    const auto images = crowFigureImages();
    for (int i = 0; i < images.size(); ++i) {
        const QByteArray stem = "PMC6398430/ary1570" + QByteArray::number(i + 1);
        tar.file(stem + ".tif", "II* not really a tiff");
        tar.file(stem + ".jpg", images[i]);
    }
    return tar.tarGz();
}

FakeReply xml(const QByteArray& body, int status = 200) {
    return FakeReply::bytes(status, "text/xml; charset=UTF-8", body);
}

FakeReply json(const QByteArray& body, int status = 200) {
    return FakeReply::bytes(status, "application/json", body);
}

// One job's view of NCBI: a hub with a fake clock and fixed jitter (backoff waits
// are exactly half their ceiling: 500, 1000, 2000 ms), a session with its own
// network manager, and a temporary job folder.
struct Rig {
    explicit Rig(const QString& key = {},
                 const QString& email = QStringLiteral("dev@example.org")) {
        ProviderConfig config;
        config.ncbiBase = ncbi.server.url();
        config.ncbiEmail = email;
        auto secrets = std::make_shared<MemorySecrets>();
        secrets->setSecret(ProviderId::Ncbi, key);
        hub = std::make_shared<ProviderHub>(config, secrets, clock);
        hub->setRandom([] { return 0.5; });
        session = std::make_unique<ProviderSession>(hub);
        fetcher = std::make_unique<NcbiPaperFetcher>(*session);
    }

    QString figuresDir() const { return dir.filePath(QStringLiteral("job/figures")); }

    Result<Paper> fetch(const QString& input, const std::atomic_bool* cancel = nullptr) {
        StepControl control;
        control.cancel = cancel;
        control.progress = [this](double fraction, const QString& detail) {
            progress << fraction;
            details << detail;
        };
        return fetcher->fetch(PaperIdentifier::parse(input), figuresDir(), control);
    }

    // The full-text article with its package, reachable by PMID, PMCID and DOI.
    void serveCrows() {
        ncbi.on(QStringLiteral("idconv 30846892"), json(dataFile("idconv-pmid-30846892.json")));
        ncbi.on(QStringLiteral("idconv 10.1093/beheco/ary157"),
                json(dataFile("idconv-doi-beheco.json")));
        ncbi.on(QStringLiteral("efetch pmc 6398430"), xml(pmcArticleSet(corpusFile(kCrowsNxml))));
        ncbi.on(QStringLiteral("oa PMC6398430"), xml(dataFile("oa-record-PMC6398430.xml")));
        ncbi.on(QStringLiteral("GET ") + kPackagePath,
                FakeReply::bytes(200, "application/x-gzip", crowPackage()));
    }

    std::shared_ptr<FakeClock> clock = std::make_shared<FakeClock>();
    FakeNcbi ncbi{clock.get()};
    std::shared_ptr<ProviderHub> hub;
    std::unique_ptr<ProviderSession> session;
    std::unique_ptr<NcbiPaperFetcher> fetcher;
    QTemporaryDir dir;
    QList<double> progress;
    QStringList details;
};

// Every file below `root`, relative to it.
QStringList filesBelow(const QString& root) {
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << QDir(root).relativeFilePath(it.next());
    files.sort();
    return files;
}

using Routes = QList<QPair<QString, FakeReply>>;

QStringList pathsOf(const QList<PackageMember>& members) {
    QStringList paths;
    for (const auto& member : members)
        paths << member.path;
    return paths;
}

} // namespace

Q_DECLARE_METATYPE(hh::PaperIdentifier::Kind)
Q_DECLARE_METATYPE(hh::PackageLimits)
Q_DECLARE_METATYPE(Routes)
Q_DECLARE_METATYPE(hh::test::FakeReply)
Q_DECLARE_METATYPE(QList<hh::test::FakeReply>)

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
    void packageReadingStopsOnCancel_data();
    void packageReadingStopsOnCancel();
    void figureImagesMatchGraphics_data();
    void figureImagesMatchGraphics();
    void figureLicence_data();
    void figureLicence();
    void urls_data();
    void urls();

    void fullText_data();
    void fullText();
    void abstractOnly_data();
    void abstractOnly();
    void bodyWithoutParagraphsStaysPmcText();
    void errors_data();
    void errors();
    void retries_data();
    void retries();
    void keyNeverInMessages_data();
    void keyNeverInMessages();
    void requestsArePaced_data();
    void requestsArePaced();
    void figuresMissingKeepThePaper_data();
    void figuresMissingKeepThePaper();
    void hostilePackageWritesNothingOutside();
    void cancelMidFetch();
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
        HH_SKIP_UNLESS_CI(QStringLiteral("no tar on this system"));
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

void TestNcbi::packageReadingStopsOnCancel_data() {
    QTest::addColumn<int>("cancelAt"); // the member being looked at when Cancel is pressed
    QTest::addColumn<QStringList>("asked");
    const QStringList all{"PMC1/f1.jpg", "PMC1/f2.jpg", "PMC1/f3.jpg", "PMC1/f4.jpg"};
    QTest::newRow("never: every member is read") << 0 << all;
    QTest::newRow("at the first member") << 1 << all.mid(0, 1);
    QTest::newRow("in the middle") << 2 << all.mid(0, 2);
    QTest::newRow("at the last member") << 4 << all;
}

// Cancel pressed while the package is being unpacked: the reader stops at the
// next member, reads nothing after it and reports `cancelled`, not a partial package.
void TestNcbi::packageReadingStopsOnCancel() {
    QFETCH(int, cancelAt);
    QFETCH(QStringList, asked);
    TarBuilder tar;
    for (int i = 1; i <= 4; ++i)
        tar.file("PMC1/f" + QByteArray::number(i) + ".jpg", QByteArray(3000, char('a' + i)));
    std::atomic_bool cancel{false};
    QStringList seen;
    const auto result = NcbiPackageReader().read(
        tar.tarGz(),
        [&](const QString& path) {
            seen << path;
            if (seen.size() == cancelAt)
                cancel = true;
            return true;
        },
        &cancel);
    QCOMPARE(seen, asked);
    if (cancelAt == 0) {
        QVERIFY(result.ok());
        QCOMPARE(pathsOf(result.value().files), asked);
    } else {
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code(), QStringLiteral("cancelled"));
    }
}

void TestNcbi::figureImagesMatchGraphics_data() {
    QTest::addColumn<QString>("graphic");
    QTest::addColumn<QStringList>("members");
    QTest::addColumn<QString>("chosen"); // empty: the figure stays without image

    QTest::newRow("stem: .jpg over .tif")
        << "ary15701" << QStringList{"PMC1/ary15701.tif", "PMC1/ary15701.jpg"}
        << "PMC1/ary15701.jpg";
    QTest::newRow("dots inside the stem (PLOS)")
        << "pone.0046493.g001"
        << QStringList{"PMC3460867/pone.0046493.g001.tif", "PMC3460867/pone.0046493.g001.png",
                       "PMC3460867/pone.0046493.g001.jpg", "PMC3460867/pone.0046493.g002.jpg"}
        << "PMC3460867/pone.0046493.g001.jpg";
    QTest::newRow(".png over .gif") << "f1" << QStringList{"x/f1.gif", "x/f1.png"} << "x/f1.png";
    QTest::newRow("href with extension picks that file")
        << "fig1.png" << QStringList{"x/fig1.jpg", "x/fig1.png"} << "x/fig1.png";
    QTest::newRow("case does not matter") << "F1" << QStringList{"x/f1.GIF"} << "x/f1.GIF";
    QTest::newRow(".jpeg") << "g" << QStringList{"x/g.jpeg"} << "x/g.jpeg";
    QTest::newRow("only a .tif: no image") << "ary15701" << QStringList{"x/ary15701.tif"} << "";
    QTest::newRow("undecodable .jpg: the .png")
        << "f2" << QStringList{"x/f2.jpg!broken", "x/f2.png"} << "x/f2.png";
    QTest::newRow("another figure's image: no image") << "f3" << QStringList{"x/f30.jpg"} << "";
}

void TestNcbi::figureImagesMatchGraphics() {
    QFETCH(QString, graphic);
    QFETCH(QStringList, members);
    QFETCH(QString, chosen);
    static const QByteArray gif = QByteArray::fromHex(
        "47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b");

    Figure figure;
    figure.id = QStringLiteral("F1");
    figure.label = QStringLiteral("Figure 1");
    figure.graphic = graphic;
    QList<Figure> figures{figure};
    const NcbiFigureMatcher matcher(figures);
    QList<PackageMember> kept;
    QHash<QString, QByteArray> dataOf;
    for (QString name : members) {
        const bool broken = name.endsWith(QLatin1String("!broken"));
        if (broken)
            name.chop(7);
        const QString suffix = name.section(QLatin1Char('.'), -1).toLower();
        QByteArray data = suffix == QLatin1String("png")   ? png(Qt::cyan)
                          : suffix == QLatin1String("gif") ? gif
                                                           : jpeg(Qt::magenta);
        if (broken)
            data = "not an image";
        dataOf.insert(name, data);
        if (matcher.wants(name))
            kept << PackageMember{name, data};
    }
    const QStringList missing = matcher.attach(figures, kept);
    if (chosen.isEmpty()) {
        QCOMPARE(missing, QStringList{QStringLiteral("Figure 1")});
        QVERIFY(figures[0].imageData.isEmpty());
        return;
    }
    QVERIFY(missing.isEmpty());
    QCOMPARE(figures[0].imageData, dataOf.value(chosen));
    const QString suffix = chosen.section(QLatin1Char('.'), -1).toLower();
    QCOMPARE(figures[0].imageSuffix,
             suffix == QLatin1String("jpeg") ? QStringLiteral("jpg") : suffix);
}

void TestNcbi::figureLicence_data() {
    QTest::addColumn<QString>("license");
    QTest::addColumn<bool>("allowed");
    QTest::addColumn<QString>("warning"); // a part of it; empty: no warning
    QTest::newRow("CC BY") << "CC BY" << true << "";
    QTest::newRow("CC BY 4.0 (from the article)") << "CC BY 4.0" << true << "";
    QTest::newRow("CC0") << "CC0" << true << "";
    QTest::newRow("CC BY-SA") << "CC BY-SA" << true << "";
    QTest::newRow("CC BY-NC") << "CC BY-NC" << true << "non-commercial";
    QTest::newRow("CC BY-NC-SA") << "CC BY-NC-SA" << true << "non-commercial";
    QTest::newRow("CC BY-ND") << "CC BY-ND" << false << "(CC BY-ND) does not allow changed copies";
    QTest::newRow("CC BY-NC-ND") << "CC BY-NC-ND" << false << "(CC BY-NC-ND) does not allow";
    QTest::newRow("publisher terms") << "NO-CC CODE" << false << "(NO-CC CODE) does not allow";
    QTest::newRow("none stated") << "" << false << "states no licence";
}

void TestNcbi::figureLicence() {
    QFETCH(QString, license);
    QFETCH(bool, allowed);
    QFETCH(QString, warning);
    const FigureLicence licence = FigureLicence::assess(license);
    QCOMPARE(licence.allowed, allowed);
    QCOMPARE(licence.warning.isEmpty(), warning.isEmpty());
    QVERIFY2(licence.warning.contains(warning), qPrintable(licence.warning));
}

void TestNcbi::urls_data() {
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    const QString efetch = QStringLiteral("/entrez/eutils/efetch.fcgi");
    QTest::newRow("efetch on its host")
        << ""
        << "eutils" << efetch << "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/efetch.fcgi";
    QTest::newRow("ID converter on its host")
        << ""
        << "pmc"
        << "/tools/idconv/api/v1/articles/"
        << "https://pmc.ncbi.nlm.nih.gov/tools/idconv/api/v1/articles/";
    QTest::newRow("OA service on its host") << ""
                                            << "www"
                                            << "/pmc/utils/oa/oa.fcgi"
                                            << "https://www.ncbi.nlm.nih.gov/pmc/utils/oa/oa.fcgi";
    QTest::newRow("base URL replaces scheme and host")
        << "http://127.0.0.1:8089"
        << "eutils" << efetch << "http://127.0.0.1:8089/entrez/eutils/efetch.fcgi";
    QTest::newRow("base URL with a path") << "http://localhost:9000/ncbi/"
                                          << "www"
                                          << "/pmc/utils/oa/oa.fcgi"
                                          << "http://localhost:9000/ncbi/pmc/utils/oa/oa.fcgi";
    QTest::newRow("ftp package over https")
        << ""
        << "package"
        << "ftp://ftp.ncbi.nlm.nih.gov/pub/pmc/oa_package/8e/71/PMC5334499.tar.gz"
        << "https://ftp.ncbi.nlm.nih.gov/pub/pmc/oa_package/8e/71/PMC5334499.tar.gz";
    QTest::newRow("ftp package on the base URL")
        << "http://127.0.0.1:8089"
        << "package"
        << "ftp://ftp.ncbi.nlm.nih.gov/pub/pmc/oa_package/8e/71/PMC5334499.tar.gz"
        << "http://127.0.0.1:8089/pub/pmc/oa_package/8e/71/PMC5334499.tar.gz";
    QTest::newRow("a package elsewhere stays where it is")
        << "http://127.0.0.1:8089"
        << "package"
        << "https://pmc-oa-opendata.s3.amazonaws.com/PMC5334499.1/PMC5334499.1.tar.gz"
        << "https://pmc-oa-opendata.s3.amazonaws.com/PMC5334499.1/PMC5334499.1.tar.gz";
}

void TestNcbi::urls() {
    QFETCH(QString, base);
    QFETCH(QString, what);
    QFETCH(QString, input);
    QFETCH(QString, expected);
    ProviderConfig config;
    config.ncbiBase = QUrl(base);
    ProviderSession session(std::make_shared<ProviderHub>(config, nullptr));
    const NcbiClient client(session);
    QUrl url;
    if (what == QLatin1String("package"))
        url = client.packageUrl(QUrl(input));
    else
        url = client.serviceUrl(what == QLatin1String("eutils") ? NcbiHost::Eutils
                                : what == QLatin1String("pmc")  ? NcbiHost::Pmc
                                                                : NcbiHost::Www,
                                input);
    QCOMPARE(url.toString(), expected);
}

void TestNcbi::fullText_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QStringList>("routes");

    const QString email = QStringLiteral("dev@example.org");
    const QStringList fromPmc = {"efetch pmc 6398430", "oa PMC6398430", "GET " + kPackagePath};
    QTest::newRow("PMID") << "30846892"
                          << "" << email << QStringList{"idconv 30846892"} + fromPmc;
    QTest::newRow("PMCID (no lookup)") << "pmc6398430"
                                       << "" << email << fromPmc;
    QTest::newRow("DOI link") << "https://doi.org/10.1093/BEHECO/ary157"
                              << "" << email
                              << QStringList{"idconv 10.1093/beheco/ary157"} + fromPmc;
    QTest::newRow("PMID with an API key")
        << "PMID: 30846892"
        << "test-key-5a3b" << email << QStringList{"idconv 30846892"} + fromPmc;
    QTest::newRow("no contact e-mail configured") << "30846892"
                                                  << ""
                                                  << "" << QStringList{"idconv 30846892"} + fromPmc;
}

// PMID, PMCID and DOI of an open-access article: full JATS text, figure images
// written beside the job, and exactly the requests NCBI's etiquette asks for.
void TestNcbi::fullText() {
    QFETCH(QString, input);
    QFETCH(QString, key);
    QFETCH(QString, email);
    QFETCH(QStringList, routes);
    Rig rig(key, email);
    rig.serveCrows();

    const auto result = rig.fetch(input);
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    const Paper& paper = result.value();
    QCOMPARE(paper.source, QStringLiteral("pmc"));
    QVERIFY2(paper.title.startsWith(QLatin1String("Counting crows")), qPrintable(paper.title));
    QCOMPARE(paper.pmid, QStringLiteral("30846892"));
    QCOMPARE(paper.pmcid, QStringLiteral("PMC6398430"));
    QCOMPARE(paper.doi, QStringLiteral("10.1093/beheco/ary157"));
    QVERIFY(paper.sections.size() >= 4);
    QVERIFY(!paper.abstract.isEmpty());
    QCOMPARE(paper.warnings, QStringList{});
    QCOMPARE(rig.fetcher->warnings(), paper.warnings);

    // Figure images on disk, named as Paper::saveFigures names them, each the
    // package's .jpg (never its .tif).
    const QList<QByteArray> images = crowFigureImages();
    QCOMPARE(paper.figures.size(), images.size());
    QStringList expectedFiles;
    for (int i = 0; i < images.size(); ++i) {
        const QString image = QStringLiteral("figures/F%1.jpg").arg(i + 1);
        QCOMPARE(paper.figures[i].image, image);
        QFile file(rig.dir.filePath(QStringLiteral("job/") + image));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), images[i]);
        expectedFiles << QStringLiteral("job/") + image;
    }
    QCOMPARE(filesBelow(rig.dir.path()), expectedFiles);
    // paper.json will hold the figures by file name, never by bytes.
    QCOMPARE(Paper::fromJson(paper.toJson()).figures[0].image, QStringLiteral("figures/F1.jpg"));

    QCOMPARE(rig.ncbi.routes(), routes);
    using Items = QList<QPair<QString, QString>>;
    Items etiquette{{"tool", "hiddenhill"}};
    if (!email.isEmpty())
        etiquette.append({"email", email});
    if (!key.isEmpty())
        etiquette.append({"api_key", key});
    const QString doi = QStringLiteral("10.1093/beheco/ary157");
    for (const FakeRequest& request : rig.ncbi.server.requests()) {
        QCOMPARE(request.method, QByteArray("GET"));
        const Items items = request.query.queryItems(QUrl::FullyDecoded);
        const QString route = FakeNcbi::routeOf(request);
        if (route.startsWith(QLatin1String("idconv"))) {
            const QString ids =
                input.contains(QLatin1String("doi")) ? doi : QStringLiteral("30846892");
            QCOMPARE(items, Items({{"ids", ids}, {"format", "json"}}) + etiquette);
        } else if (route.startsWith(QLatin1String("efetch"))) {
            QCOMPARE(items,
                     Items({{"db", "pmc"}, {"id", "6398430"}, {"retmode", "xml"}}) + etiquette);
        } else if (route.startsWith(QLatin1String("oa"))) {
            QCOMPARE(items, Items({{"id", "PMC6398430"}}) + etiquette);
        } else {
            // The package is a plain file: no key goes to the file host.
            QCOMPARE(request.path, kPackagePath.toUtf8());
            QVERIFY(request.query.isEmpty());
        }
    }

    QVERIFY(!rig.progress.isEmpty());
    QVERIFY(std::is_sorted(rig.progress.begin(), rig.progress.end()));
    QVERIFY(rig.progress.first() <= 0.1);
    QCOMPARE(rig.progress.last(), 1.0);
}

void TestNcbi::abstractOnly_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<Routes>("routes");
    QTest::addColumn<QStringList>("requested");
    QTest::addColumn<QString>("warning");
    QTest::addColumn<QString>("pmid");
    QTest::addColumn<QString>("title");
    QTest::addColumn<int>("abstractParts");

    const FakeReply pesticides =
        xml(corpusFile(QStringLiteral("pubmed_xml/biopython_pubmed5.xml")));
    const FakeReply restricted = xml(dataFile(QStringLiteral("efetch-pmc-restricted.xml")));
    const QString pesticideTitle = QStringLiteral("Occupational pesticide exposure");
    const QString restrictedWarning = QStringLiteral(
        "abstract-only: the publisher restricts the full text of PMC5771820; PubMed Central "
        "shares only its abstract");

    QTest::newRow("PMID not in PMC")
        << "33856845"
        << Routes{{"idconv 33856845", json(dataFile("idconv-not-in-pmc.json"))},
                  {"efetch pubmed 33856845",
                   xml(corpusFile(QStringLiteral("pubmed_xml/metapub_33856845.xml")))}}
        << QStringList{"idconv 33856845", "efetch pubmed 33856845"}
        << "abstract-only: full text is not in PubMed Central"
        << "33856845"
        << "Impact of insight and metacognition" << 4;
    QTest::newRow("PMID not in PMC, converter answers HTTP 400")
        << "33856845"
        << Routes{{"idconv 33856845", json(dataFile("idconv-400-invalid-id.json"), 400)},
                  {"efetch pubmed 33856845",
                   xml(corpusFile(QStringLiteral("pubmed_xml/metapub_33856845.xml")))}}
        << QStringList{"idconv 33856845", "efetch pubmed 33856845"}
        << "abstract-only: full text is not in PubMed Central"
        << "33856845"
        << "Impact of insight and metacognition" << 4;
    QTest::newRow("restricted article, by PMID")
        << "28775130"
        << Routes{{"idconv 28775130", json(dataFile("idconv-pmid-28775130.json"))},
                  {"efetch pmc 5771820", restricted},
                  {"efetch pubmed 28775130", pesticides}}
        << QStringList{"idconv 28775130", "efetch pmc 5771820", "efetch pubmed 28775130"}
        << restrictedWarning << "28775130" << pesticideTitle << 4;
    QTest::newRow("restricted article, by PMCID")
        << "PMC5771820"
        << Routes{{"efetch pmc 5771820", restricted}, {"efetch pubmed 28775130", pesticides}}
        << QStringList{"efetch pmc 5771820", "efetch pubmed 28775130"} << restrictedWarning
        << "28775130" << pesticideTitle << 4;
    QTest::newRow("PMC has not got what the converter named")
        << "28775130"
        << Routes{{"idconv 28775130", json(dataFile("idconv-pmid-28775130.json"))},
                  {"efetch pmc 5771820", xml(dataFile("efetch-pmc-error.xml"))},
                  {"efetch pubmed 28775130", pesticides}}
        << QStringList{"idconv 28775130", "efetch pmc 5771820", "efetch pubmed 28775130"}
        << "abstract-only: PubMed Central did not deliver the full text of PMC5771820"
        << "28775130" << pesticideTitle << 4;
}

// Papers PMC cannot give in full still make a video, from PubMed's abstract,
// with a warning that says why.
void TestNcbi::abstractOnly() {
    QFETCH(QString, input);
    QFETCH(Routes, routes);
    QFETCH(QStringList, requested);
    QFETCH(QString, warning);
    QFETCH(QString, pmid);
    QFETCH(QString, title);
    QFETCH(int, abstractParts);
    Rig rig;
    for (const auto& [route, reply] : routes)
        rig.ncbi.on(route, reply);

    const auto result = rig.fetch(input);
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    const Paper& paper = result.value();
    QCOMPARE(paper.source, QStringLiteral("pubmed"));
    QCOMPARE(paper.pmid, pmid);
    QVERIFY2(paper.title.startsWith(title), qPrintable(paper.title));
    QCOMPARE(paper.abstract.size(), abstractParts);
    QVERIFY(paper.sections.isEmpty());
    QVERIFY(paper.figures.isEmpty());
    QVERIFY(!paper.warnings.isEmpty());
    QCOMPARE(paper.warnings.first(), warning);
    // One reason only: the importer's own wording for files is replaced.
    int abstractOnly = 0;
    for (const auto& w : paper.warnings)
        abstractOnly += w.startsWith(QLatin1String("abstract-only:")) ? 1 : 0;
    QCOMPARE(abstractOnly, 1);
    QCOMPARE(rig.fetcher->warnings(), paper.warnings);
    QCOMPARE(rig.ncbi.routes(), requested);
    QCOMPARE(filesBelow(rig.dir.path()), QStringList{});
}

// A body of figures only (an "image in medicine") is not a restricted article:
// the PMC text is kept, with its figures, and the warning says what is missing.
void TestNcbi::bodyWithoutParagraphsStaysPmcText() {
    QByteArray article = dataFile(QStringLiteral("efetch-pmc-restricted.xml"));
    article.replace(article.indexOf("<!--"), article.indexOf("-->") + 3 - article.indexOf("<!--"),
                    "");
    article.replace("</front>", "</front><body><fig id=\"F1\"><label>Figure 1</label>"
                                "<graphic xlink:href=\"oemed-2017-104431f01\"/></fig></body>");
    Rig rig;
    rig.ncbi.on(QStringLiteral("efetch pmc 5771820"), xml(article));
    rig.ncbi.on(QStringLiteral("oa PMC5771820"), xml(dataFile("oa-not-open-access.xml")));

    const auto result = rig.fetch(QStringLiteral("PMC5771820"));
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QCOMPARE(result->source, QStringLiteral("pmc"));
    QCOMPARE(result->figures.size(), 1);
    QCOMPARE(result->warnings.value(0),
             QStringLiteral("abstract-only: the full text of PMC5771820 has no paragraphs beyond "
                            "its abstract"));
    QCOMPARE(rig.ncbi.routes(), (QStringList{"efetch pmc 5771820", "oa PMC5771820"}));
}

void TestNcbi::errors_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("key");
    QTest::addColumn<Routes>("routes");
    QTest::addColumn<QStringList>("requested");
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QStringList>("message"); // parts the message must contain

    const FakeReply notInPmc = json(dataFile("idconv-not-in-pmc.json"));
    FakeReply down = FakeReply::bytes(503, "text/html", "<html>Service Unavailable</html>");

    QTest::newRow("unknown PMID: empty PubmedArticleSet")
        << "99999999"
        << ""
        << Routes{{"idconv 99999999", notInPmc},
                  {"efetch pubmed 99999999", xml(dataFile("pubmed-empty.xml"))}}
        << QStringList{"idconv 99999999", "efetch pubmed 99999999"} << "not_found"
        << QStringList{"PubMed has no record for PMID 99999999", "check the number"};
    QTest::newRow("unknown PMID: HTTP 400 ID list is empty")
        << "99999999"
        << ""
        << Routes{{"idconv 99999999", notInPmc},
                  {"efetch pubmed 99999999", xml(dataFile("efetch-400-empty-id-list.xml"), 400)}}
        << QStringList{"idconv 99999999", "efetch pubmed 99999999"} << "not_found"
        << QStringList{"PMID 99999999"};
    QTest::newRow("PMCID not in PMC: <error>")
        << "PMC999999999"
        << "" << Routes{{"efetch pmc 999999999", xml(dataFile("efetch-pmc-error.xml"))}}
        << QStringList{"efetch pmc 999999999"} << "not_in_pmc"
        << QStringList{"PMC999999999 is not in PubMed Central", "check the PMCID"};
    QTest::newRow("PMCID not in PMC: legacy <Reply error=…>")
        << "PMC999999999"
        << "" << Routes{{"efetch pmc 999999999", xml(dataFile("efetch-pmc-reply-error.xml"))}}
        << QStringList{"efetch pmc 999999999"} << "not_in_pmc"
        << QStringList{"PMC999999999 is not in PubMed Central"};
    QTest::newRow("DOI not in PMC")
        << "doi:10.7717/peerj-cs.118"
        << ""
        << Routes{{"idconv 10.7717/peerj-cs.118", json(dataFile("idconv-doi-not-in-pmc.json"))}}
        << QStringList{"idconv 10.7717/peerj-cs.118"} << "not_found"
        << QStringList{"DOI 10.7717/peerj-cs.118 is not in PubMed Central; download the PDF and "
                       "drop it in instead"};
    QTest::newRow("API key refused")
        << "30846892"
        << "bad-key-000"
        << Routes{{"idconv 30846892", json(dataFile("400-api-key-invalid.json"), 400)}}
        << QStringList{"idconv 30846892"} << "auth"
        << QStringList{"NCBI refused the API key", "NCBI_API_KEY"};
    QTest::newRow("NCBI down: 503 four times")
        << "30846892"
        << "" << Routes{{"idconv 30846892", down}}
        << QStringList{"idconv 30846892", "idconv 30846892", "idconv 30846892", "idconv 30846892"}
        << "provider" << QStringList{"try again later", "gave up after 4 attempts"};
    QTest::newRow("not an identifier") << "paper.pdf"
                                       << "" << Routes{} << QStringList{} << "unsupported"
                                       << QStringList{"no PMID, PMCID or DOI was given"};
}

void TestNcbi::errors() {
    QFETCH(QString, input);
    QFETCH(QString, key);
    QFETCH(Routes, routes);
    QFETCH(QStringList, requested);
    QFETCH(QString, errorType);
    QFETCH(QStringList, message);
    Rig rig(key);
    for (const auto& [route, reply] : routes)
        rig.ncbi.on(route, reply);

    const auto result = rig.fetch(input);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), errorType);
    for (const QString& part : message)
        QVERIFY2(result.error().message.contains(part), qPrintable(result.error().message));
    QCOMPARE(rig.ncbi.routes(), requested);
    QCOMPARE(filesBelow(rig.dir.path()), QStringList{});
}

void TestNcbi::retries_data() {
    QTest::addColumn<QString>("route");
    QTest::addColumn<QList<FakeReply>>("failures");
    QTest::addColumn<QList<qint64>>("waits");

    FakeReply tooMany = json(dataFile("429-rate-limit.json"), 429);
    FakeReply tooManyWithHint = tooMany;
    tooManyWithHint.withHeader("Retry-After", "3");
    FakeReply cutOff = FakeReply::bytes(200, "application/x-gzip", crowPackage());
    cutOff.mode = FakeReply::Mode::Truncate;
    const QString efetch = QStringLiteral("efetch pmc 6398430");

    // A 429 waits at least the second NCBI counts over; other retries back off
    // (fixed jitter: 500, 1000 ms).
    QTest::newRow("429 JSON, then the answer")
        << "idconv 30846892" << QList<FakeReply>{tooMany} << QList<qint64>{1000};
    QTest::newRow("429 with Retry-After: 3")
        << "idconv 30846892" << QList<FakeReply>{tooManyWithHint} << QList<qint64>{3000};
    QTest::newRow("503 and 502, then the article")
        << efetch
        << QList<FakeReply>{FakeReply::bytes(503, "text/html", "<html>busy</html>"),
                            FakeReply::bytes(502, "text/html", "<html>proxy</html>")}
        << QList<qint64>{500, 1000};
    QTest::newRow("400 <ERROR> proxy error, then the article")
        << efetch << QList<FakeReply>{xml(dataFile("efetch-400-proxy-error.xml"), 400)}
        << QList<qint64>{500};
    QTest::newRow("200 with a backend <ERROR>, then the article")
        << efetch
        << QList<FakeReply>{xml(corpusFile(QStringLiteral(
               "ncbi_errors/biopython-EUtils2002_elink_intermittent_fetch_error_link16.xml")))}
        << QList<qint64>{500};
    QTest::newRow("package cut off, then whole")
        << "GET " + kPackagePath << QList<FakeReply>{cutOff} << QList<qint64>{500};
}

// Transient NCBI trouble is retried after the right wait (FakeClock: no real
// waiting) and the paper arrives complete.
void TestNcbi::retries() {
    QFETCH(QString, route);
    QFETCH(QList<FakeReply>, failures);
    QFETCH(QList<qint64>, waits);
    Rig rig;
    rig.ncbi.on(route, failures);
    rig.serveCrows();

    const auto result = rig.fetch(QStringLiteral("30846892"));
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QCOMPARE(result->source, QStringLiteral("pmc"));
    QCOMPARE(result->figures.size(), 4);
    QCOMPARE(result->figures[3].image, QStringLiteral("figures/F4.jpg"));
    QCOMPARE(rig.ncbi.routes().count(route), failures.size() + 1);
    // Pacing waits are at most 1/2.7 s; everything longer is a retry wait.
    QList<qint64> retryWaits;
    for (qint64 sleep : rig.clock->sleeps()) {
        if (sleep > 371)
            retryWaits << sleep;
    }
    QCOMPARE(retryWaits, waits);
}

void TestNcbi::keyNeverInMessages_data() {
    QTest::addColumn<QString>("route");
    QTest::addColumn<FakeReply>("reply");
    QTest::addColumn<QString>("errorType");

    const QByteArray key = kSecretKey.toUtf8();
    QByteArray echoed = dataFile("429-rate-limit.json");
    echoed.replace("203.0.113.7", key);
    QByteArray refused = dataFile("400-api-key-invalid.json");
    refused.replace("203.0.113.7", key);
    FakeReply cutOff = xml(pmcArticleSet(corpusFile(kCrowsNxml)));
    cutOff.mode = FakeReply::Mode::Truncate;
    FakeReply loop = FakeReply::bytes(302, "text/plain", "moved");
    loop.withHeader("Location", "/entrez/eutils/efetch.fcgi?db=pmc&id=6398430&api_key=" +
                                    QUrl::toPercentEncoding(kSecretKey));

    QTest::newRow("429 echoing the key")
        << "idconv 30846892" << json(echoed, 429) << "rate_limited";
    QTest::newRow("key refused, echoed") << "idconv 30846892" << json(refused, 400) << "auth";
    QTest::newRow("<ERROR> quoting the request")
        << "efetch pmc 6398430"
        << xml("<eFetchResult><ERROR>Invalid parameter api_key=" +
                   QUrl::toPercentEncoding(kSecretKey) + " (" + key + ")</ERROR></eFetchResult>",
               400)
        << "provider";
    QTest::newRow("answer cut off") << "efetch pmc 6398430" << cutOff << "network";
    QTest::newRow("redirect loop with the key in the URL")
        << "efetch pmc 6398430" << loop << "network";
}

// The key goes to NCBI on every API request but never into an error message
// (which is stored in the job row and shown to users).
void TestNcbi::keyNeverInMessages() {
    QFETCH(QString, route);
    QFETCH(FakeReply, reply);
    QFETCH(QString, errorType);
    Rig rig(kSecretKey);
    rig.serveCrows();
    rig.ncbi.replace(route, reply); // the failure is all this route answers

    const auto result = rig.fetch(QStringLiteral("30846892"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), errorType);
    const QString message = result.error().message;
    QVERIFY2(!message.contains(kSecretKey), qPrintable(message));
    QVERIFY2(!message.contains(QString::fromLatin1(QUrl::toPercentEncoding(kSecretKey))),
             qPrintable(message));
    QVERIFY2(!message.contains(QLatin1String("K3y")), qPrintable(message));
    for (const FakeRequest& request : rig.ncbi.server.requests())
        QCOMPARE(request.query.queryItemValue(QStringLiteral("api_key"), QUrl::FullyDecoded),
                 kSecretKey);
}

void TestNcbi::requestsArePaced_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<qint64>("minimumGap");
    QTest::addColumn<int>("perSecond");
    QTest::addColumn<double>("rate");
    // The hub's limiter: 2.7 a second without a key (NCBI allows 3), 9 with one (10).
    QTest::newRow("without a key") << "" << qint64(370) << 3 << 2.7;
    QTest::newRow("with a key") << "test-key-5a3b" << qint64(111) << 10 << 9.0;
}

void TestNcbi::requestsArePaced() {
    QFETCH(QString, key);
    QFETCH(qint64, minimumGap);
    QFETCH(int, perSecond);
    QFETCH(double, rate);
    Rig rig(key);
    rig.serveCrows();
    // Two fetches back to back through the same hub: 4 + 3 requests.
    QVERIFY(rig.fetch(QStringLiteral("30846892")).ok());
    QVERIFY(rig.fetch(QStringLiteral("PMC6398430")).ok());
    const QList<qint64> times = rig.ncbi.arrivalTimes(); // on the fake clock
    QCOMPARE(times.size(), 7);
    // The fake clock counts whole milliseconds: 1/2.7 s is 370.4 ms, so single
    // gaps are 370 or 371 ms and their average is the exact rate.
    QVERIFY(double(times.last() - times.first()) / double(times.size() - 1) >= 1000.0 / rate);
    for (int i = 1; i < times.size(); ++i)
        QVERIFY2(times[i] - times[i - 1] >= minimumGap,
                 qPrintable(QStringLiteral("requests %1 and %2 only %3 ms apart")
                                .arg(i - 1)
                                .arg(i)
                                .arg(times[i] - times[i - 1])));
    for (int i = perSecond; i < times.size(); ++i)
        QVERIFY(times[i] - times[i - perSecond] >= 1000);
}

void TestNcbi::figuresMissingKeepThePaper_data() {
    QTest::addColumn<Routes>("routes");
    QTest::addColumn<QString>("warning"); // a part of one warning
    QTest::addColumn<bool>("packageRequested");
    QTest::addColumn<bool>("images");

    const QByteArray record = dataFile("oa-record-PMC6398430.xml");
    auto withLicence = [&record](const QByteArray& licence) {
        QByteArray changed = record;
        changed.replace("license=\"CC BY\"", "license=\"" + licence + "\"");
        return xml(changed);
    };
    QByteArray noLink = record;
    noLink.replace(noLink.indexOf("<link"), noLink.indexOf("</record>") - noLink.indexOf("<link"),
                   "");
    const QString package = "GET " + kPackagePath;

    QTest::newRow("not in the open-access subset")
        << Routes{{"oa PMC6398430", xml(dataFile("oa-not-open-access.xml"))}}
        << "figures not downloaded: not in the PMC open-access subset" << false << false;
    QTest::newRow("NoDerivatives licence")
        << Routes{{"oa PMC6398430", withLicence("CC BY-NC-ND")}}
        << "figures not downloaded: the article's licence (CC BY-NC-ND) does not allow" << false
        << false;
    QTest::newRow("non-commercial licence: figures, with a condition")
        << Routes{{"oa PMC6398430", withLicence("CC BY-NC")}}
        << "figures are licensed CC BY-NC: use the video only for non-commercial purposes" << true
        << true;
    QTest::newRow("package gone (PMC's 2026 FTP retirement)")
        << Routes{{package, FakeReply::bytes(404, "text/html", "<html>Not Found</html>")}}
        << "figures not downloaded: the PMC package could not be downloaded" << true << false;
    QTest::newRow("package is a web page")
        << Routes{{package, FakeReply::bytes(200, "text/html", "<html>moved to AWS</html>")}}
        << "figures not downloaded: the PMC package is not a .tar.gz file" << true << false;
    QTest::newRow("OA service answers something else")
        << Routes{{"oa PMC6398430", xml("<html><body>Maintenance</body></html>")}}
        << "figures not downloaded: PMC's open-access service sent an answer" << false << false;
    QTest::newRow("record without a package link")
        << Routes{{"oa PMC6398430", xml(noLink)}}
        << "figures not downloaded: PubMed Central offers no package for PMC6398430" << false
        << false;
}

// Whatever goes wrong with the figures, the full text still makes the video.
void TestNcbi::figuresMissingKeepThePaper() {
    QFETCH(Routes, routes);
    QFETCH(QString, warning);
    QFETCH(bool, packageRequested);
    QFETCH(bool, images);
    Rig rig;
    rig.serveCrows();
    for (const auto& [route, reply] : routes)
        rig.ncbi.replace(route, reply);

    const auto result = rig.fetch(QStringLiteral("30846892"));
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    const Paper& paper = result.value();
    QCOMPARE(paper.source, QStringLiteral("pmc"));
    QVERIFY(!paper.sections.isEmpty());
    QCOMPARE(paper.figures.size(), 4);
    const bool warned = std::any_of(paper.warnings.begin(), paper.warnings.end(),
                                    [&warning](const QString& w) { return w.contains(warning); });
    QVERIFY2(warned, qPrintable(paper.warnings.join(QStringLiteral(" | "))));
    QCOMPARE(rig.ncbi.routes().contains("GET " + kPackagePath), packageRequested);
    QCOMPARE(paper.figures[0].image.isEmpty(), !images);
    QCOMPARE(filesBelow(rig.dir.path()).size(), images ? 4 : 0);
}

// A package whose members climb out of their folder or name absolute paths:
// those are skipped and nothing is written anywhere but the figures folder.
void TestNcbi::hostilePackageWritesNothingOutside() {
    QTemporaryDir elsewhere;
    const QByteArray absolute =
        QFile::encodeName(elsewhere.filePath(QStringLiteral("ary15703.jpg")));
    const QByteArray hostile = TarBuilder()
                                   .file("PMC6398430/ary15701.jpg", jpeg(Qt::red))
                                   .file("../../ary15702.jpg", jpeg(Qt::green))
                                   .file(absolute, jpeg(Qt::blue))
                                   .file("PMC6398430/../../../ary15704.jpg", jpeg(Qt::yellow))
                                   .tarGz();
    Rig rig;
    rig.serveCrows();
    rig.ncbi.replace("GET " + kPackagePath, FakeReply::bytes(200, "application/x-gzip", hostile));

    const auto result = rig.fetch(QStringLiteral("PMC6398430"));
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    const Paper& paper = result.value();
    QCOMPARE(paper.figures[0].image, QStringLiteral("figures/F1.jpg"));
    for (int i = 1; i < 4; ++i)
        QVERIFY(paper.figures[i].image.isEmpty());
    QVERIFY(paper.warnings.contains(
        QStringLiteral("skipped 3 file(s) with unsafe names in the PMC package")));
    QVERIFY(std::any_of(paper.warnings.begin(), paper.warnings.end(), [](const QString& w) {
        return w.startsWith(QLatin1String("no image in the PMC package for"));
    }));
    QCOMPARE(filesBelow(rig.dir.path()), QStringList{QStringLiteral("job/figures/F1.jpg")});
    QCOMPARE(filesBelow(elsewhere.path()), QStringList{});
    QVERIFY(
        !QFileInfo::exists(QDir(rig.figuresDir()).filePath(QStringLiteral("../../ary15702.jpg"))));
}

// Cancel while NCBI is answering: the fetch stops with `cancelled`, asks for
// nothing more and leaves no figures behind. The OA service never answers within
// the test, so a fetch that ignored the cancel would end in a timeout instead.
void TestNcbi::cancelMidFetch() {
    Rig rig;
    std::atomic_bool cancel{false};
    FakeReply never = xml(dataFile("oa-record-PMC6398430.xml"));
    never.delayMs = 10 * 60 * 1000;
    rig.serveCrows();
    rig.ncbi.replace(QStringLiteral("oa PMC6398430"), never);
    rig.ncbi.onRequest = [&cancel](const FakeRequest& request) {
        if (FakeNcbi::routeOf(request).startsWith(QLatin1String("oa ")))
            cancel = true;
    };
    const auto result = rig.fetch(QStringLiteral("30846892"), &cancel);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), QStringLiteral("cancelled"));
    QCOMPARE(rig.ncbi.routes(),
             (QStringList{"idconv 30846892", "efetch pmc 6398430", "oa PMC6398430"}));
    QCOMPARE(filesBelow(rig.dir.path()), QStringList{});
}

QTEST_GUILESS_MAIN(TestNcbi)
#include "tst_ncbi.moc"
