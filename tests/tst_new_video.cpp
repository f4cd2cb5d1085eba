// SPDX-License-Identifier: GPL-3.0-or-later
// The New video panel as a first-time creator meets it: voices with names and a
// spoken sample, a caption preview in the paper's own words, a status line that
// tells the truth, and a window that fits a 1366×768 laptop screen.
#include "AppSettings.h"
#include "CaptionPreview.h"
#include "Choices.h"
#include "GeneralSettingsPage.h"
#include "GeneratePanel.h"
#include "MainWindow.h"
#include "MusicPicker.h"
#include "PaperPreview.h"
#include "ProviderChoices.h"
#include "TestUtil.h"
#include "VoiceLabels.h"
#include "VoiceSample.h"
#include "jobs/JobRunner.h"
#include "jobs/JobStore.h"
#include "paper/PaperImporter.h"
#include "voice/BuiltinVoice.h"
#include "voice/EspeakVoice.h"
#include "voice/FliteVoice.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QAudioDevice>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QMediaDevices>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

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

// What the playback hook was given, instead of the speakers.
struct HeardSample {
    QString voice;
    qsizetype pcmBytes = 0;
    int sampleRate = 0;
};

Paper importSample() {
    auto paper = importPaperFile(
        hh::test::sourcePath(QStringLiteral("resources/sample/meselson-stahl-1958.xml")));
    return paper ? paper.value() : Paper{};
}

// HH_SHOT_DIR=/tmp/x keeps pictures of what the tests saw, to look at.
void saveShot(QWidget* widget, QString name) {
    const QString shots = qEnvironmentVariable("HH_SHOT_DIR");
    if (shots.isEmpty())
        return;
    QCoreApplication::sendPostedEvents(); // pending layout requests, so the picture is settled
    widget->grab().save(QDir(shots).filePath(name.replace(QLatin1Char(' '), QLatin1Char('-')) +
                                             QStringLiteral(".png")));
}

QString firstAbstractSentence(const Paper& paper) {
    for (const Sentence& sentence : paper.sentences()) {
        if (sentence.id.startsWith(QLatin1String("abs")))
            return sentence.text.simplified();
    }
    return {};
}
} // namespace

class TestNewVideo : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyVoiceShowsANameNotItsCode();
    void everyOfferedVoiceSpeaks_data();
    void everyOfferedVoiceSpeaks();
    void knownVoiceGetsItsHumanLabel_data();
    void knownVoiceGetsItsHumanLabel();
    void settingsOfferTheSameVoicesAsNewVideo();
    void playSampleSpeaksWithTheChosenVoice_data();
    void playSampleSpeaksWithTheChosenVoice();
    void secondClickStopsTheSample();
    void sampleSaysThePapersTitle();
    void sampleFailureIsShownInline();
    void sampleWithoutHookPlaysOrSaysWhyNot();
    void captionPreviewShowsThePapersWords();
    void statusLineSaysWhatIsTrue();
    void everyControlHasANameForAScreenReader();
    void makeVideoStaysOnA1366x768Screen_data();
    void makeVideoStaysOnA1366x768Screen();
};

// The voice list reads as names; the engine's code is only in the tooltip.
void TestNewVideo::everyVoiceShowsANameNotItsCode() {
    QComboBox combo;
    Choices::fillVoices(&combo);
    QVERIFY(combo.count() > 10);
    combo.showPopup();
    saveShot(combo.view(), QStringLiteral("voice-list"));
    combo.hidePopup();
    QVERIFY(combo.itemData(0).toString().isEmpty()); // Automatic
    const QStringList installed = EspeakVoice::availableVoices();
    for (int i = 1; i < combo.count(); ++i) {
        const QString id = combo.itemData(i).toString();
        const QString text = combo.itemText(i);
        QVERIFY2(!id.isEmpty(), qPrintable(text));
        QVERIFY2(text != id, qPrintable(text));
        QVERIFY2(!text.split(QLatin1Char(' ')).contains(id, Qt::CaseInsensitive), qPrintable(text));
        QCOMPARE(combo.itemData(i, Qt::ToolTipRole).toString(), id);
        QVERIFY2(installed.contains(id.section(QLatin1Char('+'), 0, 0)) ||
                     FliteVoice::isFliteVoice(id),
                 qPrintable(id));
    }
}

void TestNewVideo::everyOfferedVoiceSpeaks_data() {
    QTest::addColumn<QString>("voice");
    for (const QString& voice : VoiceLabels::offeredVoices(EspeakVoice::availableVoices()))
        QTest::newRow(qPrintable(voice)) << voice;
}

// Each voice in the list speaks, and a variant ("+f2") is not its base voice again.
void TestNewVideo::everyOfferedVoiceSpeaks() {
    QFETCH(QString, voice);
    const auto speak = [](const QString& id) {
        Script script;
        script.scenes = {
            {QStringLiteral("hook"), QStringLiteral("Bees count to four."), {}, {}, {}}};
        VoiceParams params;
        params.voice = id;
        BuiltinVoice engine;
        return engine.synthesize(script, params, StepControl{});
    };
    const Result<Narration> spoken = speak(voice);
    QVERIFY2(spoken.ok(), qPrintable(spoken.error().message));
    QVERIFY(spoken->durationMs() > 300);
    if (voice.contains(QLatin1Char('+'))) {
        const Result<Narration> base = speak(voice.section(QLatin1Char('+'), 0, 0));
        QVERIFY(base.ok());
        QVERIFY(spoken->pcm != base->pcm);
    }
}

void TestNewVideo::knownVoiceGetsItsHumanLabel_data() {
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("label");
    QTest::newRow("UK") << "en-gb" << QStringLiteral("English (UK) — male, calm");
    QTest::newRow("US") << "en-us" << QStringLiteral("English (US) — male, neutral");
    QTest::newRow("Caribbean") << "en-029" << QStringLiteral("English (Caribbean) — male");
    QTest::newRow("West Midlands")
        << "en-gb-x-gbcwmd" << QStringLiteral("English (West Midlands) — male");
    QTest::newRow("German") << "de" << QStringLiteral("Deutsch — male");
    QTest::newRow("Belgian French") << "fr-be" << QStringLiteral("Français (Belgique) — male");
    QTest::newRow("Ukrainian") << "uk" << QStringLiteral("Українська — male");
    QTest::newRow("female variant") << "en-us+f2" << QStringLiteral("English (US) — female");
    QTest::newRow("whisper variant") << "de+whisper" << QStringLiteral("Deutsch — whispering");
    // Not in the table: the language's own name, never the bare code.
    QTest::newRow("Dutch, generic") << "nl" << QStringLiteral("Nederlands");
    QTest::newRow("Brazilian, generic") << "pt-br" << QStringLiteral("Português (Brasil)");
    QTest::newRow("unknown") << "zz-nosuch" << QStringLiteral("Voice “zz-nosuch”");
    QTest::newRow("Flite slt") << "flite-slt"
                               << QStringLiteral("English (US) — female, smooth (Flite)");
}

void TestNewVideo::knownVoiceGetsItsHumanLabel() {
    QFETCH(QString, id);
    QFETCH(QString, label);
    QCOMPARE(VoiceLabels::label(id), label);
}

// Settings → General and New video share the list, so a default set in one is
// an item of the other, shown the same way.
void TestNewVideo::settingsOfferTheSameVoicesAsNewVideo() {
    Account account;
    JobRunner runner(account.layout);
    GeneratePanel panel(&runner, account.user);
    const auto settings = AppSettings::fromFile(account.dir.filePath(QStringLiteral("hh.ini")));
    settings->setDefaultVoice(QStringLiteral("en-gb-x-rp"));
    GeneralSettingsPage page(settings.get());
    QComboBox* a = panel.voiceCombo();
    QComboBox* b = page.voiceBox();
    QCOMPARE(b->currentData().toString(), QStringLiteral("en-gb-x-rp"));
    panel.setSettings(settings.get());
    QCOMPARE(a->currentText(), b->currentText());
    QCOMPARE(a->count(), b->count());
    for (int i = 0; i < a->count(); ++i) {
        QCOMPARE(a->itemText(i), b->itemText(i));
        QCOMPARE(a->itemData(i), b->itemData(i));
    }
}

void TestNewVideo::playSampleSpeaksWithTheChosenVoice_data() {
    QTest::addColumn<QString>("voice");
    QTest::newRow("English (UK)") << "en-gb";
    QTest::newRow("Deutsch") << "de";
    QTest::newRow("female variant") << "en-us+f2";
    QTest::newRow("automatic") << "";
}

// The button speaks a sentence with the voice in the combo, off the GUI thread,
// and offers Stop while it does.
void TestNewVideo::playSampleSpeaksWithTheChosenVoice() {
    QFETCH(QString, voice);
    Account account;
    JobRunner runner(account.layout);
    GeneratePanel panel(&runner, account.user);
    panel.resize(1180, 260); // about what a 1366-wide window gives it
    panel.show();
    QList<HeardSample> heard;
    panel.voiceSample()->setPlaybackHook([&heard](const Narration& sample, const QString& id) {
        heard.append({id, sample.pcm.size(), sample.sampleRate});
        return QString();
    });
    QVERIFY(Choices::select(panel.voiceCombo(), voice));
    QSignalSpy synthesised(panel.voiceSample(), &VoiceSample::synthesised);
    QCOMPARE(panel.sampleButton()->text(), QStringLiteral("Play sample"));
    QTest::mouseClick(panel.sampleButton(), Qt::LeftButton);
    QCOMPARE(panel.sampleButton()->text(), QStringLiteral("Stop")); // synthesis is not instant
    QVERIFY(synthesised.wait(20000));
    QCOMPARE(heard.size(), 1);
    QCOMPARE(heard.first().voice, voice);
    QVERIFY(heard.first().pcmBytes > 0);
    QVERIFY(heard.first().sampleRate > 0);
    QVERIFY(synthesised.first().at(1).toLongLong() > 500); // a sentence, not a click
    QCOMPARE(panel.sampleButton()->text(), QStringLiteral("Play sample"));
    QVERIFY(panel.sampleMessage().isEmpty());
}

// A second click stops the sample: the stopped one is never played, the next one is.
void TestNewVideo::secondClickStopsTheSample() {
    Account account;
    JobRunner runner(account.layout);
    GeneratePanel panel(&runner, account.user);
    panel.resize(1180, 260); // about what a 1366-wide window gives it
    panel.show();
    QStringList played;
    panel.voiceSample()->setPlaybackHook([&played](const Narration&, const QString& id) {
        played << id;
        return QString();
    });
    QVERIFY(Choices::select(panel.voiceCombo(), QStringLiteral("en-gb")));
    QTest::mouseClick(panel.sampleButton(), Qt::LeftButton);
    QVERIFY(panel.voiceSample()->isActive());
    saveShot(&panel, QStringLiteral("panel-sample-playing"));
    QTest::mouseClick(panel.sampleButton(), Qt::LeftButton);
    QVERIFY(!panel.voiceSample()->isActive());
    QCOMPARE(panel.sampleButton()->text(), QStringLiteral("Play sample"));

    // The pool speaks one sample at a time, so the stopped one has ended when this one arrives.
    QVERIFY(Choices::select(panel.voiceCombo(), QStringLiteral("de")));
    QSignalSpy synthesised(panel.voiceSample(), &VoiceSample::synthesised);
    QTest::mouseClick(panel.sampleButton(), Qt::LeftButton);
    QVERIFY(synthesised.wait(20000));
    QCOMPARE(played, QStringList{QStringLiteral("de")});
}

// With a paper loaded the sample speaks its title; without one a fixed sentence.
void TestNewVideo::sampleSaysThePapersTitle() {
    Account account;
    JobRunner runner(account.layout);
    GeneratePanel panel(&runner, account.user);
    const QString fixed = panel.sampleSentence();
    QVERIFY(!fixed.isEmpty());
    const Paper paper = importSample();
    QVERIFY(!paper.title.isEmpty());
    panel.setPaper(QStringLiteral("meselson.xml"), paper);
    QCOMPARE(panel.sampleSentence(), paper.title.simplified());
    panel.setPaper({}, {});
    QCOMPARE(panel.sampleSentence(), fixed);
}

// No sound device (or any playback problem): said under the voice, no dialog.
void TestNewVideo::sampleFailureIsShownInline() {
    Account account;
    JobRunner runner(account.layout);
    GeneratePanel panel(&runner, account.user);
    panel.resize(1180, 260); // about what a 1366-wide window gives it
    panel.show();
    const QString problem = QStringLiteral("No sound output was found on this computer.");
    panel.voiceSample()->setPlaybackHook(
        [problem](const Narration&, const QString&) { return problem; });
    QSignalSpy failed(panel.voiceSample(), &VoiceSample::failed);
    QTest::mouseClick(panel.sampleButton(), Qt::LeftButton);
    QVERIFY(failed.wait(20000));
    QCOMPARE(panel.sampleMessage(), problem);
    saveShot(&panel, QStringLiteral("panel-sample-failed"));
    QVERIFY(!QApplication::activeModalWidget());
    QCOMPARE(panel.sampleButton()->text(), QStringLiteral("Play sample"));
    // Another voice, another try: the old problem goes.
    panel.voiceCombo()->setCurrentIndex(panel.voiceCombo()->count() - 1);
    QVERIFY(panel.sampleMessage().isEmpty());
}

// The real output: a machine with speakers plays the sample until Stop, one without
// (a build server) says so under the voice. Neither opens a dialog or crashes.
void TestNewVideo::sampleWithoutHookPlaysOrSaysWhyNot() {
    Account account;
    JobRunner runner(account.layout);
    GeneratePanel panel(&runner, account.user);
    panel.show();
    QSignalSpy synthesised(panel.voiceSample(), &VoiceSample::synthesised);
    QTest::mouseClick(panel.sampleButton(), Qt::LeftButton);
    QVERIFY(synthesised.wait(20000));
    if (QMediaDevices::defaultAudioOutput().isNull()) {
        QCOMPARE(panel.sampleMessage(),
                 QStringLiteral("No sound output was found on this computer."));
        QCOMPARE(panel.sampleButton()->text(), QStringLiteral("Play sample"));
    } else if (panel.voiceSample()->isActive()) {
        QCOMPARE(panel.sampleButton()->text(), QStringLiteral("Stop"));
        QTest::mouseClick(panel.sampleButton(), Qt::LeftButton);
        QVERIFY(!panel.voiceSample()->isActive());
    }
    QVERIFY(!QApplication::activeModalWidget());
}

// The caption preview shows a few words of the paper, and the sample sentence again
// once the paper is gone.
void TestNewVideo::captionPreviewShowsThePapersWords() {
    Account account;
    JobRunner runner(account.layout);
    GeneratePanel panel(&runner, account.user);
    panel.resize(1180, 260); // about what a 1366-wide window gives it
    panel.show();
    CaptionPreview* preview = panel.captionPreview();
    QTRY_VERIFY_WITH_TIMEOUT(!preview->shownText().isEmpty(), 20000);
    const QString sample = preview->shownText();
    const QImage sampleImage = preview->shownImage();

    const Paper paper = importSample();
    const QString sentence = firstAbstractSentence(paper);
    QVERIFY(!sentence.isEmpty());
    panel.setPaper(QStringLiteral("meselson.xml"), paper);
    QTRY_VERIFY_WITH_TIMEOUT(preview->shownText() != sample, 20000);
    const QString shown = preview->shownText();
    QVERIFY2(sentence.startsWith(shown), qPrintable(shown));
    const qsizetype words = shown.split(QLatin1Char(' ')).size();
    QVERIFY2(words >= 3 && words <= 8, qPrintable(shown)); // what a caption shows at once
    QVERIFY(preview->shownImage() != sampleImage);
    saveShot(&panel, QStringLiteral("panel-with-paper"));

    panel.setPaper({}, {});
    QTRY_COMPARE_WITH_TIMEOUT(preview->shownText(), sample, 20000);
}

// The user just made an account: the panel must not claim none is needed.
void TestNewVideo::statusLineSaysWhatIsTrue() {
    Account account;
    JobRunner runner(account.layout);
    GeneratePanel panel(&runner, account.user);
    panel.setPaper(QStringLiteral("paper.pdf"), importSample());
    QVERIFY2(!panel.statusText().contains(QStringLiteral("account"), Qt::CaseInsensitive),
             qPrintable(panel.statusText()));
    QVERIFY(panel.statusText().contains(QStringLiteral("no cloud key or internet needed")));
}

// Each control a keyboard reaches has a name: its own, its text, or its label's.
void TestNewVideo::everyControlHasANameForAScreenReader() {
    Account account;
    JobRunner runner(account.layout);
    GeneratePanel panel(&runner, account.user);
    panel.setPaper(QStringLiteral("paper.pdf"), importSample());
    panel.show();
    QList<QWidget*> buddies;
    for (QLabel* label : panel.findChildren<QLabel*>()) {
        if (label->buddy())
            buddies << label->buddy();
    }
    int checked = 0;
    for (QWidget* widget : panel.findChildren<QWidget*>()) {
        if (!(widget->focusPolicy() & Qt::TabFocus) || !widget->isVisibleTo(&panel))
            continue;
        const auto* button = qobject_cast<QAbstractButton*>(widget);
        const bool named = !widget->accessibleName().isEmpty() || buddies.contains(widget) ||
                           (button && !button->text().isEmpty());
        QVERIFY2(named, widget->metaObject()->className());
        ++checked;
    }
    QVERIFY(checked >= 8);
    QVERIFY(!panel.sampleButton()->accessibleName().isEmpty());

    // Tab goes down the choices as they read, then right, then to the actions.
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    auto* length = panel.findChild<QComboBox*>(QStringLiteral("length"));
    QVERIFY(length);
    length->setFocus();
    QList<QWidget*> reached{length};
    for (int i = 0; i < 12; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        reached << QApplication::focusWidget();
    }
    const auto at = [&reached](QWidget* widget) { return reached.indexOf(widget); };
    auto* captions = panel.findChild<QComboBox*>(QStringLiteral("captionStyle"));
    QVERIFY(at(panel.voiceCombo()) > 0);
    QCOMPARE(at(panel.sampleButton()), at(panel.voiceCombo()) + 1);
    // Music (its Preview and volume wait for a bed to be chosen), then the captions.
    QCOMPARE(at(panel.musicPicker()->combo()), at(panel.sampleButton()) + 1);
    QCOMPARE(at(captions), at(panel.musicPicker()->combo()) + 1);
    QCOMPARE(at(panel.providerChoices()->scriptCombo()), at(captions) + 1);
    QVERIFY(at(panel.generateButton()) > at(panel.providerChoices()->visualsCombo()));
}

void TestNewVideo::makeVideoStaysOnA1366x768Screen_data() {
    QTest::addColumn<QString>("paper");
    QTest::newRow("eleven figures")
        << hh::test::corpusPath(QStringLiteral("pmc_jats/s2orc-doc2json_PMC5828200.nxml"));
    QTest::newRow("the sample") << hh::test::sourcePath(
        QStringLiteral("resources/sample/meselson-stahl-1958.xml"));
}

// A maximised window on a 1366×768 laptop has about 1366×700 to show: with a paper
// and all its figures loaded, Make video and the job's progress stay inside it.
void TestNewVideo::makeVideoStaysOnA1366x768Screen() {
    QFETCH(QString, paper);
    Account account;
    JobRunner runner(account.layout);
    QThreadPool pool;
    MainWindow window(&pool, &runner, account.user);
    window.resize(1366, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy imported(&window, &MainWindow::importFinished);
    window.importFile(paper);
    QVERIFY(imported.wait(30000));
    QVERIFY(imported.first().first().toBool());
    GeneratePanel* panel = window.generatePanel();
    // The running state's rows too: progress bar and Cancel.
    panel->findChild<QProgressBar*>()->show();
    for (QPushButton* button : panel->findChildren<QPushButton*>()) {
        if (button->text() == QStringLiteral("Cancel"))
            button->show();
    }
    QApplication::processEvents();

    const QSize minimum = window.minimumSizeHint().expandedTo(window.minimumSize());
    QVERIFY2(minimum.width() <= 1366 && minimum.height() <= 700,
             qPrintable(QStringLiteral("%1×%2").arg(minimum.width()).arg(minimum.height())));
    QCOMPARE(window.size(), QSize(1366, 700));
    QList<QWidget*> mustShow{panel->generateButton(), panel->findChild<QProgressBar*>()};
    for (QPushButton* button : panel->findChildren<QPushButton*>()) {
        if (button->text() == QStringLiteral("Cancel"))
            mustShow << button;
    }
    QCOMPARE(mustShow.size(), 3);
    saveShot(&window, QStringLiteral("window-") + QString::fromLatin1(QTest::currentDataTag()));
    for (QWidget* widget : mustShow) {
        QVERIFY(widget->isVisible());
        const QRect inWindow(widget->mapTo(&window, QPoint(0, 0)), widget->size());
        QVERIFY2(window.rect().contains(inWindow),
                 qPrintable(QStringLiteral("%1 at %2,%3 %4×%5")
                                .arg(QString::fromLatin1(widget->metaObject()->className()))
                                .arg(inWindow.x())
                                .arg(inWindow.y())
                                .arg(inWindow.width())
                                .arg(inWindow.height())));
        QVERIFY(widget->height() >= widget->minimumSizeHint().height());
    }
}

QTEST_MAIN(TestNewVideo)
#include "tst_new_video.moc"
