// SPDX-License-Identifier: GPL-3.0-or-later
#include "Choices.h"

#include "voice/EspeakVoice.h"

#include <QComboBox>

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
    // The languages of the papers we see; espeak-ng has ~100 more that nobody picks.
    for (const QString& voice : EspeakVoice::availableVoices()) {
        if (voice.startsWith(QLatin1String("en")) || voice == QLatin1String("uk") ||
            voice == QLatin1String("de") || voice == QLatin1String("fr") ||
            voice == QLatin1String("es"))
            combo->addItem(voice, voice);
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
