// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProviderConfig.h"

#include <QHash>
#include <QMutex>
#include <QString>
#include <memory>

namespace hh {

// Slots held across processes (the desktop app and any CLI on one computer share
// a provider account's tasks at a time). The job store implements it as lease
// rows; a lease of a process that died is freed by whoever looks next.
class SharedSlotTable {
public:
    virtual ~SharedSlotTable() = default;
    // A lease in `scope` while fewer than `capacity` live leases exist: its id
    // (> 0); 0 when all are taken; -1 when the table cannot be reached (the
    // caller then goes on with its in-process count alone, never stuck).
    virtual qint64 tryLease(const QString& scope, int capacity) = 0;
    virtual void release(qint64 lease) = 0;
    // Keeps this process's leases alive (they expire without it).
    virtual void heartbeat() = 0;
};

// How many tasks each provider account runs at once, shared by every job of the
// process (two jobs at concurrency 2 share 2 slots, not 4) and, with a shared
// table, by every process. An account is named by a hash of its key, so two
// accounts with their own keys never wait for each other. Thread-safe; owned by
// the ProviderHub.
class ProviderSlots {
public:
    ProviderSlots();

    void setCapacity(ProviderId provider, int count); // at least 1
    int capacity(ProviderId provider) const;
    void setSharedTable(std::shared_ptr<SharedSlotTable> table);

    // A slot for `account` without waiting: a ticket (> 0) to give back, or 0.
    // `force` takes one even when all are in use (a task re-attached after a
    // restart already runs at the provider: it must be counted, never refused).
    qint64 tryAcquire(ProviderId provider, const QString& account, bool force = false);
    void release(qint64 ticket);
    int inUse(ProviderId provider, const QString& account) const;
    void heartbeat();

    // The name an account's slots go by: a short hash of its key.
    static QString accountFor(ProviderId provider, const QString& key);

private:
    struct Held {
        QString scope;
        qint64 lease = 0;
    };

    mutable QMutex m_mutex;
    int m_capacity[4];
    QHash<QString, int> m_inUse; // scope → slots held in this process
    QHash<qint64, Held> m_held;  // ticket → what it holds
    qint64 m_nextTicket = 0;
    std::shared_ptr<SharedSlotTable> m_table;
};

} // namespace hh
