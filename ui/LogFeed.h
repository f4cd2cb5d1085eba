// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "LogTableModel.h"

#include <QObject>
#include <memory>

class QThreadPool;
class QTimer;

namespace hh {

// Feeds the log view while it is open: polls the event log on a pool thread
// (EventLogReader reads only what was appended since the last poll) and passes
// on the events of the signed-in account's jobs. The log file is shared by all
// accounts of the computer, so every job id is checked against the job table for
// its owner; lines without a job, other accounts' jobs and lines older than the
// job (an earlier data folder's job with the same id) are never passed on.
class LogFeed final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogFeed)
public:
    LogFeed(QString logFile, QString databasePath, qint64 userId, QThreadPool* pool,
            QObject* parent = nullptr);
    ~LogFeed() override;

    // Polls every `intervalMs` from now on, and once at once.
    void start(int intervalMs = 500);
    void stop();
    // Reads now (a job just changed) unless a read is on its way.
    void poll();

Q_SIGNALS:
    void rowsArrived(const QList<hh::LogRow>& rows);
    void jobTitleChanged(qint64 jobId, const QString& title);
    // A poll finished (with or without rows), for tests and "Loading…".
    void polled();

private:
    struct State;
    std::shared_ptr<State> m_state;
    QThreadPool* m_pool = nullptr;
    QTimer* m_timer = nullptr;
    bool m_busy = false;
    bool m_again = false;
};

} // namespace hh
