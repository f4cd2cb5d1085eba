// SPDX-License-Identifier: GPL-3.0-or-later
// The one HTTP layer every cloud provider goes through: retries only for
// transient failures, the server's delay hints, timeouts, size caps, redirects,
// cancellation and the shared rate limiter, against a real socket on 127.0.0.1.
#include "FakeClock.h"
#include "FakeHttpServer.h"
#include "ProviderFakes.h"
#include "TestUtil.h"
#include "net/HttpTransport.h"
#include "net/RetryingCaller.h"
#include "providers/ProviderConfig.h"

#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QtTest>
#include <thread>

using namespace hh;
using hh::test::FakeClock;
using hh::test::FakeHttpServer;
using hh::test::FakeReply;

namespace {

QByteArray dataFile(const QString& name) {
    return hh::test::testData(QStringLiteral("http/") + name);
}

enum class Flavour { Generic, Gemini, Runway };

ErrorInterpreter interpreterFor(Flavour flavour) {
    switch (flavour) {
    case Flavour::Gemini:
        return interpretGeminiError;
    case Flavour::Runway:
        return interpretRunwayError;
    case Flavour::Generic:
        break;
    }
    return {};
}

} // namespace

Q_DECLARE_METATYPE(QList<FakeReply>)
Q_DECLARE_METATYPE(Flavour)

class TestHttp : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void retries_data();
    void retries();
    void sendsTheRequestAsGiven();
    void connectionResetsAreRetriedThenReported();
    void stalledTransferTimesOut();
    void oversizedBodyIsRefused();
    void plainHttpOnlyToLoopback_data();
    void plainHttpOnlyToLoopback();
    void redirects_data();
    void redirects();
    void redirectLoopIsAlwaysAnError();
    void keysStayWithTheirOrigin_data();
    void keysStayWithTheirOrigin();
    void cancelStopsAStalledCall();
    void cancelStopsABackoffWait();
    void jitterStaysUnderTheCeiling();
    void rateLimiterSpacesRequests();
    void rateLimiterHoldsAcrossThreads();
    void retryAfterFormats_data();
    void retryAfterFormats();
    void runwayValidationErrorIsReadable();
    void baseUrlsFromEnvironment();

private:
    QNetworkAccessManager m_manager;
};

void TestHttp::retries_data() {
    QTest::addColumn<QList<FakeReply>>("replies");
    QTest::addColumn<Flavour>("flavour");
    QTest::addColumn<int>("attempts");
    QTest::addColumn<QString>("errorType"); // empty: success
    QTest::addColumn<QList<qint64>>("delays");

    const FakeReply ok = FakeReply::json(200, dataFile(QStringLiteral("ok.json")));
    auto status = [](int code) { return FakeReply::json(code, R"({"error":"x"})"); };
    FakeReply tooMany = FakeReply::json(429, R"({"error":"slow down"})");
    tooMany.withHeader("Retry-After", "7");
    FakeReply tooManyLong = FakeReply::json(429, R"({"error":"slow down"})");
    tooManyLong.withHeader("Retry-After", "3600");
    FakeReply truncated = ok;
    truncated.body = R"({"candidates":[{"content":{"parts":[{"text":"hello world"}]}}]})";
    truncated.mode = FakeReply::Mode::Truncate;
    FakeReply runwayMs = FakeReply::json(429, R"({"error":"Too many requests"})");
    runwayMs.withHeader("retry-after-ms", "250");

    // Jitter is fixed at 0.5 in this test, so backoff waits are 500, 1000, 2000 ms.
    QTest::newRow("200 at once") << QList<FakeReply>{ok} << Flavour::Generic << 1 << QString()
                                 << QList<qint64>{};
    QTest::newRow("429 Retry-After 7 s, then 200")
        << QList<FakeReply>{tooMany, ok} << Flavour::Generic << 2 << QString()
        << QList<qint64>{7000};
    QTest::newRow("Gemini 429 RetryInfo 1.5s, then 200")
        << QList<FakeReply>{FakeReply::json(429, dataFile("gemini-429-retryinfo.json")), ok}
        << Flavour::Gemini << 2 << QString() << QList<qint64>{1500};
    QTest::newRow("500, 503, then 200")
        << QList<FakeReply>{status(500), FakeReply::json(503, dataFile("gemini-503.json")), ok}
        << Flavour::Gemini << 3 << QString() << QList<qint64>{500, 1000};
    QTest::newRow("502 and 504 are transient")
        << QList<FakeReply>{status(502), status(504), ok} << Flavour::Generic << 3 << QString()
        << QList<qint64>{500, 1000};
    QTest::newRow("503 four times: gives up")
        << QList<FakeReply>{status(503), status(503), status(503), status(503)} << Flavour::Generic
        << 4 << QStringLiteral("provider") << QList<qint64>{500, 1000, 2000};
    QTest::newRow("cut-off body, then 200") << QList<FakeReply>{truncated, ok} << Flavour::Generic
                                            << 2 << QString() << QList<qint64>{500};
    QTest::newRow("Runway retry-after-ms") << QList<FakeReply>{runwayMs, ok} << Flavour::Runway << 2
                                           << QString() << QList<qint64>{250};
    QTest::newRow("400 is fatal") << QList<FakeReply>{status(400), ok} << Flavour::Generic << 1
                                  << QStringLiteral("provider") << QList<qint64>{};
    QTest::newRow("Gemini bad key is auth")
        << QList<FakeReply>{FakeReply::json(400, dataFile("gemini-400-badkey.json")), ok}
        << Flavour::Gemini << 1 << QStringLiteral("auth") << QList<qint64>{};
    QTest::newRow("401 is auth") << QList<FakeReply>{status(401), ok} << Flavour::Runway << 1
                                 << QStringLiteral("auth") << QList<qint64>{};
    QTest::newRow("403 is auth") << QList<FakeReply>{status(403), ok} << Flavour::Generic << 1
                                 << QStringLiteral("auth") << QList<qint64>{};
    QTest::newRow("404 is not found") << QList<FakeReply>{status(404), ok} << Flavour::Generic << 1
                                      << QStringLiteral("not_found") << QList<qint64>{};
    QTest::newRow("Gemini daily quota: no retry")
        << QList<FakeReply>{FakeReply::json(429, dataFile("gemini-429-perday.json")), ok}
        << Flavour::Gemini << 1 << QStringLiteral("quota") << QList<qint64>{};
    QTest::newRow("Retry-After of an hour: fail now")
        << QList<FakeReply>{tooManyLong, ok} << Flavour::Generic << 1
        << QStringLiteral("rate_limited") << QList<qint64>{};
}

void TestHttp::retries() {
    QFETCH(QList<FakeReply>, replies);
    QFETCH(Flavour, flavour);
    QFETCH(int, attempts);
    QFETCH(QString, errorType);
    QFETCH(QList<qint64>, delays);

    FakeHttpServer server;
    for (const auto& reply : replies)
        server.enqueue(reply);
    FakeClock clock;
    QtHttpTransport transport(m_manager);
    RetryingCaller caller(QStringLiteral("Test"), transport, clock, nullptr,
                          interpreterFor(flavour), RetryPolicy{}, [] { return 0.5; });
    HttpRequest request;
    request.url = server.url().resolved(QUrl(QStringLiteral("/v1/thing")));
    const CallOutcome outcome = caller.call(request, nullptr);

    QCOMPARE(outcome.attempts, attempts);
    QCOMPARE(server.requestCount(), attempts);
    QCOMPARE(outcome.delaysMs, delays);
    QCOMPARE(clock.sleeps(), delays);
    if (errorType.isEmpty()) {
        QVERIFY2(outcome.ok(), qPrintable(outcome.failure.error.message));
        QCOMPARE(outcome.response.status, 200);
        QCOMPARE(outcome.response.body, dataFile(QStringLiteral("ok.json")));
    } else {
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.failure.error.code(), errorType);
        QVERIFY(!outcome.failure.error.message.isEmpty());
    }
}

void TestHttp::sendsTheRequestAsGiven() {
    FakeHttpServer server;
    server.enqueue(FakeReply::json(200, R"({"id":"abc"})"));
    QtHttpTransport transport(m_manager);
    HttpRequest request;
    request.url = server.url().resolved(QUrl(QStringLiteral("/v1/image_to_video?x=1")));
    request.setHeader("Authorization", "Bearer secret-token");
    request.setHeader("X-Runway-Version", "2024-11-06");
    request.setJsonBody(R"({"model":"gen4_turbo","duration":5})");
    const HttpResponse response = transport.send(request, nullptr);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body, QByteArray(R"({"id":"abc"})"));
    QCOMPARE(response.header("content-type"), QByteArray("application/json"));

    const auto requests = server.requests();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests[0].method, QByteArray("POST"));
    QCOMPARE(requests[0].path, QByteArray("/v1/image_to_video"));
    QCOMPARE(requests[0].query.queryItemValue(QStringLiteral("x")), QStringLiteral("1"));
    QCOMPARE(requests[0].header("authorization"), QByteArray("Bearer secret-token"));
    QCOMPARE(requests[0].header("x-runway-version"), QByteArray("2024-11-06"));
    QCOMPARE(requests[0].header("content-type"), QByteArray("application/json"));
    QCOMPARE(requests[0].json().value(QLatin1String("duration")).toInt(), 5);
}

void TestHttp::connectionResetsAreRetriedThenReported() {
    // Qt itself re-sends once on a connection closed before any answer, so the
    // server may see more requests than our attempts; the outcome is what counts.
    FakeHttpServer server;
    server.setHandler([](const hh::test::FakeRequest&) {
        FakeReply reset;
        reset.mode = FakeReply::Mode::Reset;
        return reset;
    });
    FakeClock clock;
    QtHttpTransport transport(m_manager);
    RetryingCaller caller(QStringLiteral("Test"), transport, clock, nullptr, {}, RetryPolicy{},
                          [] { return 0.5; });
    HttpRequest request;
    request.url = server.url();
    const CallOutcome outcome = caller.call(request, nullptr);
    QCOMPARE(outcome.attempts, 4);
    QVERIFY(server.requestCount() >= 4);
    QCOMPARE(outcome.failure.error.code(), QStringLiteral("network"));
    QVERIFY(outcome.failure.error.message.contains(QLatin1String("gave up after 4 attempts")));
    QCOMPARE(clock.sleeps(), (QList<qint64>{500, 1000, 2000}));
}

void TestHttp::stalledTransferTimesOut() {
    FakeHttpServer server;
    FakeReply stall = FakeReply::json(200, QByteArray(4096, 'x'));
    stall.mode = FakeReply::Mode::Stall;
    server.enqueue(stall);
    QtHttpTransport transport(m_manager);
    HttpRequest request;
    request.url = server.url();
    request.stallTimeoutMs = 300;
    QElapsedTimer timer;
    timer.start();
    const HttpResponse response = transport.send(request, nullptr);
    QCOMPARE(response.failure, TransportFailure::Timeout);
    QVERIFY(response.body.isEmpty()); // never half a body
    QVERIFY2(timer.elapsed() < 5000, "a stalled server must not hang the job");

    const ApiFailure failure = transportFailure(QStringLiteral("Gemini"), response);
    QCOMPARE(failure.error.code(), QStringLiteral("network"));
    QVERIFY(failure.retryable);
}

void TestHttp::oversizedBodyIsRefused() {
    FakeHttpServer server;
    server.enqueue(FakeReply::json(200, QByteArray(64 * 1024, 'x')));
    QtHttpTransport transport(m_manager);
    HttpRequest request;
    request.url = server.url();
    request.maxResponseBytes = 1024;
    const HttpResponse response = transport.send(request, nullptr);
    QCOMPARE(response.failure, TransportFailure::TooLarge);
    QVERIFY(response.body.isEmpty());
    QVERIFY(!transportFailure(QStringLiteral("Runway"), response).retryable);
}

void TestHttp::plainHttpOnlyToLoopback_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("https anywhere") << "https://generativelanguage.googleapis.com/v1beta" << true;
    QTest::newRow("http 127.0.0.1") << "http://127.0.0.1:8080/x" << true;
    QTest::newRow("http localhost") << "http://localhost:11434/v1" << true;
    QTest::newRow("http [::1]") << "http://[::1]:8080/" << true;
    QTest::newRow("http LAN host") << "http://192.168.1.20:11434/v1" << false;
    QTest::newRow("http public host") << "http://api.dev.runwayml.com/v1" << false;
    QTest::newRow("ftp") << "ftp://ftp.ncbi.nlm.nih.gov/pub" << false;
    QTest::newRow("file") << "file:///etc/passwd" << false;
}

void TestHttp::plainHttpOnlyToLoopback() {
    QFETCH(QString, url);
    QFETCH(bool, allowed);
    QCOMPARE(insecureUrlReason(QUrl(url)).isEmpty(), allowed);
    if (!allowed) {
        QtHttpTransport transport(m_manager);
        HttpRequest request;
        request.url = QUrl(url);
        const HttpResponse response = transport.send(request, nullptr);
        QCOMPARE(response.failure, TransportFailure::Insecure);
    }
}

void TestHttp::redirects_data() {
    QTest::addColumn<QByteArray>("location");
    QTest::addColumn<int>("maxRedirects");
    QTest::addColumn<bool>("followed");
    QTest::newRow("to this server") << QByteArray("/second") << 3 << true;
    QTest::newRow("to plain http elsewhere") << QByteArray("http://example.org/x") << 3 << false;
    QTest::newRow("none allowed") << QByteArray("/second") << 0 << false;
}

void TestHttp::redirects() {
    QFETCH(QByteArray, location);
    QFETCH(int, maxRedirects);
    QFETCH(bool, followed);
    FakeHttpServer server;
    FakeReply redirect = FakeReply::bytes(302, "text/plain", "moved");
    redirect.withHeader("Location", location);
    server.enqueue(redirect);
    server.enqueue(FakeReply::json(200, dataFile(QStringLiteral("ok.json"))));
    QtHttpTransport transport(m_manager);
    HttpRequest request;
    request.url = server.url().resolved(QUrl(QStringLiteral("/first")));
    request.maxRedirects = maxRedirects;
    const HttpResponse response = transport.send(request, nullptr);
    QCOMPARE(response.ok(), followed);
    if (followed) {
        QCOMPARE(server.requests().last().path, QByteArray("/second"));
        QCOMPARE(response.finalUrl.path(), QStringLiteral("/second"));
    } else {
        QCOMPARE(server.requestCount(), 1);
        QVERIFY(!response.failureText.isEmpty());
    }
}

// Qt 6.4 ends some redirect loops with no error and status 100 (about one run in
// four): the transport must still report the loop, never hand on "HTTP 100".
void TestHttp::redirectLoopIsAlwaysAnError() {
    for (int run = 0; run < 40; ++run) {
        FakeHttpServer server;
        server.setHandler([](const hh::test::FakeRequest&) {
            FakeReply loop = FakeReply::bytes(302, "text/plain", "moved");
            loop.withHeader("Location", "/loop?x=1");
            return loop;
        });
        QtHttpTransport transport(m_manager);
        HttpRequest request;
        request.url = server.url().resolved(QUrl(QStringLiteral("/loop?x=1")));
        const HttpResponse response = transport.send(request, nullptr);
        QCOMPARE(response.failure, TransportFailure::Redirects);
        QVERIFY(!response.failureText.isEmpty());
    }
}

void TestHttp::keysStayWithTheirOrigin_data() {
    QTest::addColumn<bool>("otherHost");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("methodAfter");
    QTest::newRow("302 to another host") << true << 302 << QByteArray("GET") << QByteArray("GET");
    QTest::newRow("303 after a POST, to another host")
        << true << 303 << QByteArray("POST") << QByteArray("GET");
    QTest::newRow("307 after a POST, to another host")
        << true << 307 << QByteArray("POST") << QByteArray("POST");
    QTest::newRow("302 on the same host") << false << 302 << QByteArray("GET") << QByteArray("GET");
}

// Qt copies every header of a request to wherever a redirect points; an API key
// must never reach another host that way.
void TestHttp::keysStayWithTheirOrigin() {
    QFETCH(bool, otherHost);
    QFETCH(int, status);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, methodAfter);
    FakeHttpServer api;
    FakeHttpServer elsewhere;
    FakeHttpServer& target = otherHost ? elsewhere : api;
    const QUrl second = target.url().resolved(QUrl(QStringLiteral("/second")));
    FakeReply redirect = FakeReply::bytes(status, "text/plain", "moved");
    redirect.withHeader("Location", second.toEncoded());
    api.enqueue(redirect);
    target.enqueue(FakeReply::json(200, dataFile(QStringLiteral("ok.json"))));
    QtHttpTransport transport(m_manager);
    HttpRequest request;
    request.url = api.url().resolved(QUrl(QStringLiteral("/first")));
    request.setHeader("Authorization", "Bearer secret-token");
    request.setHeader("x-goog-api-key", "secret-key");
    request.setHeader("X-Runway-Version", "2024-11-06");
    if (method == "POST")
        request.setJsonBody(dataFile(QStringLiteral("ok.json")));
    const HttpResponse response = transport.send(request, nullptr);
    QVERIFY2(response.ok(), qPrintable(response.failureText));
    QCOMPARE(response.body, dataFile(QStringLiteral("ok.json")));
    QCOMPARE(response.finalUrl, second);

    const hh::test::FakeRequest hop = target.requests().last();
    QCOMPARE(hop.path, QByteArray("/second"));
    QCOMPARE(hop.method, methodAfter);
    QCOMPARE(hop.header("x-runway-version"), QByteArray("2024-11-06"));
    QCOMPARE(hop.header("authorization").isEmpty(), otherHost);
    QCOMPARE(hop.header("x-goog-api-key").isEmpty(), otherHost);
    QCOMPARE(hop.body.isEmpty(), methodAfter == "GET");
}

void TestHttp::cancelStopsAStalledCall() {
    FakeHttpServer server;
    FakeReply stall = FakeReply::json(200, QByteArray(4096, 'x'));
    stall.mode = FakeReply::Mode::Stall;
    server.enqueue(stall);
    QtHttpTransport transport(m_manager);
    HttpRequest request;
    request.url = server.url();
    std::atomic_bool cancel{false};
    std::thread canceller([&cancel] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        cancel = true;
    });
    QElapsedTimer timer;
    timer.start();
    const HttpResponse response = transport.send(request, &cancel);
    canceller.join();
    QCOMPARE(response.failure, TransportFailure::Cancelled);
    QVERIFY(timer.elapsed() < 3000);
}

void TestHttp::cancelStopsABackoffWait() {
    FakeHttpServer server;
    FakeReply busy = FakeReply::json(503, R"({"error":"busy"})");
    busy.withHeader("Retry-After", "30");
    server.enqueue(busy);
    SystemClock clock;
    QtHttpTransport transport(m_manager);
    RetryingCaller caller(QStringLiteral("Test"), transport, clock, nullptr, {});
    HttpRequest request;
    request.url = server.url();
    std::atomic_bool cancel{false};
    std::thread canceller([&cancel] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        cancel = true;
    });
    QElapsedTimer timer;
    timer.start();
    const CallOutcome outcome = caller.call(request, &cancel);
    canceller.join();
    QCOMPARE(outcome.failure.error.code(), QStringLiteral("cancelled"));
    QCOMPARE(outcome.attempts, 1);
    QVERIFY2(timer.elapsed() < 3000, "Cancel must not wait out a 30 s Retry-After");
}

void TestHttp::jitterStaysUnderTheCeiling() {
    FakeClock clock;
    QtHttpTransport transport(m_manager);
    RetryPolicy policy;
    policy.initialDelayMs = 1000;
    policy.maxDelayMs = 8000;
    double next = 0;
    RetryingCaller caller(QStringLiteral("Test"), transport, clock, nullptr, {}, policy,
                          [&next] { return next; });
    for (int retry = 1; retry <= 8; ++retry) {
        const qint64 ceiling = std::min<qint64>(8000, 1000LL << (retry - 1));
        next = 0.0;
        QCOMPARE(caller.backoffMs(retry), 0);
        next = 0.999999;
        QVERIFY(caller.backoffMs(retry) <= ceiling);
        QVERIFY(caller.backoffMs(retry) >= ceiling - 1);
    }
}

void TestHttp::rateLimiterSpacesRequests() {
    FakeClock clock;
    RateLimiter limiter(2.7, 1, clock); // NCBI without a key
    const qint64 start = clock.nowMs();
    for (int i = 0; i < 10; ++i)
        QVERIFY(limiter.acquire());
    // The first request goes at once; the other 9 each wait 1/2.7 s.
    const qint64 elapsed = clock.nowMs() - start;
    QVERIFY2(elapsed >= 3333 - 10 && elapsed <= 3333 + 20, qPrintable(QString::number(elapsed)));
    // No window of one second ever saw more than 3 grants.
    QList<qint64> grants;
    qint64 t = start;
    grants << t;
    for (qint64 s : clock.sleeps()) {
        t += s;
        grants << t;
    }
    for (int i = 3; i < grants.size(); ++i)
        QVERIFY(grants[i] - grants[i - 3] >= 1000);
}

void TestHttp::rateLimiterHoldsAcrossThreads() {
    SystemClock clock;
    RateLimiter limiter(20.0, 1, clock);
    QMutex mutex;
    QList<qint64> grants;
    QElapsedTimer timer;
    timer.start();
    std::vector<std::thread> workers;
    for (int w = 0; w < 4; ++w) {
        workers.emplace_back([&] {
            for (int i = 0; i < 5; ++i) {
                limiter.acquire();
                QMutexLocker lock(&mutex);
                grants << timer.elapsed();
            }
        });
    }
    for (auto& worker : workers)
        worker.join();
    std::sort(grants.begin(), grants.end());
    QCOMPARE(grants.size(), 20);
    // 20 grants at 20 a second, burst 1: the last cannot come before ~950 ms.
    QVERIFY2(grants.last() >= 900, qPrintable(QString::number(grants.last())));
    // Never more than 21 grants inside any one second (rate plus the burst).
    for (int i = 0; i < grants.size(); ++i) {
        int inWindow = 0;
        for (int j = i; j < grants.size() && grants[j] - grants[i] < 1000; ++j)
            ++inWindow;
        QVERIFY(inWindow <= 21);
    }
}

void TestHttp::retryAfterFormats_data() {
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("seconds") << QByteArray("Retry-After") << QByteArray("12") << qint64(12000);
    QTest::newRow("fraction") << QByteArray("Retry-After") << QByteArray("0.5") << qint64(500);
    QTest::newRow("http date") << QByteArray("Retry-After")
                               << QByteArray("Wed, 21 Oct 2026 07:28:30 GMT") << qint64(30000);
    QTest::newRow("ms") << QByteArray("retry-after-ms") << QByteArray("1500") << qint64(1500);
    QTest::newRow("garbage") << QByteArray("Retry-After") << QByteArray("soon") << qint64(-1);
    QTest::newRow("short garbage") << QByteArray("Retry-After") << QByteArray("ab") << qint64(-1);
    // Found by fuzz_api_failure: values past qint64 were undefined behaviour. A day at most.
    QTest::newRow("huge seconds") << QByteArray("Retry-After") << QByteArray(120, '1')
                                  << qint64(86400000);
    QTest::newRow("huge ms") << QByteArray("retry-after-ms") << QByteArray("1e124")
                             << qint64(86400000);
}

void TestHttp::retryAfterFormats() {
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    QFETCH(qint64, expected);
    HttpResponse response;
    response.headers.append({name.toLower(), value});
    const qint64 now = QDateTime(QDate(2026, 10, 21), QTime(7, 28, 0), Qt::UTC).toMSecsSinceEpoch();
    QCOMPARE(retryAfterHintMs(response, now), expected);
    QCOMPARE(parseDurationMs(QStringLiteral("57.238747106s")), qint64(57239));
    QCOMPARE(parseDurationMs(QStringLiteral("26")), qint64(-1));
    QCOMPARE(parseDurationMs(QString(400, QLatin1Char('9')) + QLatin1Char('s')), qint64(86400000));
}

void TestHttp::runwayValidationErrorIsReadable() {
    HttpResponse response;
    response.status = 400;
    response.body = dataFile(QStringLiteral("runway-400-issues.json"));
    const ApiFailure failure = interpretRunwayError(response);
    QCOMPARE(failure.kind, ApiFailure::Kind::Api);
    QCOMPARE(failure.error.code(), QStringLiteral("provider"));
    QVERIFY(!failure.retryable);
    QVERIFY2(failure.error.message.contains(QLatin1String("ratio: Invalid enum value")),
             qPrintable(failure.error.message));
}

void TestHttp::baseUrlsFromEnvironment() {
    QProcessEnvironment env;
    env.insert(QStringLiteral("HH_GEMINI_BASE_URL"), QStringLiteral("http://127.0.0.1:9999"));
    env.insert(QStringLiteral("HH_RUNWAY_BASE_URL"), QStringLiteral("http://runway.example"));
    env.insert(QStringLiteral("NCBI_EMAIL"), QStringLiteral("me@example.org"));
    const ProviderConfig config = ProviderConfig::fromEnvironment(env);
    QCOMPARE(config.geminiBase, QUrl(QStringLiteral("http://127.0.0.1:9999")));
    QCOMPARE(config.ncbiEmail, QStringLiteral("me@example.org"));
    QCOMPARE(config.problems().size(), 1);
    QVERIFY(config.problems().first().startsWith(QLatin1String("HH_RUNWAY_BASE_URL")));
}

QTEST_GUILESS_MAIN(TestHttp)
#include "tst_http.moc"
