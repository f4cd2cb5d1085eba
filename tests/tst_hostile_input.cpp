// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile papers, generated here (nothing big is committed): external entities,
// entity expansion, zip bombs, PDFs with thousands of pages, huge images or
// scripts, pictures claiming absurd sizes. Each is refused with a specific error,
// or read safely, within a time limit and a bound on the peak memory the import
// adds (getrusage's ru_maxrss, reset per case through /proc/self/clear_refs).
// tst_import_bad, tst_import_jats/pubmed/docx cover the simpler cases.
#include "PaperImporter.h"
#include "TestUtil.h"
#include "ZipWriter.h"
#include "jobs/JobSteps.h"
#include "visuals/MotionGraphicsVisuals.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>
#include <functional>
#include <sys/resource.h>

using namespace hh;
using hh::test::ZipWriter;

namespace {

// Sanitizers keep freed memory in quarantine and add shadow memory: the same
// import shows a higher peak there.
#if defined(__SANITIZE_ADDRESS__)
constexpr qint64 kMemoryFactor = 3;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr qint64 kMemoryFactor = 3;
#else
constexpr qint64 kMemoryFactor = 1;
#endif
#else
constexpr qint64 kMemoryFactor = 1;
#endif

qint64 peakRssMb() {
    struct rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024; // kilobytes on Linux
}

// Makes ru_maxrss start again from the current size (Linux ≥ 4.0), so each case
// is measured alone rather than against the largest one before it.
bool resetPeakRss() {
    QFile file(QStringLiteral("/proc/self/clear_refs"));
    return file.open(QIODevice::WriteOnly) && file.write("5") == 1;
}

// --- PDF, written object by object ----------------------------------------------

class PdfWriter {
public:
    int add(const QByteArray& body) {
        m_objects << body;
        return int(m_objects.size());
    }
    void set(int number, const QByteArray& body) { m_objects[number - 1] = body; }
    static QByteArray stream(const QByteArray& dict, const QByteArray& data) {
        return "<< " + dict + " /Length " + QByteArray::number(data.size()) + " >>\nstream\n" +
               data + "\nendstream";
    }
    QByteArray finish(int root) const {
        QByteArray out = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
        QList<qsizetype> offsets;
        for (qsizetype i = 0; i < m_objects.size(); ++i) {
            offsets << out.size();
            out += QByteArray::number(i + 1) + " 0 obj\n" + m_objects[i] + "\nendobj\n";
        }
        const qsizetype xref = out.size();
        out += "xref\n0 " + QByteArray::number(m_objects.size() + 1) + "\n0000000000 65535 f \n";
        for (const qsizetype offset : offsets)
            out += QByteArray::number(offset).rightJustified(10, '0') + " 00000 n \n";
        out += "trailer\n<< /Size " + QByteArray::number(m_objects.size() + 1) + " /Root " +
               QByteArray::number(root) + " 0 R >>\nstartxref\n" + QByteArray::number(xref) +
               "\n%%EOF\n";
        return out;
    }

private:
    QList<QByteArray> m_objects;
};

QByteArray text(double x, double y, double size, const QByteArray& line) {
    return "BT /F1 " + QByteArray::number(size) + " Tf " + QByteArray::number(x) + " " +
           QByteArray::number(y) + " Td (" + line + ") Tj ET\n";
}

const QByteArray kFont = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
const QByteArray kBody =
    "Honeybees trained with sugar rewards chose the card with four dots in most trials and "
    "learned the task within twelve visits.";

QByteArray paperPageContent(const QByteArray& title) {
    QByteArray content = text(72, 760, 20, title);
    for (int line = 0; line < 20; ++line)
        content += text(72, 700 - line * 14, 10, kBody.left(90));
    return content;
}

// `pages` pages sharing one content stream: 5000 pages stay a few hundred KB.
QByteArray pdfWithPages(int pages) {
    PdfWriter pdf;
    const int catalog = pdf.add({});
    const int tree = pdf.add({});
    const int font = pdf.add(kFont);
    const int content = pdf.add(PdfWriter::stream({}, paperPageContent("A paper of many pages")));
    QByteArray kids;
    for (int i = 0; i < pages; ++i)
        kids +=
            QByteArray::number(pdf.add(
                "<< /Type /Page /Parent " + QByteArray::number(tree) +
                " 0 R /MediaBox [0 0 612 792] /Contents " + QByteArray::number(content) +
                " 0 R /Resources << /Font << /F1 " + QByteArray::number(font) + " 0 R >> >> >>")) +
            " 0 R ";
    pdf.set(catalog, "<< /Type /Catalog /Pages " + QByteArray::number(tree) + " 0 R >>");
    pdf.set(tree,
            "<< /Type /Pages /Count " + QByteArray::number(pages) + " /Kids [" + kids + "] >>");
    return pdf.finish(catalog);
}

// One page whose picture claims `width`×`height` RGB pixels (a few bytes of data
// that inflate to nothing like it), with a caption so the importer renders it.
QByteArray pdfWithHugeImage(int width, int height) {
    PdfWriter pdf;
    const int catalog = pdf.add({});
    const int tree = pdf.add({});
    const int font = pdf.add(kFont);
    const QByteArray zlib = qCompress(QByteArray(64 * 1024, '\x7f'));
    const int image = pdf.add(
        PdfWriter::stream("/Type /XObject /Subtype /Image /Width " + QByteArray::number(width) +
                              " /Height " + QByteArray::number(height) +
                              " /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter "
                              "/FlateDecode",
                          zlib.mid(4)));
    QByteArray content = text(72, 760, 20, "A paper with a huge picture");
    content += text(72, 730, 13, "Abstract");
    for (int line = 0; line < 4; ++line)
        content += text(72, 712 - line * 14, 10, kBody.left(90));
    content += text(72, 640, 13, "Results");
    content += "q 400 0 0 200 100 420 cm /Im1 Do Q\n";
    content += text(100, 400, 9, "Figure 1. A picture that claims to be enormous.");
    for (int line = 0; line < 18; ++line)
        content += text(72, 370 - line * 14, 10, kBody.left(90));
    const int contents = pdf.add(PdfWriter::stream({}, content));
    const int page =
        pdf.add("<< /Type /Page /Parent " + QByteArray::number(tree) +
                " 0 R /MediaBox [0 0 612 792] /Contents " + QByteArray::number(contents) +
                " 0 R /Resources << /Font << /F1 " + QByteArray::number(font) +
                " 0 R >> /XObject << /Im1 " + QByteArray::number(image) + " 0 R >> >> >>");
    pdf.set(catalog, "<< /Type /Catalog /Pages " + QByteArray::number(tree) + " 0 R >>");
    pdf.set(tree, "<< /Type /Pages /Count 1 /Kids [" + QByteArray::number(page) + " 0 R] >>");
    return pdf.finish(catalog);
}

// JavaScript run on open, a script-carrying SVG attached as a file, and a link
// annotation: none of it may run, be fetched or end up in the paper's text.
QByteArray pdfWithScripts() {
    PdfWriter pdf;
    const int catalog = pdf.add({});
    const int tree = pdf.add({});
    const int font = pdf.add(kFont);
    const QByteArray svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\">"
                           "<script>HHSCRIPT_IN_SVG()</script>"
                           "<image href=\"file:///etc/passwd\"/></svg>";
    const int svgStream =
        pdf.add(PdfWriter::stream("/Type /EmbeddedFile /Subtype /image#2Fsvg+xml", svg));
    const int fileSpec = pdf.add("<< /Type /Filespec /F (evil.svg) /UF (evil.svg) /EF << /F " +
                                 QByteArray::number(svgStream) + " 0 R >> >>");
    const int js = pdf.add("<< /S /JavaScript /JS (app.alert\\('HHSCRIPT_ON_OPEN'\\); "
                           "this.exportDataObject\\({cName: 'evil.svg', nLaunch: 2}\\);) >>");
    const int link =
        pdf.add("<< /Type /Annot /Subtype /Link /Rect [72 740 300 780] /A << /S /URI /URI "
                "(http://127.0.0.1:9/hh-should-never-be-fetched) >> >>");
    const int contents = pdf.add(PdfWriter::stream({}, paperPageContent("A paper with scripts")));
    const int page = pdf.add(
        "<< /Type /Page /Parent " + QByteArray::number(tree) +
        " 0 R /MediaBox [0 0 612 792] /Contents " + QByteArray::number(contents) +
        " 0 R /Annots [" + QByteArray::number(link) + " 0 R] /AA << /O " + QByteArray::number(js) +
        " 0 R >> /Resources << /Font << /F1 " + QByteArray::number(font) + " 0 R >> >> >>");
    pdf.set(catalog, "<< /Type /Catalog /Pages " + QByteArray::number(tree) + " 0 R /OpenAction " +
                         QByteArray::number(js) +
                         " 0 R /Names << /EmbeddedFiles << /Names [(evil.svg) " +
                         QByteArray::number(fileSpec) + " 0 R] >> >> >>");
    pdf.set(tree, "<< /Type /Pages /Count 1 /Kids [" + QByteArray::number(page) + " 0 R] >>");
    return pdf.finish(catalog);
}

// --- DOCX -------------------------------------------------------------------------

const char* const kWordNs =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
    "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
    "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";

QByteArray para(const QByteArray& words) {
    return "<w:p><w:r><w:t xml:space=\"preserve\">" + words + "</w:t></w:r></w:p>";
}

QByteArray wordDocument(const QByteArray& doctype, const QByteArray& body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + doctype + "<w:document " +
           QByteArray(kWordNs) + "><w:body>" + body + "</w:body></w:document>";
}

QByteArray paperBody() {
    return para("Honeybees count to four") + para("Abstract") + para(kBody) + para("Results") +
           para(kBody);
}

// A minimal Word package; `image` (when given) is word/media/image1.png, shown
// 600×400 with a caption, as a real figure.
QByteArray docx(const QByteArray& document, const QByteArray& image = {}) {
    ZipWriter zip;
    zip.add(QStringLiteral("[Content_Types].xml"),
            "<?xml version=\"1.0\"?><Types "
            "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
    zip.add(QStringLiteral("word/document.xml"), document);
    zip.add(QStringLiteral("word/_rels/document.xml.rels"),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
            "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            "<Relationship Id=\"rIdFig\" "
            "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" "
            "Target=\"media/image1.png\"/></Relationships>");
    if (!image.isEmpty())
        zip.add(QStringLiteral("word/media/image1.png"), image);
    return zip.finish();
}

QByteArray figureBody() {
    return paperBody() +
           "<w:p><w:r><w:drawing><wp:inline><wp:extent cx=\"5715000\" cy=\"3810000\"/>"
           "<a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed=\"rIdFig\"/>"
           "</pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>"
           "</w:r></w:p>" +
           para("Figure 1. Bees at the feeder.");
}

// A PNG whose header claims width×height pixels; its data is a few bytes.
QByteArray pngClaiming(quint32 width, quint32 height) {
    const auto chunk = [](const QByteArray& type, const QByteArray& data) {
        QByteArray out(4, '\0');
        qToBigEndian(quint32(data.size()), out.data());
        out += type + data;
        QByteArray crc(4, '\0');
        qToBigEndian(hh::test::crc32Of(type + data), crc.data());
        return out + crc;
    };
    QByteArray ihdr(13, '\0');
    qToBigEndian(width, ihdr.data());
    qToBigEndian(height, ihdr.data() + 4);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 2; // RGB
    const QByteArray zlib = qCompress(QByteArray(1024, '\0'));
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", zlib.mid(4)) +
           chunk("IEND", {});
}

// --- XML --------------------------------------------------------------------------

QByteArray jats(const QByteArray& doctype, const QByteArray& title) {
    return "<?xml version=\"1.0\"?>" + doctype +
           "<article><front><article-meta><title-group><article-title>" + title +
           "</article-title></title-group><abstract><p>" + kBody +
           "</p></abstract></article-meta></front><body><sec><title>Results</title><p>" + kBody +
           "</p></sec></body></article>";
}

// One entity just under Qt's per-entity limit, referenced a hundred thousand
// times: a 400 KB file that expands to 400 MB of text without any nesting.
QByteArray quadraticBlowup() {
    return jats("<!DOCTYPE article [<!ENTITY a \"" + QByteArray(4000, 'a') + "\">]>",
                QByteArray("&a;").repeated(100'000));
}

QByteArray deeplyNested() {
    return "<article>" + QByteArray("<sec>").repeated(200'000) + "x" +
           QByteArray("</sec>").repeated(200'000) + "</article>";
}

// Five million empty elements in 20 MB, each one a tree node if nothing stops it.
QByteArray manyElements() {
    return jats({}, "Many " + QByteArray("<x/>").repeated(5'000'000));
}

const QByteArray kXxe = "<!DOCTYPE article [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>";
const QByteArray kParameterXxe =
    "<!DOCTYPE article [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>";

struct Case {
    std::function<QByteArray()> make;
    QString fileName;
};

QHash<QString, Case> cases() {
    return {
        {QStringLiteral("xxe in docx"),
         {[] { return docx(wordDocument(kXxe, para("&xxe;") + paperBody())); },
          QStringLiteral("xxe.docx")}},
        {QStringLiteral("parameter-entity xxe in jats"),
         {[] { return jats(kParameterXxe, "Bees"); }, QStringLiteral("pxxe.xml")}},
        {QStringLiteral("billion laughs in docx"),
         {[] {
              QByteArray doctype = "<!DOCTYPE w:document [<!ENTITY l0 \"ha\">";
              for (int i = 1; i <= 9; ++i)
                  doctype += "<!ENTITY l" + QByteArray::number(i) + " \"" +
                             ("&l" + QByteArray::number(i - 1) + ";").repeated(10) + "\">";
              return docx(wordDocument(doctype + "]>", para("&l9;") + paperBody()));
          },
          QStringLiteral("laughs.docx")}},
        {QStringLiteral("quadratic blowup"), {quadraticBlowup, QStringLiteral("quadratic.xml")}},
        {QStringLiteral("deep nesting"), {deeplyNested, QStringLiteral("deep.xml")}},
        {QStringLiteral("five million elements"), {manyElements, QStringLiteral("many.xml")}},
        {QStringLiteral("zip bomb, 1 GB declared"),
         {[] {
              ZipWriter zip;
              zip.add(QStringLiteral("[Content_Types].xml"), "<Types/>");
              zip.addDeflated(QStringLiteral("word/document.xml"),
                              hh::test::deflatedZeros(1LL << 30), 1u << 30, 0);
              return zip.finish();
          },
          QStringLiteral("bomb.docx")}},
        {QStringLiteral("zip bomb, lying header"),
         {[] {
              // Declares 2 KB: inside every budget, until it is inflated.
              ZipWriter zip;
              zip.add(QStringLiteral("[Content_Types].xml"), "<Types/>");
              zip.addDeflated(QStringLiteral("word/document.xml"),
                              hh::test::deflatedZeros(1LL << 30), 2048, 0);
              return zip.finish();
          },
          QStringLiteral("liar.docx")}},
        {QStringLiteral("docx picture claiming 100000x100000"),
         {[] { return docx(wordDocument({}, figureBody()), pngClaiming(100000, 100000)); },
          QStringLiteral("absurd.docx")}},
        {QStringLiteral("pdf with 5000 pages"),
         {[] { return pdfWithPages(5000); }, QStringLiteral("pages.pdf")}},
        {QStringLiteral("pdf picture claiming 100000x100000"),
         {[] { return pdfWithHugeImage(100000, 100000); }, QStringLiteral("huge.pdf")}},
        {QStringLiteral("pdf picture of 800x600"),
         {[] { return pdfWithHugeImage(800, 600); }, QStringLiteral("sane.pdf")}},
        {QStringLiteral("pdf with javascript and svg"),
         {pdfWithScripts, QStringLiteral("scripts.pdf")}},
    };
}

QString allText(const Paper& paper) {
    return QString::fromUtf8(QJsonDocument(paper.toJson()).toJson()) +
           paper.warnings.join(QLatin1Char('\n'));
}

} // namespace

class TestHostileInput : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void refusedOrReadSafely_data();
    void refusedOrReadSafely();
    void absurdPictureNeverReachesTheVideo();

private:
    bool m_canResetPeak = false;
};

void TestHostileInput::initTestCase() {
    m_canResetPeak = resetPeakRss();
    if (!m_canResetPeak)
        qWarning("cannot reset the peak RSS; each case is measured against the largest before it");
}

void TestHostileInput::refusedOrReadSafely_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("code");    // expected error code; empty: the import succeeds
    QTest::addColumn<QString>("mention"); // in the error message or the paper's warnings
    QTest::addColumn<QString>("absent");  // must appear nowhere in the result
    QTest::addColumn<int>("maxSeconds");
    QTest::addColumn<int>("maxMegabytes"); // peak memory the import may add
    const auto row = [](const char* kind, const char* code, const char* mention, const char* absent,
                        int seconds, int megabytes) {
        QTest::newRow(kind) << QString::fromLatin1(kind) << QString::fromLatin1(code)
                            << QString::fromLatin1(mention) << QString::fromLatin1(absent)
                            << seconds << megabytes;
    };
    const char* passwd = "root:x:0:0";
    row("xxe in docx", "", "", passwd, 5, 64);
    // Qt's reader ignores parameter entities: the paper reads, without the file.
    row("parameter-entity xxe in jats", "", "", passwd, 5, 64);
    row("billion laughs in docx", "bad_xml", "XML", "hahahaha", 5, 64);
    row("quadratic blowup", "too_large", "expands", "", 5, 64);
    row("deep nesting", "bad_xml", "deeper", "", 5, 64);
    row("five million elements", "too_large", "elements", "", 20, 300);
    row("zip bomb, 1 GB declared", "too_large", "zip bomb", "", 5, 64);
    // minizip stops inflating at the declared size; the CRC then fails.
    row("zip bomb, lying header", "unsupported", "damaged", "", 5, 64);
    row("docx picture claiming 100000x100000", "", "100000", "", 5, 64);
    row("pdf with 5000 pages", "", "300 of 5000 pages", "", 60, 256);
    row("pdf picture of 800x600", "", "", "too large to render", 10, 256);
    row("pdf picture claiming 100000x100000", "", "100000", "", 10, 256);
    row("pdf with javascript and svg", "", "", "HHSCRIPT", 10, 128);
}

void TestHostileInput::refusedOrReadSafely() {
    QFETCH(QString, kind);
    QFETCH(QString, code);
    QFETCH(QString, mention);
    QFETCH(QString, absent);
    QFETCH(int, maxSeconds);
    QFETCH(int, maxMegabytes);
    const Case hostile = cases().value(kind);
    QVERIFY(hostile.make);
    const QByteArray data = hostile.make();
    QTemporaryDir cwd; // whatever a script might write would land here
    const QString previous = QDir::currentPath();
    QDir::setCurrent(cwd.path());

    if (m_canResetPeak)
        resetPeakRss();
    const qint64 before = peakRssMb();
    QElapsedTimer timer;
    timer.start();
    ImportOptions options;
    options.extractFigures = true;
    const auto result = importPaperData(data, hostile.fileName, options);
    const qint64 ms = timer.elapsed();
    const qint64 grew = peakRssMb() - before;
    QDir::setCurrent(previous);
    std::printf("HOSTILE %-40s %6lld ms %5lld MB peak growth (%lld KB input)\n", qPrintable(kind),
                static_cast<long long>(ms), static_cast<long long>(grew),
                static_cast<long long>(data.size() / 1024));

    if (qEnvironmentVariableIsSet("HH_HOSTILE_DEBUG"))
        std::printf("%s\n", qPrintable(result.ok() ? allText(result.value()).left(3000)
                                                   : result.error().message));
    QString seen;
    if (code.isEmpty()) {
        QVERIFY2(result.ok(),
                 qPrintable(result.error().code() + QStringLiteral(": ") + result.error().message));
        seen = allText(result.value());
        QVERIFY(result.value().wordCount() > 0);
        // The caption was found, so a picture of sane size is rendered; the
        // absurd one is not, rather than decoding 10^10 pixels for minutes.
        if (kind.startsWith(QLatin1String("pdf picture"))) {
            QCOMPARE(result.value().figures.size(), 1);
            QCOMPARE(result.value().figures.first().imageData.isEmpty(),
                     kind.contains(QLatin1String("100000")));
        }
    } else {
        QVERIFY2(!result.ok(), "a hostile file was accepted");
        QCOMPARE(result.error().code(), code);
        seen = result.error().message;
    }
    QVERIFY2(seen.contains(mention), qPrintable(seen.left(2000)));
    if (!absent.isEmpty())
        QVERIFY2(!seen.contains(absent), qPrintable(seen.left(2000)));
    QVERIFY2(ms < maxSeconds * 1000 * kMemoryFactor,
             qPrintable(QStringLiteral("took %1 ms").arg(ms)));
    QVERIFY2(grew < maxMegabytes * kMemoryFactor,
             qPrintable(QStringLiteral("peak memory grew by %1 MB").arg(grew)));
    QVERIFY2(QDir(cwd.path()).isEmpty(), "the import wrote files");
}

// The DOCX picture that claims 100000×100000 pixels, through the job's steps up
// to the scene plan: it is never decoded (that would need 30 GB), and the video
// shows the scene without it.
void TestHostileInput::absurdPictureNeverReachesTheVideo() {
    QTemporaryDir dir;
    const QString input = dir.filePath(QStringLiteral("absurd.docx"));
    QFile file(input);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(docx(wordDocument({}, figureBody()), pngClaiming(100000, 100000)));
    file.close();
    JobOptions options;
    options.input = input;
    options.durationSeconds = 10;
    const QString job = dir.filePath(QStringLiteral("job"));
    JobSteps steps(job, options);
    if (m_canResetPeak)
        resetPeakRss();
    const qint64 before = peakRssMb();
    const Error e = steps.run({}, nullptr, Step::GenerateVideos);
    QVERIFY2(!e.isError(), qPrintable(e.message));
    QVERIFY(peakRssMb() - before < 128 * kMemoryFactor);
    QFile plan(job + QStringLiteral("/scenes/plan.json"));
    QVERIFY(plan.open(QIODevice::ReadOnly));
    QVERIFY(!plan.readAll().contains("figure_image"));
    const QByteArray paper = [&] {
        QFile f(job + QStringLiteral("/paper.json"));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    QVERIFY2(paper.contains("100000"), "the skipped picture is not explained in the warnings");
}

QTEST_MAIN(TestHostileInput)
#include "tst_hostile_input.moc"
