// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace hh {

// Turns the audio a speech service returns (base64 in JSON, labelled with a MIME
// type) into the mono 16-bit PCM a Narration holds. Gemini's TTS models answer
// with headerless little-endian L16 ("audio/L16;codec=pcm;rate=24000"), newer
// ones with a whole WAV file; the label and the bytes are both checked, because
// the label has been seen to lag behind the payload. Every malformed input gives
// an ErrorType::Provider error, never a crash or silent garbage.

// Mono signed 16-bit little-endian samples at `sampleRate`.
struct PcmAudio {
    int sampleRate = 0;
    QByteArray pcm;

    qint64 sampleCount() const { return pcm.size() / 2; }
    qint64 durationMs() const;
};

// What an audio MIME type says about the bytes that come with it.
struct AudioMimeType {
    enum class Container { RawPcm, Wav, Unknown };
    Container container = Container::Unknown;
    int sampleRate = 24000; // rate= parameter; Gemini's default when absent
    int channels = 1;       // channels= parameter
    QString essence;        // "audio/l16", lower-cased, for messages
};

// Parses "audio/L16;codec=pcm;rate=24000", "audio/l16; rate=24000; channels=1",
// "audio/wav" … case-insensitively. Out-of-range rate/channel values are errors.
Result<AudioMimeType> parseAudioMimeType(const QString& mimeType);

// Decodes standard (or URL-safe) base64; whitespace is ignored, anything else
// that is not base64 is an error, as is an empty payload.
Result<QByteArray> decodeBase64Audio(const QByteArray& base64);

// Raw bytes + MIME type → mono PCM. Bytes that start with a RIFF/WAVE header are
// read as WAV whatever the label says (never wrapped twice); raw L16 is read
// with the rate and channel count of the label, stereo mixed down to mono.
Result<PcmAudio> decodeAudioBytes(const QString& mimeType, const QByteArray& bytes);

// decodeBase64Audio + decodeAudioBytes: one `inlineData` part of a response.
Result<PcmAudio> decodeInlineAudio(const QString& mimeType, const QByteArray& base64);

// Converts to `targetRate` with a windowed-sinc resampler (libswresample), so
// chunks at different rates can be joined into one narration. Same rate: as is.
Result<PcmAudio> resampleAudio(const PcmAudio& audio, int targetRate);

} // namespace hh
