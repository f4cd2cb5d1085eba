// SPDX-License-Identifier: GPL-3.0-or-later
#include "VoiceLabels.h"

#include "voice/FliteVoice.h"

#include <QLocale>
#include <array>

namespace hh {

namespace {

struct KnownVoice {
    const char* id;
    const char* languageName; // in its own language: not translated on purpose
    const char* description;  // translated
};

// Every voice Choices offers, as installed by Debian's espeak-ng-data. The
// descriptions say what a listener notices first; the accent is in the name.
constexpr std::array kKnownVoices{
    KnownVoice{"en-us", "English (US)", QT_TRANSLATE_NOOP("VoiceLabels", "male, neutral")},
    KnownVoice{"en-gb", "English (UK)", QT_TRANSLATE_NOOP("VoiceLabels", "male, calm")},
    KnownVoice{"en-gb-x-rp", "English (UK, Received Pronunciation)",
               QT_TRANSLATE_NOOP("VoiceLabels", "male, formal")},
    KnownVoice{"en-gb-scotland", "English (Scotland)", QT_TRANSLATE_NOOP("VoiceLabels", "male")},
    KnownVoice{"en-gb-x-gbclan", "English (Lancashire)", QT_TRANSLATE_NOOP("VoiceLabels", "male")},
    KnownVoice{"en-gb-x-gbcwmd", "English (West Midlands)",
               QT_TRANSLATE_NOOP("VoiceLabels", "male")},
    KnownVoice{"en-us-nyc", "English (New York City)", QT_TRANSLATE_NOOP("VoiceLabels", "male")},
    KnownVoice{"en-029", "English (Caribbean)", QT_TRANSLATE_NOOP("VoiceLabels", "male")},
    KnownVoice{"de", "Deutsch", QT_TRANSLATE_NOOP("VoiceLabels", "male")},
    KnownVoice{"fr-fr", "Français (France)", QT_TRANSLATE_NOOP("VoiceLabels", "male")},
    KnownVoice{"fr-be", "Français (Belgique)", QT_TRANSLATE_NOOP("VoiceLabels", "male")},
    KnownVoice{"fr-ch", "Français (Suisse)", QT_TRANSLATE_NOOP("VoiceLabels", "male")},
    KnownVoice{"es", "Español (España)", QT_TRANSLATE_NOOP("VoiceLabels", "male")},
    KnownVoice{"es-419", "Español (Latinoamérica)", QT_TRANSLATE_NOOP("VoiceLabels", "male")},
    KnownVoice{"uk", "Українська", QT_TRANSLATE_NOOP("VoiceLabels", "male")},
};

// Female variants worth offering: the languages most papers are narrated in.
constexpr std::array kFemaleVariants{"en-us+f2", "en-gb+f3", "de+f2", "fr-fr+f2", "es+f2"};

const KnownVoice* findKnown(const QString& id) {
    for (const KnownVoice& voice : kKnownVoices) {
        if (id == QLatin1String(voice.id))
            return &voice;
    }
    return nullptr;
}

// espeak-ng's variants ("+f3", "+m2", "+whisper") change who speaks, not the language.
QString variantDescription(const QString& variant) {
    if (variant.size() == 2 && variant.at(0) == QLatin1Char('f') && variant.at(1).isDigit())
        return VoiceLabels::tr("female");
    if (variant.size() == 2 && variant.at(0) == QLatin1Char('m') && variant.at(1).isDigit())
        return VoiceLabels::tr("male, variant %1").arg(variant.at(1));
    if (variant == QLatin1String("whisper"))
        return VoiceLabels::tr("whispering");
    if (variant == QLatin1String("croak"))
        return VoiceLabels::tr("croaky");
    if (variant.startsWith(QLatin1String("klatt")))
        return VoiceLabels::tr("classic synthesiser");
    return VoiceLabels::tr("variant “%1”").arg(variant);
}

// "pt-br" → "português (Brasil)": the language's own name, from CLDR via QLocale.
QString genericLanguageName(const QString& language) {
    const QLocale locale(language);
    const QString primary = language.section(QLatin1Char('-'), 0, 0);
    if (locale.language() == QLocale::C || QLocale::languageToCode(locale.language()) != primary)
        return {};
    QString name = locale.nativeLanguageName();
    if (!name.isEmpty())
        name[0] = name.at(0).toUpper();
    if (language.contains(QLatin1Char('-')) && !locale.nativeTerritoryName().isEmpty())
        name += QStringLiteral(" (%1)").arg(locale.nativeTerritoryName());
    return name;
}

} // namespace

QString VoiceLabels::label(const QString& voiceId) {
    // Flite's English voices (smoother than espeak-ng's, English only).
    if (voiceId == QLatin1String("flite-slt"))
        return tr("English (US) — female, smooth (Flite)");
    if (voiceId == QLatin1String("flite-rms"))
        return tr("English (US) — male, smooth (Flite)");
    if (voiceId == QLatin1String("flite-awb"))
        return tr("English (Scottish) — male, smooth (Flite)");
    if (voiceId == QLatin1String("flite-kal"))
        return tr("English (US) — male, telephone quality (Flite)");
    const QString base = voiceId.section(QLatin1Char('+'), 0, 0);
    const QString variant = voiceId.section(QLatin1Char('+'), 1);
    QString name;
    QString description;
    if (const KnownVoice* known = findKnown(base)) {
        name = QString::fromUtf8(known->languageName);
        description = tr(known->description);
    } else {
        name = genericLanguageName(base);
        if (name.isEmpty())
            name = tr("Voice “%1”").arg(base);
    }
    if (!variant.isEmpty())
        description = variantDescription(variant);
    return description.isEmpty() ? name : QStringLiteral("%1 — %2").arg(name, description);
}

QStringList VoiceLabels::offeredVoices(const QStringList& installed) {
    // The languages of the papers we see; espeak-ng has ~100 more that nobody picks.
    static const QStringList languages{QStringLiteral("en"), QStringLiteral("de"),
                                       QStringLiteral("fr"), QStringLiteral("es"),
                                       QStringLiteral("uk")};
    QStringList offered;
    for (const QString& voice : installed) {
        if (languages.contains(voice.section(QLatin1Char('-'), 0, 0)))
            offered << voice;
    }
    for (const char* variant : kFemaleVariants) {
        const QString id = QString::fromLatin1(variant);
        if (installed.contains(id.section(QLatin1Char('+'), 0, 0)))
            offered << id;
    }
    offered << FliteVoice::voiceIds(); // linked into the program: always there
    return offered;
}

} // namespace hh
