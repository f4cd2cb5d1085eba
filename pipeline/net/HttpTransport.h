// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpTypes.h"

#include <atomic>

class QNetworkAccessManager;

namespace hh {

// Sends one request and waits for the answer on the calling thread (a job's
// worker thread), with timeouts, a response size cap, redirect checks and
// cancellation. No retries here: RetryingCaller decides about those.
class HttpTransport {
public:
    virtual ~HttpTransport() = default;
    virtual HttpResponse send(const HttpRequest& request, const std::atomic_bool* cancel) = 0;
};

// The real transport over a QNetworkAccessManager that lives in the calling thread
// (one per worker thread, injected by whoever runs the job).
class QtHttpTransport final : public HttpTransport {
public:
    explicit QtHttpTransport(QNetworkAccessManager& manager);
    HttpResponse send(const HttpRequest& request, const std::atomic_bool* cancel) override;

private:
    // One request, redirects not followed: a 3xx comes back as it is.
    HttpResponse sendOnce(const HttpRequest& request, const std::atomic_bool* cancel);

    QNetworkAccessManager& m_manager;
};

// Upper bounds on the timeouts of every request (0: each request keeps its own).
// The app never sets them; a test that injects stalls sets them so a stall costs
// a fraction of a second instead of the providers' 30–60 s.
struct TimeoutCaps {
    int stallMs = 0;
    int totalMs = 0;
    bool isSet() const { return stallMs > 0 || totalMs > 0; }
};

// Forwards every request to another transport with its timeouts lowered to the caps.
class TimeoutCappedTransport final : public HttpTransport {
public:
    TimeoutCappedTransport(HttpTransport& inner, TimeoutCaps caps);
    HttpResponse send(const HttpRequest& request, const std::atomic_bool* cancel) override;

private:
    HttpTransport& m_inner;
    TimeoutCaps m_caps;
};

} // namespace hh
