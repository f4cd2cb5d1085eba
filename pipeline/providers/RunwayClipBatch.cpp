// SPDX-License-Identifier: GPL-3.0-or-later
#include "RunwayClipBatch.h"

#include "RunwayModels.h"

#include <QStringList>
#include <algorithm>
#include <limits>

namespace hh {

namespace {

constexpr qint64 kSlotCheckMs = 1000;  // how often a clip waiting for a slot looks again
constexpr qint64 kHeartbeatMs = 10000; // keeps this process's shared slot leases alive

bool isStatus(const RunwayTask& task, const char* status) {
    return task.status == QLatin1String(status);
}

} // namespace

struct RunwayClipBatch::Work {
    enum class Phase { Waiting, Active, Finished };
    ClipOrder order;
    Phase phase = Phase::Waiting;
    QString taskId;
    qint64 seed = -1;
    int submission = 1;
    qint64 slot = 0;
    qint64 submittedMs = 0;
    qint64 nextPollMs = 0;
    bool reattached = false;
    QString lastStatus;
};

RunwayClipBatch::RunwayClipBatch(ProviderSession& session, RunwayTaskCheckpoint& checkpoint,
                                 ClipStateBoard& board)
    : m_session(session)
    , m_client(session)
    , m_checkpoint(checkpoint)
    , m_board(board) {}

bool RunwayClipBatch::sceneCanFallBack(ErrorType type) {
    return type == ErrorType::ContentBlocked || type == ErrorType::Provider ||
           type == ErrorType::NotFound || type == ErrorType::TooLarge;
}

qint64 RunwayClipBatch::pollDelay(bool first) const {
    // Runway updates a task at most every 5 s: look after about that, then every
    // 5–8 s, jittered so several jobs do not poll in step.
    const qint64 base = std::max<qint64>(1, m_session.config().runwayPollMs);
    const double jitter = first ? 0.2 : 0.6;
    return base + qint64(double(base) * jitter * m_client.random());
}

void RunwayClipBatch::releaseSlot(Work& work) {
    if (work.slot > 0) {
        m_session.hub().providerSlots().release(work.slot);
        ++m_released;
    }
    work.slot = 0;
}

Error RunwayClipBatch::submit(Work& work, const StepControl& control) {
    RunwayVideoRequest request = work.order.request;
    request.seed = work.seed;
    auto id = m_client.createImageToVideo(request, control.cancel);
    if (!id)
        return id.error();
    Clock& clock = m_session.clock();
    work.taskId = id.value();
    work.phase = Work::Phase::Active;
    work.submittedMs = clock.nowMs();
    work.nextPollMs = work.submittedMs + pollDelay(true);
    work.lastStatus = QStringLiteral("PENDING");
    work.reattached = false;
    // Before anything else can happen to the job: a kill from here on re-attaches.
    m_checkpoint.put(work.order.key, {work.taskId, work.seed, work.submission});
    m_board.set(work.order.index, ClipStateBoard::State::Queued);
    return {};
}

Error RunwayClipBatch::finishClip(Work& work, const Error& failure, const ClipKept& kept) {
    releaseSlot(work);
    work.phase = Work::Phase::Finished;
    m_checkpoint.remove(work.order.key);
    // A scene's own refusal never stops the others; twice in a row a provider
    // problem does (Runway is likely down, the rest would fail the same way).
    const bool ownFault = failure.type == ErrorType::ContentBlocked;
    if (!sceneCanFallBack(failure.type) || (!ownFault && m_failuresInARow >= 1))
        return failure;
    m_failuresInARow += ownFault ? 0 : 1;
    m_board.set(work.order.index, ClipStateBoard::State::KeptBuiltIn, -1,
                failure.message.left(200));
    if (kept)
        kept(work.order, failure);
    return {};
}

QString RunwayClipBatch::cancelRemote(QList<Work>& works) {
    QStringList problems;
    for (Work& work : works) {
        if (work.phase != Work::Phase::Active)
            continue;
        // A task left running keeps using credits; one whose DELETE failed stays
        // checkpointed, so a resume re-attaches instead of paying again.
        if (const Error e = m_client.deleteTask(work.taskId); e.isError())
            problems << e.message;
        else
            m_checkpoint.remove(work.order.key);
        releaseSlot(work);
        work.phase = Work::Phase::Finished;
    }
    return problems.join(QStringLiteral("; "));
}

Error RunwayClipBatch::poll(Work& work, const StepControl& control, const ClipReady& ready,
                            const ClipKept& kept) {
    using State = ClipStateBoard::State;
    Clock& clock = m_session.clock();
    auto polled = m_client.task(work.taskId, control.cancel);
    work.nextPollMs = clock.nowMs() + pollDelay(false);
    if (!polled) {
        const Error& error = polled.error();
        if (error.type == ErrorType::Cancelled)
            return error;
        if (work.reattached && error.type == ErrorType::NotFound) {
            // The task of the earlier run is gone: make the clip anew.
            m_checkpoint.remove(work.order.key);
            releaseSlot(work);
            work.phase = Work::Phase::Waiting;
            m_board.set(work.order.index, State::WaitingForSlot);
            return {};
        }
        if (error.type == ErrorType::NotFound)
            return finishClip(work, error, kept);
        return error;
    }
    const RunwayTask& task = polled.value();
    work.lastStatus = task.status;
    if (isStatus(task, "SUCCEEDED")) {
        if (task.output.isEmpty())
            return finishClip(work,
                              {ErrorType::Provider,
                               QStringLiteral("Runway reported a finished task without an output "
                                              "URL; retry the step")},
                              kept);
        m_board.set(work.order.index, State::Downloading);
        auto video = m_client.download(QUrl(task.output.first()), control.cancel);
        if (!video) {
            if (video.error().type == ErrorType::Cancelled)
                return video.error();
            return finishClip(work, video.error(), kept);
        }
        if (!RunwayClient::looksLikeMp4(video.value()))
            return finishClip(work,
                              {ErrorType::Provider,
                               QStringLiteral("Runway's output for task %1 is not an MP4 video; "
                                              "retry the step")
                                   .arg(work.taskId)},
                              kept);
        const RunwayClip clip{std::move(video).value(), work.taskId, work.submission};
        if (const Error e = ready ? ready(work.order, clip) : Error{}; e.isError())
            return finishClip(work, e, kept);
        releaseSlot(work);
        work.phase = Work::Phase::Finished;
        m_checkpoint.remove(work.order.key);
        m_failuresInARow = 0;
        ++m_made;
        m_board.set(work.order.index, State::Done);
        return {};
    }
    if (isStatus(task, "FAILED")) {
        m_checkpoint.remove(work.order.key);
        if (work.submission == 1 && RunwayClient::isWorthResubmitting(task.failureCode)) {
            // Same slot, another seed: Runway's failure may not repeat.
            work.submission = 2;
            work.seed = m_client.nextSeed(work.seed);
            if (const Error e = submit(work, control); e.isError()) {
                if (e.type == ErrorType::Cancelled)
                    return e;
                return finishClip(work, e, kept);
            }
            return {};
        }
        Error error = RunwayClient::taskFailureError(task);
        if (work.submission > 1)
            error.message += QStringLiteral(" — failed again on a second try with another seed");
        return finishClip(work, error, kept);
    }
    if (isStatus(task, "CANCELLED")) {
        m_checkpoint.remove(work.order.key);
        if (work.reattached) { // cancelled while this job was not running: make it anew
            releaseSlot(work);
            work.phase = Work::Phase::Waiting;
            m_board.set(work.order.index, State::WaitingForSlot);
            return {};
        }
        releaseSlot(work);
        work.phase = Work::Phase::Finished;
        return {ErrorType::Cancelled,
                QStringLiteral("the Runway task %1 was cancelled outside Hidden Hill (in Runway's "
                               "dashboard or by another program); retry the step to make the "
                               "clip again")
                    .arg(work.taskId)};
    }
    if (isStatus(task, "RUNNING"))
        m_board.set(work.order.index, State::Running, task.progress);
    else // PENDING, THROTTLED (waiting for the account's concurrency) or newer: waiting
        m_board.set(work.order.index, State::Queued);

    if (clock.nowMs() - work.submittedMs >= RunwayClient::kTaskTimeoutMs) {
        Error error{ErrorType::Provider,
                    QStringLiteral("Runway did not finish the clip within %1 minutes (still %2); "
                                   "the task was cancelled so it uses no more credits")
                        .arg(RunwayClient::kTaskTimeoutMs / 60000)
                        .arg(work.lastStatus.left(40))};
        if (const Error e = m_client.deleteTask(work.taskId); e.isError())
            error.message += QStringLiteral("; ") + e.message;
        return finishClip(work, error, kept);
    }
    return {};
}

Error RunwayClipBatch::run(const QList<ClipOrder>& orders, const StepControl& control,
                           const ClipReady& ready, const ClipKept& kept) {
    using State = ClipStateBoard::State;
    Clock& clock = m_session.clock();
    ProviderSlots& pool = m_session.hub().providerSlots();
    m_account = ProviderSlots::accountFor(ProviderId::Runway, m_session.secret(ProviderId::Runway));
    m_made = 0;
    m_failuresInARow = 0;

    const auto resumable = m_checkpoint.load();
    QList<Work> works;
    for (const ClipOrder& order : orders) {
        Work work;
        work.order = order;
        work.seed = order.request.seed >= 0 ? order.request.seed : m_client.nextSeed(-1);
        if (const auto it = resumable.constFind(order.key); it != resumable.cend()) {
            // Submitted by an earlier run that never collected it: still at Runway.
            work.taskId = it->taskId;
            work.seed = it->seed;
            work.submission = it->submission;
            work.reattached = true;
            work.phase = Work::Phase::Active;
            work.slot = pool.tryAcquire(ProviderId::Runway, m_account, true);
            work.submittedMs = clock.nowMs();
            work.nextPollMs = work.submittedMs + pollDelay(true);
            m_board.set(order.index, State::Queued, -1, QStringLiteral("re-attached"));
        } else {
            m_board.set(order.index, State::WaitingForSlot);
        }
        works.append(work);
    }

    const auto stop = [&](Error error) {
        if (const QString problems = cancelRemote(works); !problems.isEmpty())
            error.message += QStringLiteral("; ") + problems;
        if (error.type != ErrorType::Cancelled && m_made > 0)
            error.message += QStringLiteral("; the clips made so far are kept for a retry");
        return error;
    };
    const Error cancelled{ErrorType::Cancelled,
                          QStringLiteral("cancelled; the Runway tasks were cancelled too")};
    qint64 lastHeartbeat = clock.nowMs();
    for (;;) {
        if (control.cancelled())
            return stop(cancelled);
        // Submit while the account has free slots.
        int active = 0;
        for (Work& work : works) {
            if (work.phase == Work::Phase::Active)
                ++active;
            if (work.phase != Work::Phase::Waiting)
                continue;
            if (control.cancelled())
                return stop(cancelled);
            work.slot = pool.tryAcquire(ProviderId::Runway, m_account);
            if (work.slot == 0)
                break; // in order: a later scene never overtakes an earlier one
            if (const Error e = submit(work, control); e.isError()) {
                if (e.type == ErrorType::Cancelled)
                    return stop(cancelled);
                if (const Error s = finishClip(work, e, kept); s.isError())
                    return stop(s);
                continue;
            }
            ++active;
        }
        // Poll every task that is due, one after the other.
        const int releasedBefore = m_released;
        for (Work& work : works) {
            if (work.phase != Work::Phase::Active || work.nextPollMs > clock.nowMs())
                continue;
            if (control.cancelled())
                return stop(cancelled);
            if (const Error e = poll(work, control, ready, kept); e.isError())
                return stop(e.type == ErrorType::Cancelled && control.cancelled() ? cancelled : e);
        }
        qint64 nextPoll = std::numeric_limits<qint64>::max();
        bool waiting = false, busy = false;
        for (const Work& work : works) {
            waiting = waiting || work.phase == Work::Phase::Waiting;
            busy = busy || work.phase == Work::Phase::Active;
            if (work.phase == Work::Phase::Active)
                nextPoll = std::min(nextPoll, work.nextPollMs);
        }
        if (!waiting && !busy)
            break;
        if (waiting && m_released != releasedBefore)
            continue; // a slot of ours just came free: the next clip goes now
        const qint64 now = clock.nowMs();
        qint64 delay = busy ? nextPoll - now : kSlotCheckMs;
        if (waiting)
            delay = std::min(delay, kSlotCheckMs);
        QString detail = m_board.summary();
        if (waiting && !busy)
            detail = QStringLiteral("Waiting for Runway: the account's %1 tasks at a time are in "
                                    "use by other jobs; ")
                         .arg(pool.capacity(ProviderId::Runway)) +
                     detail;
        control.report(m_board.fraction(), detail);
        if (now - lastHeartbeat >= kHeartbeatMs) {
            pool.heartbeat();
            lastHeartbeat = now;
        }
        if (delay > 0)
            clock.sleepMs(delay, control.cancel); // a cancel is handled at the top
    }
    return {};
}

} // namespace hh
