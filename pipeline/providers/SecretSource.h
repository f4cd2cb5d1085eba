// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProviderConfig.h"

#include <QHash>
#include <QMutex>
#include <QProcessEnvironment>

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
    QString secret(ProviderId provider) const override;
    void setSecret(ProviderId provider, const QString& value);
    void clear();

private:
    mutable QMutex m_mutex;
    QHash<int, QString> m_values;
};

} // namespace hh
