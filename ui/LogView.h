// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ErrorActions.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QPushButton;
class QTableView;
class QThreadPool;

namespace hh {

class ErrorFixButton;
class LogFeed;
class LogFilterProxy;
class LogTableModel;
struct LogRow;

// Help → Log: everything the signed-in account's jobs logged, live while jobs
// run (LogFeed reads on the pool). Filter by level and video, search the text,
// copy the selected rows or all shown, and fix a failed job's error from its row.
class LogView final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogView)
public:
    LogView(const QString& logFile, const QString& databasePath, qint64 userId, QThreadPool* pool,
            QWidget* parent = nullptr);
    ~LogView() override;

    LogFeed* feed() const { return m_feed; }
    LogTableModel* model() const { return m_model; }
    LogFilterProxy* proxy() const { return m_proxy; }
    QTableView* table() const { return m_table; }
    QComboBox* levelBox() const { return m_levels; }
    QComboBox* jobBox() const { return m_jobs; }
    QLineEdit* searchField() const { return m_search; }
    QPushButton* copyButton() const { return m_copy; }
    QPushButton* copyAllButton() const { return m_copyAll; }
    ErrorFixButton* fixButton() const { return m_fix; }

    // The rows as copied: tab-separated columns, one line per row.
    QString textOfRows(const QList<int>& proxyRows) const;
    void copySelected();
    void copyAll();

Q_SIGNALS:
    void fixRequested(const hh::ErrorFix& fix);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void addRows(const QList<LogRow>& rows);
    void updateFix();

    LogTableModel* m_model = nullptr;
    LogFilterProxy* m_proxy = nullptr;
    LogFeed* m_feed = nullptr;
    QTableView* m_table = nullptr;
    QComboBox* m_levels = nullptr;
    QComboBox* m_jobs = nullptr;
    QLineEdit* m_search = nullptr;
    QPushButton* m_copy = nullptr;
    QPushButton* m_copyAll = nullptr;
    ErrorFixButton* m_fix = nullptr;
};

} // namespace hh
