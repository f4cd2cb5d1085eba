// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "render/CaptionStyle.h"

#include <QCoreApplication>
#include <QString>

class QComboBox;

namespace hh {

// The option lists that New video and Settings both offer, filled the same way
// in both places so a default chosen in Settings is always one New video can show.
// Each item's data is the value JobOptions takes.
class Choices {
    Q_DECLARE_TR_FUNCTIONS(Choices)
public:
    static void fillDurations(QComboBox* combo);     // data: int seconds
    static void fillAspects(QComboBox* combo);       // data: "9:16" …
    static void fillVoices(QComboBox* combo);        // data: voice name, "" automatic
    static void fillCaptionStyles(QComboBox* combo); // data: int(CaptionStyle)
    static QString captionStyleLabel(CaptionStyle style);
    // Selects the item whose data equals `value`; false (selection unchanged) if none.
    static bool select(QComboBox* combo, const QVariant& value);
};

} // namespace hh
