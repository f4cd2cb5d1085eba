// SPDX-License-Identifier: GPL-3.0-or-later
#include "CaptionStyle.h"

namespace hh {

QString captionStyleName(CaptionStyle style) {
    switch (style) {
    case CaptionStyle::Boxed:
        return QStringLiteral("boxed");
    case CaptionStyle::Minimal:
        return QStringLiteral("minimal");
    case CaptionStyle::Highlight:
        break;
    }
    return QStringLiteral("highlight");
}

CaptionStyle captionStyleFromName(const QString& name) {
    for (CaptionStyle style : allCaptionStyles()) {
        if (name.compare(captionStyleName(style), Qt::CaseInsensitive) == 0)
            return style;
    }
    return CaptionStyle::Highlight;
}

QList<CaptionStyle> allCaptionStyles() {
    return {CaptionStyle::Highlight, CaptionStyle::Boxed, CaptionStyle::Minimal};
}

} // namespace hh
