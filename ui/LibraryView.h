// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "IconSet.h"

#include <QWidget>
#include <functional>

class QAction;
class QButtonGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QMenu;
class QModelIndex;
class QStackedWidget;
class QToolBar;
class QToolButton;

namespace hh {

class InlineNotice;
class JobDelegate;
class JobFilterProxy;
class JobListModel;

// "My Videos": the signed-in account's jobs as cards or rows, with search,
// status filter, sort and the actions a job allows in its state. The view only
// asks; whoever owns the runner and the files acts on its typed signals.
class LibraryView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LibraryView)
public:
    enum class Action {
        Play,
        Details,
        Export,
        ShowInFolder,
        Retry,
        Cancel,
        Delete,
        MoveToTop, // queued jobs only
        Pause,     // queued jobs only: out of the queue until resumed (Retry)
    };
    // Asked before deleting a job; returns true to go ahead. Replaceable so tests
    // need no modal dialog.
    using Confirmation = std::function<bool(const QString& title)>;

    explicit LibraryView(JobListModel* model, QWidget* parent = nullptr);

    void setConfirmation(Confirmation confirm);
    void setGridMode(bool grid);
    bool isGridMode() const;

    // The job of the current row, 0 when nothing is selected.
    qint64 currentJobId() const;
    bool selectJob(qint64 jobId);
    // The same routing as a double-click on the row of `jobId`.
    void activateJob(qint64 jobId);

    QAction* action(Action which) const;
    QListView* listView() const { return m_list; }
    QLineEdit* searchField() const { return m_search; }
    QComboBox* statusFilter() const { return m_status; }
    QComboBox* sortOrder() const { return m_sort; }
    QWidget* emptyState() const { return m_empty; }
    JobFilterProxy* proxy() const { return m_proxy; }
    JobDelegate* delegate() const { return m_delegate; }
    // News about the videos (an export's result), shown under the header.
    InlineNotice* notice() const { return m_notice; }

Q_SIGNALS:
    void newVideoRequested();
    void playRequested(qint64 jobId);
    void detailsRequested(qint64 jobId);
    void exportRequested(qint64 jobId);
    void retryRequested(qint64 jobId);
    void cancelRequested(qint64 jobId);
    void moveToTopRequested(qint64 jobId);
    void pauseRequested(qint64 jobId);
    void deleteRequested(qint64 jobId);

protected:
    void changeEvent(QEvent* event) override;

private:
    QWidget* createHeader();
    QWidget* createEmptyState();
    void createActions();
    QAction* createAction(Action which, const QString& text, IconSet::Icon icon,
                          void (LibraryView::*handler)());
    QToolButton* createModeButton(const QString& text, IconSet::Icon icon, bool grid);
    void updateEmptyIcon();
    QModelIndex currentSourceIndex() const;
    QString currentStatus() const;
    void updateActions();
    void updateEmptyState();
    void showContextMenu(const QPoint& position);
    void onActivated(const QModelIndex& proxyIndex);
    void routeActivation(const QModelIndex& sourceIndex);

    void play();
    void showDetails();
    void exportVideo();
    void showInFolder();
    void retry();
    void cancel();
    void moveToTop();
    void pause();
    void remove();
    static bool askBeforeDelete(QWidget* parent, const QString& title);

    JobListModel* m_model = nullptr;
    JobFilterProxy* m_proxy = nullptr;
    JobDelegate* m_delegate = nullptr;
    QListView* m_list = nullptr;
    QStackedWidget* m_pages = nullptr;
    QWidget* m_empty = nullptr;
    QLabel* m_emptyIcon = nullptr;
    QWidget* m_controls = nullptr; // search, filters and mode buttons
    QLineEdit* m_search = nullptr;
    QComboBox* m_status = nullptr;
    QComboBox* m_sort = nullptr;
    QToolButton* m_gridButton = nullptr;
    QToolButton* m_listButton = nullptr;
    QToolBar* m_toolbar = nullptr;
    QMenu* m_menu = nullptr;
    QList<QAction*> m_actions; // indexed by Action
    Confirmation m_confirm;
    InlineNotice* m_notice = nullptr;
};

} // namespace hh
