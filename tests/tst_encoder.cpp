// SPDX-License-Identifier: GPL-3.0-or-later
// The in-process MP4 encoder: stream parameters as ffprobe sees them, colours
// after a decode, audio/video length agreement, faststart layout, and that no
// file appears under the final name unless finish() succeeded.
#include "CiServices.h"
#include "LoudnessCheck.h"
#include "TestUtil.h"
#include "audio/Loudness.h"
#include "audio/Soundtrack.h"
#include "render/VideoEncoder.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace hh;

namespace {

constexpr int kFps = 30;

// One colour per second of video, saturated enough that a BT.601/BT.709 or a
// full/limited range mix-up moves them far outside the tolerance.
const QList<QColor> kPalette = {QColor(220, 40, 40), QColor(40, 190, 70), QColor(50, 70, 230),
                                QColor(240, 160, 30), QColor(128, 128, 128)};

QColor paletteColour(int frame) {
    return kPalette.at((frame / kFps) % kPalette.size());
}

// A solid colour per second plus a white rectangle moving along the top band.
QImage drawFrame(QSize size, int frame, QImage::Format format = QImage::Format_RGB32) {
    QImage image(size, QImage::Format_RGB32);
    image.fill(paletteColour(frame));
    QPainter painter(&image);
    const int band = size.height() / 10;
    painter.fillRect((frame * 17) % size.width(), band / 4, band / 2, band / 2, Qt::white);
    painter.end();
    return format == QImage::Format_RGB32 ? image : image.convertToFormat(format);
}

// Signed 16-bit mono sine at half scale.
QByteArray sinePcm(double seconds, int rate, double hz = 440.0) {
    const int samples = static_cast<int>(std::lround(seconds * rate));
    QByteArray pcm(samples * 2, Qt::Uninitialized);
    auto* out = reinterpret_cast<qint16*>(pcm.data());
    for (int i = 0; i < samples; ++i)
        out[i] = static_cast<qint16>(16000.0 * std::sin(2.0 * M_PI * hz * i / rate));
    return pcm;
}

// Mounts an empty read-only tmpfs on `folder`; false when this process may not mount.
bool mountReadOnly(const QString& folder) {
    QProcess mount;
    mount.start(QStringLiteral("mount"), {"-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", folder});
    return mount.waitForFinished(10000) && mount.exitStatus() == QProcess::NormalExit &&
           mount.exitCode() == 0;
}

Error encodeClip(const QString& path, const EncoderParams& params, int frames,
                 const QByteArray& pcm, int pcmRate) {
    VideoEncoder encoder;
    if (Error e = encoder.open(path, params, pcm, pcmRate); e.isError())
        return e;
    for (int i = 0; i < frames; ++i)
        if (Error e = encoder.addFrame(drawFrame({params.width, params.height}, i)); e.isError())
            return e;
    Error e = encoder.finish();
    if (!e.isError() && encoder.framesWritten() != frames)
        return {ErrorType::Internal,
                QStringLiteral("framesWritten %1").arg(encoder.framesWritten())};
    return e;
}

QByteArray run(const QString& program, const QStringList& arguments, QByteArray* errors = nullptr) {
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        qWarning() << program << arguments << process.readAllStandardError();
    if (errors)
        *errors = process.readAllStandardError();
    return process.readAllStandardOutput();
}

QJsonObject probe(const QString& path) {
    const QByteArray json = run(QStringLiteral("ffprobe"), {"-v", "error", "-of", "json",
                                                            "-show_streams", "-show_format", path});
    return QJsonDocument::fromJson(json).object();
}

QJsonObject streamOfType(const QJsonObject& probed, const QString& type) {
    for (const QJsonValue& stream : probed.value(QLatin1String("streams")).toArray())
        if (stream.toObject().value(QLatin1String("codec_type")).toString() == type)
            return stream.toObject();
    return {};
}

double number(const QJsonObject& object, const char* key) {
    const QJsonValue value = object.value(QLatin1String(key));
    return value.isString() ? value.toString().toDouble() : value.toDouble();
}

// Top-level MP4 box types in file order.
QStringList topLevelBoxes(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList boxes;
    qint64 offset = 0;
    while (offset + 8 <= file.size()) {
        file.seek(offset);
        const QByteArray header = file.read(16);
        const auto byte = [&](int i) {
            return static_cast<quint64>(static_cast<quint8>(header[i]));
        };
        quint64 size = byte(0) << 24 | byte(1) << 16 | byte(2) << 8 | byte(3);
        boxes << QString::fromLatin1(header.mid(4, 4));
        if (size == 1 && header.size() >= 16) { // 64-bit "largesize"
            size = 0;
            for (int i = 8; i < 16; ++i)
                size = size << 8 | byte(i);
        } else if (size == 0) { // box runs to the end of the file
            break;
        }
        if (size < 8)
            break;
        offset += static_cast<qint64>(size);
    }
    return boxes;
}

// Frame `index` decoded by the ffmpeg CLI, converted to RGB the way a player would
// (honouring the stream's colour tags).
QImage decodeFrame(const QString& video, int index, const QString& pngPath) {
    run(QStringLiteral("ffmpeg"),
        {"-v", "error", "-y", "-i", video, "-vf", QStringLiteral("select=eq(n\\,%1)").arg(index),
         "-frames:v", "1", "-f", "image2", "-c:v", "png", pngPath});
    return QImage(pngPath);
}

QColor averageColour(const QImage& image, const QRect& region) {
    qint64 r = 0, g = 0, b = 0;
    for (int y = region.top(); y <= region.bottom(); ++y)
        for (int x = region.left(); x <= region.right(); ++x) {
            const QRgb pixel = image.pixel(x, y);
            r += qRed(pixel);
            g += qGreen(pixel);
            b += qBlue(pixel);
        }
    const qint64 n = qint64(region.width()) * region.height();
    return QColor(int(r / n), int(g / n), int(b / n));
}

bool closeColours(const QColor& a, const QColor& b, int tolerance) {
    return std::abs(a.red() - b.red()) <= tolerance &&
           std::abs(a.green() - b.green()) <= tolerance &&
           std::abs(a.blue() - b.blue()) <= tolerance;
}

QString describe(const QColor& c) {
    return QStringLiteral("(%1,%2,%3)").arg(c.red()).arg(c.green()).arg(c.blue());
}

// Peak level (dBFS) of the audio between `from` and `from + length` seconds.
double maxVolume(const QString& video, double from, double length) {
    QByteArray log;
    run(QStringLiteral("ffmpeg"),
        {"-v", "info", "-nostats", "-i", video, "-vn", "-af",
         // atrim, not -ss/-t: those trim after the filters, so volumedetect would see everything.
         QStringLiteral("atrim=start=%1:duration=%2,volumedetect").arg(from).arg(length), "-f",
         "null", "-"},
        &log);
    const QRegularExpressionMatch m =
        QRegularExpression(QStringLiteral("max_volume: (-?[0-9.inf]+) dB"))
            .match(QString::fromUtf8(log));
    return m.hasMatch() ? m.captured(1).toDouble() : 0.0;
}

EncoderParams smallParams() {
    EncoderParams params;
    params.width = 320;
    params.height = 240;
    params.preset = QStringLiteral("ultrafast");
    return params;
}

} // namespace

class TestEncoder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void writesStreamsPlayersExpect_data();
    void writesStreamsPlayersExpect();
    void coloursSurviveTheRoundTrip_data();
    void coloursSurviveTheRoundTrip();
    void acceptsImageFormats_data();
    void acceptsImageFormats();
    void audioIsPaddedOrCutToTheVideo_data();
    void audioIsPaddedOrCutToTheVideo();
    void abortLeavesNoFile_data();
    void abortLeavesNoFile();
    void unwritableOutputFailsOnOpen_data();
    void unwritableOutputFailsOnOpen();
    void rejectsMisuse();
    void fullDiskIsReportedAsDiskFull();
    void normalisedMixKeepsItsLoudnessThroughAac_data();
    void normalisedMixKeepsItsLoudnessThroughAac();

private:
    QTemporaryDir m_dir;
    QString m_colourClip;
};

void TestEncoder::initTestCase() {
    QVERIFY(m_dir.isValid());
    // HH_KEEP_TEST_FILES=1 keeps the clips for a look with ffprobe/mpv.
    m_dir.setAutoRemove(!qEnvironmentVariableIsSet("HH_KEEP_TEST_FILES"));
    qInfo("clips in %s", qPrintable(m_dir.path()));
    if (QStandardPaths::findExecutable(QStringLiteral("ffprobe")).isEmpty())
        HH_SKIP_UNLESS_CI(
            QStringLiteral("ffprobe (Debian package ffmpeg) is needed to check the output"));
    // One 3-second portrait clip shared by the colour rows.
    m_colourClip = m_dir.filePath(QStringLiteral("colours.mp4"));
    const Error e = encodeClip(m_colourClip, EncoderParams{}, 3 * kFps, sinePcm(3.0, 22050), 22050);
    QVERIFY2(!e.isError(), qPrintable(e.message));
}

void TestEncoder::writesStreamsPlayersExpect_data() {
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<int>("frames");
    QTest::newRow("portrait 1080x1920") << 1080 << 1920 << 45;
    QTest::newRow("square 1080x1080") << 1080 << 1080 << 30;
    QTest::newRow("landscape 1920x1080") << 1920 << 1080 << 30;
}

void TestEncoder::writesStreamsPlayersExpect() {
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(int, frames);
    EncoderParams params;
    params.width = width;
    params.height = height;
    const QString path = m_dir.filePath(QStringLiteral("streams-%1x%2.mp4").arg(width).arg(height));
    const Error e = encodeClip(path, params, frames, sinePcm(frames / double(kFps), 24000), 24000);
    QVERIFY2(!e.isError(), qPrintable(e.message));
    QVERIFY(!QFile::exists(path + QStringLiteral(".part")));

    const QJsonObject probed = probe(path);
    const QJsonObject video = streamOfType(probed, QStringLiteral("video"));
    const QJsonObject audio = streamOfType(probed, QStringLiteral("audio"));
    QCOMPARE(video.value(QLatin1String("codec_name")).toString(), QStringLiteral("h264"));
    QCOMPARE(video.value(QLatin1String("profile")).toString(), QStringLiteral("High"));
    QCOMPARE(video.value(QLatin1String("pix_fmt")).toString(), QStringLiteral("yuv420p"));
    QCOMPARE(video.value(QLatin1String("width")).toInt(), width);
    QCOMPARE(video.value(QLatin1String("height")).toInt(), height);
    QCOMPARE(video.value(QLatin1String("r_frame_rate")).toString(), QStringLiteral("30/1"));
    QCOMPARE(video.value(QLatin1String("avg_frame_rate")).toString(), QStringLiteral("30/1"));
    QCOMPARE(int(number(video, "nb_frames")), frames);
    QCOMPARE(video.value(QLatin1String("color_space")).toString(), QStringLiteral("bt709"));
    QCOMPARE(video.value(QLatin1String("color_primaries")).toString(), QStringLiteral("bt709"));
    QCOMPARE(video.value(QLatin1String("color_transfer")).toString(), QStringLiteral("bt709"));
    QCOMPARE(video.value(QLatin1String("color_range")).toString(), QStringLiteral("tv"));

    QCOMPARE(audio.value(QLatin1String("codec_name")).toString(), QStringLiteral("aac"));
    QCOMPARE(audio.value(QLatin1String("sample_rate")).toString(), QStringLiteral("48000"));
    QCOMPARE(audio.value(QLatin1String("channels")).toInt(), 2);
    const double videoSeconds = number(video, "duration");
    const double audioSeconds = number(audio, "duration");
    QVERIFY2(std::abs(videoSeconds - frames / double(kFps)) <= 1e-3,
             qPrintable(QString::number(videoSeconds)));
    QVERIFY2(
        std::abs(videoSeconds - audioSeconds) <= 1.0 / kFps,
        qPrintable(QStringLiteral("video %1 s, audio %2 s").arg(videoSeconds).arg(audioSeconds)));

    const QStringList boxes = topLevelBoxes(path);
    QVERIFY2(boxes.contains(QStringLiteral("moov")) && boxes.contains(QStringLiteral("mdat")),
             qPrintable(boxes.join(QLatin1Char(' '))));
    QVERIFY2(boxes.indexOf(QStringLiteral("moov")) < boxes.indexOf(QStringLiteral("mdat")),
             qPrintable(boxes.join(QLatin1Char(' '))));
}

void TestEncoder::coloursSurviveTheRoundTrip_data() {
    QTest::addColumn<int>("frame");
    for (int second = 0; second < 3; ++second) {
        const int frame = second * kFps + kFps / 2;
        QTest::addRow("frame %d %s", frame, qPrintable(describe(paletteColour(frame)))) << frame;
    }
}

void TestEncoder::coloursSurviveTheRoundTrip() {
    QFETCH(int, frame);
    const QImage decoded =
        decodeFrame(m_colourClip, frame, m_dir.filePath(QStringLiteral("frame.png")));
    QCOMPARE(decoded.size(), QSize(1080, 1920));
    // Below the band with the moving rectangle.
    const QColor got = averageColour(decoded, QRect(440, 860, 200, 200));
    const QColor expected = paletteColour(frame);
    QVERIFY2(
        closeColours(got, expected, 8),
        qPrintable(QStringLiteral("drawn %1, decoded %2").arg(describe(expected), describe(got))));
    // The moving rectangle is where frame `frame` drew it (not an earlier/later frame's).
    const int band = 1920 / 10;
    const QRect rectangle((frame * 17) % 1080 + 8, band / 4 + 8, band / 2 - 16, band / 2 - 16);
    QVERIFY(closeColours(averageColour(decoded, rectangle), Qt::white, 8));
}

void TestEncoder::acceptsImageFormats_data() {
    QTest::addColumn<QImage::Format>("format");
    QTest::addColumn<QColor>("colour");
    const QColor colour(200, 100, 50);
    QTest::newRow("RGB32") << QImage::Format_RGB32 << colour;
    QTest::newRow("ARGB32") << QImage::Format_ARGB32 << colour;
    QTest::newRow("ARGB32_Premultiplied") << QImage::Format_ARGB32_Premultiplied << colour;
    QTest::newRow("RGBX8888") << QImage::Format_RGBX8888 << colour;
    QTest::newRow("RGBA8888") << QImage::Format_RGBA8888 << colour;
    QTest::newRow("RGB888") << QImage::Format_RGB888 << colour;
    QTest::newRow("RGB16 (converted)") << QImage::Format_RGB16 << QColor(200, 100, 48);
    QTest::newRow("Grayscale8 (converted)") << QImage::Format_Grayscale8 << QColor(90, 90, 90);
}

void TestEncoder::acceptsImageFormats() {
    QFETCH(QImage::Format, format);
    QFETCH(QColor, colour);
    const EncoderParams params = smallParams();
    const QString path = m_dir.filePath(QStringLiteral("format.mp4"));
    QImage image(params.width, params.height, format);
    image.fill(colour);
    VideoEncoder encoder;
    QVERIFY(!encoder.open(path, params, {}, 0).isError());
    for (int i = 0; i < 5; ++i)
        QVERIFY(!encoder.addFrame(image).isError());
    const Error e = encoder.finish();
    QVERIFY2(!e.isError(), qPrintable(e.message));
    const QImage decoded = decodeFrame(path, 2, m_dir.filePath(QStringLiteral("format.png")));
    const QColor got = averageColour(decoded, QRect(100, 80, 120, 80));
    QVERIFY2(
        closeColours(got, colour, 8),
        qPrintable(QStringLiteral("drawn %1, decoded %2").arg(describe(colour), describe(got))));
}

void TestEncoder::audioIsPaddedOrCutToTheVideo_data() {
    QTest::addColumn<double>("pcmSeconds");
    QTest::addColumn<int>("pcmRate");
    QTest::newRow("no narration") << 0.0 << 22050;
    QTest::newRow("shorter, 22.05 kHz") << 0.5 << 22050;
    QTest::newRow("same length, 48 kHz") << 2.0 << 48000;
    QTest::newRow("longer, 16 kHz") << 5.0 << 16000;
    QTest::newRow("a frame longer, 24 kHz") << 2.0 + 1.0 / kFps << 24000;
}

void TestEncoder::audioIsPaddedOrCutToTheVideo() {
    QFETCH(double, pcmSeconds);
    QFETCH(int, pcmRate);
    const int frames = 2 * kFps;
    const QString path = m_dir.filePath(QStringLiteral("audio.mp4"));
    const Error e = encodeClip(path, smallParams(), frames, sinePcm(pcmSeconds, pcmRate), pcmRate);
    QVERIFY2(!e.isError(), qPrintable(e.message));

    const QJsonObject probed = probe(path);
    const double videoSeconds = number(streamOfType(probed, QStringLiteral("video")), "duration");
    const double audioSeconds = number(streamOfType(probed, QStringLiteral("audio")), "duration");
    QVERIFY2(std::abs(videoSeconds - 2.0) <= 1e-3, qPrintable(QString::number(videoSeconds)));
    QVERIFY2(
        std::abs(videoSeconds - audioSeconds) <= 1.0 / kFps,
        qPrintable(QStringLiteral("video %1 s, audio %2 s").arg(videoSeconds).arg(audioSeconds)));

    // The sine is at about -6 dBFS; padding is digital silence.
    if (pcmSeconds >= 0.4)
        QVERIFY(maxVolume(path, 0.1, 0.3) > -12.0);
    if (pcmSeconds < 1.4) {
        const double tail = maxVolume(path, 1.5, 0.4);
        QVERIFY2(tail < -60.0, qPrintable(QString::number(tail)));
    } else {
        QVERIFY(maxVolume(path, 1.5, 0.4) > -12.0);
    }
}

void TestEncoder::abortLeavesNoFile_data() {
    QTest::addColumn<bool>("viaDestructor");
    QTest::newRow("abort()") << false;
    QTest::newRow("destroyed without finish()") << true;
}

void TestEncoder::abortLeavesNoFile() {
    QFETCH(bool, viaDestructor);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("aborted.mp4"));
    {
        VideoEncoder encoder;
        const EncoderParams params = smallParams();
        QVERIFY(!encoder.open(path, params, sinePcm(1.0, 22050), 22050).isError());
        for (int i = 0; i < 20; ++i)
            QVERIFY(!encoder.addFrame(drawFrame({params.width, params.height}, i)).isError());
        if (!viaDestructor) {
            encoder.abort();
            QVERIFY(encoder.finish().isError()); // nothing left to finish
        }
    }
    QVERIFY(!QFile::exists(path));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::NoDotAndDotDot), QStringList());
}

void TestEncoder::unwritableOutputFailsOnOpen_data() {
    QTest::addColumn<QString>("relativePath");
    QTest::addColumn<QString>("setUp");
    QTest::newRow("parent is a file") << "file/out.mp4"
                                      << "file";
    QTest::newRow("read-only folder") << "ro/out.mp4"
                                      << "readonly ro";
    QTest::newRow("/proc") << "/proc/hidden-hill/out.mp4"
                           << "";
}

void TestEncoder::unwritableOutputFailsOnOpen() {
    QFETCH(QString, relativePath);
    QFETCH(QString, setUp);
    QTemporaryDir dir;
    const QStringList step = setUp.split(QLatin1Char(' '));
    bool mounted = false;
    if (step.first() == QLatin1String("file")) {
        QFile file(dir.filePath(QStringLiteral("file")));
        QVERIFY(file.open(QIODevice::WriteOnly));
    } else if (step.first() == QLatin1String("folder")) {
        QVERIFY(QDir(dir.path()).mkdir(step.at(1)));
    } else if (step.first() == QLatin1String("readonly")) {
        const QString folder = dir.filePath(step.at(1));
        QVERIFY(QDir(dir.path()).mkdir(step.at(1)));
        QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner);
        // Root ignores permission bits (and CI runs as root): there the folder is
        // made read-only the way root meets it, as a read-only mount.
        mounted = QFileInfo(folder).isWritable() && mountReadOnly(folder);
        if (QFileInfo(folder).isWritable() && !mounted)
            HH_SKIP_UNLESS_CI(QStringLiteral("running as root and cannot mount a read-only tmpfs "
                                             "(needs CAP_SYS_ADMIN): a read-only folder is "
                                             "untested"));
    }
    const auto unmount = qScopeGuard([&] {
        if (mounted)
            QProcess::execute(QStringLiteral("umount"), {dir.filePath(step.at(1))});
    });
    const QString path =
        QDir::isAbsolutePath(relativePath) ? relativePath : dir.filePath(relativePath);

    QElapsedTimer timer;
    timer.start();
    VideoEncoder encoder;
    const Error e = encoder.open(path, EncoderParams{}, sinePcm(1.0, 22050), 22050);
    QCOMPARE(e.type, ErrorType::Io);
    QVERIFY2(e.message.contains(QDir::toNativeSeparators(QFileInfo(path).absolutePath())) ||
                 e.message.contains(path),
             qPrintable(e.message));
    QVERIFY(timer.elapsed() < 2000);
    QVERIFY(encoder.addFrame(drawFrame({1080, 1920}, 0)).isError());
    QVERIFY(!QFileInfo(path).isFile());
}

void TestEncoder::rejectsMisuse() {
    VideoEncoder encoder;
    QVERIFY(encoder.addFrame(QImage(320, 240, QImage::Format_RGB32)).isError()); // not open
    const QString path = m_dir.filePath(QStringLiteral("misuse.mp4"));
    EncoderParams odd = smallParams();
    odd.width = 321;
    QCOMPARE(encoder.open(path, odd, {}, 0).type, ErrorType::Internal);
    QVERIFY(!encoder.open(path, smallParams(), {}, 0).isError());
    QCOMPARE(encoder.addFrame(QImage(640, 480, QImage::Format_RGB32)).type, ErrorType::Internal);
    QVERIFY(!encoder.addFrame(drawFrame({320, 240}, 0)).isError());
    QVERIFY(!encoder.finish().isError());
    QCOMPARE(encoder.framesWritten(), 1);
    EncoderParams badPreset = smallParams();
    badPreset.preset = QStringLiteral("warp-speed");
    VideoEncoder other;
    const Error e = other.open(m_dir.filePath(QStringLiteral("preset.mp4")), badPreset, {}, 0);
    QCOMPARE(e.type, ErrorType::Internal);
    QVERIFY2(QDir(m_dir.path()).entryList({QStringLiteral("preset.mp4*")}).isEmpty(),
             "the attempt's temporary file is removed");
}

void TestEncoder::fullDiskIsReportedAsDiskFull() {
    QTemporaryDir dir;
    const QString mountPoint = dir.filePath(QStringLiteral("tiny"));
    QVERIFY(QDir().mkpath(mountPoint));
    QProcess mount;
    mount.start(QStringLiteral("mount"), {"-t", "tmpfs", "-o", "size=2m", "tmpfs", mountPoint});
    if (!mount.waitForFinished(10000) || mount.exitStatus() != QProcess::NormalExit ||
        mount.exitCode() != 0)
        HH_SKIP_UNLESS_CI(QStringLiteral("cannot mount a 2 MB tmpfs here (needs root and "
                                         "CAP_SYS_ADMIN); disk-full path untested"));
    const auto unmount =
        qScopeGuard([&] { QProcess::execute(QStringLiteral("umount"), {mountPoint}); });

    // Noise does not compress: a few frames overflow 2 MB.
    EncoderParams params;
    params.preset = QStringLiteral("ultrafast");
    params.crf = 5;
    QList<QImage> noise;
    for (int n = 0; n < 3; ++n) {
        QImage image(params.width, params.height, QImage::Format_RGB32);
        QRandomGenerator random(n + 1);
        for (int y = 0; y < image.height(); ++y)
            random.fillRange(reinterpret_cast<quint32*>(image.scanLine(y)), image.width());
        noise << image;
    }
    const QString path = mountPoint + QStringLiteral("/full.mp4");
    VideoEncoder encoder;
    Error e = encoder.open(path, params, sinePcm(2.0, 22050), 22050);
    for (int i = 0; !e.isError() && i < 60; ++i)
        e = encoder.addFrame(noise.at(i % noise.size()));
    if (!e.isError())
        e = encoder.finish();
    else
        QVERIFY(encoder.finish().isError()); // the failure sticks and cleans up
    QCOMPARE(e.type, ErrorType::DiskFull);
    QVERIFY2(e.message.contains(QStringLiteral("free some space")), qPrintable(e.message));
    QVERIFY(!QFile::exists(path));
    QVERIFY(!QFile::exists(path + QStringLiteral(".part")));
}

// The loudness the job measured is the loudness the viewer gets: AAC at 160 kb/s
// moves the integrated level by hardly anything and the true peak by less than
// the margin the normaliser keeps under −1 dBTP.
void TestEncoder::normalisedMixKeepsItsLoudnessThroughAac_data() {
    QTest::addColumn<QString>("signal");
    QTest::newRow("steady chord") << QStringLiteral("chord");
    QTest::newRow("peaky clicks") << QStringLiteral("clicks");
}

void TestEncoder::normalisedMixKeepsItsLoudnessThroughAac() {
    QFETCH(QString, signal);
    constexpr int rate = Soundtrack::kSampleRate;
    std::vector<float> mix(size_t(2 * rate));
    for (size_t i = 0; i < mix.size(); ++i) {
        const double t = double(i) / rate;
        mix[i] =
            signal == QLatin1String("chord")
                ? float(0.1 * (std::sin(2 * M_PI * 261.6 * t) + std::sin(2 * M_PI * 329.6 * t)))
                : float((i % 4800 < 40 ? 0.9 : 0.02) * std::sin(2 * M_PI * 3000 * t));
    }
    auto report = LoudnessNormalizer().normalize(mix, rate);
    QVERIFY(report.ok());
    Soundtrack track;
    track.samples = mix;
    const QString path = m_dir.filePath(QStringLiteral("loud.mp4"));
    const Error e = encodeClip(path, smallParams(), 2 * kFps, track.pcm16(), rate);
    QVERIFY2(!e.isError(), qPrintable(e.message));
    const auto measured = hh::test::measureWithLibebur128(path);
    QVERIFY2(measured.ok, qPrintable(measured.error));
    QVERIFY2(
        std::abs(measured.integratedLufs - report->integratedLufs) <= 0.5,
        qPrintable(
            QStringLiteral("%1 vs %2").arg(measured.integratedLufs).arg(report->integratedLufs)));
    QVERIFY2(measured.truePeakDbtp <= -1.0, qPrintable(QString::number(measured.truePeakDbtp)));
}

QTEST_GUILESS_MAIN(TestEncoder)
#include "tst_encoder.moc"
