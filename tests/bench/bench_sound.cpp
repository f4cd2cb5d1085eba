// SPDX-License-Identifier: GPL-3.0-or-later
// What the sound stage (music bed, ducking, loudness normalisation and true-peak
// limiting) costs on a 60 s video from a corpus PDF with the built-in providers:
// the stage alone in each configuration, against the job's wall time, and the
// render step run again with music against without.
//
//   bench_sound [PAPER] [--duration 60] [--repeat 3]
#include "TestUtil.h"
#include "audio/MusicBed.h"
#include "audio/Soundtrack.h"
#include "jobs/JobSteps.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QProcess>
#include <QTemporaryDir>
#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdio>

using namespace hh;

namespace {

// Removes the render step's artifacts so the next run renders again.
void forgetRender(const JobSteps& job) {
    for (const char* name :
         {"final_video.mp4", "captions.srt", "captions.vtt", "thumbnail.png", "sound.json"})
        QFile::remove(job.artifactPath(QLatin1String(name)));
}

double timeRender(const QString& dir, JobOptions options, const QString& music) {
    options.music = music;
    JobSteps job(dir, options);
    forgetRender(job);
    QElapsedTimer timer;
    timer.start();
    const Error error = job.run({}, nullptr);
    if (error.isError()) {
        std::fprintf(stderr, "error: %s\n", qPrintable(error.message));
        std::exit(1);
    }
    return timer.nsecsElapsed() / 1e9;
}

// Listen-free facts of a bed: loudness, peaks, crest factor and where its energy
// sits in the spectrum (a plain DFT over 2048-sample Hann windows every 2 s).
void describeBed(const QString& name, const QString& wavDir) {
    constexpr int rate = Soundtrack::kSampleRate;
    const std::vector<float> bed = MusicBed::generate(name, 30.0, rate);
    auto loud = LoudnessMeter::measure(bed, rate);
    double sum = 0, peak = 0;
    for (float v : bed) {
        sum += double(v) * v;
        peak = std::max(peak, double(std::abs(v)));
    }
    const double rms = std::sqrt(sum / double(bed.size()));
    const int n = 2048;
    double weighted = 0, total = 0, above4k = 0, below100 = 0;
    for (size_t start = size_t(rate); start + n < bed.size(); start += size_t(rate) * 6) {
        for (int k = 1; k < n / 2; ++k) {
            std::complex<double> acc;
            for (int i = 0; i < n; i += 1) {
                const double w = 0.5 - 0.5 * std::cos(2 * M_PI * i / n);
                acc += w * double(bed[start + size_t(i)]) * std::polar(1.0, -2 * M_PI * k * i / n);
            }
            const double e = std::norm(acc);
            const double hz = double(k) * rate / n;
            weighted += e * hz;
            total += e;
            above4k += hz > 4000 ? e : 0;
            below100 += hz < 100 ? e : 0;
        }
    }
    std::printf("%-7s %4d bpm %8.1f %8.1f %8.1f %9.0f %9.2f%% %9.1f%%\n", qPrintable(name),
                MusicBed::tempoBpm(name), loud ? loud->integratedLufs : 0.0,
                loud ? loud->truePeakDbtp : 0.0, 20 * std::log10(peak / rms), weighted / total,
                100 * above4k / total, 100 * below100 / total);
    if (!wavDir.isEmpty()) {
        Soundtrack track;
        track.samples = bed;
        Narration wav;
        wav.sampleRate = rate;
        wav.pcm = track.pcm16();
        QDir().mkpath(wavDir);
        QFile file(QDir(wavDir).filePath(name + QStringLiteral(".wav")));
        if (file.open(QIODevice::WriteOnly))
            file.write(wav.toWav());
    }
}

} // namespace

int main(int argc, char* argv[]) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PAPER"),
                                 QStringLiteral("paper file (default: a corpus PDF)"));
    const QCommandLineOption durationOpt(QStringLiteral("duration"),
                                         QStringLiteral("target seconds"), QStringLiteral("S"),
                                         QStringLiteral("60"));
    const QCommandLineOption repeatOpt(QStringLiteral("repeat"),
                                       QStringLiteral("runs of each stage timing (median)"),
                                       QStringLiteral("N"), QStringLiteral("3"));
    parser.addOptions({durationOpt, repeatOpt});
    parser.process(app);
    const QString paper = parser.positionalArguments().value(
        0, hh::test::corpusPath(QStringLiteral("pdf/cermine_test1_bmc-jtmo.pdf")));
    const int repeat = std::max(1, parser.value(repeatOpt).toInt());

    std::printf("built-in beds, 30 s each (mono, as generated, before the mixer sets the level)\n");
    std::printf("%-7s %8s %8s %8s %8s %9s %10s %10s\n", "bed", "tempo", "LUFS", "dBTP", "crest dB",
                "centroid", ">4 kHz", "<100 Hz");
    for (const QString& name : MusicBed::names())
        describeBed(name, qEnvironmentVariable("HH_BED_WAV_DIR"));
    std::printf("\n");

    QTemporaryDir dir;
    // A user's file: 3 minutes of stereo MP3 made here, so decoding is measured too.
    const QString mp3 = dir.filePath(QStringLiteral("song.mp3"));
    QProcess ffmpeg;
    ffmpeg.start(QStringLiteral("ffmpeg"),
                 {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-f"),
                  QStringLiteral("lavfi"), QStringLiteral("-i"),
                  QStringLiteral("anoisesrc=color=pink:duration=180:amplitude=0.2:seed=3"),
                  QStringLiteral("-ac"), QStringLiteral("2"), QStringLiteral("-c:a"),
                  QStringLiteral("libmp3lame"), QStringLiteral("-b:a"), QStringLiteral("192k"),
                  mp3});
    if (!ffmpeg.waitForFinished(120000) || ffmpeg.exitCode() != 0) {
        std::fprintf(stderr, "the ffmpeg CLI could not make the test MP3\n");
        return 1;
    }

    JobOptions options;
    options.input = paper;
    options.durationSeconds = parser.value(durationOpt).toInt();
    const QString jobDir = dir.filePath(QStringLiteral("job"));
    std::printf("paper: %s, target %d s, 2 shared cores\n\n", qPrintable(paper),
                options.durationSeconds);

    // The whole job once, without music (every render is normalised now).
    QElapsedTimer total;
    total.start();
    {
        JobSteps job(jobDir, options);
        if (Error e = job.run({}, nullptr); e.isError()) {
            std::fprintf(stderr, "error: %s\n", qPrintable(e.message));
            return 1;
        }
    }
    const double jobSeconds = total.nsecsElapsed() / 1e9;
    JobSteps job(jobDir, options);
    auto input = job.loadRenderInput();
    if (!input) {
        std::fprintf(stderr, "error: %s\n", qPrintable(input.error().message));
        return 1;
    }
    const Narration& narration = input.value()->narration;
    const qint64 length = narration.durationMs() * Soundtrack::kSampleRate / 1000;
    std::printf("video %.1f s; whole job %.2f s\n\n", narration.durationMs() / 1000.0, jobSeconds);

    std::printf("%-34s %9s %12s\n", "sound stage", "median s", "of job wall");
    const struct {
        const char* label;
        QString music;
    } configs[] = {{"loudness only (no music)", QString()},
                   {"built-in calm + ducking + loudness", QStringLiteral("calm")},
                   {"built-in pulse + ducking + loudness", QStringLiteral("pulse")},
                   {"built-in bright + ducking + loudness", QStringLiteral("bright")},
                   {"3 min MP3 + ducking + loudness", mp3}};
    double worst = 0;
    for (const auto& config : configs) {
        std::vector<double> runs;
        for (int r = 0; r < repeat; ++r) {
            SoundtrackParams params;
            params.music = config.music;
            QElapsedTimer timer;
            timer.start();
            auto track =
                SoundtrackBuilder::build(narration.pcm, narration.sampleRate, length, params);
            runs.push_back(timer.nsecsElapsed() / 1e9);
            if (!track) {
                std::fprintf(stderr, "error: %s\n", qPrintable(track.error().message));
                return 1;
            }
        }
        std::sort(runs.begin(), runs.end());
        const double median = runs[runs.size() / 2];
        worst = std::max(worst, median);
        std::printf("%-34s %9.3f %11.1f%%\n", config.label, median, 100.0 * median / jobSeconds);
    }

    // The render step itself, with and without a bed: the difference is what a
    // user waits longer (frames dominate; the sound runs before the first frame).
    const double withoutMusic = timeRender(jobDir, options, QString());
    const double withMusic = timeRender(jobDir, options, QStringLiteral("pulse"));
    std::printf("\nrender step without music %.2f s, with pulse bed %.2f s (ratio %.3f)\n",
                withoutMusic, withMusic, withMusic / withoutMusic);
    std::printf("sound stage, worst configuration: %.1f%% of the job's wall time (goal < 10%%)\n",
                100.0 * worst / jobSeconds);
    return 0;
}
