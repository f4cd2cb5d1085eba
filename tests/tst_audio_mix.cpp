// SPDX-License-Identifier: GPL-3.0-or-later
// The sound under the pictures: built-in beds, the user's music files, ducking
// under the voice and the platforms' loudness, checked by measurement (no ears).
#include "TestUtil.h"
#include "audio/AudioMixer.h"
#include "audio/Ducker.h"
#include "audio/Loudness.h"
#include "audio/MusicBed.h"
#include "audio/MusicDecoder.h"
#include "audio/Soundtrack.h"
#include "jobs/JobSteps.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>
#include <cmath>
#include <complex>

using namespace hh;

namespace {

constexpr int kRate = 48000;
constexpr double kPi = 3.14159265358979323846;

double rmsDb(const std::vector<float>& x, double fromSec, double toSec, int rate = kRate) {
    const auto a = size_t(std::max(0.0, fromSec * rate));
    const auto b = std::min(x.size(), size_t(toSec * rate));
    double sum = 0;
    for (size_t i = a; i < b; ++i)
        sum += double(x[i]) * x[i];
    return b > a ? 10 * std::log10(sum / double(b - a) + 1e-20) : -200;
}

// A voice stand-in: harmonic "vowels" with a syllable rhythm in the given spans
// (seconds), silence elsewhere. Deterministic.
std::vector<float> speechLike(double seconds, const QList<QPair<double, double>>& spans,
                              int rate = kRate) {
    std::vector<float> x(size_t(seconds * rate), 0.0f);
    for (const auto& [from, to] : spans) {
        for (auto i = size_t(from * rate); i < std::min(x.size(), size_t(to * rate)); ++i) {
            const double t = double(i) / rate;
            const double syllable = 0.55 + 0.45 * std::sin(2 * kPi * 4.0 * t);
            double v = 0;
            for (int h = 1; h <= 8; ++h)
                v += std::sin(2 * kPi * 140.0 * h * t + h) / h;
            x[i] = float(0.3 * syllable * v);
        }
    }
    return x;
}

QByteArray toPcm16(const std::vector<float>& x) {
    QByteArray pcm(qsizetype(x.size() * 2), Qt::Uninitialized);
    for (size_t i = 0; i < x.size(); ++i)
        qToLittleEndian(qint16(std::lround(std::clamp(x[i], -1.0f, 1.0f) * 32767)),
                        reinterpret_cast<uchar*>(pcm.data()) + 2 * i);
    return pcm;
}

// Share of the energy above `hz`, from a plain DFT over a few short windows:
// enough to tell a soft pad from a harsh or noisy sound.
double energyAbove(const std::vector<float>& x, double hz, int rate = kRate) {
    const int n = 2048;
    double high = 0, total = 0;
    for (size_t start = size_t(rate); start + n < x.size(); start += size_t(rate) * 4) {
        for (int k = 1; k < n / 2; k += 2) {
            std::complex<double> sum;
            for (int i = 0; i < n; ++i) {
                const double w = 0.5 - 0.5 * std::cos(2 * kPi * i / n);
                sum += w * x[start + size_t(i)] * std::polar(1.0, -2 * kPi * k * i / n);
            }
            const double e = std::norm(sum);
            total += e;
            if (double(k) * rate / n > hz)
                high += e;
        }
    }
    return total > 0 ? high / total : 0;
}

bool makeWithFfmpeg(const QString& path, const QStringList& codecArgs, double seconds) {
    QProcess ffmpeg;
    QStringList args{
        QStringLiteral("-v"),
        QStringLiteral("error"),
        QStringLiteral("-y"),
        QStringLiteral("-f"),
        QStringLiteral("lavfi"),
        QStringLiteral("-i"),
        QStringLiteral("sine=frequency=330:sample_rate=44100:duration=%1").arg(seconds),
        QStringLiteral("-ac"),
        QStringLiteral("2")};
    args << codecArgs << path;
    ffmpeg.start(QStringLiteral("ffmpeg"), args);
    return ffmpeg.waitForFinished(60000) && ffmpeg.exitCode() == 0;
}

} // namespace

class TestAudioMix : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void builtInBedsArePleasantAndRepeatable_data();
    void builtInBedsArePleasantAndRepeatable();
    void musicDucksUnderSpeech_data();
    void musicDucksUnderSpeech();
    void mixMeetsPlatformLoudness_data();
    void mixMeetsPlatformLoudness();
    void limiterKeepsPeaksUnderTheCeiling();
    void userFilesDecodeAndFitTheVideo_data();
    void userFilesDecodeAndFitTheVideo();
    void undecodableFileGivesItsError_data();
    void undecodableFileGivesItsError();
    void jobWithBadMusicFailsBeforeWork();
    void musicChoiceParses_data();
    void musicChoiceParses();
    void oldJobOptionsKeepNoMusic();
};

void TestAudioMix::builtInBedsArePleasantAndRepeatable_data() {
    QTest::addColumn<QString>("bed");
    for (const QString& name : MusicBed::names())
        QTest::newRow(qPrintable(name)) << name;
}

// Listen-free checks of what makes a bed usable under a voice: always sounding
// (no gaps), steady (no sudden jumps), soft (little energy above 4 kHz), no DC,
// and the same samples every time.
void TestAudioMix::builtInBedsArePleasantAndRepeatable() {
    QFETCH(QString, bed);
    const std::vector<float> a = MusicBed::generate(bed, 20.0, kRate);
    QCOMPARE(a.size(), size_t(20 * kRate));
    QVERIFY(a == MusicBed::generate(bed, 20.0, kRate));
    double mean = 0;
    float peak = 0;
    for (float v : a) {
        mean += v;
        peak = std::max(peak, std::abs(v));
    }
    QVERIFY(std::abs(mean / double(a.size())) < 1e-3);
    QVERIFY(std::abs(peak - 0.5f) < 1e-3);
    // After the opening swell (the mixer fades the bed in over it anyway).
    double quietest = 0, loudest = -200, previous = rmsDb(a, 2.5, 3.0);
    quietest = previous;
    for (double t = 3.0; t + 0.5 <= 20.0; t += 0.5) {
        const double level = rmsDb(a, t, t + 0.5);
        QVERIFY2(std::abs(level - previous) < 6.0,
                 qPrintable(QStringLiteral("jump of %1 dB at %2 s").arg(level - previous).arg(t)));
        quietest = std::min(quietest, level);
        loudest = std::max(loudest, level);
        previous = level;
    }
    QVERIFY2(quietest > -30.0, qPrintable(QString::number(quietest)));
    QVERIFY2(loudest - quietest < 10.0, qPrintable(QString::number(loudest - quietest)));
    const double bright = energyAbove(a, 4000.0);
    QVERIFY2(bright < 0.01, qPrintable(QString::number(bright)));
    QVERIFY(MusicBed::tempoBpm(bed) >= 60);
}

void TestAudioMix::musicDucksUnderSpeech_data() {
    QTest::addColumn<QString>("music"); // "tone": a steady chord, otherwise a bed
    QTest::newRow("steady tone") << QStringLiteral("tone");
    for (const QString& name : MusicBed::names())
        QTest::newRow(qPrintable(name)) << name;
}

// The music stem, as mixed, is at least 10 dB quieter while the voice speaks
// than in the pauses, the intro and the end; and it rises again in each pause.
void TestAudioMix::musicDucksUnderSpeech() {
    QFETCH(QString, music);
    const double seconds = 16.0;
    const QList<QPair<double, double>> speech{{2.0, 5.0}, {6.5, 9.5}, {11.0, 13.5}};
    const std::vector<float> voice = speechLike(seconds, speech);
    const auto length = size_t(seconds * kRate);
    std::vector<float> bed;
    if (music == QLatin1String("tone")) {
        bed.resize(length);
        for (size_t i = 0; i < length; ++i)
            bed[i] = float(0.2 * (std::sin(2 * kPi * 220 * double(i) / kRate) +
                                  std::sin(2 * kPi * 277 * double(i) / kRate)));
    } else {
        bed = MusicBed::generate(music, seconds, kRate);
    }
    const MixResult mix = AudioMixer::mix(voice, bed, length, kRate);
    QCOMPARE(mix.musicStem.size(), length);
    // The level of the stem against the bed it came from: a bed's own swells
    // do not count as ducking. The steady tone is compared as it is.
    const auto level = [&](double a, double b) {
        return rmsDb(mix.musicStem, a, b) - (music == QLatin1String("tone") ? 0 : rmsDb(bed, a, b));
    };
    // Past the attack (50 ms) into each phrase, and past the release (300 ms)
    // and hold into each pause.
    QList<double> under;
    for (const auto& [from, to] : speech)
        under << level(from + 0.1, to);
    // The intro after the fade-in, and the pauses between phrases (the end is faded out).
    const QList<QPair<double, double>> pauses{{1.5, 2.0}, {5.6, 6.5}, {10.1, 11.0}};
    QList<double> open;
    for (const auto& [from, to] : pauses)
        open << level(from, to);
    for (double u : under)
        for (double o : open)
            QVERIFY2(o - u >= 10.0,
                     qPrintable(QStringLiteral("pause %1 dB, speech %2 dB").arg(o).arg(u)));
    // Attack: 50 ms after the voice starts the duck is nearly complete; release: the
    // music is back within a few dB 0.6 s after the voice stops.
    QVERIFY(mix.duckGain[size_t(2.06 * kRate)] < std::pow(10.0, -10.0 / 20));
    QVERIFY(mix.duckGain[size_t(5.6 * kRate)] > std::pow(10.0, -1.0 / 20));
    // Fades: the bed starts and ends in silence.
    QVERIFY(std::abs(mix.musicStem.front()) < 1e-6f);
    QVERIFY(std::abs(mix.musicStem.back()) < 1e-4f);
}

void TestAudioMix::mixMeetsPlatformLoudness_data() {
    QTest::addColumn<QString>("music");
    QTest::addColumn<double>("voiceGain"); // a quiet and a loud narration
    QTest::newRow("no music, quiet voice") << QString() << 0.1;
    QTest::newRow("no music, loud voice") << QString() << 3.0;
    for (const QString& name : MusicBed::names())
        QTest::newRow(qPrintable(name)) << name << 1.0;
}

void TestAudioMix::mixMeetsPlatformLoudness() {
    QFETCH(QString, music);
    QFETCH(double, voiceGain);
    std::vector<float> voice = speechLike(12.0, {{1.0, 4.0}, {5.0, 8.0}, {9.0, 11.0}}, 24000);
    for (float& v : voice)
        v = float(std::clamp(v * voiceGain, -1.0, 1.0));
    SoundtrackParams params;
    params.music = music;
    auto track = SoundtrackBuilder::build(toPcm16(voice), 24000, 12 * kRate, params);
    QVERIFY2(track.ok(), qPrintable(track.error().message));
    QCOMPARE(track->samples.size(), size_t(12 * kRate));
    auto measured = LoudnessMeter::measure(track->samples, kRate);
    QVERIFY(measured.ok());
    QVERIFY2(std::abs(measured->integratedLufs - -14.0) <= 0.5,
             qPrintable(QString::number(measured->integratedLufs)));
    // Headroom for the AAC encoder: the mix itself stays a dB under the −1 dBTP limit.
    QVERIFY2(measured->truePeakDbtp <= -1.9, qPrintable(QString::number(measured->truePeakDbtp)));
    QCOMPARE(track->loudness.integratedLufs, measured->integratedLufs);
    QVERIFY(std::abs(track->loudness.gainDb - (-14.0 - track->loudness.inputLufs)) < 3.0);
    QCOMPARE(track->musicStem.empty(), music.isEmpty());
}

void TestAudioMix::limiterKeepsPeaksUnderTheCeiling() {
    std::vector<float> x(kRate, 0.1f);
    x[0] = 0.9f; // a peak at the very start is limited too
    x[1000] = 0.99f;
    x[20000] = -0.95f;
    const double pulled = PeakLimiter(-6.0).process(x, kRate);
    QVERIFY(pulled > 5.0);
    for (float v : x)
        QVERIFY(std::abs(v) <= std::pow(10.0, -6.0 / 20) + 1e-6);
    QVERIFY(std::abs(x[47000] - 0.1f) < 1e-4f); // far from a peak nothing changes
}

void TestAudioMix::userFilesDecodeAndFitTheVideo_data() {
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QStringList>("codec");
    QTest::newRow("wav") << "wav" << QStringList{};
    QTest::newRow("flac") << "flac" << QStringList{};
    QTest::newRow("mp3") << "mp3"
                         << QStringList{QStringLiteral("-c:a"), QStringLiteral("libmp3lame")};
    QTest::newRow("ogg") << "ogg"
                         << QStringList{QStringLiteral("-c:a"), QStringLiteral("libvorbis")};
    QTest::newRow("m4a") << "m4a" << QStringList{QStringLiteral("-c:a"), QStringLiteral("aac")};
}

void TestAudioMix::userFilesDecodeAndFitTheVideo() {
    QFETCH(QString, suffix);
    QFETCH(QStringList, codec);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("song.") + suffix);
    QVERIFY2(makeWithFfmpeg(path, codec, 3.0), "the ffmpeg CLI could not make the file");
    QVERIFY(!SoundtrackBuilder::checkMusic(path).isError());

    auto whole = MusicDecoder::decode(path, kRate, 60.0);
    QVERIFY2(whole.ok(), qPrintable(whole.error().message));
    const double seconds = double(whole->size()) / kRate;
    QVERIFY2(std::abs(seconds - 3.0) < 0.1, qPrintable(QString::number(seconds)));
    // The 330 Hz sine at full scale from ffmpeg (amplitude 1/8): mono mixdown keeps its level.
    QVERIFY(std::abs(rmsDb(whole.value(), 0.5, 2.5) - 20 * std::log10(0.125 / std::sqrt(2.0))) <
            1.0);

    // Longer video: looped to exactly its length, sounding all the way through.
    const std::vector<float> looped = AudioMixer::fitToLength(whole.value(), 10 * kRate, kRate);
    QCOMPARE(looped.size(), size_t(10 * kRate));
    for (double t = 0; t + 0.5 <= 10.0; t += 0.5)
        QVERIFY2(rmsDb(looped, t, t + 0.5) > -40, qPrintable(QString::number(t)));
    // Shorter video: decoding stops at its length.
    auto trimmed = MusicDecoder::decode(path, kRate, 1.0);
    QVERIFY(trimmed.ok());
    QCOMPARE(trimmed->size(), size_t(kRate));

    // And through the whole mix: a 10 s soundtrack over a 3 s song.
    SoundtrackParams params;
    params.music = path;
    auto track = SoundtrackBuilder::build(toPcm16(speechLike(10.0, {{2.0, 6.0}})), kRate,
                                          10 * kRate, params);
    QVERIFY2(track.ok(), qPrintable(track.error().message));
    QVERIFY(rmsDb(track->musicStem, 6.6, 7.4) > -60); // still playing after the song's end
    QVERIFY(rmsDb(track->duckGain, 6.6, 7.4) > rmsDb(track->duckGain, 3.0, 5.0) + 10);
}

void TestAudioMix::undecodableFileGivesItsError_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("type");
    QTest::newRow("text named .mp3")
        << "notes.mp3" << QByteArray("this is not music\n") << int(ErrorType::Unsupported);
    QTest::newRow("empty .wav") << "empty.wav" << QByteArray() << int(ErrorType::Unsupported);
    QTest::newRow("PNG named .ogg")
        << "picture.ogg" << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)
        << int(ErrorType::Unsupported);
    QTest::newRow("missing file") << "" << QByteArray() << int(ErrorType::NotFound);
}

void TestAudioMix::undecodableFileGivesItsError() {
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    QFETCH(int, type);
    QTemporaryDir dir;
    QString path = dir.filePath(name.isEmpty() ? QStringLiteral("gone.mp3") : name);
    if (!name.isEmpty()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }
    const Error error = SoundtrackBuilder::checkMusic(path);
    QCOMPARE(int(error.type), type);
    // The message names the file and says what to do.
    QVERIFY2(error.message.contains(QFileInfo(path).fileName()), qPrintable(error.message));
    QVERIFY2(error.message.contains(QLatin1String("no music")), qPrintable(error.message));
    auto decoded = MusicDecoder::decode(path, kRate, 10);
    QVERIFY(!decoded.ok());
    QCOMPARE(int(decoded.error().type), type);
}

// The job stops at its start, before the paper is read or anything drawn.
void TestAudioMix::jobWithBadMusicFailsBeforeWork() {
    QTemporaryDir dir;
    const QString bad = dir.filePath(QStringLiteral("bad.flac"));
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("garbage garbage garbage");
    file.close();
    JobOptions options;
    options.input = hh::test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml"));
    options.music = bad;
    JobSteps job(dir.filePath(QStringLiteral("job")), options);
    const Error error = job.run({}, nullptr);
    QCOMPARE(error.type, ErrorType::Unsupported);
    QVERIFY(error.message.contains(QLatin1String("bad.flac")));
    QVERIFY(!QFile::exists(job.artifactPath(QStringLiteral("paper.json"))));
}

void TestAudioMix::musicChoiceParses_data() {
    QTest::addColumn<QString>("option");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("value");
    QTest::newRow("empty") << "" << int(MusicChoice::Kind::None) << "";
    QTest::newRow("none") << "None" << int(MusicChoice::Kind::None) << "";
    QTest::newRow("bed") << "Calm" << int(MusicChoice::Kind::BuiltIn) << "calm";
    QTest::newRow("file") << "/music/calm.mp3" << int(MusicChoice::Kind::File) << "/music/calm.mp3";
}

void TestAudioMix::musicChoiceParses() {
    QFETCH(QString, option);
    QFETCH(int, kind);
    QFETCH(QString, value);
    const MusicChoice choice = MusicChoice::parse(option);
    QCOMPARE(int(choice.kind), kind);
    QCOMPARE(choice.value, value);
}

// A job saved before music existed has none, and the options survive a round trip.
void TestAudioMix::oldJobOptionsKeepNoMusic() {
    JobOptions old = JobOptions::fromJson({{QStringLiteral("input"), QStringLiteral("a.pdf")}});
    QVERIFY(old.music.isEmpty());
    QCOMPARE(old.musicVolumeDb, -12.0);
    JobOptions withMusic;
    withMusic.music = QStringLiteral("pulse");
    withMusic.musicVolumeDb = -18;
    const JobOptions back = JobOptions::fromJson(withMusic.toJson());
    QCOMPARE(back.music, QStringLiteral("pulse"));
    QCOMPARE(back.musicVolumeDb, -18.0);
}

QTEST_GUILESS_MAIN(TestAudioMix)
#include "tst_audio_mix.moc"
