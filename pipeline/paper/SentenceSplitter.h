// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace hh {

// Splits running text into sentences the way a reader would: not after "et al.",
// "Fig.", "e.g.", initials ("J. Smith") or inside numbers ("3.5", "p < 0.05").
QStringList splitSentences(const QString& text);

} // namespace hh
