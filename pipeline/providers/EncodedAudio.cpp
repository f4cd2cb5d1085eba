// SPDX-License-Identifier: GPL-3.0-or-later
#include "EncodedAudio.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libswresample/swresample.h>
}

#include <algorithm>
#include <cstring>
#include <memory>

namespace hh {

namespace {

constexpr int kIoBufferSize = 32 * 1024;
// A narration request is minutes at most; more decoded audio than this is a runaway.
constexpr qint64 kMaxSeconds = 30 * 60;

Result<PcmAudio> failure(const QString& why) {
    return Result<PcmAudio>::failure(ErrorType::Provider,
                                     QStringLiteral("unreadable compressed audio: ") + why);
}

// The bytes being read by FFmpeg through a custom AVIOContext.
struct MemoryReader {
    const QByteArray* bytes = nullptr;
    qint64 position = 0;
};

int readPacket(void* opaque, uint8_t* buffer, int size) {
    auto* reader = static_cast<MemoryReader*>(opaque);
    const qint64 left = reader->bytes->size() - reader->position;
    if (left <= 0)
        return AVERROR_EOF;
    const int count = int(std::min<qint64>(left, size));
    std::memcpy(buffer, reader->bytes->constData() + reader->position, size_t(count));
    reader->position += count;
    return count;
}

int64_t seekPacket(void* opaque, int64_t offset, int whence) {
    auto* reader = static_cast<MemoryReader*>(opaque);
    const qint64 size = reader->bytes->size();
    if (whence == AVSEEK_SIZE)
        return size;
    qint64 target = offset;
    if ((whence & ~AVSEEK_FORCE) == SEEK_CUR)
        target = reader->position + offset;
    else if ((whence & ~AVSEEK_FORCE) == SEEK_END)
        target = size + offset;
    if (target < 0 || target > size)
        return -1;
    reader->position = target;
    return target;
}

struct IoDeleter {
    void operator()(AVIOContext* io) const {
        if (io)
            av_freep(&io->buffer);
        avio_context_free(&io);
    }
};
struct FormatDeleter {
    void operator()(AVFormatContext* format) const { avformat_close_input(&format); }
};
struct CodecDeleter {
    void operator()(AVCodecContext* codec) const { avcodec_free_context(&codec); }
};
struct SwrDeleter {
    void operator()(SwrContext* swr) const { swr_free(&swr); }
};
struct PacketDeleter {
    void operator()(AVPacket* packet) const { av_packet_free(&packet); }
};
struct FrameDeleter {
    void operator()(AVFrame* frame) const { av_frame_free(&frame); }
};

// Converts one decoded frame (nullptr: flush) and appends the mono samples.
bool convert(SwrContext* swr, const AVFrame* frame, int targetRate, int sourceRate,
             QByteArray& out) {
    const int inSamples = frame ? frame->nb_samples : 0;
    const int capacity = int(av_rescale_rnd(swr_get_delay(swr, sourceRate) + inSamples, targetRate,
                                            sourceRate, AV_ROUND_UP)) +
                         16;
    QByteArray chunk(qsizetype(capacity) * 2, Qt::Uninitialized);
    auto* outData = reinterpret_cast<uint8_t*>(chunk.data());
    const int converted =
        swr_convert(swr, &outData, capacity,
                    frame ? const_cast<const uint8_t**>(frame->extended_data) : nullptr, inSamples);
    if (converted < 0)
        return false;
    out.append(chunk.constData(), qsizetype(converted) * 2);
    return true;
}

} // namespace

bool looksLikeMp3(const QByteArray& bytes) {
    if (bytes.startsWith("ID3"))
        return true;
    return bytes.size() >= 2 && uchar(bytes.at(0)) == 0xFF && (uchar(bytes.at(1)) & 0xE0) == 0xE0;
}

Result<PcmAudio> decodeEncodedAudio(const QByteArray& bytes, int targetRate) {
    if (bytes.isEmpty())
        return failure(QStringLiteral("no bytes"));
    MemoryReader reader{&bytes, 0};
    auto* ioBuffer = static_cast<unsigned char*>(av_malloc(kIoBufferSize));
    if (!ioBuffer)
        return failure(QStringLiteral("out of memory"));
    std::unique_ptr<AVIOContext, IoDeleter> io(
        avio_alloc_context(ioBuffer, kIoBufferSize, 0, &reader, readPacket, nullptr, seekPacket));
    if (!io) {
        av_free(ioBuffer);
        return failure(QStringLiteral("out of memory"));
    }
    AVFormatContext* rawFormat = avformat_alloc_context();
    if (!rawFormat)
        return failure(QStringLiteral("out of memory"));
    rawFormat->pb = io.get();
    rawFormat->flags |= AVFMT_FLAG_CUSTOM_IO;
    if (avformat_open_input(&rawFormat, nullptr, nullptr, nullptr) < 0)
        return failure(QStringLiteral("not an audio format FFmpeg knows"));
    const std::unique_ptr<AVFormatContext, FormatDeleter> format(rawFormat);
    if (avformat_find_stream_info(format.get(), nullptr) < 0)
        return failure(QStringLiteral("no stream information"));
    const AVCodec* decoder = nullptr;
    const int stream = av_find_best_stream(format.get(), AVMEDIA_TYPE_AUDIO, -1, -1, &decoder, 0);
    if (stream < 0 || !decoder)
        return failure(QStringLiteral("no audio stream"));
    const std::unique_ptr<AVCodecContext, CodecDeleter> codec(avcodec_alloc_context3(decoder));
    if (!codec ||
        avcodec_parameters_to_context(codec.get(), format->streams[stream]->codecpar) < 0 ||
        avcodec_open2(codec.get(), decoder, nullptr) < 0)
        return failure(QStringLiteral("the decoder did not start"));
    if (codec->sample_rate <= 0 || codec->ch_layout.nb_channels <= 0)
        return failure(QStringLiteral("no sample rate or channels"));

    AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
    SwrContext* rawSwr = nullptr;
    if (swr_alloc_set_opts2(&rawSwr, &mono, AV_SAMPLE_FMT_S16, targetRate, &codec->ch_layout,
                            codec->sample_fmt, codec->sample_rate, 0, nullptr) < 0)
        return failure(QStringLiteral("cannot convert its samples"));
    const std::unique_ptr<SwrContext, SwrDeleter> swr(rawSwr);
    if (swr_init(swr.get()) < 0)
        return failure(QStringLiteral("cannot convert its samples"));

    const std::unique_ptr<AVPacket, PacketDeleter> packet(av_packet_alloc());
    const std::unique_ptr<AVFrame, FrameDeleter> frame(av_frame_alloc());
    PcmAudio audio;
    audio.sampleRate = targetRate;
    const qint64 maxBytes = kMaxSeconds * targetRate * 2;
    bool decodedAny = false;
    const auto drain = [&]() -> bool {
        while (avcodec_receive_frame(codec.get(), frame.get()) == 0) {
            decodedAny = true;
            if (!convert(swr.get(), frame.get(), targetRate, codec->sample_rate, audio.pcm))
                return false;
            av_frame_unref(frame.get());
            if (audio.pcm.size() > maxBytes)
                return false;
        }
        return true;
    };
    while (av_read_frame(format.get(), packet.get()) >= 0) {
        if (packet->stream_index == stream) {
            // A damaged packet in the middle is skipped, as players do.
            avcodec_send_packet(codec.get(), packet.get());
            if (!drain())
                return failure(QStringLiteral("too long or not convertible"));
        }
        av_packet_unref(packet.get());
    }
    avcodec_send_packet(codec.get(), nullptr);
    if (!drain() || !convert(swr.get(), nullptr, targetRate, codec->sample_rate, audio.pcm))
        return failure(QStringLiteral("too long or not convertible"));
    if (!decodedAny || audio.pcm.isEmpty())
        return failure(QStringLiteral("no audio frames"));
    return audio;
}

} // namespace hh
