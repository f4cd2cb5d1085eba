// SPDX-License-Identifier: GPL-3.0-or-later
// Narration from a server of the OpenAI speech API (Kokoro-FastAPI, LocalAI,
// openedai-speech, OpenAI): the exact request, the voice list behind Check,
// WAV and MP3 answers (real speech made here, the MP3 by the ffmpeg program),
// the failures a user meets as specific errors, the lexicon's respelling in
// what is sent, and word times inside the audio and in order.
#include "FakeClock.h"
#include "FakeHttpServer.h"
#include "TestUtil.h"
#include "providers/KeyCheck.h"
#include "providers/OpenAiSpeechVoice.h"
#include "providers/WordAligner.h"
#include "voice/EspeakVoice.h"

#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace hh;
using hh::test::FakeClock;
using hh::test::FakeHttpServer;
using hh::test::FakeReply;
using hh::test::FakeRequest;

namespace {

constexpr char kSentence[] = "Sleep helps the brain store what it learned during the day.";

Script scriptOf(const QStringList& narrations) {
    Script script;
    script.title = QStringLiteral("Test");
    script.language = QStringLiteral("en");
    for (const QString& text : narrations)
        script.scenes.append(Scene{QStringLiteral("point"), text, {}, {}, {}});
    return script;
}

// Real speech of a known length, as a server would send it: espeak-ng's WAV.
const Narration& spokenSentence() {
    static const Narration narration = [] {
        auto spoken = EspeakVoice().synthesize(scriptOf({QString::fromLatin1(kSentence)}),
                                               VoiceParams{}, StepControl{});
        return spoken ? spoken.value() : Narration{};
    }();
    return narration;
}

// The same speech as MP3, made by the ffmpeg program (as a server's encoder would).
QByteArray mp3Of(const QByteArray& wav) {
    QTemporaryDir dir;
    const QString in = dir.filePath(QStringLiteral("in.wav"));
    const QString out = dir.filePath(QStringLiteral("out.mp3"));
    QFile file(in);
    if (!file.open(QIODevice::WriteOnly) || file.write(wav) != wav.size())
        return {};
    file.close();
    QProcess ffmpeg;
    ffmpeg.start(QStringLiteral("ffmpeg"),
                 {QStringLiteral("-loglevel"), QStringLiteral("error"), QStringLiteral("-i"), in,
                  QStringLiteral("-b:a"), QStringLiteral("64k"), out});
    if (!ffmpeg.waitForFinished(60000) || ffmpeg.exitCode() != 0)
        return {};
    QFile mp3(out);
    return mp3.open(QIODevice::ReadOnly) ? mp3.readAll() : QByteArray();
}

FakeReply wavReply(const QByteArray& wav) {
    return FakeReply::bytes(200, "audio/wav", wav);
}

struct Rig {
    explicit Rig(const QString& key = {}) {
        auto secrets = std::make_shared<MemorySecrets>();
        if (!key.isEmpty())
            secrets->setSecret(ProviderId::Speech, key);
        ProviderConfig config;
        config.speechBase = QUrl(server.url().toString() + QStringLiteral("/v1"));
        config.speechModel = QStringLiteral("kokoro");
        config.speechVoice = QStringLiteral("af_heart");
        hub = std::make_shared<ProviderHub>(config, secrets, clock);
        hub->setRandom([] { return 0.5; }); // backoff waits: 500, 1000, 2000 ms
        session = std::make_unique<ProviderSession>(hub);
    }
    Result<Narration> speak(const Script& script, const QString& voice = {},
                            const Lexicon& lexicon = {}) {
        OpenAiSpeechVoice speech(*session);
        VoiceParams params;
        params.voice = voice;
        params.lexicon = lexicon;
        return speech.synthesize(script, params, StepControl{});
    }

    FakeHttpServer server;
    std::shared_ptr<FakeClock> clock = std::make_shared<FakeClock>();
    std::shared_ptr<ProviderHub> hub;
    std::unique_ptr<ProviderSession> session;
};

// Every caption word once, in order, on the paper's spelling, inside the audio.
void verifyWellFormed(const Narration& narration, const Script& script) {
    QStringList expected;
    for (const Scene& scene : script.scenes)
        expected << WordAligner::captionWords(scene.narration);
    QStringList texts;
    for (const WordTiming& word : narration.words)
        texts << word.text;
    QCOMPARE(texts, expected);
    qint64 previousEnd = 0;
    for (const WordTiming& word : narration.words) {
        QVERIFY2(word.startMs >= previousEnd, qPrintable(word.text));
        QVERIFY2(word.endMs >= word.startMs, qPrintable(word.text));
        previousEnd = word.endMs;
    }
    QVERIFY(previousEnd <= narration.durationMs());
    QCOMPARE(narration.sceneStartMs.size(), script.scenes.size());
}

} // namespace

class TestSpeechVoice : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void sendsTheOpenAiSpeechRequest();
    void sendsTheKeyOnlyWhenOneIsSet();
    void decodesWavAndMp3_data();
    void decodesWavAndMp3();
    void wordTimesFollowTheSpeech();
    void saysTheLexiconsRespelling();
    void failures_data();
    void failures();
    void listsTheServersVoices_data();
    void listsTheServersVoices();
    void refusesPlainHttpToAnotherComputer();
};

void TestSpeechVoice::initTestCase() {
    QVERIFY2(spokenSentence().durationMs() > 1500, "espeak-ng made no reference speech");
}

void TestSpeechVoice::sendsTheOpenAiSpeechRequest() {
    Rig rig;
    const QByteArray wav = spokenSentence().toWav();
    rig.server.enqueue(wavReply(wav));
    rig.server.enqueue(wavReply(wav));
    const Script script =
        scriptOf({QString::fromLatin1(kSentence), QStringLiteral("Mice slept longer.")});
    const auto narration = rig.speak(script, QStringLiteral("bf_emma"));
    QVERIFY2(narration.ok(), qPrintable(narration.error().message));
    const QList<FakeRequest> requests = rig.server.requests();
    QCOMPARE(requests.size(), 2);
    for (qsizetype i = 0; i < requests.size(); ++i) {
        QCOMPARE(requests[i].method, QByteArray("POST"));
        QCOMPARE(requests[i].path, QByteArray("/v1/audio/speech"));
        QCOMPARE(requests[i].header("content-type"), QByteArray("application/json"));
        const QJsonObject expected{{QStringLiteral("model"), QStringLiteral("kokoro")},
                                   {QStringLiteral("voice"), QStringLiteral("bf_emma")},
                                   {QStringLiteral("input"), script.scenes[i].narration},
                                   {QStringLiteral("response_format"), QStringLiteral("wav")}};
        QCOMPARE(requests[i].json(), expected);
    }
    verifyWellFormed(narration.value(), script);
    // The default voice when the job names none.
    rig.server.clearRequests();
    rig.server.enqueue(wavReply(wav));
    QVERIFY(rig.speak(scriptOf({QStringLiteral("Hello there.")})).ok());
    QCOMPARE(rig.server.requests().value(0).json().value(QLatin1String("voice")).toString(),
             QStringLiteral("af_heart"));
}

void TestSpeechVoice::sendsTheKeyOnlyWhenOneIsSet() {
    const QByteArray wav = spokenSentence().toWav();
    Rig local;
    local.server.enqueue(wavReply(wav));
    QVERIFY(local.speak(scriptOf({QStringLiteral("Hello there.")})).ok());
    QVERIFY(local.server.requests().value(0).header("authorization").isEmpty());

    Rig withKey(QStringLiteral("sk-test-not-real"));
    withKey.server.enqueue(wavReply(wav));
    QVERIFY(withKey.speak(scriptOf({QStringLiteral("Hello there.")})).ok());
    QCOMPARE(withKey.server.requests().value(0).header("authorization"),
             QByteArray("Bearer sk-test-not-real"));
    QVERIFY(!withKey.server.requests().value(0).body.contains("sk-test"));
}

void TestSpeechVoice::decodesWavAndMp3_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    const QByteArray wav = spokenSentence().toWav();
    QTest::newRow("wav 22050 Hz") << wav << QByteArray("audio/wav");
    const QByteArray mp3 = mp3Of(wav);
    QVERIFY2(mp3.size() > 1000, "the ffmpeg program made no MP3");
    QTest::newRow("mp3 (server ignores response_format)") << mp3 << QByteArray("audio/mpeg");
}

void TestSpeechVoice::decodesWavAndMp3() {
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    Rig rig;
    rig.server.enqueue(FakeReply::bytes(200, contentType, body));
    const Script script = scriptOf({QString::fromLatin1(kSentence)});
    const auto narration = rig.speak(script);
    QVERIFY2(narration.ok(), qPrintable(narration.error().message));
    QCOMPARE(narration->sampleRate, OpenAiSpeechVoice::kSampleRate);
    // MP3 adds an encoder delay and padding of a few tens of milliseconds.
    const qint64 expected = spokenSentence().durationMs();
    QVERIFY2(
        std::abs(narration->durationMs() - expected) <= 80,
        qPrintable(
            QStringLiteral("%1 ms, expected %2 ms").arg(narration->durationMs()).arg(expected)));
    QVERIFY(!narration->pcm.startsWith("RIFF"));
    verifyWellFormed(narration.value(), script);
}

void TestSpeechVoice::wordTimesFollowTheSpeech() {
    // espeak-ng knows when it said each word: the aligner's times on its audio,
    // served as a speech server would, stay close to them.
    Rig rig;
    const Narration& reference = spokenSentence();
    rig.server.enqueue(wavReply(reference.toWav()));
    const Script script = scriptOf({QString::fromLatin1(kSentence)});
    const auto narration = rig.speak(script);
    QVERIFY2(narration.ok(), qPrintable(narration.error().message));
    verifyWellFormed(narration.value(), script);
    QCOMPARE(narration->words.size(), reference.words.size());
    qint64 totalError = 0;
    for (qsizetype i = 0; i < reference.words.size(); ++i)
        totalError += std::abs(narration->words[i].startMs - reference.words[i].startMs);
    const qint64 meanError = totalError / reference.words.size();
    QVERIFY2(meanError < 200, qPrintable(QStringLiteral("mean start error %1 ms").arg(meanError)));
}

void TestSpeechVoice::saysTheLexiconsRespelling() {
    Rig rig;
    rig.server.enqueue(wavReply(spokenSentence().toWav()));
    const Script script = scriptOf({QStringLiteral("Levels of mRNA rose (p < 0.05).")});
    const auto narration = rig.speak(script, {}, Lexicon::starter());
    QVERIFY2(narration.ok(), qPrintable(narration.error().message));
    QCOMPARE(rig.server.requests().value(0).json().value(QLatin1String("input")).toString(),
             QStringLiteral("Levels of messenger R N A rose (p less than zero point zero five)."));
    verifyWellFormed(narration.value(), script);
}

void TestSpeechVoice::failures_data() {
    QTest::addColumn<QList<FakeReply>>("replies");
    QTest::addColumn<QString>("errorCode"); // empty: success
    QTest::addColumn<int>("requests");
    QTest::addColumn<QString>("messagePart");
    const FakeReply ok = wavReply(spokenSentence().toWav());
    const FakeReply tooMany = FakeReply::json(429, R"({"detail":"Too many requests"})");
    const FakeReply broken =
        FakeReply::json(500, R"({"error":{"message":"CUDA out of memory","type":"server_error"}})");
    FakeReply cutOff = wavReply(spokenSentence().toWav());
    cutOff.mode = FakeReply::Mode::Truncate;

    QTest::newRow("429, then audio")
        << QList<FakeReply>{tooMany, ok} << QString() << 2 << QString();
    QTest::newRow("429 until the retries run out")
        << QList<FakeReply>{tooMany, tooMany, tooMany, tooMany} << QStringLiteral("rate_limited")
        << 4 << QStringLiteral("too many requests");
    QTest::newRow("500 until the retries run out")
        << QList<FakeReply>{broken, broken, broken, broken} << QStringLiteral("provider") << 4
        << QStringLiteral("CUDA out of memory");
    QTest::newRow("cut-off audio")
        << QList<FakeReply>{cutOff, cutOff, cutOff, cutOff} << QStringLiteral("network") << 4
        << QStringLiteral("broke off its audio");
    QTest::newRow("404: no such voice")
        << QList<FakeReply>{FakeReply::json(404, R"({"detail":"Voice not found"})")}
        << QStringLiteral("not_found") << 1 << QStringLiteral("HH_SPEECH_MODEL");
    QTest::newRow("not audio") << QList<FakeReply>{FakeReply::bytes(200, "text/html",
                                                                    "<html>hello</html>")}
                               << QStringLiteral("provider") << 1 << QStringLiteral("unreadable");
}

void TestSpeechVoice::failures() {
    QFETCH(QList<FakeReply>, replies);
    QFETCH(QString, errorCode);
    QFETCH(int, requests);
    QFETCH(QString, messagePart);
    Rig rig;
    for (const FakeReply& reply : replies)
        rig.server.enqueue(reply);
    const Script script = scriptOf({QString::fromLatin1(kSentence)});
    const auto narration = rig.speak(script);
    QCOMPARE(rig.server.requestCount(), requests);
    if (errorCode.isEmpty()) {
        QVERIFY2(narration.ok(), qPrintable(narration.error().message));
        verifyWellFormed(narration.value(), script);
        return;
    }
    QVERIFY(!narration.ok());
    QCOMPARE(narration.error().code(), errorCode);
    QVERIFY2(narration.error().message.contains(messagePart, Qt::CaseInsensitive),
             qPrintable(narration.error().message));
}

void TestSpeechVoice::listsTheServersVoices_data() {
    QTest::addColumn<FakeReply>("reply");
    QTest::addColumn<QStringList>("voices");
    QTest::addColumn<QString>("detailPart");
    QTest::newRow("Kokoro-FastAPI")
        << FakeReply::json(200, R"({"voices":["af_heart","bm_george"]})")
        << QStringList{QStringLiteral("af_heart"), QStringLiteral("bm_george")}
        << QStringLiteral("2 voice(s): af_heart, bm_george");
    QTest::newRow("objects with names")
        << FakeReply::json(200, R"([{"name":"alloy"},{"id":"echo"}])")
        << QStringList{QStringLiteral("alloy"), QStringLiteral("echo")}
        << QStringLiteral("2 voice(s)");
    QTest::newRow("no list on this server") << FakeReply::json(404, R"({"detail":"Not Found"})")
                                            << QStringList{} << QStringLiteral("type the name");
}

void TestSpeechVoice::listsTheServersVoices() {
    QFETCH(FakeReply, reply);
    QFETCH(QStringList, voices);
    QFETCH(QString, detailPart);
    Rig rig;
    rig.server.enqueue(reply);
    const auto listed = OpenAiSpeechVoice::listVoices(*rig.session, {});
    QVERIFY2(listed.ok(), qPrintable(listed.error().message));
    QCOMPARE(listed.value(), voices);
    QCOMPARE(rig.server.requests().value(0).method, QByteArray("GET"));
    QCOMPARE(rig.server.requests().value(0).path, QByteArray("/v1/audio/voices"));
    // Settings → Providers' Check says the same.
    rig.server.enqueue(reply);
    const KeyCheckResult check = checkProviderKey(*rig.session, ProviderId::Speech, {});
    QVERIFY2(!check.error.isError(), qPrintable(check.error.message));
    QVERIFY2(check.detail.contains(detailPart), qPrintable(check.detail));
}

void TestSpeechVoice::refusesPlainHttpToAnotherComputer() {
    ProviderConfig config;
    config.speechBase = QUrl(QStringLiteral("http://192.0.2.10:8880/v1"));
    QVERIFY(config.problems().join(QLatin1Char(' ')).contains(QLatin1String("HH_SPEECH_BASE_URL")));
    auto hub = std::make_shared<ProviderHub>(config, std::make_shared<MemorySecrets>(),
                                             std::make_shared<FakeClock>());
    ProviderSession session(hub);
    OpenAiSpeechVoice speech(session);
    const auto narration =
        speech.synthesize(scriptOf({QStringLiteral("Hello.")}), VoiceParams{}, StepControl{});
    QVERIFY(!narration.ok());
    QVERIFY2(narration.error().message.contains(QLatin1String("http")),
             qPrintable(narration.error().message));
}

QTEST_GUILESS_MAIN(TestSpeechVoice)
#include "tst_speech_voice.moc"
