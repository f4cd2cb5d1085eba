// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to the video encoder: the FFmpeg headers, RAII owners for every AV*
// object and the mapping of libav error codes to the project's error types.
// Kept out of VideoEncoder.h so nothing else sees the C headers.

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

#include "core/ErrorType.h"

#include <QString>
#include <memory>

namespace hh::av {

struct CodecContextDeleter {
    void operator()(AVCodecContext* context) const { avcodec_free_context(&context); }
};
struct FrameDeleter {
    void operator()(AVFrame* frame) const { av_frame_free(&frame); }
};
struct PacketDeleter {
    void operator()(AVPacket* packet) const { av_packet_free(&packet); }
};
struct SwsDeleter {
    void operator()(SwsContext* context) const { sws_freeContext(context); }
};
struct SwrDeleter {
    void operator()(SwrContext* context) const { swr_free(&context); }
};
struct DictionaryDeleter {
    void operator()(AVDictionary* dictionary) const { av_dict_free(&dictionary); }
};
// Closes the output file (if one was opened) before freeing the context.
struct FormatContextDeleter {
    void operator()(AVFormatContext* context) const;
};

using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextDeleter>;
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;
using PacketPtr = std::unique_ptr<AVPacket, PacketDeleter>;
using SwsPtr = std::unique_ptr<SwsContext, SwsDeleter>;
using SwrPtr = std::unique_ptr<SwrContext, SwrDeleter>;
using FormatContextPtr = std::unique_ptr<AVFormatContext, FormatContextDeleter>;

// AVERROR_EOF and av_err2str are macros with C casts / compound literals that the
// project's warning set rejects, hence these helpers.
bool isEndOfStream(int averror);
bool isAgain(int averror);
QString errorText(int averror);

// A libav failure that is neither the disk nor the file system: a bug or a bad setting.
Error libavError(const QString& what, int averror);
// A failed open/write of the output file: ENOSPC/EDQUOT → DiskFull, file-system
// errnos → Io, anything else (e.g. a muxer complaint) → Internal.
Error writeError(const QString& path, int averror);
Error diskFullError(const QString& path);

} // namespace hh::av
