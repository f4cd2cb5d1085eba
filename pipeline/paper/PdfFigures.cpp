// SPDX-License-Identifier: GPL-3.0-or-later
#include "PdfFigures.h"

#include <QBuffer>
#include <QImage>
#include <algorithm>
#include <cmath>
#include <poppler-qt6.h>

namespace hh::pdf {

namespace {

constexpr double kDpi = 150.0;
constexpr double kMaxPixels = 2000.0;
constexpr double kMinRegionPoints = 40.0;

// Running text, as opposed to axis labels and legends drawn inside a figure.
bool isRunningText(const PdfLine& line, double bodySize, double pageWidth) {
    return line.text.size() >= 45 && line.box.width() >= 0.3 * pageWidth &&
           std::abs(line.size - bodySize) <= 0.2 * bodySize;
}

bool overlapsHorizontally(const QRectF& a, double left, double right) {
    return a.right() > left + 2 && a.left() < right - 2;
}

} // namespace

QRectF figureRegion(const PdfPage& layout, const QRectF& caption, double bodySize) {
    const double pageWidth = layout.size.width();
    const double pageHeight = layout.size.height();
    if (pageWidth <= 0 || pageHeight <= 0)
        return {};
    // A caption in one column belongs to a figure in that column; a wide caption
    // (or one centred across the page) to a figure spanning the text block.
    double left = caption.left();
    double right = caption.right();
    const bool centred =
        caption.center().x() > 0.4 * pageWidth && caption.center().x() < 0.6 * pageWidth;
    if (caption.width() > 0.55 * pageWidth || centred) {
        left = pageWidth;
        right = 0;
        for (const PdfLine& line : layout.lines) {
            left = std::min(left, line.box.left());
            right = std::max(right, line.box.right());
        }
    }
    left = std::max(0.0, left - 4);
    right = std::min(pageWidth, right + 4);

    const double margin = 0.04 * pageHeight;
    double above = margin;
    double below = pageHeight - margin;
    for (const PdfLine& line : layout.lines) {
        if (!isRunningText(line, bodySize, pageWidth) ||
            !overlapsHorizontally(line.box, left, right))
            continue;
        if (line.box.bottom() <= caption.top() + 1)
            above = std::max(above, line.box.bottom());
        else if (line.box.top() >= caption.bottom() - 1)
            below = std::min(below, line.box.top());
    }
    const QRectF up(QPointF(left, above + 2), QPointF(right, caption.top() - 2));
    if (up.height() >= kMinRegionPoints)
        return up;
    const QRectF down(QPointF(left, caption.bottom() + 2), QPointF(right, below - 2));
    if (down.height() >= kMinRegionPoints)
        return down;
    return {};
}

QByteArray renderRegionPng(const Poppler::Page& page, const QRectF& region) {
    if (region.isEmpty())
        return {};
    const double longest = std::max(region.width(), region.height());
    const double dpi = std::min(kDpi, kMaxPixels * 72.0 / longest);
    const double scale = dpi / 72.0;
    const QImage image = page.renderToImage(
        dpi, dpi, int(std::floor(region.left() * scale)), int(std::floor(region.top() * scale)),
        int(std::ceil(region.width() * scale)), int(std::ceil(region.height() * scale)));
    if (image.isNull())
        return {};
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG"))
        return {};
    return png;
}

} // namespace hh::pdf
