// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ApiFailure.h"
#include "Clock.h"
#include "HttpTransport.h"
#include "RateLimiter.h"

#include <QList>
#include <functional>

namespace hh {

struct RetryPolicy {
    int maxAttempts = 4;          // first try included
    qint64 initialDelayMs = 1000; // backoff ceiling for the first retry, doubled each time
    qint64 maxDelayMs = 30000;
    // A server asking us to wait longer than this (e.g. a quota that resets in an
    // hour) fails the job now with the hint in the message instead of blocking it.
    qint64 maxHintMs = 120000;
};

struct CallOutcome {
    HttpResponse response;  // the last response (2xx when ok())
    ApiFailure failure;     // set when the call failed after its retries
    int attempts = 0;       // requests actually sent
    QList<qint64> delaysMs; // waits between attempts, for tests and the log

    bool ok() const { return !failure.isFailure(); }
};

// One provider call with the shared rate limiter, retries for transient failures
// only (connect errors, timeouts, cut-off bodies, 429, 500, 502, 503, 504) and
// exponential backoff with full jitter, honouring the server's own delay hint.
// Fatal answers (400, 401, 403, 404, content blocked) fail at once.
class RetryingCaller {
public:
    using Random = std::function<double()>; // uniform in [0, 1)

    RetryingCaller(QString provider, HttpTransport& transport, Clock& clock, RateLimiter* limiter,
                   ErrorInterpreter interpreter, RetryPolicy policy = {}, Random random = {});

    CallOutcome call(const HttpRequest& request, const std::atomic_bool* cancel);

    // The wait before retry number `retry` (1-based) without a server hint.
    qint64 backoffMs(int retry);

    // How often Qt resends a request by itself when the server drops the
    // connection before answering (QHttpNetworkConnectionChannel, Qt 6.4: 3).
    static constexpr int kHiddenResends = 3;

    // Called after every attempt (the usage ledger counts calls and errors).
    std::function<void(const HttpResponse&, const ApiFailure&)> onAttempt;
    // While waiting (the rate limit, a backoff), what for and how long is left,
    // about once a second, so the user sees a countdown instead of a frozen bar.
    std::function<void(const QString& reason, qint64 remainingMs)> onWaiting;

private:
    bool sleepTelling(qint64 ms, const QString& reason, const std::atomic_bool* cancel);

    QString m_provider;
    HttpTransport& m_transport;
    Clock& m_clock;
    RateLimiter* m_limiter;
    ErrorInterpreter m_interpreter;
    RetryPolicy m_policy;
    Random m_random;
};

} // namespace hh
