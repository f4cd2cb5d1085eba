// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpTypes.h"
#include "core/ErrorType.h"

#include <functional>

namespace hh {

// What went wrong with one call to a provider, typed for the retry loop and the
// job row: the stable error (type + human message), the HTTP status, the
// provider's own code and message, and whether trying again can help.
struct ApiFailure {
    enum class Kind { None, Transport, HttpStatus, Api, Parse };
    Kind kind = Kind::None;
    Error error;
    int httpStatus = 0;
    QString providerCode;    // "RESOURCE_EXHAUSTED", "API_KEY_INVALID", "SAFETY.INPUT.IMAGE" …
    QString providerMessage; // the provider's own words
    bool retryable = false;
    qint64 retryAfterMs = -1; // the server's hint (Retry-After, RetryInfo), -1: none

    bool isFailure() const { return kind != Kind::None; }
    static ApiFailure parse(const QString& provider, const QString& what);
};

// Turns a non-2xx response of one provider into an ApiFailure.
using ErrorInterpreter = std::function<ApiFailure(const HttpResponse&)>;

// Failures without an HTTP status (refused connection, timeout, cut-off body …).
ApiFailure transportFailure(const QString& provider, const HttpResponse& response);

// `Retry-After: 7` or an HTTP date, and Runway's `retry-after-ms`; -1 when absent.
qint64 retryAfterHintMs(const HttpResponse& response, qint64 nowEpochMs);
// A protobuf Duration such as "26s" or "1.5s" (Gemini's RetryInfo.retryDelay); -1 if malformed.
qint64 parseDurationMs(const QString& text);

// Status-code defaults shared by the providers: 401/403 auth, 402 quota, 404 not
// found, 408/429 rate limited (retry), 500/502/503/504 provider trouble (retry),
// other 4xx refused. `provider` names the service in the message.
ApiFailure httpStatusFailure(const QString& provider, const HttpResponse& response);

// Google APIs' JSON error (google.rpc.Status), with RetryInfo and per-day quotas.
ApiFailure interpretGeminiError(const HttpResponse& response);
// Runway's {"error": "...", "issues": [...]} bodies.
ApiFailure interpretRunwayError(const HttpResponse& response);

} // namespace hh
