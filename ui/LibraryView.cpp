// SPDX-License-Identifier: GPL-3.0-or-later
#include "LibraryView.h"

#include "IconSet.h"
#include "InlineNotice.h"
#include "JobDelegate.h"
#include "JobFilterProxy.h"
#include "JobListModel.h"
#include "jobs/JobStore.h"

#include <QAction>
#include <QButtonGroup>
#include <QComboBox>
#include <QDesktopServices>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QToolBar>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>
#include <algorithm>

namespace hh {

namespace {

bool isOneOf(const QString& status, std::initializer_list<QLatin1String> wanted) {
    return std::any_of(wanted.begin(), wanted.end(),
                       [&status](QLatin1String one) { return status == one; });
}

} // namespace

LibraryView::LibraryView(JobListModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_confirm([this](const QString& title) { return askBeforeDelete(this, title); }) {
    m_proxy = new JobFilterProxy(this);
    m_proxy->setSourceModel(m_model);
    m_delegate = new JobDelegate(this);

    m_list = new QListView(this);
    m_list->setModel(m_proxy);
    m_list->setItemDelegate(m_delegate);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    m_list->setMouseTracking(true);
    m_list->viewport()->setAttribute(Qt::WA_Hover);
    m_list->setUniformItemSizes(true);
    m_list->setFrameShape(QFrame::NoFrame);

    createActions();
    m_empty = createEmptyState();
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_list);
    m_pages->addWidget(m_empty);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 8);
    layout->setSpacing(8);
    layout->addWidget(createHeader());
    m_notice = new InlineNotice(this);
    m_notice->setObjectName(QStringLiteral("libraryNotice"));
    layout->addWidget(m_notice);
    layout->addWidget(m_toolbar);
    layout->addWidget(m_pages, 1);

    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &LibraryView::updateActions);
    // activated: a double click, and Enter on the focused card (a keyboard user's "open").
    connect(m_list, &QListView::activated, this, &LibraryView::onActivated);
    connect(m_list, &QListView::customContextMenuRequested, this, &LibraryView::showContextMenu);
    // A status change of the selected job (it finished, failed…) changes what it allows.
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, &LibraryView::updateActions);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &LibraryView::updateActions);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &LibraryView::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &LibraryView::updateEmptyState);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &LibraryView::updateEmptyState);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &LibraryView::updateEmptyState);

    setGridMode(true);
    updateEmptyState();
    updateActions();
}

QWidget* LibraryView::createHeader() {
    auto* header = new QWidget(this);
    auto* title = new QLabel(tr("My Videos"), header);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    title->setFont(titleFont);

    m_search = new QLineEdit(header);
    m_search->setPlaceholderText(tr("Search title or paper ID"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(IconSet::icon(IconSet::Icon::Search), QLineEdit::LeadingPosition);
    m_search->setMinimumWidth(180);

    m_status = new QComboBox(header);
    m_status->addItem(tr("All"), QString());
    m_status->addItem(tr("Running"), QString(JobStatus::Running));
    m_status->addItem(tr("Queued"), QString(JobStatus::Queued));
    m_status->addItem(tr("Completed"), QString(JobStatus::Completed));
    m_status->addItem(tr("Failed"), QString(JobStatus::Failed));
    m_status->addItem(tr("Paused"), QString(JobStatus::Paused));
    m_status->addItem(tr("Cancelled"), QString(JobStatus::Cancelled));
    m_status->setToolTip(tr("Show jobs in this state"));

    m_sort = new QComboBox(header);
    m_sort->addItem(tr("Newest first"), int(JobFilterProxy::SortOrder::Newest));
    m_sort->addItem(tr("Oldest first"), int(JobFilterProxy::SortOrder::Oldest));
    m_sort->addItem(tr("Title A–Z"), int(JobFilterProxy::SortOrder::Title));

    m_gridButton = createModeButton(tr("Grid"), IconSet::Icon::Grid, true);
    m_listButton = createModeButton(tr("List"), IconSet::Icon::List, false);
    auto* modes = new QButtonGroup(header);
    modes->setExclusive(true);
    modes->addButton(m_gridButton);
    modes->addButton(m_listButton);

    // Searching, filtering and switching the layout of nothing is noise next to
    // the empty state's call to action, so these hide together.
    m_controls = new QWidget(header);
    auto* controls = new QHBoxLayout(m_controls);
    controls->setContentsMargins(0, 0, 0, 0);
    controls->addWidget(m_search);
    controls->addWidget(m_status);
    controls->addWidget(m_sort);
    controls->addSpacing(8);
    controls->addWidget(m_gridButton);
    controls->addWidget(m_listButton);

    auto* row = new QHBoxLayout(header);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(title);
    row->addStretch(1);
    row->addWidget(m_controls);

    connect(m_search, &QLineEdit::textChanged, m_proxy, &JobFilterProxy::setSearchText);
    connect(m_status, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setStatusFilter(m_status->currentData().toString()); });
    connect(m_sort, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setSortOrder(JobFilterProxy::SortOrder(m_sort->currentData().toInt()));
    });
    return header;
}

QToolButton* LibraryView::createModeButton(const QString& text, IconSet::Icon icon, bool grid) {
    auto* button = new QToolButton(this);
    button->setText(text);
    button->setToolTip(grid ? tr("Show as cards") : tr("Show as a list"));
    button->setIcon(IconSet::icon(icon));
    button->setToolButtonStyle(Qt::ToolButtonFollowStyle);
    button->setCheckable(true);
    button->setAutoRaise(true);
    connect(button, &QToolButton::toggled, this, [this, grid](bool on) {
        if (on)
            setGridMode(grid);
    });
    return button;
}

QWidget* LibraryView::createEmptyState() {
    auto* page = new QWidget(this);
    auto* message = new QLabel(tr("No videos yet — drop a paper on New video"), page);
    message->setAlignment(Qt::AlignCenter);
    message->setWordWrap(true);
    QFont font = message->font();
    font.setPointSizeF(font.pointSizeF() * 1.2);
    message->setFont(font);
    auto* button = new QPushButton(tr("New video"), page);
    button->setIcon(IconSet::icon(IconSet::Icon::NewVideo));
    button->setDefault(true);
    connect(button, &QPushButton::clicked, this, &LibraryView::newVideoRequested);

    m_emptyIcon = new QLabel(page);
    m_emptyIcon->setAlignment(Qt::AlignCenter);
    updateEmptyIcon();

    auto* layout = new QVBoxLayout(page);
    layout->addStretch(1);
    layout->addWidget(m_emptyIcon);
    layout->addSpacing(16);
    layout->addWidget(message);
    layout->addSpacing(16);
    layout->addWidget(button, 0, Qt::AlignHCenter);
    layout->addStretch(2);
    return page;
}

void LibraryView::createActions() {
    m_toolbar = new QToolBar(this);
    m_toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolbar->setIconSize(QSize(16, 16));
    m_menu = new QMenu(this);
    createAction(Action::Play, tr("Play"), IconSet::Icon::Play, &LibraryView::play);
    createAction(Action::Details, tr("Show details"), IconSet::Icon::Details,
                 &LibraryView::showDetails);
    createAction(Action::Export, tr("Export…"), IconSet::Icon::Export, &LibraryView::exportVideo);
    createAction(Action::ShowInFolder, tr("Show in folder"), IconSet::Icon::Folder,
                 &LibraryView::showInFolder);
    m_toolbar->addSeparator();
    m_menu->addSeparator();
    // The queue's own actions, shown while the selected job waits in line.
    createAction(Action::MoveToTop, tr("Move to top"), IconSet::Icon::List, &LibraryView::moveToTop)
        ->setToolTip(tr("Make this video the next one to start"));
    createAction(Action::Pause, tr("Pause"), IconSet::Icon::Pause, &LibraryView::pause)
        ->setToolTip(tr("Take this video out of the queue until you resume it"));
    createAction(Action::Retry, tr("Retry"), IconSet::Icon::Retry, &LibraryView::retry);
    createAction(Action::Cancel, tr("Cancel"), IconSet::Icon::Cancel, &LibraryView::cancel);
    m_toolbar->addSeparator();
    m_menu->addSeparator();
    QAction* remove =
        createAction(Action::Delete, tr("Delete"), IconSet::Icon::Delete, &LibraryView::remove);
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(remove); // so the shortcut works while the list has focus
}

QAction* LibraryView::createAction(Action which, const QString& text, IconSet::Icon icon,
                                   void (LibraryView::*handler)()) {
    auto* action = new QAction(IconSet::icon(icon), text, this);
    connect(action, &QAction::triggered, this, handler);
    m_toolbar->addAction(action);
    m_menu->addAction(action);
    // Indexed by Action, whatever order they are placed in.
    if (m_actions.size() <= int(which))
        m_actions.resize(int(which) + 1);
    m_actions[int(which)] = action;
    return action;
}

void LibraryView::updateEmptyIcon() {
    // A large, quiet picture of the library in the theme's secondary text colour.
    const QColor color = palette().color(QPalette::PlaceholderText);
    m_emptyIcon->setPixmap(
        IconSet::pixmap(IconSet::Icon::MyVideos, QSize(64, 64), color, devicePixelRatioF()));
}

void LibraryView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange && m_emptyIcon)
        updateEmptyIcon();
    QWidget::changeEvent(event);
}

QAction* LibraryView::action(Action which) const {
    return m_actions.value(int(which));
}

void LibraryView::setConfirmation(Confirmation confirm) {
    m_confirm = std::move(confirm);
}

void LibraryView::setGridMode(bool grid) {
    m_delegate->setMode(grid ? JobDelegate::Mode::Cards : JobDelegate::Mode::Rows);
    m_list->setViewMode(grid ? QListView::IconMode : QListView::ListMode);
    // IconMode defaults to free movement (drag cards around); a library keeps its order.
    m_list->setMovement(QListView::Static);
    m_list->setFlow(grid ? QListView::LeftToRight : QListView::TopToBottom);
    m_list->setWrapping(grid);
    m_list->setResizeMode(QListView::Adjust);
    // Each card carries its own 8 px margin: 16 px between thumbnails, on the grid.
    m_list->setSpacing(0);
    m_list->setDragEnabled(false);
    (grid ? m_gridButton : m_listButton)->setChecked(true);
}

bool LibraryView::isGridMode() const {
    return m_delegate->mode() == JobDelegate::Mode::Cards;
}

QModelIndex LibraryView::currentSourceIndex() const {
    return m_proxy->mapToSource(m_list->currentIndex());
}

qint64 LibraryView::currentJobId() const {
    const QModelIndex index = currentSourceIndex();
    return index.isValid() ? index.data(JobListModel::IdRole).toLongLong() : 0;
}

QString LibraryView::currentStatus() const {
    return currentSourceIndex().data(JobListModel::StatusRole).toString();
}

bool LibraryView::selectJob(qint64 jobId) {
    const QModelIndex index = m_proxy->mapFromSource(m_model->indexOfJob(jobId));
    if (!index.isValid())
        return false;
    m_list->setCurrentIndex(index);
    m_list->scrollTo(index);
    return true;
}

void LibraryView::activateJob(qint64 jobId) {
    routeActivation(m_model->indexOfJob(jobId));
}

void LibraryView::updateActions() {
    const bool selected = currentJobId() != 0;
    const QString status = currentStatus();
    const bool completed = status == JobStatus::Completed;
    action(Action::Play)->setEnabled(completed);
    action(Action::Details)->setEnabled(selected);
    action(Action::Export)->setEnabled(completed);
    action(Action::ShowInFolder)->setEnabled(selected);
    action(Action::Retry)
        ->setEnabled(isOneOf(status, {JobStatus::Failed, JobStatus::Cancelled, JobStatus::Paused}));
    action(Action::Cancel)
        ->setEnabled(isOneOf(status, {JobStatus::Pending, JobStatus::Queued, JobStatus::Running,
                                      JobStatus::Paused}));
    const bool queued = status == JobStatus::Queued;
    action(Action::MoveToTop)->setEnabled(queued);
    action(Action::MoveToTop)->setVisible(queued);
    action(Action::Pause)->setEnabled(queued);
    action(Action::Pause)->setVisible(queued);
    action(Action::Delete)->setEnabled(selected);
}

void LibraryView::updateEmptyState() {
    const bool empty = m_model->rowCount() == 0;
    m_pages->setCurrentWidget(empty ? m_empty : m_list);
    m_toolbar->setVisible(!empty);
    m_controls->setVisible(!empty);
}

void LibraryView::showContextMenu(const QPoint& position) {
    const QModelIndex index = m_list->indexAt(position);
    if (!index.isValid())
        return;
    m_list->setCurrentIndex(index);
    updateActions();
    m_menu->popup(m_list->viewport()->mapToGlobal(position));
}

void LibraryView::onActivated(const QModelIndex& proxyIndex) {
    routeActivation(m_proxy->mapToSource(proxyIndex));
}

void LibraryView::routeActivation(const QModelIndex& sourceIndex) {
    if (!sourceIndex.isValid())
        return;
    const qint64 jobId = sourceIndex.data(JobListModel::IdRole).toLongLong();
    if (sourceIndex.data(JobListModel::StatusRole).toString() == JobStatus::Completed)
        Q_EMIT playRequested(jobId);
    else
        Q_EMIT detailsRequested(jobId);
}

void LibraryView::play() {
    if (const qint64 id = currentJobId(); id != 0 && currentStatus() == JobStatus::Completed)
        Q_EMIT playRequested(id);
}

void LibraryView::showDetails() {
    if (const qint64 id = currentJobId(); id != 0)
        Q_EMIT detailsRequested(id);
}

void LibraryView::exportVideo() {
    if (const qint64 id = currentJobId(); id != 0 && currentStatus() == JobStatus::Completed)
        Q_EMIT exportRequested(id);
}

void LibraryView::showInFolder() {
    if (const qint64 id = currentJobId(); id != 0)
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_model->jobDir(id)));
}

void LibraryView::retry() {
    if (const qint64 id = currentJobId(); id != 0)
        Q_EMIT retryRequested(id);
}

void LibraryView::cancel() {
    if (const qint64 id = currentJobId(); id != 0)
        Q_EMIT cancelRequested(id);
}

void LibraryView::moveToTop() {
    if (const qint64 id = currentJobId(); id != 0 && currentStatus() == JobStatus::Queued)
        Q_EMIT moveToTopRequested(id);
}

void LibraryView::pause() {
    if (const qint64 id = currentJobId(); id != 0 && currentStatus() == JobStatus::Queued)
        Q_EMIT pauseRequested(id);
}

void LibraryView::remove() {
    const qint64 id = currentJobId();
    if (id == 0)
        return;
    const QString title = currentSourceIndex().data(JobListModel::TitleRole).toString();
    if (m_confirm && m_confirm(title))
        Q_EMIT deleteRequested(id);
}

bool LibraryView::askBeforeDelete(QWidget* parent, const QString& title) {
    QMessageBox box(QMessageBox::Warning, tr("Delete video"), tr("Delete “%1”?").arg(title),
                    QMessageBox::Cancel, parent);
    box.setInformativeText(tr("Its video, script, audio and every other file of this job are "
                              "removed from this computer. This cannot be undone."));
    QPushButton* confirm = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == confirm;
}

} // namespace hh
