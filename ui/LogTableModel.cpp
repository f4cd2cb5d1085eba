// SPDX-License-Identifier: GPL-3.0-or-later
#include "LogTableModel.h"

#include "ErrorTexts.h"
#include "JobDetailDialog.h"
#include "jobs/JobSteps.h"

#include <QLocale>

namespace hh {

LogTableModel::LogTableModel(QObject* parent)
    : QAbstractTableModel(parent) {}

int LogTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LogTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString LogTableModel::levelLabel(LogLevel level) {
    switch (level) {
    case LogLevel::Info:
        return tr("Info");
    case LogLevel::Warning:
        return tr("Warning");
    case LogLevel::Error:
        return tr("Error");
    }
    return {};
}

QString LogTableModel::stepLabel(const QString& step) {
    // The job's five steps in the user's words; anything else (a step of a newer
    // version, "keys") as stored.
    for (int s = 0; s < int(Step::Done); ++s) {
        if (stepName(Step(s)) == step)
            return JobDetailDialog::stepLabel(s);
    }
    return step;
}

QVariant LogTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const LogRow& row = m_rows.at(index.row());
    const LogEvent& event = row.event;
    switch (role) {
    case Qt::ToolTipRole:
        // An error's meaning and what to do, in the user's language, over its row.
        if (!event.errorType.isEmpty())
            return QStringLiteral("%1\n%2").arg(ErrorTexts::title(event.errorType),
                                                ErrorTexts::advice(event.errorType));
        [[fallthrough]];
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return event.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case LevelColumn:
            return levelLabel(event.level);
        case JobColumn:
            return row.jobTitle.isEmpty() ? tr("Video %1").arg(event.jobId) : row.jobTitle;
        case StepColumn:
            return stepLabel(event.step);
        case MessageColumn:
            return event.message;
        default:
            return {};
        }
    case LevelRole:
        return int(event.level);
    case JobIdRole:
        return event.jobId;
    case StepRole:
        return event.step;
    case ErrorTypeRole:
        return event.errorType;
    case MessageRole:
        return event.message;
    default:
        return {};
    }
}

QVariant LogTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case LevelColumn:
        return tr("Level");
    case JobColumn:
        return tr("Video");
    case StepColumn:
        return tr("Step");
    case MessageColumn:
        return tr("Message");
    default:
        return {};
    }
}

void LogTableModel::appendRows(const QList<LogRow>& rows) {
    if (rows.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size() - 1));
    m_rows.append(rows);
    endInsertRows();
}

void LogTableModel::setJobTitle(qint64 jobId, const QString& title) {
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].event.jobId == jobId && m_rows[i].jobTitle != title) {
            m_rows[i].jobTitle = title;
            const QModelIndex cell = index(i, JobColumn);
            Q_EMIT dataChanged(cell, cell);
        }
    }
}

} // namespace hh
