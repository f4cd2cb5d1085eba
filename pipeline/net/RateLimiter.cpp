// SPDX-License-Identifier: GPL-3.0-or-later
#include "RateLimiter.h"

#include <QMutexLocker>
#include <algorithm>
#include <cmath>

namespace hh {

RateLimiter::RateLimiter(double perSecond, int burst, Clock& clock)
    : m_clock(clock)
    , m_perSecond(perSecond)
    , m_burst(std::max(1, burst))
    , m_tokens(std::max(1, burst))
    , m_lastMs(clock.nowMs()) {}

void RateLimiter::setRate(double perSecond, int burst) {
    QMutexLocker lock(&m_mutex);
    m_perSecond = perSecond;
    m_burst = std::max(1, burst);
    m_tokens = std::min(m_tokens, m_burst);
}

double RateLimiter::rate() const {
    QMutexLocker lock(&m_mutex);
    return m_perSecond;
}

qint64 RateLimiter::reserve(quint64* ticket) {
    QMutexLocker lock(&m_mutex);
    *ticket = ++m_reservations;
    if (m_perSecond <= 0)
        return 0;
    const qint64 now = m_clock.nowMs();
    m_tokens = std::min(m_burst, m_tokens + double(now - m_lastMs) * m_perSecond / 1000.0);
    m_lastMs = now;
    // Taking the token now (possibly going negative) queues callers fairly: each
    // later caller waits for its own token, never for the same one.
    m_tokens -= 1.0;
    if (m_tokens >= 0)
        return 0;
    return qint64(std::ceil(-m_tokens * 1000.0 / m_perSecond));
}

void RateLimiter::charge(double tokens) {
    QMutexLocker lock(&m_mutex);
    if (m_perSecond <= 0 || tokens <= 0)
        return;
    const qint64 now = m_clock.nowMs();
    m_tokens = std::min(m_burst, m_tokens + double(now - m_lastMs) * m_perSecond / 1000.0);
    m_lastMs = now;
    m_tokens -= tokens;
}

bool RateLimiter::acquire(const std::atomic_bool* cancel) {
    return acquire(cancel, [this, cancel](qint64 ms) { return m_clock.sleepMs(ms, cancel); });
}

bool RateLimiter::acquire(const std::atomic_bool* cancel,
                          const std::function<bool(qint64 ms)>& sleep) {
    quint64 ticket = 0;
    const qint64 wait = reserve(&ticket);
    if (wait <= 0)
        return !(cancel && cancel->load());
    if (sleep(wait))
        return true;
    // Give the unused token back so a cancelled job does not slow the others, but
    // only when nobody queued behind it: those already sleep until their own later
    // slots, and a newcomer given the token back would share one of them (two
    // requests at once under a burst of 1).
    QMutexLocker lock(&m_mutex);
    if (ticket == m_reservations)
        m_tokens = std::min(m_burst, m_tokens + 1.0);
    return false;
}

} // namespace hh
