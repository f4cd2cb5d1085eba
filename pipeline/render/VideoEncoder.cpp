// SPDX-License-Identifier: GPL-3.0-or-later
#include "VideoEncoder.h"

#include "EncoderStreams.h"
#include "core/AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace hh {

namespace {

// Frames the caller may queue before addFrame() blocks: enough to ride out a slow
// frame on either side, few enough to bound memory (8 × 8 MB at 1080×1920).
constexpr size_t kInputQueueFrames = 8;
// Converted frames waiting for the encoder (3 MB each at 1080×1920).
constexpr size_t kReadyQueueFrames = 4;
// Whole frames are converted in parallel (one SwsContext each): on two cores the
// drawing, the conversion and x264's threads then share the CPU without idling.
// An explicit params.threads == 1 (keep the machine free) gets one converter.
constexpr int kConverterThreads = 2;

struct InputFrame {
    qint64 index = 0;
    QImage image;
};

Error notOpen() {
    return {ErrorType::Internal, QStringLiteral("the video encoder is not open")};
}

} // namespace

// Threads: the caller queues QImages (addFrame); kConverterThreads converters
// turn them into YUV frames, possibly out of order; one encoder thread takes
// them back in order, feeds x264 and muxes video and the matching stretch of
// audio. finish() then flushes and writes the trailer on the caller's thread,
// after every worker has stopped, so each libav object has one owner at a time.
struct VideoEncoder::Private {
    EncoderParams params;
    QString finalPath;
    QString tempPath;
    bool isOpen = false;

    av::Muxer muxer;
    av::H264Track video;
    av::AacTrack audio;

    std::mutex mutex;
    std::condition_variable inputChanged;
    std::condition_variable readyChanged;
    std::deque<InputFrame> input;
    std::map<qint64, av::FramePtr> ready;
    qint64 framesQueued = 0;
    qint64 nextToEncode = 0;
    int convertersRunning = 0;
    bool inputClosed = false;
    bool stopping = false; // abort() or a worker failed
    Error workerError;
    std::atomic<qint64> framesWritten{0};

    std::vector<std::thread> converters;
    std::thread encoder;

    Error openStreams(const QByteArray& pcm, int pcmSampleRate);
    void startThreads();
    void stopThreads();
    void fail(Error error);
    Error takeWorkerError();

    void convertLoop();
    bool takeInput(InputFrame& frame);
    void putReady(qint64 index, av::FramePtr frame);
    void encodeLoop();
    av::FramePtr takeReady(qint64& index);
    Error encodeOne(qint64 index, av::FramePtr frame);

    Error finishFile();
    void discardFile();
    qint64 audioSamplesFor(qint64 frames) const;
};

qint64 VideoEncoder::Private::audioSamplesFor(qint64 frames) const {
    return av_rescale(frames, audio.sampleRate(), params.fps);
}

Error VideoEncoder::Private::openStreams(const QByteArray& pcm, int pcmSampleRate) {
    if (Error e = muxer.open(tempPath); e.isError())
        return e;
    if (Error e = video.open(muxer, params); e.isError())
        return e;
    if (Error e = audio.open(muxer, params, pcm, pcmSampleRate); e.isError())
        return e;
    return muxer.writeHeader();
}

void VideoEncoder::Private::startThreads() {
    convertersRunning = params.threads == 1 ? 1 : kConverterThreads;
    for (int i = 0; i < convertersRunning; ++i)
        converters.emplace_back([this] { convertLoop(); });
    encoder = std::thread([this] { encodeLoop(); });
}

void VideoEncoder::Private::stopThreads() {
    {
        std::lock_guard lock(mutex);
        stopping = true;
    }
    inputChanged.notify_all();
    readyChanged.notify_all();
    for (std::thread& t : converters)
        if (t.joinable())
            t.join();
    converters.clear();
    if (encoder.joinable())
        encoder.join();
}

void VideoEncoder::Private::fail(Error error) {
    {
        std::lock_guard lock(mutex);
        if (!workerError.isError())
            workerError = std::move(error);
        stopping = true;
    }
    inputChanged.notify_all();
    readyChanged.notify_all();
}

Error VideoEncoder::Private::takeWorkerError() {
    std::lock_guard lock(mutex);
    return workerError;
}

bool VideoEncoder::Private::takeInput(InputFrame& frame) {
    std::unique_lock lock(mutex);
    inputChanged.wait(lock, [this] { return stopping || inputClosed || !input.empty(); });
    if (stopping || input.empty())
        return false;
    frame = std::move(input.front());
    input.pop_front();
    inputChanged.notify_all(); // room for the caller
    return true;
}

void VideoEncoder::Private::putReady(qint64 index, av::FramePtr frame) {
    std::unique_lock lock(mutex);
    // The frame the encoder needs next never waits, so the bound cannot deadlock.
    readyChanged.wait(lock, [&] {
        return stopping || index == nextToEncode || ready.size() < kReadyQueueFrames;
    });
    if (stopping)
        return;
    ready.emplace(index, std::move(frame));
    readyChanged.notify_all();
}

void VideoEncoder::Private::convertLoop() {
    av::FrameConverter converter;
    InputFrame job;
    while (takeInput(job)) {
        av::FramePtr frame;
        if (Error e = converter.convert(job.image, frame); e.isError()) {
            fail(std::move(e));
            break;
        }
        job.image = QImage(); // release the caller's pixels early
        putReady(job.index, std::move(frame));
    }
    {
        std::lock_guard lock(mutex);
        --convertersRunning;
    }
    readyChanged.notify_all();
}

av::FramePtr VideoEncoder::Private::takeReady(qint64& index) {
    std::unique_lock lock(mutex);
    readyChanged.wait(lock, [this] {
        return stopping || ready.count(nextToEncode) != 0 || convertersRunning == 0;
    });
    auto it = ready.find(nextToEncode);
    if (stopping || it == ready.end())
        return nullptr; // aborted, failed, or every frame has been encoded
    av::FramePtr frame = std::move(it->second);
    ready.erase(it);
    index = nextToEncode++;
    readyChanged.notify_all();
    return frame;
}

Error VideoEncoder::Private::encodeOne(qint64 index, av::FramePtr frame) {
    frame->pts = index; // time base 1/fps: constant frame rate
    if (Error e = video.encode(frame.get(), muxer); e.isError())
        return e;
    framesWritten.store(video.packetsWritten());
    // Audio follows the frames handed to x264, so the interleaver holds little.
    return audio.encodeUntil(audioSamplesFor(index + 1), muxer);
}

void VideoEncoder::Private::encodeLoop() {
    qint64 index = 0;
    while (av::FramePtr frame = takeReady(index)) {
        if (Error e = encodeOne(index, std::move(frame)); e.isError()) {
            fail(std::move(e));
            return;
        }
    }
}

Error VideoEncoder::Private::finishFile() {
    if (Error e = video.encode(nullptr, muxer); e.isError())
        return e;
    framesWritten.store(video.packetsWritten());
    if (Error e = audio.finish(audioSamplesFor(framesQueued), muxer); e.isError())
        return e;
    if (Error e = muxer.writeTrailerAndClose(); e.isError())
        return e;
    if (Error e = syncFileToDisk(tempPath); e.isError())
        return e;
    // rename(2) replaces an older file atomically; QFile::rename would refuse.
    if (std::rename(QFile::encodeName(tempPath).constData(),
                    QFile::encodeName(finalPath).constData()) != 0) {
        const int err = errno;
        return {ErrorType::Io,
                QStringLiteral("cannot rename %1 to %2: %3")
                    .arg(tempPath, finalPath, QString::fromLocal8Bit(strerror(err)))};
    }
    return {};
}

void VideoEncoder::Private::discardFile() {
    muxer.close();
    if (!tempPath.isEmpty())
        QFile::remove(tempPath);
}

VideoEncoder::VideoEncoder()
    : d(std::make_unique<Private>()) {}

VideoEncoder::~VideoEncoder() {
    abort();
}

Error VideoEncoder::open(const QString& path, const EncoderParams& params, const QByteArray& pcm,
                         int pcmSampleRate) {
    if (d->isOpen || !d->converters.empty())
        return {ErrorType::Internal, QStringLiteral("the video encoder is already open")};
    if (params.width <= 0 || params.height <= 0 || params.width % 2 != 0 ||
        params.height % 2 != 0 || params.fps <= 0 || params.audioSampleRate <= 0)
        return {ErrorType::Internal,
                QStringLiteral("invalid video settings %1×%2 at %3 fps (sizes must be even)")
                    .arg(params.width)
                    .arg(params.height)
                    .arg(params.fps)};
    // libav logs every encode's statistics at "info" on stderr; failures reach the
    // caller as Error values, so keep the CLI's output clean unless the app chose
    // a log level itself.
    if (av_log_get_level() == AV_LOG_INFO)
        av_log_set_level(AV_LOG_ERROR);
    d = std::make_unique<Private>();
    d->params = params;
    d->finalPath = QFileInfo(path).absoluteFilePath();
    d->tempPath = attemptTemporaryPath(d->finalPath);
    const QString folder = QFileInfo(d->finalPath).absolutePath();
    if (!QDir().mkpath(folder))
        return {ErrorType::Io, QStringLiteral("cannot create the folder %1").arg(folder)};

    if (Error e = d->openStreams(pcm, pcmSampleRate); e.isError()) {
        d->discardFile();
        return e;
    }
    d->isOpen = true;
    d->startThreads();
    return {};
}

Error VideoEncoder::addFrame(const QImage& frame) {
    if (!d->isOpen)
        return notOpen();
    if (frame.width() != d->params.width || frame.height() != d->params.height)
        return {ErrorType::Internal, QStringLiteral("frame is %1×%2, the video is %3×%4")
                                         .arg(frame.width())
                                         .arg(frame.height())
                                         .arg(d->params.width)
                                         .arg(d->params.height)};
    // Supported layouts are queued as they are (a shared, not a deep, copy).
    QImage image = av::FrameConverter::sourceFormat(frame.format()) != AV_PIX_FMT_NONE
                       ? frame
                       : frame.convertToFormat(QImage::Format_RGB32);

    std::unique_lock lock(d->mutex);
    d->inputChanged.wait(lock,
                         [this] { return d->stopping || d->input.size() < kInputQueueFrames; });
    if (d->stopping)
        return d->workerError.isError() ? d->workerError : notOpen();
    d->input.push_back({d->framesQueued++, std::move(image)});
    lock.unlock();
    d->inputChanged.notify_all();
    return {};
}

Error VideoEncoder::finish() {
    if (!d->isOpen)
        return notOpen();
    {
        std::lock_guard lock(d->mutex);
        d->inputClosed = true;
    }
    d->inputChanged.notify_all();
    for (std::thread& t : d->converters)
        t.join();
    d->converters.clear();
    d->encoder.join();
    d->isOpen = false;

    Error error = d->takeWorkerError();
    if (!error.isError())
        error = d->finishFile();
    if (error.isError())
        d->discardFile();
    else
        d->tempPath.clear(); // renamed: nothing left to clean up
    return error;
}

void VideoEncoder::abort() {
    d->stopThreads();
    d->isOpen = false;
    d->discardFile();
    d->tempPath.clear();
}

qint64 VideoEncoder::framesWritten() const {
    return d->framesWritten.load();
}

} // namespace hh
