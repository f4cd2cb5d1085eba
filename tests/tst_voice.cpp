// SPDX-License-Identifier: GPL-3.0-or-later
// The generate-audio step: WAV in and out, words.json, and the built-in espeak-ng
// voice checked the way a viewer would notice problems: silence where speech
// should be, captions out of step with the voice, a missing or doubled word.
#include "TestUtil.h"
#include "voice/EspeakVoice.h"
#include "voice/Narration.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>
#include <QtEndian>
#include <atomic>
#include <cmath>
#include <thread>

using namespace hh;

namespace {

constexpr double kSpeechRms = 300; // int16 scale; espeak speech is in the thousands
constexpr double kSilenceRms = 30;

QByteArray pcmOf(const QList<qint16>& samples) {
    QByteArray pcm(samples.size() * 2, Qt::Uninitialized);
    for (qsizetype i = 0; i < samples.size(); ++i)
        qToLittleEndian(samples.at(i), pcm.data() + i * 2);
    return pcm;
}

quint32 u32At(const QByteArray& data, qsizetype offset) {
    return qFromLittleEndian<quint32>(data.constData() + offset);
}

quint16 u16At(const QByteArray& data, qsizetype offset) {
    return qFromLittleEndian<quint16>(data.constData() + offset);
}

QByteArray le16(quint16 value) {
    QByteArray out(2, Qt::Uninitialized);
    qToLittleEndian(value, out.data());
    return out;
}

QByteArray le32(quint32 value) {
    QByteArray out(4, Qt::Uninitialized);
    qToLittleEndian(value, out.data());
    return out;
}

QByteArray chunk(const char* id, const QByteArray& body, std::optional<quint32> declared = {}) {
    QByteArray out(id, 4);
    out += le32(declared.value_or(static_cast<quint32>(body.size())));
    out += body;
    if (body.size() % 2)
        out += '\0';
    return out;
}

QByteArray fmtBody(quint16 format, quint16 channels, quint32 rate, quint16 bits) {
    const quint16 align = static_cast<quint16>(channels * bits / 8);
    return le16(format) + le16(channels) + le32(rate) + le32(rate * align) + le16(align) +
           le16(bits);
}

QByteArray riff(const QByteArray& chunks) {
    return QByteArray("RIFF") + le32(static_cast<quint32>(4 + chunks.size())) + QByteArray("WAVE") +
           chunks;
}

// Root mean square of the narration between two times, int16 scale.
double rms(const Narration& narration, qint64 fromMs, qint64 toMs) {
    const qint64 total = narration.pcm.size() / 2;
    const qint64 from = std::clamp<qint64>(fromMs * narration.sampleRate / 1000, 0, total);
    const qint64 to = std::clamp<qint64>(toMs * narration.sampleRate / 1000, 0, total);
    if (to <= from)
        return 0;
    const auto* samples = reinterpret_cast<const qint16*>(narration.pcm.constData());
    double sum = 0;
    for (qint64 i = from; i < to; ++i)
        sum += double(samples[i]) * samples[i];
    return std::sqrt(sum / double(to - from));
}

QStringList narrationWords(const Script& script) {
    QStringList words;
    for (const Scene& scene : script.scenes)
        words << scene.narration.split(QRegularExpression(QStringLiteral("\\s+")),
                                       Qt::SkipEmptyParts);
    return words;
}

Script scriptOf(const QStringList& narrations, const QString& language = QStringLiteral("en")) {
    Script script;
    script.title = QStringLiteral("Test");
    script.language = language;
    for (const QString& text : narrations)
        script.scenes.append(Scene{QStringLiteral("point"), text, {}, {}, {}});
    return script;
}

Script threeScenes() {
    return scriptOf({QStringLiteral("Mice that slept longer learned the maze faster."),
                     QStringLiteral("The effect was 3.5 times larger (p < 0.05) in older animals."),
                     QStringLiteral("Sleep may help memory. More work is needed.")});
}

Result<Narration> speak(const Script& script, VoiceParams params = {},
                        const StepControl& control = {}) {
    EspeakVoice voice;
    return voice.synthesize(script, params, control);
}

// The checks every synthesized narration must pass, whatever the text.
void verifyWellFormed(const Narration& narration, const Script& script) {
    QVERIFY(narration.sampleRate > 0);
    QCOMPARE(narration.sceneStartMs.size(), script.scenes.size());
    QCOMPARE(narration.sceneEndMs.size(), script.scenes.size());
    QStringList texts;
    for (const WordTiming& word : narration.words)
        texts << word.text;
    QCOMPARE(texts, narrationWords(script));
    qint64 previousEnd = 0;
    int previousScene = 0;
    for (const WordTiming& word : narration.words) {
        QVERIFY2(word.startMs >= previousEnd, qPrintable(word.text)); // in order, no overlap
        QVERIFY2(word.endMs >= word.startMs, qPrintable(word.text));
        QVERIFY2(word.endMs <= narration.durationMs(), qPrintable(word.text));
        QVERIFY(word.scene >= previousScene);
        QVERIFY(word.startMs >= narration.sceneStartMs.at(word.scene));
        QVERIFY(word.endMs <= narration.sceneEndMs.at(word.scene));
        previousEnd = word.endMs;
        previousScene = word.scene;
    }
    for (qsizetype i = 0; i < narration.sceneStartMs.size(); ++i) {
        QVERIFY(narration.sceneStartMs.at(i) <= narration.sceneEndMs.at(i));
        if (i > 0)
            QVERIFY(narration.sceneStartMs.at(i) >= narration.sceneEndMs.at(i - 1));
    }
}

} // namespace

class TestVoice : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void wavRoundTrip_data();
    void wavRoundTrip();
    void wavSkipsUnknownChunksAndDownmixesStereo();
    void wavRejectsBadInput_data();
    void wavRejectsBadInput();
    void wavTruncatedAnywhereNeverCrashes();
    void wordsJsonRoundTrip();
    void wordsJsonDerivesSceneSpans();
    void wordsJsonRejectsBadEntries();

    void speaksEveryScene();
    void keepsWrittenWordsForCaptions();
    void rateFollowsWordsPerMinute();
    void reportsProgressPerScene();
    void ukrainian();
    void listsVoices();
    void unknownVoiceFallsBack();
    void missingLanguageIsTypedError();
    void hostileText_data();
    void hostileText();
    void silentSceneStillTimesItsWords();
    void cancelBeforeStart();
    void cancelWhileSpeaking();
    void concurrentCallsAreSerialised();
};

void TestVoice::wavRoundTrip_data() {
    QTest::addColumn<int>("sampleRate");
    QTest::addColumn<QList<qint16>>("samples");
    QTest::newRow("empty") << 22050 << QList<qint16>{};
    QTest::newRow("one sample") << 16000 << QList<qint16>{-32768};
    QTest::newRow("extremes") << 48000 << QList<qint16>{0, 32767, -32768, 1, -1, 12345};
    QList<qint16> ramp;
    for (int i = 0; i < 22050; ++i)
        ramp << static_cast<qint16>((i * 37) % 65536 - 32768);
    QTest::newRow("one second") << 22050 << ramp;
}

void TestVoice::wavRoundTrip() {
    QFETCH(int, sampleRate);
    QFETCH(QList<qint16>, samples);
    Narration narration;
    narration.sampleRate = sampleRate;
    narration.pcm = pcmOf(samples);
    const QByteArray wav = narration.toWav();

    const quint32 dataSize = static_cast<quint32>(samples.size() * 2);
    QCOMPARE(wav.size(), 44 + qsizetype(dataSize));
    QCOMPARE(wav.left(4), QByteArray("RIFF"));
    QCOMPARE(u32At(wav, 4), 36 + dataSize);
    QCOMPARE(wav.mid(8, 4), QByteArray("WAVE"));
    QCOMPARE(wav.mid(12, 4), QByteArray("fmt "));
    QCOMPARE(u32At(wav, 16), 16u);        // PCM fmt chunk size
    QCOMPARE(u16At(wav, 20), quint16(1)); // PCM
    QCOMPARE(u16At(wav, 22), quint16(1)); // mono
    QCOMPARE(u32At(wav, 24), quint32(sampleRate));
    QCOMPARE(u32At(wav, 28), quint32(sampleRate * 2)); // byte rate
    QCOMPARE(u16At(wav, 32), quint16(2));              // block align
    QCOMPARE(u16At(wav, 34), quint16(16));             // bits
    QCOMPARE(wav.mid(36, 4), QByteArray("data"));
    QCOMPARE(u32At(wav, 40), dataSize);

    const Result<Narration> back = Narration::fromWav(wav);
    QVERIFY2(back.ok(), qPrintable(back.error().message));
    QCOMPARE(back->sampleRate, sampleRate);
    QCOMPARE(back->pcm, narration.pcm);
    QCOMPARE(back->durationMs(), qint64(samples.size()) * 1000 / sampleRate);
}

void TestVoice::wavSkipsUnknownChunksAndDownmixesStereo() {
    // LIST with an odd size checks the pad byte; fmt is the 18-byte variant.
    const QByteArray stereo = pcmOf({1000, 3000, -2000, -4000, 32767, 32767});
    const QByteArray wav = riff(chunk("LIST", QByteArray("INFOISFT\x05\0\0\0HH!!", 17)) +
                                chunk("fmt ", fmtBody(1, 2, 44100, 16) + le16(0)) +
                                chunk("fact", le32(3)) + chunk("data", stereo));
    const Result<Narration> parsed = Narration::fromWav(wav);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message));
    QCOMPARE(parsed->sampleRate, 44100);
    QCOMPARE(parsed->pcm, pcmOf({2000, -3000, 32767}));
}

void TestVoice::wavRejectsBadInput_data() {
    QTest::addColumn<QByteArray>("wav");
    const QByteArray pcm = pcmOf({1, 2, 3, 4});
    const QByteArray fmt = chunk("fmt ", fmtBody(1, 1, 22050, 16));
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("riff only") << QByteArray("RIFF");
    QTest::newRow("not wave") << (QByteArray("RIFF") + le32(4) + QByteArray("AVI "));
    QTest::newRow("no chunks") << riff({});
    QTest::newRow("no fmt") << riff(chunk("data", pcm));
    QTest::newRow("no data") << riff(fmt);
    QTest::newRow("short fmt") << riff(chunk("fmt ", fmtBody(1, 1, 22050, 16).left(12)) +
                                       chunk("data", pcm));
    QTest::newRow("float") << riff(chunk("fmt ", fmtBody(3, 1, 22050, 32)) + chunk("data", pcm));
    QTest::newRow("8 bit") << riff(chunk("fmt ", fmtBody(1, 1, 22050, 8)) + chunk("data", pcm));
    QTest::newRow("24 bit") << riff(chunk("fmt ", fmtBody(1, 1, 22050, 24)) + chunk("data", pcm));
    QTest::newRow("six channels") << riff(chunk("fmt ", fmtBody(1, 6, 22050, 16)) +
                                          chunk("data", pcm));
    QTest::newRow("zero rate") << riff(chunk("fmt ", fmtBody(1, 1, 0, 16)) + chunk("data", pcm));
    QTest::newRow("data longer than file") << riff(fmt + chunk("data", pcm, 1000));
    QTest::newRow("huge unknown chunk")
        << riff(fmt + chunk("LIST", "abcd", 0xFFFFFFFFu) + chunk("data", pcm));
    QTest::newRow("huge data") << riff(fmt + chunk("data", pcm, 0xFFFFFFFFu));
}

void TestVoice::wavRejectsBadInput() {
    QFETCH(QByteArray, wav);
    const Result<Narration> parsed = Narration::fromWav(wav);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().type, ErrorType::Unsupported);
    QVERIFY(!parsed.error().message.isEmpty());
}

void TestVoice::wavTruncatedAnywhereNeverCrashes() {
    Narration narration;
    narration.sampleRate = 22050;
    narration.pcm = pcmOf({5, -5, 7, -7, 9, -9});
    const QByteArray wav = narration.toWav();
    // Every cut before the end of the samples loses audio, so it must be refused
    // rather than silently played short.
    for (qsizetype cut = 0; cut < wav.size(); ++cut) {
        const Result<Narration> parsed = Narration::fromWav(wav.left(cut));
        QVERIFY2(!parsed.ok(), qPrintable(QString::number(cut)));
    }
    QVERIFY(Narration::fromWav(wav).ok());
}

void TestVoice::wordsJsonRoundTrip() {
    Narration narration;
    narration.sampleRate = 22050;
    narration.pcm = QByteArray(22050 * 2 * 3, '\0');
    narration.words = {{QStringLiteral("Mice"), 0, 410, 0},
                       {QStringLiteral("(p"), 1234, 1500, 1},
                       {QStringLiteral("<"), 1500, 1501, 1},
                       {QStringLiteral("0.05)."), 1501, 2999, 1}};
    narration.sceneStartMs = {0, 1200};
    narration.sceneEndMs = {500, 3000};
    const QJsonArray json = narration.wordsJson();
    QCOMPARE(json.size(), 4);
    for (const QJsonValue& value : json) {
        const QJsonObject object = value.toObject();
        QCOMPARE(object.keys(), (QStringList{"end", "scene", "start", "word"}));
        QVERIFY(object.value(QLatin1String("start")).isDouble());
        QVERIFY(object.value(QLatin1String("word")).isString());
    }
    QCOMPARE(json.at(1).toObject().value(QLatin1String("start")).toDouble(), 1.234); // seconds
    QCOMPARE(json.at(1).toObject().value(QLatin1String("word")).toString(), QStringLiteral("(p"));
    QCOMPARE(json.at(3).toObject().value(QLatin1String("scene")).toInt(), 1);

    Narration base;
    base.sampleRate = narration.sampleRate;
    base.pcm = narration.pcm;
    base.sceneStartMs = narration.sceneStartMs;
    base.sceneEndMs = narration.sceneEndMs;
    const Result<Narration> back = Narration::withWordsFromJson(base, json);
    QVERIFY2(back.ok(), qPrintable(back.error().message));
    QCOMPARE(back->words, narration.words);
    QCOMPARE(back->sceneStartMs, narration.sceneStartMs); // present spans are kept
    QCOMPARE(back->sceneEndMs, narration.sceneEndMs);
}

void TestVoice::wordsJsonDerivesSceneSpans() {
    Narration narration;
    narration.words = {{QStringLiteral("a"), 100, 300, 0},
                       {QStringLiteral("b"), 350, 600, 0},
                       {QStringLiteral("c"), 1000, 1200, 2}};
    const Result<Narration> back = Narration::withWordsFromJson({}, narration.wordsJson());
    QVERIFY(back.ok());
    QCOMPARE(back->sceneStartMs, (QList<qint64>{100, 600, 1000})); // scene 1 has no words
    QCOMPARE(back->sceneEndMs, (QList<qint64>{600, 600, 1200}));
}

void TestVoice::wordsJsonRejectsBadEntries() {
    const QJsonObject good{{"word", "x"}, {"start", 0.1}, {"end", 0.2}, {"scene", 0}};
    QJsonObject missingWord = good;
    missingWord.remove(QStringLiteral("word"));
    QJsonObject backwards = good;
    backwards.insert(QStringLiteral("end"), 0.05);
    QJsonObject negativeScene = good;
    negativeScene.insert(QStringLiteral("scene"), -1);
    // Seen while writing fuzz_words_json, confirmed with it: INT_MAX overflowed the scene count
    // (undefined behaviour), 300 million sized 4.8 GB of scene spans, 1e300 s overflowed the
    // millisecond conversion.
    QJsonObject lastIntScene = good;
    lastIntScene.insert(QStringLiteral("scene"), 2147483647);
    QJsonObject hugeScene = good;
    hugeScene.insert(QStringLiteral("scene"), 300000000);
    QJsonObject hugeTime = good;
    hugeTime.insert(QStringLiteral("end"), 1e300);
    for (const QJsonValue& bad :
         {QJsonValue(missingWord), QJsonValue(backwards), QJsonValue(negativeScene),
          QJsonValue(QStringLiteral("word")), QJsonValue(lastIntScene), QJsonValue(hugeScene),
          QJsonValue(hugeTime)}) {
        const Result<Narration> back = Narration::withWordsFromJson({}, QJsonArray{good, bad});
        QVERIFY(!back.ok());
        QVERIFY(back.error().message.contains(QLatin1String("entry 1")));
    }
}

void TestVoice::speaksEveryScene() {
    const Script script = threeScenes();
    VoiceParams params;
    params.pauseBetweenScenesMs = 600;
    QVERIFY(speak(script, params).ok()); // the real-time factor is for a started engine
    QElapsedTimer timer;
    timer.start();
    const Result<Narration> result = speak(script, params);
    const qint64 elapsed = timer.nsecsElapsed();
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    const Narration& narration = result.value();
    verifyWellFormed(narration, script);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(narration.sampleRate, 22050);
    QVERIFY(narration.durationMs() > 5000 && narration.durationMs() < 20000);
    hh::test::reportScore(
        QStringLiteral("voice espeak-ng real-time factor %1 (%2 ms audio in %3 ms)")
            .arg(double(elapsed) / 1e6 / double(narration.durationMs()), 0, 'f', 4)
            .arg(narration.durationMs())
            .arg(double(elapsed) / 1e6, 0, 'f', 1));

    for (qsizetype i = 0; i < script.scenes.size(); ++i) {
        const double speech =
            rms(narration, narration.sceneStartMs.at(i), narration.sceneEndMs.at(i));
        QVERIFY2(speech > kSpeechRms,
                 qPrintable(QStringLiteral("scene %1 rms %2").arg(i).arg(speech)));
    }
    for (qsizetype i = 1; i < script.scenes.size(); ++i) {
        const qint64 gapStart = narration.sceneEndMs.at(i - 1);
        const qint64 gapEnd = narration.sceneStartMs.at(i);
        QVERIFY2(std::abs(gapEnd - gapStart - 600) <= 2,
                 qPrintable(QString::number(gapEnd - gapStart)));
        QVERIFY(rms(narration, gapStart, gapEnd) < kSilenceRms);
        // Captions never show a word during the pause.
        for (const WordTiming& word : narration.words)
            QVERIFY(word.endMs <= gapStart || word.startMs >= gapEnd);
    }

    // The voice is really saying something while each caption word is shown.
    int voiced = 0;
    for (const WordTiming& word : narration.words) {
        if (rms(narration, word.startMs, word.endMs) > kSpeechRms)
            ++voiced;
    }
    QVERIFY2(voiced * 10 >= narration.words.size() * 9,
             qPrintable(
                 QStringLiteral("%1 of %2 words voiced").arg(voiced).arg(narration.words.size())));

    // Word spans are not a blind even split: the short "The" takes less time than "animals.".
    const auto duration = [&](const QString& text) {
        for (const WordTiming& word : narration.words) {
            if (word.text == text)
                return word.endMs - word.startMs;
        }
        return qint64(-1);
    };
    QVERIFY(duration(QStringLiteral("The")) > 0);
    QVERIFY(duration(QStringLiteral("The")) < duration(QStringLiteral("animals.")));

    // A sentence pause inside a scene is not claimed by the word before it.
    const WordTiming memory =
        narration.words.at(narrationWords(script).indexOf(QStringLiteral("memory.")));
    const WordTiming more =
        narration.words.at(narrationWords(script).indexOf(QStringLiteral("More")));
    QVERIFY2(more.startMs - memory.endMs >= 50,
             qPrintable(QString::number(more.startMs - memory.endMs)));
    QVERIFY(rms(narration, memory.endMs + 10, more.startMs - 10) < kSilenceRms);
}

void TestVoice::keepsWrittenWordsForCaptions() {
    const Script script = scriptOf({QStringLiteral("It held (p < 0.05) at 3.5 µm, ±2%.")});
    const Result<Narration> result = speak(script);
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    verifyWellFormed(result.value(), script);
    QStringList texts;
    for (const WordTiming& word : result->words)
        texts << word.text;
    QCOMPARE(texts, (QStringList{"It", "held", "(p", "<", "0.05)", "at", "3.5", "µm,", "±2%."}));
    // "0.05)" is spoken as several engine words; still one caption word with a real span.
    const WordTiming number = result->words.at(4);
    QVERIFY(number.endMs - number.startMs > 300);
}

void TestVoice::rateFollowsWordsPerMinute() {
    const Script script = threeScenes();
    VoiceParams slow;
    slow.wordsPerMinute = 140;
    VoiceParams fast;
    fast.wordsPerMinute = 220;
    const Result<Narration> slowResult = speak(script, slow);
    const Result<Narration> fastResult = speak(script, fast);
    QVERIFY(slowResult.ok() && fastResult.ok());
    const double ratio = double(fastResult->durationMs()) / double(slowResult->durationMs());
    QVERIFY2(ratio < 0.8 && ratio > 0.45, qPrintable(QString::number(ratio)));
    // The measured words per minute of speech is in the requested ballpark.
    const qint64 speechMs = slowResult->durationMs() - 2 * qint64(slow.pauseBetweenScenesMs);
    const double wpm = narrationWords(script).size() * 60000.0 / double(speechMs);
    QVERIFY2(wpm > 140 * 0.6 && wpm < 140 * 1.4, qPrintable(QString::number(wpm)));
}

void TestVoice::reportsProgressPerScene() {
    QStringList details;
    QList<double> fractions;
    StepControl control;
    control.progress = [&](double fraction, const QString& detail) {
        fractions << fraction;
        details << detail;
    };
    QVERIFY(speak(threeScenes(), {}, control).ok());
    QVERIFY(details.contains(QStringLiteral("scene 1/3")));
    QVERIFY(details.contains(QStringLiteral("scene 3/3")));
    QVERIFY(std::is_sorted(fractions.cbegin(), fractions.cend()));
    QCOMPARE(fractions.last(), 1.0);
}

void TestVoice::ukrainian() {
    // espeak-ng-data 1.51 on Debian ships uk_dict, so the voice must work.
    QVERIFY(EspeakVoice::availableVoices().contains(QStringLiteral("uk")));
    const Script script = scriptOf({QStringLiteral("Привіт, світе."), QStringLiteral("Це тест.")},
                                   QStringLiteral("uk"));
    const Result<Narration> result = speak(script);
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    verifyWellFormed(result.value(), script);
    QCOMPARE(result->words.first().text, QStringLiteral("Привіт,"));
    for (qsizetype i = 0; i < script.scenes.size(); ++i)
        QVERIFY(rms(result.value(), result->sceneStartMs.at(i), result->sceneEndMs.at(i)) >
                kSpeechRms);
    for (const WordTiming& word : result->words)
        QVERIFY2(rms(result.value(), word.startMs, word.endMs) > kSpeechRms, qPrintable(word.text));
}

void TestVoice::listsVoices() {
    const QStringList voices = EspeakVoice::availableVoices();
    QVERIFY(voices.contains(QStringLiteral("en-us")));
    QVERIFY(voices.contains(QStringLiteral("en-gb")) || voices.contains(QStringLiteral("en")));
    QVERIFY(voices.size() > 50);
    QCOMPARE(EspeakVoice::defaultVoiceFor(QStringLiteral("en")), QStringLiteral("en-us"));
    QCOMPARE(EspeakVoice::defaultVoiceFor(QStringLiteral("uk")), QStringLiteral("uk"));
}

void TestVoice::unknownVoiceFallsBack() {
    VoiceParams params;
    params.voice = QStringLiteral("xx-nosuchvoice");
    const Result<Narration> result = speak(scriptOf({QStringLiteral("Hello there.")}), params);
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QVERIFY(rms(result.value(), 0, result->durationMs()) > kSpeechRms);
}

void TestVoice::missingLanguageIsTypedError() {
    VoiceParams params;
    params.voice = QStringLiteral("xx-nosuchvoice");
    const Result<Narration> result =
        speak(scriptOf({QStringLiteral("Hello.")}, QStringLiteral("zzq")), params);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().type, ErrorType::Internal);
    QVERIFY2(result.error().message.contains(QLatin1String("not installed")),
             qPrintable(result.error().message));
    QVERIFY(result.error().message.contains(QLatin1String("xx-nosuchvoice")));
    // The engine is still usable afterwards.
    QVERIFY(speak(scriptOf({QStringLiteral("Still here.")})).ok());
}

void TestVoice::hostileText_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("emoji") << QStringLiteral("Sleep 😴 helps 🧠🧠 memory 👍🏽.");
    QTest::newRow("symbols") << QStringLiteral("± µm ≥ → ∑ § ¶ © ™ % & @ # $ ^ * _ ~ | \\ / < >");
    QTest::newRow("control chars") << QStringLiteral("A\x01 B\x07\x08 C\x1b[31m D\x7f E");
    QTest::newRow("ssml-like") << QStringLiteral("<speak><break time=\"10s\"/> [[h@l'oU]] done");
    QTest::newRow("long word") << QString(5000, QLatin1Char('a'));
    QTest::newRow("long digits") << QStringLiteral("x ") + QString(5000, QLatin1Char('7')) +
                                        QStringLiteral(" y");
    QTest::newRow("many spaces") << QStringLiteral("   a \t\n  b   ");
    QTest::newRow("lone surrogate and bom")
        << QStringLiteral("a ") + QChar(0xD800) + QStringLiteral(" \uFEFF b");
    QTest::newRow("mixed scripts") << QStringLiteral("DNA ДНК 脱氧核糖核酸 الحمض");
}

void TestVoice::hostileText() {
    QFETCH(QString, text);
    const Script script = scriptOf({QStringLiteral("First."), text, QStringLiteral("Last.")});
    QElapsedTimer timer;
    timer.start();
    const Result<Narration> result = speak(script);
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QVERIFY(result->durationMs() < 60000); // no minutes of spelled-out letters
    // Control characters are stripped from what captions show.
    Script expected = script;
    expected.scenes[1].narration.remove(
        QRegularExpression(QStringLiteral("[\\x00-\\x08\\x0e-\\x1f\\x7f]")));
    verifyWellFormed(result.value(), expected);
    QVERIFY(rms(result.value(), result->sceneStartMs.at(2), result->sceneEndMs.at(2)) > kSpeechRms);
}

void TestVoice::silentSceneStillTimesItsWords() {
    // Only control characters and a zero-width joiner: nothing espeak can say.
    const Script script = scriptOf(
        {QStringLiteral("Before."), QStringLiteral("\u200d \u200d"), QStringLiteral("After.")});
    const Result<Narration> result = speak(script);
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    verifyWellFormed(result.value(), script);
    QVERIFY(result->sceneEndMs.at(1) - result->sceneStartMs.at(1) >= 200);
    const WordTiming second = result->words.at(2);
    QCOMPARE(second.scene, 1);
    QVERIFY(second.endMs > second.startMs);
}

void TestVoice::cancelBeforeStart() {
    std::atomic_bool cancel{true};
    StepControl control;
    control.cancel = &cancel;
    const Result<Narration> result = speak(threeScenes(), {}, control);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().type, ErrorType::Cancelled);
}

void TestVoice::cancelWhileSpeaking() {
    // Set from the progress report of scene 2, i.e. after the check between scenes:
    // only the synth callback can notice it.
    std::atomic_bool cancel{false};
    int callbacksAfterCancel = 0;
    StepControl control;
    control.cancel = &cancel;
    control.progress = [&](double, const QString& detail) {
        if (cancel)
            ++callbacksAfterCancel;
        if (detail == QLatin1String("scene 2/3"))
            cancel = true;
    };
    const Result<Narration> result = speak(threeScenes(), {}, control);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().type, ErrorType::Cancelled);
    QCOMPARE(callbacksAfterCancel, 0); // scene 3 never started

    // From another thread, in the middle of a long scene.
    std::atomic_bool cancelLater{false};
    StepControl threaded;
    threaded.cancel = &cancelLater;
    QStringList sentences;
    for (int i = 0; i < 400; ++i)
        sentences << QStringLiteral("Sentence number %1 keeps the engine busy for a while.").arg(i);
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        cancelLater = true;
    });
    QElapsedTimer timer;
    timer.start();
    const Result<Narration> long_ =
        speak(scriptOf({sentences.join(QLatin1Char(' '))}), {}, threaded);
    canceller.join();
    QVERIFY(!long_.ok());
    QCOMPARE(long_.error().type, ErrorType::Cancelled);
    QVERIFY(timer.elapsed() < 2000);

    // A cancelled run leaves the engine usable.
    const Result<Narration> again = speak(threeScenes());
    QVERIFY2(again.ok(), qPrintable(again.error().message));
    verifyWellFormed(again.value(), threeScenes());
}

void TestVoice::concurrentCallsAreSerialised() {
    const Script script = threeScenes();
    const Result<Narration> reference = speak(script);
    QVERIFY(reference.ok());
    std::optional<Result<Narration>> results[2];
    std::thread first([&] { results[0] = speak(script); });
    std::thread second([&] { results[1] = speak(script); });
    first.join();
    second.join();
    for (const auto& result : results) {
        QVERIFY(result && result->ok());
        // Same words, and (espeak's output varies by a few samples) the same length.
        QCOMPARE(result->value().words.size(), reference->words.size());
        QCOMPARE(result->value().words.last().text, reference->words.last().text);
        QVERIFY(std::abs(result->value().durationMs() - reference->durationMs()) < 50);
        QVERIFY(rms(result->value(), 0, result->value().durationMs()) > kSpeechRms);
    }
}

QTEST_GUILESS_MAIN(TestVoice)
#include "tst_voice.moc"
