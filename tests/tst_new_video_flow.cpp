// SPDX-License-Identifier: GPL-3.0-or-later
// The New video workflow of a creator with ten papers this week: several papers
// at once (one job each), Make video never held back by running jobs, each job's
// status under its own paper, Cancel then Continue the same job, encrypted PDFs
// asking for their password, Play always in the built-in player, and a second
// `hiddenhill paper.pdf` handing the paper to the window that is open already.
#include "DropZone.h"
#include "GeneratePanel.h"
#include "IdentifierField.h"
#include "LibraryView.h"
#include "MainWindow.h"
#include "PaperPreview.h"
#include "PdfPasswordPrompt.h"
#include "PlayerWidget.h"
#include "SingleInstance.h"
#include "TestUtil.h"
#include "jobs/EventLog.h"
#include "jobs/JobRunner.h"
#include "jobs/JobStore.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QInputDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocalServer>
#include <QMimeData>
#include <QProcess>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QThreadPool>
#include <QUrl>
#include <algorithm>
#include <cstring>
#include <optional>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace hh;

namespace {

// A data folder with one account, a runner with an event log, and a window.
struct Desk {
    QTemporaryDir dir;
    DataLayout layout{dir.filePath(QStringLiteral("data"))};
    EventLog log{dir.filePath(QStringLiteral("logs"))};
    std::unique_ptr<JobStore> store;
    std::unique_ptr<JobRunner> runner;
    qint64 user = 0;
    QThreadPool pool;
    std::unique_ptr<MainWindow> window;

    Desk() {
        layout.ensureRoot();
        store = std::make_unique<JobStore>(layout.databasePath());
        store->open();
        user = store->createUser(QStringLiteral("ada"), QStringLiteral("!")).value();
        runner = std::make_unique<JobRunner>(layout, RunnerSettings{}, &log);
        window = std::make_unique<MainWindow>(&pool, runner.get(), user);
        // The quickest video the panel offers: jobs here are about flow, not looks.
        GeneratePanel* panel = window->generatePanel();
        panel->findChild<QComboBox*>(QStringLiteral("length"))->setCurrentIndex(0);
        for (auto* combo : panel->findChildren<QComboBox*>()) {
            if (combo->accessibleName() == QLatin1String("Shape"))
                combo->setCurrentIndex(combo->findData(QStringLiteral("1:1")));
        }
        window->show();
    }
    ~Desk() {
        for (const qint64 job : runner->activeJobs(user))
            runner->cancel(user, job);
        runner->waitForDone(120000);
        window.reset();
        pool.waitForDone();
    }
    Q_DISABLE_COPY_MOVE(Desk)

    // A copy of the tiny test paper under its own name (one paper per name).
    QString paper(const QString& name) {
        const QString path = dir.filePath(name);
        QFile::copy(test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml")), path);
        return path;
    }
    bool load(const QString& path) {
        QSignalSpy imported(window.get(), &MainWindow::importFinished);
        window->importFile(path);
        return imported.wait(30000) && imported.first().first().toBool();
    }
    GeneratePanel* panel() const { return window->generatePanel(); }
    int jobCount() const { return int(store->jobs(user).value().size()); }
    // The job's event log lines (JSON objects).
    QList<QJsonObject> events(qint64 jobId) const {
        QList<QJsonObject> found;
        QFile file(log.filePath());
        if (!file.open(QIODevice::ReadOnly))
            return found;
        for (const QByteArray& line : file.readAll().split('\n')) {
            const QJsonObject event = QJsonDocument::fromJson(line).object();
            if (event.value(QLatin1String("job")).toInteger() == jobId)
                found << event;
        }
        return found;
    }
};

// Stands in for the desktop's URL opener: every file:// URL handed to
// QDesktopServices lands here instead of in a system player.
class UrlRecorder final : public QObject {
    Q_OBJECT
public:
    QList<QUrl> opened;
public Q_SLOTS:
    void open(const QUrl& url) { opened << url; }
};

} // namespace

class TestNewVideoFlow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void severalPapersMakeOneJobEach_data();
    void severalPapersMakeOneJobEach();
    void makeVideoStaysEnabledWhileAJobRuns();
    void statusStaysWithItsOwnJob();
    void cancelThenContinueFinishesTheSameJob();
    void encryptedPdfAsksForItsPassword_data();
    void encryptedPdfAsksForItsPassword();
    void encryptedPaperOfSeveralAsksWhenRetried();
    void passwordPromptSaysWhyItAsksAgain();
    void continueUsesThePasswordGivenSince();
    void playOpensTheBuiltInPlayer_data();
    void playOpensTheBuiltInPlayer();
    void singleInstanceNamesDifferByDataFolder();
    void secondStartHandsItsPapersToTheFirst();
    void staleSocketOfACrashedStartIsTakenOver();
    void handedOverPaperOpensInTheWindow();
    void pastedLinesAreCheckedOneByOne_data();
    void pastedLinesAreCheckedOneByOne();
    void runningAppTakesThePaperOfASecondStart();

private:
    UrlRecorder m_urls;
};

void TestNewVideoFlow::initTestCase() {
    qputenv("HH_PLAYER_NO_AUDIO", "1");
    QDesktopServices::setUrlHandler(QStringLiteral("file"), &m_urls, "open");
}

void TestNewVideoFlow::cleanupTestCase() {
    QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
}

void TestNewVideoFlow::severalPapersMakeOneJobEach_data() {
    QTest::addColumn<QString>("how");
    QTest::newRow("dropped") << "drop";
    QTest::newRow("chosen in the file dialog") << "choose";
    QTest::newRow("IDs pasted one a line") << "paste";
}

// Three papers at once: one job each with the choices on screen, a line that says
// so, and a way to My Videos.
void TestNewVideoFlow::severalPapersMakeOneJobEach() {
    QFETCH(QString, how);
    Desk desk;
    const QStringList files{desk.paper(QStringLiteral("a.xml")),
                            desk.paper(QStringLiteral("b.xml")),
                            desk.paper(QStringLiteral("c.xml"))};
    QStringList expected = files;
    if (how == QLatin1String("drop")) {
        QMimeData mime;
        QList<QUrl> urls;
        for (const QString& file : files)
            urls << QUrl::fromLocalFile(file);
        mime.setUrls(urls);
        DropZone* zone = desk.window->dropZone();
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton,
                              Qt::NoModifier);
        QApplication::sendEvent(zone, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(zone, &drop);
        QVERIFY(drop.isAccepted());
    } else if (how == QLatin1String("choose")) {
        desk.window->setFileChooser([&files](QWidget*, const QString&) { return files; });
        desk.window->findChild<QAction*>(QStringLiteral("openPaperAction"))->trigger();
    } else {
        expected = {QStringLiteral("31452104"), QStringLiteral("PMC6398430"),
                    QStringLiteral("10.7717/peerj-cs.118")};
        IdentifierField* field = desk.window->identifierField();
        QGuiApplication::clipboard()->setText(expected.join(QLatin1Char('\n')) + u'\n');
        field->edit()->paste();
        QVERIFY2(field->feedback().contains(QStringLiteral("3 papers")),
                 qPrintable(field->feedback()));
        QDir().mkpath(QStringLiteral("/tmp/guiflow-shots"));
        field->grab().save(QStringLiteral("/tmp/guiflow-shots/three-ids-pasted.png"));
        QTest::mouseClick(field->fetchButton(), Qt::LeftButton);
    }
    GeneratePanel* panel = desk.panel();
    QCOMPARE(panel->papers(), expected);
    QVERIFY(panel->generateButton()->isEnabled());
    QVERIFY(desk.window->preview()->abstractText().contains(QStringLiteral("3 papers")));

    QTest::mouseClick(panel->generateButton(), Qt::LeftButton);
    QCOMPARE(desk.jobCount(), 3);
    QStringList inputs;
    const QList<JobRecord> jobs = desk.store->jobs(desk.user).value();
    for (const JobRecord& job : jobs) {
        const JobOptions options = JobOptions::fromJson(job.options);
        inputs << options.input;
        QCOMPARE(options.durationSeconds, 30); // the choices on screen, for each paper
        QCOMPARE(options.aspect, QStringLiteral("1:1"));
    }
    std::sort(inputs.begin(), inputs.end());
    std::sort(expected.begin(), expected.end());
    QCOMPARE(inputs, expected);
    QVERIFY2(panel->statusText().contains(QStringLiteral("3 videos added to My Videos")),
             qPrintable(panel->statusText()));
    QVERIFY(panel->showVideosButton()->isVisible());
    QVERIFY(panel->generateButton()->isEnabled());
    QTest::mouseClick(panel->showVideosButton(), Qt::LeftButton);
    QCOMPARE(desk.window->currentPage(), MainWindow::Page::Library);
    QDir().mkpath(QStringLiteral("/tmp/guiflow-shots"));
    if (how == QLatin1String("drop")) {
        desk.window->showPage(MainWindow::Page::NewVideo);
        desk.window->grab().save(QStringLiteral("/tmp/guiflow-shots/three-papers-added.png"));
    }
}

// A job running is no reason to wait: the next paper can be made at once.
void TestNewVideoFlow::makeVideoStaysEnabledWhileAJobRuns() {
    Desk desk;
    QVERIFY(!desk.panel()->generateButton()->isEnabled()); // no paper yet
    QVERIFY(desk.load(desk.paper(QStringLiteral("a.xml"))));
    QSignalSpy progress(desk.runner.get(), &JobRunner::progressChanged);
    QTest::mouseClick(desk.panel()->generateButton(), Qt::LeftButton);
    QVERIFY(progress.wait(60000));
    QVERIFY(!desk.runner->activeJobs(desk.user).isEmpty());
    QVERIFY(desk.panel()->generateButton()->isEnabled());
    QTest::mouseClick(desk.panel()->generateButton(), Qt::LeftButton); // a second, same paper
    QCOMPARE(desk.jobCount(), 2);
    QVERIFY(desk.panel()->generateButton()->isEnabled());
}

// Loading another paper while a job runs: that job's progress, Done and Play stay
// with its own paper, and come back when that paper is on screen again.
void TestNewVideoFlow::statusStaysWithItsOwnJob() {
    Desk desk;
    GeneratePanel* panel = desk.panel();
    const QString first = desk.paper(QStringLiteral("first.xml"));
    QVERIFY(desk.load(first));
    QSignalSpy progress(desk.runner.get(), &JobRunner::progressChanged);
    QSignalSpy finished(desk.runner.get(), &JobRunner::jobFinished);
    QTest::mouseClick(panel->generateButton(), Qt::LeftButton);
    const qint64 firstJob = panel->currentJob();
    QVERIFY(firstJob != 0);
    QVERIFY(progress.wait(60000));

    QVERIFY(desk.load(desk.paper(QStringLiteral("second.xml"))));
    QCOMPARE(panel->currentJob(), 0);
    // Whatever the first job says from now on, the second paper's row shows none of it.
    QStringList seenUnderSecond;
    const auto record = [&] { seenUnderSecond << panel->statusText(); };
    connect(desk.runner.get(), &JobRunner::progressChanged, this, record);
    connect(desk.runner.get(), &JobRunner::jobFinished, this, record);
    QVERIFY(finished.wait(180000));
    QCOMPARE(finished.first().at(1).toLongLong(), firstJob);
    record();
    QVERIFY(!seenUnderSecond.isEmpty());
    for (const QString& status : std::as_const(seenUnderSecond)) {
        QVERIFY2(!status.contains(QStringLiteral("Done")), qPrintable(status));
        QVERIFY2(status.startsWith(QStringLiteral("Ready")), qPrintable(status));
    }
    QVERIFY(!panel->playButton()->isVisible());
    QVERIFY(!panel->cancelButton()->isVisible());
    QVERIFY(panel->generateButton()->isEnabled());
    desk.window->grab().save(QStringLiteral("/tmp/guiflow-shots/second-paper-while-first-ran.png"));

    // The first paper again: its own job, done, with Play.
    QVERIFY(desk.load(first));
    QCOMPARE(panel->currentJob(), firstJob);
    QVERIFY2(panel->statusText().startsWith(QStringLiteral("Done: ")),
             qPrintable(panel->statusText()));
    QVERIFY(panel->playButton()->isVisible());
    QCOMPARE(panel->progressValue(), 100);
}

// Cancel, then Continue: the same job carries on from where it stopped; the steps
// done before the cancel are not run again.
void TestNewVideoFlow::cancelThenContinueFinishesTheSameJob() {
    Desk desk;
    GeneratePanel* panel = desk.panel();
    QVERIFY(desk.load(desk.paper(QStringLiteral("a.xml"))));
    QSignalSpy failed(desk.runner.get(), &JobRunner::jobFailed);
    QSignalSpy finished(desk.runner.get(), &JobRunner::jobFinished);
    // Cancelled as soon as the script is written and the voice is being recorded.
    bool cancelled = false;
    connect(desk.runner.get(), &JobRunner::progressChanged, this,
            [&](qint64, qint64, const QString& step) {
                if (!cancelled && step == QLatin1String("generate-audio")) {
                    cancelled = true;
                    QTest::mouseClick(panel->cancelButton(), Qt::LeftButton);
                }
            });
    QTest::mouseClick(panel->generateButton(), Qt::LeftButton);
    const qint64 job = panel->currentJob();
    QVERIFY(failed.wait(120000));
    QCOMPARE(failed.first().at(1).toLongLong(), job);
    QCOMPARE(failed.first().at(2).toString(), QStringLiteral("cancelled"));
    QVERIFY(panel->continueButton()->isVisible());
    QVERIFY(!panel->cancelButton()->isVisible());
    QVERIFY2(panel->statusText().contains(QStringLiteral("Continue")),
             qPrintable(panel->statusText()));
    desk.window->grab().save(QStringLiteral("/tmp/guiflow-shots/cancelled-offers-continue.png"));

    QTRY_VERIFY_WITH_TIMEOUT(!desk.runner->isActive(job), 30000);
    QTest::mouseClick(panel->continueButton(), Qt::LeftButton);
    QVERIFY(!panel->continueButton()->isVisible());
    QVERIFY(finished.wait(180000));
    QCOMPARE(finished.first().at(1).toLongLong(), job);
    QCOMPARE(desk.jobCount(), 1); // the same job, not a new one
    QCOMPARE(desk.store->job(desk.user, job).value().status, QStringLiteral("completed"));
    QTRY_VERIFY(panel->statusText().startsWith(QStringLiteral("Done: ")));

    QStringList starts;
    int papersRead = 0;
    int scriptsWritten = 0;
    for (const QJsonObject& event : desk.events(job)) {
        const QString message = event.value(QLatin1String("message")).toString();
        if (message.startsWith(QLatin1String("started at ")))
            starts << event.value(QLatin1String("step")).toString();
        papersRead += message == QLatin1String("fetch-paper done");
        scriptsWritten += message == QLatin1String("generate-script done");
    }
    QCOMPARE(starts.size(), 2);
    QCOMPARE(starts.first(), QStringLiteral("fetch-paper"));
    QVERIFY2(starts.last() != QLatin1String("fetch-paper") &&
                 starts.last() != QLatin1String("generate-script"),
             qPrintable(starts.last()));
    QCOMPARE(papersRead, 1);
    QCOMPARE(scriptsWritten, 1);
}

void TestNewVideoFlow::encryptedPdfAsksForItsPassword_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("answers"); // one per question; none left: Cancel
    QTest::addColumn<int>("questions");
    QTest::addColumn<bool>("opens");
    const QString rc4 = QStringLiteral("pdf_problem/pdfminer_rc4-40_userpw-baz_ownerpw-foo.pdf");
    const QString writer =
        QStringLiteral("pdf_problem/sample-files_libreoffice-writer_userpw-openpassword.pdf");
    QTest::newRow("right at once") << rc4 << QStringList{"baz"} << 1 << true;
    QTest::newRow("owner password") << rc4 << QStringList{"foo"} << 1 << true;
    QTest::newRow("wrong, then right")
        << writer << QStringList{"nope", "openpassword"} << 2 << true;
    QTest::newRow("wrong, then cancelled") << rc4 << QStringList{"nope"} << 2 << false;
    QTest::newRow("cancelled") << rc4 << QStringList{} << 1 << false;
}

// An encrypted PDF asks for its password; a wrong one asks again and says so; the
// right one reads the paper, and its job gets the password too (from memory only).
void TestNewVideoFlow::encryptedPdfAsksForItsPassword() {
    QFETCH(QString, file);
    QFETCH(QStringList, answers);
    QFETCH(int, questions);
    QFETCH(bool, opens);
    const QString path = test::corpusPath(file);
    if (!QFileInfo::exists(path))
        QSKIP("the shared corpus is not here (HH_CORPUS_DIR)");
    Desk desk;
    QStringList problems;
    desk.window->setPasswordAsker(
        [&](QWidget*, const QString& name, const QString& problem) -> std::optional<QString> {
            [&] { QCOMPARE(name, QFileInfo(path).fileName()); }();
            problems << problem;
            if (answers.isEmpty())
                return std::nullopt;
            return answers.takeFirst();
        });
    QSignalSpy imported(desk.window.get(), &MainWindow::importFinished);
    desk.window->importFile(path);
    QVERIFY(imported.wait(30000));
    QCOMPARE(problems.size(), questions);
    QVERIFY(problems.first().isEmpty()); // the first time, nothing went wrong yet
    for (int i = 1; i < problems.size(); ++i)
        QVERIFY2(problems.at(i).contains(QStringLiteral("did not open")),
                 qPrintable(problems.at(i)));
    QCOMPARE(imported.first().first().toBool(), opens);
    QCOMPARE(desk.panel()->generateButton()->isEnabled(), opens);
    if (!opens) {
        QVERIFY(desk.window->preview()->abstractText().contains(QStringLiteral("password")));
        return;
    }
    // The job reads the paper with the same password: it gets past the lock.
    QSignalSpy progress(desk.runner.get(), &JobRunner::progressChanged);
    QSignalSpy failed(desk.runner.get(), &JobRunner::jobFailed);
    QTest::mouseClick(desk.panel()->generateButton(), Qt::LeftButton);
    const qint64 job = desk.panel()->currentJob();
    const auto paperRead = [&desk, job] {
        const QList<QJsonObject> events = desk.events(job);
        return std::any_of(events.cbegin(), events.cend(), [](const QJsonObject& event) {
            return event.value(QLatin1String("message")) == QLatin1String("fetch-paper done");
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(paperRead() || !failed.isEmpty(), 60000);
    for (const QList<QVariant>& failure : std::as_const(failed))
        QVERIFY2(failure.at(2).toString() != QLatin1String("encrypted"),
                 qPrintable(failure.at(3).toString()));
    // The password stays in memory: the job's row keeps no copy.
    QVERIFY(!desk.store->job(desk.user, job).value().options.contains(QLatin1String("password")));
}

// Several papers are not read before their jobs, so an encrypted one among them stops
// at its lock; Retry in My Videos asks for the password and carries on with it.
void TestNewVideoFlow::encryptedPaperOfSeveralAsksWhenRetried() {
    const QString locked =
        test::corpusPath(QStringLiteral("pdf_problem/pdfminer_rc4-40_userpw-baz_ownerpw-foo.pdf"));
    if (!QFileInfo::exists(locked))
        QSKIP("the shared corpus is not here (HH_CORPUS_DIR)");
    Desk desk;
    int asked = 0;
    desk.window->setPasswordAsker([&asked](QWidget*, const QString&, const QString&) {
        ++asked;
        return std::optional<QString>(QStringLiteral("baz"));
    });
    QSignalSpy failed(desk.runner.get(), &JobRunner::jobFailed);
    desk.window->loadPapers({locked, desk.paper(QStringLiteral("a.xml"))});
    QTest::mouseClick(desk.panel()->generateButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 60000);
    const qint64 job = failed.first().at(1).toLongLong();
    QCOMPARE(failed.first().at(2).toString(), QStringLiteral("encrypted"));
    QCOMPARE(asked, 0);
    QTRY_VERIFY_WITH_TIMEOUT(!desk.runner->isActive(job), 30000);
    failed.clear();
    desk.window->retryJob(job);
    QCOMPARE(asked, 1);
    const auto paperRead = [&desk, job] {
        const QList<QJsonObject> events = desk.events(job);
        return std::any_of(events.cbegin(), events.cend(), [](const QJsonObject& event) {
            return event.value(QLatin1String("message")) == QLatin1String("fetch-paper done");
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(paperRead() || !failed.isEmpty(), 60000);
    for (const QList<QVariant>& failure : std::as_const(failed))
        QVERIFY2(failure.at(2).toString() != QLatin1String("encrypted"),
                 qPrintable(failure.at(3).toString()));
}

// The real prompt: the password is hidden as it is typed, and after a wrong one the
// dialog says so first.
void TestNewVideoFlow::passwordPromptSaysWhyItAsksAgain() {
    const QString name = QStringLiteral("locked.pdf");
    const auto first = PdfPasswordPrompt::makeDialog(nullptr, name, {});
    QVERIFY(first->labelText().contains(name));
    QCOMPARE(first->textEchoMode(), QLineEdit::Password);
    const auto again =
        PdfPasswordPrompt::makeDialog(nullptr, name, PdfPasswordPrompt::wrongPasswordMessage(name));
    QVERIFY(again->labelText().startsWith(QStringLiteral("That password did not open locked.pdf")));
    again->show();
    again->grab().save(QStringLiteral("/tmp/guiflow-shots/password-asked-again.png"));
}

// An encrypted paper of several stopped at its lock; opened alone since (with its
// password), its job is on screen with Continue, which carries on with that password
// without asking again.
void TestNewVideoFlow::continueUsesThePasswordGivenSince() {
    const QString locked =
        test::corpusPath(QStringLiteral("pdf_problem/pdfminer_rc4-40_userpw-baz_ownerpw-foo.pdf"));
    if (!QFileInfo::exists(locked))
        QSKIP("the shared corpus is not here (HH_CORPUS_DIR)");
    Desk desk;
    int asked = 0;
    desk.window->setPasswordAsker([&asked](QWidget*, const QString&, const QString&) {
        ++asked;
        return std::optional<QString>(QStringLiteral("baz"));
    });
    QSignalSpy failed(desk.runner.get(), &JobRunner::jobFailed);
    desk.window->loadPapers({locked, desk.paper(QStringLiteral("a.xml"))});
    QTest::mouseClick(desk.panel()->generateButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 60000);
    const qint64 job = failed.first().at(1).toLongLong();
    QCOMPARE(failed.first().at(2).toString(), QStringLiteral("encrypted"));
    QTRY_VERIFY_WITH_TIMEOUT(!desk.runner->isActive(job), 30000);

    QVERIFY(desk.load(locked));
    QCOMPARE(asked, 1); // at the import
    QCOMPARE(desk.panel()->currentJob(), job);
    QVERIFY(desk.panel()->continueButton()->isVisible());
    failed.clear();
    QTest::mouseClick(desk.panel()->continueButton(), Qt::LeftButton);
    QCOMPARE(asked, 1); // the password given at the import, not asked again
    const auto paperRead = [&desk, job] {
        const QList<QJsonObject> events = desk.events(job);
        return std::any_of(events.cbegin(), events.cend(), [](const QJsonObject& event) {
            return event.value(QLatin1String("message")) == QLatin1String("fetch-paper done");
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(paperRead() || !failed.isEmpty(), 60000);
    for (const QList<QVariant>& failure : std::as_const(failed))
        QVERIFY2(failure.at(2).toString() != QLatin1String("encrypted"),
                 qPrintable(failure.at(3).toString()));
}

void TestNewVideoFlow::playOpensTheBuiltInPlayer_data() {
    QTest::addColumn<QString>("place");
    QTest::newRow("New video's Play video") << "panel";
    QTest::newRow("My Videos' Play") << "library";
}

// Play, wherever it is pressed, opens the video in the app's own player (beside
// its sentences), never the desktop's video player.
void TestNewVideoFlow::playOpensTheBuiltInPlayer() {
    QFETCH(QString, place);
    Desk desk;
    m_urls.opened.clear();
    GeneratePanel* panel = desk.panel();
    QVERIFY(desk.load(desk.paper(QStringLiteral("a.xml"))));
    QSignalSpy finished(desk.runner.get(), &JobRunner::jobFinished);
    QTest::mouseClick(panel->generateButton(), Qt::LeftButton);
    const qint64 job = panel->currentJob();
    QVERIFY(finished.wait(180000));
    QTRY_VERIFY(panel->playButton()->isVisible());
    if (place == QLatin1String("panel")) {
        QTest::mouseClick(panel->playButton(), Qt::LeftButton);
    } else {
        desk.window->showPage(MainWindow::Page::Library);
        LibraryView* library = desk.window->library();
        QTRY_VERIFY(library->selectJob(job));
        QTRY_VERIFY(library->action(LibraryView::Action::Play)->isEnabled());
        library->action(LibraryView::Action::Play)->trigger();
    }
    QCOMPARE(desk.window->currentPage(), MainWindow::Page::Player);
    QCOMPARE(QDir(desk.window->player()->jobDir()).dirName(),
             desk.store->job(desk.user, job).value().taskId);
    QVERIFY2(m_urls.opened.isEmpty(), qPrintable(m_urls.opened.value(0).toString()));
}

void TestNewVideoFlow::singleInstanceNamesDifferByDataFolder() {
    const QString a = SingleInstance::serverNameFor(QStringLiteral("/home/ada/videos"));
    QCOMPARE(SingleInstance::serverNameFor(QStringLiteral("/home/ada/videos/")), a);
    QVERIFY(SingleInstance::serverNameFor(QStringLiteral("/home/ada/other")) != a);
    QVERIFY(a.size() < 60); // socket paths are short
}

namespace {
// A later start, on its own thread (it waits for the first start's answer, which
// the first start gives from this thread's event loop).
bool handOverFromAnotherThread(const QString& name, const QStringList& papers) {
    bool result = false;
    std::unique_ptr<QThread> thread(QThread::create([&] {
        SingleInstance later(name);
        result = later.handOver(papers);
    }));
    thread->start();
    // The first start answers from this thread's event loop.
    while (!thread->wait(10))
        QCoreApplication::processEvents();
    return result;
}

QString uniqueName() {
    return SingleInstance::serverNameFor(
        QDir::temp().filePath(QStringLiteral("hh-test-%1-%2")
                                  .arg(QCoreApplication::applicationPid())
                                  .arg(QRandomGenerator::global()->generate64())));
}
} // namespace

void TestNewVideoFlow::secondStartHandsItsPapersToTheFirst() {
    const QString name = uniqueName();
    SingleInstance first(name);
    QCOMPARE(first.start({}), SingleInstance::Role::First);
    QSignalSpy received(&first, &SingleInstance::papersReceived);
    const QStringList papers{QStringLiteral("/papers/a b.pdf"), QStringLiteral("PMC6398430"),
                             QStringLiteral("/papers/ü.docx")};
    QVERIFY(handOverFromAnotherThread(name, papers));
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(received.first().first().toStringList(), papers);
    // No paper: only "come to the front".
    QVERIFY(handOverFromAnotherThread(name, {}));
    QTRY_COMPARE(received.size(), 2);
    QVERIFY(received.last().first().toStringList().isEmpty());
    // With the first start gone, nobody takes papers.
    QVERIFY(!handOverFromAnotherThread(uniqueName(), papers));
}

// A first start that crashed leaves its socket behind; the next start finds nobody
// answering there and becomes the first itself.
void TestNewVideoFlow::staleSocketOfACrashedStartIsTakenOver() {
    const QString name = uniqueName();
    const QByteArray path = QDir::temp().filePath(name).toLocal8Bit();
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    QVERIFY(fd >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    QVERIFY(size_t(path.size()) < sizeof(address.sun_path));
    std::memcpy(address.sun_path, path.constData(), size_t(path.size()));
    QCOMPARE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
    ::close(fd); // bound, never listened, never unlinked: what a crash leaves
    QVERIFY(QFileInfo::exists(QString::fromLocal8Bit(path)));

    SingleInstance next(name);
    QCOMPARE(next.start({QStringLiteral("/papers/a.pdf")}), SingleInstance::Role::First);
    QSignalSpy received(&next, &SingleInstance::papersReceived);
    QVERIFY(handOverFromAnotherThread(name, {QStringLiteral("/papers/b.pdf")}));
    QTRY_COMPARE(received.size(), 1);
}

// The window takes what a later start hands over: the paper opens in New video.
void TestNewVideoFlow::handedOverPaperOpensInTheWindow() {
    Desk desk;
    desk.window->showPage(MainWindow::Page::Library);
    const QString name = uniqueName();
    SingleInstance first(name);
    QCOMPARE(first.start({}), SingleInstance::Role::First);
    connect(&first, &SingleInstance::papersReceived, desk.window.get(),
            &MainWindow::openHandedOver);
    QSignalSpy imported(desk.window.get(), &MainWindow::importFinished);
    const QString paper = desk.paper(QStringLiteral("handed.xml"));
    QVERIFY(handOverFromAnotherThread(name, {paper}));
    QVERIFY(imported.wait(30000));
    QCOMPARE(desk.window->currentPage(), MainWindow::Page::NewVideo);
    QCOMPARE(desk.window->preview()->titleText(), QStringLiteral("Honeybees count to four"));
    QCOMPARE(desk.panel()->papers(), QStringList{paper});
}

void TestNewVideoFlow::pastedLinesAreCheckedOneByOne_data() {
    QTest::addColumn<QString>("pasted");
    QTest::addColumn<int>("papers"); // 0: Fetch stays off
    QTest::addColumn<QString>("feedback");
    QTest::newRow("three IDs") << "31452104\nPMC6398430\n10.7717/peerj-cs.118" << 3 << "3 papers";
    QTest::newRow("blank lines and CRLF") << "\r\n31452104\r\n\r\n  PMC6398430  \r\n"
                                          << 2 << "2 papers";
    QTest::newRow("one of them a typo")
        << "31452104\nbees count\nPMC6398430" << 0 << "Not a PubMed ID, PMCID or DOI: bees count";
    QTest::newRow("one ID on its own line") << "\n31452104\n" << 1 << "PMID 31452104";
}

// Several IDs one a line are several papers; a typo among them holds all back and is named.
void TestNewVideoFlow::pastedLinesAreCheckedOneByOne() {
    QFETCH(QString, pasted);
    QFETCH(int, papers);
    QFETCH(QString, feedback);
    IdentifierField field;
    QSignalSpy many(&field, &IdentifierField::fetchManyRequested);
    QSignalSpy one(&field, &IdentifierField::fetchRequested);
    QGuiApplication::clipboard()->setText(pasted);
    field.edit()->paste();
    QVERIFY2(field.feedback().contains(feedback), qPrintable(field.feedback()));
    QCOMPARE(field.fetchButton()->isEnabled(), papers > 0);
    QTest::keyClick(field.edit(), Qt::Key_Return);
    QCOMPARE(many.size(), papers > 1 ? 1 : 0);
    QCOMPARE(one.size(), papers == 1 ? 1 : 0);
    if (papers > 1)
        QCOMPARE(many.first().first().value<QList<PaperIdentifier>>().size(), papers);
}

// Two real programs: `hiddenhill` waits at sign-in; `hiddenhill paper.xml` hands the
// paper to it and ends at once. After the first is killed (its socket left behind),
// the next start becomes the first.
void TestNewVideoFlow::runningAppTakesThePaperOfASecondStart() {
    QTemporaryDir home;
    QProcessEnvironment env = test::cliEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_STATE_HOME"), home.filePath(QStringLiteral("state")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.path());
    const QString dataFolder = home.filePath(QStringLiteral("data/hiddenhill/hiddenhill"));
    QProcess cli;
    cli.setProcessEnvironment(env);
    cli.start(QStringLiteral(HH_CLI_PATH),
              {QStringLiteral("account"), QStringLiteral("create"), QStringLiteral("ada"),
               QStringLiteral("--no-password"), QStringLiteral("--data-dir"), dataFolder});
    QVERIFY(cli.waitForFinished(60000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());

    const QString logFile = home.filePath(QStringLiteral("state/hiddenhill/hiddenhill.log"));
    const auto logCount = [&logFile](const QString& text) {
        QFile file(logFile);
        return file.open(QIODevice::ReadOnly) ? int(file.readAll().count(text.toUtf8())) : 0;
    };
    const auto startApp = [&env](QProcess& process, const QStringList& args) {
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(HH_GUI_PATH), args);
        return process.waitForStarted(30000);
    };
    const QString paper = home.filePath(QStringLiteral("paper.xml"));
    QVERIFY(QFile::copy(test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml")), paper));

    QProcess first;
    QVERIFY(startApp(first, {}));
    QTRY_COMPARE_WITH_TIMEOUT(logCount(QStringLiteral("listening as")), 1, 60000);
    QProcess second;
    QVERIFY(startApp(second, {paper}));
    QVERIFY(second.waitForFinished(30000));
    QCOMPARE(second.exitStatus(), QProcess::NormalExit);
    QCOMPARE(second.exitCode(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(logCount(QStringLiteral("handed over by another start: ") + paper), 1,
                              30000);
    QCOMPARE(first.state(), QProcess::Running);

    // A crash: the socket stays behind, and the next start takes over.
    first.kill();
    QVERIFY(first.waitForFinished(30000));
    QProcess third;
    QVERIFY(startApp(third, {}));
    QTRY_COMPARE_WITH_TIMEOUT(logCount(QStringLiteral("listening as")), 2, 60000);
    QProcess fourth;
    QVERIFY(startApp(fourth, {paper}));
    QVERIFY(fourth.waitForFinished(30000));
    QCOMPARE(fourth.exitCode(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(logCount(QStringLiteral("handed over by another start: ") + paper), 2,
                              30000);
    QCOMPARE(third.state(), QProcess::Running);
    third.kill();
    QVERIFY(third.waitForFinished(30000));
}

QTEST_MAIN(TestNewVideoFlow)
#include "tst_new_video_flow.moc"
