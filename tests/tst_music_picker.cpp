// SPDX-License-Identifier: GPL-3.0-or-later
// New video's Music row: the choice reaches the job, a file is checked before it
// is taken, and the Preview plays the bed ducked under the paper's title.
#include "GeneratePanel.h"
#include "JobDetailDialog.h"
#include "MusicPicker.h"
#include "MusicPreview.h"
#include "audio/Loudness.h"
#include "jobs/JobRunner.h"
#include "jobs/JobStore.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace hh;

namespace {

struct Account {
    QTemporaryDir dir;
    DataLayout layout{dir.filePath(QStringLiteral("data"))};
    std::unique_ptr<JobStore> store;
    qint64 user = 0;
    Account() {
        layout.ensureRoot();
        store = std::make_unique<JobStore>(layout.databasePath());
        store->open();
        user = store->createUser(QStringLiteral("ada"), QStringLiteral("!")).value();
    }
};

// HH_SHOT_DIR=/tmp/soundmix-shots keeps pictures of the row for review.
void saveShot(QWidget* widget, const QString& name) {
    const QString shots = qEnvironmentVariable("HH_SHOT_DIR");
    if (shots.isEmpty())
        return;
    QDir().mkpath(shots);
    QCoreApplication::sendPostedEvents();
    widget->grab().save(QDir(shots).filePath(name + QStringLiteral(".png")));
}

double meanOf(const std::vector<float>& x, double from, double to) {
    double sum = 0;
    const auto a = size_t(from * Soundtrack::kSampleRate);
    const auto b = size_t(to * Soundtrack::kSampleRate);
    for (size_t i = a; i < b; ++i)
        sum += x[i];
    return sum / double(b - a);
}

} // namespace

class TestMusicPicker : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void choiceReachesTheJob_data();
    void choiceReachesTheJob();
    void chosenFileIsCheckedFirst_data();
    void chosenFileIsCheckedFirst();
    void cancelledChoiceKeepsTheBed();
    void previewDucksTheBedUnderTheTitle();
    void jobDetailShowsTheLoudness_data();
    void jobDetailShowsTheLoudness();
};

void TestMusicPicker::choiceReachesTheJob_data() {
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("music");
    QTest::addColumn<int>("volume");
    QTest::newRow("none") << "None"
                          << "" << -12;
    QTest::newRow("calm") << "Calm pads"
                          << "calm" << -20;
    QTest::newRow("pulse") << "Gentle pulse"
                           << "pulse" << -12;
    QTest::newRow("bright") << "Bright arpeggio"
                            << "bright" << -6;
}

void TestMusicPicker::choiceReachesTheJob() {
    QFETCH(QString, label);
    QFETCH(QString, music);
    QFETCH(int, volume);
    Account account;
    JobRunner runner(account.layout);
    GeneratePanel panel(&runner, account.user);
    MusicPicker* picker = panel.musicPicker();
    QCOMPARE(picker->music(), QString()); // None is the default
    QCOMPARE(picker->combo()->currentText(), QStringLiteral("None"));
    QVERIFY(!picker->volumeSlider()->isEnabled());
    QVERIFY(!picker->previewButton()->isEnabled());
    const int index = picker->combo()->findText(label);
    QVERIFY(index >= 0);
    picker->combo()->setCurrentIndex(index);
    picker->volumeSlider()->setValue(volume);
    const JobOptions options = panel.currentOptions();
    QCOMPARE(options.music, music);
    QCOMPARE(options.musicVolumeDb, double(volume));
    QCOMPARE(picker->volumeSlider()->isEnabled(), !music.isEmpty());
    QCOMPARE(picker->previewButton()->isEnabled(), !music.isEmpty());
}

void TestMusicPicker::chosenFileIsCheckedFirst_data() {
    QTest::addColumn<bool>("playable");
    QTest::newRow("FLAC made by ffmpeg") << true;
    QTest::newRow("a text file") << false;
}

// Choose file … runs the (replaced) dialog, checks the file off the GUI thread,
// lists a playable one by its name and refuses the other with the reason.
void TestMusicPicker::chosenFileIsCheckedFirst() {
    QFETCH(bool, playable);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("my song.flac"));
    if (playable) {
        QProcess ffmpeg;
        ffmpeg.start(QStringLiteral("ffmpeg"),
                     {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-f"),
                      QStringLiteral("lavfi"), QStringLiteral("-i"),
                      QStringLiteral("sine=frequency=220:duration=2"), path});
        QVERIFY(ffmpeg.waitForFinished(60000) && ffmpeg.exitCode() == 0);
    } else {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("shopping list: eggs, milk\n");
    }
    MusicPicker picker;
    picker.resize(420, picker.sizeHint().height());
    picker.show();
    picker.combo()->setCurrentIndex(picker.combo()->findData(QStringLiteral("calm")));
    int asked = 0;
    picker.setFileChooser([&](QWidget*) {
        ++asked;
        return path;
    });
    QSignalSpy checked(&picker, &MusicPicker::fileChecked);
    const int choose = picker.combo()->count() - 1;
    picker.combo()->setCurrentIndex(choose);
    Q_EMIT picker.combo()->activated(choose);
    QCOMPARE(asked, 1);
    QVERIFY(checked.wait(10000));
    if (playable) {
        QCOMPARE(picker.music(), path);
        QCOMPARE(picker.combo()->currentText(), QStringLiteral("my song.flac"));
        QVERIFY(picker.message().isEmpty());
        saveShot(&picker, QStringLiteral("music-file-chosen"));
    } else {
        QCOMPARE(picker.music(), QStringLiteral("calm")); // the bed before stays
        QVERIFY2(picker.message().contains(QLatin1String("my song.flac")),
                 qPrintable(picker.message()));
        picker.resize(420, picker.heightForWidth(420)); // the message's lines
        saveShot(&picker, QStringLiteral("music-file-refused"));
    }
}

void TestMusicPicker::cancelledChoiceKeepsTheBed() {
    MusicPicker picker;
    picker.combo()->setCurrentIndex(picker.combo()->findData(QStringLiteral("pulse")));
    Q_EMIT picker.combo()->activated(picker.combo()->currentIndex());
    picker.setFileChooser([](QWidget*) { return QString(); });
    const int choose = picker.combo()->count() - 1;
    picker.combo()->setCurrentIndex(choose);
    Q_EMIT picker.combo()->activated(choose);
    QCOMPARE(picker.music(), QStringLiteral("pulse"));
}

// Preview: 10 s, the bed alone first, then ducked under the spoken title, at the
// video's loudness; the button offers Stop while it is being made.
void TestMusicPicker::previewDucksTheBedUnderTheTitle() {
    Account account;
    JobRunner runner(account.layout);
    GeneratePanel panel(&runner, account.user);
    panel.resize(1180, 300);
    panel.show();
    MusicPicker* picker = panel.musicPicker();
    picker->combo()->setCurrentIndex(picker->combo()->findData(QStringLiteral("pulse")));
    std::vector<float> gain;
    double lufs = 0;
    size_t samples = 0;
    picker->preview()->setPlaybackHook([&](const Soundtrack& preview) {
        gain = preview.duckGain;
        samples = preview.samples.size();
        lufs = preview.loudness.integratedLufs;
        return QString();
    });
    QSignalSpy active(picker->preview(), &MusicPreview::activeChanged);
    QTest::mouseClick(picker->previewButton(), Qt::LeftButton);
    QCOMPARE(picker->previewButton()->text(), QStringLiteral("Stop"));
    saveShot(&panel, QStringLiteral("new-video-music-previewing"));
    QTRY_VERIFY_WITH_TIMEOUT(!picker->preview()->isActive(), 30000);
    QCOMPARE(samples, size_t(MusicPreview::kSeconds * Soundtrack::kSampleRate));
    QVERIFY(std::abs(lufs - -14.0) < 0.5);
    QVERIFY(meanOf(gain, 1.0, 1.9) > 0.95); // before the voice
    QVERIFY2(meanOf(gain, 2.5, 3.5) < 0.35,
             qPrintable(QString::number(meanOf(gain, 2.5, 3.5)))); // under it
    QCOMPARE(picker->previewButton()->text(), QStringLiteral("Preview"));
    saveShot(&panel, QStringLiteral("new-video-music"));
    saveShot(picker, QStringLiteral("music-row"));
}

void TestMusicPicker::jobDetailShowsTheLoudness_data() {
    QTest::addColumn<QByteArray>("soundJson");
    QTest::addColumn<QString>("shown");
    QTest::newRow("built-in bed")
        << QByteArray(R"({"loudness":{"integrated_lufs":-14.02,"true_peak_dbtp":-1.84,)"
                      R"("gain_db":6.31},"music":{"kind":"builtin","name":"pulse"}})")
        << QStringLiteral("Sound: −1"
                          "4.0 LUFS, true peak −1.8 dBTP (gain +6.3 dB); "
                          "music: Gentle pulse");
    QTest::newRow("no music")
        << QByteArray(R"({"loudness":{"integrated_lufs":-13.96,"true_peak_dbtp":-2.5,)"
                      R"("gain_db":-1.0},"music":{"kind":"none"}})")
        << QStringLiteral("Sound: −1"
                          "4.0 LUFS, true peak −2.5 dBTP (gain −1.0 dB)");
    QTest::newRow("older job without sound.json") << QByteArray() << QString();
}

// The job detail says what the platforms will measure, from the job's sound.json.
void TestMusicPicker::jobDetailShowsTheLoudness() {
    QFETCH(QByteArray, soundJson);
    QFETCH(QString, shown);
    QTemporaryDir dir;
    DataLayout layout(dir.path());
    JobRecord record;
    record.id = 4;
    record.userId = 1;
    record.paperTitle = QStringLiteral("Bees count");
    record.status = QStringLiteral("completed");
    record.userUuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    record.taskId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QVERIFY(!layout.ensureJobDir(record.userUuid, record.taskId).isError());
    if (!soundJson.isEmpty()) {
        QFile sound(layout.jobDir(record) + QStringLiteral("/sound.json"));
        QVERIFY(sound.open(QIODevice::WriteOnly));
        sound.write(soundJson);
    }
    JobDetailDialog dialog(record, layout, QString());
    QSignalSpy loaded(&dialog, &JobDetailDialog::filesLoaded);
    QVERIFY(loaded.wait(5000));
    QCOMPARE(dialog.soundText(), shown);
    if (!shown.isEmpty() && record.id == 4)
        saveShot(&dialog, QStringLiteral("job-detail-sound-") +
                              QString::fromLatin1(QTest::currentDataTag())
                                  .replace(QLatin1Char(' '), QLatin1Char('-')));
}

QTEST_MAIN(TestMusicPicker)
#include "tst_music_picker.moc"
