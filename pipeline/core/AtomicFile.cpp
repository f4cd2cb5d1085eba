// SPDX-License-Identifier: GPL-3.0-or-later
#include "AtomicFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSaveFile>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace hh {

ErrorType classifyWriteError(int errnoValue) {
    return (errnoValue == ENOSPC || errnoValue == EDQUOT) ? ErrorType::DiskFull : ErrorType::Io;
}

Error syncFileToDisk(const QString& path) {
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return {ErrorType::Io, QStringLiteral("cannot open %1 to flush it: %2")
                                   .arg(path, QString::fromLocal8Bit(std::strerror(errno)))};
    const int result = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (result != 0)
        return {classifyWriteError(err),
                QStringLiteral("cannot flush %1 to the disk: %2")
                    .arg(path, QString::fromLocal8Bit(std::strerror(err)))};
    return {};
}

QString attemptTemporaryPath(const QString& path) {
    return QStringLiteral("%1.%2-%3.part")
        .arg(path)
        .arg(QCoreApplication::applicationPid())
        .arg(QRandomGenerator::global()->generate() & 0xffffff, 6, 16, QLatin1Char('0'));
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
