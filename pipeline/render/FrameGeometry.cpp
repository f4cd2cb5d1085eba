// SPDX-License-Identifier: GPL-3.0-or-later
#include "FrameGeometry.h"

namespace hh {

bool FrameGeometry::isKnownAspect(const QString& aspect) {
    return aspect == QLatin1String("9:16") || aspect == QLatin1String("1:1") ||
           aspect == QLatin1String("16:9");
}

FrameGeometry FrameGeometry::forAspect(const QString& aspect) {
    if (aspect == QLatin1String("1:1"))
        return {aspect, QSize(1080, 1080), QRect(QPoint(60, 70), QPoint(959, 1009)),
                QRect(QPoint(60, 760), QPoint(959, 979))};
    if (aspect == QLatin1String("16:9"))
        return {aspect, QSize(1920, 1080), QRect(QPoint(120, 70), QPoint(1799, 1009)),
                QRect(QPoint(240, 790), QPoint(1679, 989))};
    return {QStringLiteral("9:16"), QSize(1080, 1920), QRect(QPoint(60, 150), QPoint(959, 1499)),
            QRect(QPoint(60, 1150), QPoint(959, 1449))};
}

} // namespace hh
