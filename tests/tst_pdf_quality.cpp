// SPDX-License-Identifier: GPL-3.0-or-later
// PDF import quality, measured: every corpus PDF with ground truth (MANIFEST.tsv:
// CERMINE, GROBID, docling, publisher/EuropePMC JATS) and every project-owned
// truth in tests/data/pdf-truth is imported with default options (figures
// rendered) and scored on title, abstract, headings, body text kept, figures and
// tables found with an image, and figure crops. One SCORE line per file, then
// totals over all files, the held-out files and the files the importer is tuned on.
//
// The thresholds below guard against regressions only; they sit a little under
// what the importer measured when they were set. The goals are: every title exact; abstract F1 >=
// 0.95 on every file; heading recall >= 0.9 at precision >= 0.9; figure+table recall >= 0.9 with
// images; crop IoU >= 0.8 for >= 85 % of the figures that have a truth region. Raise the thresholds
// as the importer gets there.
#include "PdfGroundTruth.h"
#include "PdfImporter.h"
#include "TestUtil.h"

#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTest>
#include <algorithm>

using namespace hh;
using namespace hh::test;

namespace {

// Never used to tune the importer's rules (chosen when issue 13's work began,
// before their failures were studied): their scores tell whether a gain on the
// other files generalises to publishers' layouts nobody tuned against.
const QStringList kHeldOut{
    QStringLiteral("pygetpapers_kjr_PMC7909857"),
    QStringLiteral("amilib_iscience_PMC11254592"),
    QStringLiteral("tigr2ess_oup-dnares_PMC6105116"),
    QStringLiteral("amilib_wiley-conservbiol_PMC12124168"),
};

constexpr double kIouGood = 0.8;
// pdftotext counts references, running heads and captions too, so the ratio of
// body words is a relative signal; a value far above 1 would be duplicated text,
// and capping keeps one such file from hiding the others in the mean.
constexpr double kBodyRatioCap = 1.5;

// Sums over files; means are taken over the files where a metric applies.
struct Scores {
    int files = 0;
    int titles = 0;
    int titlesExact = 0;
    int abstracts = 0;
    double abstractF1 = 0;
    int headingFiles = 0;
    double headingRecall = 0;
    int precisionFiles = 0;
    double headingPrecision = 0;
    int bodyFiles = 0;
    double bodyRatio = 0;
    int figuresExpected = 0;
    int figuresFound = 0;
    int regions = 0;
    int regionsGood = 0;

    void add(const Scores& o) {
        files += o.files;
        titles += o.titles;
        titlesExact += o.titlesExact;
        abstracts += o.abstracts;
        abstractF1 += o.abstractF1;
        headingFiles += o.headingFiles;
        headingRecall += o.headingRecall;
        precisionFiles += o.precisionFiles;
        headingPrecision += o.headingPrecision;
        bodyFiles += o.bodyFiles;
        bodyRatio += o.bodyRatio;
        figuresExpected += o.figuresExpected;
        figuresFound += o.figuresFound;
        regions += o.regions;
        regionsGood += o.regionsGood;
    }
    static double mean(double sum, int count) { return count > 0 ? sum / count : 0.0; }
    double meanF1() const { return mean(abstractF1, abstracts); }
    double meanRecall() const { return mean(headingRecall, headingFiles); }
    double meanPrecision() const { return mean(headingPrecision, precisionFiles); }
    double meanBody() const { return mean(bodyRatio, bodyFiles); }
    double figureRecall() const { return mean(figuresFound, figuresExpected); }
    double iouShare() const { return mean(regionsGood, regions); }
};

struct Totals {
    int rows = 0; // rows in quality_data(): the totals are asserted only after a full run
    Scores all;
    Scores heldOut;
    Scores tuned;
};
Totals g_totals;
QString g_pdftotext;

double intersectionOverUnion(const QRectF& a, const QRectF& b) {
    const QRectF overlap = a.intersected(b);
    if (overlap.isEmpty())
        return 0.0;
    const double inter = overlap.width() * overlap.height();
    return inter / (a.width() * a.height() + b.width() * b.height() - inter);
}

// Our headings that match a truth heading, and those that match none. A heading
// glued to its neighbour matches too (GROBID merges consecutive heads, see
// headingRecall). Front and back matter the truth leaves out of the body
// ("References", "Keywords", "Funding" …) is neither a hit nor a miss.
struct Precision {
    int matched = 0;
    int counted = 0;
    QStringList spurious;
};
Precision headingPrecision(const Truth& truth, const QList<Section>& sections) {
    QSet<QString> keys;
    for (const QString& heading : truth.headings)
        keys.insert(headingKey(heading));
    Precision precision;
    for (int i = 0; i < sections.size(); ++i) {
        const QString heading = sections.at(i).heading.simplified();
        // CERMINE's truth has top-level sections only: our subsections are unjudged.
        if (heading.isEmpty() || (truth.headingsTopLevelOnly && sections.at(i).level > 1))
            continue;
        const QString before = i > 0 ? sections.at(i - 1).heading + QLatin1Char(' ') : QString();
        const QString after =
            i + 1 < sections.size() ? QLatin1Char(' ') + sections.at(i + 1).heading : QString();
        const bool hit = keys.contains(headingKey(heading)) ||
                         (!after.isEmpty() && keys.contains(headingKey(heading + after))) ||
                         (!before.isEmpty() && keys.contains(headingKey(before + heading)));
        if (hit) {
            ++precision.matched;
            ++precision.counted;
        } else if (!isFrontOrBackMatterHeading(heading)) {
            ++precision.counted;
            precision.spurious << heading;
        }
    }
    return precision;
}

// Words of `pdftotext FILE -` (reading order, no layout): the reference amount of text.
int pdftotextWords(const QString& path, QString* error) {
    QProcess process;
    process.start(g_pdftotext, {path, QStringLiteral("-")});
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        *error = QStringLiteral("pdftotext failed on %1: %2")
                     .arg(path, QString::fromLocal8Bit(process.readAllStandardError()));
        return -1;
    }
    static const QRegularExpression space(QStringLiteral("\\s+"));
    return int(
        QString::fromUtf8(process.readAllStandardOutput()).split(space, Qt::SkipEmptyParts).size());
}

QString fixed(double value, int decimals = 3) {
    return QString::number(value, 'f', decimals);
}

void reportTotals(const QString& name, const Scores& s) {
    QStringList line{QStringLiteral("pdfq TOTAL%1 files=%2").arg(name).arg(s.files)};
    line << QStringLiteral("titles_exact=%1/%2").arg(s.titlesExact).arg(s.titles)
         << QStringLiteral("abstract_f1=%1 (%2 files)").arg(fixed(s.meanF1())).arg(s.abstracts)
         << QStringLiteral("heading_recall=%1 (%2 files)")
                .arg(fixed(s.meanRecall()))
                .arg(s.headingFiles)
         << QStringLiteral("heading_precision=%1").arg(fixed(s.meanPrecision()))
         << QStringLiteral("body_words=%1").arg(fixed(s.meanBody(), 2))
         << QStringLiteral("figures=%1/%2 (%3)")
                .arg(s.figuresFound)
                .arg(s.figuresExpected)
                .arg(fixed(s.figureRecall()))
         << (s.regions > 0 ? QStringLiteral("iou=%1/%2 (%3)")
                                 .arg(s.regionsGood)
                                 .arg(s.regions)
                                 .arg(fixed(s.iouShare()))
                           : QStringLiteral("iou=n/a"));
    reportScore(line.join(QLatin1Char(' ')));
}

} // namespace

class TestPdfQuality : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void groundTruthReaders();
    void quality_data();
    void quality();
    void totals();
};

void TestPdfQuality::initTestCase() {
    g_pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    if (g_pdftotext.isEmpty()) {
        // CI installs poppler-utils: there a missing tool is a broken image, not a skip.
        if (qgetenv("CI") == "true")
            QFAIL("pdftotext (poppler-utils) not found on PATH");
        qWarning("pdftotext not found: body_words is not measured");
    }
}

// The readers are checked on facts from the MANIFEST notes, so a score change
// means the importer changed, not that the truth was misread.
void TestPdfQuality::groundTruthReaders() {
    const Truth tandf = readJats(
        readCorpus(QStringLiteral("ground_truth/pygetpapers_tandf-renalfail_PMC7808740.jats.xml")));
    QVERIFY(tandf.title.startsWith(QLatin1String("Risk factors and outcomes of cardiovascular")));
    QVERIFY2(tandf.abstract.startsWith(QLatin1String("Background ")), qPrintable(tandf.abstract));
    QCOMPARE(tandf.headings.size(), 13); // MANIFEST: 13 sec titles
    QCOMPARE(tandf.headingLevels.value(1), 1);
    QCOMPARE(tandf.headingLevels.value(2), 2);
    QCOMPARE(tandf.figures.size(), 6); // Figure 1.-2., Table 1.-4.
    QCOMPARE(tandf.figures.first().kind, QStringLiteral("figure"));
    QCOMPARE(tandf.figures.at(1).kind, QStringLiteral("table"));

    const Truth iscience =
        readJats(readCorpus(QStringLiteral("ground_truth/amilib_iscience_PMC11254592.jats.xml")));
    // Figure 1-4 and Table 1-2; the graphical abstract and the unlabelled key
    // resources table are not counted.
    QCOMPARE(iscience.figures.size(), 6);
    QVERIFY(!iscience.abstract.contains(QLatin1String("Highlights")));

    const Truth peerj =
        readJats(readCorpus(QStringLiteral("ground_truth/amilib_peerj_PMC12103844.jats.xml")));
    QVERIFY(peerj.figuresKnown);
    QVERIFY(peerj.figures.isEmpty()); // the negative case: no figures, no tables
    QVERIFY(!peerj.headings.contains(QStringLiteral("Supplemental Information")));

    QCOMPARE(figureLabelKey(QStringLiteral("Fig. 3")), QStringLiteral("figure 3"));
    QCOMPARE(figureLabelKey(QStringLiteral("FIGURE\u00a012.")), QStringLiteral("figure 12"));
    QCOMPARE(figureLabelKey(QStringLiteral("Table IV.")), QStringLiteral("table 4"));
    QCOMPARE(figureLabelKey(QStringLiteral("Table\u00a0A1.")), QStringLiteral("table a1"));
    QCOMPARE(figureLabelKey(QStringLiteral("Supplementary Figure 1")),
             QStringLiteral("supplementary figure 1"));
    QVERIFY(isFrontOrBackMatterHeading(QStringLiteral("6. Acknowledgements")));
    QVERIFY(isFrontOrBackMatterHeading(QStringLiteral("Authors' contributions")));
    QVERIFY(isFrontOrBackMatterHeading(QStringLiteral("CONFLICT OF INTEREST STATEMENT")));
    QVERIFY(!isFrontOrBackMatterHeading(QStringLiteral("Results")));
}

void TestPdfQuality::quality_data() {
    QTest::addColumn<QString>("pdf");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QStringList>("truthFiles");
    QTest::addColumn<QString>("truthJson");
    QTest::addColumn<bool>("heldOut");
    const QList<TruthSource> sources = pdfTruthSources();
    QVERIFY2(sources.size() >= 20, qPrintable(QStringLiteral("%1 PDFs with ground truth in %2")
                                                  .arg(sources.size())
                                                  .arg(corpusDir())));
    for (const TruthSource& source : sources) {
        const QString name = QFileInfo(source.pdf).completeBaseName();
        QTest::newRow(qPrintable(name)) << source.pdf << source.kind << source.files
                                        << source.truthJson << kHeldOut.contains(name);
    }
    g_totals.rows = int(sources.size());
}

void TestPdfQuality::quality() {
    QFETCH(QString, pdf);
    QFETCH(QString, kind);
    QFETCH(QStringList, truthFiles);
    QFETCH(QString, truthJson);
    QFETCH(bool, heldOut);

    Truth truth = readTruth(kind, truthFiles);
    if (!truthJson.isEmpty()) {
        QString error;
        QVERIFY2(applyTruthJson(truthJson, &truth, &error), qPrintable(error));
    }
    QVERIFY2(!truth.title.isEmpty() || !truth.abstract.isEmpty() || !truth.headings.isEmpty() ||
                 truth.figuresKnown,
             "ground truth could not be read");

    const QByteArray data = readCorpus(pdf);
    QVERIFY2(!data.isEmpty(), qPrintable(corpusPath(pdf)));
    const auto result = PdfImporter().import(data, pdf, ImportOptions{});
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    const Paper& paper = result.value();

    Scores file;
    file.files = 1;
    QStringList line{QStringLiteral("pdfq ") + pdf};
    QStringList details;
    if (!truth.title.isEmpty()) {
        const bool exact = normalizeForCompare(paper.title) == normalizeForCompare(truth.title);
        file.titles = 1;
        file.titlesExact = exact ? 1 : 0;
        line << QStringLiteral("title=%1").arg(file.titlesExact);
        if (!exact)
            details
                << QStringLiteral("title: got \"%1\", want \"%2\"").arg(paper.title, truth.title);
    }
    if (!truth.abstract.isEmpty()) {
        file.abstracts = 1;
        file.abstractF1 = tokenF1(abstractWithLabels(paper), truth.abstract);
        line << QStringLiteral("abstract_f1=%1").arg(fixed(file.abstractF1));
    }
    if (!truth.headings.isEmpty()) {
        QStringList missing;
        file.headingFiles = 1;
        file.headingRecall = headingRecall(truth.headings, paper.sections, &missing);
        const Precision precision = headingPrecision(truth, paper.sections);
        file.precisionFiles = 1;
        // No heading of ours to judge (none found, or only back matter): nothing
        // spurious was claimed, and recall already counts what is missing.
        file.headingPrecision =
            precision.counted > 0 ? double(precision.matched) / precision.counted : 1.0;
        line << QStringLiteral("heading_recall=%1").arg(fixed(file.headingRecall))
             << QStringLiteral("heading_precision=%1").arg(fixed(file.headingPrecision));
        if (!missing.isEmpty())
            details << QStringLiteral("missing headings: ") + missing.join(QStringLiteral(" | "));
        if (!precision.spurious.isEmpty())
            details << QStringLiteral("spurious headings: ") +
                           precision.spurious.join(QStringLiteral(" | "));
    }
    if (!g_pdftotext.isEmpty()) {
        QString error;
        const int reference = pdftotextWords(corpusPath(pdf), &error);
        QVERIFY2(reference >= 0, qPrintable(error));
        if (reference > 0) {
            file.bodyFiles = 1;
            file.bodyRatio = std::min(kBodyRatioCap, double(paper.wordCount()) / reference);
            line << QStringLiteral("body_words=%1").arg(fixed(file.bodyRatio, 2));
        }
    }
    if (truth.figuresKnown) {
        QHash<QString, QList<const Figure*>> ours; // label key → our figures of that label
        for (const Figure& figure : paper.figures)
            ours[figureLabelKey(figure.label)] << &figure;
        QSet<QString> expectedKeys;
        QStringList missing;
        QStringList badCrops;
        for (const TruthFigure& expected : truth.figures) {
            const QString key = figureLabelKey(expected.label);
            expectedKeys.insert(key);
            const QList<const Figure*> candidates = ours.value(key);
            const bool withImage =
                std::any_of(candidates.begin(), candidates.end(),
                            [](const Figure* figure) { return !figure->imageData.isEmpty(); });
            ++file.figuresExpected;
            file.figuresFound += withImage ? 1 : 0;
            if (!withImage)
                missing << expected.label;
            if (expected.region.isEmpty())
                continue;
            ++file.regions;
            double best = 0;
            for (const Figure* figure : candidates) {
                // A truth without a page is compared on the region alone.
                if (expected.page < 0 || figure->page == expected.page)
                    best = std::max(best, intersectionOverUnion(figure->region, expected.region));
            }
            file.regionsGood += best >= kIouGood ? 1 : 0;
            if (best < kIouGood)
                badCrops << QStringLiteral("%1 (iou %2)").arg(expected.label, fixed(best, 2));
        }
        QStringList extra;
        for (const Figure& figure : paper.figures) {
            if (!figure.imageData.isEmpty() && !expectedKeys.contains(figureLabelKey(figure.label)))
                extra << (figure.label.isEmpty() ? figure.id : figure.label);
        }
        line << QStringLiteral("figures=%1/%2").arg(file.figuresFound).arg(file.figuresExpected);
        if (file.regions > 0)
            line << QStringLiteral("iou=%1/%2").arg(file.regionsGood).arg(file.regions);
        if (!missing.isEmpty())
            line << QStringLiteral("missing=\"%1\"").arg(missing.join(QStringLiteral("; ")));
        if (!extra.isEmpty())
            details << QStringLiteral("figures not in the truth: ") +
                           extra.join(QStringLiteral("; "));
        if (!badCrops.isEmpty())
            details << QStringLiteral("crops below IoU %1: ").arg(kIouGood) +
                           badCrops.join(QStringLiteral("; "));
    }
    if (heldOut)
        line << QStringLiteral("held_out");
    reportScore(line.join(QLatin1Char(' ')));
    for (const QString& detail : details)
        qInfo().noquote() << "   " << detail;

    g_totals.all.add(file);
    (heldOut ? g_totals.heldOut : g_totals.tuned).add(file);

    // A page excerpt (docling's page 9) has no title to find; every paper does.
    if (!truth.title.isEmpty())
        QVERIFY2(!paper.title.trimmed().isEmpty(), "no title");
}

void TestPdfQuality::totals() {
    const Scores& all = g_totals.all;
    // Running only some rows (a developer's command line) reports without asserting;
    // CI always runs them all, so there a missing row is a failure, not a skip.
    const bool ci = qEnvironmentVariable("CI") == QLatin1String("true");
    if (all.files == 0) {
        if (ci)
            QFAIL("no file was scored (quality() did not run)");
        QSKIP("no file was scored (quality() did not run)");
    }
    reportTotals(QString(), all);
    reportTotals(QStringLiteral(" held-out"), g_totals.heldOut);
    reportTotals(QStringLiteral(" tuned"), g_totals.tuned);
    if (all.files < g_totals.rows) {
        if (ci)
            QFAIL("some rows did not run");
        QSKIP("some rows did not run: totals are reported, not asserted");
    }
    QCOMPARE(g_totals.heldOut.files, int(kHeldOut.size()));

    // Regression guards: what the importer measured at the end of issue 13's
    // work (24 files: 21 MANIFEST truths, 3 project-only JSON truths), minus a
    // margin of 0.03-0.05; the goals are in the header comment.
    // All failing metrics are listed at once, so one run shows the whole picture.
    QStringList below;
    const auto atLeast = [&below](const char* metric, double value, double floor) {
        if (value < floor)
            below << QStringLiteral("%1 %2 < %3")
                         .arg(QLatin1String(metric), fixed(value), fixed(floor));
    };
    atLeast("title share", Scores::mean(all.titlesExact, all.titles), 0.95); // 23/23
    atLeast("abstract F1", all.meanF1(), 0.95);                              // 0.992
    atLeast("heading recall", all.meanRecall(), 0.84);                       // 0.884
    atLeast("heading precision", all.meanPrecision(), 0.88);                 // 0.920
    atLeast("body words", all.meanBody(), 0.60);                             // 0.65
    atLeast("figure+table recall", all.figureRecall(), 0.92);                // 129/134
    if (all.regions > 0)
        atLeast("crop IoU share", all.iouShare(), 0.85); // 58/64
    QVERIFY2(below.isEmpty(), qPrintable(below.join(QStringLiteral("; "))));
}

QTEST_GUILESS_MAIN(TestPdfQuality)
#include "tst_pdf_quality.moc"
