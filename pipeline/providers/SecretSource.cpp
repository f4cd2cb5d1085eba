// SPDX-License-Identifier: GPL-3.0-or-later
#include "SecretSource.h"

#include <QMutexLocker>

namespace hh {

EnvironmentSecrets::EnvironmentSecrets(QProcessEnvironment env)
    : m_env(std::move(env)) {}

QString EnvironmentSecrets::variableFor(ProviderId provider) {
    switch (provider) {
    case ProviderId::Gemini:
        return QStringLiteral("GEMINI_API_KEY");
    case ProviderId::Runway:
        return QStringLiteral("RUNWAYML_API_SECRET");
    case ProviderId::Ncbi:
        return QStringLiteral("NCBI_API_KEY");
    case ProviderId::OpenAi:
        return QStringLiteral("OPENAI_API_KEY");
    case ProviderId::Speech:
        return QStringLiteral("HH_SPEECH_API_KEY");
    }
    return {};
}

QString EnvironmentSecrets::secret(ProviderId provider) const {
    return m_env.value(variableFor(provider)).trimmed();
}

QString MemorySecrets::secret(ProviderId provider) const {
    QMutexLocker lock(&m_mutex);
    return m_values.value(int(provider));
}

void MemorySecrets::setSecret(ProviderId provider, const QString& value) {
    Observer observer;
    {
        QMutexLocker lock(&m_mutex);
        if (value.trimmed().isEmpty())
            m_values.remove(int(provider));
        else
            m_values.insert(int(provider), value.trimmed());
        observer = m_observer;
    }
    if (observer && !value.trimmed().isEmpty())
        observer(value.trimmed());
}

void MemorySecrets::setObserver(Observer observer) {
    QMutexLocker lock(&m_mutex);
    m_observer = std::move(observer);
}

void MemorySecrets::clear() {
    QMutexLocker lock(&m_mutex);
    m_values.clear();
}

std::shared_ptr<MemorySecrets> AccountSecrets::forAccount(qint64 userId) {
    QMutexLocker lock(&m_mutex);
    auto& secrets = m_accounts[userId];
    if (!secrets) {
        secrets = std::make_shared<MemorySecrets>();
        secrets->setObserver(m_observer);
    }
    return secrets;
}

void AccountSecrets::setCurrent(qint64 userId) {
    QMutexLocker lock(&m_mutex);
    m_current = userId;
}

qint64 AccountSecrets::current() const {
    QMutexLocker lock(&m_mutex);
    return m_current;
}

void AccountSecrets::forget(qint64 userId) {
    std::shared_ptr<MemorySecrets> secrets;
    {
        QMutexLocker lock(&m_mutex);
        secrets = m_accounts.take(userId);
    }
    // A job still holding them sees none from now on.
    if (secrets)
        secrets->clear();
}

void AccountSecrets::setObserver(MemorySecrets::Observer observer) {
    QMutexLocker lock(&m_mutex);
    m_observer = observer;
    for (const auto& secrets : std::as_const(m_accounts))
        secrets->setObserver(observer);
}

QString AccountSecrets::secret(ProviderId provider) const {
    std::shared_ptr<MemorySecrets> secrets;
    {
        QMutexLocker lock(&m_mutex);
        secrets = m_accounts.value(m_current);
    }
    return secrets ? secrets->secret(provider) : QString();
}

} // namespace hh
