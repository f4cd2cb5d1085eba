// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jobs/EventLogReader.h"

#include <QAbstractTableModel>
#include <QList>

namespace hh {

// One event of the log view: the event and the title of its job's paper.
struct LogRow {
    LogEvent event;
    QString jobTitle;
};

// Help → Log: the signed-in account's job events, oldest first, as a table
// (time, level, video, step, message). Rows only arrive (appendRows) from the
// feed; the model never reads files itself.
class LogTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogTableModel)
public:
    enum Column { TimeColumn, LevelColumn, JobColumn, StepColumn, MessageColumn, ColumnCount };
    enum Role {
        LevelRole = Qt::UserRole + 1, // int(LogLevel)
        JobIdRole,
        StepRole, // the stored step name ("generate-audio")
        ErrorTypeRole,
        MessageRole,
    };

    explicit LogTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void appendRows(const QList<LogRow>& rows);
    // A job's title became known (its paper was read after the first events).
    void setJobTitle(qint64 jobId, const QString& title);
    const LogRow& row(int index) const { return m_rows.at(index); }

    static QString levelLabel(LogLevel level); // "Error", in the interface's language
    static QString stepLabel(const QString& step);

private:
    QList<LogRow> m_rows;
};

} // namespace hh
