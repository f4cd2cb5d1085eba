// SPDX-License-Identifier: GPL-3.0-or-later
// Help → Log and the fixes a failed job offers: the log view shows the signed-in
// account's job events live (never another account's), filters by level, video and
// text, copies rows; every error type with a fix maps to the right one, and the
// window carries each fix out (Settings at the provider, the data folder, the PDF,
// the password).
#include "AppSettings.h"
#include "ErrorActions.h"
#include "ErrorFixButton.h"
#include "GeneralSettingsPage.h"
#include "GeneratePanel.h"
#include "JobDetailDialog.h"
#include "KeyStore.h"
#include "LogFeed.h"
#include "LogFilterProxy.h"
#include "LogTableModel.h"
#include "LogView.h"
#include "MainWindow.h"
#include "MemoryKeyStore.h"
#include "ProvidersPage.h"
#include "SettingsDialog.h"
#include "TestUtil.h"
#include "Translations.h"
#include "jobs/EventLog.h"
#include "jobs/EventLogReader.h"
#include "jobs/JobRunner.h"
#include "jobs/JobStore.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QUuid>

using namespace hh;

namespace {

// Screenshots for the report when HH_SHOTS_DIR is set; nothing otherwise.
void keepShot(QWidget* widget, const QString& name) {
    const QString dir = qEnvironmentVariable("HH_SHOTS_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    widget->grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
}

QStringList column(const QAbstractItemModel* model, int column, int role = Qt::DisplayRole) {
    QStringList values;
    for (int row = 0; row < model->rowCount(); ++row)
        values << model->index(row, column).data(role).toString();
    return values;
}

} // namespace

class TestLogView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void errorsMapToTheirFix_data();
    void errorsMapToTheirFix();
    void readerReadsOnlyWhatIsNewAcrossRotations();
    void logViewFollowsThisAccountsJobs_data();
    void logViewFollowsThisAccountsJobs();
    void jobDetailOffersTheFixAndTheWindowCarriesItOut();
};

void TestLogView::errorsMapToTheirFix_data() {
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("step");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("provider"); // -1: none named
    using K = ErrorFix::Kind;
    QTest::newRow("key named in the message")
        << "auth"
        << "generate-videos"
        << "Google Gemini: API key not valid" << int(K::ProviderSettings)
        << int(ProviderId::Gemini);
    QTest::newRow("key of the clips step")
        << "auth"
        << "generate-videos"
        << "HTTP 401" << int(K::ProviderSettings) << int(ProviderId::Runway);
    QTest::newRow("key of the fetch")
        << "auth"
        << "fetch-paper"
        << "refused" << int(K::ProviderSettings) << int(ProviderId::Ncbi);
    QTest::newRow("key, nothing known") << "auth"
                                        << ""
                                        << "refused" << int(K::ProviderSettings) << -1;
    QTest::newRow("quota") << "quota"
                           << "generate-audio"
                           << "limit reached" << int(K::Usage) << -1;
    QTest::newRow("disk full") << "disk_full"
                               << "add-captions"
                               << "no space" << int(K::DataFolder) << -1;
    QTest::newRow("abstract only") << "not_in_pmc"
                                   << "fetch-paper"
                                   << "" << int(K::UsePdf) << -1;
    QTest::newRow("password") << "encrypted"
                              << "fetch-paper"
                              << "" << int(K::Password) << -1;
    QTest::newRow("network: Retry is the fix") << "network"
                                               << "generate-script"
                                               << "timeout" << int(K::None) << -1;
    QTest::newRow("unknown code") << "from_the_future"
                                  << ""
                                  << "" << int(K::None) << -1;
}

void TestLogView::errorsMapToTheirFix() {
    QFETCH(QString, errorType);
    QFETCH(QString, step);
    QFETCH(QString, message);
    QFETCH(int, kind);
    QFETCH(int, provider);
    const ErrorFix fix = ErrorActions::fixFor(errorType, step, message);
    QCOMPARE(int(fix.kind), kind);
    QCOMPARE(fix.hasProvider, provider >= 0);
    if (provider >= 0)
        QCOMPARE(int(fix.provider), provider);
    // A fix always has words on its button; no fix, no button.
    QCOMPARE(ErrorActions::buttonText(fix).isEmpty(), fix.isNone());
    ErrorFixButton button;
    button.showFor(errorType, step, message);
    QCOMPARE(button.isVisibleTo(nullptr), !fix.isNone());
}

void TestLogView::readerReadsOnlyWhatIsNewAcrossRotations() {
    QTemporaryDir dir;
    // Small files: a rotation every few lines.
    EventLog log(dir.path(), EventLogLimits{600, 5});
    EventLogReader reader(log.filePath());
    QVERIFY(reader.readNew().isEmpty()); // no log yet
    QStringList written;
    QStringList read;
    for (int i = 0; i < 40; ++i) {
        const QString message = QStringLiteral("line %1").arg(i);
        QVERIFY(log.info(3, QStringLiteral("generate-audio"), message));
        written << message;
        // Poll now and then, as the view does: rotations fall between polls.
        if (i % 3 == 2) {
            for (const LogEvent& event : reader.readNew())
                read << event.message;
        }
    }
    for (const LogEvent& event : reader.readNew())
        read << event.message;
    QCOMPARE(read, written);

    // Half a line (another process still writing) waits for its end.
    {
        QFile file(log.filePath());
        QVERIFY(file.open(QIODevice::Append));
        file.write(R"({"time":"2026-01-01T10:00:00.000Z","level":"error","job":3,)");
    }
    QVERIFY(reader.readNew().isEmpty());
    {
        QFile file(log.filePath());
        QVERIFY(file.open(QIODevice::Append));
        file.write(R"("step":"add-captions","message":"late","error_type":"io"})"
                   "\n");
    }
    const QList<LogEvent> late = reader.readNew();
    QCOMPARE(late.size(), 1);
    QCOMPARE(late.first().message, QStringLiteral("late"));
    QCOMPARE(late.first().level, LogLevel::Error);
    QCOMPARE(late.first().errorType, QStringLiteral("io"));

    // A new reader (the view opened later) starts with everything kept, oldest first.
    EventLogReader fresh(log.filePath());
    const QList<LogEvent> all = fresh.readNew();
    QVERIFY(!all.isEmpty());
    QCOMPARE(all.last().message, QStringLiteral("late"));
    QCOMPARE(all.at(all.size() - 2).message, QStringLiteral("line 39"));
}

void TestLogView::logViewFollowsThisAccountsJobs_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("errorLevel");
    QTest::newRow("English") << "en"
                             << "Error";
    QTest::newRow("German") << "de"
                            << "Fehler";
}

void TestLogView::logViewFollowsThisAccountsJobs() {
    QFETCH(QString, language);
    QFETCH(QString, errorLevel);
    Translations translations;
    QVERIFY(translations.install(language));
    QTemporaryDir dir;
    const DataLayout layout(dir.filePath(QStringLiteral("data")));
    QVERIFY(!layout.ensureRoot().isError());
    JobStore store(layout.databasePath());
    QVERIFY(!store.open().isError());
    const qint64 ada = store.createUser(QStringLiteral("ada"), QStringLiteral("!")).value();
    const qint64 bob = store.createUser(QStringLiteral("bob"), QStringLiteral("!")).value();
    const qint64 bobsJob =
        store
            .createJob(bob, QStringLiteral("bob.pdf"), QStringLiteral("Bob's secret paper"),
                       QStringLiteral("pdf"), QJsonObject())
            .value();
    EventLog log(layout.logDir());
    log.info(bobsJob, QStringLiteral("fetch-paper"), QStringLiteral("bob reads his paper"));
    JobRunner runner(layout, RunnerSettings{}, &log);
    QThreadPool pool;
    MainWindow window(&pool, &runner, ada, nullptr, log.filePath());
    window.show();

    // Help → Log, opened before the job: its lines arrive while it runs.
    QAction* logAction = window.menuBar()->findChild<QAction*>(QStringLiteral("logAction"));
    QVERIFY(logAction);
    logAction->trigger();
    LogView* view = window.logView();
    QVERIFY(view);
    QVERIFY(view->isVisible());

    JobOptions options;
    options.input = hh::test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml"));
    options.durationSeconds = 30;
    options.aspect = QStringLiteral("1:1");
    QSignalSpy finished(&runner, &JobRunner::jobFinished);
    const qint64 job = runner.submit(ada, options).value();
    QVERIFY(finished.wait(120000));
    log.warning(job, QStringLiteral("generate-script"), QStringLiteral("a sentence was long"));
    log.info(bobsJob, QStringLiteral("add-captions"), QStringLiteral("bob's video is done"));
    log.error(job, QStringLiteral("generate-videos"),
              Error{ErrorType::Auth, QStringLiteral("Runway refused the key (401)")});

    LogTableModel* model = view->model();
    QTRY_VERIFY_WITH_TIMEOUT(column(model, LogTableModel::MessageColumn)
                                 .contains(QStringLiteral("Runway refused the key (401)")),
                             10000);
    // Every step of the job is there, with the paper's title.
    const QStringList steps = column(model, 0, LogTableModel::StepRole);
    for (const char* step :
         {"fetch-paper", "generate-script", "generate-audio", "generate-videos", "add-captions"})
        QVERIFY2(steps.contains(QLatin1String(step)), step);
    QVERIFY(column(model, LogTableModel::JobColumn)
                .contains(QStringLiteral("Honeybees count to four")));
    QVERIFY(column(model, LogTableModel::StepColumn).contains(JobDetailDialog::stepLabel(0)));
    // Bob's lines never appear, nor his paper's title.
    for (const QString& id : column(model, 0, LogTableModel::JobIdRole))
        QCOMPARE(id.toLongLong(), job);
    QVERIFY(
        !column(model, LogTableModel::JobColumn).contains(QStringLiteral("Bob's secret paper")));

    // Errors only.
    LogFilterProxy* proxy = view->proxy();
    view->levelBox()->setCurrentIndex(
        view->levelBox()->findData(int(LogFilterProxy::Levels::Errors)));
    QCOMPARE(proxy->rowCount(), 1);
    QCOMPARE(proxy->index(0, LogTableModel::LevelColumn).data().toString(), errorLevel);
    // Its fix: the Runway key, in Settings → Providers.
    view->table()->selectRow(0);
    QVERIFY(view->fixButton()->isVisibleTo(view));
    QVERIFY2(view->fixButton()->text().contains(QLatin1String("Runway")),
             qPrintable(view->fixButton()->text()));
    keepShot(view, QStringLiteral("logview-errors-") + language);

    // Search narrows; the level filter and the search combine.
    view->levelBox()->setCurrentIndex(0);
    const int all = proxy->rowCount();
    QCOMPARE(all, model->rowCount());
    view->searchField()->setText(QStringLiteral("LONG"));
    QCOMPARE(proxy->rowCount(), 1);
    QCOMPARE(proxy->index(0, LogTableModel::MessageColumn).data().toString(),
             QStringLiteral("a sentence was long"));

    // Copy puts the selected rows on the clipboard, Copy all every row shown.
    view->table()->selectRow(0);
    QTest::mouseClick(view->copyButton(), Qt::LeftButton);
    const QString copied = QApplication::clipboard()->text();
    QVERIFY2(copied.contains(QStringLiteral("Honeybees count to four\t")), qPrintable(copied));
    QVERIFY(copied.endsWith(QStringLiteral("a sentence was long")));
    QCOMPARE(copied.count(QLatin1Char('\n')), 0);
    view->searchField()->clear();
    QTest::mouseClick(view->copyAllButton(), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text().split(QLatin1Char('\n')).size(), all);
    QVERIFY(!QApplication::clipboard()->text().contains(QLatin1String("bob")));

    // One video chosen: only its lines (the box lists this account's videos only).
    QCOMPARE(view->jobBox()->count(), 2); // All videos, the job
    view->jobBox()->setCurrentIndex(1);
    QCOMPARE(proxy->rowCount(), all);
    view->table()->scrollToTop();
    keepShot(view, QStringLiteral("logview-") + language);
}

void TestLogView::jobDetailOffersTheFixAndTheWindowCarriesItOut() {
    QTemporaryDir dir;
    const DataLayout layout(dir.filePath(QStringLiteral("data")));
    QVERIFY(!layout.ensureRoot().isError());
    JobStore store(layout.databasePath());
    QVERIFY(!store.open().isError());
    const qint64 ada = store.createUser(QStringLiteral("ada"), QStringLiteral("!")).value();

    // The detail: the error's title, message and advice, and the fix as a button.
    JobRecord record;
    record.id = 4;
    record.userId = ada;
    record.paperTitle = QStringLiteral("Sea otters use rocks");
    record.status = QStringLiteral("failed");
    record.currentStep = QStringLiteral("fetch-paper");
    record.errorType = QStringLiteral("not_in_pmc");
    record.errorMessage = QStringLiteral("PMC has only the abstract of PMID 123");
    record.userUuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    record.taskId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    JobDetailDialog detail(record, layout, QString());
    detail.show();
    QVERIFY(detail.errorText().contains(QStringLiteral("PMC has only the abstract")));
    QVERIFY(detail.errorText().contains(QStringLiteral("PDF")));
    QVERIFY(detail.fixButton()->isVisible());
    QCOMPARE(detail.fixButton()->text(), QStringLiteral("Use the PDF instead…"));
    keepShot(&detail, QStringLiteral("job-detail-fix-en"));
    QSignalSpy fixed(&detail, &JobDetailDialog::fixRequested);
    QTest::mouseClick(detail.fixButton(), Qt::LeftButton);
    QCOMPARE(fixed.count(), 1);
    QVERIFY(!detail.isVisible()); // closed: the fix opens its own window
    const auto fix = fixed.first().first().value<ErrorFix>();
    QCOMPARE(fix.kind, ErrorFix::Kind::UsePdf);

    // The window carries out each fix.
    JobRunner runner(layout);
    QThreadPool pool;
    MainWindow window(&pool, &runner, ada);
    const auto settings = AppSettings::fromFile(dir.filePath(QStringLiteral("hh.ini")));
    window.setSettings(settings.get());
    hh::test::MemoryKeyStore keys(KeyStore::ownersIn(layout.databasePath()));
    auto secrets = std::make_shared<MemorySecrets>();
    window.setProviders(&keys, secrets, std::make_shared<ProviderHub>(ProviderConfig{}, secrets));
    int chooserCalls = 0;
    window.setFileChooser([&chooserCalls](QWidget*, const QString&) {
        ++chooserCalls;
        return QStringList();
    });
    window.applyFix(fix);
    QCOMPARE(chooserCalls, 1);

    QString shownPage;
    QWidget* focused = nullptr;
    QLineEdit* runwayKey = nullptr;
    bool folderChooserOpened = false;
    window.runSettingsDialog = [&](SettingsDialog& dialog) {
        shownPage = dialog.pageList()->currentItem()->text();
        if (auto* providers = dialog.findChild<ProvidersPage*>())
            runwayKey = providers->keyField(ProviderId::Runway);
        // Where the cursor goes when the dialog is shown.
        focused = dialog.focusWidget();
        dialog.generalPage()->chooseFolder = [&folderChooserOpened](const QString&) {
            folderChooserOpened = true;
            return QString();
        };
        // The queued "Change…" click runs in the dialog's own loop; here, in this one.
        QCoreApplication::processEvents();
        return int(QDialog::Rejected);
    };
    ErrorFix runway;
    runway.kind = ErrorFix::Kind::ProviderSettings;
    runway.provider = ProviderId::Runway;
    runway.hasProvider = true;
    window.applyFix(runway);
    QCOMPARE(shownPage, QStringLiteral("Providers"));
    QVERIFY(runwayKey);
    QCOMPARE(focused, runwayKey);

    // The route My Videos takes: the detail closes, then the window opens Settings.
    shownPage.clear();
    record.errorType = QStringLiteral("auth");
    record.errorMessage = QStringLiteral("Runway: the key was refused (HTTP 401)");
    JobDetailDialog refused(record, layout, QString());
    connect(&refused, &JobDetailDialog::fixRequested, &window, &MainWindow::applyFix,
            Qt::QueuedConnection);
    QCOMPARE(refused.fixButton()->text(), QStringLiteral("Check the Runway key…"));
    QTest::mouseClick(refused.fixButton(), Qt::LeftButton);
    QTRY_COMPARE(shownPage, QStringLiteral("Providers"));
    QCOMPARE(focused, runwayKey);

    window.applyFix(ErrorActions::fixFor(QStringLiteral("disk_full")));
    QCOMPARE(shownPage, QStringLiteral("General"));
    QVERIFY(folderChooserOpened);

    // A locked PDF: New video offers its password under the panel, and asks for it.
    QSignalSpy password(&window, &MainWindow::passwordRequested);
    QSignalSpy imported(&window, &MainWindow::importFinished);
    int asked = 0; // the person closes the prompt: the fix stays under the panel
    window.setPasswordAsker([&asked](QWidget*, const QString&, const QString&) {
        ++asked;
        return std::optional<QString>();
    });
    window.importFile(hh::test::corpusPath(
        QStringLiteral("pdf_problem/pdfminer_rc4-40_userpw-baz_ownerpw-foo.pdf")));
    QVERIFY(imported.wait(30000));
    QCOMPARE(imported.first().first().toBool(), false);
    ErrorFixButton* panelFix = window.generatePanel()->errorFixButton();
    QVERIFY(panelFix->isVisibleTo(&window));
    QCOMPARE(panelFix->fix().kind, ErrorFix::Kind::Password);
    window.showPage(MainWindow::Page::Library);
    QTest::mouseClick(panelFix, Qt::LeftButton);
    QCOMPARE(password.count(), 1);
    QCOMPARE(asked, 2); // once at the import, once from the fix
    QCOMPARE(window.currentPage(), MainWindow::Page::NewVideo);
    // The next paper read clears it.
    window.importFile(hh::test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml")));
    QVERIFY(imported.wait(30000));
    QVERIFY(!panelFix->isVisibleTo(&window));
}

QTEST_MAIN(TestLogView)
#include "tst_logview.moc"
