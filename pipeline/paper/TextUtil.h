// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace hh {

// Collapses all Unicode whitespace (incl. no-break and thin spaces) to single spaces,
// removes soft hyphens and zero-width characters, and trims.
QString cleanText(const QString& text);

// A licence as people say it: "CC BY 4.0", "CC BY-NC 3.0", "CC0 1.0", "Public domain"
// from a licence URL or statement; empty when nothing is recognised.
QString normalizeLicense(const QString& urlOrText);

} // namespace hh
