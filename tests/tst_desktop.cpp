// SPDX-License-Identifier: GPL-3.0-or-later
// Desktop-application polish: the first-run tour a new account sees once, and the About
// dialog (version, library licences, where the files are).
#include "AboutDialog.h"
#include "DropZone.h"
#include "FirstRunTour.h"
#include "MainWindow.h"
#include "PaperPreview.h"
#include "StorageIds.h"
#include "jobs/JobRunner.h"
#include "jobs/JobStore.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace hh;

class TestDesktop : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void tourAppearsOnceThenNeverAgain();
    void tourLeadsToTheSampleAndMyVideos();
    void tourIsPerAccount();
    void aboutShowsVersionLicencesAndFolders();
    void helpMenuOffersTourAndAbout();

private:
    qint64 addUser(const QString& name);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<DataLayout> m_layout;
    std::unique_ptr<JobRunner> m_runner;
    QThreadPool m_pool;
};

void TestDesktop::init() {
    qputenv("HH_PLAYER_NO_AUDIO", "1");
    m_dir = std::make_unique<QTemporaryDir>();
    m_layout = std::make_unique<DataLayout>(m_dir->filePath(QStringLiteral("data")));
    QVERIFY(!m_layout->ensureRoot().isError());
    m_runner = std::make_unique<JobRunner>(*m_layout);
}

void TestDesktop::cleanup() {
    m_pool.waitForDone();
    m_runner.reset();
    m_layout.reset();
    m_dir.reset();
}

qint64 TestDesktop::addUser(const QString& name) {
    JobStore store(m_layout->databasePath());
    if (store.open().isError())
        return 0;
    return store.createUser(name, QStringLiteral("!")).value();
}

// A new account's first window shows the tour over the drop zone; Skip closes it and
// neither this window nor the next one shows it again.
void TestDesktop::tourAppearsOnceThenNeverAgain() {
    const qint64 user = addUser(QStringLiteral("ada"));
    {
        MainWindow window(&m_pool, m_runner.get(), user);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.offerFirstRunTour());
        FirstRunTour* tour = window.tour();
        QVERIFY(tour);
        QVERIFY(tour->isVisible());
        QCOMPARE(tour->currentStep(), 0);
        QVERIFY(tour->stepCount() >= 3 && tour->stepCount() <= 4);
        QVERIFY(tour->titleText().contains(QStringLiteral("paper")));
        // The bubble sits beside the drop zone, not over it.
        const auto* bubble = tour->findChild<QWidget*>(QStringLiteral("tourBubble"));
        const auto* zone = window.findChild<DropZone*>();
        const QRect zoneRect(zone->mapTo(&window, QPoint(0, 0)), zone->size());
        QVERIFY(bubble->isVisible());
        QVERIFY(!bubble->geometry().intersects(zoneRect));

        QSignalSpy finished(tour, &FirstRunTour::finished);
        QTest::mouseClick(tour->skipButton(), Qt::LeftButton);
        QVERIFY(!tour->isVisible());
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY(!window.offerFirstRunTour());
        QVERIFY(!tour->isVisible());
    }
    MainWindow again(&m_pool, m_runner.get(), user);
    again.show();
    QVERIFY(!again.offerFirstRunTour());
    QVERIFY(!again.tour() || !again.tour()->isVisible());
}

// The sample paper is one click away from the tour, and its last stop is My Videos.
void TestDesktop::tourLeadsToTheSampleAndMyVideos() {
    const qint64 user = addUser(QStringLiteral("grace"));
    MainWindow window(&m_pool, m_runner.get(), user);
    window.show();
    QVERIFY(window.offerFirstRunTour());
    FirstRunTour* tour = window.tour();
    QVERIFY(!tour->actionButton()->isVisible());
    QTest::keyClick(tour, Qt::Key_Right);
    QCOMPARE(tour->currentStep(), 1);
    QVERIFY(tour->actionButton()->isVisible());
    QCOMPARE(tour->actionButton()->text(), QStringLiteral("Try the sample paper"));

    QSignalSpy imported(&window, &MainWindow::importFinished);
    QTest::mouseClick(tour->actionButton(), Qt::LeftButton);
    QVERIFY(imported.wait(30000));
    QCOMPARE(window.preview()->titleText(),
             QStringLiteral("The replication of DNA in Escherichia coli"));
    QCOMPARE(tour->currentStep(), 2);

    while (tour->currentStep() + 1 < tour->stepCount())
        QTest::mouseClick(tour->nextButton(), Qt::LeftButton);
    QVERIFY(tour->titleText().contains(QStringLiteral("videos")));
    QCOMPARE(tour->nextButton()->text(), QStringLiteral("Done"));
    QSignalSpy finished(tour, &FirstRunTour::finished);
    QTest::mouseClick(tour->nextButton(), Qt::LeftButton);
    QVERIFY(!tour->isVisible());
    QCOMPARE(finished.first().first().toBool(), true);
}

void TestDesktop::tourIsPerAccount() {
    const qint64 ada = addUser(QStringLiteral("ada"));
    const qint64 grace = addUser(QStringLiteral("grace"));
    FirstRunTour::markSeen(test::userDirOf(*m_layout, ada));
    QVERIFY(FirstRunTour::seen(test::userDirOf(*m_layout, ada)));
    QVERIFY(!FirstRunTour::seen(test::userDirOf(*m_layout, grace)));
    // The account's folder stays private when the tour is the first to create it.
    QCOMPARE(QFileInfo(test::userDirOf(*m_layout, ada)).permissions() &
                 (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions());
    MainWindow window(&m_pool, m_runner.get(), grace);
    window.show();
    QVERIFY(window.offerFirstRunTour());
}

void TestDesktop::aboutShowsVersionLicencesAndFolders() {
    const QString data = m_dir->filePath(QStringLiteral("data"));
    const QString logs = m_dir->filePath(QStringLiteral("state/hiddenhill"));
    AboutDialog about(data, logs);
    QVERIFY(about.versionText().contains(QStringLiteral(HH_VERSION)));
    const QString libraries = about.librariesText();
    for (const char* expected :
         {"Qt", "LGPL-3.0", "FFmpeg", "GPL-2.0-or-later", "Poppler", "QtKeychain", "BSD-3-Clause",
          "libsodium", "ISC", "espeak-ng", "GPL-3.0-or-later", "QuaZip", "LGPL-2.1"})
        QVERIFY2(libraries.contains(QLatin1String(expected)), expected);
    // Versions are the ones loaded now, e.g. Qt's own.
    QVERIFY(libraries.contains(QLatin1String(qVersion())));
    const QString folders = about.foldersText();
    QVERIFY(folders.contains(QDir::toNativeSeparators(data)));
    QVERIFY(folders.contains(QDir::toNativeSeparators(logs)));
}

void TestDesktop::helpMenuOffersTourAndAbout() {
    const qint64 user = addUser(QStringLiteral("ada"));
    MainWindow window(&m_pool, m_runner.get(), user);
    QStringList texts;
    for (const QAction* menu : window.menuBar()->actions()) {
        if (menu->menu()) {
            for (const QAction* item : menu->menu()->actions())
                texts << item->text().remove(QLatin1Char('&'));
        }
    }
    QVERIFY2(texts.contains(QStringLiteral("About Hidden Hill")), qPrintable(texts.join(u',')));
    QVERIFY2(texts.contains(QStringLiteral("Take the Tour")), qPrintable(texts.join(u',')));
}

QTEST_MAIN(TestDesktop)
#include "tst_desktop.moc"
