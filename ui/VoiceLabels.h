// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

namespace hh {

// What a person reads for an espeak-ng voice id: "en-gb-x-gbcwmd" becomes
// "English (West Midlands) — male", "en-us+f2" "English (US) — female". The
// language part is written in that language ("Deutsch", "Français (Belgique)"),
// as language pickers do, so a speaker finds their own language in any UI
// language; the description after the dash is in the UI language.
class VoiceLabels {
    Q_DECLARE_TR_FUNCTIONS(VoiceLabels)
public:
    // Never the bare id: an id outside the table gets a label built from its
    // language's own name (QLocale), the id itself only if even that is unknown.
    static QString label(const QString& voiceId);
    // The voices New video and Settings offer, ids in the order they are listed:
    // the installed voices of the languages our papers are in, plus a female
    // variant of the main ones (espeak-ng's own voices are all male).
    static QStringList offeredVoices(const QStringList& installed);
};

} // namespace hh
