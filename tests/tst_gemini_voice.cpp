// SPDX-License-Identifier: GPL-3.0-or-later
// Gemini TTS narration, the pieces: the audio forms the service returns
// decoded, and the syllable counts words are timed by.
#include "TestUtil.h"
#include "providers/PcmDecode.h"
#include "providers/SyllableEstimator.h"
#include "voice/Narration.h"

#include <QFile>
#include <QRandomGenerator>
#include <QtEndian>
#include <QtTest>
#include <algorithm>
#include <cmath>

using namespace hh;

namespace {

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

} // namespace

class TestGeminiVoice : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The pieces.
    void mimeTypes_data();
    void mimeTypes();
    void garbageAudioNeverCrashes();
    void resamplingKeepsDuration_data();
    void resamplingKeepsDuration();
    void syllables_data();
    void syllables();
};

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
    // Still a 220 Hz tone of the same loudness: count zero crossings and the
    // peak.
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

QTEST_GUILESS_MAIN(TestGeminiVoice)
#include "tst_gemini_voice.moc"
