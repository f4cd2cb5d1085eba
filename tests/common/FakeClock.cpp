// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeClock.h"

#include <QMutexLocker>

namespace hh::test {

qint64 FakeClock::nowMs() const {
    QMutexLocker lock(&m_mutex);
    return m_now;
}

bool FakeClock::sleepMs(qint64 ms, const std::atomic_bool* cancel) {
    QMutexLocker lock(&m_mutex);
    m_sleeps.append(ms);
    if (cancel && cancel->load())
        return false;
    m_now += std::max<qint64>(0, ms);
    return true;
}

void FakeClock::advance(qint64 ms) {
    QMutexLocker lock(&m_mutex);
    m_now += ms;
}

QList<qint64> FakeClock::sleeps() const {
    QMutexLocker lock(&m_mutex);
    return m_sleeps;
}

} // namespace hh::test
