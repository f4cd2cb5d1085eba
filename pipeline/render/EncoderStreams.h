// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private building blocks of VideoEncoder: the MP4 muxer, the H.264 and AAC
// tracks and the RGB → YUV converter. None of them is thread-safe; the
// VideoEncoder pipeline hands each one to exactly one thread at a time.

#include "EncoderAv.h"
#include "render/VideoEncoder.h"

#include <QByteArray>
#include <QImage>
#include <QString>
#include <vector>

namespace hh::av {

// The output file: MP4 with +faststart, written under a temporary name.
class Muxer {
public:
    Error open(const QString& tempPath);
    Error writeHeader();
    // Rescales the packet from the codec's time base and hands it to the interleaver.
    Error write(AVPacket* packet, AVRational codecTimeBase, AVStream* stream);
    Error writeTrailerAndClose();
    void close();

    AVFormatContext* context() const { return m_context.get(); }
    const QString& path() const { return m_path; }

private:
    FormatContextPtr m_context;
    QString m_path;
};

// libx264, High profile, yuv420p, BT.709 limited range, constant frame rate.
class H264Track {
public:
    Error open(Muxer& muxer, const EncoderParams& params);
    // frame == nullptr flushes the encoder. Every packet that comes out is muxed.
    Error encode(AVFrame* frame, Muxer& muxer);
    qint64 packetsWritten() const { return m_packetsWritten; }

private:
    CodecContextPtr m_codec;
    AVStream* m_stream = nullptr;
    PacketPtr m_packet;
    qint64 m_packetsWritten = 0;
};

// The narration: mono s16 PCM resampled once to stereo float-planar at the output
// rate, then fed to the native AAC encoder in 1024-sample frames, on demand, so
// the muxer receives audio interleaved with the video.
class AacTrack {
public:
    Error open(Muxer& muxer, const EncoderParams& params, const QByteArray& pcm, int pcmSampleRate);
    int sampleRate() const;
    // Encodes whole frames up to `endSample`; past the narration's end it encodes silence.
    Error encodeUntil(qint64 endSample, Muxer& muxer);
    // Encodes up to exactly `endSample` (last frame may be short) and flushes.
    Error finish(qint64 endSample, Muxer& muxer);

private:
    Error resample(const QByteArray& pcm, int pcmSampleRate);
    Error encodeFrame(qint64 samples, Muxer& muxer);
    Error drain(Muxer& muxer);

    CodecContextPtr m_codec;
    AVStream* m_stream = nullptr;
    FramePtr m_frame;
    PacketPtr m_packet;
    std::vector<float> m_left;
    std::vector<float> m_right;
    qint64 m_nextSample = 0;
};

// RGB(A) QImage → YUV420P AVFrame with BT.709 coefficients and limited range.
class FrameConverter {
public:
    // The libav pixel format with the same memory layout as `format`, or
    // AV_PIX_FMT_NONE when the image must be converted first.
    static AVPixelFormat sourceFormat(QImage::Format format);
    Error convert(const QImage& image, FramePtr& out);

private:
    SwsPtr m_sws;
    AVPixelFormat m_sourceFormat = AV_PIX_FMT_NONE;
    QSize m_size;
};

} // namespace hh::av
