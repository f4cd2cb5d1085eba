// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProviderConfig.h"
#include "ProviderSlots.h"
#include "SecretSource.h"
#include "Usage.h"
#include "net/Clock.h"
#include "net/HttpTransport.h"
#include "net/RateLimiter.h"
#include "net/RetryingCaller.h"

#include <QHash>
#include <QMutex>
#include <memory>

class QNetworkAccessManager;

namespace hh {

// What all jobs share about the cloud providers, for the life of the app: the
// configuration, where keys come from, the clock, prices, and one rate limiter
// per provider (so two jobs together still respect NCBI's 3 requests a second).
// Thread-safe; owned by the app and handed to the runner.
class ProviderHub {
public:
    ProviderHub(ProviderConfig config, std::shared_ptr<SecretSource> secrets,
                std::shared_ptr<Clock> clock = std::make_shared<SystemClock>());

    const ProviderConfig& config() const { return m_config; }
    // One account's local LLM server (Settings → Providers), used by that account's
    // sessions instead of config()'s openAiBase / openAiModel; an empty base or
    // model keeps the configured one. The CLI sets none, so its environment rules.
    void setLocalLlm(qint64 owner, const QUrl& base, const QString& model);
    // One account's speech server the same way: its base, model and voice replace
    // config()'s speechBase / speechModel / speechVoice where not empty.
    void setSpeechServer(qint64 owner, const QUrl& base, const QString& model,
                         const QString& voice);
    // config() with `owner`'s own servers applied (owner 0: config() itself).
    ProviderConfig configFor(qint64 owner) const;
    // The default source's key: the signed-in account's in the app, the
    // environment's in the CLI. Jobs read their owner's (secretsFor).
    QString secret(ProviderId provider) const;
    // Where one account's jobs read keys: with per-account keys set, that account's
    // own; otherwise the default source (the CLI runs for one account).
    std::shared_ptr<SecretSource> secretsFor(qint64 owner) const;
    void setAccountSecrets(std::shared_ptr<AccountSecrets> accounts);
    bool hasKey(ProviderId provider) const { return !secret(provider).isEmpty(); }
    Clock& clock() const { return *m_clock; }
    RateLimiter& limiter(ProviderId provider) const;
    // Tasks at once per provider account, shared by every job (and process).
    ProviderSlots& providerSlots() const { return *m_slots; }
    const Pricing& pricing() const { return m_pricing; }
    RetryPolicy retryPolicy() const { return m_retry; }
    void setRetryPolicy(const RetryPolicy& policy) { m_retry = policy; }
    // For tests: a seeded or fixed jitter source.
    void setRandom(RetryingCaller::Random random) { m_random = std::move(random); }
    RetryingCaller::Random random() const { return m_random; }
    // Caps on every request's timeouts for sessions made afterwards (the app sets
    // none; fault-injection tests make a stalled server cost milliseconds).
    void setTimeoutCaps(TimeoutCaps caps) { m_timeoutCaps = caps; }
    TimeoutCaps timeoutCaps() const { return m_timeoutCaps; }

private:
    ProviderConfig m_config;
    std::shared_ptr<SecretSource> m_secrets;
    std::shared_ptr<AccountSecrets> m_accounts;
    std::shared_ptr<Clock> m_clock;
    Pricing m_pricing;
    RetryPolicy m_retry;
    RetryingCaller::Random m_random;
    TimeoutCaps m_timeoutCaps;
    std::unique_ptr<RateLimiter> m_limiters[5];
    // An account's own servers (Settings → Providers); empty fields keep m_config's.
    struct AccountServers {
        QUrl llmBase;
        QString llmModel;
        QUrl speechBase;
        QString speechModel;
        QString speechVoice;
    };
    mutable QMutex m_serversMutex; // set on the GUI thread, read by job threads
    QHash<qint64, AccountServers> m_servers;
    std::unique_ptr<ProviderSlots> m_slots = std::make_unique<ProviderSlots>();
};

// One job run's view of the providers, living on that run's worker thread: its
// own QNetworkAccessManager (QNAM is per thread), the shared hub, and the sink
// that books usage to the job's account.
class ProviderSession {
public:
    // `transport` overrides the network (tests); null: a QNAM made for this thread.
    // `owner`: the account whose keys the session's requests carry (0: the hub's
    // default source), fixed for the session's life whoever signs in meanwhile.
    ProviderSession(std::shared_ptr<ProviderHub> hub, UsageSink* usage = nullptr,
                    HttpTransport* transport = nullptr, qint64 owner = 0);
    ~ProviderSession();

    ProviderHub& hub() const { return *m_hub; }
    // The hub's configuration as the session's owner has it (their local LLM server).
    const ProviderConfig& config() const { return m_config; }
    QString secret(ProviderId provider) const { return keys().secret(provider); }
    const SecretSource& keys() const;
    HttpTransport& transport() const { return *m_transport; }
    Clock& clock() const { return m_hub->clock(); }
    UsageSink* usage() const { return m_usage; }

    // A caller with the provider's limiter, the hub's retry policy, and a hook
    // that books every attempt (calls, errors) to the usage sink.
    RetryingCaller caller(ProviderId provider, ErrorInterpreter interpreter) const;
    void record(const UsageDelta& usage) const;

    // A session for another worker thread (its own network manager), with the
    // same hub and keys, booking to `usage`; null when this one was given a
    // transport (a test's), which may not be shared between threads.
    std::unique_ptr<ProviderSession> forAnotherThread(UsageSink* usage) const;
    // While a call waits (rate limit, backoff), what it waits for and how long is
    // left, called about once a second; empty: not told.
    void setWaitReporter(std::function<void(const QString& reason, qint64 remainingMs)> reporter) {
        m_waitReporter = std::move(reporter);
    }

private:
    std::shared_ptr<ProviderHub> m_hub;
    ProviderConfig m_config;
    std::shared_ptr<SecretSource> m_secrets;
    UsageSink* m_usage;
    std::unique_ptr<QNetworkAccessManager> m_manager;
    std::unique_ptr<HttpTransport> m_ownTransport;
    std::unique_ptr<HttpTransport> m_cappedTransport;
    HttpTransport* m_transport;
    std::function<void(const QString&, qint64)> m_waitReporter;
};

} // namespace hh
