// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PdfLayout.h"

#include <QByteArray>
#include <QRectF>

namespace Poppler {
class Page;
}

namespace hh::pdf {

// The figure drawn next to a caption: the area between the caption and the
// nearest running text above it (or below it when there is no room above).
// Returns an empty rectangle when no plausible region exists.
QRectF figureRegion(const PdfPage& layout, const QRectF& caption, double bodySize);

// Renders `region` (points) of `page` to PNG with at least 1080 pixels on its
// long side (and at least 150 dpi), never more than 2400.
// `rotation` is the page's turn as read (PdfPage::rotation).
QByteArray renderRegionPng(const Poppler::Page& page, const QRectF& region, int rotation = 0);

// The largest picture a PDF's image dictionaries claim. Poppler decodes every
// pixel a picture claims whatever size it is drawn at, without a way to stop it:
// a 3 KB file claiming 100000×100000 pixels keeps a core busy for minutes. The
// raw bytes are scanned instead (image dictionaries are never compressed; stream
// contents are skipped). `unknown` is set when a /Width or /Height refers to an
// object that cannot be found in the clear (e.g. inside an object stream).
// Pictures inline in compressed content streams are not seen.
struct PictureClaims {
    qint64 widest = 0;        // largest /Width
    qint64 tallest = 0;       // largest /Height
    qint64 largestPixels = 0; // largest /Width × /Height of one dictionary
    bool unknown = false;
};
PictureClaims scanPictureClaims(const QByteArray& pdf);

// Whether pictures that large can be rendered in reasonable time and memory.
bool claimsAreRenderable(const PictureClaims& claims);

} // namespace hh::pdf
