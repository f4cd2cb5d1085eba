// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>
#include <atomic>

namespace hh {

// Time as the network layer sees it. Retries, backoff and rate limits wait through
// a Clock so tests can replace real sleeping with a clock that only records the
// delays it was asked for (tests/common/FakeClock).
class Clock {
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const = 0;
    // Waits `ms` milliseconds; returns false early when `cancel` becomes true.
    virtual bool sleepMs(qint64 ms, const std::atomic_bool* cancel) = 0;
};

class SystemClock final : public Clock {
public:
    qint64 nowMs() const override;
    bool sleepMs(qint64 ms, const std::atomic_bool* cancel) override;
};

} // namespace hh
