// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountWorker.h"
#include "MainWindow.h"
#include "SignInDialog.h"
#include "jobs/DataLayout.h"
#include "jobs/EventLog.h"
#include "jobs/JobRunner.h"

#include <QApplication>
#include <QDir>
#include <QIcon>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QThreadPool>

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("hiddenhill"));
    QApplication::setApplicationDisplayName(QStringLiteral("Hidden Hill"));
    QApplication::setOrganizationName(QStringLiteral("hiddenhill"));
    QApplication::setApplicationVersion(QStringLiteral(HH_VERSION));
    // Lets Wayland compositors and docks match windows to the installed launcher and icon.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.hiddenhill.HiddenHill"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/hiddenhill.svg")));

    const hh::DataLayout layout(
        QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation));
    const QString stateHome =
        qEnvironmentVariable("XDG_STATE_HOME", QDir::homePath() + QStringLiteral("/.local/state"));
    hh::EventLog log(QDir(stateHome).filePath(QStringLiteral("hiddenhill")));
    if (hh::Error e = layout.ensureRoot(); e.isError()) {
        QMessageBox::critical(nullptr, QObject::tr("Hidden Hill"), e.message);
        return 1;
    }

    // The app owns its worker threads: parsing, hashing and rendering never touch the GUI thread.
    QThreadPool importPool;
    hh::AccountWorker accounts(layout);
    hh::JobRunner runner(layout, hh::RunnerSettings{}, &log);
    QStringList args = QApplication::arguments();
    constexpr int kSignOut = 0x5157;
    for (;;) {
        // Several people may share the computer: each signs in and sees only their own videos.
        hh::SignInDialog signIn(&accounts);
        if (signIn.exec() != QDialog::Accepted)
            break;
        const qint64 userId = signIn.userId();
        hh::MainWindow window(&importPool, &runner, userId, nullptr, log.filePath());
        window.setAccountWorker(&accounts);
        window.setWindowTitle(QObject::tr("Hidden Hill — %1").arg(signIn.userName()));
        QObject::connect(&window, &hh::MainWindow::signOutRequested, &app,
                         [] { QApplication::exit(kSignOut); });
        window.show();
        window.offerFirstRunTour(); // a new account's first window: a short guided tour
        // Jobs left running by a crash continue where they stopped.
        if (const int resumed = runner.resumeInterrupted(userId); resumed > 0)
            window.statusBar()->showMessage(
                QObject::tr("Resuming %1 interrupted video(s)").arg(resumed), 8000);
        if (args.size() > 1)
            window.importFile(args.takeLast());
        if (QApplication::exec() != kSignOut)
            break;
    }
    importPool.waitForDone();
    return 0;
}
