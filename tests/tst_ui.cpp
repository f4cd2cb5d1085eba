// SPDX-License-Identifier: GPL-3.0-or-later
// The main window: dropping a paper imports it on the pool and shows what was read.
#include "AccountService.h"
#include "AccountWorker.h"
#include "DropZone.h"
#include "GeneratePanel.h"
#include "JobDetailDialog.h"
#include "MainWindow.h"
#include "PaperPreview.h"
#include "ProfileDialog.h"
#include "ScriptReviewDialog.h"
#include "SignInDialog.h"
#include "TestUtil.h"
#include "core/AtomicFile.h"
#include "jobs/JobRunner.h"
#include "jobs/JobSteps.h"
#include "jobs/JobStore.h"
#include "script/Script.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace hh;

class TestUi : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void dropZoneAcceptsPaperFiles_data();
    void dropZoneAcceptsPaperFiles();
    void droppedPaperIsImportedAndShown();
    void failedImportExplainsWhy();
    void makeVideoShowsLiveProgressAndResult();
    void finishedVideoCanBePlayedExportedAndDeleted();
    void detailExplainsWhatToDo_data();
    void detailExplainsWhatToDo();
    void signUpThenSignInWithoutBlockingTheWindow();
    void reviewedScriptIsWhatGetsNarrated();
    void flaggedSceneIsShownUntilReviewed();
    void profileShowsStatisticsAndDeletesTheAccount();
    void sampleIsOneClickAway();
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
    QVERIFY(!panel->generateButton()->isEnabled()); // one job at a time from this panel
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
    QCOMPARE(window.runningCount(), 0); // the sidebar's "running" count went back down
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
    QVERIFY(!QFileInfo::exists(layout.jobDir(user, job)));
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
    QVERIFY(!layout.ensureJobDir(1, 7).isError());
    QFile paper(layout.jobDir(1, 7) + QStringLiteral("/paper.json"));
    QVERIFY(paper.open(QIODevice::WriteOnly));
    paper.write("{}");
    paper.close();
    QFile script(layout.jobDir(1, 7) + QStringLiteral("/script.json"));
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write("{}");
    script.close();
    JobDetailDialog dialog(record, layout, QString());
    QVERIFY(dialog.errorText().contains(QStringLiteral("it went wrong")));
    QVERIFY2(dialog.errorText().contains(advice), qPrintable(dialog.errorText()));
    QCOMPARE(dialog.stepsText().split(QLatin1Char('\n')).size(), 5);
    QVERIFY(dialog.stepsText().startsWith(
        QStringLiteral("✓  fetch-paper\n✓  generate-script\n▸  generate-audio")));
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
    QFile words(layout.jobDir(user, job) + QStringLiteral("/words.json"));
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
        QVERIFY(!layout.ensureJobDir(user, 1).isError());
    }
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
    QVERIFY(!QFileInfo::exists(layout.userDir(user)));
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

QTEST_MAIN(TestUi)
#include "tst_ui.moc"
