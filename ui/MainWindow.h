// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ErrorActions.h"
#include "RecentPapers.h"
#include "core/ErrorType.h"
#include "providers/PaperIdentifier.h"
#include "providers/ProviderHub.h"

#include <QHash>
#include <QMainWindow>
#include <QSet>
#include <functional>
#include <memory>
#include <optional>

class QAction;
class QListWidget;
class QStackedWidget;
class QThreadPool;
class QFrame;
class QLabel;
class QMenu;

namespace hh {

class IdentifierField;
class InlineNotice;

class AppSettings;
class DropZone;
class FirstRunTour;
class GeneratePanel;
class JobListModel;
class JobRunner;
class JobStore;
class LibraryView;
class PaperPreview;
class PlayerWidget;
struct Paper;

// The application window. For now: a drop zone, a preview of the imported paper
// and "Make video" with live progress. Imports run on the window's thread pool
// and jobs on the runner's, never on the GUI thread.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    // `runner` may be null (import-only window); jobs belong to `userId`.
    MainWindow(QThreadPool* pool, JobRunner* runner, qint64 userId, QWidget* parent = nullptr,
               QString logFile = {});
    ~MainWindow() override;

    enum class Page { NewVideo, Library, Player };
    // The dialog that picks papers (one or several), given the folder to start in
    // (tests put a double here; by default QFileDialog).
    using FileChooser = std::function<QStringList(QWidget* parent, const QString& startFolder)>;
    void setFileChooser(FileChooser chooser) { m_fileChooser = std::move(chooser); }
    // Where Export asks for a folder; tests answer instead of a person.
    using FolderChooser = std::function<QString(QWidget* parent)>;
    void setFolderChooser(FolderChooser chooser) { m_folderChooser = std::move(chooser); }
    QString openFolder() const; // where the next Open paper… starts
    DropZone* dropZone() const { return m_dropZone; }
    void showPage(Page page);
    Page currentPage() const;

    void importFile(const QString& path);
    // Papers (files, or PMIDs/PMCIDs/DOIs) for New video: one is read and previewed,
    // several wait there for Make video, which makes one job each.
    void loadPapers(const QStringList& inputs);
    // Papers a later `hiddenhill paper.pdf` handed over (SingleInstance): loaded in New
    // video (none: the window only comes to the front), and the window comes to the front.
    void openHandedOver(const QStringList& papers);
    // Asks for an encrypted PDF's password; `problem` says why it asks again. Tests
    // answer instead of a person (by default PdfPasswordPrompt).
    using PasswordAsker = std::function<std::optional<QString>(
        QWidget* parent, const QString& fileName, const QString& problem)>;
    void setPasswordAsker(PasswordAsker asker) { m_askPassword = std::move(asker); }
    // File → Open Recent (this account's papers, newest first).
    QMenu* recentMenu() const { return m_recentMenu; }
    // Imports the bundled sample paper (Meselson & Stahl 1958).
    void importSample();
    PaperPreview* preview() const { return m_preview; }
    GeneratePanel* generatePanel() const { return m_generate; }
    LibraryView* library() const { return m_library; }
    PlayerWidget* player() const { return m_player; }

    // Library actions, public so keyboard, menus and tests share one path.
    void playJob(qint64 jobId);
    void retryJob(qint64 jobId);
    // Retry's work: asks for the password of a job that stopped at an encrypted PDF's
    // lock. A Cancelled error without a message: the person declined to give it.
    Error resumeJob(qint64 jobId);
    void cancelJob(qint64 jobId);
    void deleteJob(qint64 jobId);
    void exportJob(qint64 jobId, const QString& folder); // copies on the pool
    // Where an export's result is shown: a bar in the page the user is on (the player or
    // My Videos), with "Open folder" after a success and what to do after a failure.
    InlineNotice* exportNotice() const;
    // Opens a folder in the desktop's file manager; tests put a double here.
    using FolderOpener = std::function<void(const QString& folder)>;
    void setFolderOpener(FolderOpener opener) { m_openFolder = std::move(opener); }
    // Opens the script editor of a paused job; Continue resumes it.
    void reviewScript(qint64 jobId);
    // Enables "Your account" (profile, password, delete); the worker hashes off the GUI thread.
    void setAccountWorker(class AccountWorker* worker) { m_accounts = worker; }
    // "Your account…": the profile, where the password is changed (or first set)
    // and the account deleted, with its jobs stopped and its keys removed.
    void openProfile();
    std::function<int(class ProfileDialog&)> runProfileDialog; // replaceable: tests
    // The line above the pages that suggests a password to a passwordless account.
    void suggestPassword(bool show);
    bool isPasswordSuggested() const;
    // The cloud providers (Settings → Providers, provider choices in New video).
    // A PMID, PMCID or DOI typed in New video: the paper is fetched on the pool
    // for the preview, and the job fetches it again by the same ID.
    void fetchIdentifier(const PaperIdentifier& id);
    IdentifierField* identifierField() const { return m_identifier; }
    void setProviders(class KeyStore* keys, std::shared_ptr<MemorySecrets> secrets,
                      std::shared_ptr<ProviderHub> hub);
    // Tests answer the editor instead of a person.
    std::function<int(class ScriptReviewDialog&)> runReviewDialog;

    // Preferences: New video takes its defaults from them; Settings… (Ctrl+,) edits them.
    void setSettings(AppSettings* settings);
    void openSettings();
    QAction* settingsAction() const { return m_settingsAction; }
    // Tests answer the Settings dialog instead of a person.
    std::function<int(class SettingsDialog&)> runSettingsDialog;

    // Sign out: with videos of this account still being made, asks whether they
    // finish in the background (with this account's keys) or stop (Continue later
    // picks them up); then signOutRequested. Tests answer instead of a person.
    enum class RunningJobsChoice { LetFinish, Stop, StaySignedIn };
    std::function<RunningJobsChoice(int running)> askAboutRunningJobs;
    void requestSignOut();

Q_SIGNALS:
    void importFinished(bool ok);
    void exportFinished(bool ok, const QString& message);
    void signOutRequested();
    // An encrypted PDF's error asked for its password; the New video panel asks it.
    void passwordRequested();

private:
    QWidget* makePasswordSuggestion(QWidget* parent);
    RecentPapers recentPapers() const;
    QString accountFolder() const; // users/<uuid>: the account's own files and settings
    void fillRecentMenu();
    void chooseFile();
    void startImport(const QString& path, const QString& password);
    // The password for `input` when its import or job stopped at the lock; nullopt: none given.
    std::optional<QString> askPassword(const QString& input, bool wrongBefore);
    void onImported(const QString& path, const Paper& paper);
    void onImportFailed(const QString& path, const Error& error);

    QThreadPool* m_pool = nullptr;
    DropZone* m_dropZone = nullptr;
    FileChooser m_fileChooser;
    PasswordAsker m_askPassword;
    QHash<QString, QString> m_passwords;      // encrypted PDFs' passwords; memory only
    QHash<QString, QString> m_triedPasswords; // imports running with a password
    QString m_lockedPaper;                    // the last PDF left unread for want of its password
    QHash<qint64, QString> m_passwordTriedBy; // job → the password it was last resumed with
    QMenu* m_recentMenu = nullptr;
    FolderChooser m_folderChooser;
    QString m_lastOpenFolder;
    PaperPreview* m_preview = nullptr;
    GeneratePanel* m_generate = nullptr;
    JobRunner* m_runner = nullptr;
    class AccountWorker* m_accounts = nullptr;
    class KeyStore* m_keys = nullptr;
    QFrame* m_passwordSuggestion = nullptr;
    class IdentifierField* m_identifier = nullptr;
    std::shared_ptr<MemorySecrets> m_secrets;
    std::shared_ptr<ProviderHub> m_hub;
    qint64 m_userId = 0;
    QString m_logFile;
    std::unique_ptr<JobStore> m_store; // this window's (GUI thread's) connection
    JobListModel* m_model = nullptr;
    LibraryView* m_library = nullptr;
    PlayerWidget* m_player = nullptr;
    QListWidget* m_sidebar = nullptr;  // the pages: New video, My Videos
    QWidget* m_sidebarPanel = nullptr; // the whole sidebar, hidden in full screen
    QStackedWidget* m_pages = nullptr;
    QSet<qint64> m_running; // this account's jobs currently running in this process
    AppSettings* m_settings = nullptr;
    QAction* m_settingsAction = nullptr;
    void showDetails(qint64 jobId);
    void chooseExportFolder(qint64 jobId);
    void showExportResult(qint64 jobId, const QString& folder, bool ok, const QString& message);
    FolderOpener m_openFolder;
    void updateRunningCount();

public:
    int runningCount() const { return int(m_running.size()); }

    // Help menu: About, and the guided tour a new account sees once.
    void showAbout();
    // Help → Log: this account's jobs' events, live (one window, raised when open).
    void showLog();
    class LogView* logView() const {
        return m_logView;
    }
    // Carries out the fix a failed job's error offers (ErrorActions): Settings →
    // Providers at the provider, this month's use, another data folder, the PDF
    // instead of a fetch, or the password (passwordRequested).
    void applyFix(const hh::ErrorFix& fix);
    // Starts the tour if this account has not seen it yet; true when it started.
    bool offerFirstRunTour();
    void startTour();
    FirstRunTour* tour() const { return m_tour; }

private:
    void buildFileMenu();
    void buildHelpMenu();
    QWidget* buildSidebar(QWidget* parent);
    FirstRunTour* m_tour = nullptr;
    QMenu* m_helpMenu = nullptr;
    class LogView* m_logView = nullptr;
    // Settings, made ready by `prepare` (a page shown, a provider selected) before it opens;
    // the Providers page and its index are null and -1 without providers.
    void openSettingsWith(
        const std::function<void(class SettingsDialog&, class ProvidersPage*, int)>& prepare);
    QLabel* m_runningLabel = nullptr; // "Videos being made: 2" at the sidebar's foot
};

} // namespace hh
