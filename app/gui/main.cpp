// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountDeleter.h"
#include "AccountWorker.h"
#include "AppSettings.h"
#include "CommandLine.h"
#include "JobNotifier.h"
#include "KeyStore.h"
#include "MainWindow.h"
#include "RunwayConcurrencyField.h"
#include "SignInDialog.h"
#include "SingleInstance.h"
#include "Theme.h"
#include "Translations.h"
#include "jobs/DataLayout.h"
#include "jobs/EventLog.h"
#include "jobs/JobRunner.h"
#include "jobs/ProviderSlotTable.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>
#include <QStatusBar>
#include <QThreadPool>
#include <utility>

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("hiddenhill"));
    QApplication::setApplicationDisplayName(QStringLiteral("Hidden Hill"));
    QApplication::setOrganizationName(QStringLiteral("hiddenhill"));
    QApplication::setApplicationVersion(QStringLiteral(HH_VERSION));
    // Lets Wayland compositors and docks match windows to the installed launcher and icon.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.hiddenhill.HiddenHill"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/hiddenhill.svg")));

    // Settings first: the language, the data folder and the number of jobs are read once,
    // at start-up.
    hh::AppSettings settings;
    // The look before the first window (sign-in included) shows; Settings → General changes it
    // while the app runs.
    hh::Theme theme(&app);
    theme.follow(&settings);
    hh::Translations translations;
    translations.install(settings.effectiveLanguage(QLocale::system()));

    QCommandLineParser parser;
    hh::CommandLine::setUp(parser);
    parser.process(app); // --help and --version print and exit here
    const QString paperArgument = hh::CommandLine::paperPath(parser);
    QStringList papersToOpen;
    if (!paperArgument.isEmpty())
        papersToOpen << paperArgument;

    // One running copy per person and data folder: a second `hiddenhill paper.pdf` hands
    // the paper to the window that is open already (no second sign-in) and ends here,
    // before it touches the data folder.
    hh::SingleInstance instance(hh::SingleInstance::serverNameFor(settings.dataFolder()));
    const hh::SingleInstance::Role role = instance.start(papersToOpen);
    if (role == hh::SingleInstance::Role::HandedOver)
        return 0;

    const hh::DataLayout layout(settings.dataFolder());
    const QString stateHome =
        qEnvironmentVariable("XDG_STATE_HOME", QDir::homePath() + QStringLiteral("/.local/state"));
    hh::EventLog log(QDir(stateHome).filePath(QStringLiteral("hiddenhill")));
    if (role == hh::SingleInstance::Role::First)
        log.info(0, QStringLiteral("single-instance"),
                 QStringLiteral("listening as %1").arg(instance.serverName()));
    else
        log.warning(0, QStringLiteral("single-instance"),
                    QStringLiteral("could not listen as %1; later starts open their own window")
                        .arg(instance.serverName()));
    // Papers handed over by later starts: into the open window, which comes to the front;
    // before sign-in they wait for it, as a paper on this start's own command line does.
    QPointer<hh::MainWindow> openWindow;
    QPointer<QWidget> frontWidget;
    QObject::connect(&instance, &hh::SingleInstance::papersReceived, &app,
                     [&](const QStringList& papers) {
                         log.info(0, QStringLiteral("single-instance"),
                                  QStringLiteral("handed over by another start: %1")
                                      .arg(papers.isEmpty() ? QStringLiteral("(no paper)")
                                                            : papers.join(QStringLiteral(", "))));
                         if (openWindow) {
                             openWindow->openHandedOver(papers);
                             return;
                         }
                         papersToOpen << papers; // opened after sign-in
                         if (frontWidget) {
                             frontWidget->raise();
                             frontWidget->activateWindow();
                         }
                     });
    if (hh::Error e = layout.ensureRoot(); e.isError()) {
        QMessageBox::critical(nullptr, QObject::tr("Hidden Hill"), e.message);
        return 1;
    }

    // The app owns its worker threads: parsing, hashing and rendering never touch the GUI thread.
    QThreadPool importPool;
    hh::AccountWorker accounts(layout);
    hh::RunnerSettings runnerSettings;
    runnerSettings.maxConcurrentJobs = settings.maxConcurrentJobs();
    hh::JobRunner runner(layout, runnerSettings, &log);
    hh::TrayNotifier tray;
    // Provider keys live in the OS keychain and, per account, in memory: a job reads
    // its owner's keys, never those of whoever is signed in now. Every key the app
    // learns (from the keychain or typed in Settings) is registered with the log's
    // redactor at once, so no error text can carry it into the log.
    auto accountSecrets = std::make_shared<hh::AccountSecrets>();
    accountSecrets->setObserver([&log](const QString& key) { log.addSecret(key); });
    hh::ProviderConfig providerConfig = hh::ProviderConfig::fromEnvironment();
    if (const QStringList problems = providerConfig.problems(); !problems.isEmpty()) {
        QMessageBox::warning(nullptr, QObject::tr("Hidden Hill"),
                             QObject::tr("Ignoring unsafe provider addresses: %1")
                                 .arg(problems.join(QStringLiteral("; "))));
        providerConfig = hh::ProviderConfig{};
    }
    auto hub = std::make_shared<hh::ProviderHub>(providerConfig, accountSecrets);
    hub->setAccountSecrets(accountSecrets);
    // Provider slots (Runway's tasks at a time) are shared with any CLI running too.
    hub->providerSlots().setSharedTable(
        std::make_shared<hh::ProviderSlotTable>(layout.databasePath()));
    hh::RunwayConcurrencyField::applySaved(*hub);
    runner.setProviderHub(hub);
    // Entries are named by the account's uuid, looked up in the accounts' database.
    hh::KeychainKeyStore keychain(hh::KeyStore::ownersIn(layout.databasePath()));
    // Account deletions a crash (or an unanswered keychain) interrupted are finished
    // first; the account cannot sign in meanwhile, so the dialog need not wait.
    hh::AccountDeleter pendingDeletions(&accounts, &keychain, &runner);
    QObject::connect(&pendingDeletions, &hh::AccountDeleter::pendingFinished, &app,
                     [&log](int, const QString& problem) {
                         if (!problem.isEmpty())
                             log.warning(0, QStringLiteral("accounts"), problem);
                     });
    pendingDeletions.finishPending();
    QStringList args = QApplication::arguments();
    constexpr int kSignOut = 0x5157;
    for (;;) {
        // Several people may share the computer: each signs in and sees only their own videos.
        hh::SignInDialog signIn(&accounts);
        frontWidget = &signIn;
        if (signIn.exec() != QDialog::Accepted)
            break;
        const qint64 userId = signIn.userId();
        hh::MainWindow window(&importPool, &runner, userId, nullptr, log.filePath());
        openWindow = &window;
        window.setAccountWorker(&accounts);
        accountSecrets->setCurrent(userId);
        const auto secrets = accountSecrets->forAccount(userId);
        window.setProviders(&keychain, secrets, hub);
        window.setSettings(&settings);
        // The user's name; Qt adds " — Hidden Hill" (the display name) itself.
        window.setWindowTitle(signIn.userName());
        QObject::connect(&window, &hh::MainWindow::signOutRequested, &app,
                         [] { QApplication::exit(kSignOut); });
        // A finished video while the user is elsewhere: a tray message; clicking it comes back.
        hh::JobNotifier notifier(&runner, userId, &tray, &window);
        QObject::connect(&tray, &hh::TrayNotifier::messageClicked, &window, [&window] {
            window.showPage(hh::MainWindow::Page::Library);
            window.showNormal();
            window.raise();
            window.activateWindow();
        });
        // A passwordless account works as it is; a line above the pages offers a password.
        window.suggestPassword(signIn.signedInWithoutPassword());
        window.show();
        window.offerFirstRunTour(); // a new account's first window: a short guided tour
        // Jobs left running by a crash continue where they stopped, once the keychain
        // has answered: started earlier, a cloud step would find no key and fail.
        QPointer<hh::MainWindow> shown(&window);
        hh::loadAccountKeys(
            keychain, userId, secrets, [&log, &runner, shown, userId](const hh::Error& error) {
                if (error.isError())
                    log.warning(0, QStringLiteral("keys"), error.message);
                const int resumed = runner.resumeInterrupted(userId);
                if (resumed > 0 && shown)
                    shown->statusBar()->showMessage(
                        QObject::tr("Resuming %1 interrupted video(s)").arg(resumed), 8000);
            });
        // `hiddenhill paper.pdf`: the paper waits for the first sign-in, then opens in New video.
        if (!papersToOpen.isEmpty())
            window.loadPapers(std::exchange(papersToOpen, QStringList()));
        if (QApplication::exec() != kSignOut)
            break;
        // Signed out: the keys stay in memory only while the account's jobs finish.
        if (runner.activeJobs(userId).isEmpty())
            accountSecrets->forget(userId);
    }
    importPool.waitForDone();
    return 0;
}
