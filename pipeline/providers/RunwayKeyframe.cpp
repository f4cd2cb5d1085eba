// SPDX-License-Identifier: GPL-3.0-or-later
#include "RunwayKeyframe.h"

#include <QBuffer>
#include <QStringList>

namespace hh {

namespace {

constexpr int kMinSide = 256;

QByteArray jpeg(const QImage& image, int quality) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "JPEG", quality))
        return {};
    return bytes;
}

QImage coverFitted(const QImage& image, const QSize& size) {
    const QImage scaled =
        image.scaled(size, Qt::KeepAspectRatioByExpanding, Qt::SmoothTransformation);
    if (scaled.size() == size)
        return scaled;
    return scaled.copy((scaled.width() - size.width()) / 2, (scaled.height() - size.height()) / 2,
                       size.width(), size.height());
}

} // namespace

QSize RunwayKeyframe::sizeForRatio(const QString& ratio) {
    const QStringList parts = ratio.split(QLatin1Char(':'));
    if (parts.size() != 2)
        return {};
    bool okWidth = false;
    bool okHeight = false;
    const QSize size(parts[0].toInt(&okWidth), parts[1].toInt(&okHeight));
    return okWidth && okHeight && size.width() > 0 && size.height() > 0 ? size : QSize();
}

QByteArray RunwayKeyframe::dataUri(const QImage& image, const QSize& size, qint64 maxBytes) {
    if (image.isNull() || !size.isValid())
        return {};
    const QByteArray prefix = "data:image/jpeg;base64,";
    QImage fitted = coverFitted(image.convertToFormat(QImage::Format_RGB32), size);
    for (;;) {
        for (int quality : {90, 80, 65, 50}) {
            const QByteArray encoded = jpeg(fitted, quality);
            // Base64 grows the bytes by 4/3; check before encoding anything big.
            const qint64 length = prefix.size() + (encoded.size() + 2) / 3 * 4;
            if (!encoded.isEmpty() && length <= maxBytes)
                return prefix + encoded.toBase64();
        }
        if (std::min(fitted.width(), fitted.height()) * 3 / 4 < kMinSide)
            return {};
        // Runway scales the prompt image to the output size itself.
        fitted =
            fitted.scaled(fitted.size() * 3 / 4, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    }
}

} // namespace hh
