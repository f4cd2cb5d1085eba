// SPDX-License-Identifier: GPL-3.0-or-later
// Cloud steps at the provider's speed, against fakes on loopback (issue 17).
// Visuals: a 6-scene Runway job whose fake takes 3 s per task and runs up to 6
// at once, made at concurrency 1, 6 and 2 in the same run; the step's wall time,
// the part before the first task (motion graphics, keyframes), ratios, polls
// sooner than the poll interval, and tasks left after a cancel. Voice: 8 Gemini
// TTS requests with 1 s latency at concurrency 4 against 1.
//
// The fake's tasks take 3 s, so polling at Runway's documented 5 s would hide
// the effect: here the poll interval is 250 ms (ProviderConfig::runwayPollMs),
// and the fake counts polls sooner than that; the request rate limit is scaled
// by the same factor. The app always polls at 5 s.
//
//   bench_cloud
#include "FakeHttpServer.h"
#include "FakeRunway.h"
#include "Paper.h"
#include "providers/GeminiVoice.h"
#include "providers/RunwayVisuals.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <cstdio>

using namespace hh;
using hh::test::FakeHttpServer;
using hh::test::FakeReply;
using hh::test::FakeRunway;

namespace {

constexpr int kScenes = 6;
constexpr qint64 kTaskMs = 3000;
constexpr qint64 kPollMs = 250;

void benchScript(Script* script, Narration* narration, int scenes) {
    script->title = QStringLiteral("Honeybees count to four");
    for (int i = 0; i < scenes; ++i) {
        script->scenes.append({i == 0 ? QStringLiteral("hook") : QStringLiteral("point"),
                               QStringLiteral("Bees can count to four, scene %1.").arg(i + 1),
                               QStringLiteral("Finding %1").arg(i + 1),
                               {},
                               {}});
        const qint64 start = i * 4000;
        narration->sceneStartMs << start;
        narration->sceneEndMs << start + 3800;
        narration->words.append({QStringLiteral("Bees"), start, start + 400, i});
    }
}

Paper benchPaper() {
    Paper paper;
    paper.source = QStringLiteral("jats");
    paper.title = QStringLiteral("Honeybees count to four");
    paper.journal = QStringLiteral("Journal of Benchmarks");
    paper.year = 2026;
    return paper;
}

struct VisualsRun {
    double seconds = 0;
    double beforeFirstTask = 0; // keyframes, motion graphics: before Runway is asked
    int tooFast = 0;
    int polls = 0;
    int maxAtOnce = 0;
    int leftAfterCancel = -1;
    bool ok = false;
};

VisualsRun runVisuals(int concurrency, const QByteArray& mp4, bool cancelMidway) {
    QElapsedTimer clock;
    clock.start();
    FakeRunway::Options options;
    options.taskMs = kTaskMs;
    options.runLimit = 6;
    options.minPollMs = kPollMs;
    options.mp4 = mp4;
    std::atomic_bool cancel{false};
    if (cancelMidway)
        options.onPoll = [&cancel](int running) {
            if (running >= 3)
                cancel = true;
        };
    FakeRunway runway([&clock] { return clock.elapsed(); }, options);
    ProviderConfig config;
    config.runwayBase = runway.url();
    config.runwayPollMs = kPollMs;
    // The request rate scaled with the poll interval (20× faster than Runway's 5 s),
    // so the app's 5 requests a second weigh as they would at the real pace.
    config.runwayRequestsPerSecond = ProviderConfig{}.runwayRequestsPerSecond * 5000.0 / kPollMs;
    auto secrets = std::make_shared<MemorySecrets>();
    secrets->setSecret(ProviderId::Runway, QStringLiteral("bench-key"));
    auto hub = std::make_shared<ProviderHub>(config, secrets);
    hub->providerSlots().setCapacity(ProviderId::Runway, concurrency);
    ProviderSession session(hub);
    Script script;
    Narration narration;
    benchScript(&script, &narration, kScenes);
    QTemporaryDir dir;
    RunwayVisuals visuals(session);
    StepControl control;
    control.cancel = &cancel;
    const qint64 started = clock.elapsed();
    const Error error = visuals.prepare(benchPaper(), dir.path(), script, narration,
                                        dir.filePath(QStringLiteral("scenes")), {}, control);
    VisualsRun run;
    run.seconds = double(clock.elapsed() - started) / 1000.0;
    run.beforeFirstTask = double(runway.firstCreatedAt() - started) / 1000.0;
    run.ok = cancelMidway ? error.type == ErrorType::Cancelled
                          : !error.isError() && visuals.warnings().isEmpty();
    if (!run.ok)
        std::printf("  run failed: %s\n", qPrintable(error.message));
    run.tooFast = int(runway.tooFastPolls().size());
    run.polls = runway.polls();
    run.maxAtOnce = runway.maxUnfinishedAnyKey();
    if (cancelMidway)
        run.leftAfterCancel = runway.unfinishedNow();
    return run;
}

QByteArray ttsBody() {
    const QByteArray pcm(24000 * 2, '\0'); // 1 s of silence at 24 kHz
    const QJsonObject part{
        {QStringLiteral("inlineData"),
         QJsonObject{{QStringLiteral("mimeType"), QStringLiteral("audio/L16;codec=pcm;rate=24000")},
                     {QStringLiteral("data"), QString::fromLatin1(pcm.toBase64())}}}};
    const QJsonObject body{
        {QStringLiteral("candidates"),
         QJsonArray{QJsonObject{
             {QStringLiteral("content"), QJsonObject{{QStringLiteral("parts"), QJsonArray{part}}}},
             {QStringLiteral("finishReason"), QStringLiteral("STOP")}}}},
        {QStringLiteral("usageMetadata"),
         QJsonObject{{QStringLiteral("promptTokenCount"), 9},
                     {QStringLiteral("candidatesTokenCount"), 25}}}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

double runVoice(int concurrency) {
    FakeHttpServer server;
    const QByteArray body = ttsBody();
    server.setHandler([&body](const hh::test::FakeRequest&) {
        FakeReply reply = FakeReply::json(200, body);
        reply.delayMs = 1000;
        return reply;
    });
    ProviderConfig config;
    config.geminiBase = server.url();
    config.geminiRequestsPerSecond = 10; // a paid tier; the free one allows a few a minute
    auto secrets = std::make_shared<MemorySecrets>();
    secrets->setSecret(ProviderId::Gemini, QStringLiteral("bench-key"));
    auto hub = std::make_shared<ProviderHub>(config, secrets);
    hub->providerSlots().setCapacity(ProviderId::Gemini, concurrency);
    ProviderSession session(hub);
    Script script;
    Narration unused;
    benchScript(&script, &unused, 8);
    GeminiVoice voice(session);
    QElapsedTimer step;
    step.start();
    const auto narration = voice.synthesize(script, VoiceParams{}, {});
    if (!narration)
        std::printf("  voice failed: %s\n", qPrintable(narration.error().message));
    return double(step.elapsed()) / 1000.0;
}

} // namespace

int main(int argc, char* argv[]) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QTemporaryDir scratch;
    const QByteArray mp4 = hh::test::makeSmallMp4(scratch.path(), QSize(180, 320), 24);

    std::printf("Runway visuals: %d scenes, fake task %.1f s, tier runs 6, poll every %lld ms\n",
                kScenes, kTaskMs / 1000.0, kPollMs);
    const VisualsRun serial = runVisuals(1, mp4, false);
    const VisualsRun six = runVisuals(6, mp4, false);
    const VisualsRun two = runVisuals(2, mp4, false);
    const VisualsRun cancelled = runVisuals(6, mp4, true);
    const auto row = [](const char* name, const VisualsRun& run) {
        std::printf("  %-15s %6.2f s (keyframes %.2f s)   at once %d   polls %3d   too fast %d   "
                    "%s\n",
                    name, run.seconds, run.beforeFirstTask, run.maxAtOnce, run.polls, run.tooFast,
                    run.ok ? "ok" : "FAILED");
    };
    row("concurrency 1", serial);
    row("concurrency 6", six);
    row("concurrency 2", two);
    const double task = kTaskMs / 1000.0;
    std::printf("  c=6: (step − keyframes) / one task = %.2f (goal ≤ 1.2 + downloads)\n",
                (six.seconds - six.beforeFirstTask) / task);
    std::printf("  c=6 / serial = %.2f\n", six.seconds / serial.seconds);
    std::printf("  c=2 / serial = %.2f (goal ≤ 0.55)\n", two.seconds / serial.seconds);
    std::printf("  polls sooner than the interval: %d (goal 0)\n",
                serial.tooFast + six.tooFast + two.tooFast + cancelled.tooFast);
    std::printf("  cancel with 3 running: %d tasks left at Runway (goal 0), %s\n",
                cancelled.leftAfterCancel, cancelled.ok ? "cancelled" : "FAILED");

    std::printf("\nGemini voice: 8 TTS requests, fake latency 1 s, 10 requests/s allowed\n");
    const double voiceSerial = runVoice(1);
    const double voiceFour = runVoice(4);
    std::printf("  concurrency 1   %6.2f s\n  concurrency 4   %6.2f s\n", voiceSerial, voiceFour);
    std::printf("  c=4 / serial = %.2f (goal ≤ 0.35)\n", voiceFour / voiceSerial);
    return 0;
}
