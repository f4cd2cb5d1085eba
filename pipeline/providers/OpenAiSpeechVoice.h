// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProviderHub.h"
#include "voice/VoiceSynthesizer.h"

#include <QStringList>

namespace hh {

// A voice from any server of the OpenAI speech API: POST <base>/audio/speech with
// {"model", "voice", "input", "response_format": "wav"} (Kokoro-FastAPI, LocalAI,
// openedai-speech, or OpenAI itself with a key). A scene is one request, a long
// one split at sentence ends; the answer is read as WAV, or as MP3 for servers
// that send it whatever was asked, brought to 24 kHz mono, and scenes are joined
// with the pause of the other voices. These servers give no word times, so
// WordAligner times what was said and the lexicon's groups map the times back
// onto the paper's words. The key (ProviderId::Speech) is sent only when one is
// set; plain http only to this computer (HttpTransport's rule).
class OpenAiSpeechVoice final : public VoiceSynthesizer {
public:
    static constexpr int kSampleRate = 24000;
    // OpenAI accepts 4,096 characters of input; words are cut well below that.
    static constexpr int kMaxWordsPerRequest = 400;

    explicit OpenAiSpeechVoice(ProviderSession& session);

    // VoiceParams::voice: the server's voice name; empty: ProviderConfig::speechVoice.
    // wordsPerMinute is not sent: the servers' "speed" differs too much between them.
    Result<Narration> synthesize(const Script& script, const VoiceParams& params,
                                 const StepControl& control) override;

    // The voices the server lists: Kokoro-FastAPI's GET <base>/audio/voices
    // ({"voices": [...]}, names or objects with "name"/"id"). A server without
    // that list answers an empty list, not an error: the voice is then typed in.
    static Result<QStringList> listVoices(ProviderSession& session, const QString& key);
    // The voice names in such a list's body: {"voices": [...]} or a plain array, of
    // names or of objects with "name" or "id" (Settings' Check reads them too).
    static QStringList parseVoiceList(const QByteArray& body);

private:
    ProviderSession& m_session;
};

} // namespace hh
