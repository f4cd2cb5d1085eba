// SPDX-License-Identifier: GPL-3.0-or-later
// The usage ledger and spending limits per account, and how a job picks its
// providers: a cloud step without a key fails with advice, before any request.
#include "FakeClock.h"
#include "FakeHttpServer.h"
#include "ProviderFakes.h"
#include "StorageIds.h"
#include "TestUtil.h"
#include "jobs/JobRunner.h"
#include "jobs/JobStore.h"
#include "jobs/StepProviders.h"
#include "jobs/UsageLedger.h"

#include <QJsonObject>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>

using namespace hh;

namespace {

struct Fixture {
    QTemporaryDir dir;
    DataLayout layout{dir.path()};
    QDateTime now = QDateTime(QDate(2026, 11, 28), QTime(12, 0), Qt::UTC);
    JobStore store{layout.databasePath(), [this] { return now; }};
    qint64 ada = 0;
    qint64 bob = 0;

    bool init() {
        if (store.open().isError())
            return false;
        ada = store.createUser(QStringLiteral("ada"), QStringLiteral("!")).value();
        bob = store.createUser(QStringLiteral("bob"), QStringLiteral("!")).value();
        return ada > 0 && bob > 0;
    }
    UsageLedger ledger(qint64 user) {
        return UsageLedger(store, user, Pricing{}, [this] { return now; });
    }
};

UsageDelta runwayCredits(double credits) {
    UsageDelta delta;
    delta.provider = ProviderId::Runway;
    delta.credits = credits;
    delta.calls = 1;
    return delta;
}

} // namespace

class TestUsage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<qint64>("qint64"); }
    void ledgerSumsPerAccountProviderAndMonth();
    void costFollowsThePriceList_data();
    void costFollowsThePriceList();
    void budget_data();
    void budget();
    void limitsArePerAccount();
    void providerNames_data();
    void providerNames();
    void cloudStepWithoutKeyFailsWithAdvice_data();
    void cloudStepWithoutKeyFailsWithAdvice();
    void optionsRoundTripTheProviders();
    void geminiScriptJob_data();
    void geminiScriptJob();
    void jobKeepsItsOwnersKeysAfterSignOut();
};

void TestUsage::ledgerSumsPerAccountProviderAndMonth() {
    Fixture f;
    QVERIFY(f.init());
    UsageLedger ada = f.ledger(f.ada);
    UsageDelta gemini;
    gemini.provider = ProviderId::Gemini;
    gemini.tokensIn = 1000;
    gemini.tokensOut = 200;
    gemini.calls = 1;
    ada.record(gemini);
    ada.record(gemini);
    UsageDelta failed;
    failed.provider = ProviderId::Gemini;
    failed.calls = 1;
    failed.errors = 1;
    ada.record(failed);
    ada.record(runwayCredits(25));
    f.ledger(f.bob).record(runwayCredits(50));

    const auto rows = f.store.usage(f.ada, QStringLiteral("2026-11"));
    QVERIFY(rows.ok());
    QCOMPARE(rows.value().size(), 2);
    const UsageRow g = rows.value().at(0); // ordered by provider key: gemini, runway
    QCOMPARE(g.usage.provider, ProviderId::Gemini);
    QCOMPARE(g.usage.tokensIn, 2000);
    QCOMPARE(g.usage.tokensOut, 400);
    QCOMPARE(g.usage.calls, 3);
    QCOMPARE(g.usage.errors, 1);
    QCOMPARE(rows.value().at(1).usage.credits, 25.0);
    QVERIFY(qFuzzyCompare(rows.value().at(1).costUsd, 0.25));

    // A new month starts from zero; last month's figures stay.
    f.now = f.now.addMonths(1);
    QCOMPARE(f.store.usage(f.ada, QStringLiteral("2026-12")).value().size(), 0);
    QCOMPARE(f.store.usage(f.ada, QStringLiteral("2026-11")).value().size(), 2);
    QCOMPARE(f.store.usage(f.bob, QStringLiteral("2026-11")).value().size(), 1);
}

void TestUsage::costFollowsThePriceList_data() {
    QTest::addColumn<int>("provider");
    QTest::addColumn<qint64>("tokensIn");
    QTest::addColumn<qint64>("tokensOut");
    QTest::addColumn<double>("credits");
    QTest::addColumn<double>("expectedUsd");
    QTest::newRow("gemini script")
        << int(ProviderId::Gemini) << qint64(1000000) << qint64(100000) << 0.0 << 0.30 + 0.25;
    QTest::newRow("runway 60 s at 5 credits/s")
        << int(ProviderId::Runway) << qint64(0) << qint64(0) << 300.0 << 3.0;
    QTest::newRow("ncbi is free") << int(ProviderId::Ncbi) << qint64(0) << qint64(0) << 0.0 << 0.0;
    QTest::newRow("local llm is free")
        << int(ProviderId::OpenAi) << qint64(5000) << qint64(5000) << 0.0 << 0.0;
}

void TestUsage::costFollowsThePriceList() {
    QFETCH(int, provider);
    QFETCH(qint64, tokensIn);
    QFETCH(qint64, tokensOut);
    QFETCH(double, credits);
    QFETCH(double, expectedUsd);
    UsageDelta delta;
    delta.provider = ProviderId(provider);
    delta.tokensIn = tokensIn;
    delta.tokensOut = tokensOut;
    delta.credits = credits;
    QVERIFY(std::abs(Pricing{}.costUsd(delta) - expectedUsd) < 1e-9);
}

void TestUsage::budget_data() {
    QTest::addColumn<double>("limit"); // <= 0: none
    QTest::addColumn<double>("spentCredits");
    QTest::addColumn<double>("plannedUsd");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("no limit") << 0.0 << 10000.0 << 50.0 << true;
    QTest::newRow("well under") << 10.0 << 100.0 << 3.0 << true;
    QTest::newRow("exactly at the limit") << 10.0 << 700.0 << 3.0 << true;
    QTest::newRow("would pass it") << 10.0 << 800.0 << 3.0 << false;
    QTest::newRow("already over") << 1.0 << 200.0 << 0.01 << false;
}

void TestUsage::budget() {
    QFETCH(double, limit);
    QFETCH(double, spentCredits);
    QFETCH(double, plannedUsd);
    QFETCH(bool, allowed);
    Fixture f;
    QVERIFY(f.init());
    QVERIFY(!f.store.setMonthlyLimit(f.ada, ProviderId::Runway, limit).isError());
    UsageLedger ledger = f.ledger(f.ada);
    ledger.record(runwayCredits(spentCredits));
    const Error error = ledger.checkBudget(ProviderId::Runway, plannedUsd);
    QCOMPARE(!error.isError(), allowed);
    if (!allowed) {
        QCOMPARE(error.code(), QStringLiteral("quota"));
        QVERIFY2(error.message.contains(QStringLiteral("Settings → Providers")),
                 qPrintable(error.message));
        QVERIFY(error.message.contains(QStringLiteral("$%1").arg(limit, 0, 'f', 2)));
    }
    // Other providers are not limited by Runway's limit.
    QVERIFY(!ledger.checkBudget(ProviderId::Gemini, plannedUsd).isError());
}

void TestUsage::limitsArePerAccount() {
    Fixture f;
    QVERIFY(f.init());
    QVERIFY(!f.store.setMonthlyLimit(f.ada, ProviderId::Gemini, 2.5).isError());
    QCOMPARE(f.store.monthlyLimit(f.ada, ProviderId::Gemini).value(), 2.5);
    QCOMPARE(f.store.monthlyLimit(f.bob, ProviderId::Gemini).value(), -1.0);
    QVERIFY(!f.store.setMonthlyLimit(f.ada, ProviderId::Gemini, 0).isError()); // removes
    QCOMPARE(f.store.monthlyLimit(f.ada, ProviderId::Gemini).value(), -1.0);
    // Deleting the account removes its ledger and limits with it.
    QVERIFY(!f.store.setMonthlyLimit(f.bob, ProviderId::Runway, 5).isError());
    f.ledger(f.bob).record(runwayCredits(5));
    QVERIFY(!f.store.deleteUser(f.bob).isError());
    QCOMPARE(f.store.usage(f.bob, QStringLiteral("2026-11")).value().size(), 0);
    QCOMPARE(f.store.monthlyLimit(f.bob, ProviderId::Runway).value(), -1.0);
}

void TestUsage::providerNames_data() {
    QTest::addColumn<QString>("step");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("errorType"); // without a session or key
    QTest::newRow("builtin script") << "script"
                                    << "builtin"
                                    << "";
    QTest::newRow("builtin voice") << "voice"
                                   << "builtin"
                                   << "";
    QTest::newRow("builtin visuals") << "visuals"
                                     << "builtin"
                                     << "";
    QTest::newRow("unknown script") << "script"
                                    << "gpt9"
                                    << "unsupported";
    QTest::newRow("unknown visuals") << "visuals"
                                     << "sora"
                                     << "unsupported";
    QTest::newRow("gemini script offline") << "script"
                                           << "gemini"
                                           << "unsupported";
    QTest::newRow("gemini voice offline") << "voice"
                                          << "gemini"
                                          << "unsupported";
    QTest::newRow("runway offline") << "visuals"
                                    << "runway"
                                    << "unsupported";
}

void TestUsage::providerNames() {
    QFETCH(QString, step);
    QFETCH(QString, name);
    QFETCH(QString, errorType);
    Error error;
    if (step == QLatin1String("script"))
        error = StepProviders::scriptWriter(name, nullptr).error();
    else if (step == QLatin1String("voice"))
        error = StepProviders::voice(name, nullptr).error();
    else
        error = StepProviders::visuals(name, nullptr).error();
    QCOMPARE(error.code(), errorType.isEmpty() ? QStringLiteral("") : errorType);
}

void TestUsage::cloudStepWithoutKeyFailsWithAdvice_data() {
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("voice");
    QTest::addColumn<QString>("visuals");
    QTest::addColumn<QString>("failedStep");
    QTest::addColumn<QString>("advice");
    QTest::newRow("gemini script") << "gemini"
                                   << "builtin"
                                   << "builtin"
                                   << "generate-script"
                                   << "add your Google Gemini key in Settings → Providers";
    QTest::newRow("gemini voice") << "builtin"
                                  << "gemini"
                                  << "builtin"
                                  << "generate-audio"
                                  << "GEMINI_API_KEY";
    QTest::newRow("runway clips") << "builtin"
                                  << "builtin"
                                  << "runway"
                                  << "generate-videos"
                                  << "RUNWAYML_API_SECRET";
}

void TestUsage::cloudStepWithoutKeyFailsWithAdvice() {
    QFETCH(QString, script);
    QFETCH(QString, voice);
    QFETCH(QString, visuals);
    QFETCH(QString, failedStep);
    QFETCH(QString, advice);
    Fixture f;
    QVERIFY(f.init());
    JobRunner runner(f.layout);
    // No keys at all, and base URLs nobody listens on: nothing may be sent.
    ProviderConfig config;
    config.geminiBase = QUrl(QStringLiteral("http://127.0.0.1:9"));
    config.runwayBase = QUrl(QStringLiteral("http://127.0.0.1:9"));
    runner.setProviderHub(std::make_shared<ProviderHub>(config, std::make_shared<MemorySecrets>(),
                                                        std::make_shared<hh::test::FakeClock>()));
    QSignalSpy failed(&runner, &JobRunner::jobFailed);
    JobOptions options;
    options.input = hh::test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml"));
    options.durationSeconds = 30;
    options.scriptProvider = script;
    options.voiceProvider = voice;
    options.visualsProvider = visuals;
    const auto id = runner.submit(f.ada, options);
    QVERIFY(id.ok());
    QVERIFY(failed.wait(60000));
    QCOMPARE(failed.first().at(2).toString(), QStringLiteral("auth"));
    const JobRecord row = f.store.job(f.ada, id.value()).value();
    QCOMPARE(row.status, QString(JobStatus::Failed));
    QCOMPARE(row.errorType, QStringLiteral("auth"));
    QCOMPARE(row.currentStep, failedStep);
    QVERIFY2(row.errorMessage.contains(advice), qPrintable(row.errorMessage));
}

void TestUsage::optionsRoundTripTheProviders() {
    JobOptions options;
    options.scriptProvider = QStringLiteral("openai");
    options.voiceProvider = QStringLiteral("gemini");
    options.visualsProvider = QStringLiteral("runway");
    options.voice = QStringLiteral("Kore");
    const JobOptions back = JobOptions::fromJson(options.toJson());
    QCOMPARE(back.scriptProvider, options.scriptProvider);
    QCOMPARE(back.voiceProvider, options.voiceProvider);
    QCOMPARE(back.visualsProvider, options.visualsProvider);
    QCOMPARE(back.voice, options.voice);
    // Rows written before providers existed read as built-in.
    const JobOptions old = JobOptions::fromJson(QJsonObject{{QStringLiteral("duration"), 60}});
    QCOMPARE(old.scriptProvider, QStringLiteral("builtin"));
    QCOMPARE(old.voiceProvider, QStringLiteral("builtin"));
    QCOMPARE(old.visualsProvider, QStringLiteral("builtin"));
}

namespace {

// Gemini's answer with a script of tests/data/llm_script, 900 tokens in, 200 out.
QByteArray geminiAnswer(const QString& scriptFile) {
    return hh::test::geminiReplyEnvelope(
        hh::test::testData(QStringLiteral("llm_script/") + scriptFile), QStringLiteral("STOP"),
        {900, 200, 0});
}

} // namespace

// A whole job with the Gemini script writer (a fake Gemini on 127.0.0.1): a good
// script goes on to a video with the built-in voice and visuals and is booked to
// the account; a script whose number the paper does not state, even after the
// corrective turn, stops the job for review instead of publishing it.
void TestUsage::geminiScriptJob_data() {
    QTest::addColumn<QString>("scriptFile");
    QTest::addColumn<bool>("paused");
    QTest::newRow("faithful script") << "script-good.json" << false;
    QTest::newRow("unsupported number twice") << "script-invented-number.json" << true;
}

void TestUsage::geminiScriptJob() {
    QFETCH(QString, scriptFile);
    QFETCH(bool, paused);
    Fixture f;
    QVERIFY(f.init());
    hh::test::FakeHttpServer gemini;
    const QByteArray answer = geminiAnswer(scriptFile);
    gemini.setHandler(
        [answer](const hh::test::FakeRequest&) { return hh::test::FakeReply::json(200, answer); });
    ProviderConfig config;
    config.geminiBase = gemini.url();
    auto secrets = std::make_shared<MemorySecrets>();
    secrets->setSecret(ProviderId::Gemini, QStringLiteral("AIza-test-key"));
    JobRunner runner(f.layout);
    runner.setProviderHub(std::make_shared<ProviderHub>(config, secrets));
    QSignalSpy finished(&runner, &JobRunner::jobFinished);
    QSignalSpy pausedSpy(&runner, &JobRunner::jobPaused);
    QSignalSpy failed(&runner, &JobRunner::jobFailed);
    JobOptions options;
    options.input = hh::test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml"));
    options.durationSeconds = 30;
    options.scriptProvider = QStringLiteral("gemini");
    const auto id = runner.submit(f.ada, options);
    QVERIFY(id.ok());
    QVERIFY(runner.waitForDone(180000));
    QCOMPARE(failed.count(), 0);
    const JobRecord row = f.store.job(f.ada, id.value()).value();
    const QString month = JobStore::usageMonth(QDateTime::currentDateTimeUtc());
    const auto usage = f.store.usage(f.ada, month).value();
    QCOMPARE(usage.size(), 1);
    QCOMPARE(usage.first().usage.provider, ProviderId::Gemini);
    QCOMPARE(usage.first().usage.calls, paused ? 2 : 1); // the corrective turn is a call
    QVERIFY(usage.first().usage.tokensIn >= 900);
    if (paused) {
        QCOMPARE(pausedSpy.count(), 1);
        QCOMPARE(row.status, QString(JobStatus::Paused));
        QCOMPARE(row.currentStep, QStringLiteral("generate-audio"));
        QVERIFY(!QFile::exists(test::jobDirOf(f.layout, f.ada, id.value()) +
                               QStringLiteral("/narration.wav")));
        // After the user's review, the job goes on to a video.
        QVERIFY(!runner.resume(f.ada, id.value()).isError());
        QVERIFY(finished.wait(180000));
    } else {
        QCOMPARE(finished.count(), 1);
    }
    QCOMPARE(f.store.job(f.ada, id.value()).value().status, QString(JobStatus::Completed));
}

// Ada's job is waiting for Gemini when she signs out and Bob signs in with a key of
// his own: the job's next request still carries Ada's key (never Bob's), and every
// call is booked to Ada. What the app shows (the signed-in account's keys) is Bob's.
void TestUsage::jobKeepsItsOwnersKeysAfterSignOut() {
    Fixture f;
    QVERIFY(f.init());
    QSemaphore signedOut;
    hh::test::FakeHttpServer gemini;
    // A script with a number the paper does not state: the writer asks again (a
    // second request), so one request falls before the switch and one after.
    const QByteArray answer = geminiAnswer(QStringLiteral("script-invented-number.json"));
    std::atomic_int seen{0};
    gemini.setHandler([answer, &signedOut, &seen](const hh::test::FakeRequest&) {
        if (seen.fetch_add(1) == 0)
            signedOut.tryAcquire(1, 60000); // held until the switch is done
        return hh::test::FakeReply::json(200, answer);
    });
    ProviderConfig config;
    config.geminiBase = gemini.url();
    auto accounts = std::make_shared<AccountSecrets>();
    accounts->forAccount(f.ada)->setSecret(ProviderId::Gemini, QStringLiteral("AIza-ada"));
    accounts->setCurrent(f.ada);
    auto hub = std::make_shared<ProviderHub>(config, accounts);
    hub->setAccountSecrets(accounts);
    JobRunner runner(f.layout);
    runner.setProviderHub(hub);
    JobOptions options;
    options.input = hh::test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml"));
    options.durationSeconds = 30;
    options.scriptProvider = QStringLiteral("gemini");
    const auto id = runner.submit(f.ada, options);
    QVERIFY(id.ok());
    QTRY_COMPARE_WITH_TIMEOUT(gemini.requests().size(), 1, 60000);

    // Ada signs out (her job runs on); Bob signs in and his keys load.
    accounts->setCurrent(f.bob);
    accounts->forAccount(f.bob)->setSecret(ProviderId::Gemini, QStringLiteral("AIza-bob"));
    QCOMPARE(hub->secret(ProviderId::Gemini), QStringLiteral("AIza-bob"));
    signedOut.release();
    QVERIFY(runner.waitForDone(180000));

    const auto requests = gemini.requests();
    QCOMPARE(requests.size(), 2);
    for (const auto& request : requests)
        QCOMPARE(request.header("x-goog-api-key"), QByteArray("AIza-ada"));
    const QString month = JobStore::usageMonth(QDateTime::currentDateTimeUtc());
    const auto adas = f.store.usage(f.ada, month).value();
    QCOMPARE(adas.size(), 1);
    QCOMPARE(adas.first().usage.calls, 2);
    QVERIFY(f.store.usage(f.bob, month).value().isEmpty());
}

QTEST_MAIN(TestUsage)
#include "tst_usage.moc"
