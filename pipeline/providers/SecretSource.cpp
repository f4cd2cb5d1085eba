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
    QMutexLocker lock(&m_mutex);
    if (value.trimmed().isEmpty())
        m_values.remove(int(provider));
    else
        m_values.insert(int(provider), value.trimmed());
}

void MemorySecrets::clear() {
    QMutexLocker lock(&m_mutex);
    m_values.clear();
}

} // namespace hh
