// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QImage>
#include <QString>
#include <memory>

namespace hh {

struct EncoderParams {
    int width = 1080;
    int height = 1920;
    int fps = 30;
    QString preset = QStringLiteral("superfast"); // x264 preset
    int crf = 23;
    int threads = 0;             // 0: x264 decides
    int audioBitrate = 160000;   // AAC
    int audioSampleRate = 48000; // output; input PCM is resampled
};

// Encodes frames and one mono PCM track into an MP4: H.264 High yuv420p (libx264),
// AAC 48 kHz stereo, `+faststart` (moov before mdat), in-process with the FFmpeg
// libraries. Colour conversion and encoding run on their own threads, so the
// caller can draw the next frame while the previous ones are converted/encoded.
//
// The file is written under a temporary name and renamed on finish(); abort() or
// destruction without finish() removes it, so no half-written MP4 is left under
// the final name.
class VideoEncoder {
public:
    VideoEncoder();
    ~VideoEncoder();
    VideoEncoder(const VideoEncoder&) = delete;
    VideoEncoder& operator=(const VideoEncoder&) = delete;

    // pcm: signed 16-bit mono at pcmSampleRate. Audio is padded with silence or cut
    // to the video's length on finish().
    Error open(const QString& path, const EncoderParams& params, const QByteArray& pcm,
               int pcmSampleRate);
    // Frames must be params.width × params.height; any QImage format (RGB32/ARGB32
    // preferred). Blocks when the internal queue is full (back-pressure).
    Error addFrame(const QImage& frame);
    Error finish();
    void abort();

    qint64 framesWritten() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace hh
