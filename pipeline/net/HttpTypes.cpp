// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpTypes.h"

#include <QHostAddress>

namespace hh {

void HttpRequest::setHeader(const QByteArray& name, const QByteArray& value) {
    for (auto& header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            header.second = value;
            return;
        }
    }
    headers.append({name, value});
}

void HttpRequest::setJsonBody(const QByteArray& json) {
    method = "POST";
    body = json;
    setHeader("Content-Type", "application/json");
}

QByteArray HttpResponse::header(const QByteArray& lowerName) const {
    for (const auto& header : headers) {
        if (header.first == lowerName)
            return header.second;
    }
    return {};
}

QString insecureUrlReason(const QUrl& url) {
    if (!url.isValid() || url.host().isEmpty())
        // Without credentials, query or fragment: keys are often passed there.
        return QStringLiteral("not a valid URL: %1")
            .arg(url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery |
                                     QUrl::RemoveFragment));
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return {};
    if (scheme != QLatin1String("http"))
        return QStringLiteral("unsupported URL scheme \"%1\"").arg(scheme);
    const QString host = url.host().toLower();
    if (host == QLatin1String("localhost"))
        return {};
    const QHostAddress address(host);
    if (!address.isNull() && address.isLoopback())
        return {};
    return QStringLiteral("plain http is allowed only for this computer (127.0.0.1, ::1, "
                          "localhost); use https for %1")
        .arg(url.host());
}

} // namespace hh
