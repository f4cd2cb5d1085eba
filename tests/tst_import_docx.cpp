// SPDX-License-Identifier: GPL-3.0-or-later
// DOCX import: the three Word manuscripts of the shared corpus against their
// ground-truth JATS (headings, abstract, title, figures, references), a small
// manuscript written here to cover title/byline/structured-abstract/figure rules,
// and hostile or broken files (empty, truncated, not Word, zip bombs, bad XML).
#include "DocxImporter.h"
#include "DocxPackage.h"
#include "PaperImporter.h"
#include "TestUtil.h"
#include "ZipWriter.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <atomic>

using namespace hh;
using namespace hh::test;

namespace {

// --- a tiny Word manuscript written for the tests --------------------------------

const char* const kWordNs =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
    "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
    "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\" "
    "xmlns:v=\"urn:schemas-microsoft-com:vml\"";

QString run(const QString& text, const QString& props = {}) {
    return QStringLiteral("<w:r>%1<w:t xml:space=\"preserve\">%2</w:t></w:r>")
        .arg(props.isEmpty() ? QString() : QStringLiteral("<w:rPr>%1</w:rPr>").arg(props),
             text.toHtmlEscaped());
}

QString para(const QString& runs, const QString& pPr = {}) {
    return QStringLiteral("<w:p>%1%2</w:p>")
        .arg(pPr.isEmpty() ? QString() : QStringLiteral("<w:pPr>%1</w:pPr>").arg(pPr), runs);
}

// A picture of width x height pixels (9525 EMU each) bound to relationship `rid`.
QString drawing(const QString& rid, int width, int height) {
    return QStringLiteral("<w:r><w:drawing><wp:inline><wp:extent cx=\"%2\" "
                          "cy=\"%3\"/><a:graphic><a:graphicData>"
                          "<pic:pic><pic:blipFill><a:blip r:embed=\"%1\"/></pic:blipFill></pic:pic>"
                          "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>")
        .arg(rid)
        .arg(width * 9525)
        .arg(height * 9525);
}

struct Manuscript {
    bool withTitleBlock = true;
    QString coreTitle;
};

// A manuscript typed without heading styles, the way many authors do it:
// big bold title, byline with superscript affiliations, "Abstract" in bold,
// inline bold labels, bold section names, a field, a tracked deletion, a table,
// a logo, a captioned figure and a legacy VML picture.
QByteArray makeManuscript(const Manuscript& m) {
    const QString bold = QStringLiteral("<w:b/>");
    QString body;
    if (m.withTitleBlock) {
        body += para(run(QStringLiteral("Sleep loss impairs memory consolidation in adult mice"),
                         QStringLiteral("<w:b/><w:sz w:val=\"36\"/>")));
        body += para(
            run(QStringLiteral("Ann Lee")) +
            run(QStringLiteral("1,2"), QStringLiteral("<w:vertAlign w:val=\"superscript\"/>")) +
            run(QStringLiteral(", Bo Chen")) +
            run(QStringLiteral("2"), QStringLiteral("<w:vertAlign w:val=\"superscript\"/>")) +
            run(QStringLiteral(" and Cy Diaz")) +
            run(QStringLiteral("*"), QStringLiteral("<w:vertAlign w:val=\"superscript\"/>")));
        body +=
            para(run(QStringLiteral("1 Department of Biology, Example University, Kyiv, Ukraine")));
    }
    body += para(drawing(QStringLiteral("rIdLogo"), 40, 40)); // journal logo: no caption, tiny
    body += para(run(QStringLiteral("Abstract"), bold));
    body += para(run(QStringLiteral("Background: "), bold) +
                 run(QStringLiteral("Sleep matters for memory.")));
    body += para(run(QStringLiteral("Methods. "), bold) +
                 run(QStringLiteral("We kept 20 mice awake.")));
    body +=
        para(run(QStringLiteral("Results: "), bold) + run(QStringLiteral("Recall fell by half.")));
    body += para(run(QStringLiteral("Conclusions: "), bold) +
                 run(QStringLiteral("Sleep consolidates memory.")));
    body += para(run(QStringLiteral("Keywords: sleep; memory; mice")));
    body += para(run(QStringLiteral("Introduction"), bold));
    // A Zotero citation: the instruction must not leak, the result must stay.
    body += para(
        run(QStringLiteral("Memory needs sleep ")) +
        QStringLiteral("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
                       "<w:r><w:instrText xml:space=\"preserve\"> ADDIN ZOTERO_ITEM CSL_CITATION "
                       "{\"citationItems\":[{\"id\":1,\"uris\":[\"http://zotero.org/1\"]}]}</"
                       "w:instrText></w:r>"
                       "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>") +
        run(QStringLiteral("(1)")) +
        QStringLiteral("<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>") +
        QStringLiteral("<w:del><w:r><w:delText>DELETED-WORDS</w:delText></w:r></w:del>") +
        run(QStringLiteral(" in non")) + QStringLiteral("<w:r><w:noBreakHyphen/></w:r>") +
        run(QStringLiteral("REM sleep")) + QStringLiteral("<w:r><w:tab/></w:r>") +
        run(QStringLiteral("too.")) +
        QStringLiteral("<w:r><w:footnoteReference w:id=\"2\"/></w:r>"));
    body += QStringLiteral("<w:tbl><w:tr><w:tc>%1</w:tc><w:tc>%2</w:tc></w:tr></w:tbl>")
                .arg(para(run(QStringLiteral("CELL-GROUP-A"))),
                     para(run(QStringLiteral("CELL-VALUE-7"))));
    body += para(run(QStringLiteral("Methods"), bold));
    body += para(run(QStringLiteral("Mice were kept awake by gentle handling.")));
    body += para(drawing(QStringLiteral("rIdFig"), 600, 400));
    body += para(run(QStringLiteral("Fig. 1. Recall after sleep loss.")));
    body +=
        para(QStringLiteral("<w:r><w:pict><v:shape style=\"width:300pt;height:200pt\"><v:imagedata "
                            "r:id=\"rIdOld\"/></v:shape></w:pict></w:r>"));
    body += para(run(QStringLiteral("Figure 2: Old-style picture.")));
    body += para(run(QStringLiteral("References"), bold));
    body += para(run(QStringLiteral("Lee A. Sleep. J Sleep. 2020;1:1.")));
    body += para(run(QStringLiteral("Chen B. Memory. J Mem. 2021;2:2.")));
    body += para(run(QStringLiteral("Diaz C. Mice. J Mice. 2022;3:3.")));

    const QString document =
        QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document "
                       "%1><w:body>%2</w:body></w:document>")
            .arg(QLatin1String(kWordNs), body);
    const QString rels =
        QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
                       "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                       "<Relationship Id=\"rIdLogo\" "
                       "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                       "image\" Target=\"media/logo.png\"/>"
                       "<Relationship Id=\"rIdFig\" "
                       "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                       "image\" Target=\"media/image1.jpeg\"/>"
                       "<Relationship Id=\"rIdOld\" "
                       "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                       "image\" Target=\"/word/media/image2.png\"/>"
                       "</Relationships>");
    ZipWriter zip;
    zip.add(QStringLiteral("[Content_Types].xml"),
            "<?xml version=\"1.0\"?><Types "
            "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
    zip.add(QStringLiteral("word/document.xml"), document.toUtf8());
    zip.add(QStringLiteral("word/_rels/document.xml.rels"), rels.toUtf8());
    zip.add(QStringLiteral("word/media/logo.png"), QByteArray("\x89PNG-logo"));
    zip.add(QStringLiteral("word/media/image1.jpeg"), QByteArray("\xFF\xD8\xFF-figure-one"));
    zip.add(QStringLiteral("word/media/image2.png"), QByteArray("\x89PNG-figure-two"));
    if (!m.coreTitle.isEmpty())
        zip.add(QStringLiteral("docProps/core.xml"),
                QStringLiteral("<?xml version=\"1.0\"?><cp:coreProperties "
                               "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/"
                               "core-properties\" "
                               "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>%1</"
                               "dc:title><dc:creator>Lenovo</dc:creator></cp:coreProperties>")
                    .arg(m.coreTitle.toHtmlEscaped())
                    .toUtf8());
    return zip.finish();
}

// --- ground truth -------------------------------------------------------------------

struct GroundTruth {
    QString title;
    QString abstractText; // paragraphs of <abstract>, without its section titles
    QStringList bodyHeadings;
    int figures = 0;
    int references = 0;
};

GroundTruth readGroundTruth(const QString& path) {
    GroundTruth gt;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return gt;
    QXmlStreamReader xml(&file);
    QStringList stack;
    QString heading;
    bool inHeading = false;
    bool inArticleTitle = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const QString name = xml.name().toString();
            const QString parent = stack.value(stack.size() - 1);
            stack << name;
            if (name == QLatin1String("article-title") &&
                stack.contains(QLatin1String("title-group")) && gt.title.isEmpty())
                inArticleTitle = true;
            if (name == QLatin1String("title") && parent == QLatin1String("sec") &&
                stack.contains(QLatin1String("body"))) {
                inHeading = true;
                heading.clear();
            }
            if (name == QLatin1String("fig"))
                ++gt.figures;
            if (name == QLatin1String("ref"))
                ++gt.references;
        } else if (xml.isEndElement()) {
            const QString name = stack.takeLast();
            if (name == QLatin1String("article-title"))
                inArticleTitle = false;
            if (name == QLatin1String("title") && inHeading) {
                gt.bodyHeadings << heading.simplified();
                inHeading = false;
            }
            if (name == QLatin1String("p") && stack.contains(QLatin1String("abstract")))
                gt.abstractText += QLatin1Char(' ');
        } else if (xml.isCharacters()) {
            if (inArticleTitle)
                gt.title += xml.text();
            if (inHeading)
                heading += xml.text();
            if (stack.contains(QLatin1String("abstract")) &&
                !stack.contains(QLatin1String("title")))
                gt.abstractText += xml.text();
        }
    }
    gt.title = gt.title.simplified();
    gt.abstractText = gt.abstractText.simplified();
    return gt;
}

// All visible-ish text of word/document.xml, read independently of the importer's
// paragraph logic, to decide what the DOCX itself contains.
QString rawDocumentText(const QByteArray& docx) {
    auto package = DocxPackage::open(docx, QStringLiteral("gt.docx"), 300LL * 1024 * 1024);
    if (!package)
        return {};
    const auto xml = package.value().read(QStringLiteral("word/document.xml"));
    if (!xml)
        return {};
    QXmlStreamReader reader(xml.value());
    QString text;
    bool inT = false;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement() && reader.qualifiedName() == QLatin1String("w:t"))
            inT = true;
        else if (reader.isEndElement() && reader.qualifiedName() == QLatin1String("w:t"))
            inT = false;
        else if (reader.isEndElement() && reader.qualifiedName() == QLatin1String("w:p"))
            text += QLatin1Char(' ');
        else if (reader.isCharacters() && inT)
            text += reader.text();
    }
    return text;
}

// "2.1. Methods" and "Methods" compare equal.
QString headingKey(const QString& heading) {
    static const QRegularExpression numbering(QStringLiteral("^(\\d+(\\.\\d+)*|[ivx]+)\\s+"));
    return normalizeForCompare(heading).remove(numbering);
}

QStringList allParagraphs(const Paper& paper) {
    QStringList out;
    for (const auto& part : paper.abstract)
        out << part.text;
    for (const auto& section : paper.sections)
        out << section.heading << section.paragraphs;
    return out;
}

bool isReferencesHeadingForTest(const QString& heading) {
    const QString key = headingKey(heading);
    return key == QLatin1String("references") || key == QLatin1String("bibliography") ||
           key == QStringLiteral("список використаної літератури");
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString writeTemp(const QTemporaryDir& dir, const QString& name, const QByteArray& data) {
    const QString path = dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(data);
    return path;
}

QByteArray minimalDocument(const QString& paragraphText) {
    return QStringLiteral("<?xml version=\"1.0\"?><w:document %1><w:body>%2</w:body></w:document>")
        .arg(QLatin1String(kWordNs), para(run(paragraphText)))
        .toUtf8();
}

} // namespace

class TestImportDocx : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void corpus_data();
    void corpus();
    void manuscriptWithoutStyles();
    void docPropsTitleIsTheFallback();
    void endToEndSniffsDocxWhateverTheName();
    void refusesEmptyFile();
    void refusesTruncatedDocx();
    void refusesZipWithoutWordDocument();
    void refusesZipBomb();
    void refusesEntryThatLiesAboutItsSize();
    void unpackLimitAppliesToRealFiles();
    void malformedDocumentXmlIsBadXml();
    void honoursCancel();
    void cleanupTestCase();

private:
    double m_recallSum = 0;
    int m_recallCount = 0;
    double m_f1Sum = 0;
    int m_f1Count = 0;
};

void TestImportDocx::corpus_data() {
    QTest::addColumn<QString>("docx");
    QTest::addColumn<QString>("groundTruth");
    QTest::addColumn<int>("expectedFigures");
    QTest::addColumn<QString>("tableCell");
    QTest::addColumn<QStringList>("mustNotLeak");
    QTest::addColumn<QString>("expectedHeading");

    // English: 6 embedded PNG pictures, each under a "Figure N." paragraph -> 6 figures.
    // The four anchored text boxes ("Anxiety Asthenia Comparisons" axis labels) are not pictures.
    QTest::newRow("english manuscript")
        << "docx/DOCX2JATS_article_english.docx"
        << "ground_truth/DOCX2JATS_article_english.jats.xml" << 6 << QString()
        << QStringList{QStringLiteral("Anxiety Asthenia Comparisons"),
                       QStringLiteral("AnxietyAstheniaComparisons")}
        << QStringLiteral("ERP in the asthenia and anxiety groups");
    // Ukrainian: "Рисунок 1" is a Word chart (c:chart), not a picture -> 0 figures.
    QTest::newRow("ukrainian manuscript")
        << "docx/DOCX2JATS_article2_ukrainian.docx"
        << "ground_truth/DOCX2JATS_article2.jats.xml" << 0
        << QStringLiteral("Ймовірність досягнення у порівнянні із контролем")
        << QStringList{QStringLiteral("Структура абдомінального болю неорганічного генезу")}
        << QStringLiteral("Психологічні інтервенції");
    // Zotero template: one captioned picture, three tables.
    QTest::newRow("zotero template")
        << "docx/docxToJats_msword_zotero.docx"
        << "ground_truth/docxToJats_msword_zotero.jats.xml" << 1
        << QStringLiteral("Active treatment") << QStringList{QStringLiteral("ZOTERO_ITEM")}
        << QStringLiteral("Statistical analysis");
}

void TestImportDocx::corpus() {
    QFETCH(QString, docx);
    QFETCH(QString, groundTruth);
    QFETCH(int, expectedFigures);
    QFETCH(QString, tableCell);
    QFETCH(QStringList, mustNotLeak);
    QFETCH(QString, expectedHeading);

    const QByteArray data = readAll(corpusPath(docx));
    QVERIFY2(!data.isEmpty(), qPrintable(corpusPath(docx)));
    const GroundTruth gt = readGroundTruth(corpusPath(groundTruth));
    QVERIFY2(!gt.bodyHeadings.isEmpty(), "ground truth could not be read");

    const auto result = DocxImporter().import(data, docx, {});
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    const Paper& paper = result.value();
    QCOMPARE(paper.source, QStringLiteral("docx"));

    // Section headings: every GT body heading should be one of ours.
    QSet<QString> ours;
    for (const auto& section : paper.sections)
        ours.insert(headingKey(section.heading));
    int found = 0;
    QStringList missing;
    for (const auto& heading : gt.bodyHeadings) {
        if (ours.contains(headingKey(heading)))
            ++found;
        else
            missing << heading;
    }
    const double recall = static_cast<double>(found) / gt.bodyHeadings.size();
    m_recallSum += recall;
    ++m_recallCount;

    // Abstract, where the DOCX contains the GT abstract at all.
    const QString docText = normalizeForCompare(rawDocumentText(data));
    const QStringList abstractTokens = tokens(gt.abstractText);
    const bool docHasAbstract = abstractTokens.size() >= 8 &&
                                docText.contains(abstractTokens.mid(0, 8).join(QLatin1Char(' ')));
    double f1 = -1;
    if (docHasAbstract) {
        f1 = tokenF1(paper.abstractText(), gt.abstractText);
        m_f1Sum += f1;
        ++m_f1Count;
    }
    reportScore(
        QStringLiteral("docx %1 heading_recall=%2 abstract_f1=%3 figures=%4 references=%5/%6")
            .arg(QFileInfo(docx).fileName())
            .arg(recall, 0, 'f', 3)
            .arg(f1 < 0 ? QStringLiteral("n/a") : QString::number(f1, 'f', 3))
            .arg(paper.figures.size())
            .arg(paper.references)
            .arg(gt.references));
    QVERIFY2(recall >= 0.85, qPrintable(QStringLiteral("missing headings: ") +
                                        missing.join(QStringLiteral(" | "))));
    if (docHasAbstract)
        QVERIFY2(
            f1 >= 0.9,
            qPrintable(
                QStringLiteral("abstract F1 %1: %2").arg(f1).arg(paper.abstractText().left(300))));

    // Title: exact where the DOCX carries it; otherwise nothing invented and a warning.
    if (!gt.title.isEmpty() && docText.contains(normalizeForCompare(gt.title))) {
        QCOMPARE(normalizeForCompare(paper.title), normalizeForCompare(gt.title));
    } else {
        QVERIFY2(paper.title.isEmpty(),
                 qPrintable(QStringLiteral("invented title: ") + paper.title));
        QVERIFY(paper.warnings.contains(QStringLiteral("no title found; please check")));
    }
    // dc:creator is the computer's user ("Doc", "Lenovo"), never a paper author.
    QVERIFY(paper.authors.isEmpty());

    // Figures: captioned pictures, bytes extracted, labels in order.
    QCOMPARE(paper.figures.size(), expectedFigures);
    for (int i = 0; i < paper.figures.size(); ++i) {
        const Figure& figure = paper.figures[i];
        QCOMPARE(figure.id, QStringLiteral("fig%1").arg(i + 1));
        QCOMPARE(figure.label, QStringLiteral("Figure %1").arg(i + 1));
        QVERIFY2(!figure.caption.isEmpty(), qPrintable(figure.id));
        QVERIFY2(figure.imageData.startsWith("\x89PNG"), qPrintable(figure.id));
        QCOMPARE(figure.imageSuffix, QStringLiteral("png"));
        QVERIFY(figure.graphic.startsWith(QLatin1String("word/media/")));
    }
    // References: typed list or, for the Zotero template, distinct cited items.
    QCOMPARE(paper.references, gt.references);

    const QStringList paragraphs = allParagraphs(paper);
    const QString everything = paragraphs.join(QLatin1Char('\n'));
    QVERIFY2(!everything.contains(QLatin1String("\"citationItems\"")),
             "Zotero JSON leaked into the text");
    QVERIFY2(!everything.contains(QLatin1String("CSL_CITATION")),
             "Zotero field code leaked into the text");
    if (!tableCell.isEmpty()) {
        QVERIFY2(docText.contains(normalizeForCompare(tableCell)),
                 "the chosen cell text is not in the DOCX");
        QVERIFY2(!everything.contains(tableCell),
                 qPrintable(QStringLiteral("table cell in body text: ") + tableCell));
    }
    for (const QString& text : mustNotLeak)
        QVERIFY2(!everything.contains(text),
                 qPrintable(QStringLiteral("leaked into the text: ") + text));
    // Headings are kept verbatim (Cyrillic included).
    bool headingFound = false;
    for (const auto& section : paper.sections)
        headingFound = headingFound || section.heading == expectedHeading;
    QVERIFY2(headingFound, qPrintable(expectedHeading));
    // The reference list is not body text.
    for (const auto& section : paper.sections)
        QVERIFY2(!isReferencesHeadingForTest(section.heading), qPrintable(section.heading));
}

void TestImportDocx::manuscriptWithoutStyles() {
    const auto result =
        DocxImporter().import(makeManuscript({}), QStringLiteral("manuscript.docx"), {});
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    const Paper& paper = result.value();

    QCOMPARE(paper.title, QStringLiteral("Sleep loss impairs memory consolidation in adult mice"));
    QVERIFY(!paper.warnings.contains(QStringLiteral("no title found; please check")));
    QCOMPARE(paper.authors.size(), 3);
    QCOMPARE(paper.authors[0].name, QStringLiteral("Ann Lee"));
    QCOMPARE(paper.authors[1].name, QStringLiteral("Bo Chen"));
    QCOMPARE(paper.authors[2].name, QStringLiteral("Cy Diaz"));

    QCOMPARE(paper.abstract.size(), 4);
    QCOMPARE(paper.abstract[0].label, QStringLiteral("Background"));
    QCOMPARE(paper.abstract[0].text, QStringLiteral("Sleep matters for memory."));
    QCOMPARE(paper.abstract[1].label, QStringLiteral("Methods"));
    QCOMPARE(paper.abstract[3].label, QStringLiteral("Conclusions"));

    // Bold section names become level-1 headings when no heading styles exist.
    QCOMPARE(paper.sections.size(), 2);
    QCOMPARE(paper.sections[0].heading, QStringLiteral("Introduction"));
    QCOMPARE(paper.sections[0].level, 1);
    QCOMPARE(paper.sections[1].heading, QStringLiteral("Methods"));
    QCOMPARE(paper.sections[0].paragraphs,
             QStringList{QStringLiteral("Memory needs sleep (1) in non-REM sleep too.")});
    const QString everything = allParagraphs(paper).join(QLatin1Char('\n'));
    QVERIFY(!everything.contains(QLatin1String("DELETED-WORDS")));
    QVERIFY(!everything.contains(QLatin1String("CELL-GROUP-A")));
    QVERIFY(!everything.contains(QLatin1String("Keywords")));
    QVERIFY(!everything.contains(QLatin1String("Fig. 1")));

    // The 40 px logo has no caption and is left out; both captioned pictures count.
    QCOMPARE(paper.figures.size(), 2);
    QCOMPARE(paper.figures[0].label, QStringLiteral("Figure 1"));
    QCOMPARE(paper.figures[0].caption, QStringLiteral("Recall after sleep loss."));
    QCOMPARE(paper.figures[0].imageSuffix, QStringLiteral("jpeg"));
    QCOMPARE(paper.figures[0].imageData, QByteArray("\xFF\xD8\xFF-figure-one"));
    QCOMPARE(paper.figures[1].label, QStringLiteral("Figure 2"));
    QCOMPARE(paper.figures[1].caption, QStringLiteral("Old-style picture."));
    QCOMPARE(paper.figures[1].graphic, QStringLiteral("word/media/image2.png"));
    QCOMPARE(paper.references, 3);

    ImportOptions noFigures;
    noFigures.extractFigures = false;
    const auto light =
        DocxImporter().import(makeManuscript({}), QStringLiteral("manuscript.docx"), noFigures);
    QVERIFY(light.ok());
    QCOMPARE(light.value().figures.size(), 2);
    QVERIFY(light.value().figures[0].imageData.isEmpty());
}

void TestImportDocx::docPropsTitleIsTheFallback() {
    // No title block: a meaningful dc:title is used, a placeholder never is.
    Manuscript withCore{false, QStringLiteral("Sleep and memory in mice")};
    auto result = DocxImporter().import(makeManuscript(withCore), QStringLiteral("a.docx"), {});
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QCOMPARE(result.value().title, QStringLiteral("Sleep and memory in mice"));
    QVERIFY(result.value().authors.isEmpty()); // dc:creator is not an author

    Manuscript placeholder{false, QStringLiteral("Microsoft Word - draft3.docx")};
    result = DocxImporter().import(makeManuscript(placeholder), QStringLiteral("a.docx"), {});
    QVERIFY(result.ok());
    QVERIFY(result.value().title.isEmpty());
    QVERIFY(result.value().warnings.contains(QStringLiteral("no title found; please check")));
}

void TestImportDocx::endToEndSniffsDocxWhateverTheName() {
    const auto direct =
        importPaperFile(corpusPath(QStringLiteral("docx/DOCX2JATS_article_english.docx")));
    QVERIFY2(direct.ok(), qPrintable(direct.error().message));
    QCOMPARE(direct.value().source, QStringLiteral("docx"));
    QVERIFY(direct.value().sections.size() >= 8);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString renamed =
        writeTemp(dir, QStringLiteral("paper.pdf"),
                  readAll(corpusPath(QStringLiteral("docx/docxToJats_msword_zotero.docx"))));
    const auto sniffed = importPaperFile(renamed);
    QVERIFY2(sniffed.ok(), qPrintable(sniffed.error().message));
    QCOMPARE(sniffed.value().source, QStringLiteral("docx"));
}

void TestImportDocx::refusesEmptyFile() {
    QTemporaryDir dir;
    const QString path = writeTemp(dir, QStringLiteral("empty.docx"), {});
    const auto viaFile = importPaperFile(path);
    QVERIFY(!viaFile.ok());
    QCOMPARE(viaFile.error().type, ErrorType::Unsupported);
    QVERIFY2(viaFile.error().message.contains(QLatin1String("empty")),
             qPrintable(viaFile.error().message));

    const auto direct = DocxImporter().import({}, QStringLiteral("empty.docx"), {});
    QVERIFY(!direct.ok());
    QCOMPARE(direct.error().type, ErrorType::Unsupported);
    QVERIFY2(direct.error().message.contains(QLatin1String("not a valid DOCX")),
             qPrintable(direct.error().message));
}

void TestImportDocx::refusesTruncatedDocx() {
    const QByteArray whole =
        readAll(corpusPath(QStringLiteral("docx/DOCX2JATS_article_english.docx")));
    QTemporaryDir dir;
    const QString path = writeTemp(dir, QStringLiteral("half.docx"), whole.left(whole.size() / 2));
    const auto result = importPaperFile(path);
    QVERIFY(!result.ok());
    QVERIFY(result.error().type == ErrorType::Unsupported ||
            result.error().type == ErrorType::BadXml);
    QVERIFY2(result.error().message.contains(QLatin1String("half.docx")),
             qPrintable(result.error().message));
    QVERIFY2(result.error().message.contains(QLatin1String("re-save it")),
             qPrintable(result.error().message));
}

void TestImportDocx::refusesZipWithoutWordDocument() {
    ZipWriter zip;
    zip.add(QStringLiteral("[Content_Types].xml"), "<Types/>");
    zip.add(QStringLiteral("xl/workbook.xml"), "<workbook/>");
    QTemporaryDir dir;
    const auto result = importPaperFile(writeTemp(dir, QStringLiteral("sheet.docx"), zip.finish()));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().type, ErrorType::Unsupported);
    QVERIFY2(result.error().message.contains(QLatin1String("not a Word document")),
             qPrintable(result.error().message));
    QVERIFY2(result.error().message.contains(QLatin1String("Excel")),
             qPrintable(result.error().message));
}

void TestImportDocx::refusesZipBomb() {
    // 150 MB of zeros deflate to ~150 KB: well under the 300 MB budget, but a
    // ratio no real DOCX part has.
    ZipWriter zip;
    zip.add(QStringLiteral("word/document.xml"), minimalDocument(QStringLiteral("Harmless text.")));
    zip.add(QStringLiteral("word/media/image1.png"), QByteArray(150 * 1024 * 1024, '\0'));
    const QByteArray bomb = zip.finish();
    QVERIFY(bomb.size() < 2 * 1024 * 1024);

    QElapsedTimer timer;
    timer.start();
    const auto result = DocxImporter().import(bomb, QStringLiteral("bomb.docx"), {});
    QVERIFY(!result.ok());
    QCOMPARE(result.error().type, ErrorType::TooLarge);
    QVERIFY2(timer.elapsed() < 2000, "the bomb was inflated before being refused");

    // The same file under a small budget is refused by the declared total alone.
    ImportOptions small;
    small.maxUnpackedBytes = 1024 * 1024;
    const auto limited = DocxImporter().import(bomb, QStringLiteral("bomb.docx"), small);
    QVERIFY(!limited.ok());
    QCOMPARE(limited.error().type, ErrorType::TooLarge);
}

void TestImportDocx::refusesEntryThatLiesAboutItsSize() {
    // The headers claim 2 KB; the stream inflates to 5 MB. Reading must stop at
    // the claim and reject the entry instead of trusting or exceeding it.
    QByteArray document = minimalDocument(QStringLiteral("Harmless text."));
    document += QByteArray(5 * 1024 * 1024, ' ');
    ZipWriter zip;
    zip.add(QStringLiteral("word/document.xml"), document, 2048);
    const auto result = DocxImporter().import(zip.finish(), QStringLiteral("liar.docx"), {});
    QVERIFY(!result.ok());
    QVERIFY2(result.error().type == ErrorType::TooLarge ||
                 result.error().type == ErrorType::Unsupported,
             qPrintable(result.error().code()));
}

void TestImportDocx::unpackLimitAppliesToRealFiles() {
    ImportOptions options;
    options.maxUnpackedBytes = 100 * 1024; // the English manuscript unpacks to ~500 KB
    const auto result = DocxImporter().import(
        readAll(corpusPath(QStringLiteral("docx/DOCX2JATS_article_english.docx"))),
        QStringLiteral("english.docx"), options);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().type, ErrorType::TooLarge);
    QVERIFY2(result.error().message.contains(QLatin1String("english.docx")),
             qPrintable(result.error().message));
}

void TestImportDocx::malformedDocumentXmlIsBadXml() {
    ZipWriter zip;
    zip.add(
        QStringLiteral("word/document.xml"),
        QByteArray("<?xml version=\"1.0\"?><w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>cut"));
    const auto result = DocxImporter().import(zip.finish(), QStringLiteral("broken.docx"), {});
    QVERIFY(!result.ok());
    QCOMPARE(result.error().type, ErrorType::BadXml);
    QVERIFY2(result.error().message.contains(QLatin1String("word/document.xml")),
             qPrintable(result.error().message));
}

void TestImportDocx::honoursCancel() {
    std::atomic_bool cancel{true};
    ImportOptions options;
    options.cancel = &cancel;
    const auto result =
        DocxImporter().import(makeManuscript({}), QStringLiteral("m.docx"), options);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().type, ErrorType::Cancelled);
}

void TestImportDocx::cleanupTestCase() {
    if (m_recallCount > 0)
        reportScore(QStringLiteral("docx aggregate heading_recall=%1 abstract_f1=%2 files=%3")
                        .arg(m_recallSum / m_recallCount, 0, 'f', 3)
                        .arg(m_f1Count > 0 ? m_f1Sum / m_f1Count : 0.0, 0, 'f', 3)
                        .arg(m_recallCount));
}

QTEST_GUILESS_MAIN(TestImportDocx)
#include "tst_import_docx.moc"
