// SPDX-License-Identifier: GPL-3.0-or-later
// Video clips from a cloud provider: decoded with FFmpeg at the compositor's
// frame rate and drawn under the captions.
#include "Paper.h"
#include "TestUtil.h"
#include "jobs/JobSteps.h"
#include "render/ClipDecoder.h"
#include "render/Compositor.h"
#include "render/VideoEncoder.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace hh;

namespace {

const QColor kClipGreen(40, 200, 60);

// A small MP4 made with the project's own encoder: `colours` are the pictures
// in order at `fps`, each a solid colour or, with `bands`, three horizontal
// bands (red, green, blue) to check cropping.
bool writeClip(const QString& path, const QSize& size, int fps, const QList<QColor>& colours,
               bool bands = false) {
    EncoderParams params;
    params.width = size.width();
    params.height = size.height();
    params.fps = fps;
    params.preset = QStringLiteral("ultrafast");
    params.crf = 12;
    const int sampleRate = 16000;
    const QByteArray silence(int(qint64(sampleRate) * colours.size() / fps) * 2, '\0');
    VideoEncoder encoder;
    if (encoder.open(path, params, silence, sampleRate).isError())
        return false;
    for (const QColor& colour : colours) {
        QImage frame(size, QImage::Format_RGB32);
        frame.fill(colour);
        if (bands) {
            const int third = size.height() / 3;
            for (int y = 0; y < size.height(); ++y) {
                const QColor band = y < third
                                        ? QColor(Qt::red)
                                        : (y < 2 * third ? QColor(Qt::green) : QColor(Qt::blue));
                for (int x = 0; x < size.width(); ++x)
                    frame.setPixelColor(x, y, band);
            }
        }
        if (encoder.addFrame(frame).isError())
            return false;
    }
    return !encoder.finish().isError();
}

bool near(const QColor& a, const QColor& b, int tolerance = 24) {
    return std::abs(a.red() - b.red()) <= tolerance &&
           std::abs(a.green() - b.green()) <= tolerance &&
           std::abs(a.blue() - b.blue()) <= tolerance;
}

QString describe(const QColor& c) {
    return QStringLiteral("rgb(%1,%2,%3)").arg(c.red()).arg(c.green()).arg(c.blue());
}

Paper testPaper() {
    Paper paper;
    paper.source = QStringLiteral("jats");
    paper.title = QStringLiteral("Honeybees count to four");
    paper.authors = {{QStringLiteral("Ada Lovelace"), {}}};
    paper.journal = QStringLiteral("Journal of Tests");
    paper.year = 2024;
    return paper;
}

// `count` scenes of 2.6 s each, with word timings, as words.json gives them.
void testScript(int count, Script* script, Narration* narration) {
    script->title = QStringLiteral("Honeybees count to four");
    const QStringList headlines = {QStringLiteral("86%"), QStringLiteral("Bees learn numbers"),
                                   QStringLiteral("4 objects")};
    for (int i = 0; i < count; ++i) {
        script->scenes.append({i == 0 ? QStringLiteral("hook") : QStringLiteral("point"),
                               QStringLiteral("Bees can count to four."),
                               headlines.value(i % headlines.size()),
                               {QStringLiteral("abs0.s0")},
                               {}});
        const qint64 start = i * 2600;
        narration->sceneStartMs << start;
        narration->sceneEndMs << start + 2400;
        const QStringList words = {QStringLiteral("Bees"), QStringLiteral("can"),
                                   QStringLiteral("count"), QStringLiteral("to"),
                                   QStringLiteral("four.")};
        for (int w = 0; w < words.size(); ++w)
            narration->words.append({words[w], start + w * 480, start + w * 480 + 400, i});
    }
}

int brightPixels(const QImage& image, const QRect& rect) {
    int count = 0;
    for (int y = rect.top(); y <= rect.bottom(); y += 2) {
        for (int x = rect.left(); x <= rect.right(); x += 2) {
            if (image.pixelColor(x, y).lightness() > 235)
                ++count;
        }
    }
    return count;
}

} // namespace

class TestRunway : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void clipDecoderFollowsTheClock();
    void clipDecoderCropsAroundTheCentre();
    void clipDecoderErrors();
    void compositorDrawsTheClipUnderTheCaptions();
    void keyframeHasNoCaptions();
    void renderInputReadsClipEntries();

private:
    QTemporaryDir m_dir;
    QString m_greenClip; // 180×320, 24 fps, 12 pictures (0.5 s)
};

void TestRunway::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_greenClip = m_dir.filePath(QStringLiteral("green.mp4"));
    QVERIFY(writeClip(m_greenClip, QSize(180, 320), 24, QList<QColor>(12, kClipGreen)));
}

void TestRunway::clipDecoderFollowsTheClock() {
    // 24 fps: 6 red pictures, then 6 blue (0.5 s), read at the compositor's 30 fps.
    const QString path = m_dir.filePath(QStringLiteral("red-blue.mp4"));
    QList<QColor> colours(6, QColor(220, 30, 30));
    colours += QList<QColor>(6, QColor(30, 30, 220));
    QVERIFY(writeClip(path, QSize(180, 320), 24, colours));
    ClipDecoder decoder;
    const Error error = decoder.open(path, QSize(360, 640), 30);
    QVERIFY2(!error.isError(), qPrintable(error.message));
    QCOMPARE(decoder.sourceSize(), QSize(180, 320));
    QVERIFY2(std::abs(decoder.durationSeconds() - 0.5) < 1e-3,
             qPrintable(QString::number(decoder.durationSeconds())));
    QCOMPARE(decoder.frameCount(), 15);
    for (int i = 0; i < 20; ++i) { // 15 frames of clip, then its last picture held
        auto frame = decoder.frame(i);
        QVERIFY2(frame.ok(), qPrintable(frame.error().message));
        QCOMPARE(frame.value().size(), QSize(360, 640));
        const int sourcePicture = int(i * 24 / 30);
        const QColor expected = colours.value(std::min(sourcePicture, 11));
        const QColor got = frame.value().pixelColor(180, 320);
        QVERIFY2(near(got, expected),
                 qPrintable(QStringLiteral("frame %1: %2").arg(i).arg(describe(got))));
    }
    // Back to the start (a thumbnail drawn before the video).
    auto first = decoder.frame(0);
    QVERIFY(first.ok());
    QVERIFY(near(first.value().pixelColor(10, 10), colours.first()));
}

void TestRunway::clipDecoderCropsAroundTheCentre() {
    // A 9:16 clip of red, green and blue bands into a 16:9 frame: only the middle
    // (green) band is wide enough to cover it.
    const QString path = m_dir.filePath(QStringLiteral("bands.mp4"));
    QVERIFY(writeClip(path, QSize(180, 320), 24, QList<QColor>(3, Qt::black), true));
    ClipDecoder decoder;
    QVERIFY(!decoder.open(path, QSize(320, 180), 30).isError());
    auto frame = decoder.frame(0);
    QVERIFY(frame.ok());
    QCOMPARE(frame.value().size(), QSize(320, 180));
    for (const QPoint& point :
         {QPoint(2, 2), QPoint(317, 2), QPoint(2, 177), QPoint(317, 177), QPoint(160, 90)})
        QVERIFY2(near(frame.value().pixelColor(point), QColor(Qt::green), 40),
                 qPrintable(describe(frame.value().pixelColor(point))));
}

void TestRunway::clipDecoderErrors() {
    ClipDecoder decoder;
    QCOMPARE(
        decoder.open(m_dir.filePath(QStringLiteral("missing.mp4")), QSize(360, 640), 30).code(),
        QStringLiteral("not_found"));
    const QString text = m_dir.filePath(QStringLiteral("not-a-video.mp4"));
    QFile file(text);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("this is not a video");
    file.close();
    QCOMPARE(decoder.open(text, QSize(360, 640), 30).code(), QStringLiteral("unsupported"));
    QVERIFY(!decoder.isOpen());
    QCOMPARE(decoder.frame(0).error().code(), QStringLiteral("internal"));
}

void TestRunway::compositorDrawsTheClipUnderTheCaptions() {
    Script script;
    Narration narration;
    testScript(1, &script, &narration);
    VideoContent content;
    content.script = script;
    content.title = QStringLiteral("Honeybees count to four");
    content.words = narration.words;
    content.sceneStartMs = narration.sceneStartMs;
    content.durationMs = 5000;
    VideoContent withClip = content;
    withClip.clips.insert(0, m_greenClip);
    Compositor builtIn(content, FrameGeometry::forAspect(QStringLiteral("9:16")));
    Compositor clipped(withClip, FrameGeometry::forAspect(QStringLiteral("9:16")));

    const int frame = 15; // 0.5 s: "can" is being said
    const QImage plain = builtIn.renderFrame(frame);
    const QImage image = clipped.renderFrame(frame);
    const QRect captions = clipped.geometry().captions;
    const QPoint open(clipped.geometry().safe.center().x(), captions.top() - 120);
    QVERIFY2(near(image.pixelColor(open), kClipGreen),
             qPrintable(describe(image.pixelColor(open))));
    QVERIFY(!near(plain.pixelColor(open), kClipGreen));
    // The captions are drawn over the clip, as over the built-in scene.
    const int captionPixels = brightPixels(image, captions);
    QVERIFY2(captionPixels > 200, qPrintable(QString::number(captionPixels)));
    QCOMPARE(captionPixels, brightPixels(plain, captions));
    QVERIFY(near(image.pixelColor(captions.left() + 2, captions.top() + 2), kClipGreen));
    // A scene without a clip looks exactly as before, even beside one with a clip.
    // (Compared before any end card is drawn: Qt's glyph cache then shifts the
    // antialiasing of later text by a shade, clips or not.)
    VideoContent laterClip = content;
    laterClip.clips.insert(1, m_greenClip);
    Compositor partly(laterClip, FrameGeometry::forAspect(QStringLiteral("9:16")));
    QCOMPARE(partly.renderFrame(frame), plain);
    // The end card covers the clip in its last seconds.
    const int endFrame = int((clipped.endCardStartMs() + 600) * 30 / 1000);
    QVERIFY(!near(clipped.renderFrame(endFrame).pixelColor(open), kClipGreen, 60));
}

void TestRunway::keyframeHasNoCaptions() {
    Script script;
    Narration narration;
    testScript(1, &script, &narration);
    VideoContent content;
    content.script = script;
    content.title = QStringLiteral("Honeybees count to four");
    content.words = narration.words;
    content.sceneStartMs = narration.sceneStartMs;
    content.durationMs = 5000;
    Compositor compositor(content, FrameGeometry::forAspect(QStringLiteral("9:16")));
    const QImage keyframe = compositor.renderKeyframe(0);
    const QImage frame = compositor.renderFrame(27); // 0.9 s: counted up, a caption showing
    const QRect captions = compositor.geometry().captions;
    QCOMPARE(brightPixels(keyframe, captions), 0);
    QVERIFY(brightPixels(frame, captions) > 200);
    // Above the captions the keyframe is the scene itself (title, number).
    const QRect title = compositor.titleRect();
    QVERIFY(brightPixels(keyframe, title) > 200);
    QCOMPARE(brightPixels(keyframe, title), brightPixels(frame, title));
}

void TestRunway::renderInputReadsClipEntries() {
    QTemporaryDir dir;
    Script script;
    Narration narration;
    testScript(3, &script, &narration); // the end card covers the last scene: check the middle one
    narration.sampleRate = 16000;
    narration.pcm = QByteArray(16000 * 2 * 9, '\0');
    const auto write = [&dir](const QString& name, const QByteArray& data) {
        QDir().mkpath(QFileInfo(dir.filePath(name)).path());
        QFile file(dir.filePath(name));
        return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
    };
    QVERIFY(write(QStringLiteral("paper.json"), QJsonDocument(testPaper().toJson()).toJson()));
    QVERIFY(write(QStringLiteral("script.json"), QJsonDocument(script.toJson()).toJson()));
    QVERIFY(write(QStringLiteral("words.json"), QJsonDocument(narration.wordsJson()).toJson()));
    QVERIFY(write(QStringLiteral("narration.wav"), narration.toWav()));
    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("scenes"))));
    QVERIFY(QFile::copy(m_greenClip, dir.filePath(QStringLiteral("scenes/clip_1.mp4"))));
    QJsonArray scenes;
    for (int i = 0; i < 3; ++i) {
        QJsonObject entry{{QStringLiteral("index"), i},
                          {QStringLiteral("start_ms"), narration.sceneStartMs[i]},
                          {QStringLiteral("end_ms"), narration.sceneEndMs[i]}};
        if (i == 1)
            entry.insert(QStringLiteral("clip"), QStringLiteral("clip_1.mp4"));
        scenes.append(entry);
    }
    QVERIFY(write(QStringLiteral("scenes/plan.json"),
                  QJsonDocument(QJsonObject{{QStringLiteral("scenes"), scenes}}).toJson()));

    JobSteps job(dir.path(), JobOptions{});
    auto input = job.loadRenderInput();
    QVERIFY2(input.ok(), qPrintable(input.error().message));
    const VideoContent& content = input.value()->content;
    QCOMPARE(content.clips.size(), 1);
    QCOMPARE(content.clips.value(1), dir.filePath(QStringLiteral("scenes/clip_1.mp4")));
    Compositor compositor(content, FrameGeometry::forAspect(QStringLiteral("9:16")));
    const QImage second = compositor.renderFrame(int((2600 + 1000) * 30 / 1000));
    const QPoint open(compositor.geometry().safe.center().x(),
                      compositor.geometry().captions.top() - 120);
    QVERIFY(near(second.pixelColor(open), kClipGreen));
    QVERIFY(!near(compositor.renderFrame(30).pixelColor(open), kClipGreen));
}

QTEST_MAIN(TestRunway)
#include "tst_runway.moc"
