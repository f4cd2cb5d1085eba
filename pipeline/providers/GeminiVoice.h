// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProviderHub.h"
#include "voice/VoiceSynthesizer.h"

#include <QStringList>

namespace hh {

struct SpokenScene;

// The cloud voice: Gemini TTS (`responseModalities: ["AUDIO"]`) with one of its
// 30 prebuilt voices. Each scene is one request (a very long scene is split at
// sentence ends into requests of at most kMaxWordsPerRequest words, as long
// outputs degrade), the audio is decoded whatever its form (raw L16 at the rate
// the MIME type says, or WAV) and brought to 24 kHz mono 16-bit, and scenes are
// joined with the same pause as the built-in voice. Gemini gives no word
// times, so WordAligner times the caption words from the audio. The key comes
// from the session and is sent only in the x-goog-api-key header.
class GeminiVoice final : public VoiceSynthesizer {
public:
    static constexpr int kSampleRate = 24000;
    static constexpr int kMaxWordsPerRequest = 600;

    explicit GeminiVoice(ProviderSession& session);

    // VoiceParams::voice is a Gemini voice name (any case; empty: "Kore").
    // wordsPerMinute is not sent: Gemini sets its own pace.
    Result<Narration> synthesize(const Script& script, const VoiceParams& params,
                                 const StepControl& control) override;

    // The prebuilt voices, in Google's order ("Zephyr", "Puck", …).
    static QStringList voiceNames();
    // Google's one-word character of a voice ("firm", "breezy"); empty if unknown.
    static QString voiceDescription(const QString& name);
    static QString defaultVoice() { return QStringLiteral("Kore"); }

private:
    // Every scene spoken, up to the hub's Gemini concurrency at once; each entry
    // the scene's audio or why it failed (cancelled: never asked).
    QList<Result<SpokenScene>> speakAll(const Script& script, const QString& voice,
                                        const QByteArray& key, const Lexicon& lexicon,
                                        const StepControl& control, qsizetype sceneCount);

    ProviderSession& m_session;
};

// Gemini answered 404 for the configured TTS model: what to set instead.
Error geminiUnknownTtsModel(const ProviderConfig& config);

} // namespace hh
