// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClipDecoder.h"

#include "EncoderAv.h"

#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <array>
#include <cmath>

namespace hh {

namespace {

struct InputDeleter {
    void operator()(AVFormatContext* context) const { avformat_close_input(&context); }
};
using InputPtr = std::unique_ptr<AVFormatContext, InputDeleter>;

// A picture asked for at exactly its own timestamp must not miss it to rounding.
constexpr double kTimeEpsilon = 1e-6;

} // namespace

struct ClipDecoder::Private {
    QString path;
    QSize frameSize;
    int fps = 30;

    InputPtr format;
    av::CodecContextPtr codec;
    av::PacketPtr packet;
    av::SwsPtr sws;
    int stream = -1;
    AVRational timeBase{1, 1};
    double duration = 0;
    double frameSeconds = 1.0 / 25.0; // for streams without timestamps

    // `shown` is the picture due at the last asked time; `next` is decoded ahead
    // to know when `shown` stops being due.
    av::FramePtr shown;
    av::FramePtr next;
    bool hasShown = false;
    bool hasNext = false;
    bool inputDone = false;
    bool decoderDone = false;
    double shownTime = 0;
    double nextTime = 0;
    qint64 firstPts = AV_NOPTS_VALUE;
    qint64 decoded = 0;

    QImage fitted;
    qint64 shownSerial = 0;
    qint64 fittedSerial = -1;
    std::array<int, 5> swsShape{}; // source size and format, scaled size
    int swsColorspace = -1;
    int swsRange = -1;

    Error openFile();
    int decodeInto(AVFrame* out); // 1: a picture, 0: no more, < 0: libav error
    double timeOf(const AVFrame* picture);
    Result<QImage> convert(const AVFrame* picture);
};

Error ClipDecoder::Private::openFile() {
    format.reset();
    codec.reset();
    hasShown = hasNext = inputDone = decoderDone = false;
    firstPts = AV_NOPTS_VALUE;
    decoded = 0;
    fittedSerial = -1;
    if (!QFileInfo(path).isFile())
        return {ErrorType::NotFound,
                QStringLiteral("the clip %1 is missing; run the generate-videos step again")
                    .arg(QFileInfo(path).fileName())};
    // A damaged clip is reported once, typed, by us; libav's own lines would be noise.
    if (av_log_get_level() >= AV_LOG_ERROR)
        av_log_set_level(AV_LOG_FATAL);
    AVFormatContext* raw = nullptr;
    int ret = avformat_open_input(&raw, QFile::encodeName(path).constData(), nullptr, nullptr);
    if (ret < 0)
        return {ErrorType::Unsupported, QStringLiteral("cannot read the clip %1 as a video: %2")
                                            .arg(QFileInfo(path).fileName(), av::errorText(ret))};
    format.reset(raw);
    ret = avformat_find_stream_info(format.get(), nullptr);
    if (ret < 0)
        return {ErrorType::Unsupported, QStringLiteral("cannot read the clip %1 as a video: %2")
                                            .arg(QFileInfo(path).fileName(), av::errorText(ret))};
    const AVCodec* decoder = nullptr;
    stream = av_find_best_stream(format.get(), AVMEDIA_TYPE_VIDEO, -1, -1, &decoder, 0);
    if (stream < 0 || decoder == nullptr)
        return {ErrorType::Unsupported,
                QStringLiteral("the clip %1 has no video this build can decode")
                    .arg(QFileInfo(path).fileName())};
    const AVStream* st = format->streams[stream];
    codec.reset(avcodec_alloc_context3(decoder));
    packet.reset(av_packet_alloc());
    shown.reset(av_frame_alloc());
    next.reset(av_frame_alloc());
    if (!codec || !packet || !shown || !next)
        return {ErrorType::Internal, QStringLiteral("out of memory for the clip decoder")};
    ret = avcodec_parameters_to_context(codec.get(), st->codecpar);
    if (ret < 0)
        return av::libavError(QStringLiteral("cannot set up the clip decoder"), ret);
    // One thread: the compositor and the encoder already share the cores, and a
    // 720p clip decodes in a few milliseconds a picture.
    codec->thread_count = 1;
    ret = avcodec_open2(codec.get(), decoder, nullptr);
    if (ret < 0)
        return av::libavError(QStringLiteral("cannot open the clip decoder"), ret);
    timeBase = st->time_base;
    if (st->avg_frame_rate.num > 0 && st->avg_frame_rate.den > 0)
        frameSeconds = av_q2d(av_inv_q(st->avg_frame_rate));
    if (st->duration > 0)
        duration = double(st->duration) * av_q2d(timeBase);
    else if (format->duration > 0)
        duration = double(format->duration) / double(AV_TIME_BASE);
    return {};
}

int ClipDecoder::Private::decodeInto(AVFrame* out) {
    for (;;) {
        int ret = avcodec_receive_frame(codec.get(), out);
        if (ret >= 0) {
            ++decoded;
            return 1;
        }
        if (av::isEndOfStream(ret))
            return 0;
        if (!av::isAgain(ret))
            return ret;
        if (inputDone)
            return 0;
        // Feed the next packet of our stream; at the end (or a read error, which
        // then ends the clip early) drain the decoder.
        for (;;) {
            ret = av_read_frame(format.get(), packet.get());
            if (ret < 0) {
                inputDone = true;
                avcodec_send_packet(codec.get(), nullptr);
                break;
            }
            if (packet->stream_index != stream) {
                av_packet_unref(packet.get());
                continue;
            }
            ret = avcodec_send_packet(codec.get(), packet.get());
            av_packet_unref(packet.get());
            // A damaged packet is skipped; its picture is simply not shown.
            if (ret >= 0 || av::isAgain(ret))
                break;
        }
    }
}

double ClipDecoder::Private::timeOf(const AVFrame* picture) {
    const qint64 pts = picture->best_effort_timestamp;
    if (pts == AV_NOPTS_VALUE)
        return double(decoded - 1) * frameSeconds;
    // Time from the clip's first picture: edit lists and B-frame delays shift the
    // first timestamp away from zero.
    if (firstPts == AV_NOPTS_VALUE)
        firstPts = pts;
    return double(pts - firstPts) * av_q2d(timeBase);
}

Result<QImage> ClipDecoder::Private::convert(const AVFrame* picture) {
    const int width = picture->width;
    const int height = picture->height;
    if (width <= 0 || height <= 0)
        return Error{
            ErrorType::Unsupported,
            QStringLiteral("the clip %1 has an empty picture").arg(QFileInfo(path).fileName())};
    // Cover: scale until both sides fill the frame, then keep the centre.
    const double scale = std::max(double(frameSize.width()) / double(width),
                                  double(frameSize.height()) / double(height));
    const int scaledWidth = std::max(frameSize.width(), int(std::lround(width * scale)));
    const int scaledHeight = std::max(frameSize.height(), int(std::lround(height * scale)));
    const auto sourceFormat = static_cast<AVPixelFormat>(picture->format);
    const std::array<int, 5> shape = {width, height, picture->format, scaledWidth, scaledHeight};
    if (!sws || shape != swsShape) {
        sws.reset(sws_getContext(width, height, sourceFormat, scaledWidth, scaledHeight,
                                 AV_PIX_FMT_RGB32, SWS_BILINEAR, nullptr, nullptr, nullptr));
        swsShape = shape;
        swsColorspace = swsRange = -1; // a new context has default colour details
    }
    SwsContext* context = sws.get();
    if (!context)
        return Error{ErrorType::Unsupported,
                     QStringLiteral("cannot convert the pictures of the clip %1")
                         .arg(QFileInfo(path).fileName())};
    // Follow the clip's own colour tags; untagged HD is BT.709 by convention.
    int colorspace = picture->colorspace;
    if (colorspace == AVCOL_SPC_UNSPECIFIED || colorspace == AVCOL_SPC_RESERVED)
        colorspace = height >= 720 ? SWS_CS_ITU709 : SWS_CS_ITU601;
    const int range = picture->color_range == AVCOL_RANGE_JPEG ? 1 : 0;
    if (colorspace != swsColorspace || range != swsRange) {
        sws_setColorspaceDetails(context, sws_getCoefficients(colorspace), range,
                                 sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);
        swsColorspace = colorspace;
        swsRange = range;
    }
    QImage scaled(scaledWidth, scaledHeight, QImage::Format_RGB32);
    if (scaled.isNull())
        return Error{ErrorType::Internal, QStringLiteral("out of memory for a clip picture")};
    uint8_t* target[4] = {scaled.bits(), nullptr, nullptr, nullptr};
    const int targetStride[4] = {int(scaled.bytesPerLine()), 0, 0, 0};
    sws_scale(context, picture->data, picture->linesize, 0, height, target, targetStride);
    if (scaled.size() == frameSize)
        return scaled;
    return scaled.copy((scaledWidth - frameSize.width()) / 2,
                       (scaledHeight - frameSize.height()) / 2, frameSize.width(),
                       frameSize.height());
}

ClipDecoder::ClipDecoder()
    : d(std::make_unique<Private>()) {}

ClipDecoder::~ClipDecoder() = default;

Error ClipDecoder::open(const QString& path, const QSize& frameSize, int fps) {
    d->path = path;
    d->frameSize = frameSize;
    d->fps = std::max(1, fps);
    d->duration = 0;
    d->sws.reset();
    if (Error e = d->openFile(); e.isError()) {
        d->format.reset();
        d->codec.reset();
        return e;
    }
    return {};
}

bool ClipDecoder::isOpen() const {
    return d->codec != nullptr;
}

double ClipDecoder::durationSeconds() const {
    return d->duration;
}

int ClipDecoder::frameCount() const {
    return std::max(1, int(std::ceil(d->duration * d->fps - kTimeEpsilon)));
}

QSize ClipDecoder::sourceSize() const {
    return d->codec ? QSize(d->codec->width, d->codec->height) : QSize();
}

Result<QImage> ClipDecoder::frame(int index) {
    if (!isOpen())
        return Error{ErrorType::Internal, QStringLiteral("the clip decoder is not open")};
    const double t = double(std::max(0, index)) / double(d->fps) + kTimeEpsilon;
    if (d->hasShown && t < d->shownTime) {
        // An earlier picture: start again from the top (rare: thumbnails, seeking).
        if (Error e = d->openFile(); e.isError())
            return e;
    }
    if (!d->hasShown) {
        const int ret = d->decodeInto(d->shown.get());
        if (ret < 0)
            return av::libavError(
                QStringLiteral("cannot decode the clip %1").arg(QFileInfo(d->path).fileName()),
                ret);
        if (ret == 0)
            return Error{
                ErrorType::Unsupported,
                QStringLiteral("the clip %1 has no pictures").arg(QFileInfo(d->path).fileName())};
        d->hasShown = true;
        d->shownTime = d->timeOf(d->shown.get());
        ++d->shownSerial;
    }
    for (;;) {
        if (!d->hasNext) {
            if (d->decoderDone)
                break; // past the end: the last picture stays
            const int ret = d->decodeInto(d->next.get());
            if (ret < 0)
                return av::libavError(
                    QStringLiteral("cannot decode the clip %1").arg(QFileInfo(d->path).fileName()),
                    ret);
            if (ret == 0) {
                d->decoderDone = true;
                break;
            }
            d->hasNext = true;
            d->nextTime = d->timeOf(d->next.get());
        }
        if (d->nextTime > t)
            break;
        std::swap(d->shown, d->next);
        d->shownTime = d->nextTime;
        d->hasNext = false;
        ++d->shownSerial;
    }
    if (d->fittedSerial != d->shownSerial) {
        auto image = d->convert(d->shown.get());
        if (!image)
            return image.error();
        d->fitted = std::move(image).value();
        d->fittedSerial = d->shownSerial;
    }
    return d->fitted;
}

} // namespace hh
