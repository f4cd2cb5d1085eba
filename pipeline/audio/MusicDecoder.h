// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QString>
#include <vector>

namespace hh {

// The user's own music file (MP3, AAC/M4A, OGG/Vorbis/Opus, FLAC, WAV …) decoded
// with FFmpeg's libraries to mono float samples at the mix rate. Every failure is
// an Error naming the file and what to do, never a crash or a silent bed.
class MusicDecoder {
public:
    // Opens the file and decodes its first sound: cheap enough to run when a job
    // starts, so a file that cannot be used fails the job before anything is rendered.
    static Error check(const QString& path);
    // At most `maxSeconds` of the file (the rest is not needed: the bed is trimmed
    // to the video), mixed down to mono at `sampleRate`.
    static Result<std::vector<float>> decode(const QString& path, int sampleRate,
                                             double maxSeconds);
};

} // namespace hh
