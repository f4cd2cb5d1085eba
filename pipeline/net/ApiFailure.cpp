// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApiFailure.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <cmath>

namespace hh {

ApiFailure ApiFailure::parse(const QString& provider, const QString& what) {
    ApiFailure failure;
    failure.kind = Kind::Parse;
    failure.error = {
        ErrorType::Provider,
        QStringLiteral("%1 sent an answer Hidden Hill cannot read: %2").arg(provider, what)};
    return failure;
}

ApiFailure transportFailure(const QString& provider, const HttpResponse& response) {
    ApiFailure failure;
    failure.kind = ApiFailure::Kind::Transport;
    const QString detail = response.failureText.isEmpty()
                               ? QString()
                               : QStringLiteral(" (%1)").arg(response.failureText);
    switch (response.failure) {
    case TransportFailure::Connect:
    case TransportFailure::Other:
        failure.error = {ErrorType::Network,
                         QStringLiteral("cannot reach %1%2; check the internet connection")
                             .arg(provider, detail)};
        failure.retryable = true;
        break;
    case TransportFailure::Timeout:
        failure.error = {ErrorType::Network,
                         QStringLiteral("%1 did not answer in time%2").arg(provider, detail)};
        failure.retryable = true;
        break;
    case TransportFailure::Truncated:
        failure.error = {
            ErrorType::Network,
            QStringLiteral("the connection to %1 broke off mid-answer%2").arg(provider, detail)};
        failure.retryable = true;
        break;
    case TransportFailure::TooLarge:
        failure.error = {ErrorType::Provider,
                         QStringLiteral("%1 sent more data than expected%2").arg(provider, detail)};
        break;
    case TransportFailure::Insecure:
    case TransportFailure::Redirects:
    case TransportFailure::Tls:
        failure.error = {
            ErrorType::Network,
            QStringLiteral("refused an unsafe connection to %1%2").arg(provider, detail)};
        break;
    case TransportFailure::Cancelled:
        failure.error = {ErrorType::Cancelled, QStringLiteral("cancelled")};
        break;
    case TransportFailure::None:
        break;
    }
    return failure;
}

namespace {

// A server's wait hint, capped at a day: nobody waits longer for a retry (the
// caller gives up beyond its own limit), and a hostile "retry-after: 1e300"
// would otherwise overflow the conversion to an integer (found by fuzz_api_failure).
qint64 hintMs(double ms) {
    constexpr double kMaxHintMs = 24.0 * 60 * 60 * 1000;
    return qint64(std::min(std::ceil(ms), kMaxHintMs));
}

} // namespace

qint64 retryAfterHintMs(const HttpResponse& response, qint64 nowEpochMs) {
    bool ok = false;
    const double ms = response.header("retry-after-ms").trimmed().toDouble(&ok);
    if (ok && ms >= 0)
        return hintMs(ms);
    const QByteArray value = response.header("retry-after").trimmed();
    if (value.isEmpty())
        return -1;
    const double seconds = value.toDouble(&ok);
    if (ok && seconds >= 0)
        return hintMs(seconds * 1000.0);
    // RFC 9110 HTTP-date: "Wed, 21 Oct 2015 07:28:00 GMT".
    if (!value.endsWith(" GMT"))
        return -1;
    const QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(value.chopped(4)),
                                                   QStringLiteral("ddd, dd MMM yyyy HH:mm:ss"));
    if (!when.isValid())
        return -1;
    const QDateTime utc(when.date(), when.time(), Qt::UTC);
    return std::max<qint64>(0, utc.toMSecsSinceEpoch() - nowEpochMs);
}

qint64 parseDurationMs(const QString& text) {
    static const QRegularExpression re(QStringLiteral("^([0-9]+(?:\\.[0-9]+)?)s$"));
    const auto match = re.match(text.trimmed());
    if (!match.hasMatch())
        return -1;
    return hintMs(match.captured(1).toDouble() * 1000.0);
}

ApiFailure httpStatusFailure(const QString& provider, const HttpResponse& response) {
    ApiFailure failure;
    failure.kind = ApiFailure::Kind::HttpStatus;
    failure.httpStatus = response.status;
    failure.retryAfterMs = retryAfterHintMs(response, QDateTime::currentMSecsSinceEpoch());
    const int s = response.status;
    if (s == 401 || s == 403) {
        failure.error = {ErrorType::Auth,
                         QStringLiteral("%1 refused the key (HTTP %2); check it in Settings → "
                                        "Providers")
                             .arg(provider)
                             .arg(s)};
    } else if (s == 402) {
        failure.error = {
            ErrorType::Quota,
            QStringLiteral("%1 says the account has no credit left (HTTP 402)").arg(provider)};
    } else if (s == 404) {
        failure.error = {
            ErrorType::NotFound,
            QStringLiteral("%1 does not know what was asked for (HTTP 404)").arg(provider)};
    } else if (s == 408 || s == 429) {
        failure.error = {ErrorType::RateLimited,
                         QStringLiteral("%1 is limiting requests (HTTP %2); try again later")
                             .arg(provider)
                             .arg(s)};
        failure.retryable = true;
    } else if (s == 500 || s == 502 || s == 503 || s == 504) {
        failure.error = {
            ErrorType::Provider,
            QStringLiteral("%1 is having trouble (HTTP %2); try again later").arg(provider).arg(s)};
        failure.retryable = true;
    } else {
        failure.error = {ErrorType::Provider,
                         QStringLiteral("%1 refused the request (HTTP %2)").arg(provider).arg(s)};
    }
    return failure;
}

namespace {

QString shortText(const QByteArray& body) {
    return QString::fromUtf8(body).simplified().left(300);
}

} // namespace

ApiFailure interpretGeminiError(const HttpResponse& response) {
    const QString provider = QStringLiteral("Gemini");
    ApiFailure failure = httpStatusFailure(provider, response);
    QJsonDocument doc = QJsonDocument::fromJson(response.body);
    // The SDK unwraps a one-element list of errors: so do we. at(0), unlike first(), is
    // defined for the empty list a hostile body can be.
    QJsonObject root = doc.isArray() ? doc.array().at(0).toObject() : doc.object();
    const QJsonObject error = root.value(QLatin1String("error")).toObject();
    if (error.isEmpty()) {
        if (!response.body.isEmpty())
            failure.providerMessage = shortText(response.body);
        return failure;
    }
    failure.kind = ApiFailure::Kind::Api;
    failure.providerCode = error.value(QLatin1String("status")).toString();
    failure.providerMessage = error.value(QLatin1String("message")).toString().left(500);
    bool perDay = false;
    for (const auto& value : error.value(QLatin1String("details")).toArray()) {
        const QJsonObject detail = value.toObject();
        const QString type = detail.value(QLatin1String("@type")).toString();
        if (type.endsWith(QLatin1String("google.rpc.RetryInfo"))) {
            const qint64 ms = parseDurationMs(detail.value(QLatin1String("retryDelay")).toString());
            if (ms >= 0 && failure.retryAfterMs < 0)
                failure.retryAfterMs = ms;
        } else if (type.endsWith(QLatin1String("google.rpc.ErrorInfo"))) {
            const QString reason = detail.value(QLatin1String("reason")).toString();
            if (!reason.isEmpty())
                failure.providerCode = reason;
        } else if (type.endsWith(QLatin1String("google.rpc.QuotaFailure"))) {
            for (const auto& v : detail.value(QLatin1String("violations")).toArray()) {
                if (v.toObject()
                        .value(QLatin1String("quotaId"))
                        .toString()
                        .contains(QLatin1String("PerDay")))
                    perDay = true;
            }
        }
    }
    const QString said = failure.providerMessage.isEmpty()
                             ? QString()
                             : QStringLiteral(": %1").arg(failure.providerMessage);
    if (failure.providerCode == QLatin1String("API_KEY_INVALID")) {
        failure.error = {ErrorType::Auth,
                         QStringLiteral("Gemini refused the API key%1. Add a valid Gemini key in "
                                        "Settings → Providers (or GEMINI_API_KEY)")
                             .arg(said)};
        failure.retryable = false;
    } else if (perDay) {
        // A daily quota only clears at midnight Pacific: waiting minutes cannot help.
        failure.error = {ErrorType::Quota,
                         QStringLiteral("Gemini's daily quota is used up%1").arg(said)};
        failure.retryable = false;
    } else {
        failure.error.message += said;
    }
    return failure;
}

ApiFailure interpretRunwayError(const HttpResponse& response) {
    const QString provider = QStringLiteral("Runway");
    ApiFailure failure = httpStatusFailure(provider, response);
    const QJsonObject root = QJsonDocument::fromJson(response.body).object();
    QString message = root.value(QLatin1String("error")).toString();
    if (message.isEmpty())
        message = root.value(QLatin1String("message")).toString();
    QStringList issues;
    for (const auto& value : root.value(QLatin1String("issues")).toArray()) {
        const QJsonObject issue = value.toObject();
        const QJsonArray path = issue.value(QLatin1String("path")).toArray();
        const QString field = path.isEmpty() ? QString() : path.last().toVariant().toString();
        issues << (field.isEmpty() ? QString() : field + QStringLiteral(": ")) +
                      issue.value(QLatin1String("message")).toString();
    }
    if (!issues.isEmpty())
        message += QStringLiteral(" (") + issues.join(QStringLiteral("; ")) + QLatin1Char(')');
    if (message.isEmpty() && !response.body.isEmpty() && root.isEmpty())
        message = shortText(response.body);
    if (!message.isEmpty()) {
        failure.kind = ApiFailure::Kind::Api;
        failure.providerMessage = message.left(500);
        failure.error.message += QStringLiteral(": ") + failure.providerMessage;
    }
    if (response.status == 401)
        failure.error.message =
            QStringLiteral("Runway refused the API key. Add a valid Runway key in Settings → "
                           "Providers (or RUNWAYML_API_SECRET)");
    const QByteArray shouldRetry = response.header("x-should-retry").toLower();
    if (shouldRetry == "true")
        failure.retryable = true;
    else if (shouldRetry == "false")
        failure.retryable = false;
    return failure;
}

} // namespace hh
