// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>

namespace hh {

// What the log view shows of the account's events: a least level, one job or
// all, and a text that must occur in the message, the video's title or the step.
class LogFilterProxy final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogFilterProxy)
public:
    enum class Levels { All, WarningsAndErrors, Errors };

    explicit LogFilterProxy(QObject* parent = nullptr);

    void setLevels(Levels levels);
    void setJob(qint64 jobId); // 0: every job
    void setSearchText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    Levels m_levels = Levels::All;
    qint64 m_jobId = 0;
    QString m_search;
};

} // namespace hh
