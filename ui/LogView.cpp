// SPDX-License-Identifier: GPL-3.0-or-later
#include "LogView.h"

#include "ErrorFixButton.h"
#include "JobDetailDialog.h"
#include "LogFeed.h"
#include "LogFilterProxy.h"
#include "LogTableModel.h"
#include "jobs/JobSteps.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

namespace hh {

LogView::LogView(const QString& logFile, const QString& databasePath, qint64 userId,
                 QThreadPool* pool, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Log"));
    m_model = new LogTableModel(this);
    m_proxy = new LogFilterProxy(this);
    m_proxy->setSourceModel(m_model);

    m_levels = new QComboBox(this);
    m_levels->setAccessibleName(tr("Levels shown"));
    m_levels->addItem(tr("All levels"), int(LogFilterProxy::Levels::All));
    m_levels->addItem(tr("Warnings and errors"), int(LogFilterProxy::Levels::WarningsAndErrors));
    m_levels->addItem(tr("Errors"), int(LogFilterProxy::Levels::Errors));
    m_jobs = new QComboBox(this);
    m_jobs->setAccessibleName(tr("Video shown"));
    m_jobs->addItem(tr("All videos"), qint64(0));
    m_jobs->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_jobs->setMaximumWidth(320);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search the log"));
    m_search->setAccessibleName(tr("Search the log"));
    m_search->setClearButtonEnabled(true);
    auto* filters = new QHBoxLayout;
    auto* levelLabel = new QLabel(tr("&Show:"), this);
    levelLabel->setBuddy(m_levels);
    filters->addWidget(levelLabel);
    filters->addWidget(m_levels);
    filters->addWidget(m_jobs);
    filters->addWidget(m_search, 1);

    m_table = new QTableView(this);
    m_table->setModel(m_proxy);
    m_table->setAccessibleName(tr("Log events"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->setColumnWidth(LogTableModel::TimeColumn, 150);
    m_table->setColumnWidth(LogTableModel::LevelColumn, 80);
    m_table->setColumnWidth(LogTableModel::JobColumn, 200);
    // Wide enough for the longest step in the interface's language ("Untertitel werden …").
    int stepWidth = 0;
    for (int step = 0; step < int(Step::Done); ++step)
        stepWidth = std::max(
            stepWidth, m_table->fontMetrics().horizontalAdvance(JobDetailDialog::stepLabel(step)));
    m_table->setColumnWidth(LogTableModel::StepColumn, stepWidth + 24);

    m_fix = new ErrorFixButton(this);
    m_copy = new QPushButton(tr("&Copy"), this);
    m_copy->setEnabled(false);
    m_copyAll = new QPushButton(tr("Copy &all"), this);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_copy, QDialogButtonBox::ActionRole);
    buttons->addButton(m_copyAll, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_fix);
    bottom->addStretch(1);
    bottom->addWidget(buttons);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addLayout(bottom);
    resize(960, 520);

    // Ctrl+C in the table copies the selected rows, as everywhere else.
    auto* copyShortcut = new QAction(this);
    copyShortcut->setShortcut(QKeySequence::Copy);
    copyShortcut->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_table->addAction(copyShortcut);
    connect(copyShortcut, &QAction::triggered, this, &LogView::copySelected);
    connect(m_copy, &QPushButton::clicked, this, &LogView::copySelected);
    connect(m_copyAll, &QPushButton::clicked, this, &LogView::copyAll);
    connect(m_levels, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setLevels(LogFilterProxy::Levels(m_levels->currentData().toInt()));
    });
    connect(m_jobs, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setJob(m_jobs->currentData().toLongLong()); });
    connect(m_search, &QLineEdit::textChanged, m_proxy, &LogFilterProxy::setSearchText);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &LogView::updateFix);
    connect(m_fix, &ErrorFixButton::fixRequested, this, &LogView::fixRequested);

    m_feed = new LogFeed(logFile, databasePath, userId, pool, this);
    connect(m_feed, &LogFeed::rowsArrived, this, &LogView::addRows);
    connect(m_feed, &LogFeed::jobTitleChanged, this, [this](qint64 jobId, const QString& title) {
        m_model->setJobTitle(jobId, title);
        const int item = m_jobs->findData(jobId);
        if (item >= 0)
            m_jobs->setItemText(item, title);
    });
}

// The log is read only while the view is on screen; a closed view costs nothing.
void LogView::showEvent(QShowEvent* event) {
    QDialog::showEvent(event);
    m_feed->start();
}

void LogView::hideEvent(QHideEvent* event) {
    m_feed->stop();
    QDialog::hideEvent(event);
}

LogView::~LogView() = default;

void LogView::addRows(const QList<LogRow>& rows) {
    // New lines follow the end only when the reader is at the end already.
    QScrollBar* scroll = m_table->verticalScrollBar();
    const bool atEnd = scroll->value() == scroll->maximum();
    m_model->appendRows(rows);
    for (const LogRow& row : rows) {
        if (m_jobs->findData(row.event.jobId) >= 0)
            continue;
        m_jobs->addItem(row.jobTitle.isEmpty() ? tr("Video %1").arg(row.event.jobId) : row.jobTitle,
                        row.event.jobId);
    }
    if (atEnd)
        m_table->scrollToBottom();
}

void LogView::updateFix() {
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    m_copy->setEnabled(!selected.isEmpty());
    if (selected.size() != 1) {
        m_fix->clearFix();
        return;
    }
    const QModelIndex row = selected.first();
    m_fix->showFor(row.data(LogTableModel::ErrorTypeRole).toString(),
                   row.data(LogTableModel::StepRole).toString(),
                   row.data(LogTableModel::MessageRole).toString());
}

QString LogView::textOfRows(const QList<int>& proxyRows) const {
    QStringList lines;
    for (const int row : proxyRows) {
        QStringList cells;
        for (int column = 0; column < LogTableModel::ColumnCount; ++column)
            cells << m_proxy->index(row, column).data().toString();
        lines << cells.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n'));
}

void LogView::copySelected() {
    QList<int> rows;
    for (const QModelIndex& index : m_table->selectionModel()->selectedRows())
        rows << index.row();
    std::sort(rows.begin(), rows.end());
    if (!rows.isEmpty())
        QApplication::clipboard()->setText(textOfRows(rows));
}

void LogView::copyAll() {
    QList<int> rows;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        rows << row;
    QApplication::clipboard()->setText(textOfRows(rows));
}

} // namespace hh
