// SPDX-License-Identifier: GPL-3.0-or-later
#include "Choices.h"

#include "VoiceLabels.h"
#include "voice/EspeakVoice.h"

#include <QComboBox>
#include <algorithm>

namespace hh {

void Choices::fillDurations(QComboBox* combo) {
    combo->addItem(tr("30 seconds"), 30);
    combo->addItem(tr("60 seconds"), 60);
    combo->addItem(tr("90 seconds"), 90);
}

void Choices::fillAspects(QComboBox* combo) {
    combo->addItem(tr("Vertical 9:16"), QStringLiteral("9:16"));
    combo->addItem(tr("Square 1:1"), QStringLiteral("1:1"));
    combo->addItem(tr("Wide 16:9"), QStringLiteral("16:9"));
}

void Choices::fillVoices(QComboBox* combo) {
    combo->addItem(tr("Automatic (the paper’s language)"), QString());
    combo->setItemData(0, tr("The voice of the paper’s language, chosen when the video is made"),
                       Qt::ToolTipRole);
    struct Item {
        QString label;
        QString id;
    };
    QList<Item> items;
    for (const QString& voice : VoiceLabels::offeredVoices(EspeakVoice::availableVoices()))
        items.append({VoiceLabels::label(voice), voice});
    // By name, so each language's accents and voices sit together.
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
        return QString::localeAwareCompare(a.label, b.label) < 0;
    });
    for (const Item& item : std::as_const(items)) {
        combo->addItem(item.label, item.id);
        // The engine's own name, for someone who knows espeak-ng or reads a log.
        combo->setItemData(combo->count() - 1, item.id, Qt::ToolTipRole);
    }
}

QString Choices::captionStyleLabel(CaptionStyle style) {
    switch (style) {
    case CaptionStyle::Boxed:
        return tr("Boxed");
    case CaptionStyle::Minimal:
        return tr("Minimal");
    case CaptionStyle::Highlight:
        break;
    }
    return tr("Highlight");
}

void Choices::fillCaptionStyles(QComboBox* combo) {
    for (CaptionStyle style : allCaptionStyles())
        combo->addItem(captionStyleLabel(style), int(style));
}

bool Choices::select(QComboBox* combo, const QVariant& value) {
    const int index = combo->findData(value);
    if (index < 0)
        return false;
    combo->setCurrentIndex(index);
    return true;
}

} // namespace hh
