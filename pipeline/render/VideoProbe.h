// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace hh {

// What a finished MP4 must show before a resumed job trusts it: the container
// opens, it has a video stream, and its duration is positive.
struct VideoProbe {
    bool ok = false;
    double durationSeconds = 0;
    int width = 0;
    int height = 0;
    bool hasAudio = false;

    static VideoProbe probe(const QString& path);
};

} // namespace hh
