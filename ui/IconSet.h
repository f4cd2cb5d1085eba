// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QIcon>
#include <QList>
#include <QPixmap>
#include <QSize>
#include <QString>

namespace hh {

// Hidden Hill's own line icons: 24×24 SVGs in resources/icons/, drawn with 1.75 px round
// strokes in `currentColor`, which is replaced by a theme colour when an icon is drawn. One
// set of files therefore serves the light and the dark theme.
class IconSet final {
public:
    enum class Icon {
        NewVideo,
        MyVideos,
        Settings,
        Account,
        Help,
        SignOut,
        OpenFile,
        Folder,
        Play,
        Pause,
        FullScreen,
        Export,
        Cancel,
        Retry,
        Delete,
        Check,
        Done,
        Error,
        Warning,
        Info,
        Waiting,
        Grid,
        List,
        Details,
        Search,
        Volume,
        VolumeMuted,
        LeaveFullScreen,
        Copy,
    };

    // An icon that takes its colours from the application palette each time it is drawn: the
    // text colour, the disabled text colour when disabled, the highlighted-text colour when
    // selected. A theme switch therefore needs no new icons, only the repaint Qt does anyway.
    static QIcon icon(Icon which);
    // The icon in one colour (a status line, a badge); `size` in device-independent pixels.
    static QPixmap pixmap(Icon which, const QSize& size, const QColor& color,
                          qreal devicePixelRatio = 1.0);
    // The SVG text with `color` in place of currentColor; empty for an unknown icon.
    static QByteArray svg(Icon which, const QColor& color);
    static QString resourcePath(Icon which);
    static QList<Icon> all();
};

} // namespace hh
