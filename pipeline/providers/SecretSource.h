// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProviderConfig.h"

#include <QHash>
#include <QMutex>
#include <QProcessEnvironment>
#include <functional>
#include <memory>

namespace hh {

// Where API keys come from. Keys live only in memory and in the OS keychain
// (GUI) or the environment (CLI): never in SQLite, settings files or logs.
class SecretSource {
public:
    virtual ~SecretSource() = default;
    // Empty when the user has not given a key for that provider.
    virtual QString secret(ProviderId provider) const = 0;
};

// GEMINI_API_KEY, RUNWAYML_API_SECRET, NCBI_API_KEY, OPENAI_API_KEY.
class EnvironmentSecrets final : public SecretSource {
public:
    explicit EnvironmentSecrets(QProcessEnvironment env = QProcessEnvironment::systemEnvironment());
    QString secret(ProviderId provider) const override;
    static QString variableFor(ProviderId provider);

private:
    QProcessEnvironment m_env;
};

// Keys held in memory, thread-safe: the GUI fills it from the keychain at sign-in
// and when the user edits a key; workers read it.
class MemorySecrets final : public SecretSource {
public:
    using Observer = std::function<void(const QString& key)>;

    QString secret(ProviderId provider) const override;
    void setSecret(ProviderId provider, const QString& value);
    void clear();
    // Told of every key as it is set (the log's redactor learns it at once).
    void setObserver(Observer observer);

private:
    mutable QMutex m_mutex;
    QHash<int, QString> m_values;
    Observer m_observer;
};

// The keys of every account signed in since the app started, each in its own
// MemorySecrets. A job reads its owner's (ProviderHub::secretsFor), so a job of A
// that runs on after A signs out and B signs in still uses A's keys and never
// B's. As a SecretSource it answers for the signed-in account: what Settings and
// New video ask about. Thread-safe.
class AccountSecrets final : public SecretSource {
public:
    std::shared_ptr<MemorySecrets> forAccount(qint64 userId);
    void setCurrent(qint64 userId);
    qint64 current() const;
    // Drops an account's keys from memory (its jobs have stopped, or it was deleted).
    void forget(qint64 userId);
    void setObserver(MemorySecrets::Observer observer);

    QString secret(ProviderId provider) const override;

private:
    mutable QMutex m_mutex;
    QHash<qint64, std::shared_ptr<MemorySecrets>> m_accounts;
    qint64 m_current = 0;
    MemorySecrets::Observer m_observer;
};

} // namespace hh
