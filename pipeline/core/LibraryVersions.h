// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace hh {

// The versions of the main libraries as loaded at run time (not as compiled against), for the
// About dialog and bug reports: on a Debian system they change with security updates while
// Hidden Hill's own version does not.
struct LibraryVersions {
    QString qt;
    QString ffmpeg;
    QString poppler;
    QString espeak;
};

LibraryVersions libraryVersions();

} // namespace hh
