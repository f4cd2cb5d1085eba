// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerSettings.h"

#include "net/HttpTypes.h"

#include <QDir>
#include <QSettings>

namespace hh {

ServerSettings::ServerSettings(QString userDir, ServerKind kind)
    : m_file(userDir.isEmpty() ? QString() : QDir(userDir).filePath(QStringLiteral("settings.ini")))
    , m_group(kind == ServerKind::Speech ? QStringLiteral("speech") : QStringLiteral("localLlm")) {}

QString ServerSettings::value(const QString& name) const {
    if (m_file.isEmpty())
        return {};
    return QSettings(m_file, QSettings::IniFormat)
        .value(m_group + QLatin1Char('/') + name)
        .toString();
}

QUrl ServerSettings::address() const {
    return QUrl(value(QStringLiteral("address")));
}

QString ServerSettings::model() const {
    return value(QStringLiteral("model"));
}

QString ServerSettings::voice() const {
    return value(QStringLiteral("voice"));
}

void ServerSettings::save(const QUrl& address, const QString& model, const QString& voice) const {
    if (m_file.isEmpty())
        return;
    QSettings settings(m_file, QSettings::IniFormat);
    settings.beginGroup(m_group);
    settings.setValue(QStringLiteral("address"), address.toString());
    settings.setValue(QStringLiteral("model"), model);
    if (!voice.isEmpty())
        settings.setValue(QStringLiteral("voice"), voice);
}

QUrl ServerSettings::normalized(const QString& typed) {
    QString text = typed.trimmed();
    if (text.isEmpty())
        return {};
    if (!text.contains(QStringLiteral("://")))
        text.prepend(QStringLiteral("http://"));
    QUrl url(text, QUrl::StrictMode);
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path.isEmpty() ? QStringLiteral("/v1") : path);
    return url;
}

QString ServerSettings::problemWith(const QUrl& address) {
    if (!address.isValid() || address.host().isEmpty())
        return tr("This is not a server address. Write it as http://localhost:11434.");
    const QString scheme = address.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return tr("The address must start with http:// or https://.");
    if (!insecureUrlReason(address).isEmpty())
        return tr("Plain http is only for a server on this computer (localhost, 127.0.0.1, "
                  "::1): what is sent to %1 could be read on the way. Use https:// for it.")
            .arg(address.host());
    return {};
}

} // namespace hh
