// SPDX-License-Identifier: GPL-3.0-or-later
#include "CpuSlots.h"

#include <QMutexLocker>
#include <algorithm>

namespace hh {

CpuSlots::CpuSlots(int limit)
    : m_limit(std::max(1, limit)) {}

void CpuSlots::setLimit(int limit) {
    {
        QMutexLocker lock(&m_mutex);
        m_limit = std::max(1, limit);
    }
    m_freed.wakeAll();
    announceFreed();
}

int CpuSlots::limit() const {
    QMutexLocker lock(&m_mutex);
    return m_limit;
}

int CpuSlots::inUse() const {
    QMutexLocker lock(&m_mutex);
    return m_used;
}

bool CpuSlots::tryTakeForNewJob() {
    QMutexLocker lock(&m_mutex);
    if (m_waiting > 0 || m_used >= m_limit)
        return false;
    ++m_used;
    return true;
}

void CpuSlots::giveBackUnused() {
    {
        QMutexLocker lock(&m_mutex);
        m_used = std::max(0, m_used - 1);
    }
    m_freed.wakeAll();
}

bool CpuSlots::tryAcquire() {
    QMutexLocker lock(&m_mutex);
    if (m_used >= m_limit)
        return false;
    ++m_used;
    return true;
}

bool CpuSlots::acquire(const std::atomic_bool* cancel) {
    QMutexLocker lock(&m_mutex);
    ++m_waiting;
    while (m_used >= m_limit) {
        if (cancel && cancel->load()) {
            --m_waiting;
            return false;
        }
        // Timed: a cancel flag is set without notifying this condition.
        m_freed.wait(&m_mutex, 200);
    }
    --m_waiting;
    ++m_used;
    return true;
}

void CpuSlots::release() {
    {
        QMutexLocker lock(&m_mutex);
        m_used = std::max(0, m_used - 1);
    }
    m_freed.wakeAll();
    announceFreed();
}

void CpuSlots::wakeWaiters() {
    m_freed.wakeAll();
}

void CpuSlots::setOnFreed(std::function<void()> onFreed) {
    QMutexLocker lock(&m_mutex);
    m_onFreed = std::move(onFreed);
}

void CpuSlots::announceFreed() {
    std::function<void()> onFreed;
    {
        QMutexLocker lock(&m_mutex);
        onFreed = m_onFreed;
    }
    if (onFreed)
        onFreed();
}

} // namespace hh
