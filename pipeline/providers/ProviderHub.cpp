// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProviderHub.h"

#include "net/HttpTransport.h"

#include <QNetworkAccessManager>

namespace hh {

ProviderHub::ProviderHub(ProviderConfig config, std::shared_ptr<SecretSource> secrets,
                         std::shared_ptr<Clock> clock)
    : m_config(std::move(config))
    , m_secrets(std::move(secrets))
    , m_clock(std::move(clock)) {
    // NCBI: 3 requests a second without a key, 10 with one (E-utilities usage rules);
    // spaced a little wider than the limit, as NCBI's own limiter trips at exactly 3.
    const bool ncbiKey = m_secrets && !m_secrets->secret(ProviderId::Ncbi).isEmpty();
    m_limiters[int(ProviderId::Ncbi)] =
        std::make_unique<RateLimiter>(ncbiKey ? 9.0 : 2.7, 1, *m_clock);
    m_limiters[int(ProviderId::Gemini)] =
        std::make_unique<RateLimiter>(m_config.geminiRequestsPerSecond, 2, *m_clock);
    m_limiters[int(ProviderId::Runway)] =
        std::make_unique<RateLimiter>(m_config.runwayRequestsPerSecond, 5, *m_clock);
    m_limiters[int(ProviderId::OpenAi)] =
        std::make_unique<RateLimiter>(m_config.openAiRequestsPerSecond, 4, *m_clock);
    m_slots->setCapacity(ProviderId::Runway, m_config.runwayConcurrency);
    m_slots->setCapacity(ProviderId::Gemini, m_config.geminiTtsConcurrency);
    m_limiters[int(ProviderId::Speech)] =
        std::make_unique<RateLimiter>(m_config.speechRequestsPerSecond, 4, *m_clock);
}

QString ProviderHub::secret(ProviderId provider) const {
    return m_secrets ? m_secrets->secret(provider) : QString();
}

std::shared_ptr<SecretSource> ProviderHub::secretsFor(qint64 owner) const {
    if (m_accounts && owner > 0)
        return m_accounts->forAccount(owner);
    return m_secrets;
}

void ProviderHub::setAccountSecrets(std::shared_ptr<AccountSecrets> accounts) {
    m_accounts = std::move(accounts);
}

void ProviderHub::setLocalLlm(qint64 owner, const QUrl& base, const QString& model) {
    QMutexLocker lock(&m_serversMutex);
    AccountServers& servers = m_servers[owner];
    servers.llmBase = base;
    servers.llmModel = model;
}

void ProviderHub::setSpeechServer(qint64 owner, const QUrl& base, const QString& model,
                                  const QString& voice) {
    QMutexLocker lock(&m_serversMutex);
    AccountServers& servers = m_servers[owner];
    servers.speechBase = base;
    servers.speechModel = model;
    servers.speechVoice = voice;
}

ProviderConfig ProviderHub::configFor(qint64 owner) const {
    ProviderConfig config = m_config;
    QMutexLocker lock(&m_serversMutex);
    const auto it = m_servers.constFind(owner);
    if (owner <= 0 || it == m_servers.constEnd())
        return config;
    const auto keep = [](auto& field, const auto& own) {
        if (!own.isEmpty())
            field = own;
    };
    keep(config.openAiBase, it->llmBase);
    keep(config.openAiModel, it->llmModel);
    keep(config.speechBase, it->speechBase);
    keep(config.speechModel, it->speechModel);
    keep(config.speechVoice, it->speechVoice);
    return config;
}

RateLimiter& ProviderHub::limiter(ProviderId provider) const {
    return *m_limiters[int(provider)];
}

ProviderSession::ProviderSession(std::shared_ptr<ProviderHub> hub, UsageSink* usage,
                                 HttpTransport* transport, qint64 owner)
    : m_hub(std::move(hub))
    , m_config(m_hub->configFor(owner))
    , m_secrets(m_hub->secretsFor(owner))
    , m_usage(usage)
    , m_transport(transport) {
    if (!m_transport) {
        m_manager = std::make_unique<QNetworkAccessManager>();
        m_ownTransport = std::make_unique<QtHttpTransport>(*m_manager);
        m_transport = m_ownTransport.get();
    }
    if (const TimeoutCaps caps = m_hub->timeoutCaps(); caps.isSet()) {
        m_cappedTransport = std::make_unique<TimeoutCappedTransport>(*m_transport, caps);
        m_transport = m_cappedTransport.get();
    }
}

const SecretSource& ProviderSession::keys() const {
    static const MemorySecrets none;
    if (m_secrets)
        return *m_secrets;
    return none;
}

ProviderSession::~ProviderSession() {
    // The transports refer to the manager: destroy them first.
    m_cappedTransport.reset();
    m_ownTransport.reset();
    m_manager.reset();
}

RetryingCaller ProviderSession::caller(ProviderId provider, ErrorInterpreter interpreter) const {
    RetryingCaller caller(providerDisplayName(provider), *m_transport, m_hub->clock(),
                          &m_hub->limiter(provider), std::move(interpreter), m_hub->retryPolicy(),
                          m_hub->random());
    caller.onWaiting = m_waitReporter;
    UsageSink* sink = m_usage;
    caller.onAttempt = [sink, provider](const HttpResponse&, const ApiFailure& failure) {
        if (!sink)
            return;
        UsageDelta delta;
        delta.provider = provider;
        delta.calls = 1;
        delta.errors = failure.isFailure() ? 1 : 0;
        sink->record(delta);
    };
    return caller;
}

std::unique_ptr<ProviderSession> ProviderSession::forAnotherThread(UsageSink* usage) const {
    if (!m_ownTransport)
        return nullptr;
    auto session = std::make_unique<ProviderSession>(m_hub, usage);
    session->m_secrets = m_secrets; // the same account's keys, whoever signs in meanwhile
    session->m_config = m_config;   // and its settings (a local server's address)
    return session;
}

void ProviderSession::record(const UsageDelta& usage) const {
    if (m_usage)
        m_usage->record(usage);
}

} // namespace hh
