// SPDX-License-Identifier: GPL-3.0-or-later
// "Check key" in Settings → Providers: the exact request each provider gets and
// what the user is told, against fake servers speaking the real formats.
#include "FakeClock.h"
#include "FakeHttpServer.h"
#include "ProviderFakes.h"
#include "TestUtil.h"
#include "providers/KeyCheck.h"

#include <QtTest>

using namespace hh;
using hh::test::FakeHttpServer;
using hh::test::FakeReply;

class TestKeyCheck : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void check_data();
    void check();
    void emptyKeySendsNothing();
};

void TestKeyCheck::check_data() {
    QTest::addColumn<int>("provider");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("body");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("header"); // name=value the request must carry, or query item
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("detail");
    QTest::newRow("gemini ok") << int(ProviderId::Gemini) << 200 << "keycheck/gemini-model.json"
                               << QByteArray("/v1beta/models/gemini-2.5-flash")
                               << QByteArray("x-goog-api-key=KEY-123") << ""
                               << "is available";
    QTest::newRow("gemini bad key")
        << int(ProviderId::Gemini) << 400 << "http/gemini-400-badkey.json"
        << QByteArray("/v1beta/models/gemini-2.5-flash") << QByteArray("x-goog-api-key=KEY-123")
        << "auth"
        << "";
    QTest::newRow("runway ok") << int(ProviderId::Runway) << 200 << "keycheck/runway-org.json"
                               << QByteArray("/v1/organization")
                               << QByteArray("authorization=Bearer KEY-123") << ""
                               << "1250";
    QTest::newRow("runway 401") << int(ProviderId::Runway) << 401 << "keycheck/runway-401.json"
                                << QByteArray("/v1/organization")
                                << QByteArray("x-runway-version=2024-11-06") << "auth"
                                << "";
    QTest::newRow("ncbi ok") << int(ProviderId::Ncbi) << 200 << "keycheck/ncbi-einfo.json"
                             << QByteArray("/entrez/eutils/einfo.fcgi")
                             << QByteArray("?api_key=KEY-123") << ""
                             << "accepted";
    QTest::newRow("ncbi bad key") << int(ProviderId::Ncbi) << 400 << "keycheck/ncbi-400.json"
                                  << QByteArray("/entrez/eutils/einfo.fcgi")
                                  << QByteArray("?tool=hiddenhill") << "auth"
                                  << "";
    QTest::newRow("local llm ok") << int(ProviderId::OpenAi) << 200 << "keycheck/openai-models.json"
                                  << QByteArray("/v1/models")
                                  << QByteArray("authorization=Bearer KEY-123") << ""
                                  << "2 model(s)";
}

void TestKeyCheck::check() {
    QFETCH(int, provider);
    QFETCH(int, status);
    QFETCH(QString, body);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, header);
    QFETCH(QString, errorType);
    QFETCH(QString, detail);
    FakeHttpServer server;
    server.enqueue(FakeReply::json(status, hh::test::testData(body)));
    ProviderConfig config;
    config.geminiBase = server.url();
    config.runwayBase = server.url();
    config.ncbiBase = server.url();
    config.openAiBase = server.url().resolved(QUrl(QStringLiteral("/v1")));
    config.openAiModel = QStringLiteral("qwen2.5");
    auto hub = std::make_shared<ProviderHub>(config, std::make_shared<MemorySecrets>(),
                                             std::make_shared<hh::test::FakeClock>());
    ProviderSession session(hub);
    const KeyCheckResult result =
        checkProviderKey(session, ProviderId(provider), QStringLiteral("KEY-123"));

    QCOMPARE(server.requestCount(), 1); // a refused key is never retried
    const auto request = server.requests().first();
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.path, path);
    if (header.startsWith('?')) {
        const QList<QByteArray> kv = header.mid(1).split('=');
        QCOMPARE(request.query.queryItemValue(QString::fromLatin1(kv[0])),
                 QString::fromLatin1(kv[1]));
    } else {
        const int eq = header.indexOf('=');
        QCOMPARE(request.header(header.left(eq)), header.mid(eq + 1));
    }
    QCOMPARE(result.error.code(), errorType);
    if (!detail.isEmpty())
        QVERIFY2(result.detail.contains(detail), qPrintable(result.detail));
    // The key itself is never echoed back to the user.
    QVERIFY(!result.error.message.contains(QLatin1String("KEY-123")));
}

void TestKeyCheck::emptyKeySendsNothing() {
    FakeHttpServer server;
    ProviderConfig config;
    config.geminiBase = server.url();
    auto hub = std::make_shared<ProviderHub>(config, std::make_shared<MemorySecrets>());
    ProviderSession session(hub);
    const KeyCheckResult result =
        checkProviderKey(session, ProviderId::Gemini, QStringLiteral(" "));
    QCOMPARE(result.error.code(), QStringLiteral("auth"));
    QCOMPARE(server.requestCount(), 0);
}

QTEST_GUILESS_MAIN(TestKeyCheck)
#include "tst_keycheck.moc"
