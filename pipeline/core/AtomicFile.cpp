// SPDX-License-Identifier: GPL-3.0-or-later
#include "AtomicFile.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <cerrno>

namespace hh {

ErrorType classifyWriteError(int errnoValue) {
    return (errnoValue == ENOSPC || errnoValue == EDQUOT) ? ErrorType::DiskFull : ErrorType::Io;
}

Error writeFileAtomically(const QString& path, const QByteArray& data) {
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return {ErrorType::Io,
                QStringLiteral("cannot create the folder %1").arg(info.absolutePath())};
    QSaveFile file(path);
    errno = 0;
    if (!file.open(QIODevice::WriteOnly))
        return {classifyWriteError(errno),
                QStringLiteral("cannot write %1: %2").arg(path, file.errorString())};
    if (file.write(data) != data.size()) {
        const int err = errno;
        file.cancelWriting();
        const ErrorType type = classifyWriteError(err);
        return {type,
                type == ErrorType::DiskFull
                    ? QStringLiteral("the disk is full while writing %1; free some space and retry")
                          .arg(path)
                    : QStringLiteral("cannot write %1: %2").arg(path, file.errorString())};
    }
    errno = 0;
    if (!file.commit()) {
        const ErrorType type = classifyWriteError(errno);
        return {type,
                type == ErrorType::DiskFull
                    ? QStringLiteral("the disk is full while writing %1; free some space and retry")
                          .arg(path)
                    : QStringLiteral("cannot write %1: %2").arg(path, file.errorString())};
    }
    return {};
}

} // namespace hh
