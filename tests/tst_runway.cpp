// SPDX-License-Identifier: GPL-3.0-or-later
// Runway image-to-video against a fake Runway on 127.0.0.1: the exact requests
// (paths, headers, JSON), polling no faster than Runway allows, task failures
// typed for the user, cancel deleting the remote task, the key staying with the
// API, estimates and budget checks; then the clip decoded with FFmpeg and drawn
// by the compositor under the captions.
#include "FakeClock.h"
#include "FakeHttpServer.h"
#include "FakeRunway.h"
#include "Paper.h"
#include "ProviderFakes.h"
#include "TestUtil.h"
#include "jobs/JobSteps.h"
#include "jobs/JobStore.h"
#include "jobs/ProviderSlotTable.h"
#include "providers/ClipStateBoard.h"
#include "providers/KeyCheck.h"
#include "providers/RunwayClient.h"
#include "providers/RunwayKeyframe.h"
#include "providers/RunwayVisuals.h"
#include "render/ClipDecoder.h"
#include "render/Compositor.h"
#include "render/VideoEncoder.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QProcess>
#include <QRandomGenerator>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace hh;
using hh::test::FakeClock;
using hh::test::FakeHttpServer;
using hh::test::FakeReply;
using hh::test::FakeRequest;
using hh::test::FakeRunway;

namespace {

const QString kKey = QStringLiteral("rw-test-key-123");
const QString kTaskId = QStringLiteral("182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e");
const QString kSecondTaskId = QStringLiteral("7c1f0a52-93d4-4b1e-8f2a-0d6a9e4c3b21");
const QColor kClipGreen(40, 200, 60);

// A reply of tests/data/runway with {{OUTPUT}} standing for the clip's URL.
QByteArray dataFile(const QString& name, const QUrl& output = {}) {
    return hh::test::testData(QStringLiteral("runway/") + name)
        .replace("{{OUTPUT}}", output.toEncoded());
}

FakeReply json(const QString& name, int status = 200, const QUrl& output = {}) {
    return FakeReply::json(status, dataFile(name, output));
}

FakeReply noContent() {
    return FakeReply::bytes(204, QByteArray(), QByteArray());
}

// Usage as the job store would book it, and a monthly limit to hit.
class MemoryUsage final : public UsageSink {
public:
    void record(const UsageDelta& usage) override {
        QMutexLocker lock(&m_mutex);
        m_deltas << usage;
    }
    Error checkBudget(ProviderId provider, double plannedUsd) override {
        QMutexLocker lock(&m_mutex);
        m_asked << plannedUsd;
        return provider == ProviderId::Runway ? m_budgetError : Error{};
    }
    UsageDelta total() const {
        QMutexLocker lock(&m_mutex);
        UsageDelta sum;
        sum.provider = ProviderId::Runway;
        for (const auto& d : m_deltas) {
            sum.credits += d.credits;
            sum.calls += d.calls;
            sum.errors += d.errors;
        }
        return sum;
    }
    QList<double> asked() const {
        QMutexLocker lock(&m_mutex);
        return m_asked;
    }
    void setBudgetError(Error error) { m_budgetError = std::move(error); }

private:
    mutable QMutex m_mutex;
    QList<UsageDelta> m_deltas;
    QList<double> m_asked;
    Error m_budgetError;
};

// A hub pointed at the fake, with a fixed jitter (0.5) and no rate limit, so the
// clock's sleeps are exactly the poll and retry waits.
struct Fixture {
    explicit Fixture(const QUrl& base, const QString& key = kKey,
                     const QString& model = QStringLiteral("gen4_turbo")) {
        ProviderConfig config;
        config.runwayBase = base;
        config.runwayModel = model;
        config.runwayRequestsPerSecond = 0;
        auto secrets = std::make_shared<MemorySecrets>();
        secrets->setSecret(ProviderId::Runway, key);
        hub = std::make_shared<ProviderHub>(config, secrets, clock);
        hub->setRandom([] { return 0.5; });
        // One clip at a time: the tests that script replies in a queue need that
        // order; the concurrency tests set their own.
        hub->providerSlots().setCapacity(ProviderId::Runway, 1);
        session = std::make_unique<ProviderSession>(hub, &usage);
    }
    std::shared_ptr<FakeClock> clock = std::make_shared<FakeClock>();
    std::shared_ptr<ProviderHub> hub;
    MemoryUsage usage;
    std::unique_ptr<ProviderSession> session;
};

// A small MP4 made with the project's own encoder: `colours` are the pictures
// in order at `fps`, each a solid colour or, with `bands`, three horizontal
// bands (red, green, blue) to check cropping.
bool writeClip(const QString& path, const QSize& size, int fps, const QList<QColor>& colours,
               bool bands = false) {
    EncoderParams params;
    params.width = size.width();
    params.height = size.height();
    params.fps = fps;
    params.preset = QStringLiteral("ultrafast");
    params.crf = 12;
    const int sampleRate = 16000;
    const QByteArray silence(int(qint64(sampleRate) * colours.size() / fps) * 2, '\0');
    VideoEncoder encoder;
    if (encoder.open(path, params, silence, sampleRate).isError())
        return false;
    for (const QColor& colour : colours) {
        QImage frame(size, QImage::Format_RGB32);
        frame.fill(colour);
        if (bands) {
            const int third = size.height() / 3;
            for (int y = 0; y < size.height(); ++y) {
                const QColor band = y < third
                                        ? QColor(Qt::red)
                                        : (y < 2 * third ? QColor(Qt::green) : QColor(Qt::blue));
                for (int x = 0; x < size.width(); ++x)
                    frame.setPixelColor(x, y, band);
            }
        }
        if (encoder.addFrame(frame).isError())
            return false;
    }
    return !encoder.finish().isError();
}

bool near(const QColor& a, const QColor& b, int tolerance = 24) {
    return std::abs(a.red() - b.red()) <= tolerance &&
           std::abs(a.green() - b.green()) <= tolerance &&
           std::abs(a.blue() - b.blue()) <= tolerance;
}

QString describe(const QColor& c) {
    return QStringLiteral("rgb(%1,%2,%3)").arg(c.red()).arg(c.green()).arg(c.blue());
}

Paper testPaper() {
    Paper paper;
    paper.source = QStringLiteral("jats");
    paper.title = QStringLiteral("Honeybees count to four");
    paper.authors = {{QStringLiteral("Ada Lovelace"), {}}};
    paper.journal = QStringLiteral("Journal of Tests");
    paper.year = 2024;
    return paper;
}

// `count` scenes of 2.6 s each, with word timings, as words.json gives them.
void testScript(int count, Script* script, Narration* narration) {
    script->title = QStringLiteral("Honeybees count to four");
    const QStringList headlines = {QStringLiteral("86%"), QStringLiteral("Bees learn numbers"),
                                   QStringLiteral("4 objects")};
    for (int i = 0; i < count; ++i) {
        script->scenes.append({i == 0 ? QStringLiteral("hook") : QStringLiteral("point"),
                               QStringLiteral("Bees can count to four."),
                               headlines.value(i % headlines.size()),
                               {QStringLiteral("abs0.s0")},
                               {}});
        const qint64 start = i * 2600;
        narration->sceneStartMs << start;
        narration->sceneEndMs << start + 2400;
        const QStringList words = {QStringLiteral("Bees"), QStringLiteral("can"),
                                   QStringLiteral("count"), QStringLiteral("to"),
                                   QStringLiteral("four.")};
        for (int w = 0; w < words.size(); ++w)
            narration->words.append({words[w], start + w * 480, start + w * 480 + 400, i});
    }
}

QJsonObject readJson(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

int brightPixels(const QImage& image, const QRect& rect) {
    int count = 0;
    for (int y = rect.top(); y <= rect.bottom(); y += 2) {
        for (int x = rect.left(); x <= rect.right(); x += 2) {
            if (image.pixelColor(x, y).lightness() > 235)
                ++count;
        }
    }
    return count;
}

RunwayVideoRequest smallRequest() {
    RunwayVideoRequest request;
    request.model = QStringLiteral("gen4_turbo");
    request.ratio = QStringLiteral("720:1280");
    request.duration = 5;
    request.promptText = QStringLiteral("Slow push-in");
    QImage image(72, 128, QImage::Format_RGB32);
    image.fill(Qt::darkBlue);
    request.promptImage = RunwayKeyframe::dataUri(image, QSize(72, 128), 100000);
    return request;
}

void verifyRunwayHeaders(const FakeRequest& request) {
    QCOMPARE(request.header("authorization"), QByteArray("Bearer ") + kKey.toUtf8());
    QCOMPARE(request.header("x-runway-version"), QByteArray("2024-11-06"));
}

// Real time run fast: a wait of 5 s takes 25 ms. For tests with several job
// threads, whose waits must overlap in time as they would for real (a FakeClock
// jumps ahead at every thread's wait).
class ScaledClock final : public Clock {
public:
    static constexpr qint64 kFactor = 200;
    ScaledClock() { m_timer.start(); }
    qint64 nowMs() const override { return m_timer.elapsed() * kFactor; }
    bool sleepMs(qint64 ms, const std::atomic_bool* cancel) override {
        const qint64 until = nowMs() + std::max<qint64>(0, ms);
        while (nowMs() < until) {
            if (cancel && cancel->load())
                return false;
            QThread::usleep(500);
        }
        return !(cancel && cancel->load());
    }

private:
    QElapsedTimer m_timer;
};

// A fake Runway and hub sharing one clock, `concurrency` clips per account.
struct ConcurrentRig {
    ConcurrentRig(std::shared_ptr<Clock> rigClock, FakeRunway::Options options, int concurrency)
        : clock(std::move(rigClock))
        , runway([c = clock] { return c->nowMs(); }, std::move(options)) {
        ProviderConfig config;
        config.runwayBase = runway.url();
        config.runwayRequestsPerSecond = 0;
        auto secrets = std::make_shared<MemorySecrets>();
        secrets->setSecret(ProviderId::Runway, kKey);
        hub = std::make_shared<ProviderHub>(config, secrets, clock);
        hub->setRandom([] { return 0.5; });
        hub->providerSlots().setCapacity(ProviderId::Runway, concurrency);
    }
    // One job's visuals step in its own folder, on the calling thread.
    Error runJob(const QString& dir, int scenes, MemoryUsage* usage,
                 QStringList* warnings = nullptr, const std::atomic_bool* cancel = nullptr) {
        ProviderSession session(hub, usage);
        Script script;
        Narration narration;
        testScript(scenes, &script, &narration);
        RunwayVisuals visuals(session);
        StepControl control;
        control.cancel = cancel;
        const Error error =
            visuals.prepare(testPaper(), dir, script, narration,
                            QDir(dir).filePath(QStringLiteral("scenes")), VisualsParams{}, control);
        if (warnings)
            *warnings = visuals.warnings();
        return error;
    }
    std::shared_ptr<Clock> clock;
    FakeRunway runway;
    std::shared_ptr<ProviderHub> hub;
};

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

Q_DECLARE_METATYPE(QList<FakeReply>)

class TestRunway : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void makesAClipEndToEnd_data();
    void makesAClipEndToEnd();
    void taskOutcomes_data();
    void taskOutcomes();
    void httpErrorsOnCreate_data();
    void httpErrorsOnCreate();
    void cancelWhilePollingDeletesTheTask();
    void givesUpAfterTenMinutes();
    void theKeyStaysWithTheApi_data();
    void theKeyStaysWithTheApi();
    void checkKey_data();
    void checkKey();
    void estimates_data();
    void estimates();
    void nothingIsSpentWhenAChecksFails_data();
    void nothingIsSpentWhenAChecksFails();
    void aRefusedSceneKeepsItsBuiltInLook();
    void aRetriedStepReusesPaidClips();
    void clipsRunConcurrently_data();
    void clipsRunConcurrently();
    void twoJobsShareTheAccountsSlots();
    void oneFailingClipIsHandledAlone_data();
    void oneFailingClipIsHandledAlone();
    void cancelDeletesEveryRunningTask();
    void resumeReattachesInsteadOfPayingTwice();
    void ledgerMatchesSerial();
    void slotsAreSharedAcrossProcesses();
    void waitsCountDownAndClipsAreLogged();
    void keyframeFitsTheDataUriLimit();
    void promptStaysWithinRunwaysLimit();

    void clipDecoderFollowsTheClock();
    void clipDecoderCropsAroundTheCentre();
    void clipDecoderErrors();
    void compositorDrawsTheClipUnderTheCaptions();
    void keyframeHasNoCaptions();
    void renderInputReadsClipEntries();

private:
    QTemporaryDir m_dir;
    QString m_greenClip; // 180×320, 24 fps, 12 pictures (0.5 s)
    QByteArray m_greenClipBytes;
    QList<QByteArray> m_sceneClips; // a different small MP4 for each creation
};

void TestRunway::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_greenClip = m_dir.filePath(QStringLiteral("green.mp4"));
    QVERIFY(writeClip(m_greenClip, QSize(180, 320), 24, QList<QColor>(12, kClipGreen)));
    QFile file(m_greenClip);
    QVERIFY(file.open(QIODevice::ReadOnly));
    m_greenClipBytes = file.readAll();
    for (int frames = 2; frames < 10; ++frames) {
        m_sceneClips << hh::test::makeSmallMp4(m_dir.path(), QSize(64, 112), frames);
        QVERIFY(!m_sceneClips.last().isEmpty());
    }
}

void TestRunway::makesAClipEndToEnd_data() {
    QTest::addColumn<QString>("aspect");
    QTest::addColumn<QString>("ratio");
    QTest::addColumn<QSize>("imageSize");
    QTest::newRow("9:16") << "9:16"
                          << "720:1280" << QSize(720, 1280);
    QTest::newRow("16:9") << "16:9"
                          << "1280:720" << QSize(1280, 720);
    QTest::newRow("1:1") << "1:1"
                         << "960:960" << QSize(960, 960);
}

void TestRunway::makesAClipEndToEnd() {
    QFETCH(QString, aspect);
    QFETCH(QString, ratio);
    QFETCH(QSize, imageSize);
    FakeHttpServer server;
    const QUrl output = server.url().resolved(QUrl(QStringLiteral("/outputs/clip.mp4?sig=abc")));
    server.enqueue(json(QStringLiteral("create.json")));
    server.enqueue(json(QStringLiteral("task-pending.json")));
    server.enqueue(json(QStringLiteral("task-throttled.json")));
    server.enqueue(json(QStringLiteral("task-running.json")));
    server.enqueue(json(QStringLiteral("task-succeeded.json"), 200, output));
    server.enqueue(FakeReply::bytes(200, "video/mp4", m_greenClipBytes));
    Fixture f(server.url());

    Script script;
    Narration narration;
    testScript(1, &script, &narration);
    QTemporaryDir dir;
    const QString scenesDir = dir.filePath(QStringLiteral("scenes"));
    VisualsParams params;
    params.aspect = aspect;
    QList<double> fractions;
    QStringList details;
    StepControl control;
    control.progress = [&](double fraction, const QString& detail) {
        fractions << fraction;
        details << detail;
    };
    RunwayVisuals visuals(*f.session);
    const Error error =
        visuals.prepare(testPaper(), dir.path(), script, narration, scenesDir, params, control);
    QVERIFY2(!error.isError(), qPrintable(error.message));
    QVERIFY2(visuals.warnings().isEmpty(), qPrintable(visuals.warnings().join(QLatin1Char('\n'))));

    // The requests, in order, each with the key and the API version.
    const auto requests = server.requests();
    const QList<QByteArray> expected = {"POST /v1/image_to_video",
                                        "GET /v1/tasks/" + kTaskId.toLatin1(),
                                        "GET /v1/tasks/" + kTaskId.toLatin1(),
                                        "GET /v1/tasks/" + kTaskId.toLatin1(),
                                        "GET /v1/tasks/" + kTaskId.toLatin1(),
                                        "GET /outputs/clip.mp4"};
    QCOMPARE(requests.size(), expected.size());
    for (int i = 0; i < requests.size(); ++i) {
        QCOMPARE(requests[i].method + ' ' + requests[i].path, expected[i]);
        verifyRunwayHeaders(requests[i]);
    }
    QCOMPARE(requests.last().query.queryItemValue(QStringLiteral("sig")), QStringLiteral("abc"));

    // The create body.
    const FakeRequest& create = requests.first();
    QCOMPARE(create.header("content-type"), QByteArray("application/json"));
    const QJsonObject body = create.json();
    QStringList keys = body.keys();
    keys.sort();
    QCOMPARE(keys, (QStringList{QStringLiteral("duration"), QStringLiteral("model"),
                                QStringLiteral("promptImage"), QStringLiteral("promptText"),
                                QStringLiteral("ratio"), QStringLiteral("seed")}));
    QCOMPARE(body.value(QLatin1String("model")).toString(), QStringLiteral("gen4_turbo"));
    QCOMPARE(body.value(QLatin1String("ratio")).toString(), ratio);
    QCOMPARE(body.value(QLatin1String("duration")).toInt(), 3); // 2.6 s of narration
    QVERIFY(body.value(QLatin1String("seed")).toDouble() >= 0);
    const QString prompt = body.value(QLatin1String("promptText")).toString();
    QVERIFY2(prompt.contains(QLatin1String("86%")) &&
                 prompt.contains(QLatin1String("Honeybees count to four")),
             qPrintable(prompt));
    QVERIFY(prompt.size() <= 1000);
    const QByteArray image = body.value(QLatin1String("promptImage")).toString().toLatin1();
    const QByteArray prefix = "data:image/jpeg;base64,";
    QVERIFY(image.startsWith(prefix));
    QVERIFY(image.size() <= 5000000);
    const QImage keyframe =
        QImage::fromData(QByteArray::fromBase64(image.mid(prefix.size())), "JPEG");
    QCOMPARE(keyframe.size(), imageSize);

    // Polls no faster than every 5 s, the first after about 5 s.
    const QList<qint64> sleeps = f.clock->sleeps();
    QCOMPARE(sleeps.size(), 4);
    for (qint64 ms : sleeps)
        QVERIFY2(ms >= 5000 && ms <= 10000, qPrintable(QString::number(ms)));
    QVERIFY(sleeps.first() <= 6000);

    // The user saw the task queued at Runway (PENDING, THROTTLED) and its progress.
    QVERIFY2(!details.filter(QStringLiteral("queued at Runway")).isEmpty(),
             qPrintable(details.join(QLatin1Char('\n'))));
    QVERIFY(details.filter(QStringLiteral("42%")).size() == 1);
    QVERIFY(std::is_sorted(fractions.cbegin(), fractions.cend()));
    QCOMPARE(fractions.last(), 1.0);

    // The clip is in scenes/, named by the plan; the built-in media stay.
    QFile clip(QDir(scenesDir).filePath(QStringLiteral("clip_0.mp4")));
    QVERIFY(clip.open(QIODevice::ReadOnly));
    QCOMPARE(clip.readAll(), m_greenClipBytes);
    const QJsonObject plan = readJson(QDir(scenesDir).filePath(QStringLiteral("plan.json")));
    QCOMPARE(plan.value(QLatin1String("renderer")).toString(), QStringLiteral("runway"));
    QCOMPARE(plan.value(QLatin1String("aspect")).toString(), aspect);
    const QJsonObject entry = plan.value(QLatin1String("scenes")).toArray().at(0).toObject();
    QCOMPARE(entry.value(QLatin1String("clip")).toString(), QStringLiteral("clip_0.mp4"));
    QCOMPARE(entry.value(QLatin1String("headline")).toString(), QStringLiteral("86%"));
    QVERIFY(!QFileInfo::exists(scenesDir + QStringLiteral(".part")));
    QVERIFY(!QFileInfo::exists(scenesDir + QStringLiteral(".clips")));

    // Booked: 3 s × 5 credits, one call per request.
    const UsageDelta total = f.usage.total();
    QCOMPARE(total.credits, 15.0);
    QCOMPARE(total.calls, int(requests.size()));
    QCOMPARE(total.errors, 0);
    QCOMPARE(f.usage.asked(), QList<double>{0.15});
}

void TestRunway::taskOutcomes_data() {
    QTest::addColumn<QList<FakeReply>>("replies");
    QTest::addColumn<int>("creates");
    QTest::addColumn<QString>("errorType"); // empty: a clip
    QTest::addColumn<QString>("mentions");

    const QUrl output(QStringLiteral("http://127.0.0.1:1/unused"));
    const FakeReply create = json(QStringLiteral("create.json"));
    const FakeReply createAgain = json(QStringLiteral("create-second.json"));
    const auto failed = [](const char* name) { return json(QString::fromLatin1(name)); };

    QTest::newRow("SAFETY.INPUT.IMAGE: content blocked, not sent again")
        << QList<FakeReply>{create, failed("task-failed-safety-input.json")} << 1
        << QStringLiteral("content_blocked") << QStringLiteral("SAFETY.INPUT.IMAGE");
    QTest::newRow("INTERNAL: sent once more with another seed")
        << QList<FakeReply>{create, failed("task-failed-internal.json"), createAgain} << 2
        << QString() << QString();
    QTest::newRow("SAFETY.OUTPUT: sent once more")
        << QList<FakeReply>{create, failed("task-failed-safety-output.json"), createAgain} << 2
        << QString() << QString();
    QTest::newRow("INTERNAL.BAD_OUTPUT: sent once more")
        << QList<FakeReply>{create, failed("task-failed-bad-output.json"), createAgain} << 2
        << QString() << QString();
    QTest::newRow("INTERNAL twice: provider error")
        << QList<FakeReply>{create, failed("task-failed-internal.json"), createAgain,
                            failed("task-failed-internal.json")}
        << 2 << QStringLiteral("provider") << QStringLiteral("second try");
    QTest::newRow("ASSET.INVALID: provider error with advice")
        << QList<FakeReply>{create, failed("task-failed-asset.json")} << 1
        << QStringLiteral("provider") << QStringLiteral("JPEG, PNG or WebP");
    QTest::newRow("CANCELLED in Runway's dashboard")
        << QList<FakeReply>{create, json(QStringLiteral("task-cancelled.json"))} << 1
        << QStringLiteral("cancelled") << QStringLiteral("outside Hidden Hill");
    QTest::newRow("an unknown status keeps polling")
        << QList<FakeReply>{create, json(QStringLiteral("task-unknown-status.json"))} << 1
        << QString() << QString();
    QTest::newRow("404 while polling: not found")
        << QList<FakeReply>{create, json(QStringLiteral("error-404.json"), 404)} << 1
        << QStringLiteral("not_found") << kTaskId;
}

void TestRunway::taskOutcomes() {
    QFETCH(QList<FakeReply>, replies);
    QFETCH(int, creates);
    QFETCH(QString, errorType);
    QFETCH(QString, mentions);
    FakeHttpServer server;
    for (const auto& reply : replies)
        server.enqueue(reply);
    // What is not scripted ends well: the task succeeds, the output downloads.
    const QUrl output = server.url().resolved(QUrl(QStringLiteral("/outputs/clip.mp4")));
    const QByteArray clip = m_greenClipBytes;
    server.setHandler([output, clip](const FakeRequest& request) {
        if (request.path.startsWith("/outputs/"))
            return FakeReply::bytes(200, "video/mp4", clip);
        return json(QStringLiteral("task-succeeded.json"), 200, output);
    });
    Fixture f(server.url());
    RunwayClient client(*f.session);
    auto result = client.generate(smallRequest(), StepControl{});

    QList<QJsonObject> bodies;
    for (const auto& request : server.requests()) {
        verifyRunwayHeaders(request);
        QVERIFY(request.method != "DELETE");
        if (request.method == "POST")
            bodies << request.json();
    }
    QCOMPARE(bodies.size(), creates);
    if (creates == 2) // a new seed, nothing else changed
        QVERIFY(bodies[0].value(QLatin1String("seed")) != bodies[1].value(QLatin1String("seed")));
    if (creates == 2) {
        bodies[0].remove(QStringLiteral("seed"));
        bodies[1].remove(QStringLiteral("seed"));
        QCOMPARE(bodies[0], bodies[1]);
    }
    if (errorType.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.error().message));
        QCOMPARE(result.value().video, m_greenClipBytes);
        QCOMPARE(result.value().submissions, creates);
        QCOMPARE(result.value().taskId, creates == 2 ? kSecondTaskId : kTaskId);
    } else {
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code(), errorType);
        QVERIFY2(result.error().message.contains(mentions), qPrintable(result.error().message));
        QVERIFY(!result.error().message.contains(kKey));
    }
    for (qint64 ms : f.clock->sleeps())
        QVERIFY2(ms >= 5000, qPrintable(QString::number(ms)));
}

void TestRunway::httpErrorsOnCreate_data() {
    QTest::addColumn<QList<FakeReply>>("replies");
    QTest::addColumn<QString>("errorType"); // empty: the task id
    QTest::addColumn<QString>("mentions");
    QTest::addColumn<QList<qint64>>("delays");

    const FakeReply ok = json(QStringLiteral("create.json"));
    FakeReply tooMany = json(QStringLiteral("error-429.json"), 429);
    FakeReply tooManyHinted = tooMany;
    tooManyHinted.withHeader("Retry-After", "3");
    const FakeReply unavailable = json(QStringLiteral("error-503.json"), 503);

    // Backoff ceilings 1, 2, 4 s with the jitter fixed at 0.5.
    QTest::newRow("400 names the field")
        << QList<FakeReply>{json(QStringLiteral("error-400-issues.json"), 400)}
        << QStringLiteral("provider") << QStringLiteral("ratio:") << QList<qint64>{};
    QTest::newRow("401 is auth") << QList<FakeReply>{json(QStringLiteral("error-401.json"), 401)}
                                 << QStringLiteral("auth") << QStringLiteral("RUNWAYML_API_SECRET")
                                 << QList<qint64>{};
    QTest::newRow("429, then the task")
        << QList<FakeReply>{tooMany, ok} << QString() << QString() << QList<qint64>{500};
    QTest::newRow("429 with Retry-After, then the task")
        << QList<FakeReply>{tooManyHinted, ok} << QString() << QString() << QList<qint64>{3000};
    QTest::newRow("429 four times: rate limited")
        << QList<FakeReply>{tooMany, tooMany, tooMany, tooMany} << QStringLiteral("rate_limited")
        << QStringLiteral("daily generation limit") << QList<qint64>{500, 1000, 2000};
    QTest::newRow("502, 503, 504, then the task")
        << QList<FakeReply>{json(QStringLiteral("error-503.json"), 502), unavailable,
                            json(QStringLiteral("error-503.json"), 504), ok}
        << QString() << QString() << QList<qint64>{500, 1000, 2000};
}

void TestRunway::httpErrorsOnCreate() {
    QFETCH(QList<FakeReply>, replies);
    QFETCH(QString, errorType);
    QFETCH(QString, mentions);
    QFETCH(QList<qint64>, delays);
    FakeHttpServer server;
    for (const auto& reply : replies)
        server.enqueue(reply);
    Fixture f(server.url());
    RunwayClient client(*f.session);
    auto id = client.createImageToVideo(smallRequest(), nullptr);
    QCOMPARE(f.clock->sleeps(), delays);
    QCOMPARE(server.requestCount(), delays.size() + 1);
    for (const auto& request : server.requests()) {
        QCOMPARE(request.path, QByteArray("/v1/image_to_video"));
        verifyRunwayHeaders(request);
    }
    if (errorType.isEmpty()) {
        QVERIFY2(id.ok(), qPrintable(id.error().message));
        QCOMPARE(id.value(), kTaskId);
    } else {
        QVERIFY(!id.ok());
        QCOMPARE(id.error().code(), errorType);
        QVERIFY2(id.error().message.contains(mentions), qPrintable(id.error().message));
        QVERIFY(!id.error().message.contains(kKey));
    }
}

void TestRunway::cancelWhilePollingDeletesTheTask() {
    FakeHttpServer server;
    std::atomic_bool cancel{false};
    server.setHandler([&cancel](const FakeRequest& request) {
        if (request.method == "POST")
            return json(QStringLiteral("create.json"));
        if (request.method == "DELETE")
            return noContent();
        cancel = true; // the user presses Cancel while Runway is generating
        return json(QStringLiteral("task-running.json"));
    });
    Fixture f(server.url());
    RunwayClient client(*f.session);
    StepControl control;
    control.cancel = &cancel;
    auto result = client.generate(smallRequest(), control);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), QStringLiteral("cancelled"));

    const auto requests = server.requests();
    QCOMPARE(requests.size(), 3);
    QCOMPARE(requests[1].method + ' ' + requests[1].path, "GET /v1/tasks/" + kTaskId.toLatin1());
    QCOMPARE(requests[2].method + ' ' + requests[2].path, "DELETE /v1/tasks/" + kTaskId.toLatin1());
    verifyRunwayHeaders(requests[2]);
    QVERIFY(requests[2].body.isEmpty());
}

void TestRunway::givesUpAfterTenMinutes() {
    FakeHttpServer server;
    server.setHandler([](const FakeRequest& request) {
        if (request.method == "POST")
            return json(QStringLiteral("create.json"));
        if (request.method == "DELETE")
            return noContent();
        return json(QStringLiteral("task-throttled.json"));
    });
    Fixture f(server.url());
    RunwayClient client(*f.session);
    auto result = client.generate(smallRequest(), StepControl{});
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), QStringLiteral("provider"));
    QVERIFY2(result.error().message.contains(QLatin1String("10 minutes")),
             qPrintable(result.error().message));
    QVERIFY(result.error().message.contains(QLatin1String("THROTTLED")));

    const auto requests = server.requests();
    QCOMPARE(requests.last().method + ' ' + requests.last().path,
             "DELETE /v1/tasks/" + kTaskId.toLatin1());
    const QList<qint64> sleeps = f.clock->sleeps();
    QCOMPARE(sleeps.size(), int(requests.size()) - 2); // one wait before every GET
    qint64 waited = 0;
    for (qint64 ms : sleeps) {
        QVERIFY(ms >= 5000 && ms <= 8000);
        waited += ms;
    }
    QVERIFY2(waited >= 600000 && waited < 600000 + 8000, qPrintable(QString::number(waited)));
}

void TestRunway::theKeyStaysWithTheApi_data() {
    QTest::addColumn<bool>("redirectFromApi");
    QTest::newRow("output on another host") << false;
    QTest::newRow("the API redirects to another host") << true;
}

void TestRunway::theKeyStaysWithTheApi() {
    QFETCH(bool, redirectFromApi);
    FakeHttpServer api;
    FakeHttpServer cdn; // another port: another origin
    const QUrl cdnUrl = cdn.url().resolved(QUrl(QStringLiteral("/v/clip.mp4?Signature=xyz")));
    cdn.enqueue(FakeReply::bytes(200, "video/mp4", m_greenClipBytes));
    QUrl output = cdnUrl;
    if (redirectFromApi) {
        output = api.url().resolved(QUrl(QStringLiteral("/outputs/clip.mp4")));
        api.enqueue(FakeReply::bytes(302, "text/plain", "moved")
                        .withHeader("Location", cdnUrl.toEncoded()));
    }
    Fixture f(api.url());
    RunwayClient client(*f.session);
    auto video = client.download(output, nullptr);
    QVERIFY2(video.ok(), qPrintable(video.error().message));
    QCOMPARE(video.value(), m_greenClipBytes);

    QCOMPARE(cdn.requestCount(), 1);
    const FakeRequest atCdn = cdn.requests().first();
    QCOMPARE(atCdn.path, QByteArray("/v/clip.mp4"));
    QCOMPARE(atCdn.query.queryItemValue(QStringLiteral("Signature")), QStringLiteral("xyz"));
    QVERIFY(atCdn.header("authorization").isEmpty());
    if (!redirectFromApi) // after a redirect the (public) version header may come along
        QVERIFY(atCdn.header("x-runway-version").isEmpty());
    if (redirectFromApi) {
        QCOMPARE(api.requestCount(), 1);
        verifyRunwayHeaders(api.requests().first());
    }
}

void TestRunway::checkKey_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("errorType");
    QTest::newRow("a working key") << 200 << "organization.json" << QString();
    QTest::newRow("a refused key") << 401 << "error-401.json" << QStringLiteral("auth");
}

void TestRunway::checkKey() {
    QFETCH(int, status);
    QFETCH(QString, file);
    QFETCH(QString, errorType);
    FakeHttpServer server;
    server.enqueue(json(file, status));
    Fixture f(server.url());
    const Error error = checkProviderKey(*f.session, ProviderId::Runway, kKey).error;
    QCOMPARE(error.code(), errorType);
    QCOMPARE(server.requestCount(), 1);
    const FakeRequest request = server.requests().first();
    QCOMPARE(request.method + ' ' + request.path, QByteArray("GET /v1/organization"));
    verifyRunwayHeaders(request);
}

void TestRunway::estimates_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("targetSeconds");
    QTest::addColumn<QList<double>>("sceneSeconds"); // with narration timings
    QTest::addColumn<QList<int>>("sceneWords");      // before narration
    QTest::addColumn<int>("clips");
    QTest::addColumn<int>("seconds");
    QTest::addColumn<double>("credits");
    QTest::addColumn<double>("usd");

    const QString turbo = QStringLiteral("gen4_turbo");
    // 8.2→9, 9.0→9, 7.5→8, 10.4 and 12.0→10 (the longest; the clip then holds), 6.1→7, 6.8→7.
    QTest::newRow("60 s with narration timings")
        << turbo << 60 << QList<double>{8.2, 9.0, 7.5, 10.4, 12.0, 6.1, 6.8} << QList<int>{} << 7
        << 60 << 300.0 << 3.0;
    // At 150 words a minute: 8, 8.8, 7.2, 10, 12, 6, 8 s.
    QTest::newRow("60 s before narration")
        << turbo << 60 << QList<double>{} << QList<int>{20, 22, 18, 25, 30, 15, 20} << 7 << 59
        << 295.0 << 2.95;
    QTest::newRow("60 s before the script: 7 clips of 9 s")
        << turbo << 60 << QList<double>{} << QList<int>{} << 7 << 63 << 315.0 << 3.15;
    QTest::newRow("30 s before the script: 4 clips of 8 s")
        << turbo << 30 << QList<double>{} << QList<int>{} << 4 << 32 << 160.0 << 1.6;
    QTest::newRow("gen4.5 costs 12 credits a second")
        << QStringLiteral("gen4.5") << 60 << QList<double>{} << QList<int>{} << 7 << 63 << 756.0
        << 7.56;
    QTest::newRow("veo3 makes 8 s clips only")
        << QStringLiteral("veo3") << 60 << QList<double>{3.0, 5.0} << QList<int>{} << 2 << 16
        << 640.0 << 6.4;
}

void TestRunway::estimates() {
    QFETCH(QString, model);
    QFETCH(int, targetSeconds);
    QFETCH(QList<double>, sceneSeconds);
    QFETCH(QList<int>, sceneWords);
    QFETCH(int, clips);
    QFETCH(int, seconds);
    QFETCH(double, credits);
    QFETCH(double, usd);
    Script script;
    script.targetSeconds = targetSeconds;
    Narration narration;
    qint64 t = 0;
    for (double s : sceneSeconds) {
        script.scenes.append({QStringLiteral("point"), QStringLiteral("Words."), {}, {}, {}});
        narration.sceneStartMs << t;
        t += qint64(s * 1000);
        narration.sceneEndMs << t - 200;
        narration.words.append(
            {QStringLiteral("Words."), t - 600, t - 200, int(script.scenes.size()) - 1});
    }
    for (int words : sceneWords)
        script.scenes.append({QStringLiteral("point"),
                              QStringList(words, QStringLiteral("word")).join(QLatin1Char(' ')),
                              {},
                              {},
                              {}});
    ProviderConfig config;
    config.runwayModel = model;
    // The last scene lasts until the narration ends (its last word plus the pause).
    if (!sceneSeconds.isEmpty())
        narration.sceneEndMs.last() = t;
    const RunwayEstimate estimate = RunwayVisuals::estimate(script, narration, config);
    QCOMPARE(estimate.clips, clips);
    QCOMPARE(estimate.seconds, seconds);
    QCOMPARE(estimate.credits, credits);
    QVERIFY2(std::abs(estimate.usd - usd) < 1e-9, qPrintable(QString::number(estimate.usd)));
}

void TestRunway::nothingIsSpentWhenAChecksFails_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("aspect");
    QTest::addColumn<bool>("overBudget");
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("over the monthly limit") << kKey << "gen4_turbo"
                                            << "9:16" << true << "quota"
                                            << "monthly";
    QTest::newRow("no key") << QString() << "gen4_turbo"
                            << "9:16" << false << "auth"
                            << "RUNWAYML_API_SECRET";
    QTest::newRow("a model Hidden Hill does not know") << kKey << "gen9_ultra"
                                                       << "9:16" << false << "unsupported"
                                                       << "gen4_turbo";
    QTest::newRow("a shape the model cannot make") << kKey << "veo3.1"
                                                   << "1:1" << false << "unsupported"
                                                   << "16:9";
}

void TestRunway::nothingIsSpentWhenAChecksFails() {
    QFETCH(QString, key);
    QFETCH(QString, model);
    QFETCH(QString, aspect);
    QFETCH(bool, overBudget);
    QFETCH(QString, errorType);
    QFETCH(QString, mentions);
    FakeHttpServer server;
    Fixture f(server.url(), key, model);
    if (overBudget)
        f.usage.setBudgetError(
            {ErrorType::Quota, QStringLiteral("this would pass the monthly Runway limit")});
    Script script;
    Narration narration;
    testScript(2, &script, &narration);
    QTemporaryDir dir;
    VisualsParams params;
    params.aspect = aspect;
    RunwayVisuals visuals(*f.session);
    const Error error = visuals.prepare(testPaper(), dir.path(), script, narration,
                                        dir.filePath(QStringLiteral("scenes")), params, {});
    QCOMPARE(error.code(), errorType);
    QVERIFY2(error.message.contains(mentions), qPrintable(error.message));
    QCOMPARE(server.requestCount(), 0);
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("scenes"))));
    if (overBudget) // two scenes of 2.6 s: 2 × 3 s × 5 credits × $0.01
        QCOMPARE(f.usage.asked(), QList<double>{0.30});
}

void TestRunway::aRefusedSceneKeepsItsBuiltInLook() {
    FakeHttpServer server;
    const QUrl output = server.url().resolved(QUrl(QStringLiteral("/outputs/clip.mp4")));
    // Scene 1: refused by moderation. Scene 2: a clip. Scene 3: refused again.
    server.enqueue(json(QStringLiteral("create.json")));
    server.enqueue(json(QStringLiteral("task-failed-safety-input.json")));
    server.enqueue(json(QStringLiteral("create-second.json")));
    server.enqueue(json(QStringLiteral("task-succeeded.json"), 200, output));
    server.enqueue(FakeReply::bytes(200, "video/mp4", m_greenClipBytes));
    server.enqueue(json(QStringLiteral("create.json")));
    server.enqueue(json(QStringLiteral("task-failed-safety-input.json")));
    Fixture f(server.url());
    Script script;
    Narration narration;
    testScript(3, &script, &narration);
    QTemporaryDir dir;
    const QString scenesDir = dir.filePath(QStringLiteral("scenes"));
    RunwayVisuals visuals(*f.session);
    const Error error =
        visuals.prepare(testPaper(), dir.path(), script, narration, scenesDir, VisualsParams{}, {});
    QVERIFY2(!error.isError(), qPrintable(error.message));
    QCOMPARE(visuals.warnings().size(), 2);
    QVERIFY(visuals.warnings()[0].startsWith(QLatin1String("scene 1 keeps the built-in")));
    QVERIFY(visuals.warnings()[0].contains(QLatin1String("SAFETY.INPUT.IMAGE")));
    QVERIFY(visuals.warnings()[1].startsWith(QLatin1String("scene 3 keeps the built-in")));
    const QJsonObject plan = readJson(QDir(scenesDir).filePath(QStringLiteral("plan.json")));
    const QJsonArray scenes = plan.value(QLatin1String("scenes")).toArray();
    QCOMPARE(scenes.size(), 3);
    QVERIFY(!scenes[0].toObject().contains(QLatin1String("clip")));
    QCOMPARE(scenes[1].toObject().value(QLatin1String("clip")).toString(),
             QStringLiteral("clip_1.mp4"));
    QVERIFY(!scenes[2].toObject().contains(QLatin1String("clip")));
    QCOMPARE(plan.value(QLatin1String("warnings")).toArray().size(), 2);
    QCOMPARE(f.usage.total().credits, 15.0); // only the clip that was made

    // Every clip refused: the step fails with the reason instead of a silent built-in video.
    FakeHttpServer refusing;
    refusing.setHandler([](const FakeRequest& request) {
        return request.method == "POST" ? json(QStringLiteral("create.json"))
                                        : json(QStringLiteral("task-failed-safety-input.json"));
    });
    Fixture g(refusing.url());
    RunwayVisuals refused(*g.session);
    const QString otherScenes = dir.filePath(QStringLiteral("other/scenes"));
    const Error none =
        refused.prepare(testPaper(), dir.path(), script, narration, otherScenes, {}, {});
    QCOMPARE(none.code(), QStringLiteral("content_blocked"));
    QVERIFY2(none.message.startsWith(QLatin1String("Runway made none of the clips")),
             qPrintable(none.message));
    QVERIFY(!QFileInfo::exists(otherScenes));
}

void TestRunway::aRetriedStepReusesPaidClips() {
    FakeHttpServer server;
    const QUrl output = server.url().resolved(QUrl(QStringLiteral("/outputs/clip.mp4")));
    // First run: scene 1 is made, then the key is revoked.
    server.enqueue(json(QStringLiteral("create.json")));
    server.enqueue(json(QStringLiteral("task-succeeded.json"), 200, output));
    server.enqueue(FakeReply::bytes(200, "video/mp4", m_greenClipBytes));
    server.enqueue(json(QStringLiteral("error-401.json"), 401));
    Fixture f(server.url());
    Script script;
    Narration narration;
    testScript(2, &script, &narration);
    QTemporaryDir dir;
    const QString scenesDir = dir.filePath(QStringLiteral("scenes"));
    RunwayVisuals visuals(*f.session);
    const Error first =
        visuals.prepare(testPaper(), dir.path(), script, narration, scenesDir, {}, {});
    QCOMPARE(first.code(), QStringLiteral("auth"));
    QVERIFY2(first.message.contains(QLatin1String("kept for a retry")), qPrintable(first.message));
    QVERIFY(!QFileInfo::exists(scenesDir));
    QCOMPARE(f.usage.total().credits, 15.0);

    // The retry asks Runway for scene 2 only.
    server.clearRequests();
    server.enqueue(json(QStringLiteral("create-second.json")));
    server.enqueue(json(QStringLiteral("task-succeeded.json"), 200, output));
    server.enqueue(FakeReply::bytes(200, "video/mp4", m_greenClipBytes));
    const Error second =
        visuals.prepare(testPaper(), dir.path(), script, narration, scenesDir, {}, {});
    QVERIFY2(!second.isError(), qPrintable(second.message));
    int creates = 0;
    for (const auto& request : server.requests())
        creates += request.method == "POST" ? 1 : 0;
    QCOMPARE(creates, 1);
    QCOMPARE(f.usage.total().credits, 30.0);
    QVERIFY(QFileInfo::exists(QDir(scenesDir).filePath(QStringLiteral("clip_0.mp4"))));
    QVERIFY(QFileInfo::exists(QDir(scenesDir).filePath(QStringLiteral("clip_1.mp4"))));
    QVERIFY(!QFileInfo::exists(scenesDir + QStringLiteral(".clips")));
}

void TestRunway::clipsRunConcurrently_data() {
    QTest::addColumn<int>("scenes");
    QTest::addColumn<int>("concurrency");
    QTest::addColumn<int>("runLimit"); // Runway's tier: tasks it runs at once
    QTest::newRow("6 clips, 2 at a time") << 6 << 2 << 6;
    QTest::newRow("6 clips, 6 at a time") << 6 << 6 << 6;
    QTest::newRow("5 clips, 1 at a time") << 5 << 1 << 6;
    QTest::newRow("4 clips, tier runs 1: long THROTTLED") << 4 << 4 << 1;
}

void TestRunway::clipsRunConcurrently() {
    QFETCH(int, scenes);
    QFETCH(int, concurrency);
    QFETCH(int, runLimit);
    FakeRunway::Options options;
    options.runLimit = runLimit;
    // Earlier scenes take longer, so at concurrency > 1 they finish last.
    options.taskMsOf = [scenes](int creation) { return 20000 + (scenes - creation) * 4000; };
    options.mp4Of = [this](int creation) { return m_sceneClips.value(creation); };
    ConcurrentRig rig(std::make_shared<FakeClock>(), options, concurrency);
    MemoryUsage usage;
    QStringList warnings;
    QTemporaryDir dir;
    const Error error = rig.runJob(dir.path(), scenes, &usage, &warnings);
    QVERIFY2(!error.isError(), qPrintable(error.message));
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));

    QCOMPARE(rig.runway.creations(), scenes);
    QCOMPARE(rig.runway.downloads().size(), scenes);
    // As many at once as allowed, never more (THROTTLED ones count: they are paid for).
    QCOMPARE(rig.runway.maxUnfinished(kKey), std::min(concurrency, scenes));
    QVERIFY2(rig.runway.tooFastPolls().isEmpty(),
             qPrintable(rig.runway.tooFastPolls().join(QLatin1Char('\n'))));
    QVERIFY(!rig.runway.missingHeaders());
    // Each scene has its own task's clip, whatever order they finished in.
    const QString scenesDir = dir.filePath(QStringLiteral("scenes"));
    const QJsonArray planScenes = readJson(QDir(scenesDir).filePath(QStringLiteral("plan.json")))
                                      .value(QLatin1String("scenes"))
                                      .toArray();
    for (int i = 0; i < scenes; ++i) {
        const QString name = QStringLiteral("clip_%1.mp4").arg(i);
        QCOMPARE(planScenes[i].toObject().value(QLatin1String("clip")).toString(), name);
        QVERIFY2(readAll(QDir(scenesDir).filePath(name)) == m_sceneClips[i],
                 qPrintable(QStringLiteral("scene %1 got another scene's clip").arg(i + 1)));
    }
    QCOMPARE(usage.total().credits, 15.0 * scenes);
    // The job detail's list: every clip done.
    QFile states(dir.filePath(QLatin1String(ClipStateBoard::kFileName)));
    QVERIFY(states.open(QIODevice::ReadOnly));
    const QJsonArray clips = QJsonDocument::fromJson(states.readAll()).array();
    QCOMPARE(clips.size(), scenes);
    for (const auto& clip : clips)
        QCOMPARE(clip.toObject().value(QLatin1String("state")).toString(), QStringLiteral("done"));
}

void TestRunway::twoJobsShareTheAccountsSlots() {
    FakeRunway::Options options;
    options.taskMs = 12000;
    options.mp4 = m_greenClipBytes;
    ConcurrentRig rig(std::make_shared<ScaledClock>(), options, 2);
    QTemporaryDir first, second;
    MemoryUsage usageA, usageB;
    Error errorA, errorB;
    std::unique_ptr<QThread> jobA(
        QThread::create([&] { errorA = rig.runJob(first.path(), 3, &usageA); }));
    std::unique_ptr<QThread> jobB(
        QThread::create([&] { errorB = rig.runJob(second.path(), 3, &usageB); }));
    jobA->start();
    jobB->start();
    QVERIFY(jobA->wait(60000));
    QVERIFY(jobB->wait(60000));
    QVERIFY2(!errorA.isError(), qPrintable(errorA.message));
    QVERIFY2(!errorB.isError(), qPrintable(errorB.message));
    QCOMPARE(rig.runway.creations(), 6);
    // Two jobs at concurrency 2 share 2 slots, not 4.
    QCOMPARE(rig.runway.maxUnfinished(kKey), 2);
    QVERIFY2(rig.runway.tooFastPolls().isEmpty(),
             qPrintable(rig.runway.tooFastPolls().join(QLatin1Char('\n'))));
    QCOMPARE(rig.hub->providerSlots().inUse(ProviderId::Runway,
                                            ProviderSlots::accountFor(ProviderId::Runway, kKey)),
             0);
}

void TestRunway::oneFailingClipIsHandledAlone_data() {
    QTest::addColumn<QString>("failureCode");
    QTest::addColumn<int>("failures"); // how often scene 2's task fails
    QTest::addColumn<bool>("clipMade");
    QTest::newRow("internal error once: resubmitted") << "INTERNAL" << 1 << true;
    QTest::newRow("internal error twice: built-in") << "INTERNAL" << 2 << false;
    QTest::newRow("input refused: built-in") << "SAFETY.INPUT.IMAGE" << 1 << false;
}

void TestRunway::oneFailingClipIsHandledAlone() {
    QFETCH(QString, failureCode);
    QFETCH(int, failures);
    QFETCH(bool, clipMade);
    FakeRunway::Options options;
    options.mp4 = m_greenClipBytes;
    auto failed = std::make_shared<std::atomic_int>(0);
    // Scene 2 is the one headlined "Bees learn numbers" (testScript).
    options.failWith = [=](int, const QJsonObject& body) {
        if (body.value(QLatin1String("promptText")).toString().contains(QLatin1String("numbers")) &&
            failed->fetch_add(1) < failures)
            return failureCode;
        return QString();
    };
    ConcurrentRig rig(std::make_shared<FakeClock>(), options, 3);
    MemoryUsage usage;
    QStringList warnings;
    QTemporaryDir dir;
    const Error error = rig.runJob(dir.path(), 4, &usage, &warnings);
    QVERIFY2(!error.isError(), qPrintable(error.message));
    const bool resubmitted = failureCode == QLatin1String("INTERNAL");
    QCOMPARE(rig.runway.creations(), 4 + (resubmitted ? 1 : 0));
    QCOMPARE(warnings.size(), clipMade ? 0 : 1);
    if (!clipMade)
        QVERIFY2(warnings.first().startsWith(QLatin1String("scene 2 keeps the built-in")),
                 qPrintable(warnings.first()));
    const QJsonArray planScenes = readJson(dir.filePath(QStringLiteral("scenes/plan.json")))
                                      .value(QLatin1String("scenes"))
                                      .toArray();
    for (int i = 0; i < 4; ++i)
        QCOMPARE(planScenes[i].toObject().contains(QLatin1String("clip")), i != 1 || clipMade);
    QCOMPARE(usage.total().credits, 15.0 * (clipMade ? 4 : 3)); // failed tasks cost nothing
}

void TestRunway::cancelDeletesEveryRunningTask() {
    FakeRunway::Options options;
    options.mp4 = m_greenClipBytes;
    std::atomic_bool cancel{false};
    // The user presses Cancel once three tasks run at Runway.
    options.onPoll = [&cancel](int running) {
        if (running >= 3)
            cancel = true;
    };
    ConcurrentRig rig(std::make_shared<FakeClock>(), options, 3);
    MemoryUsage usage;
    QTemporaryDir dir;
    const Error error = rig.runJob(dir.path(), 5, &usage, nullptr, &cancel);
    QCOMPARE(error.code(), QStringLiteral("cancelled"));
    QCOMPARE(rig.runway.creations(), 3);
    QCOMPARE(rig.runway.deletes().size(), 3);
    QCOMPARE(rig.runway.unfinishedNow(), 0);
    QVERIFY(rig.runway.downloads().isEmpty());
    // Polling stopped at once: after the first DELETE only DELETEs.
    const auto requests = rig.runway.server().requests();
    bool deleting = false;
    for (const auto& request : requests) {
        deleting = deleting || request.method == "DELETE";
        if (deleting)
            QCOMPARE(request.method, QByteArray("DELETE"));
    }
    QCOMPARE(usage.total().credits, 0.0);
    QCOMPARE(rig.hub->providerSlots().inUse(ProviderId::Runway,
                                            ProviderSlots::accountFor(ProviderId::Runway, kKey)),
             0);
}

void TestRunway::resumeReattachesInsteadOfPayingTwice() {
    FakeRunway::Options options;
    options.mp4 = m_greenClipBytes;
    // The first run dies while three tasks run: its DELETEs never reach Runway
    // (as when the process is killed), so the tasks go on there.
    options.deleteStatus = 503;
    std::atomic_bool cancel{false};
    options.onPoll = [&cancel](int running) {
        if (running >= 3)
            cancel = true;
    };
    ConcurrentRig rig(std::make_shared<FakeClock>(), options, 3);
    MemoryUsage usage;
    QTemporaryDir dir;
    QCOMPARE(rig.runJob(dir.path(), 4, &usage, nullptr, &cancel).code(),
             QStringLiteral("cancelled"));
    QCOMPARE(rig.runway.creations(), 3);
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("scenes.clips/tasks.json"))));

    // The resumed job polls those three and submits only the fourth scene.
    const QStringList firstPrompts = rig.runway.createdPrompts();
    rig.runway.setDeleteStatus(204);
    QStringList warnings;
    const Error resumed = rig.runJob(dir.path(), 4, &usage, &warnings);
    QVERIFY2(!resumed.isError(), qPrintable(resumed.message));
    QVERIFY(warnings.isEmpty());
    QCOMPARE(rig.runway.creations(), 4);
    QCOMPARE(rig.runway.createdPrompts().mid(0, 3), firstPrompts);
    QCOMPARE(rig.runway.downloads().size(), 4);
    QCOMPARE(usage.total().credits, 60.0);
    QVERIFY(rig.runway.tooFastPolls().isEmpty());
    for (int i = 0; i < 4; ++i)
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("scenes/clip_%1.mp4").arg(i))));
}

void TestRunway::ledgerMatchesSerial() {
    // The same video made one clip at a time and four at a time costs the same
    // and books the same calls; the estimate asked of the budget is the same.
    UsageDelta totals[2];
    QList<double> asked[2];
    const int concurrency[2] = {1, 4};
    for (int run = 0; run < 2; ++run) {
        FakeRunway::Options options;
        options.mp4 = m_greenClipBytes;
        ConcurrentRig rig(std::make_shared<FakeClock>(), options, concurrency[run]);
        MemoryUsage usage;
        QTemporaryDir dir;
        const Error error = rig.runJob(dir.path(), 4, &usage);
        QVERIFY2(!error.isError(), qPrintable(error.message));
        totals[run] = usage.total();
        asked[run] = usage.asked();
    }
    QCOMPARE(totals[1].credits, totals[0].credits);
    QCOMPARE(totals[1].calls, totals[0].calls);
    QCOMPARE(totals[1].errors, totals[0].errors);
    QCOMPARE(asked[1], asked[0]);
    QCOMPARE(totals[0].credits, 60.0);
}

void TestRunway::slotsAreSharedAcrossProcesses() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("jobs.sqlite"));
    {
        JobStore store(path); // creates the schema with the slot table
        QVERIFY(!store.open().isError());
    }
    // The desktop app and a CLI: two processes with one Runway account, 2 at a time.
    qint64 now = 1'000'000;
    const auto clock = [&now] { return now; };
    auto app = std::make_shared<ProviderSlotTable>(path);
    auto cli = std::make_shared<ProviderSlotTable>(path);
    cli->setHolder(QCoreApplication::applicationPid(), QStringLiteral("this-host"));
    app->setHolder(QCoreApplication::applicationPid(), QStringLiteral("this-host"));
    app->setClock(clock);
    cli->setClock(clock);
    ProviderSlots appSlots, cliSlots;
    appSlots.setSharedTable(app);
    cliSlots.setSharedTable(cli);
    const QString account = ProviderSlots::accountFor(ProviderId::Runway, kKey);
    const qint64 first = appSlots.tryAcquire(ProviderId::Runway, account);
    QVERIFY(first > 0);
    QVERIFY(cliSlots.tryAcquire(ProviderId::Runway, account) > 0);
    QCOMPARE(cliSlots.tryAcquire(ProviderId::Runway, account), 0); // 2 taken between them
    QCOMPARE(appSlots.tryAcquire(ProviderId::Runway, account), 0);
    // Another account is not held up.
    QVERIFY(cliSlots.tryAcquire(
                ProviderId::Runway,
                ProviderSlots::accountFor(ProviderId::Runway, QStringLiteral("b"))) > 0);
    appSlots.release(first);
    QVERIFY(cliSlots.tryAcquire(ProviderId::Runway, account) > 0);

    // A killed process's slots: on this host freed at once (its pid is gone) …
    QProcess finished;
    finished.start(QStringLiteral("true"), {});
    QVERIFY(finished.waitForFinished());
    const qint64 deadPid = finished.processId() > 0 ? finished.processId() : 999999;
    QTemporaryDir other;
    const QString otherPath = other.filePath(QStringLiteral("jobs.sqlite"));
    {
        JobStore store(otherPath);
        QVERIFY(!store.open().isError());
    }
    ProviderSlotTable dead(otherPath), alive(otherPath), remote(otherPath);
    dead.setHolder(deadPid, QSysInfo::machineHostName());
    dead.setClock(clock);
    alive.setClock(clock);
    remote.setHolder(42, QStringLiteral("another-computer"));
    remote.setClock(clock);
    QVERIFY(dead.tryLease(account, 2) > 0);
    QVERIFY(dead.tryLease(account, 2) > 0);
    QVERIFY(alive.tryLease(account, 2) > 0); // the dead process's two are gone
    QVERIFY(alive.tryLease(account, 2) > 0);
    QCOMPARE(alive.tryLease(account, 2), 0);
    // … on another host when its lease runs out without a heartbeat.
    QVERIFY(remote.tryLease(QStringLiteral("runway:other"), 1) > 0);
    QCOMPARE(alive.tryLease(QStringLiteral("runway:other"), 1), 0);
    now += ProviderSlotTable::kLeaseMs / 2;
    alive.heartbeat(); // this process's leases stay
    now += ProviderSlotTable::kLeaseMs / 2 + 1;
    QVERIFY(alive.tryLease(QStringLiteral("runway:other"), 1) > 0);
    QCOMPARE(alive.tryLease(account, 2), 0); // its own two were renewed, not expired
}

void TestRunway::waitsCountDownAndClipsAreLogged() {
    FakeHttpServer server;
    const QUrl output = server.url().resolved(QUrl(QStringLiteral("/outputs/clip.mp4")));
    // Runway asks to wait 3 s before the task can be created.
    server.enqueue(json(QStringLiteral("error-429.json"), 429).withHeader("Retry-After", "3"));
    server.enqueue(json(QStringLiteral("create.json")));
    server.enqueue(json(QStringLiteral("task-running.json")));
    server.enqueue(json(QStringLiteral("task-succeeded.json"), 200, output));
    server.enqueue(FakeReply::bytes(200, "video/mp4", m_greenClipBytes));
    Fixture f(server.url());
    Script script;
    Narration narration;
    testScript(1, &script, &narration);
    QTemporaryDir dir;
    QStringList details, notes;
    StepControl control;
    control.progress = [&](double, const QString& detail) { details << detail; };
    control.note = [&](const QString& line) { notes << line; };
    RunwayVisuals visuals(*f.session);
    const Error error = visuals.prepare(testPaper(), dir.path(), script, narration,
                                        dir.filePath(QStringLiteral("scenes")), {}, control);
    QVERIFY2(!error.isError(), qPrintable(error.message));
    // The wait is shown live, counting down, instead of a frozen bar.
    const QStringList waits = details.filter(QStringLiteral("Waiting for Runway: rate limit"));
    QCOMPARE(waits,
             (QStringList{QStringLiteral("Waiting for Runway: rate limit, retrying in 3 s"),
                          QStringLiteral("Waiting for Runway: rate limit, retrying in 2 s"),
                          QStringLiteral("Waiting for Runway: rate limit, retrying in 1 s")}));
    // One event-log line per state change of the clip.
    QCOMPARE(notes, (QStringList{QStringLiteral("clip 1/1: waiting for a Runway slot"),
                                 QStringLiteral("clip 1/1: queued at Runway"),
                                 QStringLiteral("clip 1/1: running at Runway (42%)"),
                                 QStringLiteral("clip 1/1: downloading"),
                                 QStringLiteral("clip 1/1: done")}));
}

void TestRunway::keyframeFitsTheDataUriLimit() {
    // Noise barely compresses: the encoder has to lower the quality, then the size.
    QImage noise(1280, 720, QImage::Format_RGB32);
    QRandomGenerator random(7);
    for (int y = 0; y < noise.height(); ++y) {
        auto* line = reinterpret_cast<QRgb*>(noise.scanLine(y));
        for (int x = 0; x < noise.width(); ++x)
            line[x] = 0xFF000000u | (random.generate() & 0xFFFFFFu);
    }
    const qint64 limit = 150000;
    const QByteArray uri = RunwayKeyframe::dataUri(noise, QSize(1280, 720), limit);
    QVERIFY(!uri.isEmpty());
    QVERIFY2(uri.size() <= limit, qPrintable(QString::number(uri.size())));
    const QByteArray prefix = "data:image/jpeg;base64,";
    QVERIFY(uri.startsWith(prefix));
    const QImage decoded = QImage::fromData(QByteArray::fromBase64(uri.mid(prefix.size())), "JPEG");
    QVERIFY(!decoded.isNull());
    QCOMPARE(decoded.width() * 9, decoded.height() * 16); // still 16:9
    QVERIFY(RunwayKeyframe::dataUri(noise, QSize(1280, 720), 1000).isEmpty());
    QCOMPARE(RunwayKeyframe::sizeForRatio(QStringLiteral("720:1280")), QSize(720, 1280));
    QVERIFY(!RunwayKeyframe::sizeForRatio(QStringLiteral("9:16x")).isValid());
}

void TestRunway::promptStaysWithinRunwaysLimit() {
    Scene scene{
        QStringLiteral("point"), QStringLiteral("Words."), QStringLiteral("44,770 rpm"), {}, {}};
    const QString prompt = RunwayVisuals::promptFor(scene, QStringLiteral("Meselson and Stahl"));
    QVERIFY(prompt.contains(QLatin1String("\"44,770 rpm\"")));
    QVERIFY(prompt.contains(QLatin1String("\"Meselson and Stahl\"")));
    // An absurd title (emoji: two UTF-16 units each) is cut, never mid-character.
    scene.headline = QString(600, QLatin1Char('x'));
    QString title = QStringLiteral("a"); // so a cut at an even length splits an emoji
    for (int i = 0; i < 900; ++i)
        title += QString::fromUtf8("\xF0\x9F\x90\x9D");
    const QString capped = RunwayVisuals::promptFor(scene, title);
    QVERIFY(capped.size() <= 1000);
    QCOMPARE(QString::fromUtf8(capped.toUtf8()), capped); // no lone surrogate anywhere
}

void TestRunway::clipDecoderFollowsTheClock() {
    // 24 fps: 6 red pictures, then 6 blue (0.5 s), read at the compositor's 30 fps.
    const QString path = m_dir.filePath(QStringLiteral("red-blue.mp4"));
    QList<QColor> colours(6, QColor(220, 30, 30));
    colours += QList<QColor>(6, QColor(30, 30, 220));
    QVERIFY(writeClip(path, QSize(180, 320), 24, colours));
    ClipDecoder decoder;
    const Error error = decoder.open(path, QSize(360, 640), 30);
    QVERIFY2(!error.isError(), qPrintable(error.message));
    QCOMPARE(decoder.sourceSize(), QSize(180, 320));
    QVERIFY2(std::abs(decoder.durationSeconds() - 0.5) < 1e-3,
             qPrintable(QString::number(decoder.durationSeconds())));
    QCOMPARE(decoder.frameCount(), 15);
    for (int i = 0; i < 20; ++i) { // 15 frames of clip, then its last picture held
        auto frame = decoder.frame(i);
        QVERIFY2(frame.ok(), qPrintable(frame.error().message));
        QCOMPARE(frame.value().size(), QSize(360, 640));
        const int sourcePicture = int(i * 24 / 30);
        const QColor expected = colours.value(std::min(sourcePicture, 11));
        const QColor got = frame.value().pixelColor(180, 320);
        QVERIFY2(near(got, expected),
                 qPrintable(QStringLiteral("frame %1: %2").arg(i).arg(describe(got))));
    }
    // Back to the start (a thumbnail drawn before the video).
    auto first = decoder.frame(0);
    QVERIFY(first.ok());
    QVERIFY(near(first.value().pixelColor(10, 10), colours.first()));
}

void TestRunway::clipDecoderCropsAroundTheCentre() {
    // A 9:16 clip of red, green and blue bands into a 16:9 frame: only the middle
    // (green) band is wide enough to cover it.
    const QString path = m_dir.filePath(QStringLiteral("bands.mp4"));
    QVERIFY(writeClip(path, QSize(180, 320), 24, QList<QColor>(3, Qt::black), true));
    ClipDecoder decoder;
    QVERIFY(!decoder.open(path, QSize(320, 180), 30).isError());
    auto frame = decoder.frame(0);
    QVERIFY(frame.ok());
    QCOMPARE(frame.value().size(), QSize(320, 180));
    for (const QPoint& point :
         {QPoint(2, 2), QPoint(317, 2), QPoint(2, 177), QPoint(317, 177), QPoint(160, 90)})
        QVERIFY2(near(frame.value().pixelColor(point), QColor(Qt::green), 40),
                 qPrintable(describe(frame.value().pixelColor(point))));
}

void TestRunway::clipDecoderErrors() {
    ClipDecoder decoder;
    QCOMPARE(
        decoder.open(m_dir.filePath(QStringLiteral("missing.mp4")), QSize(360, 640), 30).code(),
        QStringLiteral("not_found"));
    const QString text = m_dir.filePath(QStringLiteral("not-a-video.mp4"));
    QFile file(text);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("this is not a video");
    file.close();
    QCOMPARE(decoder.open(text, QSize(360, 640), 30).code(), QStringLiteral("unsupported"));
    QVERIFY(!decoder.isOpen());
    QCOMPARE(decoder.frame(0).error().code(), QStringLiteral("internal"));
}

void TestRunway::compositorDrawsTheClipUnderTheCaptions() {
    Script script;
    Narration narration;
    testScript(1, &script, &narration);
    VideoContent content;
    content.script = script;
    content.title = QStringLiteral("Honeybees count to four");
    content.words = narration.words;
    content.sceneStartMs = narration.sceneStartMs;
    content.durationMs = 5000;
    VideoContent withClip = content;
    withClip.clips.insert(0, m_greenClip);
    Compositor builtIn(content, FrameGeometry::forAspect(QStringLiteral("9:16")));
    Compositor clipped(withClip, FrameGeometry::forAspect(QStringLiteral("9:16")));

    const int frame = 15; // 0.5 s: "can" is being said
    const QImage plain = builtIn.renderFrame(frame);
    const QImage image = clipped.renderFrame(frame);
    const QRect captions = clipped.geometry().captions;
    const QPoint open(clipped.geometry().safe.center().x(), captions.top() - 120);
    QVERIFY2(near(image.pixelColor(open), kClipGreen),
             qPrintable(describe(image.pixelColor(open))));
    QVERIFY(!near(plain.pixelColor(open), kClipGreen));
    // The captions are drawn over the clip, as over the built-in scene.
    const int captionPixels = brightPixels(image, captions);
    QVERIFY2(captionPixels > 200, qPrintable(QString::number(captionPixels)));
    QCOMPARE(captionPixels, brightPixels(plain, captions));
    QVERIFY(near(image.pixelColor(captions.left() + 2, captions.top() + 2), kClipGreen));
    // A scene without a clip looks exactly as before, even beside one with a clip.
    // (Compared before any end card is drawn: Qt's glyph cache then shifts the
    // antialiasing of later text by a shade, clips or not.)
    VideoContent laterClip = content;
    laterClip.clips.insert(1, m_greenClip);
    Compositor partly(laterClip, FrameGeometry::forAspect(QStringLiteral("9:16")));
    QCOMPARE(partly.renderFrame(frame), plain);
    // The end card covers the clip in its last seconds.
    const int endFrame = int((clipped.endCardStartMs() + 600) * 30 / 1000);
    QVERIFY(!near(clipped.renderFrame(endFrame).pixelColor(open), kClipGreen, 60));
}

void TestRunway::keyframeHasNoCaptions() {
    Script script;
    Narration narration;
    testScript(1, &script, &narration);
    VideoContent content;
    content.script = script;
    content.title = QStringLiteral("Honeybees count to four");
    content.words = narration.words;
    content.sceneStartMs = narration.sceneStartMs;
    content.durationMs = 5000;
    Compositor compositor(content, FrameGeometry::forAspect(QStringLiteral("9:16")));
    const QImage keyframe = compositor.renderKeyframe(0);
    const QImage frame = compositor.renderFrame(27); // 0.9 s: counted up, a caption showing
    const QRect captions = compositor.geometry().captions;
    QCOMPARE(brightPixels(keyframe, captions), 0);
    QVERIFY(brightPixels(frame, captions) > 200);
    // Above the captions the keyframe is the scene itself (title, number).
    const QRect title = compositor.titleRect();
    QVERIFY(brightPixels(keyframe, title) > 200);
    QCOMPARE(brightPixels(keyframe, title), brightPixels(frame, title));
}

void TestRunway::renderInputReadsClipEntries() {
    QTemporaryDir dir;
    Script script;
    Narration narration;
    testScript(3, &script, &narration); // the end card covers the last scene: check the middle one
    narration.sampleRate = 16000;
    narration.pcm = QByteArray(16000 * 2 * 9, '\0');
    const auto write = [&dir](const QString& name, const QByteArray& data) {
        QDir().mkpath(QFileInfo(dir.filePath(name)).path());
        QFile file(dir.filePath(name));
        return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
    };
    QVERIFY(write(QStringLiteral("paper.json"), QJsonDocument(testPaper().toJson()).toJson()));
    QVERIFY(write(QStringLiteral("script.json"), QJsonDocument(script.toJson()).toJson()));
    QVERIFY(write(QStringLiteral("words.json"), QJsonDocument(narration.wordsJson()).toJson()));
    QVERIFY(write(QStringLiteral("narration.wav"), narration.toWav()));
    QVERIFY(write(QStringLiteral("scenes/clip_1.mp4"), m_greenClipBytes));
    QJsonArray scenes;
    for (int i = 0; i < 3; ++i) {
        QJsonObject entry{{QStringLiteral("index"), i},
                          {QStringLiteral("start_ms"), narration.sceneStartMs[i]},
                          {QStringLiteral("end_ms"), narration.sceneEndMs[i]}};
        if (i == 1)
            entry.insert(QStringLiteral("clip"), QStringLiteral("clip_1.mp4"));
        scenes.append(entry);
    }
    QVERIFY(write(QStringLiteral("scenes/plan.json"),
                  QJsonDocument(QJsonObject{{QStringLiteral("scenes"), scenes}}).toJson()));

    JobSteps job(dir.path(), JobOptions{});
    auto input = job.loadRenderInput();
    QVERIFY2(input.ok(), qPrintable(input.error().message));
    const VideoContent& content = input.value()->content;
    QCOMPARE(content.clips.size(), 1);
    QCOMPARE(content.clips.value(1), dir.filePath(QStringLiteral("scenes/clip_1.mp4")));
    Compositor compositor(content, FrameGeometry::forAspect(QStringLiteral("9:16")));
    const QImage second = compositor.renderFrame(int((2600 + 1000) * 30 / 1000));
    const QPoint open(compositor.geometry().safe.center().x(),
                      compositor.geometry().captions.top() - 120);
    QVERIFY(near(second.pixelColor(open), kClipGreen));
    QVERIFY(!near(compositor.renderFrame(30).pixelColor(open), kClipGreen));
}

QTEST_MAIN(TestRunway)
#include "tst_runway.moc"
