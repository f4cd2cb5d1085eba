// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "providers/ProviderSlots.h"

#include <QString>
#include <functional>

namespace hh {

// The provider slots of every process on the computer, as lease rows in the job
// store (table provider_slots): the desktop app and a CLI making videos with one
// Runway account share its tasks at a time. A lease names its process (pid and
// host) and expires unless heartbeat() renews it; a lease of a process that is
// gone from this host is freed at once, one of another host when it expires.
// Each call opens its own connection on the calling thread (QtSql connections
// are per thread); calls are rare (a clip's start and end, a heartbeat).
class ProviderSlotTable final : public SharedSlotTable {
public:
    static constexpr qint64 kLeaseMs = 60000;

    explicit ProviderSlotTable(QString databasePath);

    qint64 tryLease(const QString& scope, int capacity) override;
    void release(qint64 lease) override;
    void heartbeat() override;

    // For tests: another process's identity and time.
    void setHolder(qint64 pid, QString host) {
        m_pid = pid;
        m_host = std::move(host);
    }
    void setClock(std::function<qint64()> nowMs) { m_now = std::move(nowMs); }

private:
    QString m_path;
    qint64 m_pid;
    QString m_host;
    std::function<qint64()> m_now;
};

} // namespace hh
