// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Clock.h"

#include <QMutex>
#include <atomic>
#include <functional>

namespace hh {

// A token bucket shared by every job that talks to one provider (NCBI allows 3
// requests a second without a key, 10 with one). acquire() blocks the calling
// worker thread until a token is free; the budget holds across threads.
class RateLimiter {
public:
    // `perSecond` tokens are added each second up to `burst`; perSecond <= 0: unlimited.
    RateLimiter(double perSecond, int burst, Clock& clock);

    // Takes one token, waiting as long as needed. False when cancelled while waiting.
    bool acquire(const std::atomic_bool* cancel = nullptr);
    // The same, waiting through `sleep` (which tells the user) instead of the clock.
    bool acquire(const std::atomic_bool* cancel, const std::function<bool(qint64 ms)>& sleep);
    // Takes `tokens` without waiting, for requests that went out without asking
    // (the network library's own resends): later callers wait for them instead.
    void charge(double tokens);
    void setRate(double perSecond, int burst);
    double rate() const;

private:
    // Reserves the next token and returns how long the caller must wait for it;
    // `ticket` numbers the reservation.
    qint64 reserve(quint64* ticket);

    Clock& m_clock;
    mutable QMutex m_mutex;
    double m_perSecond;
    double m_burst;
    double m_tokens;
    qint64 m_lastMs;
    quint64 m_reservations = 0;
};

} // namespace hh
