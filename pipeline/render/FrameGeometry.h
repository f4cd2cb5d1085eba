// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QRect>
#include <QSize>
#include <QString>

namespace hh {

// Frame size and the platform safe zones for one aspect ratio. On 9:16 the
// right ~120 px (buttons) and the bottom ~400 px (handle, caption, music) are
// covered by the app, and the top ~150 px holds its header (design/video-style.md).
struct FrameGeometry {
    QString aspect; // "9:16", "1:1", "16:9"
    QSize size;
    QRect safe;     // text and key figure parts stay inside
    QRect captions; // where caption lines are centred

    static FrameGeometry forAspect(const QString& aspect); // unknown → 9:16
    static bool isKnownAspect(const QString& aspect);
    double scale() const { return size.width() / 1080.0; } // type sizes scale with width
};

} // namespace hh
