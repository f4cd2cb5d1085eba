// SPDX-License-Identifier: GPL-3.0-or-later
// Throughput of VideoEncoder against the ffmpeg CLI on the same QPainter frames.
//
//   bench_encoder [frames=300] [crf=23] [repeats=2] [presets=ultrafast,superfast,veryfast]
//   bench_encoder quality [frames=150]
//
// Both sides draw every frame (a motion-graphics card at 1080×1920), so the
// figures are "frames per second including drawing", the number that decides how
// long a render takes. Both encode the same AAC narration (the CLI reads it from a
// WAV file). CPU time per frame (both processes) is printed too: on a shared
// machine it is steadier than wall-clock fps. Not run by ctest.
#include "render/VideoEncoder.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

using namespace hh;

namespace {

constexpr int kWidth = 1080;
constexpr int kHeight = 1920;
constexpr int kFps = 30;

// Gradient whose hue drifts, a title, body text, a card, moving translucent shapes
// and a progress bar: roughly what the compositor draws for one caption card.
QImage drawCard(int frame, int frames) {
    QImage image(kWidth, kHeight, QImage::Format_RGB32);
    QPainter p(&image);
    p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    const double t = frame / double(kFps);
    QLinearGradient background(0, 0, kWidth * 0.3, kHeight);
    background.setColorAt(0, QColor::fromHsvF(std::fmod(0.60 + t * 0.02, 1.0), 0.7, 0.35));
    background.setColorAt(1, QColor::fromHsvF(std::fmod(0.80 + t * 0.02, 1.0), 0.8, 0.15));
    p.fillRect(image.rect(), background);

    for (int i = 0; i < 12; ++i) {
        const double phase = t * (0.4 + 0.05 * i) + i;
        const QPointF centre(kWidth / 2.0 + 380 * std::sin(phase),
                             300 + i * 130 + 60 * std::cos(phase * 1.3));
        p.setPen(Qt::NoPen);
        p.setBrush(QColor::fromHsvF(std::fmod(i / 12.0 + t * 0.05, 1.0), 0.6, 1.0, 0.25));
        p.drawEllipse(centre, 60 + 10 * (i % 4), 60 + 10 * (i % 4));
    }

    const QRectF card(80, 620, kWidth - 160, 700);
    p.setBrush(QColor(255, 255, 255, 225));
    p.drawRoundedRect(card, 36, 36);
    QFont title(QStringLiteral("DejaVu Sans"), 44, QFont::Bold);
    p.setFont(title);
    p.setPen(QColor(20, 24, 40));
    p.drawText(card.adjusted(50, 40, -50, -450), Qt::TextWordWrap,
               QStringLiteral("Mice that sleep more eat less"));
    QFont body(QStringLiteral("DejaVu Sans"), 26);
    p.setFont(body);
    p.setPen(QColor(50, 56, 80));
    p.drawText(card.adjusted(50, 280, -50, -40), Qt::TextWordWrap,
               QStringLiteral(
                   "In a 12-week study, animals with longer sleep cycles consumed 18% fewer "
                   "calories (p < 0.01), pointing to a hormonal link between rest and appetite."));

    // Word highlight sweeping under the body text, like a karaoke caption.
    const double sweep = std::fmod(t * 300.0, card.width() - 100);
    p.fillRect(QRectF(card.left() + 50 + sweep, card.top() + 270, 90, 6), QColor(255, 120, 40));

    p.setPen(Qt::NoPen);
    p.setBrush(QColor(255, 255, 255, 90));
    p.drawRoundedRect(QRectF(80, 1800, kWidth - 160, 14), 7, 7);
    p.setBrush(QColor(255, 255, 255));
    p.drawRoundedRect(QRectF(80, 1800, (kWidth - 160) * (frame + 1.0) / frames, 14), 7, 7);
    return image;
}

QByteArray narration(double seconds) {
    const int rate = 22050;
    QByteArray pcm(int(seconds * rate) * 2, Qt::Uninitialized);
    auto* out = reinterpret_cast<qint16*>(pcm.data());
    for (int i = 0; i < pcm.size() / 2; ++i)
        out[i] =
            qint16(9000 * std::sin(2 * M_PI * 220 * i / rate) * (0.6 + 0.4 * std::sin(i / 3000.0)));
    return pcm;
}

// Peak RSS of this process since the last reset (Linux: VmHWM, reset via clear_refs).
void resetPeakRss() {
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    if (clear.open(QIODevice::WriteOnly))
        clear.write("5");
}

long peakRssKiB() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (status.open(QIODevice::ReadOnly))
        for (const QByteArray& line : status.readAll().split('\n'))
            if (line.startsWith("VmHWM:"))
                return line.mid(6).trimmed().split(' ').first().toLong();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

double cpuSeconds(int who) {
    rusage usage{};
    getrusage(who, &usage);
    const auto seconds = [](const timeval& t) { return double(t.tv_sec) + t.tv_usec / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// This process plus every child already waited for (the ffmpeg CLI).
double cpuSecondsAll() {
    return cpuSeconds(RUSAGE_SELF) + cpuSeconds(RUSAGE_CHILDREN);
}

constexpr int kPcmRate = 22050;

QByteArray wavFile(const QByteArray& pcm) {
    QByteArray wav;
    const auto u32 = [&](quint32 v) {
        for (int i = 0; i < 4; ++i)
            wav.append(char((v >> (8 * i)) & 0xff));
    };
    const auto u16 = [&](quint16 v) {
        wav.append(char(v & 0xff));
        wav.append(char(v >> 8));
    };
    wav.append("RIFF");
    u32(quint32(36 + pcm.size()));
    wav.append("WAVEfmt ");
    u32(16);
    u16(1); // integer PCM
    u16(1); // mono
    u32(kPcmRate);
    u32(kPcmRate * 2);
    u16(2);
    u16(16);
    wav.append("data");
    u32(quint32(pcm.size()));
    return wav + pcm;
}

struct Run {
    double fps = 0;
    double cpuMsPerFrame = 0;
    qint64 bytes = 0;
    long peakRssKiB = 0;
};

double drawOnlyFps(int frames) {
    QElapsedTimer timer;
    timer.start();
    qint64 checksum = 0;
    for (int i = 0; i < frames; ++i)
        checksum += drawCard(i, frames).pixel(540, 960);
    const double fps = frames / (timer.nsecsElapsed() / 1e9);
    return checksum == 42 ? fps + 1e-9 : fps; // keep the drawing observable
}

Run runOurs(const QString& preset, int crf, int frames, const QString& path) {
    EncoderParams params;
    params.preset = preset;
    params.crf = crf;
    const QByteArray pcm = narration(frames / double(kFps));
    resetPeakRss();
    const double cpuBefore = cpuSecondsAll();
    QElapsedTimer timer;
    timer.start();
    VideoEncoder encoder;
    Error e = encoder.open(path, params, pcm, kPcmRate);
    for (int i = 0; i < frames && !e.isError(); ++i)
        e = encoder.addFrame(drawCard(i, frames));
    if (!e.isError())
        e = encoder.finish();
    if (e.isError()) {
        std::fprintf(stderr, "ours failed: %s: %s\n", qPrintable(e.code()), qPrintable(e.message));
        return {};
    }
    const double seconds = timer.nsecsElapsed() / 1e9;
    return {frames / seconds, (cpuSecondsAll() - cpuBefore) * 1000 / frames, QFile(path).size(),
            peakRssKiB()};
}

Run runCli(const QString& preset, int crf, int frames, const QString& path, const QString& wav) {
    QProcess ffmpeg;
    ffmpeg.setStandardOutputFile(QProcess::nullDevice());
    ffmpeg.setStandardErrorFile(QProcess::nullDevice());
    // The pipe is shared with the child: a 1 MiB buffer (instead of 64 KiB) lets
    // ffmpeg read while we draw, the CLI's best case.
    ffmpeg.setChildProcessModifier([] { fcntl(STDIN_FILENO, F_SETPIPE_SZ, 1 << 20); });
    const double cpuBefore = cpuSecondsAll();
    QElapsedTimer timer;
    timer.start();
    ffmpeg.start(QStringLiteral("ffmpeg"),
                 {"-v", "error", "-f", "rawvideo", "-pix_fmt", "bgra", "-s", "1080x1920", "-r",
                  "30", "-i", "-", "-i", wav, "-c:a", "aac", "-b:a", "160k", "-ar", "48000", "-ac",
                  "2", "-c:v", "libx264", "-preset", preset, "-crf", QString::number(crf),
                  "-profile:v", "high",
                  // Same settings as VideoEncoder (which forces the 8×8 transform for High).
                  "-x264-params", "8x8dct=1", "-pix_fmt", "yuv420p", "-colorspace", "bt709",
                  "-color_primaries", "bt709", "-color_trc", "bt709", "-movflags", "+faststart",
                  "-y", path});
    if (!ffmpeg.waitForStarted())
        return {};
    for (int i = 0; i < frames; ++i) {
        const QImage image = drawCard(i, frames);
        ffmpeg.write(reinterpret_cast<const char*>(image.constBits()), image.sizeInBytes());
        while (ffmpeg.bytesToWrite() > 0)
            if (!ffmpeg.waitForBytesWritten(-1))
                return {};
    }
    ffmpeg.closeWriteChannel();
    ffmpeg.waitForFinished(-1);
    if (ffmpeg.exitCode() != 0)
        return {};
    const double seconds = timer.nsecsElapsed() / 1e9;
    return {frames / seconds, (cpuSecondsAll() - cpuBefore) * 1000 / frames, QFile(path).size(), 0};
}

// `bench_encoder quality [frames]`: SSIM/PSNR of each preset/CRF against a lossless
// encode of the same frames, to pick the cheapest setting that still looks clean.
QString encodeOurs(const QString& preset, int crf, int frames, const QString& path) {
    EncoderParams params;
    params.preset = preset;
    params.crf = crf;
    VideoEncoder encoder;
    Error e = encoder.open(path, params, {}, kPcmRate);
    for (int i = 0; i < frames && !e.isError(); ++i)
        e = encoder.addFrame(drawCard(i, frames));
    if (!e.isError())
        e = encoder.finish();
    return e.message;
}

// Lossless YUV of the drawn frames, converted by swscale with VideoEncoder's
// settings (BT.709, limited range, bilinear + full chroma input) via the CLI,
// because High profile (what VideoEncoder emits) cannot be lossless.
bool writeReference(int frames, const QString& path) {
    QProcess ffmpeg;
    ffmpeg.setStandardOutputFile(QProcess::nullDevice());
    ffmpeg.start(QStringLiteral("ffmpeg"),
                 {"-v",
                  "error",
                  "-f",
                  "rawvideo",
                  "-pix_fmt",
                  "bgra",
                  "-s",
                  "1080x1920",
                  "-r",
                  "30",
                  "-i",
                  "-",
                  "-vf",
                  "scale=flags=bilinear+full_chroma_inp:out_color_matrix=bt709:out_range=tv,"
                  "format=yuv420p",
                  "-c:v",
                  "libx264",
                  "-preset",
                  "ultrafast",
                  "-qp",
                  "0",
                  "-y",
                  path});
    if (!ffmpeg.waitForStarted())
        return false;
    for (int i = 0; i < frames; ++i) {
        const QImage image = drawCard(i, frames);
        ffmpeg.write(reinterpret_cast<const char*>(image.constBits()), image.sizeInBytes());
        while (ffmpeg.bytesToWrite() > 0)
            if (!ffmpeg.waitForBytesWritten(-1))
                return false;
    }
    ffmpeg.closeWriteChannel();
    ffmpeg.waitForFinished(-1);
    return ffmpeg.exitCode() == 0;
}

int qualityReport(int frames, const QTemporaryDir& dir) {
    const QString reference = dir.filePath(QStringLiteral("lossless.mkv"));
    if (!writeReference(frames, reference)) {
        std::fprintf(stderr, "cannot write the lossless reference\n");
        return 1;
    }
    std::printf("%-10s %4s %9s %8s %10s\n", "preset", "crf", "SSIM", "PSNR dB", "Mbit/s");
    const QList<QPair<QString, int>> settings = {
        {"ultrafast", 18}, {"ultrafast", 20}, {"ultrafast", 23}, {"superfast", 20},
        {"superfast", 23}, {"veryfast", 20},  {"veryfast", 23}};
    for (const auto& [preset, crf] : settings) {
        const QString path = dir.filePath(QStringLiteral("q.mp4"));
        encodeOurs(preset, crf, frames, path);
        QProcess ffmpeg;
        ffmpeg.start(QStringLiteral("ffmpeg"),
                     {"-v", "info", "-nostats", "-i", path, "-i", reference, "-lavfi",
                      "[0:v][1:v]ssim;[0:v][1:v]psnr", "-f", "null", "-"});
        ffmpeg.waitForFinished(-1);
        const QString log = QString::fromUtf8(ffmpeg.readAllStandardError());
        const auto grab = [&](const char* pattern) {
            const QRegularExpressionMatch m = QRegularExpression(QLatin1String(pattern)).match(log);
            return m.hasMatch() ? m.captured(1).toDouble() : 0.0;
        };
        const double mbps = QFile(path).size() * 8.0 / (frames / double(kFps)) / 1e6;
        std::printf("%-10s %4d %9.5f %8.2f %10.2f\n", qPrintable(preset), crf,
                    grab("SSIM .*All:([0-9.]+)"), grab("PSNR .*average:([0-9.]+)"), mbps);
        std::fflush(stdout);
    }
    return 0;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n == 0 ? 0 : (n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2);
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QStringList args = app.arguments();
    if (args.size() > 1 && args.at(1) == QLatin1String("quality")) {
        QTemporaryDir dir;
        return qualityReport(args.size() > 2 ? args.at(2).toInt() : 150, dir);
    }
    const int frames = args.size() > 1 ? args.at(1).toInt() : 300;
    const int crf = args.size() > 2 ? args.at(2).toInt() : 23;
    const int repeats = args.size() > 3 ? args.at(3).toInt() : 2;
    const QStringList presets = args.size() > 4 ? args.at(4).split(QLatin1Char(','))
                                                : QStringList{"ultrafast", "superfast", "veryfast"};
    QTemporaryDir dir;
    const QString wav = dir.filePath(QStringLiteral("narration.wav"));
    {
        QFile file(wav);
        if (!file.open(QIODevice::WriteOnly) ||
            file.write(wavFile(narration(frames / double(kFps)))) < 0)
            return 1;
    }

    std::printf("%d frames 1080x1920 @30, crf %d, %d repeat(s); drawing alone: %.1f fps\n", frames,
                crf, repeats, drawOnlyFps(std::min(frames, 120)));
    std::printf("%-10s %-4s %9s %9s %6s  %-15s %8s %8s %9s\n", "preset", "run", "ours fps",
                "cli fps", "ratio", "cpu ms/f ours/cli", "ours MB", "cli MB", "ours RSS");
    for (const QString& preset : presets) {
        std::vector<double> ours, cli, ratios;
        for (int r = 0; r < repeats; ++r) {
            // Alternate the order so a burst of background load hits both sides alike.
            Run a, b;
            const QString oursPath = dir.filePath(QStringLiteral("ours.mp4"));
            const QString cliPath = dir.filePath(QStringLiteral("cli.mp4"));
            if (r % 2 == 0) {
                a = runOurs(preset, crf, frames, oursPath);
                b = runCli(preset, crf, frames, cliPath, wav);
            } else {
                b = runCli(preset, crf, frames, cliPath, wav);
                a = runOurs(preset, crf, frames, oursPath);
            }
            ours.push_back(a.fps);
            cli.push_back(b.fps);
            ratios.push_back(b.fps > 0 ? a.fps / b.fps : 0);
            std::printf("%-10s %-4d %9.1f %9.1f %6.2f  %7.1f/%-9.1f %8.2f %8.2f %6ld MB\n",
                        qPrintable(preset), r + 1, a.fps, b.fps, ratios.back(), a.cpuMsPerFrame,
                        b.cpuMsPerFrame, a.bytes / 1e6, b.bytes / 1e6, a.peakRssKiB / 1024);
            std::fflush(stdout);
        }
        std::printf("%-10s %-4s %9.1f %9.1f %6.2f  (best: ours %.1f, cli %.1f)\n",
                    qPrintable(preset), "med", median(ours), median(cli), median(ratios),
                    *std::max_element(ours.begin(), ours.end()),
                    *std::max_element(cli.begin(), cli.end()));
    }
    rusage children{};
    getrusage(RUSAGE_CHILDREN, &children);
    std::printf("peak RSS of the ffmpeg CLI (largest child): %ld MB\n", children.ru_maxrss / 1024);
    return 0;
}
