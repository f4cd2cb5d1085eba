// SPDX-License-Identifier: GPL-3.0-or-later
// The LLM script writers (Gemini and OpenAI-compatible servers) against a fake
// server on 127.0.0.1: the exact requests they send, the corrective turn when a
// script states what its sources do not, flags when it still does, and the typed
// errors a user sees when the service refuses, blocks, limits or breaks.
#include "FakeClock.h"
#include "FakeHttpServer.h"
#include "PaperImporter.h"
#include "ProviderFakes.h"
#include "TestUtil.h"
#include "providers/GeminiScriptWriter.h"
#include "providers/KeyCheck.h"
#include "providers/LlmScriptParser.h"
#include "providers/LlmScriptRequest.h"
#include "providers/OpenAiScriptWriter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpServer>
#include <QtTest>

using namespace hh;
using hh::test::FakeClock;
using hh::test::FakeHttpServer;
using hh::test::FakeReply;
using hh::test::FakeRequest;
using hh::test::geminiReplyEnvelope;

namespace {

const QString kGeminiKey = QStringLiteral("AIza-test-key-never-shown");
const QString kOpenAiKey = QStringLiteral("sk-local-test-key");

// A file of tests/data/llm_script, or of tests/data when the name has a folder.
QByteArray dataFile(const QString& name) {
    return hh::test::testData(
        name.contains(QLatin1Char('/')) ? name : QStringLiteral("llm_script/") + name);
}

FakeReply gemini(const QString& scriptFile, const QString& finish = QStringLiteral("STOP")) {
    return FakeReply::json(200, geminiReplyEnvelope(dataFile(scriptFile), finish));
}

// The same for an OpenAI-compatible chat completion.
QByteArray openAiEnvelope(const QByteArray& content, const QString& finish = QStringLiteral("stop"),
                          int promptTokens = 800, int completionTokens = 250) {
    const QJsonObject root{
        {QStringLiteral("id"), QStringLiteral("chatcmpl-1")},
        {QStringLiteral("object"), QStringLiteral("chat.completion")},
        {QStringLiteral("model"), QStringLiteral("llama3.1")},
        {QStringLiteral("choices"),
         QJsonArray{
             QJsonObject{{QStringLiteral("index"), 0},
                         {QStringLiteral("message"),
                          QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                      {QStringLiteral("content"), QString::fromUtf8(content)}}},
                         {QStringLiteral("finish_reason"), finish}}}},
        {QStringLiteral("usage"),
         QJsonObject{{QStringLiteral("prompt_tokens"), promptTokens},
                     {QStringLiteral("completion_tokens"), completionTokens},
                     {QStringLiteral("total_tokens"), promptTokens + completionTokens}}}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

FakeReply openAi(const QString& scriptFile, const QString& finish = QStringLiteral("stop")) {
    return FakeReply::json(200, openAiEnvelope(dataFile(scriptFile), finish));
}

// Books what the providers report, and can play an account over its spending limit.
class RecordingUsage final : public UsageSink {
public:
    void record(const UsageDelta& usage) override { deltas.append(usage); }
    Error checkBudget(ProviderId provider, double plannedUsd) override {
        budgetAsks.append({provider, plannedUsd});
        if (overLimit)
            return {ErrorType::Quota, QStringLiteral("this month's Gemini limit of $5 is reached")};
        return {};
    }
    qint64 sum(qint64 UsageDelta::*field, ProviderId provider) const {
        qint64 total = 0;
        for (const auto& d : deltas)
            total += d.provider == provider ? d.*field : 0;
        return total;
    }
    int sum(int UsageDelta::*field, ProviderId provider) const {
        int total = 0;
        for (const auto& d : deltas)
            total += d.provider == provider ? d.*field : 0;
        return total;
    }

    QList<UsageDelta> deltas;
    QList<std::pair<ProviderId, double>> budgetAsks;
    bool overLimit = false;
};

// A fake server, a fake clock and a session pointed at them.
struct Rig {
    FakeHttpServer server;
    std::shared_ptr<FakeClock> clock = std::make_shared<FakeClock>();
    std::shared_ptr<MemorySecrets> secrets = std::make_shared<MemorySecrets>();
    RecordingUsage usage;
    std::shared_ptr<ProviderHub> hub;
    std::unique_ptr<ProviderSession> session;

    explicit Rig(const QString& geminiKey = kGeminiKey) {
        ProviderConfig config;
        config.geminiBase = server.url();
        config.openAiBase = server.url().resolved(QUrl(QStringLiteral("/v1")));
        secrets->setSecret(ProviderId::Gemini, geminiKey);
        hub = std::make_shared<ProviderHub>(config, secrets, clock);
        hub->setRandom([] { return 0.5; }); // backoff waits of 500, 1000, 2000 ms
        session = std::make_unique<ProviderSession>(hub, &usage);
    }
    void enqueue(const QList<FakeReply>& replies) {
        for (const auto& reply : replies)
            server.enqueue(reply);
    }
};

ScriptParams thirtySeconds() {
    ScriptParams params;
    params.targetSeconds = 30; // 75 words: the tiny paper cannot fill a minute
    return params;
}

QStringList issuesOf(const Script& script) {
    QStringList all = script.issues;
    for (const auto& scene : script.scenes)
        all += scene.issues;
    return all;
}

QList<int> sceneIndexesWithIssues(const Script& script) {
    QList<int> out;
    for (int i = 0; i < script.scenes.size(); ++i) {
        if (!script.scenes[i].issues.isEmpty())
            out << i;
    }
    return out;
}

// The text a Gemini envelope carries (the model's answer).
QString modelTextOf(const QByteArray& envelope) {
    const QJsonValue root = QJsonDocument::fromJson(envelope).object();
    return root[QLatin1String("candidates")][0][QLatin1String("content")][QLatin1String("parts")][0]
               [QLatin1String("text")]
                   .toString();
}

QJsonArray contentsOf(const FakeRequest& request) {
    return request.json().value(QLatin1String("contents")).toArray();
}

QString turnText(const QJsonArray& contents, int i) {
    return contents.at(i)
        .toObject()
        .value(QLatin1String("parts"))
        .toArray()
        .at(0)
        .toObject()
        .value(QLatin1String("text"))
        .toString();
}

} // namespace

Q_DECLARE_METATYPE(FakeReply)
Q_DECLARE_METATYPE(QList<FakeReply>)

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

    // Gemini.
    void geminiHappyPath();
    void geminiCorrectiveTurn_data();
    void geminiCorrectiveTurn();
    void geminiFailures_data();
    void geminiFailures();
    void geminiMissingKeySendsNothing();
    void geminiSpendingLimitSendsNothing();
    void cancelledBeforeAskingSendsNothing();
    void geminiCheckKey_data();
    void geminiCheckKey();

    // OpenAI-compatible servers.
    void openAiHappyPath_data();
    void openAiHappyPath();
    void openAiCorrectiveTurnUsesAssistantRole();
    void openAiFailures_data();
    void openAiFailures();
    void openAiUnreachableServerSaysWhere();
    void openAiCheckKey_data();
    void openAiCheckKey();

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

void TestLlmScript::geminiHappyPath() {
    Rig rig;
    rig.server.enqueue(
        FakeReply::json(200, geminiReplyEnvelope(dataFile(QStringLiteral("script-good.json")),
                                                 QStringLiteral("STOP"), {1234, 321, 55})));
    QList<double> progress;
    StepControl control;
    control.progress = [&progress](double fraction, const QString&) { progress << fraction; };
    const auto script = GeminiScriptWriter(*rig.session).write(m_paper, thirtySeconds(), control);
    QVERIFY2(script.ok(), qPrintable(script.error().message));

    // The request, exactly.
    const auto requests = rig.server.requests();
    QCOMPARE(requests.size(), 1);
    const FakeRequest& sent = requests.first();
    QCOMPARE(sent.method, QByteArray("POST"));
    QCOMPARE(sent.path, QByteArray("/v1beta/models/gemini-2.5-flash:generateContent"));
    QVERIFY(sent.query.isEmpty()); // the key never goes in the URL
    QCOMPARE(sent.header("x-goog-api-key"), kGeminiKey.toUtf8());
    QCOMPARE(sent.header("content-type"), QByteArray("application/json"));
    QVERIFY(sent.header("authorization").isEmpty());
    const LlmScriptRequest expected(m_paper, thirtySeconds());
    const QJsonObject body = sent.json();
    const QJsonObject config = body.value(QLatin1String("generationConfig")).toObject();
    QCOMPARE(config.value(QLatin1String("responseMimeType")).toString(),
             QStringLiteral("application/json"));
    QCOMPARE(config.value(QLatin1String("responseSchema")).toObject(), expected.geminiSchema());
    QCOMPARE(body.value(QLatin1String("systemInstruction"))
                 .toObject()
                 .value(QLatin1String("parts"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QLatin1String("text"))
                 .toString(),
             expected.systemInstruction());
    const QJsonArray contents = contentsOf(sent);
    QCOMPARE(contents.size(), 1);
    QCOMPARE(contents.at(0).toObject().value(QLatin1String("role")).toString(),
             QStringLiteral("user"));
    QCOMPARE(turnText(contents, 0), expected.userPrompt());
    for (const char* id : {"[abs0.s0]", "[abs0.s1]", "[sec0.p0.s0]"})
        QVERIFY(turnText(contents, 0).contains(QLatin1String(id)));

    // The script, mapped onto the model.
    QCOMPARE(script->scenes.size(), 4);
    const Scene& hook = script->scenes.first();
    QCOMPARE(hook.kind, QStringLiteral("hook"));
    QCOMPARE(hook.sources, QStringList{"abs0.s0"});
    QCOMPARE(hook.headline, QStringLiteral("86%"));
    QVERIFY(hook.narration.contains(QStringLiteral("86 percent of trials")));
    QVERIFY(hook.visualPrompt.startsWith(QStringLiteral("Macro shot of a honeybee")));
    QVERIFY(hook.figure.isEmpty());
    QCOMPARE(script->scenes.last().kind, QStringLiteral("closing"));
    QCOMPARE(script->scenes.last().sources, (QStringList{"abs0.s0", "sec0.p0.s0"}));
    QCOMPARE(script->language, QStringLiteral("en"));
    QVERIFY(issuesOf(script.value()).isEmpty());
    QVERIFY(validateScript(script.value(), m_paper).isEmpty());
    QCOMPARE(progress.last(), 1.0);

    // Usage: one call, prompt tokens in, answer and thinking tokens out.
    QCOMPARE(rig.usage.sum(&UsageDelta::calls, ProviderId::Gemini), 1);
    QCOMPARE(rig.usage.sum(&UsageDelta::errors, ProviderId::Gemini), 0);
    QCOMPARE(rig.usage.sum(&UsageDelta::tokensIn, ProviderId::Gemini), qint64(1234));
    QCOMPARE(rig.usage.sum(&UsageDelta::tokensOut, ProviderId::Gemini), qint64(321 + 55));
    // The spending check came first, with a positive estimate.
    QCOMPARE(rig.usage.budgetAsks.size(), 1);
    QCOMPARE(rig.usage.budgetAsks.first().first, ProviderId::Gemini);
    QVERIFY(rig.usage.budgetAsks.first().second > 0);
}

void TestLlmScript::geminiCorrectiveTurn_data() {
    QTest::addColumn<QList<FakeReply>>("replies");
    QTest::addColumn<QString>("errorType");  // empty: a script comes back
    QTest::addColumn<QString>("correction"); // what the second request tells the model
    QTest::addColumn<QList<int>>("flaggedScenes");
    QTest::addColumn<QString>("flag"); // substring of the flags

    const FakeReply good = gemini(QStringLiteral("script-good.json"));
    const FakeReply invented = gemini(QStringLiteral("script-invented-number.json"));
    const FakeReply unknown = gemini(QStringLiteral("script-unknown-source.json"));
    const FakeReply garbage = gemini(QStringLiteral("answer-not-json.txt"));
    const FakeReply cutOff = FakeReply::json(
        200, geminiReplyEnvelope(dataFile(QStringLiteral("script-good.json")).left(300),
                                 QStringLiteral("MAX_TOKENS")));
    const QString inventedProblem =
        QStringLiteral("scene 3 says 10, which its sources do not state");
    const QString unknownProblem =
        QStringLiteral("scene 2 cites sec4.p0.s0, which is not a sentence of the paper");

    QTest::newRow("unsupported number, fixed") << QList<FakeReply>{invented, good} << QString()
                                               << inventedProblem << QList<int>{} << QString();
    QTest::newRow("unsupported number twice: flagged")
        << QList<FakeReply>{invented, invented} << QString() << inventedProblem << QList<int>{2}
        << inventedProblem;
    QTest::newRow("unknown sentence ID, fixed") << QList<FakeReply>{unknown, good} << QString()
                                                << unknownProblem << QList<int>{} << QString();
    QTest::newRow("unknown sentence ID twice: flagged and dropped")
        << QList<FakeReply>{unknown, unknown} << QString() << unknownProblem << QList<int>{1}
        << unknownProblem;
    QTest::newRow("too short, fixed")
        << QList<FakeReply>{gemini(QStringLiteral("script-too-short.json")), good} << QString()
        << QStringLiteral("the script has 18 words; a 30-second video needs 56 to 94 (about 75)")
        << QList<int>{} << QString();
    QTest::newRow("not JSON, fixed")
        << QList<FakeReply>{garbage, good} << QString()
        << QStringLiteral("the answer is not valid JSON") << QList<int>{} << QString();
    QTest::newRow("not JSON twice: provider error")
        << QList<FakeReply>{garbage, garbage} << QStringLiteral("provider")
        << QStringLiteral("the answer is not valid JSON") << QList<int>{} << QString();
    QTest::newRow("readable, then garbage: the first is kept, flagged")
        << QList<FakeReply>{invented, garbage} << QString() << inventedProblem << QList<int>{2}
        << inventedProblem;
    QTest::newRow("cut off at MAX_TOKENS, then complete")
        << QList<FakeReply>{cutOff, good} << QString()
        << QStringLiteral("your answer was cut off at the output limit") << QList<int>{}
        << QString();
    QTest::newRow("cut off twice: provider error")
        << QList<FakeReply>{cutOff, cutOff} << QStringLiteral("provider")
        << QStringLiteral("your answer was cut off at the output limit") << QList<int>{}
        << QString();
}

// One corrective turn in the same conversation, listing the exact problems; what
// is still wrong after it is flagged on its scene, never published unmarked.
void TestLlmScript::geminiCorrectiveTurn() {
    QFETCH(QList<FakeReply>, replies);
    QFETCH(QString, errorType);
    QFETCH(QString, correction);
    QFETCH(QList<int>, flaggedScenes);
    QFETCH(QString, flag);

    Rig rig;
    rig.enqueue(replies);
    const auto script = GeminiScriptWriter(*rig.session).write(m_paper, thirtySeconds(), {});

    const auto requests = rig.server.requests();
    QCOMPARE(requests.size(), 2); // exactly one corrective turn
    const QJsonArray first = contentsOf(requests.at(0));
    const QJsonArray second = contentsOf(requests.at(1));
    QCOMPARE(first.size(), 1);
    QCOMPARE(second.size(), 3);
    QCOMPARE(turnText(second, 0), turnText(first, 0));
    QCOMPARE(second.at(1).toObject().value(QLatin1String("role")).toString(),
             QStringLiteral("model"));
    // The model sees its own answer, then the problems.
    QCOMPARE(turnText(second, 1), modelTextOf(replies.at(0).body));
    QCOMPARE(second.at(2).toObject().value(QLatin1String("role")).toString(),
             QStringLiteral("user"));
    QVERIFY2(turnText(second, 2).contains(QStringLiteral("- ") + correction),
             qPrintable(turnText(second, 2)));
    QVERIFY(turnText(second, 2).startsWith(QStringLiteral("Your script cannot be used yet.")));

    if (!errorType.isEmpty()) {
        QVERIFY(!script.ok());
        QCOMPARE(script.error().code(), errorType);
        QVERIFY(script.error().message.contains(QStringLiteral("built-in script writer")));
        return;
    }
    QVERIFY2(script.ok(), qPrintable(script.error().message));
    QCOMPARE(sceneIndexesWithIssues(script.value()), flaggedScenes);
    if (flag.isEmpty()) {
        QVERIFY(issuesOf(script.value()).isEmpty());
        return;
    }
    QVERIFY2(issuesOf(script.value()).join(QLatin1Char('|')).contains(flag),
             qPrintable(issuesOf(script.value()).join(QLatin1Char('|'))));
    // A flagged script round-trips through script.json with its flags.
    const auto back = Script::fromJson(script->toJson());
    QVERIFY(back.ok());
    QCOMPARE(back->scenes, script->scenes);
    // An ID the paper lacks is not left for later steps to trip over.
    for (const auto& scene : script->scenes)
        QVERIFY(!scene.sources.contains(QStringLiteral("sec4.p0.s0")));
}

void TestLlmScript::geminiFailures_data() {
    QTest::addColumn<QList<FakeReply>>("replies");
    QTest::addColumn<QString>("errorType"); // empty: success
    QTest::addColumn<int>("requests");
    QTest::addColumn<QList<qint64>>("sleeps");
    QTest::addColumn<QString>("message"); // substring

    const FakeReply good = gemini(QStringLiteral("script-good.json"));
    QTest::newRow("prompt blocked")
        << QList<FakeReply>{FakeReply::json(200,
                                            dataFile(QStringLiteral("gemini-prompt-blocked.json")))}
        << QStringLiteral("content_blocked") << 1 << QList<qint64>{}
        << QStringLiteral("blocked the request (PROHIBITED_CONTENT: The prompt was blocked.)");
    QTest::newRow("finish SAFETY")
        << QList<FakeReply>{FakeReply::json(200,
                                            dataFile(QStringLiteral("gemini-finish-safety.json")))}
        << QStringLiteral("content_blocked") << 1 << QList<qint64>{} << QStringLiteral("(SAFETY)");
    QTest::newRow("finish PROHIBITED_CONTENT")
        << QList<FakeReply>{FakeReply::json(
               200, dataFile(QStringLiteral("gemini-finish-prohibited.json")))}
        << QStringLiteral("content_blocked") << 1 << QList<qint64>{}
        << QStringLiteral("(PROHIBITED_CONTENT)");
    QTest::newRow("HTTP 200 with a body that is not JSON")
        << QList<FakeReply>{FakeReply::bytes(200, "text/html",
                                             dataFile(QStringLiteral("not-json.html")))}
        << QStringLiteral("provider") << 1 << QList<qint64>{}
        << QStringLiteral("Gemini sent an answer Hidden Hill cannot read");
    QTest::newRow("429 RetryInfo 1.5s, then a script")
        << QList<FakeReply>{FakeReply::json(
                                429, dataFile(QStringLiteral("http/gemini-429-retryinfo.json"))),
                            good}
        << QString() << 2 << QList<qint64>{1500} << QString();
    QTest::newRow("500, 503, then a script")
        << QList<FakeReply>{FakeReply::json(500, "{}"),
                            FakeReply::json(503, dataFile(QStringLiteral("http/gemini-503.json"))),
                            good}
        << QString() << 3 << QList<qint64>{500, 1000} << QString();
    QTest::newRow("503 until it gives up")
        << QList<FakeReply>{FakeReply::json(503, dataFile(QStringLiteral("http/gemini-503.json"))),
                            FakeReply::json(503, dataFile(QStringLiteral("http/gemini-503.json"))),
                            FakeReply::json(503, dataFile(QStringLiteral("http/gemini-503.json"))),
                            FakeReply::json(503, dataFile(QStringLiteral("http/gemini-503.json")))}
        << QStringLiteral("provider") << 4 << QList<qint64>{500, 1000, 2000}
        << QStringLiteral("gave up after 4 attempts");
    QTest::newRow("400 API_KEY_INVALID")
        << QList<FakeReply>{FakeReply::json(
                                400, dataFile(QStringLiteral("http/gemini-400-badkey.json"))),
                            good}
        << QStringLiteral("auth") << 1 << QList<qint64>{}
        << QStringLiteral("Add a valid Gemini key in Settings → Providers");
    QTest::newRow("400 with an empty error list")
        << QList<FakeReply>{FakeReply::json(400, "[]")} << QStringLiteral("provider") << 1
        << QList<qint64>{} << QStringLiteral("Gemini refused the request (HTTP 400)");
    QTest::newRow("daily quota")
        << QList<FakeReply>{FakeReply::json(
                                429, dataFile(QStringLiteral("http/gemini-429-perday.json"))),
                            good}
        << QStringLiteral("quota") << 1 << QList<qint64>{} << QStringLiteral("daily quota");
    QTest::newRow("unknown model")
        << QList<FakeReply>{FakeReply::json(404, dataFile(QStringLiteral("gemini-404-model.json")))}
        << QStringLiteral("not_found") << 1 << QList<qint64>{}
        << QStringLiteral("set HH_GEMINI_MODEL");
}

void TestLlmScript::geminiFailures() {
    QFETCH(QList<FakeReply>, replies);
    QFETCH(QString, errorType);
    QFETCH(int, requests);
    QFETCH(QList<qint64>, sleeps);
    QFETCH(QString, message);

    Rig rig;
    rig.enqueue(replies);
    const auto script = GeminiScriptWriter(*rig.session).write(m_paper, thirtySeconds(), {});
    QCOMPARE(rig.server.requestCount(), requests);
    QCOMPARE(rig.clock->sleeps(), sleeps);
    QCOMPARE(rig.usage.sum(&UsageDelta::calls, ProviderId::Gemini), requests);
    if (errorType.isEmpty()) {
        QVERIFY2(script.ok(), qPrintable(script.error().message));
        QCOMPARE(script->scenes.size(), 4);
        QCOMPARE(rig.usage.sum(&UsageDelta::errors, ProviderId::Gemini), requests - 1);
        return;
    }
    QVERIFY(!script.ok());
    QCOMPARE(script.error().code(), errorType);
    QVERIFY2(script.error().message.contains(message), qPrintable(script.error().message));
    QVERIFY(!script.error().message.contains(kGeminiKey));
}

void TestLlmScript::geminiMissingKeySendsNothing() {
    Rig rig(QString{});
    rig.server.enqueue(gemini(QStringLiteral("script-good.json")));
    const auto script = GeminiScriptWriter(*rig.session).write(m_paper, thirtySeconds(), {});
    QVERIFY(!script.ok());
    QCOMPARE(script.error().code(), QStringLiteral("auth"));
    QCOMPARE(script.error().message,
             QStringLiteral("Add your Gemini key in Settings → Providers (or set GEMINI_API_KEY)"));
    const KeyCheckResult check =
        checkProviderKey(*rig.session, ProviderId::Gemini, rig.secrets->secret(ProviderId::Gemini));
    QCOMPARE(check.error.code(), QStringLiteral("auth"));
    QCOMPARE(rig.server.requestCount(), 0);
    QVERIFY(rig.usage.deltas.isEmpty());
}

void TestLlmScript::geminiSpendingLimitSendsNothing() {
    Rig rig;
    rig.usage.overLimit = true;
    rig.server.enqueue(gemini(QStringLiteral("script-good.json")));
    const auto script = GeminiScriptWriter(*rig.session).write(m_paper, thirtySeconds(), {});
    QVERIFY(!script.ok());
    QCOMPARE(script.error().code(), QStringLiteral("quota"));
    QCOMPARE(rig.server.requestCount(), 0);
}

void TestLlmScript::cancelledBeforeAskingSendsNothing() {
    Rig rig;
    rig.server.enqueue(gemini(QStringLiteral("script-good.json")));
    std::atomic_bool cancel{true};
    StepControl control;
    control.cancel = &cancel;
    const auto gemini = GeminiScriptWriter(*rig.session).write(m_paper, thirtySeconds(), control);
    QCOMPARE(gemini.error().code(), QStringLiteral("cancelled"));
    const auto local = OpenAiScriptWriter(*rig.session).write(m_paper, thirtySeconds(), control);
    QCOMPARE(local.error().code(), QStringLiteral("cancelled"));
    QCOMPARE(rig.server.requestCount(), 0);
}

void TestLlmScript::geminiCheckKey_data() {
    QTest::addColumn<FakeReply>("reply");
    QTest::addColumn<QString>("errorType");
    QTest::newRow("key and model fine")
        << FakeReply::json(200, dataFile(QStringLiteral("gemini-model.json"))) << QString();
    QTest::newRow("bad key") << FakeReply::json(
                                    400, dataFile(QStringLiteral("http/gemini-400-badkey.json")))
                             << QStringLiteral("auth");
    QTest::newRow("unknown model")
        << FakeReply::json(404, dataFile(QStringLiteral("gemini-404-model.json")))
        << QStringLiteral("not_found");
}

void TestLlmScript::geminiCheckKey() {
    QFETCH(FakeReply, reply);
    QFETCH(QString, errorType);
    Rig rig;
    rig.server.enqueue(reply);
    const Error error = checkProviderKey(*rig.session, ProviderId::Gemini, kGeminiKey).error;
    QCOMPARE(error.code(), errorType);
    const auto requests = rig.server.requests();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().method, QByteArray("GET"));
    QCOMPARE(requests.first().path, QByteArray("/v1beta/models/gemini-2.5-flash"));
    QCOMPARE(requests.first().header("x-goog-api-key"), kGeminiKey.toUtf8());
    QVERIFY(requests.first().body.isEmpty());
}

void TestLlmScript::openAiHappyPath_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QByteArray>("authorization");
    QTest::newRow("local server, no key") << QString() << QByteArray();
    QTest::newRow("with a key") << kOpenAiKey << QByteArray("Bearer " + kOpenAiKey.toUtf8());
}

void TestLlmScript::openAiHappyPath() {
    QFETCH(QString, key);
    QFETCH(QByteArray, authorization);
    Rig rig(QString{}); // no Gemini key: the OpenAI writer does not need one
    rig.secrets->setSecret(ProviderId::OpenAi, key);
    rig.server.enqueue(openAi(QStringLiteral("script-good.json")));
    const auto script = OpenAiScriptWriter(*rig.session).write(m_paper, thirtySeconds(), {});
    QVERIFY2(script.ok(), qPrintable(script.error().message));
    QCOMPARE(script->scenes.size(), 4);
    QVERIFY(issuesOf(script.value()).isEmpty());

    const auto requests = rig.server.requests();
    QCOMPARE(requests.size(), 1);
    const FakeRequest& sent = requests.first();
    QCOMPARE(sent.method, QByteArray("POST"));
    QCOMPARE(sent.path, QByteArray("/v1/chat/completions"));
    QCOMPARE(sent.header("authorization"), authorization);
    QVERIFY(sent.header("x-goog-api-key").isEmpty());
    QCOMPARE(sent.header("content-type"), QByteArray("application/json"));
    const QJsonObject body = sent.json();
    QCOMPARE(body.value(QLatin1String("model")).toString(), QStringLiteral("llama3.1"));
    QCOMPARE(body.value(QLatin1String("stream")).toBool(true), false);
    const QJsonObject format = body.value(QLatin1String("response_format")).toObject();
    QCOMPARE(format.value(QLatin1String("type")).toString(), QStringLiteral("json_schema"));
    const QJsonObject schema = format.value(QLatin1String("json_schema")).toObject();
    QCOMPARE(schema.value(QLatin1String("name")).toString(), QStringLiteral("video_script"));
    QCOMPARE(schema.value(QLatin1String("strict")).toBool(), true);
    QCOMPARE(schema.value(QLatin1String("schema")).toObject(),
             LlmScriptRequest(m_paper, thirtySeconds()).jsonSchema());
    const QJsonArray messages = body.value(QLatin1String("messages")).toArray();
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(0).toObject().value(QLatin1String("role")).toString(),
             QStringLiteral("system"));
    QCOMPARE(messages.at(1).toObject().value(QLatin1String("role")).toString(),
             QStringLiteral("user"));
    const QString prompt = messages.at(1).toObject().value(QLatin1String("content")).toString();
    for (const char* id : {"[abs0.s0]", "[abs0.s1]", "[sec0.p0.s0]"})
        QVERIFY(prompt.contains(QLatin1String(id)));

    QCOMPARE(rig.usage.sum(&UsageDelta::calls, ProviderId::OpenAi), 1);
    QCOMPARE(rig.usage.sum(&UsageDelta::tokensIn, ProviderId::OpenAi), qint64(800));
    QCOMPARE(rig.usage.sum(&UsageDelta::tokensOut, ProviderId::OpenAi), qint64(250));
    QVERIFY(rig.usage.budgetAsks.isEmpty()); // a local model costs nothing
}

void TestLlmScript::openAiCorrectiveTurnUsesAssistantRole() {
    Rig rig;
    rig.enqueue({openAi(QStringLiteral("script-invented-number.json")),
                 openAi(QStringLiteral("script-good.json"))});
    const auto script = OpenAiScriptWriter(*rig.session).write(m_paper, thirtySeconds(), {});
    QVERIFY2(script.ok(), qPrintable(script.error().message));
    QVERIFY(issuesOf(script.value()).isEmpty());
    const auto requests = rig.server.requests();
    QCOMPARE(requests.size(), 2);
    const QJsonArray messages = requests.at(1).json().value(QLatin1String("messages")).toArray();
    QStringList roles;
    for (const auto& m : messages)
        roles << m.toObject().value(QLatin1String("role")).toString();
    QCOMPARE(roles, (QStringList{"system", "user", "assistant", "user"}));
    QCOMPARE(messages.at(2).toObject().value(QLatin1String("content")).toString(),
             QString::fromUtf8(dataFile(QStringLiteral("script-invented-number.json"))));
    QCOMPARE(messages.at(3).toObject().value(QLatin1String("content")).toString(),
             LlmScriptRequest::correctionPrompt(
                 {QStringLiteral("scene 3 says 10, which its sources do not state")}));
    QCOMPARE(rig.usage.sum(&UsageDelta::tokensIn, ProviderId::OpenAi), qint64(1600));
}

void TestLlmScript::openAiFailures_data() {
    QTest::addColumn<QList<FakeReply>>("replies");
    QTest::addColumn<QString>("errorType"); // empty: success
    QTest::addColumn<int>("requests");
    QTest::addColumn<QString>("message");

    const FakeReply good = openAi(QStringLiteral("script-good.json"));
    QTest::newRow("401 invalid key")
        << QList<FakeReply>{FakeReply::json(401, dataFile(QStringLiteral("openai-401.json")))}
        << QStringLiteral("auth") << 1 << QStringLiteral("OPENAI_API_KEY");
    QTest::newRow("401 echoing the key: the key is not shown")
        << QList<FakeReply>{FakeReply::json(401, dataFile(QStringLiteral("openai-401-echo.json")))}
        << QStringLiteral("auth") << 1 << QStringLiteral("Invalid API key: [key] is not a key");
    QTest::newRow("Ollama: model not pulled")
        << QList<FakeReply>{FakeReply::json(404, dataFile(QStringLiteral("ollama-404-model.json")))}
        << QStringLiteral("not_found") << 1 << QStringLiteral("ollama pull llama3.1");
    QTest::newRow("llama.cpp: context too small")
        << QList<FakeReply>{FakeReply::json(400,
                                            dataFile(QStringLiteral("llamacpp-400-context.json")))}
        << QStringLiteral("provider") << 1 << QStringLiteral("exceeds the available context size");
    QTest::newRow("500, then a script")
        << QList<FakeReply>{FakeReply::json(500, "{\"error\":\"model crashed\"}"), good}
        << QString() << 2 << QString();
    QTest::newRow("refusal") << QList<FakeReply>{FakeReply::json(
                                    200, dataFile(QStringLiteral("openai-refusal.json")))}
                             << QStringLiteral("content_blocked") << 1
                             << QStringLiteral("I can't help with that request.");
    QTest::newRow("content filter")
        << QList<FakeReply>{FakeReply::json(
               200, openAiEnvelope(QByteArray(), QStringLiteral("content_filter")))}
        << QStringLiteral("content_blocked") << 1 << QStringLiteral("content filter");
    const FakeReply cutOff =
        FakeReply::json(200, openAiEnvelope(dataFile(QStringLiteral("script-good.json")).left(250),
                                            QStringLiteral("length")));
    QTest::newRow("cut off twice") << QList<FakeReply>{cutOff, cutOff} << QStringLiteral("provider")
                                   << 2 << QStringLiteral("cut off at its output limit twice");
    QTest::newRow("not an OpenAI server")
        << QList<FakeReply>{FakeReply::bytes(200, "text/html",
                                             dataFile(QStringLiteral("not-json.html")))}
        << QStringLiteral("provider") << 1 << QStringLiteral("ending in /v1");
}

void TestLlmScript::openAiFailures() {
    QFETCH(QList<FakeReply>, replies);
    QFETCH(QString, errorType);
    QFETCH(int, requests);
    QFETCH(QString, message);
    Rig rig;
    rig.secrets->setSecret(ProviderId::OpenAi, kOpenAiKey);
    rig.enqueue(replies);
    const auto script = OpenAiScriptWriter(*rig.session).write(m_paper, thirtySeconds(), {});
    QCOMPARE(rig.server.requestCount(), requests);
    if (errorType.isEmpty()) {
        QVERIFY2(script.ok(), qPrintable(script.error().message));
        return;
    }
    QVERIFY(!script.ok());
    QCOMPARE(script.error().code(), errorType);
    QVERIFY2(script.error().message.contains(message), qPrintable(script.error().message));
    QVERIFY(!script.error().message.contains(kOpenAiKey));
}

void TestLlmScript::openAiUnreachableServerSaysWhere() {
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close(); // nothing listens there now

    auto clock = std::make_shared<FakeClock>();
    ProviderConfig config;
    config.openAiBase = QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(port));
    auto hub = std::make_shared<ProviderHub>(config, std::make_shared<MemorySecrets>(), clock);
    hub->setRandom([] { return 0.5; });
    RecordingUsage usage;
    ProviderSession session(hub, &usage);
    const auto script = OpenAiScriptWriter(session).write(m_paper, thirtySeconds(), {});
    QVERIFY(!script.ok());
    QCOMPARE(script.error().code(), QStringLiteral("network"));
    QVERIFY2(script.error().message.startsWith(
                 QStringLiteral("cannot reach the LLM server at http://127.0.0.1:%1/v1").arg(port)),
             qPrintable(script.error().message));
    QVERIFY(script.error().message.contains(QStringLiteral("HH_OPENAI_BASE_URL")));
    QCOMPARE(clock->sleeps(), (QList<qint64>{500, 1000, 2000})); // retried, then reported
}

void TestLlmScript::openAiCheckKey_data() {
    QTest::addColumn<FakeReply>("reply");
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("message");
    QTest::newRow("model offered as name:tag")
        << FakeReply::json(200, dataFile(QStringLiteral("openai-models.json"))) << QString()
        << QString();
    QTest::newRow("model missing")
        << FakeReply::json(200, dataFile(QStringLiteral("openai-models-other.json")))
        << QStringLiteral("not_found") << QStringLiteral("it offers mistral:7b, qwen2.5:7b");
    QTest::newRow("key refused") << FakeReply::json(401,
                                                    dataFile(QStringLiteral("openai-401.json")))
                                 << QStringLiteral("auth") << QStringLiteral("OPENAI_API_KEY");
}

void TestLlmScript::openAiCheckKey() {
    QFETCH(FakeReply, reply);
    QFETCH(QString, errorType);
    QFETCH(QString, message);
    Rig rig;
    rig.secrets->setSecret(ProviderId::OpenAi, kOpenAiKey);
    rig.server.enqueue(reply);
    const Error error = checkProviderKey(*rig.session, ProviderId::OpenAi, kOpenAiKey).error;
    QCOMPARE(error.code(), errorType);
    QVERIFY2(error.message.contains(message), qPrintable(error.message));
    const auto requests = rig.server.requests();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().method, QByteArray("GET"));
    QCOMPARE(requests.first().path, QByteArray("/v1/models"));
    QCOMPARE(requests.first().header("authorization"), QByteArray("Bearer " + kOpenAiKey.toUtf8()));
}

QTEST_GUILESS_MAIN(TestLlmScript)
#include "tst_llm_script.moc"
