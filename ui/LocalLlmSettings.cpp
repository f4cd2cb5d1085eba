// SPDX-License-Identifier: GPL-3.0-or-later
#include "LocalLlmSettings.h"

#include "net/HttpTypes.h"

#include <QDir>
#include <QSettings>

namespace hh {

namespace {
const QString kAddress = QStringLiteral("localLlm/address");
const QString kModel = QStringLiteral("localLlm/model");
} // namespace

LocalLlmSettings::LocalLlmSettings(QString userDir)
    : m_file(userDir.isEmpty() ? QString()
                               : QDir(userDir).filePath(QStringLiteral("settings.ini"))) {}

QUrl LocalLlmSettings::address() const {
    if (m_file.isEmpty())
        return {};
    return QUrl(QSettings(m_file, QSettings::IniFormat).value(kAddress).toString());
}

QString LocalLlmSettings::model() const {
    if (m_file.isEmpty())
        return {};
    return QSettings(m_file, QSettings::IniFormat).value(kModel).toString();
}

void LocalLlmSettings::save(const QUrl& address, const QString& model) const {
    if (m_file.isEmpty())
        return;
    QSettings settings(m_file, QSettings::IniFormat);
    settings.setValue(kAddress, address.toString());
    settings.setValue(kModel, model);
}

QUrl LocalLlmSettings::normalized(const QString& typed) {
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

QString LocalLlmSettings::problemWith(const QUrl& address) {
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
