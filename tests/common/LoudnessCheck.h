// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace hh::test {

// Loudness of a finished file, measured independently of the pipeline's own meter.
struct FileLoudness {
    bool ok = false;
    double integratedLufs = 0;
    double truePeakDbtp = 0;
    QString error;
};

// The file's audio decoded by the ffmpeg CLI to stereo float at 48 kHz, as a
// player hears it, then measured with libebur128 (BS.1770, both channels).
FileLoudness measureWithLibebur128(const QString& path);
// The ffmpeg CLI's own R128 meter (`-af ebur128=peak=true`): its summary's I and Peak.
FileLoudness measureWithFfmpeg(const QString& path);

} // namespace hh::test
