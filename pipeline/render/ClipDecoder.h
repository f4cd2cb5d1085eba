// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QImage>
#include <QSize>
#include <QString>
#include <memory>

namespace hh {

// Reads a video clip (a scene made by a cloud provider) as frames of the
// compositor: frame i is the clip's picture at time i / fps, scaled to cover the
// output frame and cropped around the centre, and past the clip's end its last
// picture. Frames asked for in order are decoded once each; asking for an
// earlier frame rewinds. Not thread-safe: one decoder per drawing thread.
class ClipDecoder {
public:
    ClipDecoder();
    ~ClipDecoder();
    ClipDecoder(const ClipDecoder&) = delete;
    ClipDecoder& operator=(const ClipDecoder&) = delete;

    // Errors: NotFound (no file), Unsupported (not a video, or no decoder for
    // it), Internal (other libav failures). Reopening replaces the last clip.
    Error open(const QString& path, const QSize& frameSize, int fps);
    bool isOpen() const;

    double durationSeconds() const;
    // Output frames that cover the clip at the given fps.
    int frameCount() const;
    QSize sourceSize() const;

    Result<QImage> frame(int index);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace hh
