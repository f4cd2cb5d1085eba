// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobQueue.h"

#include "JobStore.h"

#include <QCoreApplication>
#include <QSysInfo>
#include <cerrno>
#include <csignal>
#include <utility>

namespace hh {

JobQueue::JobQueue(JobStore& store, QString owner)
    : m_store(store)
    , m_owner(std::move(owner)) {}

QString JobQueue::currentOwner() {
    return QStringLiteral("%1@%2")
        .arg(QCoreApplication::applicationPid())
        .arg(QSysInfo::machineHostName());
}

bool JobQueue::isOwnerAlive(const QString& owner) {
    const qsizetype at = owner.indexOf(QLatin1Char('@'));
    if (at <= 0)
        return false;
    if (owner.mid(at + 1) != QSysInfo::machineHostName())
        return true; // cannot tell from here; never take another computer's queue
    bool ok = false;
    const qint64 pid = owner.left(at).toLongLong(&ok);
    if (!ok || pid <= 0)
        return false;
    if (pid == QCoreApplication::applicationPid())
        return true;
    // Signal 0 only checks: EPERM means it exists but belongs to someone else.
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
}

void JobQueue::serve(qint64 userId) {
    m_users.insert(userId);
}

QList<qint64> JobQueue::servedUsers() const {
    return m_users.values();
}

Error JobQueue::enqueue(qint64 userId, qint64 jobId, bool atFront) {
    serve(userId);
    return m_store.enqueue(userId, jobId, m_owner, atFront);
}

std::optional<JobQueue::Next>
JobQueue::claimNext(const std::function<bool(const JobRecord&)>& skip) {
    // The candidates of every served account, in global queue order.
    QList<JobRecord> candidates;
    for (const qint64 userId : std::as_const(m_users)) {
        auto queued = m_store.queuedJobs(userId);
        if (!queued)
            continue;
        for (const JobRecord& record : queued.value()) {
            if (record.queueOwner == m_owner || !isOwnerAlive(record.queueOwner))
                candidates.append(record);
        }
    }
    std::sort(candidates.begin(), candidates.end(), [](const JobRecord& a, const JobRecord& b) {
        return a.queuePos != b.queuePos ? a.queuePos < b.queuePos : a.id < b.id;
    });
    for (const JobRecord& record : std::as_const(candidates)) {
        if (skip && skip(record))
            continue;
        // Compare-and-set: another process adopting the same dead queue loses here.
        const auto claimed = m_store.claimQueued(record.userId, record.id);
        if (claimed && claimed.value())
            return Next{record.userId, record.id};
    }
    return std::nullopt;
}

} // namespace hh
