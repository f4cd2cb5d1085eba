// SPDX-License-Identifier: GPL-3.0-or-later
#include "PdfFigures.h"

#include <QBuffer>
#include <QImage>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <poppler-qt6.h>

namespace hh::pdf {

namespace {

// Figures fill a 1080-pixel-wide video: render so the long side has at least
// that many pixels (and at least 150 dpi), never more than 2400.
constexpr double kDpi = 150.0;
constexpr double kTargetPixels = 1080.0;
constexpr double kMaxPixels = 2400.0;
constexpr double kMinRegionPoints = 40.0;
// A 12000×12000 scan decodes in about a second; real figures are far smaller.
constexpr qint64 kMaxPictureSide = 20000;
constexpr qint64 kMaxPicturePixels = 150'000'000;

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

QByteArray renderRegionPng(const Poppler::Page& page, const QRectF& region, int rotation) {
    if (region.isEmpty())
        return {};
    const double longest = std::max(region.width(), region.height());
    const double dpi =
        std::min(std::max(kDpi, kTargetPixels * 72.0 / longest), kMaxPixels * 72.0 / longest);
    const double scale = dpi / 72.0;
    const QImage image = page.renderToImage(
        dpi, dpi, int(std::floor(region.left() * scale)), int(std::floor(region.top() * scale)),
        int(std::ceil(region.width() * scale)), int(std::ceil(region.height() * scale)),
        Poppler::Page::Rotation(rotation));
    if (image.isNull())
        return {};
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    // Light compression: zlib's default level costs more time than the bytes it saves
    // are worth for a picture that is read once by the renderer.
    if (!image.save(&buffer, "PNG", 80))
        return {};
    return png;
}

namespace {

bool isDelimiter(char c) {
    return QByteArrayView("()<>[]{}/%").contains(c) || QChar::isSpace(uchar(c)) || c == '\0';
}

// A name token after '/', with #xx escapes decoded ("/W#69dth" is /Width).
QByteArray readName(const QByteArray& pdf, qsizetype& i) {
    QByteArray name;
    while (i < pdf.size() && !isDelimiter(pdf.at(i))) {
        if (pdf.at(i) == '#' && i + 2 < pdf.size()) {
            bool ok = false;
            const int value = pdf.mid(i + 1, 2).toInt(&ok, 16);
            if (ok) {
                name += char(value);
                i += 3;
                continue;
            }
        }
        name += pdf.at(i++);
    }
    return name;
}

qsizetype skipSpace(const QByteArray& pdf, qsizetype i) {
    while (i < pdf.size() && QChar::isSpace(uchar(pdf.at(i))))
        ++i;
    return i;
}

// How many indirect values one scan resolves: each costs a search of the file.
constexpr int kMaxLookups = 64;

// An integer after a key: direct ("100000"), or indirect ("7 0 R") resolved to
// "7 0 obj 100000 endobj" when that object stands in the clear. -1: unknown.
qint64 readInteger(const QByteArray& pdf, qsizetype i, int& lookups) {
    i = skipSpace(pdf, i);
    qsizetype end = i;
    while (end < pdf.size() && (std::isdigit(uchar(pdf.at(end))) || pdf.at(end) == '.' ||
                                pdf.at(end) == '+' || pdf.at(end) == '-'))
        ++end;
    if (end == i)
        return -1;
    const double value = pdf.mid(i, end - i).toDouble();
    // "7 0 R"?
    qsizetype next = skipSpace(pdf, end);
    qsizetype generationEnd = next;
    while (generationEnd < pdf.size() && std::isdigit(uchar(pdf.at(generationEnd))))
        ++generationEnd;
    const qsizetype r = skipSpace(pdf, generationEnd);
    if (generationEnd > next && r < pdf.size() && pdf.at(r) == 'R' &&
        (r + 1 == pdf.size() || isDelimiter(pdf.at(r + 1)))) {
        if (++lookups > kMaxLookups) // also ends chains and cycles of references
            return -1;
        const QByteArray header =
            pdf.mid(i, end - i) + ' ' + pdf.mid(next, generationEnd - next) + " obj";
        for (qsizetype at = pdf.indexOf(header); at >= 0; at = pdf.indexOf(header, at + 1)) {
            if (at > 0 && !isDelimiter(pdf.at(at - 1)))
                continue;
            const qint64 resolved = readInteger(pdf, at + header.size(), lookups);
            if (resolved >= 0)
                return resolved;
        }
        return -1;
    }
    return value < 0 ? 0 : (value > 1e15 ? qint64(1e15) : qint64(value));
}

} // namespace

PictureClaims scanPictureClaims(const QByteArray& pdf) {
    PictureClaims claims;
    qsizetype i = 0;
    qint64 width = -2;
    qint64 height = -2;
    int lookups = 0;
    const auto endDictionary = [&] {
        if (width >= 0 && height >= 0)
            claims.largestPixels =
                std::max(claims.largestPixels,
                         qint64(std::min<double>(double(width) * double(height), 1e18)));
        width = height = -2;
    };
    while (i < pdf.size()) {
        const char c = pdf.at(i);
        if (c == '/') {
            ++i;
            const QByteArray name = readName(pdf, i);
            if (name == "Width" || name == "Height") {
                const qint64 value = readInteger(pdf, i, lookups);
                if (value < 0)
                    claims.unknown = true;
                (name == "Width" ? width : height) = value;
                if (name == "Width")
                    claims.widest = std::max(claims.widest, value);
                else
                    claims.tallest = std::max(claims.tallest, value);
            }
        } else if (c == 's' && pdf.mid(i, 6) == "stream" &&
                   (i == 0 || isDelimiter(pdf.at(i - 1)))) {
            // Stream contents (compressed data, fonts, pictures) are not dictionaries.
            endDictionary();
            const qsizetype end = pdf.indexOf("endstream", i + 6);
            i = end < 0 ? pdf.size() : end + 9;
        } else if (c == 'e' && pdf.mid(i, 6) == "endobj") {
            endDictionary();
            i += 6;
        } else {
            ++i;
        }
    }
    endDictionary();
    return claims;
}

bool claimsAreRenderable(const PictureClaims& claims) {
    return !claims.unknown && claims.widest <= kMaxPictureSide &&
           claims.tallest <= kMaxPictureSide && claims.largestPixels <= kMaxPicturePixels;
}

} // namespace hh::pdf
