// SPDX-License-Identifier: GPL-3.0-or-later
#include "Clock.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QThread>
#include <algorithm>

namespace hh {

qint64 SystemClock::nowMs() const {
    // Monotonic: wall-clock jumps must not shorten a Retry-After wait.
    static const QElapsedTimer origin = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return origin.elapsed();
}

bool SystemClock::sleepMs(qint64 ms, const std::atomic_bool* cancel) {
    QDeadlineTimer deadline(std::max<qint64>(0, ms));
    // Slices short enough that Cancel feels immediate to the user.
    while (!deadline.hasExpired()) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            return false;
        QThread::msleep(ulong(std::min<qint64>(50, deadline.remainingTime())));
    }
    return !(cancel && cancel->load(std::memory_order_relaxed));
}

} // namespace hh
