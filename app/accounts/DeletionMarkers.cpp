// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeletionMarkers.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace hh {

namespace {

const QString kPrefix = QStringLiteral("user-");

QJsonObject identity(const UserRecord& user) {
    return {{QStringLiteral("id"), user.id},
            {QStringLiteral("username"), user.username},
            {QStringLiteral("createdAt"), user.createdAt.toUTC().toString(Qt::ISODateWithMs)}};
}

} // namespace

DeletionMarkers::DeletionMarkers(QString dataRoot)
    : m_folder(QDir(dataRoot).filePath(QStringLiteral("deleting"))) {}

QString DeletionMarkers::pathFor(qint64 userId) const {
    return QDir(m_folder).filePath(kPrefix + QString::number(userId));
}

Error DeletionMarkers::write(const UserRecord& user) const {
    if (!QDir().mkpath(m_folder))
        return {ErrorType::Io, QStringLiteral("Could not create %1.").arg(m_folder)};
    QFile::setPermissions(m_folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QSaveFile file(pathFor(user.id));
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(identity(user)).toJson(QJsonDocument::Compact)) < 0 ||
        !file.commit()) {
        return {ErrorType::Io, QStringLiteral("Could not record that account %1 is being deleted "
                                              "in %2: %3")
                                   .arg(user.id)
                                   .arg(m_folder, file.errorString())};
    }
    return {};
}

bool DeletionMarkers::marks(const UserRecord& user) const {
    QFile file(pathFor(user.id));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    return QJsonDocument::fromJson(file.read(4096)).object() == identity(user);
}

QList<qint64> DeletionMarkers::markedIds() const {
    QList<qint64> ids;
    const QStringList names =
        QDir(m_folder).entryList({kPrefix + QLatin1Char('*')}, QDir::Files, QDir::Name);
    for (const QString& name : names) {
        bool ok = false;
        const qint64 id = name.mid(kPrefix.size()).toLongLong(&ok);
        if (ok && id > 0)
            ids.append(id);
    }
    return ids;
}

Error DeletionMarkers::remove(qint64 userId) const {
    const QString path = pathFor(userId);
    if (QFile::exists(path) && !QFile::remove(path))
        return {ErrorType::Io, QStringLiteral("Could not remove %1.").arg(path)};
    return {};
}

} // namespace hh
