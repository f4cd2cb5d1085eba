// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMutex>
#include <QWaitCondition>
#include <atomic>
#include <functional>

namespace hh {

// "Jobs at once": how many jobs may do local CPU work (import, the built-in
// script writer, local speech, built-in visuals, rendering) at the same time. A
// job holds a slot only during its local steps; in a cloud step (a Runway clip, a
// Gemini script) it gives the slot back, so an offline job never waits behind a
// cloud call, and takes one again for its next local step. A running job taking
// a slot back comes before a queued job starting: work half done finishes first.
// The limit changes live: raising it frees slots at once, lowering it lets the
// jobs holding slots finish their step. Thread-safe.
class CpuSlots {
public:
    explicit CpuSlots(int limit);
    CpuSlots(const CpuSlots&) = delete;
    CpuSlots& operator=(const CpuSlots&) = delete;

    void setLimit(int limit); // at least 1
    int limit() const;
    int inUse() const;

    // For starting a queued job: a slot if one is free and no running job waits.
    bool tryTakeForNewJob();
    // A slot taken by tryTakeForNewJob that was not needed after all (nothing to
    // start): returned without announcing a freed slot.
    void giveBackUnused();
    // For a running job's next local step: a slot if one is free now.
    bool tryAcquire();
    // For a running job's next local step: waits until a slot is free. false,
    // without a slot, once `*cancel` is set (checked at least every 200 ms).
    bool acquire(const std::atomic_bool* cancel);
    void release();
    // Wakes waiters so they look at their cancel flags now.
    void wakeWaiters();

    // Runs (on the releasing thread, outside the lock) whenever a slot frees or
    // the limit changes, so the queue can start its next job.
    void setOnFreed(std::function<void()> onFreed);

private:
    void announceFreed();

    mutable QMutex m_mutex;
    QWaitCondition m_freed;
    int m_limit = 1;
    int m_used = 0;
    int m_waiting = 0; // running jobs waiting for a slot back
    std::function<void()> m_onFreed;
};

} // namespace hh
