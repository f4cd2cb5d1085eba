// SPDX-License-Identifier: GPL-3.0-or-later
#include "DataLayout.h"

#include <QDir>
#include <QFile>
#include <sys/stat.h>

namespace hh {

namespace {
Error makePrivateDir(const QString& path) {
    if (!QDir().mkpath(path))
        return {ErrorType::Io,
                QStringLiteral("cannot create the folder %1; check the disk and its permissions")
                    .arg(path)};
    // Other accounts on the same computer must not read each other's papers and videos.
    if (::chmod(QFile::encodeName(path).constData(), 0700) != 0)
        return {ErrorType::Io, QStringLiteral("cannot make %1 private").arg(path)};
    return {};
}
} // namespace

DataLayout::DataLayout(QString root)
    : m_root(QDir(root).absolutePath()) {}

QString DataLayout::databasePath() const {
    return QDir(m_root).filePath(QStringLiteral("hiddenhill.sqlite"));
}
QString DataLayout::logDir() const {
    return QDir(m_root).filePath(QStringLiteral("logs"));
}
QString DataLayout::userDir(qint64 userId) const {
    return QDir(m_root).filePath(QStringLiteral("users/%1").arg(userId));
}
QString DataLayout::jobsDir(qint64 userId) const {
    return QDir(userDir(userId)).filePath(QStringLiteral("jobs"));
}
QString DataLayout::jobDir(qint64 userId, qint64 jobId) const {
    return QDir(jobsDir(userId)).filePath(QString::number(jobId));
}

Error DataLayout::ensureRoot() const {
    if (!QDir().mkpath(m_root))
        return {ErrorType::Io, QStringLiteral("cannot create the data folder %1").arg(m_root)};
    return {};
}

Error DataLayout::ensureJobDir(qint64 userId, qint64 jobId) const {
    for (const QString& dir : {userDir(userId), jobsDir(userId), jobDir(userId, jobId)}) {
        if (Error e = makePrivateDir(dir); e.isError())
            return e;
    }
    return {};
}

} // namespace hh
