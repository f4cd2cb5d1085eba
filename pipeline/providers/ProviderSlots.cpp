// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProviderSlots.h"

#include <QCryptographicHash>
#include <QMutexLocker>
#include <algorithm>

namespace hh {

ProviderSlots::ProviderSlots() {
    std::fill(std::begin(m_capacity), std::end(m_capacity), 4);
    m_capacity[int(ProviderId::Runway)] = 2; // Runway's first tiers run 1–2 at a time
}

void ProviderSlots::setCapacity(ProviderId provider, int count) {
    QMutexLocker lock(&m_mutex);
    m_capacity[int(provider)] = std::max(1, count);
}

int ProviderSlots::capacity(ProviderId provider) const {
    QMutexLocker lock(&m_mutex);
    return m_capacity[int(provider)];
}

void ProviderSlots::setSharedTable(std::shared_ptr<SharedSlotTable> table) {
    QMutexLocker lock(&m_mutex);
    m_table = std::move(table);
}

QString ProviderSlots::accountFor(ProviderId provider, const QString& key) {
    const QByteArray hash =
        QCryptographicHash::hash(key.trimmed().toUtf8(), QCryptographicHash::Sha256).toHex();
    return providerKey(provider) + QLatin1Char(':') + QString::fromLatin1(hash.left(16));
}

qint64 ProviderSlots::tryAcquire(ProviderId provider, const QString& account, bool force) {
    QMutexLocker lock(&m_mutex);
    const int capacity = m_capacity[int(provider)];
    if (!force && m_inUse.value(account) >= capacity)
        return 0;
    qint64 lease = 0;
    if (m_table) {
        // Forced slots are counted too, so other processes see them.
        lease = m_table->tryLease(account, force ? 1 << 20 : capacity);
        if (lease == 0 && !force)
            return 0;
    }
    ++m_inUse[account];
    const qint64 ticket = ++m_nextTicket;
    m_held.insert(ticket, {account, lease});
    return ticket;
}

void ProviderSlots::release(qint64 ticket) {
    QMutexLocker lock(&m_mutex);
    const auto it = m_held.constFind(ticket);
    if (it == m_held.cend())
        return;
    if (m_table && it->lease > 0)
        m_table->release(it->lease);
    if (--m_inUse[it->scope] <= 0)
        m_inUse.remove(it->scope);
    m_held.erase(it);
}

int ProviderSlots::inUse(ProviderId, const QString& account) const {
    QMutexLocker lock(&m_mutex);
    return m_inUse.value(account);
}

void ProviderSlots::heartbeat() {
    QMutexLocker lock(&m_mutex);
    if (m_table && !m_held.isEmpty())
        m_table->heartbeat();
}

} // namespace hh
