// SPDX-License-Identifier: GPL-3.0-or-later
// Flite's English voices as a listener and a caption reader notice them: every
// voice speaks, words are timed by the engine (in order, inside the audio, a
// sentence pause between words rather than inside one), a token said as several
// words ("3.5") stays one caption word, the pace follows words per minute, the
// lexicon's respelling is said under the paper's words, and the built-in
// narrator picks Flite for English and espeak-ng for other languages.
#include "TestUtil.h"
#include "providers/WordAligner.h"
#include "voice/BuiltinVoice.h"
#include "voice/EspeakVoice.h"
#include "voice/FliteVoice.h"

#include <QTest>
#include <cmath>

using namespace hh;

namespace {

Script scriptOf(const QStringList& narrations, const QString& language = QStringLiteral("en")) {
    Script script;
    script.title = QStringLiteral("Test");
    script.language = language;
    for (const QString& text : narrations)
        script.scenes.append(Scene{QStringLiteral("point"), text, {}, {}, {}});
    return script;
}

Narration speak(const QString& voice, const QStringList& scenes, int wordsPerMinute = 165,
                const Lexicon& lexicon = {}) {
    VoiceParams params;
    params.voice = voice;
    params.wordsPerMinute = wordsPerMinute;
    params.lexicon = lexicon;
    auto narration = FliteVoice().synthesize(scriptOf(scenes), params, StepControl{});
    if (!narration)
        qWarning("%s", qPrintable(narration.error().message));
    return narration ? narration.value() : Narration{};
}

double rms(const Narration& narration, qint64 fromMs, qint64 toMs) {
    const qint64 from = fromMs * narration.sampleRate / 1000;
    const qint64 to =
        std::min<qint64>(toMs * narration.sampleRate / 1000, narration.pcm.size() / 2);
    if (to <= from)
        return 0;
    const auto* samples = reinterpret_cast<const qint16*>(narration.pcm.constData());
    double sum = 0;
    for (qint64 i = from; i < to; ++i)
        sum += double(samples[i]) * samples[i];
    return std::sqrt(sum / double(to - from));
}

void verifyWellFormed(const Narration& narration, const QStringList& scenes) {
    QStringList expected;
    for (const QString& scene : scenes)
        expected << WordAligner::captionWords(scene);
    QStringList texts;
    for (const WordTiming& word : narration.words)
        texts << word.text;
    QCOMPARE(texts, expected);
    qint64 previousEnd = 0;
    for (const WordTiming& word : narration.words) {
        QVERIFY2(word.startMs >= previousEnd, qPrintable(word.text));
        QVERIFY2(word.endMs > word.startMs, qPrintable(word.text));
        QVERIFY(word.startMs >= narration.sceneStartMs.at(word.scene));
        QVERIFY(word.endMs <= narration.sceneEndMs.at(word.scene));
        previousEnd = word.endMs;
    }
    QVERIFY(previousEnd <= narration.durationMs());
}

} // namespace

class TestFlite : public QObject {
    Q_OBJECT
private slots:
    void everyVoiceSpeaks_data();
    void everyVoiceSpeaks();
    void wordTimesComeFromTheEngine();
    void aTokenSaidAsSeveralWordsIsOneCaptionWord();
    void paceFollowsWordsPerMinute();
    void lexiconRespellingKeepsCaptions();
    void builtinNarratorPicksTheEngine_data();
    void builtinNarratorPicksTheEngine();
    void unknownVoiceIsAnError();
};

void TestFlite::everyVoiceSpeaks_data() {
    QTest::addColumn<QString>("voice");
    for (const QString& voice : FliteVoice::voiceIds())
        QTest::newRow(qPrintable(voice)) << voice;
}

void TestFlite::everyVoiceSpeaks() {
    QFETCH(QString, voice);
    const QStringList scenes = {QStringLiteral("Bees can count to four."),
                                QStringLiteral("They learn it in a day.")};
    const Narration narration = speak(voice, scenes);
    QVERIFY(narration.sampleRate >= 8000);
    QVERIFY(narration.durationMs() > 1500);
    QVERIFY(rms(narration, 0, narration.durationMs()) > 300);
    verifyWellFormed(narration, scenes);
}

void TestFlite::wordTimesComeFromTheEngine() {
    const QStringList scenes = {QStringLiteral("The mice slept longer. Then they learned faster.")};
    const Narration narration = speak(QStringLiteral("flite-slt"), scenes);
    verifyWellFormed(narration, scenes);
    // Between "longer." and "Then" the voice pauses: that silence lies between
    // the two words' spans, and each word's span holds speech.
    const WordTiming& longer = narration.words.at(3);
    const WordTiming& then = narration.words.at(4);
    QCOMPARE(longer.text, QStringLiteral("longer."));
    QVERIFY2(then.startMs - longer.endMs >= 100,
             qPrintable(QStringLiteral("%1 → %2").arg(longer.endMs).arg(then.startMs)));
    QVERIFY(rms(narration, longer.endMs + 20, then.startMs - 20) < 200);
    for (const WordTiming& word : narration.words)
        QVERIFY2(rms(narration, word.startMs, word.endMs) > 300, qPrintable(word.text));
}

void TestFlite::aTokenSaidAsSeveralWordsIsOneCaptionWord() {
    const QStringList scenes = {QStringLiteral("It grew 3.5 times in 2023 alone.")};
    const Narration narration = speak(QStringLiteral("flite-rms"), scenes);
    verifyWellFormed(narration, scenes);
    // "3.5" is "three point five": longer than "It" or "in".
    const auto length = [](const WordTiming& word) { return word.endMs - word.startMs; };
    QVERIFY(length(narration.words.at(2)) > length(narration.words.at(0)));
    QVERIFY(length(narration.words.at(2)) > length(narration.words.at(4)));
}

void TestFlite::paceFollowsWordsPerMinute() {
    const QStringList scenes = {
        QStringLiteral("Sleep helps the brain keep what it learned during the day.")};
    const Narration slow = speak(QStringLiteral("flite-slt"), scenes, 120);
    const Narration fast = speak(QStringLiteral("flite-slt"), scenes, 220);
    QVERIFY2(
        slow.durationMs() > fast.durationMs() * 3 / 2,
        qPrintable(QStringLiteral("%1 vs %2 ms").arg(slow.durationMs()).arg(fast.durationMs())));
}

void TestFlite::lexiconRespellingKeepsCaptions() {
    const QStringList scenes = {QStringLiteral("We measured mRNA (p < 0.05) today.")};
    const Narration plain = speak(QStringLiteral("flite-slt"), scenes);
    const Narration said = speak(QStringLiteral("flite-slt"), scenes, 165, Lexicon::starter());
    verifyWellFormed(said, scenes);
    QVERIFY(said.durationMs() > plain.durationMs() + 500);
    QVERIFY(said.words.last().startMs > plain.words.last().startMs);
}

void TestFlite::builtinNarratorPicksTheEngine_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("voice");
    QTest::addColumn<int>("sampleRate");
    const int espeakRate = [] {
        auto spoken = EspeakVoice().synthesize(scriptOf({QStringLiteral("Hallo.")}, "de"),
                                               VoiceParams{}, StepControl{});
        return spoken ? spoken->sampleRate : 0;
    }();
    QTest::newRow("English, no voice: Flite rms") << "en" << QString() << 16000;
    QTest::newRow("English, flite-kal") << "en"
                                        << "flite-kal" << 8000;
    QTest::newRow("English, espeak en-gb chosen") << "en"
                                                  << "en-gb" << espeakRate;
    QTest::newRow("German, no voice: espeak-ng") << "de" << QString() << espeakRate;
}

void TestFlite::builtinNarratorPicksTheEngine() {
    QFETCH(QString, language);
    QFETCH(QString, voice);
    QFETCH(int, sampleRate);
    VoiceParams params;
    params.voice = voice;
    const auto narration = BuiltinVoice().synthesize(
        scriptOf({QStringLiteral("Bees count to four.")}, language), params, StepControl{});
    QVERIFY2(narration.ok(), qPrintable(narration.error().message));
    QCOMPARE(narration->sampleRate, sampleRate);
    QCOMPARE(narration->words.size(), 4);
}

void TestFlite::unknownVoiceIsAnError() {
    VoiceParams params;
    params.voice = QStringLiteral("flite-nosuch");
    const auto narration =
        FliteVoice().synthesize(scriptOf({QStringLiteral("Hi.")}), params, StepControl{});
    QVERIFY(!narration.ok());
    QVERIFY(narration.error().message.contains(QLatin1String("flite-slt")));
}

QTEST_GUILESS_MAIN(TestFlite)
#include "tst_flite.moc"
