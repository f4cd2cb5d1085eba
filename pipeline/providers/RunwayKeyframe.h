// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QImage>
#include <QSize>
#include <QString>

namespace hh {

// The still Runway animates: a scene's built-in keyframe cover-fitted to the
// clip's output size and sent inline as a JPEG data URI, which Runway accepts up
// to 5 MB. Too big (a noisy figure) means more compression first, then fewer
// pixels, never a refused request.
class RunwayKeyframe {
public:
    // "720:1280" → 720×1280; invalid for anything else.
    static QSize sizeForRatio(const QString& ratio);
    // `data:image/jpeg;base64,…` of at most `maxBytes` characters; empty when even a
    // small, strongly compressed version does not fit.
    static QByteArray dataUri(const QImage& image, const QSize& size, qint64 maxBytes);
};

} // namespace hh
