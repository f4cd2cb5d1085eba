// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "AboutDialog.h"
#include "AppSettings.h"
#include "DropZone.h"
#include "ErrorFixButton.h"
#include "ErrorTexts.h"
#include "FirstRunTour.h"
#include "GeneralSettingsPage.h"
#include "GeneratePanel.h"
#include "IconSet.h"
#include "IdentifierField.h"
#include "ImportTask.h"
#include "InlineNotice.h"
#include "JobDetailDialog.h"
#include "JobListModel.h"
#include "LibraryView.h"
#include "LogFeed.h"
#include "LogView.h"
#include "PaperPreview.h"
#include "PdfPasswordPrompt.h"
#include "PlayerWidget.h"
#include "ProfileDialog.h"
#include "PronunciationPage.h"
#include "ProviderChoices.h"
#include "ProvidersPage.h"
#include "RecentPapers.h"
#include "ScriptReviewDialog.h"
#include "ServerSettings.h"
#include "SettingsDialog.h"
#include "Theme.h"
#include "jobs/Exporter.h"
#include "jobs/JobArtifacts.h"
#include "jobs/JobRunner.h"
#include "jobs/JobStore.h"
#include "providers/NcbiPaperFetcher.h"
#include "voice/Lexicon.h"

#include <QAction>
#include <QApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QRunnable>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QUrl>
#include <QVBoxLayout>

namespace hh {

namespace {
// Folders are named by the rows' uuids (DataLayout), so a job's folder is read
// from its row; empty when the job is not this account's.
QString jobFolder(const JobStore* store, const DataLayout& layout, qint64 userId, qint64 jobId) {
    const auto record =
        store ? store->job(userId, jobId) : Result<JobRecord>::failure(ErrorType::NotFound, {});
    return record ? layout.jobDir(record.value()) : QString();
}
} // namespace

MainWindow::MainWindow(QThreadPool* pool, JobRunner* runner, qint64 userId, QWidget* parent,
                       QString logFile)
    : QMainWindow(parent)
    , m_pool(pool)
    , m_runner(runner)
    , m_userId(userId)
    , m_logFile(std::move(logFile)) {
    setWindowTitle(tr("Hidden Hill"));
    m_openFolder = [](const QString& folder) {
        QDesktopServices::openUrl(QUrl::fromLocalFile(folder));
    };
    m_askPassword = &PdfPasswordPrompt::ask;
    m_pages = new QStackedWidget(this);

    // New video: drop a paper, check what was read, make the video.
    auto* newVideo = new QWidget(m_pages);
    m_dropZone = new DropZone(newVideo);
    m_preview = new PaperPreview(pool, newVideo);
    m_preview->showMessage(tr("<p>Drop a paper to see what Hidden Hill reads from it.</p>"));
    auto* newLayout = new QVBoxLayout(newVideo);
    newLayout->addWidget(m_dropZone);
    auto* sample = new QPushButton(tr("Try the sample paper"), newVideo);
    sample->setObjectName(QStringLiteral("trySample"));
    m_identifier = new IdentifierField(newVideo);
    auto* sourceRow = new QHBoxLayout;
    sourceRow->addWidget(m_identifier, 1);
    sourceRow->addSpacing(12);
    sourceRow->addWidget(sample);
    newLayout->addLayout(sourceRow);
    connect(m_identifier, &IdentifierField::fetchRequested, this, &MainWindow::fetchIdentifier);
    connect(m_identifier, &IdentifierField::fetchManyRequested, this,
            [this](const QList<PaperIdentifier>& ids) {
                QStringList inputs;
                for (const PaperIdentifier& id : ids)
                    inputs << id.value;
                loadPapers(inputs);
            });
    connect(sample, &QPushButton::clicked, this, &MainWindow::importSample);
    newLayout->addWidget(m_preview, 1);
    if (runner) {
        m_generate = new GeneratePanel(runner, userId, newVideo);
        newLayout->addWidget(m_generate);
        connect(m_preview, &PaperPreview::excludedFiguresChanged, m_generate,
                &GeneratePanel::setExcludedFigures);
    }

    // Settings… works from anywhere in the window; it is enabled once there are settings.
    m_settingsAction = new QAction(tr("&Settings…"), this);
    m_settingsAction->setObjectName(QStringLiteral("settingsAction"));
    m_settingsAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Comma)});
    m_settingsAction->setShortcutContext(Qt::WindowShortcut);
    m_settingsAction->setEnabled(false);
    addAction(m_settingsAction);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::openSettings);
    m_pages->addWidget(newVideo);

    auto* central = new QWidget(this);
    auto* row = new QHBoxLayout(central);
    row->setContentsMargins(0, 0, 0, 0);
    if (runner) {
        m_store = std::make_unique<JobStore>(runner->layout().databasePath());
        m_store->open();
        // My Videos: one account's jobs, live from the runner's signals.
        m_model = new JobListModel(runner->layout(), pool, this);
        m_model->setRunner(runner);
        m_model->setUser(userId);
        m_library = new LibraryView(m_model, m_pages);
        m_pages->addWidget(m_library);

        auto* playerPage = new QWidget(m_pages);
        auto* back = new QPushButton(tr("← My Videos"), playerPage);
        m_player = new PlayerWidget(playerPage);
        auto* playerLayout = new QVBoxLayout(playerPage);
        playerLayout->addWidget(back, 0, Qt::AlignLeft);
        playerLayout->addWidget(m_player, 1);
        m_pages->addWidget(playerPage);
        // Full screen is the video alone: no sidebar, menus, status bar or back button.
        connect(m_player, &PlayerWidget::fullScreenModeChanged, this, [this, back](bool on) {
            m_sidebarPanel->setVisible(!on);
            back->setVisible(!on);
            menuBar()->setVisible(!on);
            statusBar()->setVisible(!on);
        });

        m_sidebarPanel = buildSidebar(central);
        row->addWidget(m_sidebarPanel);
        row->setSpacing(0);

        connect(m_sidebar, &QListWidget::currentRowChanged, this, [this](int r) {
            if (r >= 0)
                m_pages->setCurrentIndex(r);
        });
        connect(back, &QPushButton::clicked, this, [this] { showPage(Page::Library); });
        connect(m_library, &LibraryView::newVideoRequested, this,
                [this] { showPage(Page::NewVideo); });
        connect(m_library, &LibraryView::playRequested, this, &MainWindow::playJob);
        connect(m_library, &LibraryView::detailsRequested, this, &MainWindow::showDetails);
        connect(m_library, &LibraryView::exportRequested, this, &MainWindow::chooseExportFolder);
        connect(m_library, &LibraryView::retryRequested, this, &MainWindow::retryJob);
        connect(m_library, &LibraryView::cancelRequested, this, &MainWindow::cancelJob);
        connect(m_library, &LibraryView::moveToTopRequested, this, [this](qint64 jobId) {
            if (Error e = m_runner->moveToTop(m_userId, jobId); e.isError())
                statusBar()->showMessage(e.message, 8000);
        });
        connect(m_library, &LibraryView::pauseRequested, this, [this](qint64 jobId) {
            if (Error e = m_runner->pause(m_userId, jobId); e.isError())
                statusBar()->showMessage(e.message, 8000);
        });
        connect(m_library, &LibraryView::deleteRequested, this, &MainWindow::deleteJob);
        connect(m_player, &PlayerWidget::exportRequested, this, [this](const QString& jobDir) {
            // The folder is named by the job's uuid, not its id: find its row.
            const QString name = QFileInfo(jobDir).fileName();
            for (int i = 0; i < m_model->rowCount(); ++i) {
                const QModelIndex index = m_model->index(i);
                if (QFileInfo(index.data(JobListModel::JobDirRole).toString()).fileName() == name)
                    return chooseExportFolder(index.data(JobListModel::IdRole).toLongLong());
            }
        });
        // The sidebar's "N running" follows the runner's signals; progress ticks arrive up to
        // ten times a second, so they only touch a set, never the database.
        connect(runner, &JobRunner::progressChanged, this, [this](qint64 user, qint64 job) {
            if (user == m_userId && !m_running.contains(job)) {
                m_running.insert(job);
                updateRunningCount();
            }
        });
        const auto ended = [this](qint64 user, qint64 job) {
            if (user == m_userId && m_running.remove(job))
                updateRunningCount();
        };
        connect(runner, &JobRunner::jobFinished, this,
                [this, ended](qint64 user, qint64 job, const QString&) {
                    ended(user, job);
                    if (user == m_userId)
                        statusBar()->showMessage(tr("A video is ready in My Videos."), 8000);
                });
        connect(runner, &JobRunner::jobFailed, this,
                [ended](qint64 user, qint64 job) { ended(user, job); });
        connect(runner, &JobRunner::jobPaused, this, ended);
        connect(m_generate, &GeneratePanel::scriptReviewRequested, this, &MainWindow::reviewScript);
        connect(m_generate, &GeneratePanel::playRequested, this, &MainWindow::playJob);
        // Continue in New video goes the same way as Retry in My Videos (passwords included).
        m_generate->setResumer([this](qint64 jobId) {
            const Error e = resumeJob(jobId);
            m_model->refreshJob(jobId);
            return e;
        });
        connect(m_generate, &GeneratePanel::videosRequested, this,
                [this] { showPage(Page::Library); });
        connect(m_generate->errorFixButton(), &ErrorFixButton::fixRequested, this,
                &MainWindow::applyFix);
    }
    auto* column = new QVBoxLayout;
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(makePasswordSuggestion(central));
    column->addWidget(m_pages, 1);
    row->addLayout(column, 1);
    setCentralWidget(central);
    resize(1100, 680); // fits a 1366×768 screen with its panel and title bar
    buildFileMenu();
    buildHelpMenu();

    connect(m_dropZone, &DropZone::fileDropped, this, &MainWindow::importFile);
    connect(m_dropZone, &DropZone::filesDropped, this, &MainWindow::loadPapers);
    connect(m_dropZone, &DropZone::browseRequested, this, &MainWindow::chooseFile);
}

MainWindow::~MainWindow() = default;

void MainWindow::showPage(Page page) {
    m_pages->setCurrentIndex(int(page));
    if (m_sidebar && page != Page::Player)
        m_sidebar->setCurrentRow(int(page));
}

MainWindow::Page MainWindow::currentPage() const {
    return Page(m_pages->currentIndex());
}

void MainWindow::updateRunningCount() {
    if (!m_sidebar)
        return;
    const int count = int(m_running.size());
    m_runningLabel->setText(tr("Videos being made: %1").arg(count));
    m_runningLabel->setVisible(count > 0);
}

namespace {

// A small capital caption over a group of sidebar entries.
QLabel* sectionCaption(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    label->setProperty("hhRole", QStringLiteral("section"));
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    font.setBold(true);
    font.setCapitalization(QFont::AllUppercase);
    font.setLetterSpacing(QFont::AbsoluteSpacing, 0.6);
    label->setFont(font);
    return label;
}

QPushButton* sidebarButton(IconSet::Icon icon, const QString& text, QWidget* parent) {
    auto* button = new QPushButton(IconSet::icon(icon), text, parent);
    button->setProperty("hhRole", QStringLiteral("sidebarButton"));
    button->setIconSize(QSize(20, 20));
    button->setFlat(true);
    button->setCursor(Qt::PointingHandCursor);
    return button;
}

} // namespace

// The sidebar: the app's name, the two places (New video, My Videos) and, at its foot, what
// concerns the person rather than a video. Sizes are on the 8 px grid; the look (surface,
// selected pill, captions) comes from Theme's style sheet, so it follows light and dark.
QWidget* MainWindow::buildSidebar(QWidget* parent) {
    auto* side = new QWidget(parent);
    side->setObjectName(QStringLiteral("sidebar"));
    side->setAttribute(Qt::WA_StyledBackground);
    side->setFixedWidth(200);

    auto* brand = new QLabel(side);
    brand->setPixmap(
        QIcon(QStringLiteral(":/icons/hiddenhill.svg")).pixmap(QSize(32, 32), devicePixelRatioF()));
    auto* name = new QLabel(tr("Hidden Hill"), side);
    QFont nameFont = name->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.15);
    nameFont.setBold(true);
    name->setFont(nameFont);
    auto* brandRow = new QHBoxLayout;
    brandRow->setContentsMargins(8, 0, 8, 0);
    brandRow->setSpacing(8);
    brandRow->addWidget(brand);
    brandRow->addWidget(name, 1);

    m_sidebar = new QListWidget(side);
    m_sidebar->setObjectName(QStringLiteral("sidebarNav"));
    m_sidebar->setAccessibleName(tr("Pages"));
    m_sidebar->setIconSize(QSize(20, 20));
    m_sidebar->setFrameShape(QFrame::NoFrame);
    m_sidebar->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_sidebar->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_sidebar->setSpacing(0);
    m_sidebar->addItem(
        new QListWidgetItem(IconSet::icon(IconSet::Icon::NewVideo), tr("New video")));
    m_sidebar->addItem(
        new QListWidgetItem(IconSet::icon(IconSet::Icon::MyVideos), tr("My Videos")));
    m_sidebar->setCurrentRow(0);
    // The list is transparent: the space under its two entries is the sidebar's own.
    m_sidebar->viewport()->setAutoFillBackground(false);

    m_runningLabel = new QLabel(side);
    m_runningLabel->setProperty("hhRole", QStringLiteral("sidebarFoot"));
    m_runningLabel->hide();

    auto* settingsButton = sidebarButton(IconSet::Icon::Settings, tr("Settings…"), side);
    settingsButton->setObjectName(QStringLiteral("settingsButton"));
    settingsButton->setToolTip(tr("Defaults for new videos, data folder, language (Ctrl+,)"));
    connect(settingsButton, &QPushButton::clicked, m_settingsAction, &QAction::trigger);
    connect(m_settingsAction, &QAction::changed, settingsButton,
            [this, settingsButton] { settingsButton->setEnabled(m_settingsAction->isEnabled()); });
    settingsButton->setEnabled(false);
    auto* account = sidebarButton(IconSet::Icon::Account, tr("Your account…"), side);
    connect(account, &QPushButton::clicked, this, &MainWindow::openProfile);
    auto* help = sidebarButton(IconSet::Icon::Help, tr("Help"), side);
    help->setObjectName(QStringLiteral("helpButton"));
    help->setToolTip(tr("The tour and what Hidden Hill is"));
    connect(help, &QPushButton::clicked, this, [this, help] {
        if (m_helpMenu)
            m_helpMenu->popup(help->mapToGlobal(QPoint(0, help->height())));
    });
    auto* signOut = sidebarButton(IconSet::Icon::SignOut, tr("Sign out"), side);
    connect(signOut, &QPushButton::clicked, this, &MainWindow::requestSignOut);

    auto* layout = new QVBoxLayout(side);
    layout->setContentsMargins(8, 16, 8, 8);
    layout->setSpacing(0);
    layout->addLayout(brandRow);
    layout->addSpacing(24);
    layout->addWidget(sectionCaption(tr("Videos"), side));
    layout->addSpacing(8);
    layout->addWidget(m_sidebar, 1);
    layout->addWidget(m_runningLabel);
    layout->addSpacing(16);
    layout->addWidget(sectionCaption(tr("Account and help"), side));
    layout->addSpacing(8);
    for (QPushButton* button : {settingsButton, account, help, signOut})
        layout->addWidget(button);
    return side;
}

QString MainWindow::openFolder() const {
    if (!m_lastOpenFolder.isEmpty())
        return m_lastOpenFolder;
    // Never the folder the app happened to start from: the last one used, else home.
    return m_settings ? m_settings->lastOpenFolder() : QDir::homePath();
}

void MainWindow::chooseFile() {
    const QString start = openFolder();
    const QStringList paths = m_fileChooser
                                  ? m_fileChooser(this, start)
                                  : QFileDialog::getOpenFileNames(
                                        this, tr("Open papers"), start,
                                        tr("Papers (*.pdf *.docx *.xml *.nxml);;All files (*)"));
    if (paths.isEmpty())
        return;
    m_lastOpenFolder = QFileInfo(paths.first()).absolutePath();
    if (m_settings)
        m_settings->setLastOpenFolder(m_lastOpenFolder);
    loadPapers(paths);
}

void MainWindow::loadPapers(const QStringList& inputs) {
    QStringList papers;
    for (const QString& input : inputs) {
        if (!input.trimmed().isEmpty() && !papers.contains(input))
            papers << input;
    }
    if (papers.isEmpty())
        return;
    if (papers.size() == 1) {
        const PaperIdentifier id = PaperIdentifier::parse(papers.first());
        if (!QFileInfo(papers.first()).isFile() && id.isValid())
            fetchIdentifier(id);
        else
            importFile(papers.first());
        return;
    }
    // Several: nothing is read now (ten papers would keep the pool busy for nothing);
    // each job reads its own, and My Videos shows how each went.
    showPage(Page::NewVideo);
    QString list;
    for (const QString& paper : std::as_const(papers)) {
        const QString name = QFileInfo(paper).isFile() ? QFileInfo(paper).fileName() : paper;
        list += QStringLiteral("<li>%1</li>").arg(name.toHtmlEscaped());
    }
    m_preview->showMessage(tr("<p><b>%1 papers</b>, one video each:</p>").arg(papers.size()) +
                           QStringLiteral("<ul>%1</ul>").arg(list));
    m_dropZone->setCompact(true);
    for (const QString& paper : std::as_const(papers)) {
        if (QFileInfo(paper).isFile()) {
            recentPapers().add(paper);
            if (m_generate && m_passwords.contains(paper))
                m_generate->rememberPassword(paper, m_passwords.value(paper));
        }
    }
    fillRecentMenu();
    if (m_generate)
        m_generate->setPapers(papers);
    statusBar()->showMessage(tr("%1 papers ready for Make video").arg(papers.size()));
}

void MainWindow::openHandedOver(const QStringList& papers) {
    loadPapers(papers);
    if (isMinimized())
        showNormal();
    raise();
    activateWindow();
}

void MainWindow::importFile(const QString& path) {
    startImport(path, m_passwords.value(path));
}

std::optional<QString> MainWindow::askPassword(const QString& input, bool wrongBefore) {
    if (!m_askPassword)
        return std::nullopt;
    const QString name = QFileInfo(input).fileName();
    auto password = m_askPassword(
        this, name, wrongBefore ? PdfPasswordPrompt::wrongPasswordMessage(name) : QString());
    if (!password || password->isEmpty())
        return std::nullopt;
    return password;
}

void MainWindow::startImport(const QString& path, const QString& password) {
    if (password.isEmpty())
        m_triedPasswords.remove(path);
    else
        m_triedPasswords.insert(path, password);
    showPage(Page::NewVideo);
    statusBar()->showMessage(tr("Reading %1…").arg(QFileInfo(path).fileName()));
    m_preview->showMessage(
        tr("<p>Reading <b>%1</b>…</p>").arg(QFileInfo(path).fileName().toHtmlEscaped()));
    ImportOptions options;
    options.password = password;
    auto* task = new ImportTask(path, options);
    // Queued: the task emits from a pool thread, the slots touch widgets.
    connect(task, &ImportTask::succeeded, this, &MainWindow::onImported, Qt::QueuedConnection);
    connect(task, &ImportTask::failed, this, &MainWindow::onImportFailed, Qt::QueuedConnection);
    m_pool->start(task);
}

void MainWindow::fetchIdentifier(const PaperIdentifier& id) {
    showPage(Page::NewVideo);
    if (!m_hub) {
        onImportFailed(id.displayName(),
                       {ErrorType::Unsupported,
                        tr("fetching papers needs the network providers, which this window was "
                           "started without")});
        return;
    }
    m_identifier->setBusy(true);
    m_preview->showMessage(tr("<p>Fetching <b>%1</b> from PubMed…</p>").arg(id.displayName()));
    QPointer<MainWindow> self(this);
    auto hub = m_hub;
    m_pool->start([self, hub, id] {
        // The preview's figures go to a scratch folder; the job fetches its own copy.
        QTemporaryDir scratch;
        ProviderSession session(hub);
        NcbiPaperFetcher fetcher(session);
        auto paper = fetcher.fetch(id, scratch.filePath(QStringLiteral("figures")), StepControl{});
        QMetaObject::invokeMethod(
            qApp,
            [self, id, paper] {
                if (!self)
                    return;
                self->m_identifier->setBusy(false);
                if (paper)
                    self->onImported(id.value, paper.value());
                else
                    self->onImportFailed(id.displayName(), paper.error());
            },
            Qt::QueuedConnection);
    });
}

void MainWindow::onImported(const QString& path, const Paper& paper) {
    // The password opened it: its jobs (and their Continue) get it too.
    if (const auto tried = m_triedPasswords.constFind(path); tried != m_triedPasswords.cend()) {
        m_passwords.insert(path, tried.value());
        if (m_generate)
            m_generate->rememberPassword(path, tried.value());
        m_triedPasswords.remove(path);
    }
    m_preview->showPaper(paper);
    if (m_generate)
        m_generate->errorFixButton()->clearFix(); // an earlier paper's error is over
    if (QFileInfo(path).isFile()) {               // not a typed PMID or DOI
        recentPapers().add(path);
        fillRecentMenu();
    }
    m_dropZone->setCompact(true);
    if (m_generate)
        m_generate->setPaper(path, paper);
    statusBar()->showMessage(tr("Read %1: %2 sentences, %3 words")
                                 .arg(QFileInfo(path).fileName())
                                 .arg(paper.sentences().size())
                                 .arg(paper.wordCount()));
    Q_EMIT importFinished(true);
}

void MainWindow::onImportFailed(const QString& path, const Error& error) {
    // An encrypted PDF: ask for its password (again, saying so, after a wrong one).
    if (error.type == ErrorType::Encrypted && QFileInfo(path).isFile()) {
        const bool wrongBefore = m_triedPasswords.contains(path);
        m_triedPasswords.remove(path);
        m_passwords.remove(path);
        if (const auto password = askPassword(path, wrongBefore)) {
            startImport(path, *password);
            return;
        }
        m_lockedPaper = path; // the fix under the panel asks again
    }
    // The error's title and advice in the user's language (ErrorTexts); the pipeline's
    // own words and code stay for whoever helps.
    m_preview->showMessage(
        tr("<p><b>Could not read %1</b></p><p>%2: %3</p><p>%4</p><p><small>(%5)</small></p>")
            .arg(QFileInfo(path).fileName().toHtmlEscaped(),
                 ErrorTexts::title(error.type).toHtmlEscaped(), error.message.toHtmlEscaped(),
                 ErrorTexts::advice(error.type).toHtmlEscaped(), error.code()));
    statusBar()->showMessage(tr("Import failed: %1").arg(ErrorTexts::title(error.type)));
    if (m_generate) {
        m_generate->setPaperFile({});
        // Abstract only, a password: the fix is a click away, under the panel.
        m_generate->errorFixButton()->showFor(error.code(), QStringLiteral("fetch-paper"),
                                              error.message);
    }
    Q_EMIT importFinished(false);
}

void MainWindow::playJob(qint64 jobId) {
    if (!m_player || !m_runner)
        return;
    m_player->open(jobFolder(m_store.get(), m_runner->layout(), m_userId, jobId));
    showPage(Page::Player);
}

void MainWindow::reviewScript(qint64 jobId) {
    ScriptReviewDialog dialog(jobFolder(m_store.get(), m_runner->layout(), m_userId, jobId), this);
    const int result = runReviewDialog ? runReviewDialog(dialog) : dialog.exec();
    if (result == QDialog::Accepted)
        retryJob(jobId); // resume: the edited script is what gets narrated
}

void MainWindow::showDetails(qint64 jobId) {
    auto record = m_store ? m_store->job(m_userId, jobId)
                          : Result<JobRecord>::failure(ErrorType::NotFound, {});
    if (!record)
        return;
    if (record.value().status == JobStatus::Paused) {
        reviewScript(jobId);
        return;
    }
    JobDetailDialog dialog(record.value(), m_runner->layout(), m_logFile, this, m_pool);
    dialog.followRunner(m_runner);
    // Queued: the fix opens its window after the detail has closed.
    connect(&dialog, &JobDetailDialog::fixRequested, this, &MainWindow::applyFix,
            Qt::QueuedConnection);
    dialog.exec();
}

void MainWindow::retryJob(qint64 jobId) {
    if (Error e = resumeJob(jobId); e.isError() && !e.message.isEmpty())
        statusBar()->showMessage(e.message, 8000);
    m_model->refreshJob(jobId);
}

Error MainWindow::resumeJob(qint64 jobId) {
    QString password;
    if (const auto record = m_store ? m_store->job(m_userId, jobId)
                                    : Result<JobRecord>::failure(ErrorType::NotFound, {})) {
        const QString input = JobOptions::fromJson(record->options).input;
        password = m_passwords.value(input);
        // It stopped at the lock: a password it has not tried yet (the paper was opened
        // since) goes in as it is; else the person is asked, told when the last was wrong.
        if (record->errorType == errorTypeCode(ErrorType::Encrypted) &&
            (password.isEmpty() || m_passwordTriedBy.value(jobId) == password)) {
            const auto given = askPassword(input, m_passwordTriedBy.contains(jobId));
            if (!given)
                return {ErrorType::Cancelled, {}};
            password = *given;
            m_passwords.insert(input, password);
            if (m_generate)
                m_generate->rememberPassword(input, password);
        }
        if (!password.isEmpty())
            m_passwordTriedBy.insert(jobId, password);
    }
    return m_runner->resume(m_userId, jobId, password);
}

void MainWindow::cancelJob(qint64 jobId) {
    if (Error e = m_runner->cancel(m_userId, jobId); e.isError())
        statusBar()->showMessage(e.message, 8000);
    m_model->refreshJob(jobId);
}

void MainWindow::deleteJob(qint64 jobId) {
    // The view asked for confirmation already; a running job is stopped first.
    if (m_runner->isActive(jobId)) {
        m_runner->cancel(m_userId, jobId);
        m_runner->waitForDone(10000);
    }
    auto record = m_store->job(m_userId, jobId);
    if (!record)
        return;
    QDir(m_runner->layout().jobDir(record.value())).removeRecursively();
    if (Error e = m_store->deleteJob(m_userId, jobId); e.isError())
        statusBar()->showMessage(e.message, 8000);
    m_model->reload();
}

void MainWindow::chooseExportFolder(qint64 jobId) {
    const QString folder = m_folderChooser
                               ? m_folderChooser(this)
                               : QFileDialog::getExistingDirectory(this, tr("Export the video to"));
    if (!folder.isEmpty())
        exportJob(jobId, folder);
}

void MainWindow::exportJob(qint64 jobId, const QString& folder) {
    const QString jobDir = jobFolder(m_store.get(), m_runner->layout(), m_userId, jobId);
    // Copying a video can take a while on a slow disk: off the GUI thread.
    m_pool->start([this, jobId, jobDir, folder] {
        auto artifacts = JobArtifacts::load(jobDir);
        bool ok = false;
        QString message;
        if (!artifacts) {
            message = artifacts.error().message;
        } else {
            const auto written = Exporter(artifacts.value()).exportTo(folder);
            ok = written.ok();
            message = ok ? tr("Exported %1 files to %2").arg(written.value().size()).arg(folder)
                         : written.error().message;
        }
        QMetaObject::invokeMethod(
            this,
            [this, jobId, folder, ok, message] {
                showExportResult(jobId, folder, ok, message);
                Q_EMIT exportFinished(ok, message);
            },
            Qt::QueuedConnection);
    });
}

InlineNotice* MainWindow::exportNotice() const {
    if (!m_library)
        return nullptr;
    return currentPage() == Page::Player ? m_player->notice() : m_library->notice();
}

void MainWindow::showExportResult(qint64 jobId, const QString& folder, bool ok,
                                  const QString& message) {
    InlineNotice* notice = exportNotice();
    if (!notice)
        return;
    if (ok) {
        notice->showMessage(IconSet::Icon::Check,
                            tr("Exported to %1").arg(QDir::toNativeSeparators(folder)),
                            Theme::Tone::Positive);
        notice->addButton(tr("Open folder"), [this, folder] { m_openFolder(folder); });
        return;
    }
    notice->showMessage(IconSet::Icon::Error,
                        tr("The video was not exported: %1\nChoose a folder you can write to, "
                           "with room for the video, and export again.")
                            .arg(message),
                        Theme::Tone::Negative);
    notice->addButton(tr("Choose another folder\u2026"),
                      [this, jobId] { chooseExportFolder(jobId); });
}

void MainWindow::setProviders(KeyStore* keys, std::shared_ptr<MemorySecrets> secrets,
                              std::shared_ptr<ProviderHub> hub) {
    m_keys = keys;
    m_secrets = std::move(secrets);
    m_hub = std::move(hub);
    // The account's own local LLM and speech servers, before any of its jobs (resumed
    // ones too) asks them.
    if (m_hub) {
        const ServerSettings llm(accountFolder(), ServerKind::LocalLlm);
        if (!llm.address().isEmpty() && ServerSettings::problemWith(llm.address()).isEmpty())
            m_hub->setLocalLlm(m_userId, llm.address(), llm.model());
        const ServerSettings speech(accountFolder(), ServerKind::Speech);
        if (!speech.address().isEmpty() && ServerSettings::problemWith(speech.address()).isEmpty())
            m_hub->setSpeechServer(m_userId, speech.address(), speech.model(), speech.voice());
    }
    if (m_generate)
        m_generate->setProviderHub(m_hub);
}

QString MainWindow::accountFolder() const {
    if (!m_runner || !m_store)
        return {};
    const auto account = m_store->user(m_userId);
    return account ? m_runner->layout().userDir(account->uuid) : QString();
}

void MainWindow::setSettings(AppSettings* settings) {
    m_settings = settings;
    m_settingsAction->setEnabled(settings != nullptr);
    // "Videos made at the same time" applies at once: the queue starts the next job.
    if (settings && m_runner) {
        connect(settings, &AppSettings::changed, this, [this] {
            if (m_settings && m_runner)
                m_runner->setMaxConcurrentJobs(m_settings->maxConcurrentJobs());
        });
    }
    if (m_generate)
        m_generate->setSettings(settings);
}

void MainWindow::openSettings() {
    openSettingsWith({});
}

void MainWindow::openSettingsWith(
    const std::function<void(SettingsDialog&, ProvidersPage*, int)>& prepare) {
    if (!m_settings)
        return;
    SettingsDialog dialog(m_settings, this);
    if (m_keys && m_secrets && m_hub) {
        auto* providers = new ProvidersPage(m_keys, m_secrets, m_hub,
                                            m_store ? m_store->databasePath() : QString(), m_userId,
                                            m_pool, &dialog);
        providers->setAccountFolder(accountFolder());
        // A saved or removed key changes what New video offers, at once.
        connect(providers, &ProvidersPage::keyChanged, this, [this] {
            if (m_generate)
                m_generate->providerChoices()->refresh();
        });
        const int page = dialog.addPage(tr("Providers"), providers);
        if (prepare)
            prepare(dialog, providers, page);
    } else if (prepare) {
        prepare(dialog, nullptr, -1);
    }
    if (const auto account = m_store && m_runner
                                 ? m_store->user(m_userId)
                                 : Result<UserRecord>::failure(ErrorType::NotFound, {})) {
        auto* pronunciation = new PronunciationPage(
            Lexicon::accountFile(m_runner->layout().userDir(account->uuid)), &dialog);
        connect(&dialog, &SettingsDialog::applied, pronunciation, &PronunciationPage::save);
        dialog.addPage(tr("Pronunciation"), pronunciation);
    }
    if (runSettingsDialog)
        runSettingsDialog(dialog);
    else
        dialog.exec();
}

void MainWindow::importSample() {
    // Jobs need a real file; the copy lives with the user's data so it outlasts /tmp.
    const QString dir = m_runner
                            ? QDir(m_runner->layout().root()).filePath(QStringLiteral("samples"))
                            : QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    QDir().mkpath(dir);
    const QString path = QDir(dir).filePath(QStringLiteral("meselson-stahl-1958.xml"));
    if (!QFileInfo::exists(path)) {
        QFile::copy(QStringLiteral(":/sample/meselson-stahl-1958.xml"), path);
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    importFile(path);
}

void MainWindow::buildFileMenu() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* newVideo = file->addAction(tr("&New Video"), this, [this] {
        showPage(Page::NewVideo);
        m_dropZone->setFocus(Qt::ShortcutFocusReason);
    });
    newVideo->setShortcut(QKeySequence::New);
    QAction* open = file->addAction(tr("&Open Paper…"), this, &MainWindow::chooseFile);
    open->setObjectName(QStringLiteral("openPaperAction"));
    open->setShortcut(QKeySequence::Open);
    // Rebuilt each time it opens: the list lives in the account's settings file.
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("openRecentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    fillRecentMenu();
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
}

RecentPapers MainWindow::recentPapers() const {
    return RecentPapers(accountFolder());
}

void MainWindow::fillRecentMenu() {
    m_recentMenu->clear();
    const QStringList papers = recentPapers().paths();
    for (int i = 0; i < papers.size(); ++i) {
        const QString path = papers.at(i);
        // "&1 paper.pdf": the digit is the keyboard's way in; the folder is in the tooltip.
        QAction* open = m_recentMenu->addAction(
            QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()), this,
            [this, path] { importFile(path); });
        open->setToolTip(path);
        open->setData(path);
    }
    if (!papers.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("&Clear the List"), this, [this] {
            recentPapers().clear();
            fillRecentMenu();
        });
    }
    m_recentMenu->setEnabled(!papers.isEmpty());
}

void MainWindow::buildHelpMenu() {
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    m_helpMenu = help; // the sidebar's Help opens the same menu
    if (m_runner)
        help->addAction(tr("Take the &Tour"), this, &MainWindow::startTour);
    if (m_runner) {
        QAction* log = help->addAction(tr("&Log"), this, &MainWindow::showLog);
        log->setObjectName(QStringLiteral("logAction"));
    }
    help->addAction(tr("&About Hidden Hill"), this, &MainWindow::showAbout);
}

void MainWindow::showLog() {
    if (!m_runner)
        return;
    if (!m_logView) {
        const QString logFile =
            m_logFile.isEmpty()
                ? QDir(m_runner->layout().logDir()).filePath(QStringLiteral("hiddenhill.log"))
                : m_logFile;
        m_logView = new LogView(logFile, m_runner->layout().databasePath(), m_userId, m_pool, this);
        connect(m_logView, &LogView::fixRequested, this, &MainWindow::applyFix);
        // A job's step or end: read at once instead of at the next tick.
        connect(m_runner, &JobRunner::jobFinished, m_logView->feed(), &LogFeed::poll);
        connect(m_runner, &JobRunner::jobFailed, m_logView->feed(), &LogFeed::poll);
    }
    m_logView->show();
    m_logView->raise();
    m_logView->activateWindow();
}

void MainWindow::applyFix(const ErrorFix& fix) {
    switch (fix.kind) {
    case ErrorFix::Kind::None:
        break;
    case ErrorFix::Kind::ProviderSettings:
        openSettingsWith([fix](SettingsDialog& dialog, ProvidersPage* providers, int page) {
            if (!providers)
                return;
            dialog.showPage(page);
            if (fix.hasProvider)
                providers->selectProvider(fix.provider);
        });
        break;
    case ErrorFix::Kind::Usage:
        openProfile();
        break;
    case ErrorFix::Kind::DataFolder:
        openSettingsWith([](SettingsDialog& dialog, ProvidersPage*, int) {
            dialog.showPage(0);
            // Once the dialog is up: the folder chooser belongs over it, not before it.
            QMetaObject::invokeMethod(dialog.generalPage()->changeFolderButton(),
                                      &QPushButton::click, Qt::QueuedConnection);
        });
        break;
    case ErrorFix::Kind::UsePdf:
        chooseFile();
        break;
    case ErrorFix::Kind::Password:
        showPage(Page::NewVideo);
        Q_EMIT passwordRequested();
        if (!m_lockedPaper.isEmpty()) {
            if (const auto password = askPassword(m_lockedPaper, false))
                startImport(m_lockedPaper, *password);
        }
        break;
    }
}

void MainWindow::showAbout() {
    const QString dataDir =
        m_runner ? m_runner->layout().root()
                 : QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    const QString logDir = m_logFile.isEmpty() ? QDir(dataDir).filePath(QStringLiteral("logs"))
                                               : QFileInfo(m_logFile).absolutePath();
    AboutDialog(dataDir, logDir, this).exec();
}

bool MainWindow::offerFirstRunTour() {
    if (!m_runner)
        return false;
    const auto account =
        m_store ? m_store->user(m_userId) : Result<UserRecord>::failure(ErrorType::NotFound, {});
    if (!account)
        return false;
    const QString userDir = m_runner->layout().userDir(account->uuid);
    if (FirstRunTour::seen(userDir))
        return false;
    // Remembered as soon as it is shown: "once" holds even if the window closes mid-tour.
    FirstRunTour::markSeen(userDir);
    startTour();
    return true;
}

void MainWindow::startTour() {
    if (!m_tour) {
        QList<TourStep> steps;
        steps.append({.target = m_dropZone,
                      .title = tr("Start with a paper"),
                      .text = tr("Drop a PDF, a Word file or JATS/PubMed XML here, or click to "
                                 "choose one. You see what Hidden Hill read before anything is "
                                 "made.")});
        steps.append({.target = findChild<QPushButton*>(QStringLiteral("trySample")),
                      .title = tr("No paper at hand?"),
                      .text = tr("The sample is a short summary of Meselson and Stahl's 1958 "
                                 "paper on how DNA copies itself."),
                      .actionText = tr("Try the sample paper"),
                      .action = [this] { importSample(); }});
        if (m_generate)
            steps.append({.target = m_generate,
                          .title = tr("Make the video"),
                          .text = tr("Pick the length, shape and voice, then press Make video. "
                                     "It is made on this computer while you carry on.")});
        if (m_sidebar)
            steps.append(
                {.target = m_sidebar,
                 .area = [this] { return m_sidebar->visualItemRect(m_sidebar->item(1)); },
                 .title = tr("Your videos"),
                 .text = tr("Every video you make is kept in My Videos, with its progress while "
                            "it is being made. Double-click one to play it beside the sentences "
                            "it came from.")});
        m_tour = new FirstRunTour(steps, this);
    }
    showPage(Page::NewVideo);
    m_tour->start();
}

} // namespace hh

namespace hh {

// A line above the pages, not a dialog: the account works as it is, and the
// person decides when (or whether) to set a password.
QWidget* MainWindow::makePasswordSuggestion(QWidget* parent) {
    m_passwordSuggestion = new QFrame(parent);
    m_passwordSuggestion->setObjectName(QStringLiteral("passwordSuggestion"));
    m_passwordSuggestion->setFrameShape(QFrame::StyledPanel);
    auto* text = new QLabel(tr("Your account has no password: anyone who uses this computer can "
                               "open it and its videos."),
                            m_passwordSuggestion);
    text->setWordWrap(true);
    auto* set = new QPushButton(tr("Set a password…"), m_passwordSuggestion);
    set->setObjectName(QStringLiteral("setPassword"));
    auto* later = new QPushButton(tr("Not now"), m_passwordSuggestion);
    later->setObjectName(QStringLiteral("notNow"));
    later->setFlat(true);
    auto* layout = new QHBoxLayout(m_passwordSuggestion);
    layout->addWidget(text, 1);
    layout->addWidget(set);
    layout->addWidget(later);
    connect(set, &QPushButton::clicked, this, &MainWindow::openProfile);
    connect(later, &QPushButton::clicked, m_passwordSuggestion, &QWidget::hide);
    m_passwordSuggestion->hide();
    return m_passwordSuggestion;
}

void MainWindow::suggestPassword(bool show) {
    m_passwordSuggestion->setVisible(show);
}

bool MainWindow::isPasswordSuggested() const {
    return m_passwordSuggestion->isVisibleTo(this);
}

void MainWindow::requestSignOut() {
    const QList<qint64> running = m_runner ? m_runner->activeJobs(m_userId) : QList<qint64>();
    if (!running.isEmpty()) {
        RunningJobsChoice choice = RunningJobsChoice::StaySignedIn;
        if (askAboutRunningJobs) {
            choice = askAboutRunningJobs(int(running.size()));
        } else {
            QMessageBox box(QMessageBox::Question, tr("Sign out"),
                            tr("Videos of yours still being made: %1").arg(running.size()),
                            QMessageBox::NoButton, this);
            box.setInformativeText(tr("They can finish in the background with your keys, or "
                                      "stop now and continue from where they stopped next "
                                      "time."));
            auto* finish = box.addButton(tr("Let them finish"), QMessageBox::AcceptRole);
            auto* stop = box.addButton(tr("Stop them"), QMessageBox::DestructiveRole);
            box.addButton(tr("Stay signed in"), QMessageBox::RejectRole);
            box.setDefaultButton(finish);
            box.exec();
            if (box.clickedButton() == finish)
                choice = RunningJobsChoice::LetFinish;
            else if (box.clickedButton() == stop)
                choice = RunningJobsChoice::Stop;
        }
        if (choice == RunningJobsChoice::StaySignedIn)
            return;
        if (choice == RunningJobsChoice::Stop) {
            for (const qint64 job : running)
                m_runner->cancel(m_userId, job);
        }
    }
    Q_EMIT signOutRequested();
}

void MainWindow::openProfile() {
    if (!m_accounts)
        return;
    ProfileDialog profile(m_accounts, m_userId, this);
    profile.setDeletionHelpers(m_keys, m_runner);
    if (runProfileDialog)
        runProfileDialog(profile);
    else
        profile.exec();
    if (profile.accountDeleted()) {
        Q_EMIT signOutRequested();
        return;
    }
    if (profile.hasPassword())
        suggestPassword(false);
}

} // namespace hh
