// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>

namespace hh {

// Writes a whole artifact under a temporary name and renames it into place, so a
// crash or a full disk never leaves a half-written file under the final name.
// The rename is the step's checkpoint. A full disk maps to ErrorType::DiskFull.
Error writeFileAtomically(const QString& path, const QByteArray& data);

// Flushes a written file to the disk (fsync) before it is renamed into place, so
// a power cut after the rename cannot leave the final name on empty blocks.
Error syncFileToDisk(const QString& path);

// A temporary name beside `path` that belongs to this attempt alone
// ("final_video.mp4.4711-1a2b3c.part"): two workers never share one.
QString attemptTemporaryPath(const QString& path);

// Maps a failed write (QFileDevice error + errno) to disk_full or io.
ErrorType classifyWriteError(int errnoValue);

} // namespace hh
