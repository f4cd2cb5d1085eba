// SPDX-License-Identifier: GPL-3.0-or-later
#include "EncoderStreams.h"

#include <algorithm>
#include <cstring>

namespace hh::av {

// ---------------------------------------------------------------- Muxer

Error Muxer::open(const QString& tempPath) {
    m_path = tempPath;
    const QByteArray path = tempPath.toLocal8Bit();
    AVFormatContext* raw = nullptr;
    // The format is named explicitly: the temporary suffix hides the ".mp4".
    int ret = avformat_alloc_output_context2(&raw, nullptr, "mp4", path.constData());
    if (ret < 0 || raw == nullptr)
        return libavError(QStringLiteral("cannot create the MP4 muxer"), ret);
    m_context.reset(raw);
    ret = avio_open(&m_context->pb, path.constData(), AVIO_FLAG_WRITE);
    if (ret < 0)
        return writeError(tempPath, ret);
    return {};
}

Error Muxer::writeHeader() {
    AVDictionary* rawOptions = nullptr;
    // moov before mdat, so players and upload sites can start before the whole file arrives.
    av_dict_set(&rawOptions, "movflags", "+faststart", 0);
    const int ret = avformat_write_header(m_context.get(), &rawOptions);
    std::unique_ptr<AVDictionary, DictionaryDeleter> options(rawOptions);
    if (ret < 0)
        return writeError(m_path, ret);
    return {};
}

Error Muxer::write(AVPacket* packet, AVRational codecTimeBase, AVStream* stream) {
    av_packet_rescale_ts(packet, codecTimeBase, stream->time_base);
    packet->stream_index = stream->index;
    const int ret = av_interleaved_write_frame(m_context.get(), packet);
    if (ret < 0)
        return writeError(m_path, ret);
    return {};
}

Error Muxer::writeTrailerAndClose() {
    // The trailer writes moov and, for +faststart, rewrites the file to move it first:
    // a full disk shows up here as often as in the packets.
    int ret = av_write_trailer(m_context.get());
    if (ret < 0)
        return writeError(m_path, ret);
    if (m_context->pb->error < 0)
        return writeError(m_path, m_context->pb->error);
    ret = avio_closep(&m_context->pb);
    if (ret < 0)
        return writeError(m_path, ret);
    m_context.reset();
    return {};
}

void Muxer::close() {
    m_context.reset();
}

// ---------------------------------------------------------------- H264Track

namespace {

Error setPrivateOption(AVCodecContext* codec, const char* name, const QString& value) {
    const int ret = av_opt_set(codec->priv_data, name, value.toUtf8().constData(), 0);
    if (ret < 0)
        return libavError(QStringLiteral("libx264 rejects %1=%2").arg(QLatin1String(name), value),
                          ret);
    return {};
}

} // namespace

Error H264Track::open(Muxer& muxer, const EncoderParams& params) {
    const AVCodec* codec = avcodec_find_encoder_by_name("libx264");
    if (codec == nullptr)
        return {ErrorType::Internal, QStringLiteral("FFmpeg was built without libx264")};
    m_codec.reset(avcodec_alloc_context3(codec));
    m_packet.reset(av_packet_alloc());
    if (!m_codec || !m_packet)
        return {ErrorType::Internal, QStringLiteral("out of memory for the H.264 encoder")};

    AVCodecContext* c = m_codec.get();
    c->width = params.width;
    c->height = params.height;
    c->pix_fmt = AV_PIX_FMT_YUV420P;
    c->time_base = AVRational{1, params.fps};
    c->framerate = AVRational{params.fps, 1};
    c->sample_aspect_ratio = AVRational{1, 1};
    c->thread_count = params.threads;
    // Tag what the converter produces; untagged HD video is guessed as BT.601 by some players.
    c->color_primaries = AVCOL_PRI_BT709;
    c->color_trc = AVCOL_TRC_BT709;
    c->colorspace = AVCOL_SPC_BT709;
    c->color_range = AVCOL_RANGE_MPEG;
    if ((muxer.context()->oformat->flags & AVFMT_GLOBALHEADER) != 0)
        c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;

    if (Error e = setPrivateOption(c, "preset", params.preset); e.isError())
        return e;
    if (Error e = setPrivateOption(c, "crf", QString::number(params.crf)); e.isError())
        return e;
    if (Error e = setPrivateOption(c, "profile", QStringLiteral("high")); e.isError())
        return e;
    // x264 derives the profile from the tools in use; "ultrafast" switches the 8×8
    // transform off and would emit Constrained Baseline. The 8×8 transform is the
    // one High tool that is nearly free and improves quality.
    if (Error e = setPrivateOption(c, "x264-params", QStringLiteral("8x8dct=1")); e.isError())
        return e;

    int ret = avcodec_open2(c, codec, nullptr);
    if (ret < 0)
        return libavError(QStringLiteral("cannot open libx264 (preset %1, crf %2)")
                              .arg(params.preset)
                              .arg(params.crf),
                          ret);
    m_stream = avformat_new_stream(muxer.context(), nullptr);
    if (m_stream == nullptr)
        return {ErrorType::Internal, QStringLiteral("cannot add the video stream")};
    ret = avcodec_parameters_from_context(m_stream->codecpar, c);
    if (ret < 0)
        return libavError(QStringLiteral("cannot describe the video stream"), ret);
    m_stream->time_base = c->time_base;
    m_stream->avg_frame_rate = c->framerate;
    m_stream->r_frame_rate = c->framerate;
    return {};
}

Error H264Track::encode(AVFrame* frame, Muxer& muxer) {
    int ret = avcodec_send_frame(m_codec.get(), frame);
    if (ret < 0)
        return libavError(QStringLiteral("H.264 encoding failed"), ret);
    for (;;) {
        ret = avcodec_receive_packet(m_codec.get(), m_packet.get());
        if (isAgain(ret) || isEndOfStream(ret))
            return {};
        if (ret < 0)
            return libavError(QStringLiteral("H.264 encoding failed"), ret);
        if (Error e = muxer.write(m_packet.get(), m_codec->time_base, m_stream); e.isError())
            return e;
        ++m_packetsWritten;
    }
}

// ---------------------------------------------------------------- AacTrack

Error AacTrack::open(Muxer& muxer, const EncoderParams& params, const QByteArray& pcm,
                     int pcmSampleRate) {
    const AVCodec* codec = avcodec_find_encoder_by_name("aac");
    if (codec == nullptr)
        return {ErrorType::Internal, QStringLiteral("FFmpeg has no AAC encoder")};
    m_codec.reset(avcodec_alloc_context3(codec));
    m_frame.reset(av_frame_alloc());
    m_packet.reset(av_packet_alloc());
    if (!m_codec || !m_frame || !m_packet)
        return {ErrorType::Internal, QStringLiteral("out of memory for the AAC encoder")};

    AVCodecContext* c = m_codec.get();
    c->sample_fmt = AV_SAMPLE_FMT_FLTP;
    c->sample_rate = params.audioSampleRate;
    av_channel_layout_default(&c->ch_layout, 2);
    c->bit_rate = params.audioBitrate;
    c->time_base = AVRational{1, params.audioSampleRate};
    if ((muxer.context()->oformat->flags & AVFMT_GLOBALHEADER) != 0)
        c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    int ret = avcodec_open2(c, codec, nullptr);
    if (ret < 0)
        return libavError(QStringLiteral("cannot open the AAC encoder"), ret);

    m_stream = avformat_new_stream(muxer.context(), nullptr);
    if (m_stream == nullptr)
        return {ErrorType::Internal, QStringLiteral("cannot add the audio stream")};
    ret = avcodec_parameters_from_context(m_stream->codecpar, c);
    if (ret < 0)
        return libavError(QStringLiteral("cannot describe the audio stream"), ret);
    m_stream->time_base = c->time_base;

    m_frame->format = AV_SAMPLE_FMT_FLTP;
    m_frame->sample_rate = c->sample_rate;
    m_frame->nb_samples = c->frame_size;
    ret = av_channel_layout_copy(&m_frame->ch_layout, &c->ch_layout);
    if (ret >= 0)
        ret = av_frame_get_buffer(m_frame.get(), 0);
    if (ret < 0)
        return libavError(QStringLiteral("cannot allocate audio frames"), ret);
    return resample(pcm, pcmSampleRate);
}

int AacTrack::sampleRate() const {
    return m_codec->sample_rate;
}

Error AacTrack::resample(const QByteArray& pcm, int pcmSampleRate) {
    const int inSamples = static_cast<int>(pcm.size() / 2);
    if (inSamples == 0)
        return {}; // silent video: every frame is padding
    if (pcmSampleRate <= 0)
        return {ErrorType::Internal,
                QStringLiteral("invalid PCM sample rate %1").arg(pcmSampleRate)};

    AVChannelLayout mono;
    av_channel_layout_default(&mono, 1);
    SwrContext* raw = nullptr;
    int ret =
        swr_alloc_set_opts2(&raw, &m_codec->ch_layout, AV_SAMPLE_FMT_FLTP, m_codec->sample_rate,
                            &mono, AV_SAMPLE_FMT_S16, pcmSampleRate, 0, nullptr);
    SwrPtr swr(raw);
    if (ret < 0)
        return libavError(QStringLiteral("cannot set up the audio resampler"), ret);
    // The default mono → stereo matrix lowers each side by 3 dB; the narration
    // should play as loud as the voice synthesizer produced it.
    const double matrix[2] = {1.0, 1.0};
    ret = swr_set_matrix(swr.get(), matrix, 1);
    if (ret >= 0)
        ret = swr_init(swr.get());
    if (ret < 0)
        return libavError(QStringLiteral("cannot set up the audio resampler"), ret);

    const int capacity = swr_get_out_samples(swr.get(), inSamples) + 64;
    m_left.resize(static_cast<size_t>(capacity));
    m_right.resize(static_cast<size_t>(capacity));
    int produced = 0;
    const auto* input = reinterpret_cast<const uint8_t*>(pcm.constData());
    // First the whole input, then (input == nullptr) the resampler's delayed tail.
    for (const uint8_t* in : {input, static_cast<const uint8_t*>(nullptr)}) {
        uint8_t* out[2] = {reinterpret_cast<uint8_t*>(m_left.data() + produced),
                           reinterpret_cast<uint8_t*>(m_right.data() + produced)};
        const uint8_t* inPlanes[1] = {in};
        ret = swr_convert(swr.get(), out, capacity - produced, in ? inPlanes : nullptr,
                          in ? inSamples : 0);
        if (ret < 0)
            return libavError(QStringLiteral("audio resampling failed"), ret);
        produced += ret;
    }
    m_left.resize(static_cast<size_t>(produced));
    m_right.resize(static_cast<size_t>(produced));
    return {};
}

Error AacTrack::encodeFrame(qint64 samples, Muxer& muxer) {
    int ret = av_frame_make_writable(m_frame.get());
    if (ret < 0)
        return libavError(QStringLiteral("cannot prepare an audio frame"), ret);
    m_frame->nb_samples = static_cast<int>(samples);
    const qint64 available = static_cast<qint64>(m_left.size());
    const qint64 fromPcm = std::clamp<qint64>(available - m_nextSample, 0, samples);
    const std::vector<float>* planes[2] = {&m_left, &m_right};
    for (int channel = 0; channel < 2; ++channel) {
        auto* out = reinterpret_cast<float*>(m_frame->data[channel]);
        if (fromPcm > 0)
            std::memcpy(out, planes[channel]->data() + m_nextSample,
                        static_cast<size_t>(fromPcm) * sizeof(float));
        std::fill(out + fromPcm, out + samples, 0.0f); // padding past the narration
    }
    m_frame->pts = m_nextSample;
    m_nextSample += samples;

    ret = avcodec_send_frame(m_codec.get(), m_frame.get());
    if (ret < 0)
        return libavError(QStringLiteral("AAC encoding failed"), ret);
    return drain(muxer);
}

Error AacTrack::drain(Muxer& muxer) {
    for (;;) {
        const int ret = avcodec_receive_packet(m_codec.get(), m_packet.get());
        if (isAgain(ret) || isEndOfStream(ret))
            return {};
        if (ret < 0)
            return libavError(QStringLiteral("AAC encoding failed"), ret);
        if (Error e = muxer.write(m_packet.get(), m_codec->time_base, m_stream); e.isError())
            return e;
    }
}

Error AacTrack::encodeUntil(qint64 endSample, Muxer& muxer) {
    const qint64 frameSize = m_codec->frame_size;
    while (m_nextSample + frameSize <= endSample) {
        if (Error e = encodeFrame(frameSize, muxer); e.isError())
            return e;
    }
    return {};
}

Error AacTrack::finish(qint64 endSample, Muxer& muxer) {
    if (Error e = encodeUntil(endSample, muxer); e.isError())
        return e;
    // The encoder accepts one short frame at the end: that is what makes the
    // audio end exactly with the last video frame (narration beyond it is cut).
    if (endSample > m_nextSample) {
        if (Error e = encodeFrame(endSample - m_nextSample, muxer); e.isError())
            return e;
    }
    const int ret = avcodec_send_frame(m_codec.get(), nullptr);
    if (ret < 0 && !isEndOfStream(ret))
        return libavError(QStringLiteral("AAC flush failed"), ret);
    return drain(muxer);
}

// ---------------------------------------------------------------- FrameConverter

AVPixelFormat FrameConverter::sourceFormat(QImage::Format format) {
    // QImage's 32-bit ARGB formats are native-endian 0xAARRGGBB words; the
    // 8888 formats are byte-ordered R, G, B, A. Alpha is ignored: the video has
    // none (premultiplied pixels therefore appear composited over black).
    switch (format) {
#if Q_BYTE_ORDER == Q_LITTLE_ENDIAN
    case QImage::Format_RGB32:
        return AV_PIX_FMT_BGR0;
    case QImage::Format_ARGB32:
    case QImage::Format_ARGB32_Premultiplied:
        return AV_PIX_FMT_BGRA;
#else
    case QImage::Format_RGB32:
        return AV_PIX_FMT_0RGB;
    case QImage::Format_ARGB32:
    case QImage::Format_ARGB32_Premultiplied:
        return AV_PIX_FMT_ARGB;
#endif
    case QImage::Format_RGBX8888:
        return AV_PIX_FMT_RGB0;
    case QImage::Format_RGBA8888:
    case QImage::Format_RGBA8888_Premultiplied:
        return AV_PIX_FMT_RGBA;
    case QImage::Format_RGB888:
        return AV_PIX_FMT_RGB24;
    default:
        return AV_PIX_FMT_NONE;
    }
}

Error FrameConverter::convert(const QImage& image, FramePtr& out) {
    const AVPixelFormat format = sourceFormat(image.format());
    if (format == AV_PIX_FMT_NONE)
        return {ErrorType::Internal,
                QStringLiteral("unsupported QImage format %1").arg(image.format())};
    const int width = image.width();
    const int height = image.height();
    if (!m_sws || format != m_sourceFormat || image.size() != m_size) {
        // Same size in and out: the flags only choose how chroma is subsampled.
        // FULL_CHR_H_INP computes chroma for every pixel (SIMD) and then filters it;
        // the default "half" input path has no SIMD for 32-bit RGB and measured about
        // twice as slow (8 vs 4 ms per 1080×1920 frame).
        m_sws.reset(sws_getContext(width, height, format, width, height, AV_PIX_FMT_YUV420P,
                                   SWS_BILINEAR | SWS_FULL_CHR_H_INP, nullptr, nullptr, nullptr));
        if (!m_sws)
            return {ErrorType::Internal, QStringLiteral("cannot set up the colour converter")};
        // BT.709 matrix, full-range RGB in, limited-range ("TV") YUV out, matching
        // the stream's colour tags so players convert back to the drawn colours.
        const int* bt709 = sws_getCoefficients(SWS_CS_ITU709);
        sws_setColorspaceDetails(m_sws.get(), bt709, 1, bt709, 0, 0, 1 << 16, 1 << 16);
        m_sourceFormat = format;
        m_size = image.size();
    }

    out.reset(av_frame_alloc());
    if (!out)
        return {ErrorType::Internal, QStringLiteral("out of memory for a video frame")};
    out->format = AV_PIX_FMT_YUV420P;
    out->width = width;
    out->height = height;
    int ret = av_frame_get_buffer(out.get(), 0);
    if (ret < 0)
        return libavError(QStringLiteral("cannot allocate a video frame"), ret);

    // constBits(): reading must not detach the caller's (shared) image.
    const uint8_t* source[1] = {image.constBits()};
    const int sourceStride[1] = {static_cast<int>(image.bytesPerLine())};
    ret = sws_scale(m_sws.get(), source, sourceStride, 0, height, out->data, out->linesize);
    if (ret < 0)
        return libavError(QStringLiteral("colour conversion failed"), ret);
    return {};
}

} // namespace hh::av
