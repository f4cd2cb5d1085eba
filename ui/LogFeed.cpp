// SPDX-License-Identifier: GPL-3.0-or-later
#include "LogFeed.h"

#include "jobs/JobStore.h"

#include <QCoreApplication>
#include <QHash>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>

namespace hh {

namespace {

// The clocks of the log and of the job table may differ a little; a job's own
// first lines are never much older than its row.
constexpr qint64 kClockSlackSeconds = 60;

struct JobInfo {
    bool mine = false;
    QString title;
    QDateTime createdAt;
};

struct Batch {
    QList<LogRow> rows;
    QList<QPair<qint64, QString>> titles; // jobs whose title became known
};

} // namespace

struct LogFeed::State {
    State(QString logFile, QString database, qint64 owner)
        : reader(std::move(logFile))
        , databasePath(std::move(database))
        , userId(owner) {}

    EventLogReader reader;
    const QString databasePath;
    const qint64 userId;
    QHash<qint64, JobInfo> jobs; // every job id met so far, mine or not

    // Runs on a pool thread, one poll at a time.
    Batch read() {
        Batch batch;
        const QList<LogEvent> events = reader.readNew();
        std::unique_ptr<JobStore> store; // opened only when an unknown job turns up
        auto lookUp = [this, &store, &batch](qint64 jobId) {
            if (!store) {
                store = std::make_unique<JobStore>(databasePath);
                if (store->open().isError())
                    return;
            }
            const auto record = store->job(userId, jobId);
            if (!record) {
                // Not this account's job (or no longer there): never shown.
                if (record.error().type == ErrorType::NotFound)
                    jobs.insert(jobId, JobInfo{});
                return;
            }
            JobInfo& info = jobs[jobId];
            const bool titleArrived =
                info.mine && info.title.isEmpty() && !record.value().paperTitle.isEmpty();
            info = {true, record.value().paperTitle, record.value().createdAt};
            if (titleArrived)
                batch.titles.append({jobId, info.title});
        };
        QSet<qint64> lookedUp;
        for (const LogEvent& event : events) {
            if (event.jobId <= 0)
                continue;
            const auto known = jobs.constFind(event.jobId);
            const bool needsLookUp =
                known == jobs.constEnd() || (known->mine && known->title.isEmpty());
            if (needsLookUp && !lookedUp.contains(event.jobId)) {
                lookedUp.insert(event.jobId);
                lookUp(event.jobId);
            }
            const JobInfo info = jobs.value(event.jobId);
            if (!info.mine)
                continue;
            if (info.createdAt.isValid() &&
                event.time < info.createdAt.addSecs(-kClockSlackSeconds))
                continue;
            batch.rows.append({event, info.title});
        }
        return batch;
    }
};

LogFeed::LogFeed(QString logFile, QString databasePath, qint64 userId, QThreadPool* pool,
                 QObject* parent)
    : QObject(parent)
    , m_state(std::make_shared<State>(std::move(logFile), std::move(databasePath), userId))
    , m_pool(pool) {
    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, &LogFeed::poll);
}

LogFeed::~LogFeed() = default;

void LogFeed::start(int intervalMs) {
    m_timer->start(intervalMs);
    poll();
}

void LogFeed::stop() {
    m_timer->stop();
}

void LogFeed::poll() {
    if (m_busy) {
        m_again = true; // a job changed while reading: read once more afterwards
        return;
    }
    m_busy = true;
    QPointer<LogFeed> self(this);
    auto state = m_state; // the task keeps the reader alive even if the view closes
    m_pool->start([self, state] {
        Batch batch = state->read();
        QMetaObject::invokeMethod(
            qApp,
            [self, batch = std::move(batch)] {
                if (!self)
                    return;
                self->m_busy = false;
                for (const auto& [jobId, title] : batch.titles)
                    Q_EMIT self->jobTitleChanged(jobId, title);
                if (!batch.rows.isEmpty())
                    Q_EMIT self->rowsArrived(batch.rows);
                Q_EMIT self->polled();
                if (std::exchange(self->m_again, false))
                    self->poll();
            },
            Qt::QueuedConnection);
    });
}

} // namespace hh
