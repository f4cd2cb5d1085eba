// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "JobRepository.h"
#include "core/Result.h"

#include <QList>
#include <QSet>
#include <QString>
#include <functional>
#include <optional>

namespace hh {

class JobStore;

// The persistent queue of one process, over the job table: which queued rows
// this process may start, and in which order. Rows carry their dispatcher
// ("pid@host", queue_owner): the GUI and a CLI share the database but each starts
// only its own queued jobs, and the queue of a process that died (a killed CLI) is
// adopted by the next one serving that account. Used on the thread that owns
// `store`; it makes no policy about slots (CpuSlots does).
class JobQueue {
public:
    explicit JobQueue(JobStore& store, QString owner = currentOwner());

    // "pid@host" of this process.
    static QString currentOwner();
    // False only when `owner` is certainly gone: a process of this host that no
    // longer exists, or no owner at all. Another host's owner counts as alive.
    static bool isOwnerAlive(const QString& owner);

    const QString& owner() const { return m_owner; }

    // Accounts whose queues this process dispatches (added by submit, resume, restore).
    void serve(qint64 userId);
    QList<qint64> servedUsers() const;

    Error enqueue(qint64 userId, qint64 jobId, bool atFront = false);

    struct Next {
        qint64 userId = 0;
        qint64 jobId = 0;
    };
    // The first row in line (over the served accounts) this process may start and
    // `skip` does not refuse, claimed (now `running`); none when there is none.
    std::optional<Next> claimNext(const std::function<bool(const JobRecord&)>& skip);

private:
    JobStore& m_store;
    QString m_owner;
    QSet<qint64> m_users;
};

} // namespace hh
