// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpTransport.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <algorithm>

namespace hh {

QtHttpTransport::QtHttpTransport(QNetworkAccessManager& manager)
    : m_manager(manager) {}

namespace {

TransportFailure failureFor(QNetworkReply::NetworkError error) {
    switch (error) {
    case QNetworkReply::NoError:
        return TransportFailure::None;
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::UnknownNetworkError:
        return TransportFailure::Connect;
    case QNetworkReply::TimeoutError:
    case QNetworkReply::ProxyTimeoutError:
        return TransportFailure::Timeout;
    case QNetworkReply::SslHandshakeFailedError:
        return TransportFailure::Tls;
    case QNetworkReply::TooManyRedirectsError:
        return TransportFailure::Redirects;
    case QNetworkReply::InsecureRedirectError:
        return TransportFailure::Insecure;
    case QNetworkReply::OperationCanceledError:
        return TransportFailure::Cancelled;
    default:
        return TransportFailure::Other;
    }
}

// Headers that carry a credential. Qt copies every header of a request to the
// target of a redirect, whatever its host: these must not follow to another origin.
bool isCredentialHeader(const QByteArray& name) {
    static const QList<QByteArray> names = {"authorization",  "proxy-authorization", "cookie",
                                            "x-goog-api-key", "x-api-key",           "api-key"};
    return names.contains(name.toLower());
}

bool sameOrigin(const QUrl& a, const QUrl& b) {
    const auto port = [](const QUrl& u) {
        return u.port(u.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 ? 443
                                                                                           : 80);
    };
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0 &&
           a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && port(a) == port(b);
}

// The request for the next hop of a redirect: as a GET for 301/302/303 after a
// POST, as browsers and Qt do, and without credentials when it leaves the origin.
HttpRequest redirectHop(const HttpRequest& request, const QUrl& target, int status,
                        int redirectsLeft) {
    HttpRequest next = request;
    next.url = target;
    next.maxRedirects = redirectsLeft;
    if (!sameOrigin(target, request.url))
        next.headers.removeIf([](const auto& header) { return isCredentialHeader(header.first); });
    if (status != 307 && status != 308 && request.method != "GET" && request.method != "HEAD") {
        next.method = "GET";
        next.body.clear();
        next.headers.removeIf([](const auto& header) {
            return header.first.compare("content-type", Qt::CaseInsensitive) == 0;
        });
    }
    return next;
}

bool isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

} // namespace

// Redirects are followed here, one request per hop, rather than by Qt: every
// target is checked before it is asked (https → http or a hop to a non-loopback
// http host never happens silently), keys never leave their origin, and Qt 6.4's
// own following ended some loops as "HTTP 100" and, under load, leaked the
// per-hop objects of its network thread (LeakSanitizer, 1 run in 6).
HttpResponse QtHttpTransport::send(const HttpRequest& request, const std::atomic_bool* cancel) {
    QElapsedTimer clock;
    clock.start();
    HttpRequest hop = request;
    int followed = 0;
    for (;;) {
        HttpResponse response = sendOnce(hop, cancel);
        const QByteArray location = response.header("location");
        if (response.failure != TransportFailure::None || !isRedirect(response.status) ||
            location.isEmpty())
            return response;
        const QUrl target = hop.url.resolved(QUrl::fromEncoded(location));
        if (hop.maxRedirects <= 0) {
            response.failure =
                request.maxRedirects > 0 ? TransportFailure::Redirects : TransportFailure::Insecure;
            response.failureText =
                request.maxRedirects > 0
                    ? QStringLiteral("too many redirects (%1), the last to %2")
                          .arg(followed)
                          .arg(target.toDisplayString(QUrl::RemoveQuery).left(200))
                    : QStringLiteral("unexpected redirect (HTTP %1) to %2")
                          .arg(response.status)
                          .arg(target.toDisplayString(QUrl::RemoveQuery).left(200));
            if (response.failure == TransportFailure::Insecure)
                response.status = 0;
            response.body.clear();
            return response;
        }
        if (const QString why = insecureUrlReason(target); !why.isEmpty()) {
            response.failure = TransportFailure::Insecure;
            response.failureText = QStringLiteral("redirect refused: %1").arg(why);
            response.status = 0;
            response.body.clear();
            return response;
        }
        const qint64 left = request.totalTimeoutMs - clock.elapsed();
        if (left <= 0) {
            response.failure = TransportFailure::Timeout;
            response.failureText =
                QStringLiteral("no complete answer within %1 s").arg(request.totalTimeoutMs / 1000);
            response.status = 0;
            response.body.clear();
            return response;
        }
        hop = redirectHop(hop, target, response.status, hop.maxRedirects - 1);
        hop.totalTimeoutMs = int(left);
        ++followed;
    }
}

HttpResponse QtHttpTransport::sendOnce(const HttpRequest& request, const std::atomic_bool* cancel) {
    HttpResponse response;
    response.finalUrl = request.url;
    if (const QString why = insecureUrlReason(request.url); !why.isEmpty()) {
        response.failure = TransportFailure::Insecure;
        response.failureText = why;
        return response;
    }
    if (cancel && cancel->load()) {
        response.failure = TransportFailure::Cancelled;
        return response;
    }

    QNetworkRequest qrequest(request.url);
    for (const auto& [name, value] : request.headers)
        qrequest.setRawHeader(name, value);
    qrequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                          QNetworkRequest::ManualRedirectPolicy);
    qrequest.setTransferTimeout(request.stallTimeoutMs);

    QNetworkReply* reply = nullptr;
    if (request.body.isEmpty() && request.method == "GET")
        reply = m_manager.get(qrequest);
    else
        reply = m_manager.sendCustomRequest(qrequest, request.method, request.body);

    QEventLoop loop;
    bool tooLarge = false;
    bool totalTimeout = false;
    bool cancelled = false;
    QByteArray body;

    QObject::connect(reply, &QNetworkReply::readyRead, &loop, [&] {
        body += reply->readAll();
        if (body.size() > request.maxResponseBytes) {
            tooLarge = true;
            reply->abort();
        }
    });
    QObject::connect(reply, &QNetworkReply::metaDataChanged, &loop, [&] {
        const qint64 declared = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        if (declared > request.maxResponseBytes) {
            tooLarge = true;
            reply->abort();
        }
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);

    QTimer total;
    total.setSingleShot(true);
    QObject::connect(&total, &QTimer::timeout, &loop, [&] {
        totalTimeout = true;
        reply->abort();
    });
    total.start(request.totalTimeoutMs);
    QTimer cancelPoll;
    QObject::connect(&cancelPoll, &QTimer::timeout, &loop, [&] {
        if (cancel && cancel->load() && !reply->isFinished()) {
            cancelled = true;
            reply->abort();
        }
    });
    cancelPoll.start(50);

    if (!reply->isFinished())
        loop.exec();
    total.stop();
    cancelPoll.stop();
    if (!tooLarge && !cancelled && !totalTimeout && reply->isOpen())
        body += reply->readAll();
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    for (const auto& [name, value] : reply->rawHeaderPairs())
        response.headers.append({name.toLower(), value});
    const QNetworkReply::NetworkError error = reply->error();
    const QString errorText = reply->errorString();
    // Deleted here, not later: a worker thread has no event loop to run a
    // deleteLater(), so replies (aborted ones too) would pile up under the manager
    // until the job ends, and past the end of a test.
    delete reply;

    if (cancelled) {
        response.failure = TransportFailure::Cancelled;
        response.failureText = QStringLiteral("cancelled");
    } else if (tooLarge) {
        response.failure = TransportFailure::TooLarge;
        response.failureText = QStringLiteral("the response is larger than %1 MB")
                                   .arg(double(request.maxResponseBytes) / (1024.0 * 1024.0));
    } else if (totalTimeout) {
        response.failure = TransportFailure::Timeout;
        response.failureText =
            QStringLiteral("no complete answer within %1 s").arg(request.totalTimeoutMs / 1000);
    } else if (error != QNetworkReply::NoError && response.status == 0) {
        // Qt's transfer timeout aborts a server that never answers as "operation
        // cancelled": without our own cancel that is a timeout (it read as the
        // user's cancel and was never retried; found by tst_faults under load).
        response.failure = error == QNetworkReply::OperationCanceledError
                               ? TransportFailure::Timeout
                               : failureFor(error);
        response.failureText = errorText;
        response.connectionDropped = error == QNetworkReply::RemoteHostClosedError;
    } else if (error != QNetworkReply::NoError && error < QNetworkReply::ContentAccessDenied) {
        // A status line arrived but the body did not: never hand half a JSON on. Qt
        // reports its own transfer timeout as "operation cancelled".
        if (error == QNetworkReply::TimeoutError || error == QNetworkReply::OperationCanceledError)
            response.failure = TransportFailure::Timeout;
        else if (error == QNetworkReply::RemoteHostClosedError)
            response.failure = TransportFailure::Truncated;
        else
            response.failure = failureFor(error);
        response.failureText = errorText;
    } else if (response.status < 200) {
        // An informational status as the final answer is no answer.
        response.failure = TransportFailure::Other;
        response.failureText = QStringLiteral("no final answer (HTTP %1)").arg(response.status);
    }
    if (response.failure != TransportFailure::None)
        response.status = response.failure == TransportFailure::Redirects ? response.status : 0;
    // Bodies of failed transfers are dropped except for HTTP errors, whose JSON explains them.
    response.body = response.failure == TransportFailure::None ? body : QByteArray();
    // Declared Content-Length longer than what arrived: truncated even without an error.
    const qint64 declared = response.header("content-length").toLongLong();
    if (response.failure == TransportFailure::None && declared > 0 &&
        declared > response.body.size()) {
        response.failure = TransportFailure::Truncated;
        response.failureText = QStringLiteral("the answer was cut off after %1 of %2 bytes")
                                   .arg(response.body.size())
                                   .arg(declared);
        response.status = 0;
        response.body.clear();
    }
    return response;
}

TimeoutCappedTransport::TimeoutCappedTransport(HttpTransport& inner, TimeoutCaps caps)
    : m_inner(inner)
    , m_caps(caps) {}

HttpResponse TimeoutCappedTransport::send(const HttpRequest& request,
                                          const std::atomic_bool* cancel) {
    HttpRequest capped = request;
    if (m_caps.stallMs > 0)
        capped.stallTimeoutMs = std::min(capped.stallTimeoutMs, m_caps.stallMs);
    if (m_caps.totalMs > 0)
        capped.totalTimeoutMs = std::min(capped.totalTimeoutMs, m_caps.totalMs);
    return m_inner.send(capped, cancel);
}

} // namespace hh
