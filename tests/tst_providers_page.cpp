// SPDX-License-Identifier: GPL-3.0-or-later
// Settings → Providers as a user sees it: a saved key goes to the keychain and
// the running app, is never shown again, "Check key" asks the provider (a fake
// one here) off the GUI thread, and the monthly limit lands in the account's row.
#include "FakeHttpServer.h"
#include "KeyStore.h"
#include "MemoryKeyStore.h"
#include "ProviderChoices.h"
#include "ProvidersPage.h"
#include "RunwayConcurrencyField.h"
#include "ServerBox.h"
#include "ServerSettings.h"
#include "TestUtil.h"
#include "jobs/JobStore.h"
#include "paper/PaperImporter.h"
#include "providers/OpenAiScriptWriter.h"
#include "providers/OpenAiSpeechVoice.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QThreadPool>
#include <QtTest>

using namespace hh;
using hh::test::FakeHttpServer;
using hh::test::FakeReply;

namespace {

using hh::test::MemoryKeyStore;

struct Fixture {
    QTemporaryDir dir;
    JobStore store{dir.filePath(QStringLiteral("db.sqlite"))};
    FakeHttpServer server;
    MemoryKeyStore keys{KeyStore::ownersIn(store.databasePath())};
    std::shared_ptr<MemorySecrets> secrets = std::make_shared<MemorySecrets>();
    std::shared_ptr<ProviderHub> hub;
    QThreadPool pool;
    qint64 user = 0;

    bool init() {
        if (store.open().isError())
            return false;
        user = store.createUser(QStringLiteral("ada"), QStringLiteral("!")).value();
        ProviderConfig config;
        config.geminiBase = server.url();
        config.runwayBase = server.url();
        hub = std::make_shared<ProviderHub>(config, secrets);
        return user > 0;
    }
    // Entries are named by the account's uuid.
    QString entry(ProviderId id) { return KeyStore::entryName(store.user(user)->uuid, id); }
};

} // namespace

class TestProvidersPage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void savedKeyReachesKeychainAndJobsButIsNotShown();
    void removeForgetsTheKey();
    void keychainFailureIsShown();
    void checkKey_data();
    void checkKey();
    void monthlyLimitIsSavedPerAccount();
    void limitThatCannotBeSavedIsShown();
    void controlsHaveAccessibleNames();
    void newVideoOffersOnlyProvidersWithKeys();
    void localServerCheckListsItsModels();
    void localServerRefusesPlainHttpElsewhere_data();
    void localServerRefusesPlainHttpElsewhere();
    void savedLocalServerIsWhatTheScriptWriterAsks();
    void runwayClipsAtOnceReachEveryJob();
    void speechServerCheckListsItsVoices_data();
    void speechServerCheckListsItsVoices();
    void speechServerRefusesPlainHttpElsewhere();
    void savedSpeechServerReachesOnlyItsOwnersJobs();
};

namespace {
// An OpenAI-compatible server (Ollama answers the same) with two models.
FakeReply modelList() {
    return FakeReply::json(200, R"({"object":"list","data":[{"id":"llama3.1:latest"},)"
                                R"({"id":"qwen2.5:7b"}]})");
}
} // namespace

void TestProvidersPage::localServerCheckListsItsModels() {
    Fixture f;
    QVERIFY(f.init());
    f.server.setHandler([](const hh::test::FakeRequest&) { return modelList(); });
    ProvidersPage page(&f.keys, f.secrets, f.hub, f.store.databasePath(), f.user, &f.pool);
    ServerBox* box = page.localLlmServer();
    QVERIFY(box);
    box->addressField()->setText(f.server.url().toString()); // no /v1: added
    QSignalSpy checked(box, &ServerBox::checkFinished);
    QTest::mouseClick(box->checkButton(), Qt::LeftButton);
    QVERIFY(checked.wait(10000));
    QVERIFY2(checked.first().at(0).toBool(), qPrintable(box->statusLabel()->text()));
    QCOMPARE(f.server.requests().last().path, QByteArray("/v1/models"));
    QStringList listed;
    for (int i = 0; i < box->modelBox()->count(); ++i)
        listed << box->modelBox()->itemText(i);
    QCOMPARE(listed, (QStringList{"llama3.1:latest", "qwen2.5:7b"}));
    QVERIFY(box->statusLabel()->text().contains(QLatin1String("2")));
    // A picture of the page for the record, when asked for (HH_SHOTS_DIR).
    if (const QString shots = qEnvironmentVariable("HH_SHOTS_DIR"); !shots.isEmpty()) {
        page.resize(720, 900);
        page.localLlmServer()->grab().save(shots + QStringLiteral("/providers-local-llm.png"));
    }
}

void TestProvidersPage::localServerRefusesPlainHttpElsewhere_data() {
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("another computer") << "http://192.168.1.20:11434" << false;
    QTest::newRow("a name elsewhere") << "http://llm.example.org/v1" << false;
    QTest::newRow("https elsewhere") << "https://llm.example.org/v1" << true;
    QTest::newRow("localhost") << "localhost:11434" << true;
    QTest::newRow("loopback IPv6") << "http://[::1]:8080/v1" << true;
}

void TestProvidersPage::localServerRefusesPlainHttpElsewhere() {
    QFETCH(QString, address);
    QFETCH(bool, allowed);
    Fixture f;
    QVERIFY(f.init());
    ProvidersPage page(&f.keys, f.secrets, f.hub, f.store.databasePath(), f.user, &f.pool);
    page.setAccountFolder(f.dir.filePath(QStringLiteral("ada")));
    ServerBox* box = page.localLlmServer();
    box->addressField()->setText(address);
    box->modelBox()->setEditText(QStringLiteral("llama3.1"));
    QCOMPARE(box->save(), allowed);
    if (!allowed) {
        QVERIFY2(box->statusLabel()->text().contains(QLatin1String("only for a server on this "
                                                                   "computer")),
                 qPrintable(box->statusLabel()->text()));
        // Nothing was kept: jobs still ask the configured server.
        QCOMPARE(f.hub->configFor(f.user).openAiBase, ProviderConfig{}.openAiBase);
        QVERIFY(ServerSettings(f.dir.filePath(QStringLiteral("ada"))).address().isEmpty());
        // Check refuses it too, without a request.
        QSignalSpy checked(box, &ServerBox::checkFinished);
        box->check();
        QCOMPARE(checked.count(), 1);
        QCOMPARE(checked.first().at(0).toBool(), false);
    }
}

void TestProvidersPage::savedLocalServerIsWhatTheScriptWriterAsks() {
    Fixture f;
    QVERIFY(f.init());
    f.server.setHandler([](const hh::test::FakeRequest& request) {
        if (request.path == "/v1/models")
            return modelList();
        return FakeReply::json(400, R"({"error":{"message":"test server writes no scripts"}})");
    });
    const QString accountDir = f.dir.filePath(QStringLiteral("ada"));
    {
        ProvidersPage page(&f.keys, f.secrets, f.hub, f.store.databasePath(), f.user, &f.pool);
        page.setAccountFolder(accountDir);
        ServerBox* box = page.localLlmServer();
        box->addressField()->setText(f.server.url().toString());
        QSignalSpy checked(box, &ServerBox::checkFinished);
        box->check();
        QVERIFY(checked.wait(10000));
        box->modelBox()->setCurrentIndex(box->modelBox()->findText(QStringLiteral("qwen2.5:7b")));
        QVERIFY(box->save());
    }
    // Kept for the account (no key in the file), and the account's jobs ask that server.
    const ServerSettings saved(accountDir);
    QCOMPARE(saved.model(), QStringLiteral("qwen2.5:7b"));
    QCOMPARE(saved.address().port(), f.server.url().port());
    QCOMPARE(f.hub->configFor(0).openAiModel, ProviderConfig{}.openAiModel); // the CLI's default
    f.server.clearRequests();
    const auto paper =
        importPaperFile(hh::test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml")));
    QVERIFY(paper.ok());
    std::unique_ptr<QThread> worker(QThread::create([&f, &paper] {
        // A job's session lives on its worker thread, with the job owner's settings.
        ProviderSession session(f.hub, nullptr, nullptr, f.user);
        OpenAiScriptWriter writer(session);
        writer.write(paper.value(), ScriptParams{30, 150}, StepControl{});
    }));
    worker->start();
    QTRY_VERIFY_WITH_TIMEOUT(worker->isFinished(), 30000);
    const auto requests = f.server.requests();
    QVERIFY(!requests.isEmpty());
    QCOMPARE(requests.first().path, QByteArray("/v1/chat/completions"));
    QCOMPARE(requests.first().json().value(QLatin1String("model")).toString(),
             QStringLiteral("qwen2.5:7b"));
}

void TestProvidersPage::savedKeyReachesKeychainAndJobsButIsNotShown() {
    Fixture f;
    QVERIFY(f.init());
    ProvidersPage page(&f.keys, f.secrets, f.hub, f.store.databasePath(), f.user, &f.pool);
    QSignalSpy changed(&page, &ProvidersPage::keyChanged);
    QVERIFY(!page.saveButton(ProviderId::Gemini)->isEnabled());
    QTest::keyClicks(page.keyField(ProviderId::Gemini), QStringLiteral("AIza-secret"));
    QCOMPARE(page.keyField(ProviderId::Gemini)->echoMode(), QLineEdit::Password);
    QVERIFY(page.saveButton(ProviderId::Gemini)->isEnabled());
    QTest::mouseClick(page.saveButton(ProviderId::Gemini), Qt::LeftButton);
    QVERIFY(changed.wait(5000));
    QCOMPARE(f.keys.m_values.value(f.entry(ProviderId::Gemini)), QStringLiteral("AIza-secret"));
    QCOMPARE(f.secrets->secret(ProviderId::Gemini), QStringLiteral("AIza-secret"));
    QVERIFY(f.hub->hasKey(ProviderId::Gemini));                   // running app sees it at once
    QVERIFY(page.keyField(ProviderId::Gemini)->text().isEmpty()); // never shown again
    QVERIFY(
        page.keyField(ProviderId::Gemini)->placeholderText().contains(QLatin1String("keychain")));
    QVERIFY(page.removeButton(ProviderId::Gemini)->isEnabled());
    QVERIFY(!page.removeButton(ProviderId::Runway)->isEnabled());
}

void TestProvidersPage::removeForgetsTheKey() {
    Fixture f;
    QVERIFY(f.init());
    f.keys.m_values.insert(f.entry(ProviderId::Runway), QStringLiteral("rw"));
    f.secrets->setSecret(ProviderId::Runway, QStringLiteral("rw"));
    ProvidersPage page(&f.keys, f.secrets, f.hub, f.store.databasePath(), f.user, &f.pool);
    QSignalSpy changed(&page, &ProvidersPage::keyChanged);
    QTest::mouseClick(page.removeButton(ProviderId::Runway), Qt::LeftButton);
    QVERIFY(changed.wait(5000));
    QCOMPARE(changed.first().at(1).toBool(), false);
    QVERIFY(f.keys.m_values.isEmpty());
    QVERIFY(!f.hub->hasKey(ProviderId::Runway));
}

void TestProvidersPage::keychainFailureIsShown() {
    Fixture f;
    QVERIFY(f.init());
    f.keys.failWrites = true;
    ProvidersPage page(&f.keys, f.secrets, f.hub, f.store.databasePath(), f.user, &f.pool);
    QSignalSpy status(&page, &ProvidersPage::statusChanged);
    QTest::keyClicks(page.keyField(ProviderId::Gemini), QStringLiteral("k"));
    QTest::keyClick(page.keyField(ProviderId::Gemini), Qt::Key_Return);
    QTRY_VERIFY(
        page.statusLabel(ProviderId::Gemini)->text().contains(QLatin1String("no keychain")));
    QVERIFY(!f.hub->hasKey(ProviderId::Gemini)); // not silently kept elsewhere
}

void TestProvidersPage::checkKey_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("shown");
    QTest::newRow("accepted") << 200 << QByteArray(R"({"creditBalance":420})") << true
                              << "credit balance: 420";
    QTest::newRow("refused") << 401 << QByteArray(R"({"error":"Invalid API key"})") << false
                             << "Runway refused the API key";
}

void TestProvidersPage::checkKey() {
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(QString, shown);
    Fixture f;
    QVERIFY(f.init());
    f.server.enqueue(FakeReply::json(status, body));
    ProvidersPage page(&f.keys, f.secrets, f.hub, f.store.databasePath(), f.user, &f.pool);
    QSignalSpy done(&page, &ProvidersPage::checkFinished);
    QTest::keyClicks(page.keyField(ProviderId::Runway), QStringLiteral("rw-typed"));
    QTest::mouseClick(page.checkButton(ProviderId::Runway), Qt::LeftButton);
    QVERIFY(!page.checkButton(ProviderId::Runway)->isEnabled()); // busy while the pool works
    QVERIFY(done.wait(10000));
    QCOMPARE(done.first().at(1).toBool(), ok);
    QVERIFY2(page.statusLabel(ProviderId::Runway)->text().contains(shown),
             qPrintable(page.statusLabel(ProviderId::Runway)->text()));
    QVERIFY(page.checkButton(ProviderId::Runway)->isEnabled());
    QCOMPARE(f.server.requests().first().header("authorization"), QByteArray("Bearer rw-typed"));
    QVERIFY(f.keys.m_values.isEmpty()); // checking does not save
}

void TestProvidersPage::monthlyLimitIsSavedPerAccount() {
    Fixture f;
    QVERIFY(f.init());
    QVERIFY(!f.store.setMonthlyLimit(f.user, ProviderId::Gemini, 3).isError());
    ProvidersPage page(&f.keys, f.secrets, f.hub, f.store.databasePath(), f.user, &f.pool);
    QSignalSpy saved(&page, &ProvidersPage::limitSaved);
    QVERIFY(page.limitField(ProviderId::Ncbi) == nullptr); // free: no limit to set
    QDoubleSpinBox* limit = page.limitField(ProviderId::Runway);
    QVERIFY(limit);
    // Read on the pool: editable once the stored value is in.
    QTRY_VERIFY(limit->isEnabled());
    QTRY_COMPARE(page.limitField(ProviderId::Gemini)->value(), 3.0);
    limit->setValue(12.5);
    Q_EMIT limit->editingFinished();
    QTRY_COMPARE(f.store.monthlyLimit(f.user, ProviderId::Runway).value(), 12.5);
    QTRY_COMPARE(saved.size(), 1);
    QCOMPARE(saved.first().at(1).toBool(), true);
    QVERIFY(page.statusLabel(ProviderId::Runway)->text().contains(QLatin1String("$12.50")));
    // Reopening the page shows it.
    ProvidersPage again(&f.keys, f.secrets, f.hub, f.store.databasePath(), f.user, &f.pool);
    QTRY_COMPARE(again.limitField(ProviderId::Runway)->value(), 12.5);
    limit->setValue(0);
    Q_EMIT limit->editingFinished();
    QTRY_COMPARE(f.store.monthlyLimit(f.user, ProviderId::Runway).value(), -1.0);
    QTRY_VERIFY(page.statusLabel(ProviderId::Runway)->text().contains(QLatin1String("No monthly")));
}

// The database cannot be opened any more (here: a folder where the file was):
// the limit is not saved, and the page says so instead of pretending it was.
void TestProvidersPage::limitThatCannotBeSavedIsShown() {
    Fixture f;
    QVERIFY(f.init());
    ProvidersPage page(&f.keys, f.secrets, f.hub, f.store.databasePath(), f.user, &f.pool);
    QSignalSpy saved(&page, &ProvidersPage::limitSaved);
    QDoubleSpinBox* limit = page.limitField(ProviderId::Runway);
    QTRY_VERIFY(limit->isEnabled());
    const QString path = f.store.databasePath();
    QVERIFY(QFile::rename(path, path + QStringLiteral(".moved")));
    QVERIFY(QDir().mkpath(path));
    limit->setValue(7);
    Q_EMIT limit->editingFinished();
    QTRY_COMPARE(saved.size(), 1);
    QCOMPARE(saved.first().at(1).toBool(), false);
    QVERIFY2(page.statusLabel(ProviderId::Runway)->text().contains(QLatin1String("not saved")),
             qPrintable(page.statusLabel(ProviderId::Runway)->text()));
}

void TestProvidersPage::controlsHaveAccessibleNames() {
    Fixture f;
    QVERIFY(f.init());
    ProvidersPage page(&f.keys, f.secrets, f.hub, f.store.databasePath(), f.user, &f.pool);
    for (ProviderId id :
         {ProviderId::Gemini, ProviderId::Runway, ProviderId::Ncbi, ProviderId::OpenAi}) {
        QVERIFY(!page.keyField(id)->accessibleName().isEmpty());
        QVERIFY(!page.checkButton(id)->accessibleName().isEmpty());
    }
    page.resize(640, 900);
    const QString shot = QDir::temp().filePath(QStringLiteral("hh-providers-page.png"));
    page.grab().save(shot);
}

namespace {
bool offered(QComboBox* combo, const QString& provider) {
    auto* model = qobject_cast<QStandardItemModel*>(combo->model());
    return model->item(combo->findData(provider))->isEnabled();
}
} // namespace

// New video offers a cloud provider only once its key is saved, falls back to
// built-in when the key goes, and prices what the paid choices will cost.
void TestProvidersPage::newVideoOffersOnlyProvidersWithKeys() {
    Fixture f;
    QVERIFY(f.init());
    ProviderChoices choices;
    choices.setHub(f.hub);
    QVERIFY(!offered(choices.scriptCombo(), QStringLiteral("gemini")));
    QVERIFY(!offered(choices.visualsCombo(), QStringLiteral("runway")));
    QVERIFY(offered(choices.scriptCombo(), QStringLiteral("openai"))); // local: no key needed
    QVERIFY(!choices.select(choices.visualsCombo(), QStringLiteral("runway")));
    QVERIFY(choices.costText().contains(QLatin1String("free")));

    f.secrets->setSecret(ProviderId::Runway, QStringLiteral("rw"));
    f.secrets->setSecret(ProviderId::Gemini, QStringLiteral("g"));
    choices.refresh();
    QVERIFY(choices.select(choices.visualsCombo(), QStringLiteral("runway")));
    QVERIFY(choices.select(choices.voiceCombo(), QStringLiteral("gemini")));
    choices.setDurationSeconds(60);
    // 60 s of gen4_turbo clips at 5 credits/s and $0.01 a credit, plus a little Gemini voice.
    QVERIFY2(choices.estimatedUsd() > 3.0 && choices.estimatedUsd() < 3.5,
             qPrintable(QString::number(choices.estimatedUsd())));
    QVERIFY2(choices.costText().contains(QLatin1String("clips")), qPrintable(choices.costText()));
    JobOptions options;
    choices.apply(options);
    QCOMPARE(options.visualsProvider, QStringLiteral("runway"));
    QCOMPARE(options.voiceProvider, QStringLiteral("gemini"));
    QCOMPARE(options.scriptProvider, QStringLiteral("builtin"));

    f.secrets->setSecret(ProviderId::Runway, QString()); // key removed in Settings
    choices.refresh();
    QCOMPARE(choices.visualsProvider(), QStringLiteral("builtin"));
}

void TestProvidersPage::runwayClipsAtOnceReachEveryJob() {
    QStandardPaths::setTestModeEnabled(true); // the setting goes to a test location
    Fixture f;
    QVERIFY(f.init());
    ProvidersPage page(&f.keys, f.secrets, f.hub, f.store.databasePath(), f.user, &f.pool);
    auto* field = page.findChild<RunwayConcurrencyField*>();
    QVERIFY(field);
    QCOMPARE(field->value(), 2); // Runway's first tiers run 2 at a time
    field->setValue(5);
    QCOMPARE(f.hub->providerSlots().capacity(ProviderId::Runway), 5); // running jobs share it now
    // Kept for the next start.
    auto next = std::make_shared<ProviderHub>(ProviderConfig{}, f.secrets);
    RunwayConcurrencyField::applySaved(*next);
    QCOMPARE(next->providerSlots().capacity(ProviderId::Runway), 5);
    QSettings().remove(QLatin1String(RunwayConcurrencyField::kSettingsKey));
    page.resize(640, 900);
    QDir().mkpath(QStringLiteral("/tmp/cloudpar-shots"));
    page.grab().save(QStringLiteral("/tmp/cloudpar-shots/providers-page.png"));
}

void TestProvidersPage::speechServerCheckListsItsVoices_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("voices"); // empty: Check fails
    QTest::addColumn<QString>("message");    // a part of the status line
    QTest::newRow("Kokoro-FastAPI") << 200 << QByteArray(R"({"voices":["af_heart","bm_george"]})")
                                    << QStringList{"af_heart", "bm_george"} << "2";
    QTest::newRow("a plain list") << 200 << QByteArray(R"(["alloy","echo","fable"])")
                                  << QStringList{"alloy", "echo", "fable"} << "3";
    QTest::newRow("objects with id or name")
        << 200 << QByteArray(R"({"voices":[{"id":"v1"},{"name":"Nova","id":"v2"}]})")
        << QStringList{"v1", "Nova"} << "2";
    QTest::newRow("no voice list") << 404 << QByteArray(R"({"detail":"Not Found"})")
                                   << QStringList{} << "no voice list: type the voice's name";
}

void TestProvidersPage::speechServerCheckListsItsVoices() {
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QStringList, voices);
    QFETCH(QString, message);
    Fixture f;
    QVERIFY(f.init());
    f.server.setHandler(
        [status, body](const hh::test::FakeRequest&) { return FakeReply::json(status, body); });
    ProvidersPage page(&f.keys, f.secrets, f.hub, f.store.databasePath(), f.user, &f.pool);
    ServerBox* box = page.speechServer();
    QVERIFY(box && box->voiceBox());
    box->addressField()->setText(f.server.url().toString()); // no /v1: added
    QSignalSpy checked(box, &ServerBox::checkFinished);
    QTest::mouseClick(box->checkButton(), Qt::LeftButton);
    QVERIFY(checked.wait(10000));
    QCOMPARE(f.server.requests().last().path, QByteArray("/v1/audio/voices"));
    QCOMPARE(checked.first().at(0).toBool(), !voices.isEmpty());
    QVERIFY2(box->statusLabel()->text().contains(message), qPrintable(box->statusLabel()->text()));
    if (voices.isEmpty()) {
        // The configured voice is still there to be typed over.
        QCOMPARE(box->voiceBox()->currentText(), ProviderConfig{}.speechVoice);
        return;
    }
    QStringList listed;
    for (int i = 0; i < box->voiceBox()->count(); ++i)
        listed << box->voiceBox()->itemText(i);
    QCOMPARE(listed, voices);
    if (const QString shots = qEnvironmentVariable("HH_SHOTS_DIR"); !shots.isEmpty()) {
        page.resize(720, 900);
        page.providerGroup(ProviderId::Speech)
            ->grab()
            .save(shots + QStringLiteral("/providers-speech-%1.png").arg(QTest::currentDataTag()));
    }
}

void TestProvidersPage::speechServerRefusesPlainHttpElsewhere() {
    Fixture f;
    QVERIFY(f.init());
    const QString accountDir = f.dir.filePath(QStringLiteral("ada"));
    ProvidersPage page(&f.keys, f.secrets, f.hub, f.store.databasePath(), f.user, &f.pool);
    page.setAccountFolder(accountDir);
    ServerBox* box = page.speechServer();
    box->addressField()->setText(QStringLiteral("http://192.168.1.20:8880/v1"));
    box->voiceBox()->setEditText(QStringLiteral("bm_george"));
    QVERIFY(!box->save());
    QVERIFY2(box->statusLabel()->text().contains(QLatin1String("only for a server on this")),
             qPrintable(box->statusLabel()->text()));
    // Nothing was kept: jobs still ask the configured server with its voice.
    QCOMPARE(f.hub->configFor(f.user).speechBase, ProviderConfig{}.speechBase);
    QCOMPARE(f.hub->configFor(f.user).speechVoice, ProviderConfig{}.speechVoice);
    QVERIFY(ServerSettings(accountDir, ServerKind::Speech).address().isEmpty());
}

void TestProvidersPage::savedSpeechServerReachesOnlyItsOwnersJobs() {
    Fixture f;
    QVERIFY(f.init());
    const qint64 other = f.store.createUser(QStringLiteral("bo"), QStringLiteral("!")).value();
    f.server.setHandler([](const hh::test::FakeRequest& request) {
        if (request.path == "/v1/audio/voices")
            return FakeReply::json(200, R"({"voices":["af_heart","bm_george"]})");
        return FakeReply::json(400, R"({"error":{"message":"test server speaks no words"}})");
    });
    const QString accountDir = f.dir.filePath(QStringLiteral("ada"));
    {
        ProvidersPage page(&f.keys, f.secrets, f.hub, f.store.databasePath(), f.user, &f.pool);
        page.setAccountFolder(accountDir);
        ServerBox* box = page.speechServer();
        box->addressField()->setText(f.server.url().toString());
        box->modelBox()->setEditText(QStringLiteral("kokoro-v1"));
        QSignalSpy checked(box, &ServerBox::checkFinished);
        box->check();
        QVERIFY(checked.wait(10000));
        box->voiceBox()->setCurrentIndex(box->voiceBox()->findText(QStringLiteral("bm_george")));
        QVERIFY(box->save());
    }
    // Kept in the account's settings file, beside (not instead of) its local LLM server.
    const ServerSettings saved(accountDir, ServerKind::Speech);
    QCOMPARE(saved.model(), QStringLiteral("kokoro-v1"));
    QCOMPARE(saved.voice(), QStringLiteral("bm_george"));
    QCOMPARE(saved.address().port(), f.server.url().port());
    QVERIFY(ServerSettings(accountDir, ServerKind::LocalLlm).address().isEmpty());
    QVERIFY(
        !QSettings(QDir(accountDir).filePath(QStringLiteral("settings.ini")), QSettings::IniFormat)
             .allKeys()
             .join(QLatin1Char(' '))
             .contains(QLatin1String("key"), Qt::CaseInsensitive));
    // The owner's job sessions use them; another account's and the CLI's do not.
    const ProviderConfig own = ProviderSession(f.hub, nullptr, nullptr, f.user).config();
    QCOMPARE(own.speechBase.port(), f.server.url().port());
    QCOMPARE(own.speechModel, QStringLiteral("kokoro-v1"));
    QCOMPARE(own.speechVoice, QStringLiteral("bm_george"));
    QCOMPARE(own.openAiBase, ProviderConfig{}.openAiBase);
    for (qint64 owner : {other, qint64(0)}) {
        const ProviderConfig theirs = ProviderSession(f.hub, nullptr, nullptr, owner).config();
        QCOMPARE(theirs.speechBase, ProviderConfig{}.speechBase);
        QCOMPARE(theirs.speechModel, ProviderConfig{}.speechModel);
        QCOMPARE(theirs.speechVoice, ProviderConfig{}.speechVoice);
    }
    // The owner's narration asks the saved server for the saved model and voice.
    f.server.clearRequests();
    Script script;
    script.title = QStringLiteral("Test");
    script.language = QStringLiteral("en");
    script.scenes.append(
        Scene{QStringLiteral("point"), QStringLiteral("Sleep helps."), {}, {}, {}});
    std::unique_ptr<QThread> worker(QThread::create([&f, &script] {
        ProviderSession session(f.hub, nullptr, nullptr, f.user);
        OpenAiSpeechVoice(session).synthesize(script, VoiceParams{}, StepControl{});
    }));
    worker->start();
    QTRY_VERIFY_WITH_TIMEOUT(worker->isFinished(), 30000);
    const auto requests = f.server.requests();
    QVERIFY(!requests.isEmpty());
    QCOMPARE(requests.first().path, QByteArray("/v1/audio/speech"));
    QCOMPARE(requests.first().json().value(QLatin1String("model")).toString(),
             QStringLiteral("kokoro-v1"));
    QCOMPARE(requests.first().json().value(QLatin1String("voice")).toString(),
             QStringLiteral("bm_george"));
    // A new page for the account shows what it saved.
    ProvidersPage again(&f.keys, f.secrets, f.hub, f.store.databasePath(), f.user, &f.pool);
    QCOMPARE(again.speechServer()->voiceBox()->currentText(), QStringLiteral("bm_george"));
    QCOMPARE(again.speechServer()->modelBox()->currentText(), QStringLiteral("kokoro-v1"));
}

QTEST_MAIN(TestProvidersPage)
#include "tst_providers_page.moc"
