// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobFilterProxy.h"

#include "JobListModel.h"
#include "jobs/JobStore.h"

#include <QDateTime>

namespace hh {

JobFilterProxy::JobFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent) {
    // Progress ticks change only ProgressRole/StepRole/DetailRole; naming the roles
    // the filter and sort read lets the proxy skip re-filtering on every tick.
    setFilterRole(JobListModel::StatusRole);
    setSortRole(JobListModel::CreatedRole);
    setDynamicSortFilter(true);
    sort(0, Qt::AscendingOrder);
}

void JobFilterProxy::setSearchText(const QString& text) {
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateFilter();
}

void JobFilterProxy::setStatusFilter(const QString& status) {
    if (status == m_status)
        return;
    m_status = status;
    invalidateFilter();
}

void JobFilterProxy::setSortOrder(SortOrder order) {
    if (order == m_order)
        return;
    m_order = order;
    setSortRole(order == SortOrder::Title ? int(JobListModel::TitleRole)
                                          : int(JobListModel::CreatedRole));
    invalidate();
}

bool JobFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    return statusMatches(index.data(JobListModel::StatusRole).toString()) && textMatches(index);
}

bool JobFilterProxy::statusMatches(const QString& status) const {
    if (m_status.isEmpty() || status == m_status)
        return true;
    return m_status == JobStatus::Running && status == JobStatus::Pending;
}

bool JobFilterProxy::textMatches(const QModelIndex& index) const {
    if (m_text.isEmpty())
        return true;
    return index.data(JobListModel::TitleRole).toString().contains(m_text, Qt::CaseInsensitive) ||
           index.data(JobListModel::PaperIdRole).toString().contains(m_text, Qt::CaseInsensitive);
}

// The proxy always sorts ascending; "newest first" is expressed here so that
// ties fall back to the job id (ids grow with creation) in the same direction.
bool JobFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const {
    const qint64 leftId = left.data(JobListModel::IdRole).toLongLong();
    const qint64 rightId = right.data(JobListModel::IdRole).toLongLong();
    if (m_order == SortOrder::Title) {
        const int order =
            QString::localeAwareCompare(left.data(JobListModel::TitleRole).toString(),
                                        right.data(JobListModel::TitleRole).toString());
        return order != 0 ? order < 0 : leftId > rightId;
    }
    const QDateTime leftCreated = left.data(JobListModel::CreatedRole).toDateTime();
    const QDateTime rightCreated = right.data(JobListModel::CreatedRole).toDateTime();
    const bool newest = m_order == SortOrder::Newest;
    if (leftCreated != rightCreated)
        return newest ? leftCreated > rightCreated : leftCreated < rightCreated;
    return newest ? leftId > rightId : leftId < rightId;
}

} // namespace hh
