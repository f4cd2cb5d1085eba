// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountDeleter.h"

#include "AccountService.h"
#include "AccountWorker.h"
#include "KeyStore.h"
#include "jobs/JobRunner.h"

#include <QDeadlineTimer>
#include <QTimer>
#include <algorithm>

namespace hh {

namespace {
// How long the runner's own threads get to notice the cancel before the folders go
// regardless (a job stops within one step's progress interval; a render frame).
constexpr int kStopWaitMs = 30000;
constexpr int kStopPollMs = 50;
} // namespace

AccountDeleter::AccountDeleter(AccountWorker* worker, KeyStore* keys, JobRunner* runner,
                               QObject* parent)
    : QObject(parent)
    , m_worker(worker)
    , m_keys(keys)
    , m_runner(runner) {}

void AccountDeleter::deleteAccount(qint64 userId, const QString& password) {
    m_worker->run<Result<QList<qint64>>>(
        [userId, password](AccountService& accounts) {
            return accounts.beginDeletion(userId, password);
        },
        this,
        [this, userId](Result<QList<qint64>> cancelled) {
            if (!cancelled) {
                Q_EMIT failed(userId, cancelled.error().message, false);
                return;
            }
            const auto ended = [this, userId](Error error) {
                if (error.isError())
                    Q_EMIT failed(userId, error.message, true);
                else
                    Q_EMIT deleted(userId);
            };
            stopJobs(userId, cancelled.value(), [this, userId, ended](Error) {
                removeKeys(userId, [this, userId, ended](Error keys) {
                    if (keys.isError())
                        return ended(keys);
                    finish(userId, ended);
                });
            });
        });
}

// The rows already say cancelled, which a worker of any process obeys at its next
// progress write; this runner's threads are also told at once, and the folders
// wait until they have let go of them. The runner announces no "task ended", so
// this looks every few milliseconds, without blocking the window.
void AccountDeleter::stopJobs(qint64 userId, const QList<qint64>& jobIds, const Next& next) {
    if (!m_runner || jobIds.isEmpty())
        return next({});
    for (const qint64 jobId : jobIds)
        m_runner->cancel(userId, jobId);
    auto* poll = new QTimer(this);
    poll->setInterval(kStopPollMs);
    const QDeadlineTimer deadline(kStopWaitMs);
    connect(poll, &QTimer::timeout, this, [this, poll, jobIds, deadline, next] {
        const bool anyActive =
            m_runner && std::any_of(jobIds.cbegin(), jobIds.cend(),
                                    [this](qint64 jobId) { return m_runner->isActive(jobId); });
        if (anyActive && !deadline.hasExpired())
            return;
        poll->stop();
        poll->deleteLater();
        next({});
    });
    poll->start();
}

void AccountDeleter::removeKeys(qint64 userId, const Next& next) {
    if (!m_keys)
        return next({});
    QPointer<AccountDeleter> self(this);
    removeAccountKeys(*m_keys, userId, [self, next](Error error) {
        if (self)
            next(error);
    });
}

void AccountDeleter::finish(qint64 userId, const Next& next) {
    m_worker->run<Error>(
        [userId](AccountService& accounts) { return accounts.finishDeletion(userId); }, this, next);
}

void AccountDeleter::finishPending() {
    m_worker->run<Result<QList<qint64>>>(
        [](AccountService& accounts) { return accounts.pendingDeletions(); }, this,
        [this](Result<QList<qint64>> pending) {
            if (!pending)
                Q_EMIT pendingFinished(0, pending.error().message);
            else
                finishEach(pending.value(), 0, {});
        });
}

// One after the other, so a keychain that asks the user asks once at a time.
void AccountDeleter::finishEach(QList<qint64> pending, int finished, QString firstProblem) {
    if (pending.isEmpty()) {
        Q_EMIT pendingFinished(finished, firstProblem);
        return;
    }
    const qint64 userId = pending.takeFirst();
    removeKeys(userId, [this, userId, pending, finished, firstProblem](Error keys) {
        const auto next = [this, userId, pending, finished, firstProblem](Error error) {
            if (error.isError()) {
                finishEach(pending, finished,
                           firstProblem.isEmpty() ? error.message : firstProblem);
                return;
            }
            Q_EMIT deleted(userId);
            finishEach(pending, finished + 1, firstProblem);
        };
        if (keys.isError())
            return next(keys);
        finish(userId, next);
    });
}

} // namespace hh
