// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>
#include <QString>

namespace hh {

// The library's search box, status filter and sort order over a JobListModel.
class JobFilterProxy final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobFilterProxy)
public:
    enum class SortOrder { Newest, Oldest, Title };

    explicit JobFilterProxy(QObject* parent = nullptr);

    // Matches the title or the paper id, case-insensitive, taken literally.
    void setSearchText(const QString& text);
    QString searchText() const { return m_text; }
    // A JobStatus value; empty: every status. "running" also shows pending jobs,
    // which the user thinks of as started.
    void setStatusFilter(const QString& status);
    QString statusFilter() const { return m_status; }
    void setSortOrder(SortOrder order);
    SortOrder sortOrder() const { return m_order; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    bool statusMatches(const QString& status) const;
    bool textMatches(const QModelIndex& index) const;

    QString m_text;
    QString m_status;
    SortOrder m_order = SortOrder::Newest;
};

} // namespace hh
