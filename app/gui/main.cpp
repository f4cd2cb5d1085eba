// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include <QApplication>
#include <QThreadPool>

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("hiddenhill"));
    QApplication::setApplicationDisplayName(QStringLiteral("Hidden Hill"));
    QApplication::setOrganizationName(QStringLiteral("hiddenhill"));
    QApplication::setApplicationVersion(QStringLiteral(HH_VERSION));

    // The app owns its worker pool: parsing and rendering never touch the GUI thread.
    QThreadPool pool;
    hh::MainWindow window(&pool);
    window.show();
    const QStringList args = QApplication::arguments();
    if (args.size() > 1)
        window.importFile(args.at(1));
    const int rc = QApplication::exec();
    pool.waitForDone();
    return rc;
}
