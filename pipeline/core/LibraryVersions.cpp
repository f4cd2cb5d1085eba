// SPDX-License-Identifier: GPL-3.0-or-later
#include "LibraryVersions.h"

#include <QtGlobal>
#include <espeak-ng/speak_lib.h>
#include <poppler-version.h>

extern "C" {
#include <libavutil/avutil.h>
}

namespace hh {

LibraryVersions libraryVersions() {
    LibraryVersions v;
    v.qt = QString::fromLatin1(qVersion());
    v.ffmpeg = QString::fromLatin1(av_version_info());
    v.poppler = Poppler::Version::string();
    // espeak_Info only reads a static string; it needs no initialised engine.
    v.espeak = QString::fromLatin1(espeak_Info(nullptr));
    return v;
}

} // namespace hh
