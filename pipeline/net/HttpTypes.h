// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace hh {

struct HttpRequest {
    QByteArray method = "GET";
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int stallTimeoutMs = 30000;  // no byte sent or received for this long: timeout
    int totalTimeoutMs = 300000; // whole transfer, however it trickles
    qint64 maxResponseBytes = 32LL * 1024 * 1024;
    int maxRedirects = 3; // 0: a redirect is an error (Runway's asset rule)

    void setHeader(const QByteArray& name, const QByteArray& value);
    void setJsonBody(const QByteArray& json);
};

// Why a transfer produced no HTTP status at all.
enum class TransportFailure {
    None,
    Connect,   // refused, unreachable, DNS, reset before a status line
    Timeout,   // stalled or over the total time
    Truncated, // connection closed before the body was complete
    TooLarge,  // over maxResponseBytes
    Insecure,  // plain http to a non-loopback host, or a redirect to one
    Redirects, // more redirects than allowed
    Tls,
    Cancelled,
    Other,
};

struct HttpResponse {
    int status = 0; // 0 when `failure` is set
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
    TransportFailure failure = TransportFailure::None;
    QString failureText;
    QUrl finalUrl;
    // The server closed the connection before answering. Qt then sends the same
    // request again by itself, up to 3 times (QHttpNetworkConnectionChannel's
    // reconnect attempts), beneath any rate limiter: the caller pays for them.
    bool connectionDropped = false;

    QByteArray header(const QByteArray& lowerName) const;
    bool ok() const { return failure == TransportFailure::None && status >= 200 && status < 300; }
};

// Plain http is accepted only for loopback addresses (local servers, test fakes);
// everything else must be https. Returns an empty string when `url` is allowed,
// else why not.
QString insecureUrlReason(const QUrl& url);

} // namespace hh
