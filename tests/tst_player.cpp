// SPDX-License-Identifier: GPL-3.0-or-later
// The player and export: a real short job is rendered once, then read back by
// JobArtifacts, exported, listed scene by scene and played.
#include "CiServices.h"
#include "IconSet.h"
#include "InlineNotice.h"
#include "PlayerWidget.h"
#include "SceneListModel.h"
#include "TestUtil.h"
#include "Theme.h"
#include "jobs/Exporter.h"
#include "jobs/JobArtifacts.h"
#include "jobs/JobSteps.h"
#include "render/VideoProbe.h"

#include <QApplication>
#include <QAudioDevice>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMediaDevices>
#include <QMediaPlayer>
#include <QPainter>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSlider>
#include <QStyle>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QVBoxLayout>
#include <QVideoFrame>
#include <QVideoSink>
#include <QVideoWidget>
#include <optional>

using namespace hh;

namespace {

constexpr int kMediaTimeoutMs = 20000;

void writeJson(const QString& path, const QJsonDocument& doc) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(doc.toJson());
}

QJsonObject wordJson(const QString& text, double start, double end, int scene) {
    return {{QStringLiteral("word"), text},
            {QStringLiteral("start"), start},
            {QStringLiteral("end"), end},
            {QStringLiteral("scene"), scene}};
}

// A hand-made job with known times: scenes start at 0, 4 s and 9 s.
void writeSyntheticJob(const QString& dir) {
    Paper paper;
    paper.title = QStringLiteral("Synthetic paper");
    paper.abstract = {{QStringLiteral("Results"), QStringLiteral("Bees count. Ants do not.")}};
    writeJson(dir + QStringLiteral("/paper.json"), QJsonDocument(paper.toJson()));
    Script script;
    script.title = paper.title;
    const QString firstId = paper.sentences().value(0).id;
    for (int i = 0; i < 3; ++i)
        script.scenes.append({QStringLiteral("point"),
                              QStringLiteral("Scene %1 words").arg(i),
                              QStringLiteral("Headline %1").arg(i),
                              {firstId},
                              QString()});
    writeJson(dir + QStringLiteral("/script.json"), QJsonDocument(script.toJson()));
    const QJsonArray words{wordJson(QStringLiteral("Scene"), 0.2, 0.6, 0),
                           wordJson(QStringLiteral("zero"), 0.7, 1.2, 0),
                           wordJson(QStringLiteral("Scene"), 4.3, 4.8, 1),
                           wordJson(QStringLiteral("one"), 5.0, 5.4, 1),
                           wordJson(QStringLiteral("Scene"), 9.1, 9.5, 2),
                           wordJson(QStringLiteral("two"), 9.6, 10.0, 2)};
    writeJson(dir + QStringLiteral("/words.json"), QJsonDocument(words));
    QJsonArray planScenes;
    for (const int start : {0, 4000, 9000})
        planScenes.append(QJsonObject{{QStringLiteral("start_ms"), start}});
    writeJson(dir + QStringLiteral("/scenes/plan.json"),
              QJsonDocument(QJsonObject{{QStringLiteral("scenes"), planScenes}}));
}

// Whether an image has more than one colour: a blank grab is a single fill.
bool hasContent(const QImage& image) {
    if (image.isNull())
        return false;
    const QImage small = image.scaled(32, 32).convertToFormat(QImage::Format_RGB32);
    const QRgb first = small.pixel(0, 0);
    for (int y = 0; y < small.height(); ++y)
        for (int x = 0; x < small.width(); ++x)
            if (small.pixel(x, y) != first)
                return true;
    return false;
}

} // namespace

class TestPlayer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();

    void artifactsResolveScenesAndSources();
    void sceneAndWordAtAgreeWithWordsJson();
    void artifactsExplainMissingAndBrokenFiles();

    void slugIsSafe_data();
    void slugIsSafe();
    void exporterWritesFiveFilesNamedBySlug();
    void exporterRefusesToOverwriteUnlessAsked();
    void exporterReportsUnwritableFolder();
    void description_data();
    void description();
    void hashtagsStayBetweenThreeAndFive_data();
    void hashtagsStayBetweenThreeAndFive();

    void sceneModelMarksCurrentScene_data();
    void sceneModelMarksCurrentScene();
    void sceneModelHighlightsRealJob();

    void playerShowsErrorForMissingJob();
    void playerOpensJobAndShowsLength();
    void playerKeysSeekPlayAndFullScreen();
    void fullScreenLeavesWhereverTheFocusIs_data();
    void fullScreenLeavesWhereverTheFocusIs();
    void playerDecodesFramesAndScreenshot();
    void playerReportsUndecodableVideo();
    void copyDescriptionFillsClipboard();
    void audioCanBeSwitchedOffByEnvironment();
    void playerPlaysWithSoundWhenADeviceExists();
    void controlsAreOurIconsAndReadOnBothThemes_data();
    void controlsAreOurIconsAndReadOnBothThemes();
    void everyControlIsNamedAndShowsAFocusRing_data();
    void everyControlIsNamedAndShowsAFocusRing();

private:
    bool mediaAvailable(QString* why) const;

    QTemporaryDir m_tmp;
    QString m_jobDir;
    QString m_syntheticDir;
    std::optional<JobArtifacts> m_job;
};

void TestPlayer::initTestCase() {
    QVERIFY(m_tmp.isValid());
    m_jobDir = m_tmp.filePath(QStringLiteral("job"));
    JobOptions options;
    options.input = test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml"));
    options.durationSeconds = 30;
    options.x264Preset = QStringLiteral("ultrafast");
    JobSteps steps(m_jobDir, options);
    const Error error = steps.run({}, nullptr);
    QVERIFY2(!error.isError(), qPrintable(error.code() + QStringLiteral(": ") + error.message));

    auto loaded = JobArtifacts::load(m_jobDir);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
    m_job = std::move(loaded).value();

    m_syntheticDir = m_tmp.filePath(QStringLiteral("synthetic"));
    writeSyntheticJob(m_syntheticDir);
}

void TestPlayer::artifactsResolveScenesAndSources() {
    const JobArtifacts& job = *m_job;
    QCOMPARE(job.paper().title, QStringLiteral("Honeybees count to four"));
    QVERIFY(job.sceneCount() > 0);
    QCOMPARE(job.sceneStartMs().size(), job.sceneCount());
    QVERIFY(std::ranges::is_sorted(job.sceneStartMs()));
    QVERIFY(!job.words().isEmpty());

    // Every cited ID resolves to the paper's own sentence text and place.
    QHash<QString, Sentence> byId;
    for (const Sentence& sentence : job.paper().sentences())
        byId.insert(sentence.id, sentence);
    int cited = 0;
    for (int i = 0; i < job.sceneCount(); ++i) {
        const QList<SourceSentence> sources = job.sources(i);
        QCOMPARE(sources.size(), job.script().scenes[i].sources.size());
        for (const SourceSentence& source : sources) {
            QVERIFY2(byId.contains(source.id), qPrintable(source.id));
            QCOMPARE(source.text, byId.value(source.id).text);
            QCOMPARE(source.where, byId.value(source.id).where);
            ++cited;
        }
    }
    QVERIFY(cited > 0);

    // Scene starts are those of the renderer's plan.
    QFile planFile(job.path(QStringLiteral("scenes/plan.json")));
    QVERIFY(planFile.open(QIODevice::ReadOnly));
    const QJsonArray plan = QJsonDocument::fromJson(planFile.readAll())
                                .object()
                                .value(QLatin1String("scenes"))
                                .toArray();
    QCOMPARE(plan.size(), job.sceneCount());
    for (int i = 0; i < plan.size(); ++i)
        QCOMPARE(job.sceneStartMs()[i],
                 qint64(plan[i].toObject().value(QLatin1String("start_ms")).toDouble()));
}

void TestPlayer::sceneAndWordAtAgreeWithWordsJson() {
    QFile file(m_job->path(QStringLiteral("words.json")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonArray words = QJsonDocument::fromJson(file.readAll()).array();
    QCOMPARE(words.size(), m_job->words().size());
    int checked = 0;
    for (int i = 0; i < words.size(); ++i) {
        const QJsonObject word = words[i].toObject();
        const qint64 start = qRound64(word.value(QLatin1String("start")).toDouble() * 1000);
        const qint64 end = qRound64(word.value(QLatin1String("end")).toDouble() * 1000);
        if (end - start < 2)
            continue; // too short to have a middle
        const qint64 middle = (start + end) / 2;
        QCOMPARE(m_job->wordAt(middle), i);
        QCOMPARE(m_job->sceneAt(middle), word.value(QLatin1String("scene")).toInt());
        QCOMPARE(m_job->words()[i].text, word.value(QLatin1String("word")).toString());
        ++checked;
    }
    QVERIFY(checked > 10);
    // Before the first word and after the last nothing is being spoken.
    QCOMPARE(m_job->wordAt(m_job->words().constFirst().startMs - 1), -1);
    QCOMPARE(m_job->wordAt(m_job->words().constLast().endMs + 1000), -1);
    QCOMPARE(m_job->sceneAt(-1), 0);
    QCOMPARE(m_job->sceneAt(m_job->words().constLast().endMs + 1000), m_job->sceneCount() - 1);
}

void TestPlayer::artifactsExplainMissingAndBrokenFiles() {
    auto missingDir = JobArtifacts::load(m_tmp.filePath(QStringLiteral("nowhere")));
    QVERIFY(!missingDir.ok());
    QCOMPARE(missingDir.error().type, ErrorType::NotFound);

    const QString broken = m_tmp.filePath(QStringLiteral("broken"));
    writeSyntheticJob(broken);
    QFile words(broken + QStringLiteral("/words.json"));
    QVERIFY(words.open(QIODevice::WriteOnly | QIODevice::Truncate));
    words.write("[{\"word\": ");
    words.close();
    auto damaged = JobArtifacts::load(broken);
    QVERIFY(!damaged.ok());
    QVERIFY2(damaged.error().message.contains(QLatin1String("words.json")),
             qPrintable(damaged.error().message));

    QVERIFY(QFile::remove(broken + QStringLiteral("/script.json")));
    auto missing = JobArtifacts::load(broken);
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().type, ErrorType::NotFound);
    QVERIFY(missing.error().message.contains(QLatin1String("script.json")));
}

void TestPlayer::slugIsSafe_data() {
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("slug");
    QTest::newRow("plain") << "Honeybees count to four"
                           << "honeybees-count-to-four";
    QTest::newRow("accents and symbols") << "Éffects of Na⁺/K⁺ on “sleep” — a study"
                                         << "effects-of-na-k-on-sleep-a-study";
    QTest::newRow("path tricks") << "../../etc/passwd; rm -rf ~"
                                 << "etc-passwd-rm-rf";
    QTest::newRow("only symbols") << "∑∂ — ∞"
                                  << "hidden-hill-video";
    QTest::newRow("empty") << ""
                           << "hidden-hill-video";
    QTest::newRow("long, cut at a word")
        << "The extraordinarily long title of a paper about the gut microbiome of honeybees in "
           "winter"
        << "the-extraordinarily-long-title-of-a-paper-about-the-gut";
}

void TestPlayer::slugIsSafe() {
    QFETCH(QString, title);
    QFETCH(QString, slug);
    const QString made = Exporter::slug(title);
    QCOMPARE(made, slug);
    QVERIFY(made.size() <= 60);
    QVERIFY(QRegularExpression(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$")).match(made).hasMatch());
}

void TestPlayer::exporterWritesFiveFilesNamedBySlug() {
    const QString out = m_tmp.filePath(QStringLiteral("export-a"));
    const Exporter exporter(*m_job);
    QCOMPARE(exporter.baseName(), QStringLiteral("honeybees-count-to-four"));
    auto written = exporter.exportTo(out);
    QVERIFY2(written.ok(), qPrintable(written.error().message));
    QStringList names;
    for (const QString& path : written.value())
        names << QFileInfo(path).fileName();
    QCOMPARE(names, (QStringList{"honeybees-count-to-four.mp4", "honeybees-count-to-four.srt",
                                 "honeybees-count-to-four.vtt", "honeybees-count-to-four.png",
                                 "honeybees-count-to-four-script.txt"}));
    QCOMPARE(QDir(out).entryList(QDir::Files).size(), 5); // no temporary files left

    for (const auto& [exported, original] : {std::pair{0, QStringLiteral("final_video.mp4")},
                                             {1, QStringLiteral("captions.srt")},
                                             {2, QStringLiteral("captions.vtt")},
                                             {3, QStringLiteral("thumbnail.png")}}) {
        QFile a(written.value()[exported]);
        QFile b(m_job->path(original));
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QVERIFY2(a.readAll() == b.readAll(), qPrintable(original));
    }
    QFile script(written.value()[4]);
    QVERIFY(script.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(script.readAll());
    QVERIFY(text.contains(m_job->script().scenes.first().narration));
    QVERIFY(text.contains(QLatin1String("Sources:")));
    const SourceSentence source = m_job->sources(0).value(0);
    QVERIFY2(text.contains(source.text), qPrintable(text));
    QVERIFY(text.contains(source.where));
}

void TestPlayer::exporterRefusesToOverwriteUnlessAsked() {
    const QString out = m_tmp.filePath(QStringLiteral("export-b"));
    const Exporter exporter(*m_job);
    QVERIFY(exporter.exportTo(out).ok());
    const QString script = exporter.targetPaths(out).last();
    QFile edited(script);
    QVERIFY(edited.open(QIODevice::WriteOnly | QIODevice::Truncate));
    edited.write("my notes");
    edited.close();

    auto refused = exporter.exportTo(out);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().type, ErrorType::Io);
    QVERIFY(refused.error().message.contains(QLatin1String("already exists")));
    QFile kept(script);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray("my notes"));
    kept.close();

    QVERIFY(exporter.exportTo(out, true).ok());
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QVERIFY(kept.readAll() != QByteArray("my notes"));
}

void TestPlayer::exporterReportsUnwritableFolder() {
    // A regular file where the folder should be: a typed error, not a crash.
    const QString blocker = m_tmp.filePath(QStringLiteral("not-a-folder"));
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    auto result = Exporter(*m_job).exportTo(blocker + QStringLiteral("/inside"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().type, ErrorType::Io);
}

void TestPlayer::description_data() {
    QTest::addColumn<QStringList>("authors");
    QTest::addColumn<QString>("authorLine");
    QTest::newRow("one") << QStringList{"Ada Lovelace"} << "Ada Lovelace";
    QTest::newRow("three") << QStringList{"A One", "B Two", "C Three"} << "A One, B Two, C Three";
    QTest::newRow("four") << QStringList{"A One", "B Two", "C Three", "D Four"}
                          << "A One, B Two, C Three et al.";
}

void TestPlayer::description() {
    QFETCH(QStringList, authors);
    QFETCH(QString, authorLine);
    Paper paper;
    paper.title = QStringLiteral("Honeybees count to four in foraging experiments");
    for (const QString& name : authors)
        paper.authors.append({name, QString()});
    paper.journal = QStringLiteral("Journal of Tests");
    paper.year = 2024;
    paper.doi = QStringLiteral("10.1234/test.1");
    paper.license = QStringLiteral("CC BY 4.0");
    const QString text = Exporter::description(paper);
    const QStringList lines = text.split(QLatin1Char('\n'));
    QCOMPARE(lines.value(0), paper.title);
    QCOMPARE(lines.value(1), authorLine);
    QVERIFY(text.contains(QLatin1String("Journal of Tests, 2024")));
    QVERIFY(text.contains(QLatin1String("https://doi.org/10.1234/test.1")));
    QVERIFY(text.contains(QLatin1String("CC BY 4.0")));
    QVERIFY(!text.contains(QLatin1String("D Four")));
    const QStringList tags = Exporter::hashtags(paper.title);
    QVERIFY(text.contains(tags.join(QLatin1Char(' '))));
    QCOMPARE(tags.last(), QStringLiteral("#science"));
    QVERIFY(tags.contains(QStringLiteral("#honeybees")));
    QVERIFY(tags.size() >= 3 && tags.size() <= 5);
}

void TestPlayer::hashtagsStayBetweenThreeAndFive_data() {
    QTest::addColumn<QString>("title");
    QTest::newRow("empty") << "";
    QTest::newRow("short words") << "On a cat";
    QTest::newRow("one keyword") << "Sleep";
    QTest::newRow("many keywords")
        << "Microbiome composition predicts metabolic resilience across hibernating mammals";
    QTest::newRow("accents") << "Éffets thérapeutiques prolongés";
}

void TestPlayer::hashtagsStayBetweenThreeAndFive() {
    QFETCH(QString, title);
    const QStringList tags = Exporter::hashtags(title);
    QVERIFY2(tags.size() >= 3 && tags.size() <= 5, qPrintable(tags.join(QLatin1Char(' '))));
    QVERIFY(tags.contains(QStringLiteral("#science")));
    QCOMPARE(QSet<QString>(tags.begin(), tags.end()).size(), tags.size());
    for (const QString& tag : tags)
        QVERIFY2(QRegularExpression(QStringLiteral("^#[a-z0-9]+$")).match(tag).hasMatch(),
                 qPrintable(tag));
}

void TestPlayer::sceneModelMarksCurrentScene_data() {
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<int>("scene");
    QTest::newRow("start") << qint64(0) << 0;
    QTest::newRow("before any start") << qint64(-50) << 0;
    QTest::newRow("end of first") << qint64(3999) << 0;
    QTest::newRow("second begins") << qint64(4000) << 1;
    QTest::newRow("between words") << qint64(7000) << 1;
    QTest::newRow("third begins") << qint64(9000) << 2;
    QTest::newRow("after the end") << qint64(60000) << 2;
}

void TestPlayer::sceneModelMarksCurrentScene() {
    QFETCH(qint64, ms);
    QFETCH(int, scene);
    auto loaded = JobArtifacts::load(m_syntheticDir);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
    SceneListModel model;
    model.setArtifacts(std::make_shared<const JobArtifacts>(std::move(loaded).value()));
    QCOMPARE(model.rowCount(), 3);
    model.setPosition(scene == 2 ? 0 : 9500); // start elsewhere so the change is seen
    QSignalSpy changed(&model, &SceneListModel::currentSceneChanged);
    model.setPosition(ms);
    QCOMPARE(model.currentScene(), scene);
    QCOMPARE(changed.count(), 1);
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row);
        QCOMPARE(index.data(SceneListModel::CurrentRole).toBool(), row == scene);
        QCOMPARE(index.data(Qt::FontRole).value<QFont>().bold(), row == scene);
    }
    const QModelIndex current = model.index(scene);
    QCOMPARE(current.data(SceneListModel::HeadlineRole).toString(),
             QStringLiteral("Headline %1").arg(scene));
    QCOMPARE(current.data(SceneListModel::StartMsRole).toLongLong(),
             QList<qint64>({0, 4000, 9000})[scene]);
    QCOMPARE(current.data(SceneListModel::SourcesRole).toStringList(),
             QStringList{QStringLiteral("Abstract \u00b7 Results \u2014 \u201cBees count.\u201d")});
}

void TestPlayer::sceneModelHighlightsRealJob() {
    SceneListModel model;
    model.setArtifacts(std::make_shared<const JobArtifacts>(*m_job));
    QCOMPARE(model.rowCount(), m_job->sceneCount());
    for (int i = 0; i < m_job->sceneCount(); ++i) {
        model.setPosition(m_job->sceneStartMs()[i] + 1);
        QCOMPARE(model.currentScene(), i);
        QVERIFY(model.index(i).data(SceneListModel::CurrentRole).toBool());
        QVERIFY(!model.index(i).data(SceneListModel::NarrationRole).toString().isEmpty());
    }
}

bool TestPlayer::mediaAvailable(QString* why) const {
    QMediaPlayer probe;
    if (!probe.isAvailable()) {
        *why = QStringLiteral("QMediaPlayer::isAvailable() is false: no multimedia backend");
        return false;
    }
    return true;
}

void TestPlayer::playerShowsErrorForMissingJob() {
    PlayerWidget player(nullptr, PlayerWidget::Audio::Off);
    QVERIFY(!player.open(m_tmp.filePath(QStringLiteral("no-such-job"))));
    QVERIFY(player.errorText().contains(QLatin1String("does not exist")));

    // Artifacts readable but the video gone (a job that never finished).
    const QString noVideo = m_tmp.filePath(QStringLiteral("no-video"));
    writeSyntheticJob(noVideo);
    QVERIFY(!player.open(noVideo));
    QVERIFY(player.errorText().contains(QLatin1String("final_video.mp4")));
}

void TestPlayer::playerOpensJobAndShowsLength() {
    QString why;
    if (!mediaAvailable(&why))
        HH_SKIP_UNLESS_CI(why);
    PlayerWidget player(nullptr, PlayerWidget::Audio::Off);
    QVERIFY(player.open(m_jobDir));
    QVERIFY(player.errorText().isEmpty());
    const VideoProbe probe = VideoProbe::probe(m_job->videoPath());
    QVERIFY(probe.ok);
    QTRY_VERIFY_WITH_TIMEOUT(player.mediaPlayer()->duration() > 0, kMediaTimeoutMs);
    QVERIFY(qAbs(player.mediaPlayer()->duration() - probe.durationSeconds * 1000) < 500);
    const QString expected = PlayerWidget::formatTime(player.mediaPlayer()->duration());
    QVERIFY2(player.timeText().endsWith(QStringLiteral(" / ") + expected),
             qPrintable(player.timeText()));
    QVERIFY(player.timeText().startsWith(QLatin1String("0:00 / ")));
    QVERIFY(player.currentSceneText().startsWith(
        QStringLiteral("Scene 1 of %1").arg(m_job->sceneCount())));
    QVERIFY2(player.sourcesText().startsWith(QLatin1String("Source: ")),
             qPrintable(player.sourcesText()));
    QCOMPARE(player.sceneModel()->rowCount(), m_job->sceneCount());
}

void TestPlayer::playerKeysSeekPlayAndFullScreen() {
    QString why;
    if (!mediaAvailable(&why))
        HH_SKIP_UNLESS_CI(why);
    PlayerWidget player(nullptr, PlayerWidget::Audio::Off);
    player.resize(900, 600);
    player.show();
    QVERIFY(QTest::qWaitForWindowExposed(&player));
    QVERIFY(player.open(m_jobDir));
    QMediaPlayer* media = player.mediaPlayer();
    // The tiny paper makes a video of about 8 s: one step in, one back, then past the end.
    QTRY_VERIFY_WITH_TIMEOUT(media->duration() > 6000 && media->isSeekable(), kMediaTimeoutMs);
    QTest::keyClick(&player, Qt::Key_Right);
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(media->position() - 5000) < 600, kMediaTimeoutMs);
    QTest::keyClick(&player, Qt::Key_Left);
    QTRY_VERIFY_WITH_TIMEOUT(media->position() < 600, kMediaTimeoutMs);
    QTest::keyClick(&player, Qt::Key_Right);
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(media->position() - 5000) < 600, kMediaTimeoutMs);
    QTRY_COMPARE(player.timeText(), PlayerWidget::formatTime(media->position()) +
                                        QStringLiteral(" / ") +
                                        PlayerWidget::formatTime(media->duration()));
    // The scene list follows the position.
    QTRY_COMPARE(player.sceneModel()->currentScene(), m_job->sceneAt(media->position()));

    QTest::keyClick(&player, Qt::Key_Space);
    QTRY_COMPARE_WITH_TIMEOUT(media->playbackState(), QMediaPlayer::PlayingState, kMediaTimeoutMs);
    QTest::keyClick(&player, Qt::Key_Space);
    QTRY_COMPARE_WITH_TIMEOUT(media->playbackState(), QMediaPlayer::PausedState, kMediaTimeoutMs);

    QTest::keyClick(&player, Qt::Key_F);
    QVERIFY(player.isFullScreenMode());
    QVERIFY(player.window()->windowState().testFlag(Qt::WindowFullScreen));
    QTest::keyClick(&player, Qt::Key_Escape);
    QVERIFY(!player.isFullScreenMode());
    QVERIFY(!player.window()->windowState().testFlag(Qt::WindowFullScreen));
}

void TestPlayer::fullScreenLeavesWhereverTheFocusIs_data() {
    QTest::addColumn<int>("key");
    QTest::newRow("Esc") << int(Qt::Key_Escape);
    QTest::newRow("F") << int(Qt::Key_F);
}

// Full screen was a trap: after a click elsewhere in the window neither Esc nor F
// left it. Now both do, wherever the focus is, and the window is told to hide its
// chrome (sidebar, menus) while the video fills the screen.
void TestPlayer::fullScreenLeavesWhereverTheFocusIs() {
    QFETCH(int, key);
    QWidget window;
    auto* player = new PlayerWidget(&window, PlayerWidget::Audio::Off);
    auto* other = new QPushButton(QStringLiteral("Elsewhere"), &window);
    auto* layout = new QVBoxLayout(&window);
    layout->addWidget(player, 1);
    layout->addWidget(other);
    window.resize(900, 600);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy chrome(player, &PlayerWidget::fullScreenModeChanged);
    player->setFocus();
    QTest::keyClick(player, Qt::Key_F);
    QVERIFY(player->isFullScreenMode());
    QVERIFY(window.windowState().testFlag(Qt::WindowFullScreen));
    QCOMPARE(chrome.count(), 1);
    QCOMPARE(chrome.last().first().toBool(), true);
    other->setFocus();
    QTest::keyClick(other, Qt::Key(key));
    QVERIFY(!player->isFullScreenMode());
    QVERIFY(!window.windowState().testFlag(Qt::WindowFullScreen));
    QCOMPARE(chrome.count(), 2);
    QCOMPARE(chrome.last().first().toBool(), false);
}

void TestPlayer::playerDecodesFramesAndScreenshot() {
    QString why;
    if (!mediaAvailable(&why))
        HH_SKIP_UNLESS_CI(why);
    PlayerWidget player(nullptr, PlayerWidget::Audio::Off);
    player.resize(1000, 640);
    player.show();
    QVERIFY(QTest::qWaitForWindowExposed(&player));

    QImage frame;
    connect(player.videoSink(), &QVideoSink::videoFrameChanged, &player,
            [&frame](const QVideoFrame& videoFrame) {
                if (videoFrame.isValid())
                    frame = videoFrame.toImage();
            });
    QVERIFY(player.open(m_jobDir));
    QTRY_VERIFY_WITH_TIMEOUT(player.mediaPlayer()->duration() > 0, kMediaTimeoutMs);
    player.mediaPlayer()->setPosition(6000);
    QTest::keyClick(&player, Qt::Key_Space);
    QTRY_VERIFY_WITH_TIMEOUT(hasContent(frame) && player.mediaPlayer()->position() > 6500,
                             kMediaTimeoutMs);
    QTest::keyClick(&player, Qt::Key_Space);
    QTRY_COMPARE(player.mediaPlayer()->playbackState(), QMediaPlayer::PausedState);
    QVERIFY(player.errorText().isEmpty());
    // The frame is the 9:16 render, whether or not the sink scaled it.
    QCOMPARE(frame.width() * 16, frame.height() * 9);
    QTRY_VERIFY(!player.sourcesText().isEmpty());

    // QVideoWidget draws through its own surface, which grab() does not see:
    // paint the decoded frame where the video is.
    QImage shot = player.grab().toImage();
    QVideoWidget* video = player.videoWidget();
    const QRect area(video->mapTo(&player, QPoint(0, 0)), video->size());
    if (!hasContent(shot.copy(area))) {
        QPainter painter(&shot);
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        const QSize fitted = frame.size().scaled(area.size(), Qt::KeepAspectRatio);
        painter.drawImage(
            QRect(area.center() - QPoint(fitted.width() / 2, fitted.height() / 2), fitted), frame);
    }
    const QString path = qEnvironmentVariable("HH_PLAYER_SCREENSHOT",
                                              QDir::temp().filePath(QStringLiteral("player.png")));
    QVERIFY(shot.save(path));
    qInfo("screenshot: %s", qPrintable(path));
}

void TestPlayer::playerReportsUndecodableVideo() {
    QString why;
    if (!mediaAvailable(&why))
        HH_SKIP_UNLESS_CI(why);
    const QString dir = m_tmp.filePath(QStringLiteral("junk-video"));
    writeSyntheticJob(dir);
    QFile video(dir + QStringLiteral("/final_video.mp4"));
    QVERIFY(video.open(QIODevice::WriteOnly));
    video.write(QByteArray(4096, 'x'));
    video.close();
    PlayerWidget player(nullptr, PlayerWidget::Audio::Off);
    QVERIFY(player.open(dir)); // the folder is fine; the decoder finds out
    QTRY_VERIFY_WITH_TIMEOUT(!player.errorText().isEmpty(), kMediaTimeoutMs);
    QVERIFY(player.errorText().contains(QLatin1String("cannot be played")));
}

void TestPlayer::copyDescriptionFillsClipboard() {
    PlayerWidget player(nullptr, PlayerWidget::Audio::Off);
    QVERIFY(player.open(m_jobDir));
    QSignalSpy exportSpy(&player, &PlayerWidget::exportRequested);
    const auto buttons = player.findChildren<QAbstractButton*>();
    for (QAbstractButton* button : buttons) {
        if (button->text() == PlayerWidget::tr("Copy description"))
            button->click();
        else if (button->text() == PlayerWidget::tr("Export\u2026"))
            button->click();
    }
    QCOMPARE(QGuiApplication::clipboard()->text(), Exporter::description(m_job->paper()));
    QVERIFY(QGuiApplication::clipboard()->text().contains(
        QLatin1String("https://doi.org/10.1234/test.1")));
    QCOMPARE(exportSpy.count(), 1);
    QCOMPARE(exportSpy.first().first().toString(), m_job->dir());
}

void TestPlayer::audioCanBeSwitchedOffByEnvironment() {
    qputenv("HH_PLAYER_NO_AUDIO", "1");
    const PlayerWidget player(nullptr, PlayerWidget::Audio::Auto);
    qunsetenv("HH_PLAYER_NO_AUDIO");
    QVERIFY(!player.hasAudioOutput());
    QVERIFY(!PlayerWidget(nullptr, PlayerWidget::Audio::Off).hasAudioOutput());
}

void TestPlayer::playerPlaysWithSoundWhenADeviceExists() {
    QString why;
    if (!mediaAvailable(&why))
        HH_SKIP_UNLESS_CI(why);
    if (QMediaDevices::audioOutputs().isEmpty())
        HH_SKIP_UNLESS_CI(
            QStringLiteral("no sound device (packaging/dev.sh starts a PulseAudio null sink)"));
    PlayerWidget player(nullptr, PlayerWidget::Audio::Auto);
    QVERIFY(player.hasAudioOutput());
    QVERIFY(player.open(m_jobDir));
    QTRY_VERIFY_WITH_TIMEOUT(player.mediaPlayer()->duration() > 0, kMediaTimeoutMs);
    QTest::keyClick(&player, Qt::Key_Space);
    QTRY_VERIFY_WITH_TIMEOUT(player.mediaPlayer()->position() > 1000, kMediaTimeoutMs);
    QVERIFY2(player.errorText().isEmpty(), qPrintable(player.errorText()));
}

namespace {

// Applies a theme for one test and puts the application's look back afterwards.
class ThemeScope {
public:
    explicit ThemeScope(ThemeChoice choice)
        : m_palette(QApplication::palette())
        , m_styleSheet(qApp->styleSheet())
        , m_style(QApplication::style()->name()) {
        m_theme = std::make_unique<Theme>(qApp);
        m_theme->setChoice(choice);
    }
    ~ThemeScope() {
        m_theme.reset();
        qApp->setStyleSheet(m_styleSheet);
        QApplication::setStyle(m_style);
        QApplication::setPalette(m_palette);
    }
    Q_DISABLE_COPY_MOVE(ThemeScope)

private:
    QPalette m_palette;
    QString m_styleSheet;
    QString m_style;
    std::unique_ptr<Theme> m_theme;
};

// The mean lightness (0..255) of the pixels of `image` that differ clearly from its corner
// pixel (the button's background), anti-aliased edges left out: the ink of its icon. -1 when
// there is none.
double inkLightness(const QImage& source, int* inkPixels) {
    const QImage image = source.convertToFormat(QImage::Format_RGB32);
    const int background = image.pixelColor(1, 1).lightness();
    double sum = 0;
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const int lightness = image.pixelColor(x, y).lightness();
            if (qAbs(lightness - background) > 110) {
                sum += lightness;
                ++count;
            }
        }
    }
    *inkPixels = count;
    return count ? sum / count : -1;
}

// How many pixels of `image` are within a small distance of `color`.
int pixelsNear(const QImage& source, const QColor& color) {
    const QImage image = source.convertToFormat(QImage::Format_RGB32);
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (qAbs(c.red() - color.red()) + qAbs(c.green() - color.green()) +
                    qAbs(c.blue() - color.blue()) <
                40)
                ++count;
        }
    }
    return count;
}

} // namespace

void TestPlayer::controlsAreOurIconsAndReadOnBothThemes_data() {
    QTest::addColumn<ThemeChoice>("choice");
    QTest::newRow("dark") << ThemeChoice::Dark;
    QTest::newRow("light") << ThemeChoice::Light;
}

// The style's media icons were drawn for light windows: on the dark theme the play button was
// all but invisible. The controls now carry our icons in the theme's text colour.
void TestPlayer::controlsAreOurIconsAndReadOnBothThemes() {
    QFETCH(ThemeChoice, choice);
    ThemeScope scope(choice);
    const bool dark = choice == ThemeChoice::Dark;
    PlayerWidget player(nullptr, PlayerWidget::Audio::Off);
    QVERIFY(player.open(m_jobDir));
    player.resize(900, 600);
    player.show();
    QVERIFY(QTest::qWaitForWindowExposed(&player));

    const QColor ink = player.palette().color(QPalette::WindowText);
    const QList<QPair<QString, IconSet::Icon>> controls = {
        {QStringLiteral("playPause"), IconSet::Icon::Play},
        {QStringLiteral("fullScreen"), IconSet::Icon::FullScreen},
        {QStringLiteral("export"), IconSet::Icon::Export},
        {QStringLiteral("copyDescription"), IconSet::Icon::Copy},
    };
    for (const auto& [name, icon] : controls) {
        auto* button = player.findChild<QToolButton*>(name);
        QVERIFY2(button, qPrintable(name));
        QVERIFY(button->isEnabled());
        // Our icon: exactly what IconSet draws in the window text colour.
        const QSize side(22, 22);
        QCOMPARE(button->icon().pixmap(side).toImage().convertToFormat(QImage::Format_ARGB32),
                 IconSet::pixmap(icon, side, ink).toImage().convertToFormat(QImage::Format_ARGB32));
    }
    // On screen, the play button's icon is light on the dark theme and dark on the light one.
    auto* play = player.findChild<QToolButton*>(QStringLiteral("playPause"));
    int inkPixels = 0;
    // Grabbed from the player: the flat button has no background of its own.
    const QImage shot =
        player.grab(QRect(play->mapTo(&player, QPoint(0, 0)), play->size())).toImage();
    const double lightness = inkLightness(shot, &inkPixels);
    QVERIFY2(inkPixels > 30, qPrintable(QString::number(inkPixels)));
    if (dark)
        QVERIFY2(lightness > 180, qPrintable(QString::number(lightness)));
    else
        QVERIFY2(lightness < 80, qPrintable(QString::number(lightness)));
}

void TestPlayer::everyControlIsNamedAndShowsAFocusRing_data() {
    controlsAreOurIconsAndReadOnBothThemes_data();
}

// Every control says what it is to a screen reader, is reached with Tab and shows where the
// focus is with a ring that can be seen on the theme.
void TestPlayer::everyControlIsNamedAndShowsAFocusRing() {
    QFETCH(ThemeChoice, choice);
    ThemeScope scope(choice);
    PlayerWidget player(nullptr, PlayerWidget::Audio::Off);
    QVERIFY(player.open(m_jobDir));
    player.resize(900, 600);
    player.show();
    QVERIFY(QTest::qWaitForWindowActive(&player));

    QList<QWidget*> controls;
    for (QAbstractButton* button : player.findChildren<QAbstractButton*>())
        controls << button;
    for (QSlider* slider : player.findChildren<QSlider*>())
        controls << slider;
    QVERIFY(controls.size() >= 7); // play, seek, mute, volume, full screen, export, copy
    for (QWidget* control : controls) {
        if (control->parentWidget() == player.notice())
            continue; // the notice's own buttons, hidden with it
        QVERIFY2(!control->accessibleName().isEmpty(), control->metaObject()->className());
        QVERIFY2(control->focusPolicy() & Qt::TabFocus, qPrintable(control->accessibleName()));
    }

    const QColor ring = Theme::focusColor(player.palette());
    auto* play = player.findChild<QToolButton*>(QStringLiteral("playPause"));
    const auto shot = [&player, play] {
        return player.grab(QRect(play->mapTo(&player, QPoint(0, 0)), play->size())).toImage();
    };
    player.setFocus();
    QCOMPARE(pixelsNear(shot(), ring), 0);
    play->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(play->hasFocus());
    const int ringPixels = pixelsNear(shot(), ring);
    QVERIFY2(ringPixels > 40, qPrintable(QString::number(ringPixels)));
}

QTEST_MAIN(TestPlayer)
#include "tst_player.moc"
