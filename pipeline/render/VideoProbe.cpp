// SPDX-License-Identifier: GPL-3.0-or-later
#include "VideoProbe.h"

#include <QFile>

extern "C" {
#include <libavformat/avformat.h>
}

namespace hh {

VideoProbe VideoProbe::probe(const QString& path) {
    VideoProbe result;
    // A broken file is an expected answer here, not something to print.
    if (av_log_get_level() >= AV_LOG_ERROR)
        av_log_set_level(AV_LOG_FATAL);
    AVFormatContext* context = nullptr;
    if (avformat_open_input(&context, QFile::encodeName(path).constData(), nullptr, nullptr) < 0)
        return result;
    if (avformat_find_stream_info(context, nullptr) >= 0) {
        for (unsigned i = 0; i < context->nb_streams; ++i) {
            const AVCodecParameters* parameters = context->streams[i]->codecpar;
            if (parameters->codec_type == AVMEDIA_TYPE_VIDEO && result.width == 0) {
                result.width = parameters->width;
                result.height = parameters->height;
            } else if (parameters->codec_type == AVMEDIA_TYPE_AUDIO) {
                result.hasAudio = true;
            }
        }
        if (context->duration > 0)
            result.durationSeconds = double(context->duration) / double(AV_TIME_BASE);
        result.ok = result.width > 0 && result.durationSeconds > 0;
    }
    avformat_close_input(&context);
    return result;
}

} // namespace hh
