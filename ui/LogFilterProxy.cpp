// SPDX-License-Identifier: GPL-3.0-or-later
#include "LogFilterProxy.h"

#include "LogTableModel.h"

namespace hh {

LogFilterProxy::LogFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent) {}

void LogFilterProxy::setLevels(Levels levels) {
    m_levels = levels;
    invalidateFilter();
}

void LogFilterProxy::setJob(qint64 jobId) {
    m_jobId = jobId;
    invalidateFilter();
}

void LogFilterProxy::setSearchText(const QString& text) {
    m_search = text.trimmed();
    invalidateFilter();
}

bool LogFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QAbstractItemModel* model = sourceModel();
    const QModelIndex first = model->index(sourceRow, 0, sourceParent);
    const auto level = LogLevel(first.data(LogTableModel::LevelRole).toInt());
    if (m_levels == Levels::Errors && level != LogLevel::Error)
        return false;
    if (m_levels == Levels::WarningsAndErrors && level == LogLevel::Info)
        return false;
    if (m_jobId != 0 && first.data(LogTableModel::JobIdRole).toLongLong() != m_jobId)
        return false;
    if (m_search.isEmpty())
        return true;
    // What the person sees, so a translated step or level can be searched for too.
    for (int column = 0; column < model->columnCount(sourceParent); ++column) {
        if (model->index(sourceRow, column, sourceParent)
                .data()
                .toString()
                .contains(m_search, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace hh
