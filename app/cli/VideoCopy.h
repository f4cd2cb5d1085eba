// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/ErrorType.h"

#include <QString>

namespace hh::cli {

enum class ExistingFile { Replace, Keep };

// Copies a finished video to where the user asked for it, through `<to>.part` and a
// rename, so a reader never sees half a file under the final name. With
// ExistingFile::Keep a file already at `to` is never replaced (an `io` error says so).
Error copyVideo(const QString& from, const QString& to, ExistingFile existing);

} // namespace hh::cli
