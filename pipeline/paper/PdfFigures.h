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

// Renders `region` (points) of `page` to PNG at about 150 dpi, never more than
// 2000 pixels on a side.
QByteArray renderRegionPng(const Poppler::Page& page, const QRectF& region);

} // namespace hh::pdf
