// SPDX-License-Identifier: GPL-3.0-or-later
// A 60 s video from a corpus PDF on the built-in providers: wall time per step,
// frames per second, peak RSS, and — in the same run — the ffmpeg CLI encoding
// the identical frames (piped raw) with identical x264 settings.
//
//   bench_render [PAPER] [--preset veryfast] [--crf 23] [--duration 60]
#include "TestUtil.h"
#include "jobs/JobSteps.h"
#include "render/Compositor.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QProcess>
#include <QTemporaryDir>
#include <cstdio>
#include <sys/resource.h>

using namespace hh;

namespace {

double peakRssMb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024.0;
}

} // namespace

int main(int argc, char* argv[]) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PAPER"),
                                 QStringLiteral("paper file (default: a corpus PDF)"));
    const QCommandLineOption presetOpt(QStringLiteral("preset"), QStringLiteral("x264 preset"),
                                       QStringLiteral("P"), QStringLiteral("ultrafast"));
    const QCommandLineOption crfOpt(QStringLiteral("crf"), QStringLiteral("x264 CRF"),
                                    QStringLiteral("N"), QStringLiteral("20"));
    const QCommandLineOption durationOpt(QStringLiteral("duration"),
                                         QStringLiteral("target seconds"), QStringLiteral("S"),
                                         QStringLiteral("60"));
    const QCommandLineOption skipOpt(QStringLiteral("no-ffmpeg"),
                                     QStringLiteral("skip the ffmpeg CLI reference"));
    parser.addOptions({presetOpt, crfOpt, durationOpt, skipOpt});
    parser.process(app);
    const QString paper = parser.positionalArguments().value(
        0, hh::test::corpusPath(QStringLiteral("pdf/cermine_test1_bmc-jtmo.pdf")));

    QTemporaryDir dir;
    JobOptions options;
    options.input = paper;
    options.durationSeconds = parser.value(durationOpt).toInt();
    options.x264Preset = parser.value(presetOpt);
    options.crf = parser.value(crfOpt).toInt();
    JobSteps job(dir.filePath(QStringLiteral("job")), options);

    std::printf("paper: %s\npreset %s, crf %d, target %d s\n\n", qPrintable(paper),
                qPrintable(options.x264Preset), options.crf, options.durationSeconds);
    std::printf("%-16s %10s\n", "step", "wall s");
    QElapsedTimer total;
    total.start();
    double renderSeconds = 0;
    for (int s = 0; s < int(Step::Done); ++s) {
        QElapsedTimer timer;
        timer.start();
        const Error error = job.run({}, nullptr, Step(s));
        if (error.isError()) {
            std::fprintf(stderr, "error: %s: %s\n", qPrintable(error.code()),
                         qPrintable(error.message));
            return 1;
        }
        const double seconds = timer.nsecsElapsed() / 1e9;
        if (Step(s) == Step::AddCaptions)
            renderSeconds = seconds;
        std::printf("%-16s %10.2f\n", qPrintable(stepName(Step(s))), seconds);
    }
    const double jobSeconds = total.nsecsElapsed() / 1e9;

    auto input = job.loadRenderInput();
    if (!input) {
        std::fprintf(stderr, "error: %s\n", qPrintable(input.error().message));
        return 1;
    }
    const double videoSeconds = input.value()->narration.durationMs() / 1000.0;
    Compositor compositor(input.value()->content, FrameGeometry::forAspect(options.aspect), 30);
    const int frames = compositor.frameCount();
    std::printf("%-16s %10.2f\n\n", "whole job", jobSeconds);
    std::printf("video: %.1f s, %d frames; job %.2fx real time\n", videoSeconds, frames,
                videoSeconds / jobSeconds);
    std::printf("render step (draw + convert + encode + mux): %.1f frames/s\n",
                frames / renderSeconds);

    // Drawing alone, to show where the time goes.
    QElapsedTimer drawTimer;
    drawTimer.start();
    for (int f = 0; f < frames; ++f)
        compositor.renderFrame(f);
    const double drawSeconds = drawTimer.nsecsElapsed() / 1e9;
    std::printf("drawing alone: %.1f frames/s\n", frames / drawSeconds);

    if (!parser.isSet(skipOpt)) {
        // The same frames, drawn the same way, piped raw into the ffmpeg CLI.
        QProcess ffmpeg;
        ffmpeg.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        const QSize size = compositor.geometry().size;
        ffmpeg.start(QStringLiteral("ffmpeg"),
                     {QStringLiteral("-v"),
                      QStringLiteral("error"),
                      QStringLiteral("-y"),
                      QStringLiteral("-f"),
                      QStringLiteral("rawvideo"),
                      QStringLiteral("-pix_fmt"),
                      QStringLiteral("bgra"),
                      QStringLiteral("-s"),
                      QStringLiteral("%1x%2").arg(size.width()).arg(size.height()),
                      QStringLiteral("-r"),
                      QStringLiteral("30"),
                      QStringLiteral("-i"),
                      QStringLiteral("-"),
                      QStringLiteral("-c:v"),
                      QStringLiteral("libx264"),
                      QStringLiteral("-preset"),
                      options.x264Preset,
                      QStringLiteral("-crf"),
                      QString::number(options.crf),
                      QStringLiteral("-profile:v"),
                      QStringLiteral("high"),
                      QStringLiteral("-pix_fmt"),
                      QStringLiteral("yuv420p"),
                      QStringLiteral("-an"),
                      dir.filePath(QStringLiteral("ffmpeg.mp4"))});
        if (!ffmpeg.waitForStarted()) {
            std::fprintf(stderr, "ffmpeg CLI not found\n");
            return 1;
        }
        QElapsedTimer ffTimer;
        ffTimer.start();
        for (int f = 0; f < frames; ++f) {
            const QImage frame = compositor.renderFrame(f);
            ffmpeg.write(reinterpret_cast<const char*>(frame.constBits()), frame.sizeInBytes());
            while (ffmpeg.bytesToWrite() > 64 * 1024 * 1024)
                ffmpeg.waitForBytesWritten(1000);
        }
        ffmpeg.closeWriteChannel();
        ffmpeg.waitForFinished(-1);
        const double ffSeconds = ffTimer.nsecsElapsed() / 1e9;
        std::printf("ffmpeg CLI, same frames and x264 settings: %.1f frames/s\n",
                    frames / ffSeconds);
        std::printf("ratio ours / ffmpeg CLI: %.2f\n",
                    (frames / renderSeconds) / (frames / ffSeconds));
    }
    std::printf("peak RSS: %.0f MB\n", peakRssMb());
    return 0;
}
