// SPDX-License-Identifier: GPL-3.0-or-later
#include "EncoderAv.h"

#include "core/AtomicFile.h"

#include <cerrno>

namespace hh::av {

void FormatContextDeleter::operator()(AVFormatContext* context) const {
    if (context == nullptr)
        return;
    if (context->pb != nullptr && context->oformat != nullptr &&
        (context->oformat->flags & AVFMT_NOFILE) == 0)
        avio_closep(&context->pb);
    avformat_free_context(context);
}

bool isEndOfStream(int averror) {
    // Same value as FFERRTAG('E','O','F',' '), spelled without the macro's C cast.
    constexpr unsigned tag = 'E' | ('O' << 8) | ('F' << 16) | (static_cast<unsigned>(' ') << 24);
    return averror == -static_cast<int>(tag);
}

bool isAgain(int averror) {
    return averror == AVERROR(EAGAIN);
}

QString errorText(int averror) {
    char buffer[AV_ERROR_MAX_STRING_SIZE] = {};
    if (av_strerror(averror, buffer, sizeof buffer) < 0)
        return QStringLiteral("libav error %1").arg(averror);
    return QString::fromLocal8Bit(buffer);
}

Error libavError(const QString& what, int averror) {
    return {ErrorType::Internal, QStringLiteral("%1: %2").arg(what, errorText(averror))};
}

Error diskFullError(const QString& path) {
    return {
        ErrorType::DiskFull,
        QStringLiteral("the disk is full while writing %1; free some space and retry").arg(path)};
}

namespace {

bool isFileSystemErrno(int code) {
    switch (code) {
    case EIO:
    case EACCES:
    case EPERM:
    case EROFS:
    case ENOENT:
    case ENOTDIR:
    case EISDIR:
    case EFBIG:
    case EBADF:
    case ENXIO:
    case ENAMETOOLONG:
    case ELOOP:
    case EMFILE:
    case ENFILE:
    case ESPIPE:
    case EPIPE:
        return true;
    default:
        return false;
    }
}

} // namespace

Error writeError(const QString& path, int averror) {
    // libav reports system errors as AVERROR(errno) == -errno; its own codes are
    // large negative tags, so a small magnitude means "came from the OS".
    const int code = -averror;
    if (code > 0 && code < 4096) {
        if (classifyWriteError(code) == ErrorType::DiskFull)
            return diskFullError(path);
        if (isFileSystemErrno(code))
            return {ErrorType::Io,
                    QStringLiteral("cannot write %1: %2").arg(path, errorText(averror))};
    }
    return libavError(QStringLiteral("cannot write %1").arg(path), averror);
}

} // namespace hh::av
