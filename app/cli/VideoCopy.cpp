// SPDX-License-Identifier: GPL-3.0-or-later
#include "VideoCopy.h"

#include <QFile>

namespace hh::cli {

Error copyVideo(const QString& from, const QString& to, ExistingFile existing) {
    const auto exists = [&to] {
        return Error{ErrorType::Io,
                     QStringLiteral("%1 already exists; add --force to replace it").arg(to)};
    };
    if (existing == ExistingFile::Keep && QFile::exists(to))
        return exists();
    const QString temp = to + QStringLiteral(".part");
    QFile::remove(temp);
    if (!QFile::copy(from, temp)) {
        QFile::remove(temp);
        return {ErrorType::Io,
                QStringLiteral("cannot write %1; check the folder exists and is writable").arg(to)};
    }
    if (existing == ExistingFile::Replace)
        QFile::remove(to);
    // QFile::rename never replaces an existing file: a video that appeared at `to`
    // while this one rendered stays as it is.
    if (!QFile::rename(temp, to)) {
        QFile::remove(temp);
        return QFile::exists(to) ? exists()
                                 : Error{ErrorType::Io, QStringLiteral("cannot write %1").arg(to)};
    }
    return {};
}

} // namespace hh::cli
