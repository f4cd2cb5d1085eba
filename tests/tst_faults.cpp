// SPDX-License-Identifier: GPL-3.0-or-later
// Fault injection through fake providers (issue 8): many jobs run through the
// JobRunner's pool against a fake NCBI and a fake Gemini that answer with a
// seeded mix of 429 (with and without Retry-After), 500, 503, stalls, resets
// mid-body, truncated JSON/XML in a complete HTTP body, bodies over the size
// cap, and faults that never stop. Every job must end `completed` or `failed`
// with the error_type the plan predicts, leave no temporary file, and the
// requests each provider's rate limiter paced must keep to its budget (Qt's own
// resends after a dropped connection are counted and reported).
//
// Scope, to stay fast on 2 busy cores: every job runs all its network steps
// (fetch-paper, generate-script, generate-audio) under faults; every 5th job
// (HH_FAULT_RENDER_EVERY) that the plan expects to succeed also renders its
// video (1:1, 30 s) and must complete with a final MP4 that probes. The others
// are cancelled once their audio is done (rendering is not what is under test
// here) and must then hold every artifact of the network steps. Runway is not
// in the mix (its clip download needs real MP4s; tst_runway covers its faults).
//
// HH_FAULT_SEED picks the plan (printed either way), HH_FAULT_JOBS the number of
// jobs (default 50). Soak mode: HH_FAULT_JOBS=500 runs ten times as many jobs
// (a quarter of an hour: NCBI's 2.7 requests a second alone pace ~1300
// requests), past QtTest's 300 s watchdog, so with QTEST_FUNCTION_TIMEOUT=3000000;
// packaging/RELIABILITY.md has the figures.
#include "FakeClock.h"
#include "FakeHttpServer.h"
#include "JobFolderCheck.h"
#include "StorageIds.h"
#include "TestUtil.h"
#include "jobs/JobRunner.h"
#include "jobs/JobStore.h"
#include "net/HttpTransport.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QWaitCondition>
#include <QtEndian>
#include <QtTest>
#include <cmath>
#include <map>
#include <random>

using namespace hh;
using hh::test::FakeReply;
using hh::test::FakeRequest;

namespace {

// The network calls a job makes, each with its own fault.
enum class Endpoint { IdConv, Efetch, Script, Tts };
constexpr int kEndpoints = 4;

const char* endpointName(Endpoint e) {
    static const char* names[] = {"ncbi-idconv", "ncbi-efetch", "gemini-script", "gemini-tts"};
    return names[int(e)];
}

enum class Fault {
    None,
    RateLimited,     // 429 without a hint
    RateLimitedHint, // 429 with Retry-After (NCBI) or RetryInfo (Gemini) of 0–1 s
    Internal,        // 500
    Unavailable,     // 503
    Stall,           // headers, then silence past the stall timeout
    Silent,          // no answer at all, not even a status line, past the stall timeout
    Reset,           // connection closed without an answer
    CutBody,         // Content-Length promised, half sent, connection closed
    BadBody,         // a complete HTTP 200 whose JSON/XML is cut in half
    Huge,            // a body over the request's size cap
};
constexpr int kFaultKinds = 11;

const char* faultName(Fault f) {
    static const char* names[] = {"none",   "429",   "429+hint", "500",      "503", "stall",
                                  "silent", "reset", "cut-body", "bad-body", "huge"};
    return names[int(f)];
}

bool isTransient(Fault f) {
    return f != Fault::None && f != Fault::BadBody && f != Fault::Huge;
}

// One job's plan: its input and providers, the one call that misbehaves, how,
// and how many times (kForever: every attempt).
struct JobPlan {
    int index = 0;
    bool byPmcid = false;
    bool geminiScript = false;
    bool geminiVoice = false;
    bool render = false;
    Endpoint target = Endpoint::Efetch;
    Fault fault = Fault::None;
    int times = 0;
    int hintSeconds = 0;

    static constexpr int kForever = 1000;

    QString token() const {
        // A made-up word that survives every rewrite of the text, so the fake
        // servers can tell which job a request belongs to.
        QString tag = QStringLiteral("zorvex");
        int n = index;
        for (int i = 0; i < 3; ++i) {
            tag += QChar(u'a' + n % 26);
            n /= 26;
        }
        return tag;
    }
    QString pmid() const { return QString::number(800000 + index); }
    QString pmcid() const { return QStringLiteral("PMC%1").arg(900000 + index); }
    bool usesEndpoint(Endpoint e) const {
        switch (e) {
        case Endpoint::IdConv:
            return !byPmcid;
        case Endpoint::Efetch:
            return true;
        case Endpoint::Script:
            return geminiScript;
        case Endpoint::Tts:
            return geminiVoice;
        }
        return false;
    }
    // The error_type a user sees when this plan must fail; empty: it must succeed.
    QString expectedErrorType() const {
        if (fault == Fault::None)
            return {};
        if (isTransient(fault) && times < 4) // RetryPolicy::maxAttempts
            return {};
        switch (fault) {
        case Fault::RateLimited:
        case Fault::RateLimitedHint:
            return QStringLiteral("rate_limited");
        case Fault::Internal:
        case Fault::Unavailable:
            return QStringLiteral("provider");
        case Fault::Stall:
        case Fault::Silent:
        case Fault::Reset:
        case Fault::CutBody:
            return QStringLiteral("network");
        case Fault::Huge:
            return QStringLiteral("provider"); // "… sent more data than expected"
        case Fault::BadBody:
            // The article itself arrives broken: the XML cannot be read.
            if (target == Endpoint::Efetch)
                return QStringLiteral("bad_xml");
            return QStringLiteral("provider"); // "… sent an answer Hidden Hill cannot read"
        case Fault::None:
            break;
        }
        return {};
    }
};

QList<JobPlan> makePlan(quint64 seed, int jobs, int renderEvery) {
    std::mt19937_64 rng(seed);
    const auto chance = [&rng](double p) {
        return std::uniform_real_distribution<double>(0, 1)(rng) < p;
    };
    const auto pick = [&rng](int n) {
        return int(std::uniform_int_distribution<int>(0, n - 1)(rng));
    };
    QList<JobPlan> plans;
    for (int i = 0; i < jobs; ++i) {
        JobPlan p;
        p.index = i;
        p.byPmcid = chance(0.5);
        p.geminiScript = chance(0.6);
        p.geminiVoice = p.geminiScript && chance(0.5); // the TTS text carries the job's tag
        QList<Endpoint> used;
        for (int e = 0; e < kEndpoints; ++e)
            if (p.usesEndpoint(Endpoint(e)))
                used << Endpoint(e);
        p.target = used.at(pick(used.size()));
        p.fault = chance(0.2) ? Fault::None : Fault(1 + pick(kFaultKinds - 1));
        // The article is up to 64 MB: its "huge" is a cut-off body instead.
        if (p.fault == Fault::Huge && p.target == Endpoint::Efetch)
            p.fault = Fault::CutBody;
        p.times = chance(0.25) ? JobPlan::kForever : 1 + pick(3);
        p.hintSeconds = pick(2);
        p.render = renderEvery > 0 && i % renderEvery == 0 && p.expectedErrorType().isEmpty();
        plans << p;
    }
    return plans;
}

QByteArray readSource(const QString& relative) {
    QFile file(hh::test::sourcePath(relative));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing %s", qPrintable(relative));
    return file.readAll();
}

// The fake providers: one server for NCBI's hosts, one for Gemini. Each request
// is traced to its job by the PMID/PMCID or the job's tag, and answered per the
// plan; counters per job and endpoint decide which attempts fail.
class FaultyProviders {
public:
    explicit FaultyProviders(const QList<JobPlan>& plans)
        : m_plans(plans) {
        const QByteArray paper = readSource(QStringLiteral("tests/data/tiny-paper.xml"));
        m_paperTemplate = paper.mid(paper.indexOf("<article"));
        m_script = readSource(QStringLiteral("tests/data/llm_script/script-good.json"));
        QByteArray pcm(24000 / 2 * 2, Qt::Uninitialized); // 0.5 s of a quiet tone
        for (int i = 0; i < pcm.size() / 2; ++i)
            qToLittleEndian(qint16(2000 * std::sin(i * 0.06)), pcm.data() + i * 2);
        m_tts = readSource(QStringLiteral("tests/data/gemini_voice/tts-l16.json"))
                    .replace("@AUDIO@", pcm.toBase64());
        m_ncbi429 = readSource(QStringLiteral("tests/data/ncbi/429-rate-limit.json"));
        m_huge = QByteArray(33 * 1024 * 1024, ' ');
        ncbi.setHandler([this](const FakeRequest& r) { return answerNcbi(r); });
        gemini.setHandler([this](const FakeRequest& r) { return answerGemini(r); });
    }

    hh::test::FakeHttpServer ncbi;
    hh::test::FakeHttpServer gemini;

    QMap<QString, int> injected() const {
        QMutexLocker lock(&m_mutex);
        return m_injected;
    }
    // Arrival times at NCBI (0) or Gemini (1) of the requests the app sent, and of
    // the copies Qt sent on its own after a dropped connection.
    QList<qint64> paced(int server) const {
        QMutexLocker lock(&m_mutex);
        return m_paced[server];
    }
    QList<qint64> copies(int server) const {
        QMutexLocker lock(&m_mutex);
        return m_copies[server];
    }
    int unknownRequests() const {
        QMutexLocker lock(&m_mutex);
        return m_unknown;
    }
    // The budget of the limiter in front of NCBI (0) or Gemini (1). After a
    // dropped connection RetryingCaller charges that limiter for Qt's hidden
    // resends, which leaves at most burst - kHiddenResends tokens, and the job's
    // own retry needs one more: it cannot reach the server sooner than
    // (kHiddenResends + 1 - burst) / rate after the drop. A request of the same
    // job and endpoint that arrives sooner can only be Qt's own copy.
    void setPacing(int server, double perSecond, int burst) {
        QMutexLocker lock(&m_mutex);
        const int unpaid = RetryingCaller::kHiddenResends + 1 - burst;
        m_copyWindowMs[server] = qint64(std::floor(std::max(0, unpaid) * 1000.0 / perSecond));
    }

private:
    FakeReply answerNcbi(const FakeRequest& request) {
        const auto value = [&request](const char* name) {
            return request.query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
        };
        int job = -1;
        Endpoint endpoint{};
        if (request.path == "/tools/idconv/api/v1/articles/") {
            endpoint = Endpoint::IdConv;
            job = value("ids").toInt() - 800000;
        } else if (request.path == "/entrez/eutils/efetch.fcgi" && value("db") == "pmc") {
            endpoint = Endpoint::Efetch;
            job = value("id").toInt() - 900000;
        }
        if (job < 0 || job >= m_plans.size())
            return unknown();
        const JobPlan& plan = m_plans.at(job);
        FakeReply good = endpoint == Endpoint::IdConv ? idconvReply(plan) : efetchReply(plan);
        return withFault(plan, endpoint, good, request.receivedMs, true);
    }

    FakeReply answerGemini(const FakeRequest& request) {
        static const QRegularExpression tag(QStringLiteral("zorvex([a-z]{3})"));
        const auto match = tag.match(QString::fromUtf8(request.body));
        if (!match.hasMatch())
            return unknown();
        int job = 0;
        const QString letters = match.captured(1);
        for (int i = 2; i >= 0; --i)
            job = job * 26 + (letters.at(i).unicode() - u'a');
        if (job >= m_plans.size())
            return unknown();
        const JobPlan& plan = m_plans.at(job);
        const bool tts = request.path.contains("-tts:");
        return withFault(plan, tts ? Endpoint::Tts : Endpoint::Script,
                         tts ? FakeReply::json(200, m_tts) : scriptReply(plan), request.receivedMs,
                         false);
    }

    FakeReply unknown() {
        QMutexLocker lock(&m_mutex);
        ++m_unknown;
        return FakeReply::json(
            404, R"({"error":{"code":404,"message":"unknown","status":"NOT_FOUND"}})");
    }

    FakeReply withFault(const JobPlan& plan, Endpoint endpoint, FakeReply good, qint64 receivedMs,
                        bool ncbiStyle) {
        {
            QMutexLocker lock(&m_mutex);
            const std::pair<int, int> key{plan.index, int(endpoint)};
            // Qt sends a request again by itself, within milliseconds, when the
            // server drops the connection unanswered: no limiter paces that copy.
            const auto reset = m_lastResetMs.find(key);
            const bool copy = reset != m_lastResetMs.end() &&
                              receivedMs - reset->second < m_copyWindowMs[ncbiStyle ? 0 : 1];
            (copy ? m_copies : m_paced)[ncbiStyle ? 0 : 1] << receivedMs;
            int& count = m_counts[key];
            ++count;
            if (plan.target != endpoint || plan.fault == Fault::None || count > plan.times)
                return good;
            ++m_injected[QString::fromLatin1(faultName(plan.fault))];
            if (plan.fault == Fault::Reset)
                m_lastResetMs[key] = receivedMs;
        }
        switch (plan.fault) {
        case Fault::RateLimited:
        case Fault::RateLimitedHint: {
            const bool hint = plan.fault == Fault::RateLimitedHint;
            if (ncbiStyle) {
                FakeReply r = FakeReply::json(429, m_ncbi429);
                if (hint)
                    r.withHeader("Retry-After", QByteArray::number(plan.hintSeconds));
                return r;
            }
            QJsonObject error{{QStringLiteral("code"), 429},
                              {QStringLiteral("message"),
                               QStringLiteral("Resource has been exhausted (e.g. check quota).")},
                              {QStringLiteral("status"), QStringLiteral("RESOURCE_EXHAUSTED")}};
            if (hint)
                error.insert(QStringLiteral("details"),
                             QJsonArray{QJsonObject{
                                 {QStringLiteral("@type"),
                                  QStringLiteral("type.googleapis.com/google.rpc.RetryInfo")},
                                 {QStringLiteral("retryDelay"),
                                  QStringLiteral("%1.2s").arg(plan.hintSeconds)}}});
            return FakeReply::json(
                429, QJsonDocument(QJsonObject{{QStringLiteral("error"), error}}).toJson());
        }
        case Fault::Internal:
        case Fault::Unavailable: {
            const int status = plan.fault == Fault::Internal ? 500 : 503;
            if (ncbiStyle)
                return FakeReply::bytes(status, "text/html",
                                        "<html><body><h1>" + QByteArray::number(status) +
                                            " Service unavailable</h1></body></html>");
            const QByteArray body =
                status == 500
                    ? R"({"error":{"code":500,"message":"An internal error has occurred.","status":"INTERNAL"}})"
                    : R"({"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}})";
            return FakeReply::json(status, body);
        }
        case Fault::Stall:
            good.mode = FakeReply::Mode::Stall;
            return good;
        case Fault::Silent:
            good.delayMs = 3000; // the client gives up after the 300 ms stall cap
            return good;
        case Fault::Reset:
            good.mode = FakeReply::Mode::Reset;
            return good;
        case Fault::CutBody:
            good.mode = FakeReply::Mode::Truncate;
            return good;
        case Fault::BadBody:
            good.body = good.body.left(good.body.size() / 2);
            return good;
        case Fault::Huge:
            good.body = m_huge;
            return good;
        case Fault::None:
            break;
        }
        return good;
    }

    FakeReply idconvReply(const JobPlan& plan) const {
        const QJsonObject record{{QStringLiteral("requested-id"), plan.pmid()},
                                 {QStringLiteral("pmcid"), plan.pmcid()},
                                 {QStringLiteral("pmid"), plan.pmid().toInt()}};
        const QJsonObject root{{QStringLiteral("status"), QStringLiteral("ok")},
                               {QStringLiteral("records"), QJsonArray{record}}};
        return FakeReply::json(200, QJsonDocument(root).toJson());
    }

    FakeReply efetchReply(const JobPlan& plan) const {
        QByteArray article = m_paperTemplate;
        article.replace("Honeybees count to four",
                        "Honeybees count to four in study " + plan.token().toUtf8());
        article.replace("<article-id pub-id-type=\"doi\">",
                        "<article-id pub-id-type=\"pmc\">" + plan.pmcid().toUtf8() +
                            "</article-id><article-id pub-id-type=\"pmid\">" +
                            plan.pmid().toUtf8() + "</article-id><article-id pub-id-type=\"doi\">");
        const QByteArray xml =
            "<?xml version=\"1.0\" ?>\n<!DOCTYPE pmc-articleset PUBLIC \"-//NLM//DTD ARTICLE SET "
            "2.0//EN\" \"https://dtd.nlm.nih.gov/ncbi/pmc/articleset/nlm-articleset-2.0.dtd\">\n"
            "<pmc-articleset>" +
            article + "</pmc-articleset>\n";
        return FakeReply::bytes(200, "text/xml; charset=UTF-8", xml);
    }

    FakeReply scriptReply(const JobPlan& plan) const {
        // Every scene names the study, so each TTS request carries the job's tag.
        QJsonObject script = QJsonDocument::fromJson(m_script).object();
        QJsonArray scenes = script.value(QLatin1String("scenes")).toArray();
        for (int i = 0; i < scenes.size(); ++i) {
            QJsonObject scene = scenes.at(i).toObject();
            scene.insert(QStringLiteral("narration"),
                         QStringLiteral("In study %1: ").arg(plan.token()) +
                             scene.value(QLatin1String("narration")).toString());
            scenes.replace(i, scene);
        }
        script.insert(QStringLiteral("scenes"), scenes);
        const QJsonObject part{
            {QStringLiteral("text"),
             QString::fromUtf8(QJsonDocument(script).toJson(QJsonDocument::Compact))}};
        const QJsonObject root{
            {QStringLiteral("candidates"),
             QJsonArray{
                 QJsonObject{{QStringLiteral("content"),
                              QJsonObject{{QStringLiteral("parts"), QJsonArray{part}},
                                          {QStringLiteral("role"), QStringLiteral("model")}}},
                             {QStringLiteral("finishReason"), QStringLiteral("STOP")}}}},
            {QStringLiteral("usageMetadata"),
             QJsonObject{{QStringLiteral("promptTokenCount"), 900},
                         {QStringLiteral("candidatesTokenCount"), 200}}}};
        return FakeReply::json(200, QJsonDocument(root).toJson(QJsonDocument::Compact));
    }

    QList<JobPlan> m_plans;
    QByteArray m_paperTemplate;
    QByteArray m_script;
    QByteArray m_tts;
    QByteArray m_ncbi429;
    QByteArray m_huge;
    mutable QMutex m_mutex;
    std::map<std::pair<int, int>, int> m_counts;
    std::map<std::pair<int, int>, qint64> m_lastResetMs;
    QList<qint64> m_paced[2];
    QList<qint64> m_copies[2];
    qint64 m_copyWindowMs[2] = {0, 0};
    QMap<QString, int> m_injected;
    int m_unknown = 0;
};

// The most requests seen in any window of `windowMs`, and whether any run of
// requests came faster than a token bucket of `rate`/s and `burst` allows. The
// server stamps arrival, not the limiter's release: `slackMs` absorbs the
// connection set-up between the two.
struct RateCheck {
    int maxPerSecond = 0;
    QString violation;
};

RateCheck checkRate(QList<qint64> times, double rate, int burst, qint64 slackMs) {
    std::sort(times.begin(), times.end());
    RateCheck check;
    int start = 0;
    for (int j = 0; j < times.size(); ++j) {
        while (times.at(j) - times.at(start) >= 1000)
            ++start;
        check.maxPerSecond = std::max(check.maxPerSecond, j - start + 1);
    }
    for (int i = 0; i < times.size() && check.violation.isEmpty(); ++i) {
        for (int j = i + 1; j < times.size(); ++j) {
            const double allowed =
                burst + rate * double(times.at(j) - times.at(i) + slackMs) / 1000.0;
            if (j - i + 1 > allowed) {
                check.violation = QStringLiteral("%1 requests within %2 ms (budget %3/s, burst %4)")
                                      .arg(j - i + 1)
                                      .arg(times.at(j) - times.at(i))
                                      .arg(rate)
                                      .arg(burst);
                QStringList offsets;
                for (int k = i; k <= j && offsets.size() < 12; ++k)
                    offsets << QString::number(times.at(k) - times.at(i));
                check.violation += QStringLiteral(", arrivals at +") +
                                   offsets.join(QStringLiteral(", +")) + QStringLiteral(" ms");
                break;
            }
        }
    }
    return check;
}

// The servers stamp a request when it arrives, not when the limiter let it go:
// between the two lie the connection set-up and two threads' scheduling, measured
// up to ~70 ms on the busy 2-core machine (a 5th Gemini request 67 ms "early").
constexpr qint64 kArrivalSlackMs = 150;

int envInt(const char* name, int fallback) {
    bool ok = false;
    const int value = qEnvironmentVariableIntValue(name, &ok);
    return ok ? value : fallback;
}

} // namespace

class TestFaults : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cappedTimeouts_data();
    void cappedTimeouts();
    void rateCheckCatchesBursts();
    void droppedConnectionIsPaidFor();
    void silentServerIsATimeout();
    void cancelledWaiterKeepsTheQueue();
    void jobsUnderFaults();

private:
    QTemporaryDir m_tmp;
};

void TestFaults::initTestCase() {
    qRegisterMetaType<qint64>("qint64");
    // Everything the app might put in the temp dir lands here, to be checked empty.
    QVERIFY(m_tmp.isValid());
    QVERIFY(QDir().mkpath(m_tmp.path() + QStringLiteral("/tmp")));
    qputenv("TMPDIR", QFile::encodeName(m_tmp.path() + QStringLiteral("/tmp")));
}

// The injection point the stalls rely on: a hub's caps lower every request's
// timeouts, so a silent server costs the cap, not the provider's 30 s.
void TestFaults::cappedTimeouts_data() {
    QTest::addColumn<int>("stallCapMs");
    QTest::addColumn<int>("maxElapsedMs");
    QTest::newRow("stall capped at 300 ms") << 300 << 2000;
    QTest::newRow("stall capped at 600 ms") << 600 << 2500;
}

void TestFaults::cappedTimeouts() {
    QFETCH(int, stallCapMs);
    QFETCH(int, maxElapsedMs);
    hh::test::FakeHttpServer server;
    FakeReply stall = FakeReply::json(200, R"({"ok":true})");
    stall.mode = FakeReply::Mode::Stall;
    server.setHandler([stall](const FakeRequest&) { return stall; });
    QNetworkAccessManager manager;
    QtHttpTransport inner(manager);
    TimeoutCappedTransport capped(inner, TimeoutCaps{stallCapMs, 0});
    HttpRequest request;
    request.url = server.url();
    QCOMPARE(request.stallTimeoutMs, 30000); // what providers would wait without the cap
    QElapsedTimer timer;
    timer.start();
    const HttpResponse response = capped.send(request, nullptr);
    const qint64 elapsed = timer.elapsed();
    QCOMPARE(int(response.failure), int(TransportFailure::Timeout));
    QVERIFY2(elapsed >= stallCapMs - 50 && elapsed < maxElapsedMs,
             qPrintable(QString::number(elapsed)));
}

void TestFaults::rateCheckCatchesBursts() {
    // 2.7/s, burst 1: four requests 370 ms apart are fine, three within 100 ms are not.
    QVERIFY(checkRate({0, 371, 742, 1113}, 2.7, 1, 0).violation.isEmpty());
    QVERIFY(!checkRate({0, 50, 100}, 2.7, 1, 0).violation.isEmpty());
    QCOMPARE(checkRate({0, 371, 742, 1113}, 2.7, 1, 0).maxPerSecond, 3);
}

namespace {

// Answers from a script, without a network: first a dropped connection, then 200.
class ScriptedTransport final : public HttpTransport {
public:
    HttpResponse send(const HttpRequest&, const std::atomic_bool*) override {
        HttpResponse response;
        if (m_sent++ == 0) {
            response.failure = TransportFailure::Connect;
            response.connectionDropped = true;
        } else {
            response.status = 200;
        }
        return response;
    }

private:
    int m_sent = 0;
};

} // namespace

// The bug the fault run found: a server that drops the connection unanswered
// gets the request again from Qt itself, within milliseconds, past the limiter.
// The transport reports the drop and the caller pays for the possible copies, so
// the next request waits as if they had gone through the limiter.
void TestFaults::droppedConnectionIsPaidFor() {
    hh::test::FakeHttpServer server;
    FakeReply reset;
    reset.mode = FakeReply::Mode::Reset;
    server.setHandler([reset](const FakeRequest&) { return reset; });
    QNetworkAccessManager manager;
    QtHttpTransport transport(manager);
    HttpRequest request;
    request.url = server.url();
    const HttpResponse dropped = transport.send(request, nullptr);
    QCOMPARE(int(dropped.failure), int(TransportFailure::Connect));
    QVERIFY(dropped.connectionDropped);
    QVERIFY2(server.requestCount() <= 1 + RetryingCaller::kHiddenResends,
             qPrintable(QString::number(server.requestCount())));
    qInfo("one send to a server that drops connections reached it %d times", server.requestCount());

    hh::test::FakeClock clock;
    RateLimiter limiter(2.7, 1, clock);
    ScriptedTransport scripted;
    RetryingCaller caller(QStringLiteral("NCBI"), scripted, clock, &limiter, {}, RetryPolicy{},
                          [] { return 0.0; });
    const CallOutcome outcome = caller.call(HttpRequest{}, nullptr);
    QVERIFY(outcome.ok());
    QCOMPARE(outcome.attempts, 2);
    // The retry waits for its own token and for the three Qt may have used: 4 / 2.7 s.
    qint64 waited = 0;
    for (qint64 ms : clock.sleeps())
        waited += ms;
    QCOMPARE(waited, qint64(std::ceil(4 * 1000 / 2.7)));
}

// The second bug: a server that accepts the connection and never answers was
// reported as the user's own cancel (Qt's transfer timeout says "operation
// cancelled"), so the job ended `cancelled` and the call was never retried.
void TestFaults::silentServerIsATimeout() {
    hh::test::FakeHttpServer server;
    FakeReply late = FakeReply::json(200, R"({"ok":true})");
    late.delayMs = 3000;
    server.setHandler([late](const FakeRequest&) { return late; });
    QNetworkAccessManager manager;
    QtHttpTransport transport(manager);
    HttpRequest request;
    request.url = server.url();
    request.stallTimeoutMs = 300;
    const HttpResponse response = transport.send(request, nullptr);
    QCOMPARE(int(response.failure), int(TransportFailure::Timeout));
    const ApiFailure failure = transportFailure(QStringLiteral("NCBI"), response);
    QCOMPARE(failure.error.code(), QStringLiteral("network"));
    QVERIFY(failure.retryable);
}

// A clock whose sleepers stay asleep until the test moves time past their
// wake-up, so threads queue at a RateLimiter in an order the test sets, and the
// slot each was given can be read off exactly.
class GateClock final : public Clock {
public:
    qint64 nowMs() const override {
        QMutexLocker lock(&m_mutex);
        return m_now;
    }
    bool sleepMs(qint64 ms, const std::atomic_bool* cancel) override {
        QMutexLocker lock(&m_mutex);
        const qint64 wake = m_now + ms;
        m_wakeTimes << wake;
        while (m_now < wake) {
            if (cancel && cancel->load())
                return false;
            m_changed.wait(&m_mutex);
        }
        return true;
    }
    QList<qint64> wakeTimes() const {
        QMutexLocker lock(&m_mutex);
        return m_wakeTimes;
    }
    // Wakes every sleeper to look at its cancel flag again.
    void nudge() {
        QMutexLocker lock(&m_mutex); // not between a sleeper's check and its wait
        m_changed.wakeAll();
    }
    void advance(qint64 ms) {
        QMutexLocker lock(&m_mutex);
        m_now += ms;
        m_changed.wakeAll();
    }

private:
    mutable QMutex m_mutex;
    QWaitCondition m_changed;
    qint64 m_now = 1000000;
    QList<qint64> m_wakeTimes;
};

// A waiter cancelled while others queue behind it must not hand its token to a
// newcomer: the newcomer would go at the same time as the next waiter.
void TestFaults::cancelledWaiterKeepsTheQueue() {
    GateClock clock;
    RateLimiter limiter(10.0, 1, clock); // a slot every 100 ms
    QVERIFY(limiter.acquire());          // the burst token: slot 0
    std::atomic_bool cancelFirst{false};
    std::atomic_bool firstGot{true};
    std::atomic_bool secondGot{false};
    std::atomic_bool newcomerGot{false};
    std::unique_ptr<QThread> first(
        QThread::create([&] { firstGot = limiter.acquire(&cancelFirst); }));
    first->start();
    QTRY_COMPARE(clock.wakeTimes().size(), 1); // first waits for slot 1
    std::unique_ptr<QThread> second(QThread::create([&] { secondGot = limiter.acquire(); }));
    second->start();
    QTRY_COMPARE(clock.wakeTimes().size(), 2); // second waits for slot 2
    cancelFirst = true;
    clock.nudge();
    QVERIFY(first->wait(10000));
    QVERIFY(!firstGot);
    std::unique_ptr<QThread> newcomer(QThread::create([&] { newcomerGot = limiter.acquire(); }));
    newcomer->start();
    QTRY_COMPARE(clock.wakeTimes().size(), 3);
    const QList<qint64> wakes = clock.wakeTimes();
    // The newcomer's slot is the one after the second's, not the second's own.
    QCOMPARE(wakes.at(2) - wakes.at(1), qint64(100));
    clock.advance(300);
    QVERIFY(second->wait(10000));
    QVERIFY(newcomer->wait(10000));
    QVERIFY(secondGot);
    QVERIFY(newcomerGot);
}

void TestFaults::jobsUnderFaults() {
    QElapsedTimer wall;
    wall.start();
    const quint64 seed = qEnvironmentVariableIsSet("HH_FAULT_SEED")
                             ? qEnvironmentVariable("HH_FAULT_SEED").toULongLong()
                             : quint64(QDateTime::currentMSecsSinceEpoch());
    const int jobs = envInt("HH_FAULT_JOBS", 50);
    const int renderEvery = envInt("HH_FAULT_RENDER_EVERY", 5);
    qInfo("fault plan: HH_FAULT_SEED=%llu HH_FAULT_JOBS=%d HH_FAULT_RENDER_EVERY=%d",
          static_cast<unsigned long long>(seed), jobs, renderEvery);
    const QList<JobPlan> plans = makePlan(seed, jobs, renderEvery);

    if (qEnvironmentVariableIsSet("HH_FAULT_TRACE"))
        for (const JobPlan& p : plans)
            qInfo("PLAN job %d %s pmcid=%d %s %s x%d", p.index, qPrintable(p.token()), p.byPmcid,
                  endpointName(p.target), faultName(p.fault), p.times);
    FaultyProviders fakes(plans);
    // The data folder beside, not inside, the temp dir checked below.
    const QString root = m_tmp.path() + QStringLiteral("/data");
    QVERIFY(QDir().mkpath(root));
    DataLayout layout(root);
    JobStore store(layout.databasePath());
    QVERIFY(!store.open().isError());
    const qint64 user = store.createUser(QStringLiteral("ada"), QStringLiteral("!")).value();

    ProviderConfig config;
    config.ncbiBase = fakes.ncbi.url();
    config.geminiBase = fakes.gemini.url();
    // The user's own Gemini budget (a paid tier); NCBI keeps its keyless 2.7/s.
    config.geminiRequestsPerSecond = 6.0;
    auto secrets = std::make_shared<MemorySecrets>();
    secrets->setSecret(ProviderId::Gemini, QStringLiteral("AIza-fault-test"));
    auto hub = std::make_shared<ProviderHub>(config, secrets);
    RetryPolicy retry; // the app's 4 attempts, with short waits
    retry.initialDelayMs = 20;
    retry.maxDelayMs = 200;
    hub->setRetryPolicy(retry);
    hub->setTimeoutCaps(TimeoutCaps{300, 5000});
    auto rng = std::make_shared<std::pair<QMutex, std::mt19937_64>>();
    rng->second.seed(seed ^ 0x5eedULL);
    hub->setRandom([rng] {
        QMutexLocker lock(&rng->first);
        return std::uniform_real_distribution<double>(0, 1)(rng->second);
    });
    const double ncbiRate = hub->limiter(ProviderId::Ncbi).rate();
    fakes.setPacing(0, ncbiRate, 1);
    fakes.setPacing(1, config.geminiRequestsPerSecond, 2);

    RunnerSettings settings;
    settings.maxConcurrentJobs = 4;
    JobRunner runner(layout, settings);
    runner.setProviderHub(hub);

    QHash<qint64, int> planOf;
    QSet<qint64> cancelledByTest;
    connect(&runner, &JobRunner::progressChanged, this,
            [&](qint64 u, qint64 id, const QString& step, int, const QString& detail) {
                // Jobs outside the render subset stop once their network steps are done.
                if (step == QLatin1String("generate-audio") && detail == QLatin1String("done") &&
                    planOf.contains(id) && !plans.at(planOf.value(id)).render &&
                    !cancelledByTest.contains(id)) {
                    cancelledByTest.insert(id);
                    static_cast<void>(runner.cancel(u, id));
                }
            });

    for (const JobPlan& plan : plans) {
        JobOptions options;
        options.input = plan.byPmcid ? plan.pmcid() : plan.pmid();
        options.durationSeconds = 30;
        options.aspect = QStringLiteral("1:1");
        options.scriptProvider =
            plan.geminiScript ? QStringLiteral("gemini") : QStringLiteral("builtin");
        options.voiceProvider =
            plan.geminiVoice ? QStringLiteral("gemini") : QStringLiteral("builtin");
        const auto id = runner.submit(user, options);
        QVERIFY2(id.ok(), qPrintable(id.error().message));
        planOf.insert(id.value(), plan.index);
    }

    // Wait with the event loop running (the cancels above arrive as queued signals)
    // until every job has ended; the limit is a hang detector (a minute plus six
    // seconds a job, several times what a job takes under ASan), not a budget.
    const auto allEnded = [&] {
        for (auto it = planOf.cbegin(); it != planOf.cend(); ++it) {
            const auto row = store.job(user, it.key());
            if (!row.ok() || row.value().status == JobStatus::Pending ||
                row.value().status == JobStatus::Queued || row.value().status == JobStatus::Running)
                return false;
        }
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(allEnded(), 60000 + jobs * 6000);
    QVERIFY(runner.waitForDone(30000));
    const qint64 elapsedMs = wall.elapsed();

    QStringList problems;
    int completed = 0;
    int stoppedAfterAudio = 0;
    QMap<QString, int> failedBy;
    for (auto it = planOf.cbegin(); it != planOf.cend(); ++it) {
        const JobPlan& plan = plans.at(it.value());
        const JobRecord row = store.job(user, it.key()).value();
        const QString expected = plan.expectedErrorType();
        const QString dir = test::jobDirOf(layout, user, it.key());
        const QString what =
            QStringLiteral("job %1 (%2 %3 ×%4, script %5, voice %6)")
                .arg(plan.index)
                .arg(QLatin1String(endpointName(plan.target)), QLatin1String(faultName(plan.fault)))
                .arg(plan.times == JobPlan::kForever ? QStringLiteral("∞")
                                                     : QString::number(plan.times))
                .arg(plan.geminiScript ? QStringLiteral("gemini") : QStringLiteral("builtin"),
                     plan.geminiVoice ? QStringLiteral("gemini") : QStringLiteral("builtin"));
        if (row.status == JobStatus::Failed)
            ++failedBy[row.errorType];
        if (!expected.isEmpty()) {
            if (row.status != JobStatus::Failed || row.errorType != expected)
                problems << QStringLiteral("%1: expected failed/%2, got %3/%4: %5")
                                .arg(what, expected, row.status, row.errorType, row.errorMessage);
        } else if (plan.render) {
            if (row.status != JobStatus::Completed)
                problems << QStringLiteral("%1: expected completed, got %2/%3: %4")
                                .arg(what, row.status, row.errorType, row.errorMessage);
            else if (!QFile::exists(dir + QStringLiteral("/final_video.mp4")))
                problems << what + QStringLiteral(": completed without final_video.mp4");
            else
                ++completed;
        } else {
            // Stopped by the test after its audio: every network step's artifact is there.
            const bool stopped =
                row.status == JobStatus::Cancelled || row.status == JobStatus::Completed;
            bool artifacts = true;
            for (const char* name : {"paper.json", "script.json", "narration.wav", "words.json"})
                artifacts =
                    artifacts && QFile::exists(dir + QLatin1Char('/') + QLatin1String(name));
            if (!stopped || !artifacts)
                problems << QStringLiteral(
                                "%1: expected its network steps done, got %2/%3 (%4): %5")
                                .arg(what, row.status, row.errorType,
                                     artifacts ? QStringLiteral("artifacts there")
                                               : QStringLiteral("artifacts missing"),
                                     row.errorMessage);
            else
                ++stoppedAfterAudio;
        }
        for (const QString& broken : hh::test::brokenArtifacts(dir))
            problems << what + QStringLiteral(": broken artifact ") + broken;
        for (const QString& leftover : hh::test::leftoverTemporaries(dir))
            problems << what + QStringLiteral(": left ") + leftover;
    }
    // Nothing left behind in the temp dir the app would use, nor anywhere in its data.
    QDirIterator tmp(m_tmp.path() + QStringLiteral("/tmp"),
                     QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden,
                     QDirIterator::Subdirectories);
    while (tmp.hasNext())
        problems << QStringLiteral("temp dir keeps ") + tmp.next();
    QDirIterator data(root, {QStringLiteral("*.part"), QStringLiteral("*.tmp")},
                      QDir::AllEntries | QDir::Hidden, QDirIterator::Subdirectories);
    while (data.hasNext())
        problems << QStringLiteral("data folder keeps ") + data.next();
    if (fakes.unknownRequests() > 0)
        problems << QStringLiteral("%1 requests the fakes could not trace to a job")
                        .arg(fakes.unknownRequests());

    // The limiters' budgets, measured where it matters: at the servers.
    QList<qint64> ncbiTimes;
    for (const auto& r : fakes.ncbi.requests())
        ncbiTimes << r.receivedMs;
    QList<qint64> geminiTimes;
    for (const auto& r : fakes.gemini.requests())
        geminiTimes << r.receivedMs;
    if (qEnvironmentVariableIsSet("HH_FAULT_TRACE")) {
        for (const auto& r : fakes.ncbi.requests())
            qInfo("TRACE ncbi %lld %s %s", r.receivedMs, r.path.constData(),
                  qPrintable(r.query.toString()));
        for (const auto& r : fakes.gemini.requests())
            qInfo("TRACE gemini %lld %s", r.receivedMs, r.path.constData());
    }
    // What the limiter paces must keep to the bucket. Qt's own copies after dropped
    // connections are reported, not asserted: RetryingCaller pays for them when the
    // attempt ends dropped, but a copy that got an answer is invisible to the app
    // and stays unpaid (one extra request within milliseconds; see RELIABILITY.md).
    const RateCheck ncbiRateCheck = checkRate(fakes.paced(0), ncbiRate, 1, kArrivalSlackMs);
    const RateCheck geminiRateCheck =
        checkRate(fakes.paced(1), config.geminiRequestsPerSecond, 2, kArrivalSlackMs);
    const int extra = RetryingCaller::kHiddenResends;
    const RateCheck ncbiAll = checkRate(ncbiTimes, ncbiRate, 1 + extra, kArrivalSlackMs);
    const RateCheck geminiAll =
        checkRate(geminiTimes, config.geminiRequestsPerSecond, 2 + extra, kArrivalSlackMs);
    for (const auto& [name, check] :
         {std::pair{"NCBI (paced)", ncbiRateCheck}, std::pair{"Gemini (paced)", geminiRateCheck}}) {
        if (!check.violation.isEmpty())
            problems
                << QStringLiteral("%1 over budget: %2").arg(QLatin1String(name), check.violation);
    }
    for (const auto& [name, check] : {std::pair{"NCBI", ncbiAll}, std::pair{"Gemini", geminiAll}}) {
        if (!check.violation.isEmpty())
            qInfo("%s with Qt's copies counted (burst + %d): %s", name, extra,
                  qPrintable(check.violation));
    }

    QStringList faults;
    const auto injected = fakes.injected();
    for (auto it = injected.cbegin(); it != injected.cend(); ++it)
        faults << QStringLiteral("%1=%2").arg(it.key()).arg(it.value());
    QStringList failed;
    for (auto it = failedBy.cbegin(); it != failedBy.cend(); ++it)
        failed << QStringLiteral("%1=%2").arg(it.key()).arg(it.value());
    qInfo("fault summary: seed %llu, %d jobs in %.1f s; faults injected {%s}; completed with video "
          "%d, network steps done then stopped %d, failed {%s}; requests ncbi %lld (max %d in 1 s, "
          "budget %.1f/s burst 1; Qt resends %lld), gemini %lld (max %d in 1 s, budget %.1f/s "
          "burst 2; Qt resends %lld)",
          static_cast<unsigned long long>(seed), jobs, double(elapsedMs) / 1000.0,
          qPrintable(faults.join(QStringLiteral(" "))), completed, stoppedAfterAudio,
          qPrintable(failed.join(QStringLiteral(" "))), qint64(ncbiTimes.size()),
          ncbiRateCheck.maxPerSecond, ncbiRate, qint64(fakes.copies(0).size()),
          qint64(geminiTimes.size()), geminiRateCheck.maxPerSecond, config.geminiRequestsPerSecond,
          qint64(fakes.copies(1).size()));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

QTEST_MAIN(TestFaults)
#include "tst_faults.moc"
