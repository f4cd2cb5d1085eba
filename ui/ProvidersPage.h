// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "providers/ProviderHub.h"

#include <QHash>
#include <QWidget>
#include <functional>
#include <memory>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QScrollArea;
class QThreadPool;

namespace hh {

class JobStore;
class KeyStore;
class ServerBox;

// Settings → Providers: per cloud provider a key kept in the OS keychain (never
// shown again once saved), "Check key" run on the pool against the provider, the
// model in use, and the account's monthly spending limit, read and written on
// the pool too (SQLite can wait seconds on a busy file). Keys saved here reach
// running jobs at once through the shared in-memory secrets.
class ProvidersPage final : public QWidget {
    Q_OBJECT
public:
    // `databasePath`: the accounts' SQLite file (empty: no limits to set).
    ProvidersPage(KeyStore* keys, std::shared_ptr<MemorySecrets> secrets,
                  std::shared_ptr<ProviderHub> hub, QString databasePath, qint64 userId,
                  QThreadPool* pool, QWidget* parent = nullptr);

    // For tests and accessibility checks: the widgets of one provider.
    QLineEdit* keyField(ProviderId id) const;
    QPushButton* saveButton(ProviderId id) const;
    QPushButton* checkButton(ProviderId id) const;
    QPushButton* removeButton(ProviderId id) const;
    QLabel* statusLabel(ProviderId id) const;
    QDoubleSpinBox* limitField(ProviderId id) const; // null for free providers
    // The local LLM server's address and model (saved per account, in `userDir`).
    ServerBox* localLlmServer() const { return m_localLlm; }
    // The speech server's address, model and voice (saved per account, in `userDir`).
    ServerBox* speechServer() const { return m_speech; }
    QWidget* providerGroup(ProviderId id) const { return m_groups.value(int(id)); }
    void setAccountFolder(const QString& userDir);
    // Scrolls to a provider and puts the cursor in its key field (a failed job's
    // "Check the key" lands here).
    void selectProvider(ProviderId id);

Q_SIGNALS:
    void keyChanged(hh::ProviderId id, bool present);
    void checkFinished(hh::ProviderId id, bool ok, const QString& message);
    void statusChanged(hh::ProviderId id, const QString& message);
    // The monthly limit was stored (ok) or could not be (the status says why).
    void limitSaved(hh::ProviderId id, bool ok);

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
    void loadLimit(ProviderId id);
    void saveLimit(ProviderId id, double usd);
    // Runs `work` with a connection to the database on the pool, then `done` with
    // its result on this page's thread (not at all once the page is gone).
    template <typename T>
    void withDatabase(std::function<T(JobStore&)> work, std::function<void(const T&)> done);
    void setStatus(ProviderId id, const QString& text, bool error = false);
    void refreshStoredState(ProviderId id);

    KeyStore* m_keys;
    std::shared_ptr<MemorySecrets> m_secrets;
    std::shared_ptr<ProviderHub> m_hub;
    QString m_databasePath;
    qint64 m_userId;
    QThreadPool* m_pool;
    QHash<int, Row> m_rows;
    QHash<int, QWidget*> m_groups;
    QScrollArea* m_scroll = nullptr;
    ServerBox* m_localLlm = nullptr;
    ServerBox* m_speech = nullptr;
};

} // namespace hh
