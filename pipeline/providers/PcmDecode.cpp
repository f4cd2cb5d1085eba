// SPDX-License-Identifier: GPL-3.0-or-later
#include "PcmDecode.h"

#include "voice/Narration.h"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libswresample/swresample.h>
}

#include <QStringList>
#include <QtEndian>
#include <cstring>
#include <memory>

namespace hh {

namespace {

constexpr int kBytesPerSample = 2;
constexpr int kMinRate = 1000;
constexpr int kMaxRate = 384000;
constexpr int kMaxChannels = 8;

template <typename T> Result<T> unreadable(const QString& detail) {
    return Result<T>::failure(ErrorType::Provider, detail);
}

bool isRawPcmEssence(const QString& essence) {
    // L16 is RFC 2586's name; some gateways relabel it as plain PCM.
    static const QStringList names = {QStringLiteral("audio/l16"), QStringLiteral("audio/pcm"),
                                      QStringLiteral("audio/x-pcm"), QStringLiteral("audio/s16le")};
    return names.contains(essence);
}

bool isWavEssence(const QString& essence) {
    static const QStringList names = {QStringLiteral("audio/wav"), QStringLiteral("audio/x-wav"),
                                      QStringLiteral("audio/wave"),
                                      QStringLiteral("audio/vnd.wave")};
    return names.contains(essence);
}

bool looksLikeWav(const QByteArray& bytes) {
    return bytes.size() >= 12 && std::memcmp(bytes.constData(), "RIFF", 4) == 0 &&
           std::memcmp(bytes.constData() + 8, "WAVE", 4) == 0;
}

// Interleaved frames of `channels` samples → their average, one sample per frame.
QByteArray downmix(const QByteArray& interleaved, int channels) {
    const qsizetype frames = interleaved.size() / (qsizetype(channels) * kBytesPerSample);
    QByteArray mono(frames * kBytesPerSample, Qt::Uninitialized);
    const char* in = interleaved.constData();
    for (qsizetype frame = 0; frame < frames; ++frame) {
        int sum = 0;
        for (int c = 0; c < channels; ++c)
            sum += qFromLittleEndian<qint16>(in + (frame * channels + c) * kBytesPerSample);
        qToLittleEndian(static_cast<qint16>(sum / channels), mono.data() + frame * kBytesPerSample);
    }
    return mono;
}

Result<PcmAudio> fromWav(const QByteArray& bytes) {
    const Result<Narration> wav = Narration::fromWav(bytes);
    if (!wav)
        return unreadable<PcmAudio>(wav.error().message);
    if (wav->pcm.isEmpty())
        return unreadable<PcmAudio>(QStringLiteral("the WAV audio holds no samples"));
    // The header's rate is the sender's word: a rate no speech service uses
    // (0, 324 Hz, 4 GHz) would only fail later, when chunks are resampled.
    if (wav->sampleRate < kMinRate || wav->sampleRate > kMaxRate)
        return unreadable<PcmAudio>(
            QStringLiteral("the WAV audio has an impossible sample rate (%1 Hz)")
                .arg(wav->sampleRate));
    return PcmAudio{wav->sampleRate, wav->pcm};
}

struct SwrDeleter {
    void operator()(SwrContext* context) const { swr_free(&context); }
};

} // namespace

qint64 PcmAudio::durationMs() const {
    return sampleRate > 0 ? sampleCount() * 1000 / sampleRate : 0;
}

Result<AudioMimeType> parseAudioMimeType(const QString& mimeType) {
    AudioMimeType type;
    const QStringList fields = mimeType.split(QLatin1Char(';'));
    type.essence = fields.first().trimmed().toLower();
    if (isRawPcmEssence(type.essence))
        type.container = AudioMimeType::Container::RawPcm;
    else if (isWavEssence(type.essence))
        type.container = AudioMimeType::Container::Wav;

    for (qsizetype i = 1; i < fields.size(); ++i) {
        const QString key = fields.at(i).section(QLatin1Char('='), 0, 0).trimmed().toLower();
        QString value = fields.at(i).section(QLatin1Char('='), 1).trimmed();
        if (value.size() >= 2 && value.startsWith(QLatin1Char('"')) &&
            value.endsWith(QLatin1Char('"')))
            value = value.mid(1, value.size() - 2);
        bool ok = false;
        if (key == QLatin1String("rate")) {
            const int rate = value.toInt(&ok);
            if (!ok || rate < kMinRate || rate > kMaxRate)
                return unreadable<AudioMimeType>(
                    QStringLiteral("the audio type \"%1\" has an impossible sample rate")
                        .arg(mimeType.left(100)));
            type.sampleRate = rate;
        } else if (key == QLatin1String("channels")) {
            const int channels = value.toInt(&ok);
            if (!ok || channels < 1 || channels > kMaxChannels)
                return unreadable<AudioMimeType>(
                    QStringLiteral("the audio type \"%1\" has an impossible channel count")
                        .arg(mimeType.left(100)));
            type.channels = channels;
        }
        // codec=pcm and anything unknown: nothing to do.
    }
    return type;
}

Result<QByteArray> decodeBase64Audio(const QByteArray& base64) {
    QByteArray compact;
    compact.reserve(base64.size());
    for (const char c : base64) {
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
            compact.append(c);
    }
    if (compact.isEmpty())
        return unreadable<QByteArray>(QStringLiteral("the answer's audio data is empty"));
    for (const auto encoding : {QByteArray::Base64Encoding, QByteArray::Base64UrlEncoding}) {
        const auto decoded = QByteArray::fromBase64Encoding(
            compact, encoding | QByteArray::AbortOnBase64DecodingErrors);
        if (decoded && !decoded.decoded.isEmpty())
            return decoded.decoded;
    }
    return unreadable<QByteArray>(QStringLiteral("the answer's audio data is not valid base64"));
}

Result<PcmAudio> decodeAudioBytes(const QString& mimeType, const QByteArray& bytes) {
    if (bytes.isEmpty())
        return unreadable<PcmAudio>(QStringLiteral("the answer holds no audio bytes"));
    if (looksLikeWav(bytes))
        return fromWav(bytes);

    const Result<AudioMimeType> type = parseAudioMimeType(mimeType);
    if (!type)
        return type.error();
    switch (type->container) {
    case AudioMimeType::Container::Wav:
        return unreadable<PcmAudio>(
            QStringLiteral("the audio is labelled %1 but has no WAV header").arg(type->essence));
    case AudioMimeType::Container::Unknown:
        // No label at all: the documented default, 24 kHz mono L16.
        if (!type->essence.isEmpty())
            return unreadable<PcmAudio>(
                QStringLiteral("the audio comes as \"%1\", which Hidden Hill cannot play")
                    .arg(type->essence.left(60)));
        break;
    case AudioMimeType::Container::RawPcm:
        break;
    }
    const qsizetype frameBytes = qsizetype(type->channels) * kBytesPerSample;
    if (bytes.size() < frameBytes)
        return unreadable<PcmAudio>(
            QStringLiteral("the audio is shorter than one sample (%1 bytes)").arg(bytes.size()));
    // Gemini's L16 is little-endian (its samples convert with `ffmpeg -f s16le`),
    // unlike RFC 2586's network order. A trailing partial frame is dropped.
    const QByteArray whole = bytes.left(bytes.size() - bytes.size() % frameBytes);
    PcmAudio audio;
    audio.sampleRate = type->sampleRate;
    audio.pcm = type->channels == 1 ? whole : downmix(whole, type->channels);
    return audio;
}

Result<PcmAudio> decodeInlineAudio(const QString& mimeType, const QByteArray& base64) {
    const Result<QByteArray> bytes = decodeBase64Audio(base64);
    if (!bytes)
        return bytes.error();
    return decodeAudioBytes(mimeType, bytes.value());
}

Result<PcmAudio> resampleAudio(const PcmAudio& audio, int targetRate) {
    if (audio.sampleRate == targetRate || audio.pcm.isEmpty())
        return PcmAudio{targetRate, audio.pcm};
    if (audio.sampleRate < kMinRate || audio.sampleRate > kMaxRate || targetRate < kMinRate ||
        targetRate > kMaxRate)
        return Result<PcmAudio>::failure(ErrorType::Internal,
                                         QStringLiteral("cannot resample %1 Hz audio to %2 Hz")
                                             .arg(audio.sampleRate)
                                             .arg(targetRate));
    AVChannelLayout mono;
    av_channel_layout_default(&mono, 1);
    SwrContext* raw = nullptr;
    int ret = swr_alloc_set_opts2(&raw, &mono, AV_SAMPLE_FMT_S16, targetRate, &mono,
                                  AV_SAMPLE_FMT_S16, audio.sampleRate, 0, nullptr);
    const std::unique_ptr<SwrContext, SwrDeleter> swr(raw);
    if (ret >= 0)
        ret = swr_init(swr.get());
    if (ret < 0)
        return Result<PcmAudio>::failure(ErrorType::Internal,
                                         QStringLiteral("cannot set up the audio resampler"));

    const int inSamples = static_cast<int>(audio.sampleCount());
    const int capacity = swr_get_out_samples(swr.get(), inSamples) + 256;
    QByteArray out(qsizetype(capacity) * kBytesPerSample, Qt::Uninitialized);
    int produced = 0;
    const auto* input = reinterpret_cast<const uint8_t*>(audio.pcm.constData());
    // The whole input, then (no input) the filter's delayed tail.
    for (const uint8_t* in : {input, static_cast<const uint8_t*>(nullptr)}) {
        uint8_t* outPlanes[1] = {reinterpret_cast<uint8_t*>(out.data()) + produced * 2};
        const uint8_t* inPlanes[1] = {in};
        ret = swr_convert(swr.get(), outPlanes, capacity - produced, in ? inPlanes : nullptr,
                          in ? inSamples : 0);
        if (ret < 0)
            return Result<PcmAudio>::failure(ErrorType::Internal,
                                             QStringLiteral("audio resampling failed"));
        produced += ret;
    }
    out.truncate(qsizetype(produced) * kBytesPerSample);
    return PcmAudio{targetRate, out};
}

} // namespace hh
