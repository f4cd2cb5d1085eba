// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProviderSlotTable.h"

#include "Database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlQuery>
#include <QSysInfo>
#include <cerrno>
#include <signal.h>

namespace hh {

namespace {

bool processIsGone(qint64 pid) {
    return pid > 0 && ::kill(pid_t(pid), 0) != 0 && errno == ESRCH;
}

} // namespace

ProviderSlotTable::ProviderSlotTable(QString databasePath)
    : m_path(std::move(databasePath))
    , m_pid(QCoreApplication::applicationPid())
    , m_host(QSysInfo::machineHostName())
    , m_now([] { return QDateTime::currentMSecsSinceEpoch(); }) {}

qint64 ProviderSlotTable::tryLease(const QString& scope, int capacity) {
    Database db(m_path);
    if (db.open().isError())
        return -1;
    const QString action = QStringLiteral("take a provider slot");
    if (!db.run({QStringLiteral("BEGIN IMMEDIATE")}, action))
        return -1;
    const auto rollback = [&db, &action] {
        (void)db.run({QStringLiteral("ROLLBACK")}, action);
        return qint64(-1);
    };
    const qint64 now = m_now();
    if (!db.run({QStringLiteral("DELETE FROM provider_slots WHERE expires_at < :now"),
                 {{QStringLiteral(":now"), now}}},
                action))
        return rollback();
    // Leases of processes gone from this host are free now, not in a minute.
    auto holders = db.run({QStringLiteral("SELECT DISTINCT holder_pid FROM provider_slots WHERE "
                                          "holder_host = :host"),
                           {{QStringLiteral(":host"), m_host}}},
                          action);
    if (!holders)
        return rollback();
    QList<qint64> gone;
    while (holders.value().next()) {
        const qint64 pid = holders.value().value(0).toLongLong();
        if (processIsGone(pid))
            gone << pid;
    }
    holders.value().finish();
    for (qint64 pid : gone) {
        if (!db.run({QStringLiteral("DELETE FROM provider_slots WHERE holder_host = :host AND "
                                    "holder_pid = :pid"),
                     {{QStringLiteral(":host"), m_host}, {QStringLiteral(":pid"), pid}}},
                    action))
            return rollback();
    }
    auto count = db.run({QStringLiteral("SELECT COUNT(*) FROM provider_slots WHERE scope = :scope"),
                         {{QStringLiteral(":scope"), scope}}},
                        action);
    if (!count || !count.value().next())
        return rollback();
    const int taken = count.value().value(0).toInt();
    count.value().finish();
    if (taken >= capacity) {
        (void)db.run({QStringLiteral("ROLLBACK")}, action);
        return 0;
    }
    auto insert = db.run({QStringLiteral("INSERT INTO provider_slots (scope, holder_pid, "
                                         "holder_host, expires_at) VALUES (:scope, :pid, :host, "
                                         ":expires)"),
                          {{QStringLiteral(":scope"), scope},
                           {QStringLiteral(":pid"), m_pid},
                           {QStringLiteral(":host"), m_host},
                           {QStringLiteral(":expires"), now + kLeaseMs}}},
                         action);
    if (!insert)
        return rollback();
    const qint64 lease = insert.value().lastInsertId().toLongLong();
    insert.value().finish();
    if (!db.run({QStringLiteral("COMMIT")}, action))
        return rollback();
    return lease;
}

void ProviderSlotTable::release(qint64 lease) {
    Database db(m_path);
    if (db.open().isError())
        return;
    (void)db.run({QStringLiteral("DELETE FROM provider_slots WHERE id = :id"),
                  {{QStringLiteral(":id"), lease}}},
                 QStringLiteral("give back a provider slot"));
}

void ProviderSlotTable::heartbeat() {
    Database db(m_path);
    if (db.open().isError())
        return;
    (void)db.run({QStringLiteral("UPDATE provider_slots SET expires_at = :expires WHERE "
                                 "holder_pid = :pid AND holder_host = :host"),
                  {{QStringLiteral(":expires"), m_now() + kLeaseMs},
                   {QStringLiteral(":pid"), m_pid},
                   {QStringLiteral(":host"), m_host}}},
                 QStringLiteral("keep the provider slots"));
}

} // namespace hh
