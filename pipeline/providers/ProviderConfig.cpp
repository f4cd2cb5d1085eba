// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProviderConfig.h"

#include "net/HttpTypes.h"

#include <algorithm>

namespace hh {

QString providerKey(ProviderId id) {
    switch (id) {
    case ProviderId::Gemini:
        return QStringLiteral("gemini");
    case ProviderId::Runway:
        return QStringLiteral("runway");
    case ProviderId::Ncbi:
        return QStringLiteral("ncbi");
    case ProviderId::OpenAi:
        return QStringLiteral("openai");
    case ProviderId::Speech:
        return QStringLiteral("speech");
    }
    return {};
}

QString providerDisplayName(ProviderId id) {
    switch (id) {
    case ProviderId::Gemini:
        return QStringLiteral("Google Gemini");
    case ProviderId::Runway:
        return QStringLiteral("Runway");
    case ProviderId::Ncbi:
        return QStringLiteral("NCBI PubMed");
    case ProviderId::OpenAi:
        return QStringLiteral("Local LLM (OpenAI-compatible)");
    case ProviderId::Speech:
        return QStringLiteral("Speech server (OpenAI-compatible)");
    }
    return {};
}

bool providerFromKey(const QString& key, ProviderId* id) {
    for (ProviderId candidate : {ProviderId::Gemini, ProviderId::Runway, ProviderId::Ncbi,
                                 ProviderId::OpenAi, ProviderId::Speech}) {
        if (providerKey(candidate) == key) {
            *id = candidate;
            return true;
        }
    }
    return false;
}

ProviderConfig ProviderConfig::fromEnvironment(const QProcessEnvironment& env) {
    ProviderConfig config;
    auto url = [&env](const char* name, QUrl* target) {
        const QString value = env.value(QLatin1String(name)).trimmed();
        if (!value.isEmpty())
            *target = QUrl(value);
    };
    auto text = [&env](const char* name, QString* target) {
        const QString value = env.value(QLatin1String(name)).trimmed();
        if (!value.isEmpty())
            *target = value;
    };
    url("HH_GEMINI_BASE_URL", &config.geminiBase);
    url("HH_RUNWAY_BASE_URL", &config.runwayBase);
    url("HH_NCBI_BASE_URL", &config.ncbiBase);
    url("HH_OPENAI_BASE_URL", &config.openAiBase);
    url("HH_SPEECH_BASE_URL", &config.speechBase);
    text("HH_SPEECH_MODEL", &config.speechModel);
    text("HH_SPEECH_VOICE", &config.speechVoice);
    text("HH_GEMINI_MODEL", &config.geminiModel);
    text("HH_GEMINI_TTS_MODEL", &config.geminiTtsModel);
    text("HH_OPENAI_MODEL", &config.openAiModel);
    text("HH_RUNWAY_MODEL", &config.runwayModel);
    text("NCBI_EMAIL", &config.ncbiEmail);
    bool ok = false;
    const int concurrency = env.value(QStringLiteral("HH_RUNWAY_CONCURRENCY")).toInt(&ok);
    if (ok && concurrency > 0)
        config.runwayConcurrency = std::min(concurrency, 20); // Runway's highest tier
    return config;
}

QStringList ProviderConfig::problems() const {
    QStringList out;
    const std::pair<const char*, QUrl> urls[] = {{"HH_GEMINI_BASE_URL", geminiBase},
                                                 {"HH_RUNWAY_BASE_URL", runwayBase},
                                                 {"HH_NCBI_BASE_URL", ncbiBase},
                                                 {"HH_OPENAI_BASE_URL", openAiBase},
                                                 {"HH_SPEECH_BASE_URL", speechBase}};
    for (const auto& [name, url] : urls) {
        if (url.isEmpty())
            continue;
        if (const QString why = insecureUrlReason(url); !why.isEmpty())
            out << QStringLiteral("%1: %2").arg(QLatin1String(name), why);
    }
    return out;
}

} // namespace hh
