// SPDX-License-Identifier: GPL-3.0-or-later
// Provider keys in the real Secret Service (CI starts D-Bus and an unlocked
// gnome-keyring): stored per account, read back, removed, and never written to
// the data folder or settings.
#include "CiServices.h"
#include "KeyStore.h"
#include "TestUtil.h"

#include <QDirIterator>
#include <QEventLoop>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QUuid>
#include <QtTest>

using namespace hh;

namespace {

// Waits for an asynchronous keychain call, at most 20 s.
template <typename T> T await(const std::function<void(std::function<void(T)>)>& start) {
    QEventLoop loop;
    std::optional<T> out;
    start([&](T value) {
        out = std::move(value);
        loop.quit();
    });
    if (!out) {
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return out ? *out : T(Error{ErrorType::Internal, QStringLiteral("keychain timed out")});
}

Result<QString> readKey(KeyStore& store, qint64 user, ProviderId id) {
    return await<Result<QString>>(
        [&](std::function<void(Result<QString>)> done) { store.read(user, id, done); });
}
Error writeKey(KeyStore& store, qint64 user, ProviderId id, const QString& key) {
    return await<Error>([&](std::function<void(Error)> done) { store.write(user, id, key, done); });
}
Error removeKey(KeyStore& store, qint64 user, ProviderId id) {
    return await<Error>([&](std::function<void(Error)> done) { store.remove(user, id, done); });
}

} // namespace

class TestKeychain : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void entryNamesAreByAccountUuid_data();
    void entryNamesAreByAccountUuid();
    void keysArePerAccountAndRemovable();
    void accountKeysLoadIntoMemory();
    void cleanupTestCase();

private:
    // A service name of its own so a developer's real keys are never touched.
    QString m_service =
        QStringLiteral("Hidden Hill test %1").arg(QCoreApplication::applicationPid());
    // The test's accounts: a fresh uuid for each id, as the accounts' database gives.
    QHash<qint64, QString> m_uuids;
    std::unique_ptr<KeychainKeyStore> m_store;
    QTemporaryDir m_home;
};

void TestKeychain::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    m_store = std::make_unique<KeychainKeyStore>(
        [this](qint64 user) -> Result<KeyOwner> {
            QString& uuid = m_uuids[user];
            if (uuid.isEmpty())
                uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
            return KeyOwner{uuid, 0};
        },
        m_service);
    const Error probe = writeKey(*m_store, 1, ProviderId::Ncbi, QStringLiteral("probe"));
    if (probe.isError()) {
        // CI starts an unlocked keyring (packaging/dev.sh); on a developer machine
        // without one the test says why it cannot run instead of failing.
        HH_SKIP_UNLESS_CI(QStringLiteral("no usable Secret Service here: %1").arg(probe.message));
    }
    QVERIFY(!removeKey(*m_store, 1, ProviderId::Ncbi).isError());
}

void TestKeychain::entryNamesAreByAccountUuid_data() {
    QTest::addColumn<QString>("user");
    QTest::addColumn<int>("provider");
    QTest::addColumn<QString>("name");
    const QString uuid = QStringLiteral("0b5c3e0e-8d7e-4a55-9d1c-2f4e6f0a9b11");
    QTest::newRow("gemini") << uuid << int(ProviderId::Gemini) << "user-" + uuid + "/gemini";
    QTest::newRow("runway") << uuid << int(ProviderId::Runway) << "user-" + uuid + "/runway";
    QTest::newRow("ncbi") << uuid << int(ProviderId::Ncbi) << "user-" + uuid + "/ncbi";
    QTest::newRow("openai") << uuid << int(ProviderId::OpenAi) << "user-" + uuid + "/openai";
}

void TestKeychain::entryNamesAreByAccountUuid() {
    QFETCH(QString, user);
    QFETCH(int, provider);
    QFETCH(QString, name);
    QCOMPARE(KeyStore::entryName(user, ProviderId(provider)), name);
    // The name before uuids, read only for accounts made before them.
    QCOMPARE(KeyStore::legacyEntryName(7, ProviderId(provider)),
             QStringLiteral("user-7/") + providerKey(ProviderId(provider)));
}

void TestKeychain::keysArePerAccountAndRemovable() {
    const QString key = QStringLiteral("AIzaFAKE-test-key-0123456789abcdef");
    QVERIFY(!writeKey(*m_store, 41, ProviderId::Gemini, key).isError());
    QCOMPARE(readKey(*m_store, 41, ProviderId::Gemini).value(), key);
    // Another account, or another provider of the same account, sees nothing.
    QCOMPARE(readKey(*m_store, 42, ProviderId::Gemini).value(), QString());
    QCOMPARE(readKey(*m_store, 41, ProviderId::Runway).value(), QString());
    // Replacing keeps one entry.
    QVERIFY(!writeKey(*m_store, 41, ProviderId::Gemini, key + QStringLiteral("2")).isError());
    QCOMPARE(readKey(*m_store, 41, ProviderId::Gemini).value(), key + QStringLiteral("2"));
    QVERIFY(!removeKey(*m_store, 41, ProviderId::Gemini).isError());
    QCOMPARE(readKey(*m_store, 41, ProviderId::Gemini).value(), QString());

    // Nothing of the key landed in settings or app data (the plaintext fallback is off).
    for (const auto location :
         {QStandardPaths::AppConfigLocation, QStandardPaths::AppLocalDataLocation,
          QStandardPaths::GenericConfigLocation}) {
        const QString dir = QStandardPaths::writableLocation(location);
        QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            if (file.open(QIODevice::ReadOnly) && file.size() < 10 * 1024 * 1024)
                QVERIFY2(!file.readAll().contains(key.toUtf8()), qPrintable(file.fileName()));
        }
    }
}

void TestKeychain::accountKeysLoadIntoMemory() {
    QVERIFY(!writeKey(*m_store, 51, ProviderId::Runway, QStringLiteral("rw-secret")).isError());
    QVERIFY(!writeKey(*m_store, 52, ProviderId::Runway, QStringLiteral("other")).isError());
    auto secrets = std::make_shared<MemorySecrets>();
    secrets->setSecret(ProviderId::Gemini, QStringLiteral("left over from the last account"));
    const Error error = await<Error>(
        [&](std::function<void(Error)> done) { loadAccountKeys(*m_store, 51, secrets, done); });
    QVERIFY2(!error.isError(), qPrintable(error.message));
    QCOMPARE(secrets->secret(ProviderId::Runway), QStringLiteral("rw-secret"));
    QCOMPARE(secrets->secret(ProviderId::Gemini), QString()); // cleared on switch
    QVERIFY(!removeKey(*m_store, 51, ProviderId::Runway).isError());
    QVERIFY(!removeKey(*m_store, 52, ProviderId::Runway).isError());
}

void TestKeychain::cleanupTestCase() {
    if (!m_store)
        return;
    for (qint64 user : {41, 42, 51, 52})
        for (ProviderId id :
             {ProviderId::Gemini, ProviderId::Runway, ProviderId::Ncbi, ProviderId::OpenAi})
            removeKey(*m_store, user, id);
}

QTEST_MAIN(TestKeychain)
#include "tst_keychain.moc"
