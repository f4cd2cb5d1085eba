// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ClipStateBoard.h"
#include "RunwayClient.h"
#include "RunwayTaskCheckpoint.h"

#include <functional>

namespace hh {

// One clip to make: which board entry it is, its request and the name of what
// it is made from (the checkpoint's key).
struct ClipOrder {
    int index = 0;
    RunwayVideoRequest request;
    QString key;
};

// Makes many Runway clips at once on the calling thread: tasks are submitted as
// slots of the account free up (the hub's slot pool, shared by every job), all
// running tasks are polled by one loop, each no more often than Runway updates
// it, and a task's output is downloaded as soon as it succeeds. A clip that fails
// is resubmitted once when that can help, then left to the built-in look alone;
// a problem of the key, quota, network or disk stops the batch. Cancelling
// deletes every submitted unfinished task at Runway. Every submission is
// checkpointed, so a job killed meanwhile re-attaches to its tasks.
class RunwayClipBatch {
public:
    // A clip is downloaded: store it. An error of a type a scene can fall back
    // from keeps that scene built-in; any other stops the batch.
    using ClipReady = std::function<Error(const ClipOrder& order, const RunwayClip& clip)>;
    // A clip keeps the built-in look, and why.
    using ClipKept = std::function<void(const ClipOrder& order, const Error& why)>;

    RunwayClipBatch(ProviderSession& session, RunwayTaskCheckpoint& checkpoint,
                    ClipStateBoard& board);

    // Makes every clip; an error stops the batch (with the clips stored so far kept).
    Error run(const QList<ClipOrder>& orders, const StepControl& control, const ClipReady& ready,
              const ClipKept& kept);

    // Whether a failure of one clip leaves that scene built-in instead of stopping.
    static bool sceneCanFallBack(ErrorType type);

private:
    struct Work;
    Error submit(Work& work, const StepControl& control);
    Error poll(Work& work, const StepControl& control, const ClipReady& ready,
               const ClipKept& kept);
    Error finishClip(Work& work, const Error& failure, const ClipKept& kept);
    void releaseSlot(Work& work);
    // Deletes every submitted unfinished task; their checkpoint entries go with
    // each DELETE that Runway confirmed.
    QString cancelRemote(QList<Work>& works);
    qint64 pollDelay(bool first) const;

    ProviderSession& m_session;
    RunwayClient m_client;
    RunwayTaskCheckpoint& m_checkpoint;
    ClipStateBoard& m_board;
    QString m_account;
    int m_made = 0;
    int m_released = 0; // slots given back so far
    int m_failuresInARow = 0;
};

} // namespace hh
