// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <functional>

class QTimer;

namespace hh {

class AccountWorker;
class JobRunner;
class KeyStore;

// Deletes an account in the app, in the order that survives a crash, across the
// threads each part lives on: on the account worker, the password check, the
// deletion marker and the jobs' rows marked cancelled (AccountService::beginDeletion);
// on this thread, this process's runner stopping those jobs and the keychain
// entries removed; on the worker again, the folders, the rows and the marker
// (finishDeletion). finishPending() does the later stages for deletions a crash
// interrupted, at the next start. Keys or runner may be null (none to remove, none
// to stop).
class AccountDeleter final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountDeleter)
public:
    AccountDeleter(AccountWorker* worker, KeyStore* keys, JobRunner* runner,
                   QObject* parent = nullptr);

    void deleteAccount(qint64 userId, const QString& password);
    void finishPending();

Q_SIGNALS:
    void deleted(qint64 userId);
    // `begun`: false when nothing was deleted (e.g. a wrong password); true when the
    // deletion is recorded and will be finished at the next start.
    void failed(qint64 userId, const QString& message, bool begun);
    void pendingFinished(int finishedCount, const QString& firstProblem);

private:
    using Next = std::function<void(Error)>;
    void stopJobs(qint64 userId, const QList<qint64>& jobIds, const Next& next);
    void removeKeys(qint64 userId, const Next& next);
    void finish(qint64 userId, const Next& next);
    void finishEach(QList<qint64> pending, int finished, QString firstProblem);

    AccountWorker* m_worker = nullptr;
    KeyStore* m_keys = nullptr;
    QPointer<JobRunner> m_runner;
};

} // namespace hh
