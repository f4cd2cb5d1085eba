// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"
#include "jobs/DataLayout.h"
#include "jobs/EventLog.h"
#include "jobs/JobRunner.h"
#include "jobs/JobStore.h"

#include <QApplication>
#include <QDir>
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

    const hh::DataLayout layout(
        QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation));
    const QString stateHome =
        qEnvironmentVariable("XDG_STATE_HOME", QDir::homePath() + QStringLiteral("/.local/state"));
    const QString logDir = QDir(stateHome).filePath(QStringLiteral("hiddenhill"));
    hh::EventLog log(logDir);

    // Until sign-in lands, the app works for the computer account it runs under,
    // the same account the CLI uses by default.
    hh::JobStore store(layout.databasePath());
    qint64 userId = 0;
    if (hh::Error e = layout.ensureRoot(); !e.isError())
        e = store.open();
    const QString userName = qEnvironmentVariable("USER", QStringLiteral("default"));
    auto user = store.userIdByName(userName);
    if (!user && user.error().type == hh::ErrorType::NotFound)
        user = store.createUser(userName, QStringLiteral("!"), userName);
    if (user)
        userId = user.value();

    // The app owns its worker pools: parsing and rendering never touch the GUI thread.
    QThreadPool importPool;
    hh::JobRunner runner(layout, hh::RunnerSettings{}, &log);
    hh::MainWindow window(&importPool, userId > 0 ? &runner : nullptr, userId, nullptr,
                          log.filePath());
    window.show();
    if (userId <= 0) {
        QMessageBox::warning(
            &window, QObject::tr("Hidden Hill"),
            QObject::tr(
                "The video library in %1 cannot be opened; papers can be read but not turned into "
                "videos. Check the disk and its permissions.")
                .arg(layout.root()));
    } else if (const int resumed = runner.resumeInterrupted(userId); resumed > 0) {
        // Jobs left running by a crash continue where they stopped.
        window.statusBar()->showMessage(
            QObject::tr("Resuming %1 interrupted video(s)").arg(resumed), 8000);
    }
    const QStringList args = QApplication::arguments();
    if (args.size() > 1)
        window.importFile(args.at(1));
    const int rc = QApplication::exec();
    importPool.waitForDone();
    return rc;
}
