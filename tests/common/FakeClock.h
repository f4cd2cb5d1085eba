// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/Clock.h"

#include <QList>
#include <QMutex>

namespace hh::test {

// A clock that never really sleeps: a wait moves its time forward at once and is
// remembered, so tests can assert retry delays and rate-limit spacing exactly.
class FakeClock final : public hh::Clock {
public:
    qint64 nowMs() const override;
    bool sleepMs(qint64 ms, const std::atomic_bool* cancel) override;
    void advance(qint64 ms);
    QList<qint64> sleeps() const;

private:
    mutable QMutex m_mutex;
    qint64 m_now = 1000000;
    QList<qint64> m_sleeps;
};

} // namespace hh::test
