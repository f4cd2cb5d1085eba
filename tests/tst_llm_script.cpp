// SPDX-License-Identifier: GPL-3.0-or-later
// What every LLM script writer asks and how its answers are checked: the prompt
// and its budget for long papers, the answer schemas, and the problems the parser
// finds in a script.
#include "PaperImporter.h"
#include "TestUtil.h"
#include "providers/LlmScriptParser.h"
#include "providers/LlmScriptRequest.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace hh;

namespace {

QByteArray dataFile(const QString& name) {
    const QString relative =
        name.contains(QLatin1Char('/')) ? name : QStringLiteral("llm_script/") + name;
    QFile file(hh::test::sourcePath(QStringLiteral("tests/data/") + relative));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(name));
    return file.readAll();
}

ScriptParams thirtySeconds() {
    ScriptParams params;
    params.targetSeconds = 30; // 75 words: the tiny paper cannot fill a minute
    return params;
}

} // namespace

class TestLlmScript : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    // The shared request and checks.
    void promptOffersTheTinyPaper();
    void promptStaysWithinBudgetForALongPaper();
    void schemasDescribeTheScene();
    void parserFindsProblems_data();
    void parserFindsProblems();

private:
    Paper m_paper;
};

void TestLlmScript::initTestCase() {
    const auto paper =
        importPaperFile(hh::test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml")));
    QVERIFY2(paper.ok(), qPrintable(paper.error().message));
    m_paper = paper.value();
    QStringList ids;
    for (const auto& s : m_paper.sentences())
        ids << s.id;
    QCOMPARE(ids, (QStringList{"abs0.s0", "abs0.s1", "sec0.p0.s0"}));
}

void TestLlmScript::promptOffersTheTinyPaper() {
    const LlmScriptRequest request(m_paper, thirtySeconds());
    const QString prompt = request.userPrompt();
    QVERIFY(prompt.contains(QStringLiteral("Title: Honeybees count to four")));
    QVERIFY(prompt.contains(QStringLiteral(
        "[abs0.s0] Trained honeybees chose the card with four dots in 86% of trials.")));
    QVERIFY(prompt.contains(QStringLiteral("[abs0.s1] Untrained bees chose at random.")));
    QVERIFY(prompt.contains(
        QStringLiteral("[sec0.p0.s0] We found that bees learned the task within 12 visits.")));
    QVERIFY(prompt.contains(QStringLiteral("30-second video: 3 to 5 scenes, about 75 words")));
    QVERIFY(prompt.contains(QStringLiteral("(none: use \"\" as figure_id)")));
    const QString system = request.systemInstruction();
    QVERIFY(system.contains(QStringLiteral("hook")));
    QVERIFY(
        system.contains(QStringLiteral("Every number in a narration or a headline must appear")));
    QVERIFY(system.contains(QStringLiteral("30 seconds at 150 words a minute")));
    QCOMPARE(request.targetWords(), 75);
}

// A long paper is cut to the budget: the whole abstract, then the telling body
// sentences, never acknowledgements or references, in the paper's order.
void TestLlmScript::promptStaysWithinBudgetForALongPaper() {
    const auto imported = importPaperFile(
        hh::test::corpusPath(QStringLiteral("pmc_jats/s2orc-doc2json_PMC7417471.nxml")));
    QVERIFY2(imported.ok(), qPrintable(imported.error().message));
    const Paper& paper = imported.value();
    const QList<Sentence> all = paper.sentences();
    int allChars = 0;
    for (const auto& s : all)
        allChars += int(s.text.size());

    for (int budget : {LlmScriptRequest::kDefaultSentenceChars, 6000}) {
        const LlmScriptRequest request(paper, {}, budget);
        const QList<Sentence> offered = request.sentences();
        int chars = 0;
        for (const auto& s : offered)
            chars += int(s.id.size() + s.text.size()) + 4;
        QVERIFY2(chars <= budget, qPrintable(QString::number(chars)));
        QVERIFY(chars > budget * 0.8); // the budget is used, not wasted
        QVERIFY(allChars > budget);

        QStringList offeredIds;
        for (const auto& s : offered)
            offeredIds << s.id;
        int lastIndex = -1;
        for (const auto& s : offered) {
            const auto at = std::find_if(all.cbegin(), all.cend(),
                                         [&s](const Sentence& x) { return x.id == s.id; });
            QVERIFY(at != all.cend());
            QVERIFY2(int(at - all.cbegin()) > lastIndex, "sentences out of the paper's order");
            lastIndex = int(at - all.cbegin());
            QVERIFY2(!s.where.startsWith(QLatin1String("Acknowledg")), qPrintable(s.where));
            QVERIFY(request.userPrompt().contains(QStringLiteral("[%1] ").arg(s.id)));
        }
        for (const auto& s : all) {
            if (s.id.startsWith(QLatin1String("abs")))
                QVERIFY2(offeredIds.contains(s.id), qPrintable(s.id));
        }
        hh::test::reportScore(QStringLiteral("llm prompt budget=%1 offered=%2/%3 sentences, "
                                             "%4 chars, ~%5 tokens in")
                                  .arg(budget)
                                  .arg(offered.size())
                                  .arg(all.size())
                                  .arg(chars)
                                  .arg(request.estimatedPromptTokens()));
    }
}

void TestLlmScript::schemasDescribeTheScene() {
    const LlmScriptRequest request(m_paper, {});
    const QStringList fields{"kind",     "source_ids", "narration",
                             "headline", "figure_id",  "visual_prompt"};

    const QJsonObject gemini = request.geminiSchema();
    QCOMPARE(gemini.value(QLatin1String("type")).toString(), QStringLiteral("OBJECT"));
    const QJsonObject geminiScenes = gemini.value(QLatin1String("properties"))
                                         .toObject()
                                         .value(QLatin1String("scenes"))
                                         .toObject();
    QCOMPARE(geminiScenes.value(QLatin1String("type")).toString(), QStringLiteral("ARRAY"));
    QCOMPARE(geminiScenes.value(QLatin1String("minItems")).toInt(), 5);
    QCOMPARE(geminiScenes.value(QLatin1String("maxItems")).toInt(), 8);
    const QJsonObject geminiScene = geminiScenes.value(QLatin1String("items")).toObject();
    QCOMPARE(geminiScene.value(QLatin1String("propertyOrdering")).toArray(),
             QJsonArray::fromStringList(fields));
    QCOMPARE(geminiScene.value(QLatin1String("required")).toArray(),
             QJsonArray::fromStringList(fields));
    QCOMPARE(geminiScene.value(QLatin1String("properties"))
                 .toObject()
                 .value(QLatin1String("kind"))
                 .toObject()
                 .value(QLatin1String("enum"))
                 .toArray(),
             (QJsonArray{"hook", "point", "figure", "closing"}));
    QVERIFY(!geminiScene.contains(QLatin1String("additionalProperties")));

    const QJsonObject json = request.jsonSchema();
    QCOMPARE(json.value(QLatin1String("type")).toString(), QStringLiteral("object"));
    QCOMPARE(json.value(QLatin1String("additionalProperties")).toBool(true), false);
    const QJsonObject jsonScene = json.value(QLatin1String("properties"))
                                      .toObject()
                                      .value(QLatin1String("scenes"))
                                      .toObject()
                                      .value(QLatin1String("items"))
                                      .toObject();
    QCOMPARE(jsonScene.value(QLatin1String("additionalProperties")).toBool(true), false);
    QCOMPARE(jsonScene.value(QLatin1String("required")).toArray(),
             QJsonArray::fromStringList(fields));
    QCOMPARE(jsonScene.value(QLatin1String("properties"))
                 .toObject()
                 .value(QLatin1String("source_ids"))
                 .toObject()
                 .value(QLatin1String("type"))
                 .toString(),
             QStringLiteral("array"));
}

void TestLlmScript::parserFindsProblems_data() {
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<QString>("parseError");   // substring; empty: parses
    QTest::addColumn<QStringList>("problems"); // substrings, in order

    const QByteArray good = dataFile(QStringLiteral("script-good.json"));
    QTest::newRow("good") << good << QString() << QStringList{};
    QTest::newRow("in a markdown fence with chatter")
        << QByteArray("Here you go:\n```json\n" + good + "\n```\n") << QString() << QStringList{};
    QTest::newRow("after a think block")
        << QByteArray("<think>{draft} maybe 90%?</think>\n" + good) << QString() << QStringList{};
    QTest::newRow("not JSON") << dataFile(QStringLiteral("answer-not-json.txt"))
                              << QStringLiteral("not valid JSON") << QStringList{};
    QTest::newRow("empty") << QByteArray("  \n") << QStringLiteral("the answer is empty")
                           << QStringList{};
    QTest::newRow("no scenes") << QByteArray("{\"language\": \"en\", \"scenes\": []}")
                               << QStringLiteral("no \"scenes\" list") << QStringList{};
    QTest::newRow("scene without narration")
        << QByteArray("{\"scenes\": [{\"kind\": \"hook\", \"narration\": \" \"}]}")
        << QStringLiteral("scene 1 has no narration") << QStringList{};
    QTest::newRow("invented number")
        << dataFile(QStringLiteral("script-invented-number.json")) << QString()
        << QStringList{"scene 3 says 10, which its sources do not state"};
    QTest::newRow("unknown sentence")
        << dataFile(QStringLiteral("script-unknown-source.json")) << QString()
        << QStringList{"scene 2 cites sec4.p0.s0, which is not a sentence of the paper"};
    QTest::newRow("too short") << dataFile(QStringLiteral("script-too-short.json")) << QString()
                               << QStringList{"the script has 18 words; a 30-second video needs 56 "
                                              "to 94 (about 75)"};
    QByteArray unknownFigure = good;
    unknownFigure.replace("\"figure_id\": \"\"", "\"figure_id\": \"fig7\"");
    QTest::newRow("unknown figure")
        << unknownFigure << QString()
        << QStringList{"scene 1 shows figure fig7", "scene 2 shows figure fig7",
                       "scene 3 shows figure fig7", "scene 4 shows figure fig7"};
}

void TestLlmScript::parserFindsProblems() {
    QFETCH(QByteArray, answer);
    QFETCH(QString, parseError);
    QFETCH(QStringList, problems);
    const LlmScriptParser parser(m_paper, thirtySeconds());
    const auto script = parser.parse(QString::fromUtf8(answer));
    if (!parseError.isEmpty()) {
        QVERIFY(!script.ok());
        QCOMPARE(script.error().code(), QStringLiteral("provider"));
        QVERIFY2(script.error().message.contains(parseError), qPrintable(script.error().message));
        return;
    }
    QVERIFY2(script.ok(), qPrintable(script.error().message));
    QCOMPARE(script->scenes.size(), 4);
    // "[sec0.p0.s0]" as copied from the prompt's list is read as the bare ID.
    QCOMPARE(script->scenes.at(2).sources, QStringList{"sec0.p0.s0"});
    QCOMPARE(script->title, m_paper.title);
    QCOMPARE(script->targetSeconds, 30);
    const auto found = parser.problems(script.value());
    QStringList messages;
    for (const auto& issue : found)
        messages << issue.message;
    QCOMPARE(found.size(), problems.size());
    for (int i = 0; i < problems.size(); ++i)
        QVERIFY2(messages.at(i).startsWith(problems.at(i)), qPrintable(messages.join(" | ")));
}

QTEST_GUILESS_MAIN(TestLlmScript)
#include "tst_llm_script.moc"
