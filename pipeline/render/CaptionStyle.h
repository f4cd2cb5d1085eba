// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace hh {

// How the burned-in captions look. Highlight is the original look (outlined
// white words, the spoken one in the accent colour); Boxed puts each cue on a
// dark rounded box with the spoken word on an accent pill; Minimal is smaller
// white text with a soft shadow and no highlight, for videos that should stay
// calm. Each style breaks its cues for its own font, and the SRT/VTT files are
// made from the same cues, so sidecar and burned-in captions always agree.
enum class CaptionStyle { Highlight, Boxed, Minimal };

// Stable names for job options and settings: "highlight", "boxed", "minimal".
QString captionStyleName(CaptionStyle style);
// Unknown or empty names give Highlight, so old job rows keep their look.
CaptionStyle captionStyleFromName(const QString& name);
QList<CaptionStyle> allCaptionStyles();

} // namespace hh
