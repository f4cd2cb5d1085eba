// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountWorker.h"

#include "AccountService.h"
#include "jobs/JobStore.h"

namespace hh {

struct AccountWorker::State {
    std::unique_ptr<JobStore> store;
    std::unique_ptr<AccountService> service;
};

AccountWorker::AccountWorker(DataLayout layout, QObject* parent)
    : QObject(parent)
    , m_layout(std::move(layout))
    , m_state(std::make_unique<State>()) {
    m_object = new QObject;
    m_object->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_object, &QObject::deleteLater);
    m_thread.start();
}

AccountWorker::~AccountWorker() {
    // The connection must be closed on the thread that opened it.
    QMetaObject::invokeMethod(
        m_object,
        [this] {
            m_state->service.reset();
            m_state->store.reset();
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

AccountService& AccountWorker::service() {
    if (!m_state->service) {
        m_layout.ensureRoot();
        m_state->store = std::make_unique<JobStore>(m_layout.databasePath());
        m_state->store->open();
        m_state->service = std::make_unique<AccountService>(*m_state->store, m_layout);
    }
    return *m_state->service;
}

} // namespace hh
