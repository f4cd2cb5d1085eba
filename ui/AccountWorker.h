// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jobs/DataLayout.h"

#include <QObject>
#include <QPointer>
#include <QThread>
#include <functional>
#include <memory>

namespace hh {

class AccountService;

// Runs account operations (argon2id hashing takes ~0.1 s each) on one long-lived
// thread that owns its own database connection and AccountService, so the
// service's in-memory lockout state survives between calls and the GUI never
// waits on a hash.
class AccountWorker final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountWorker)
public:
    explicit AccountWorker(DataLayout layout, QObject* parent = nullptr);
    ~AccountWorker() override;

    // Runs `work` on the worker thread, then `done` on the caller's (GUI) thread
    // with what `work` returned, unless `context` is gone by then.
    template <typename T>
    void run(std::function<T(AccountService&)> work, QObject* context,
             std::function<void(T)> done) {
        // The answer goes through this object (on the caller's thread), where the
        // guard is checked: a dialog closed during a hash just never hears back.
        QPointer<QObject> guard(context);
        QMetaObject::invokeMethod(m_object, [this, work, guard, done] {
            T result = work(service());
            QMetaObject::invokeMethod(
                this,
                [guard, done, result] {
                    if (guard)
                        done(result);
                },
                Qt::QueuedConnection);
        });
    }

private:
    AccountService& service(); // created on first use, on the worker thread

    DataLayout m_layout;
    QThread m_thread;
    QObject* m_object = nullptr; // lives on m_thread: the queue the work runs through
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace hh
