// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "providers/ProviderHub.h"

#include <QHash>
#include <QWidget>
#include <memory>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QThreadPool;

namespace hh {

class JobStore;
class KeyStore;

// Settings → Providers: per cloud provider a key kept in the OS keychain (never
// shown again once saved), "Check key" run on the pool against the provider, the
// model in use, and the account's monthly spending limit. Keys saved here reach
// running jobs at once through the shared in-memory secrets.
class ProvidersPage final : public QWidget {
    Q_OBJECT
public:
    ProvidersPage(KeyStore* keys, std::shared_ptr<MemorySecrets> secrets,
                  std::shared_ptr<ProviderHub> hub, JobStore* store, qint64 userId,
                  QThreadPool* pool, QWidget* parent = nullptr);

    // For tests and accessibility checks: the widgets of one provider.
    QLineEdit* keyField(ProviderId id) const;
    QPushButton* saveButton(ProviderId id) const;
    QPushButton* checkButton(ProviderId id) const;
    QPushButton* removeButton(ProviderId id) const;
    QLabel* statusLabel(ProviderId id) const;
    QDoubleSpinBox* limitField(ProviderId id) const; // null for free providers

Q_SIGNALS:
    void keyChanged(hh::ProviderId id, bool present);
    void checkFinished(hh::ProviderId id, bool ok, const QString& message);
    void statusChanged(hh::ProviderId id, const QString& message);

private:
    struct Row {
        QLineEdit* key = nullptr;
        QPushButton* save = nullptr;
        QPushButton* check = nullptr;
        QPushButton* remove = nullptr;
        QLabel* status = nullptr;
        QDoubleSpinBox* limit = nullptr;
    };
    QWidget* buildGroup(ProviderId id, const QString& uses, const QString& model);
    void save(ProviderId id);
    void removeKey(ProviderId id);
    void check(ProviderId id);
    void saveLimit(ProviderId id, double usd);
    void setStatus(ProviderId id, const QString& text, bool error = false);
    void refreshStoredState(ProviderId id);

    KeyStore* m_keys;
    std::shared_ptr<MemorySecrets> m_secrets;
    std::shared_ptr<ProviderHub> m_hub;
    JobStore* m_store;
    qint64 m_userId;
    QThreadPool* m_pool;
    QHash<int, Row> m_rows;
};

} // namespace hh
