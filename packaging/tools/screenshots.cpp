// SPDX-License-Identifier: GPL-3.0-or-later
// Tool behind packaging/screenshots.sh: opens the main window on a prepared data folder as
// one of its accounts and saves each page as a PNG made with QWidget::grab().
// A separate program rather than an option of the shipped app, so the app itself has no way
// in that skips signing in.
//   hh_screenshots --data-dir DIR --user NAME --out DIR [--theme dark|light] [--language en|de]
// Each PNG is named after its page, the theme and a language other than English:
// my-videos-dark.png, my-videos-light.png, my-videos-dark-de.png… In German only the pages a
// reader checks for cut-off words are taken: New video, My Videos, the player and Settings.
#include "AboutDialog.h"
#include "AppSettings.h"
#include "FirstRunTour.h"
#include "JobDetailDialog.h"
#include "MainWindow.h"
#include "PlayerWidget.h"
#include "SettingsDialog.h"
#include "Theme.h"
#include "Translations.h"
#include "jobs/JobRunner.h"
#include "jobs/JobStore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QMediaPlayer>
#include <QPainter>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QTimer>
#include <QVideoFrame>
#include <QVideoSink>
#include <QVideoWidget>
#include <cstdio>

namespace {

// Lets queued signals, thumbnail loads and layouts settle.
void settle(int ms) {
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

// Runs the event loop until `done` holds or `timeoutMs` passes; true if it holds.
bool waitUntil(const std::function<bool()>& done, int timeoutMs) {
    for (int waited = 0; waited < timeoutMs; waited += 50) {
        if (done())
            return true;
        settle(50);
    }
    return done();
}

bool save(const QImage& image, const QString& dir, const QString& name) {
    const QString path = QDir(dir).filePath(name);
    // Opaque RGB and the strongest compression keep the committed PNGs small.
    const bool ok = image.convertToFormat(QImage::Format_RGB32).save(path, "PNG", 0);
    std::fprintf(ok ? stdout : stderr, "%s %s\n", ok ? "wrote" : "error: cannot write",
                 qPrintable(path));
    return ok;
}

// QVideoWidget draws into its own native window, which grab() cannot see: paint the player's
// current frame where the video widget is.
QImage grabPlayer(hh::MainWindow& window, const QImage& frame) {
    QImage shot = window.grab().toImage();
    QVideoWidget* video = window.player()->videoWidget();
    const QRect area(video->mapTo(&window, QPoint(0, 0)) * window.devicePixelRatio(),
                     video->size() * window.devicePixelRatio());
    QPainter p(&shot);
    p.fillRect(area, Qt::black);
    if (!frame.isNull()) {
        const QSize fitted = frame.size().scaled(area.size(), Qt::KeepAspectRatio);
        const QRect target(area.center() - QPoint(fitted.width() / 2, fitted.height() / 2), fitted);
        p.setRenderHint(QPainter::SmoothPixmapTransform);
        p.drawImage(target, frame);
    }
    return shot;
}

} // namespace

int main(int argc, char* argv[]) {
    // No sound device is needed to show a frame; some backends crash without a sound server.
    qputenv("HH_PLAYER_NO_AUDIO", "1");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("hiddenhill"));
    QApplication::setApplicationDisplayName(QStringLiteral("Hidden Hill"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/hiddenhill.svg")));

    QCommandLineParser parser;
    parser.addOptions(
        {{QStringLiteral("data-dir"), QStringLiteral("Prepared data folder."),
          QStringLiteral("DIR")},
         {QStringLiteral("user"), QStringLiteral("Account to show."), QStringLiteral("NAME")},
         {QStringLiteral("out"), QStringLiteral("Where the PNGs go."), QStringLiteral("DIR")},
         {QStringLiteral("theme"), QStringLiteral("dark (the app's default) or light."),
          QStringLiteral("THEME"), QStringLiteral("dark")},
         {QStringLiteral("language"), QStringLiteral("en (the default) or de."),
          QStringLiteral("LANGUAGE"), QStringLiteral("en")}});
    parser.process(app);
    const QString out = parser.value(QStringLiteral("out"));
    const QString themeName = parser.value(QStringLiteral("theme"));
    if (themeName != QLatin1String("dark") && themeName != QLatin1String("light")) {
        std::fputs("error: --theme is dark or light\n", stderr);
        return 2;
    }
    const QString language = parser.value(QStringLiteral("language"));
    // The app's own look and language, as main() applies them before the first window.
    hh::Theme theme(&app);
    theme.setChoice(hh::Theme::choiceFromName(themeName));
    hh::Translations translations;
    if (!translations.install(language)) {
        std::fprintf(stderr, "error: no translation for '%s'\n", qPrintable(language));
        return 2;
    }
    const bool english = language == QLatin1String("en");
    const auto shot = [&themeName, &language, english](const QString& page) {
        return english ? QStringLiteral("%1-%2.png").arg(page, themeName)
                       : QStringLiteral("%1-%2-%3.png").arg(page, themeName, language);
    };
    const hh::DataLayout layout(parser.value(QStringLiteral("data-dir")));
    hh::JobStore store(layout.databasePath());
    if (out.isEmpty() || store.open().isError()) {
        std::fputs("usage: hh_screenshots --data-dir DIR --user NAME --out DIR [--theme dark|light]"
                   " [--language en|de]\n",
                   stderr);
        return 2;
    }
    const QString userName = parser.value(QStringLiteral("user"));
    const auto user = store.userIdByName(userName);
    if (!user) {
        std::fprintf(stderr, "error: no account '%s' in that folder\n", qPrintable(userName));
        return 1;
    }
    const auto jobs = store.jobs(user.value());
    if (!jobs) {
        std::fprintf(stderr, "error: %s\n", qPrintable(jobs.error().message));
        return 1;
    }
    QDir().mkpath(out);
    const QString logFile = QDir(layout.logDir()).filePath(QStringLiteral("hiddenhill.log"));

    hh::JobRunner runner(layout);
    QThreadPool pool;
    // Settings from a scratch file, never the developer's own.
    QTemporaryDir scratch;
    const QString settingsFile = scratch.filePath(QStringLiteral("hh.ini"));
    {
        // Written and read back, so Settings shows the language as the one the app started
        // with rather than one that waits for a restart.
        const auto first = hh::AppSettings::fromFile(settingsFile);
        first->setTheme(hh::Theme::choiceFromName(themeName));
        first->setLanguage(language);
    }
    const auto settings = hh::AppSettings::fromFile(settingsFile);
    hh::MainWindow window(&pool, &runner, user.value(), nullptr, logFile);
    window.setSettings(settings.get());
    window.setWindowTitle(QObject::tr("Hidden Hill — %1").arg(userName));
    window.resize(1100, 760);
    window.show();
    settle(500);
    bool ok = true;

    // A new account's first look: the tour over the empty New video page.
    if (english) {
        window.startTour();
        settle(300);
        ok &= save(window.grab().toImage(), out, shot(QStringLiteral("first-run-tour")));
        window.tour()->skip();
    }

    QEventLoop importLoop;
    QObject::connect(&window, &hh::MainWindow::importFinished, &importLoop, &QEventLoop::quit);
    QTimer::singleShot(30000, &importLoop, &QEventLoop::quit);
    window.importSample();
    importLoop.exec();
    settle(300);
    ok &= save(window.grab().toImage(), out, shot(QStringLiteral("new-video")));
    window.statusBar()->clearMessage(); // "Read …" belongs to the New video page only

    window.showPage(hh::MainWindow::Page::Library);
    settle(2500); // thumbnails load on the pool
    ok &= save(window.grab().toImage(), out, shot(QStringLiteral("my-videos")));

    // The player, paused 40 % of the way in, where captions and a scene are on screen.
    qint64 played = 0;
    for (const hh::JobRecord& job : jobs.value()) {
        if (job.status == hh::JobStatus::Completed && !played)
            played = job.id;
        if (job.status == hh::JobStatus::Completed && job.paperTitle.contains(u"DNA"))
            played = job.id;
    }
    if (played) {
        window.playJob(played);
        QMediaPlayer* media = window.player()->mediaPlayer();
        QImage frame;
        // Disconnected below: `frame` lives only in this block.
        const auto grabbing =
            QObject::connect(window.player()->videoSink(), &QVideoSink::videoFrameChanged, &app,
                             [&frame](const QVideoFrame& f) { frame = f.toImage(); });
        waitUntil([media] { return media->duration() > 0; }, 10000);
        const qint64 target = media->duration() * 4 / 10;
        media->play();
        waitUntil([media, target] { return media->position() >= target; }, 30000);
        media->pause();
        settle(500);
        QObject::disconnect(grabbing);
        ok &= save(grabPlayer(window, frame), out, shot(QStringLiteral("player")));
    }

    for (const hh::JobRecord& job : jobs.value()) {
        if (!english || job.status != hh::JobStatus::Failed)
            continue;
        hh::JobDetailDialog detail(job, layout, logFile, &window);
        detail.show();
        settle(300);
        ok &= save(detail.grab().toImage(), out, shot(QStringLiteral("job-detail")));
        break;
    }

    // Settings → General, where the theme is chosen.
    {
        hh::SettingsDialog dialog(settings.get(), &window);
        dialog.show();
        settle(300);
        ok &= save(dialog.grab().toImage(), out, shot(QStringLiteral("settings")));
    }

    if (english) {
        hh::AboutDialog about(layout.root(), layout.logDir(), &window);
        about.show();
        settle(300);
        ok &= save(about.grab().toImage(), out, shot(QStringLiteral("about")));
    }

    runner.waitForDone(10000);
    pool.waitForDone();
    return ok ? 0 : 1;
}
