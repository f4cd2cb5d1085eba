// SPDX-License-Identifier: GPL-3.0-or-later
#include "MusicDecoder.h"

#include "render/EncoderAv.h"

#include <QFile>
#include <QFileInfo>

namespace hh {

namespace {

struct InputDeleter {
    void operator()(AVFormatContext* context) const { avformat_close_input(&context); }
};
using InputPtr = std::unique_ptr<AVFormatContext, InputDeleter>;

Error unusable(const QString& path, const QString& why) {
    return {ErrorType::Unsupported,
            QStringLiteral("the music file %1 cannot be used (%2); choose an MP3, AAC/M4A, OGG, "
                           "FLAC or WAV file, or no music")
                .arg(QFileInfo(path).fileName(), why)};
}

// Opening the container, finding its sound and the decoder: shared by check() and decode().
class MusicReader {
public:
    Error open(const QString& path, int sampleRate) {
        m_path = path;
        if (!QFileInfo(path).isFile())
            return {ErrorType::NotFound,
                    QStringLiteral("the music file %1 is not there any more; choose it again or "
                                   "choose no music")
                        .arg(path)};
        AVFormatContext* raw = nullptr;
        if (int rc =
                avformat_open_input(&raw, QFile::encodeName(path).constData(), nullptr, nullptr);
            rc < 0)
            return unusable(path, av::errorText(rc));
        m_input.reset(raw);
        if (int rc = avformat_find_stream_info(m_input.get(), nullptr); rc < 0)
            return unusable(path, av::errorText(rc));
        const AVCodec* codec = nullptr;
        m_stream = av_find_best_stream(m_input.get(), AVMEDIA_TYPE_AUDIO, -1, -1, &codec, 0);
        if (m_stream < 0 || !codec)
            return unusable(path, QStringLiteral("it holds no sound FFmpeg can decode"));
        m_codec.reset(avcodec_alloc_context3(codec));
        if (!m_codec)
            return unusable(path, QStringLiteral("out of memory"));
        if (int rc =
                avcodec_parameters_to_context(m_codec.get(), m_input->streams[m_stream]->codecpar);
            rc < 0)
            return unusable(path, av::errorText(rc));
        if (int rc = avcodec_open2(m_codec.get(), codec, nullptr); rc < 0)
            return unusable(path, av::errorText(rc));
        m_rate = sampleRate;
        m_packet.reset(av_packet_alloc());
        m_frame.reset(av_frame_alloc());
        return {};
    }

    // Decodes until `maxSamples` output samples exist or the file ends.
    Error read(std::vector<float>& out, size_t maxSamples) {
        bool flushed = false;
        while (out.size() < maxSamples) {
            int rc = avcodec_receive_frame(m_codec.get(), m_frame.get());
            if (rc == 0) {
                if (Error e = convert(out); e.isError())
                    return e;
                continue;
            }
            if (av::isEndOfStream(rc))
                break;
            if (!av::isAgain(rc))
                return unusable(m_path, av::errorText(rc));
            if (flushed)
                break;
            rc = av_read_frame(m_input.get(), m_packet.get());
            if (rc < 0) {
                avcodec_send_packet(m_codec.get(), nullptr); // drain what the decoder holds
                flushed = true;
                continue;
            }
            if (m_packet->stream_index == m_stream) {
                const int sent = avcodec_send_packet(m_codec.get(), m_packet.get());
                // One damaged packet in a long file is skipped, as players do; a file
                // that yields nothing at all is refused by the callers.
                if (sent < 0 && !av::isAgain(sent) && out.empty() && m_badPackets++ > 8)
                    return unusable(m_path, av::errorText(sent));
            }
            av_packet_unref(m_packet.get());
        }
        if (out.size() > maxSamples)
            out.resize(maxSamples);
        return {};
    }

private:
    Error convert(std::vector<float>& out) {
        if (!m_swr) {
            AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
            SwrContext* swr = nullptr;
            if (swr_alloc_set_opts2(&swr, &mono, AV_SAMPLE_FMT_FLT, m_rate, &m_frame->ch_layout,
                                    AVSampleFormat(m_frame->format), m_frame->sample_rate, 0,
                                    nullptr) < 0 ||
                swr_init(swr) < 0) {
                swr_free(&swr);
                return unusable(m_path, QStringLiteral("its sample format cannot be converted"));
            }
            m_swr.reset(swr);
        }
        const int capacity = int(
            av_rescale_rnd(swr_get_delay(m_swr.get(), m_frame->sample_rate) + m_frame->nb_samples,
                           m_rate, m_frame->sample_rate, AV_ROUND_UP));
        const size_t at = out.size();
        out.resize(at + size_t(capacity));
        auto* dst = reinterpret_cast<uint8_t*>(out.data() + at);
        const int got =
            swr_convert(m_swr.get(), &dst, capacity,
                        const_cast<const uint8_t**>(m_frame->extended_data), m_frame->nb_samples);
        if (got < 0)
            return unusable(m_path, av::errorText(got));
        out.resize(at + size_t(got));
        return {};
    }

    QString m_path;
    InputPtr m_input;
    av::CodecContextPtr m_codec;
    av::PacketPtr m_packet;
    av::FramePtr m_frame;
    av::SwrPtr m_swr;
    int m_stream = -1;
    int m_rate = 48000;
    int m_badPackets = 0;
};

// libav warns on stderr about files it reads fine (MP3 padding, Vorbis timestamps);
// failures reach the caller as Error values, so keep the CLI's output clean unless
// the app chose a log level itself (as the encoder does).
void quietenLibav() {
    if (av_log_get_level() == AV_LOG_INFO)
        av_log_set_level(AV_LOG_ERROR);
}

} // namespace

Error MusicDecoder::check(const QString& path) {
    quietenLibav();
    MusicReader reader;
    if (Error e = reader.open(path, 48000); e.isError())
        return e;
    std::vector<float> first;
    if (Error e = reader.read(first, 4800); e.isError())
        return e;
    if (first.empty())
        return unusable(path, QStringLiteral("no sound could be decoded from it"));
    return {};
}

Result<std::vector<float>> MusicDecoder::decode(const QString& path, int sampleRate,
                                                double maxSeconds) {
    quietenLibav();
    MusicReader reader;
    if (Error e = reader.open(path, sampleRate); e.isError())
        return e;
    std::vector<float> samples;
    if (Error e = reader.read(samples, size_t(std::max(1.0, maxSeconds) * sampleRate)); e.isError())
        return e;
    if (samples.empty())
        return unusable(path, QStringLiteral("no sound could be decoded from it"));
    return samples;
}

} // namespace hh
