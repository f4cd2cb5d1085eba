// SPDX-License-Identifier: GPL-3.0-or-later
#include "Narration.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QtEndian>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>

namespace hh {

namespace {

constexpr quint16 kFormatPcm = 1;
constexpr quint16 kFormatExtensible = 0xFFFE;
constexpr int kBytesPerSample = 2;
constexpr qsizetype kRiffHeaderSize = 12;
constexpr qsizetype kChunkHeaderSize = 8;
constexpr qsizetype kPcmFmtSize = 16;
// words.json is read back from the job folder, where a user may have edited it:
// its numbers are bounded before anything is sized or added from them. A script
// has a handful of scenes and a narration lasts minutes; these are far beyond both.
constexpr int kMaxScenes = 1000;
constexpr double kMaxWordSeconds = 24 * 60 * 60;

Result<Narration> wavError(const QString& detail) {
    return Result<Narration>::failure(ErrorType::Unsupported,
                                      QStringLiteral("unreadable WAV audio: ") + detail);
}

void appendU16(QByteArray& out, quint16 value) {
    char bytes[2];
    qToLittleEndian(value, bytes);
    out.append(bytes, 2);
}

void appendU32(QByteArray& out, quint32 value) {
    char bytes[4];
    qToLittleEndian(value, bytes);
    out.append(bytes, 4);
}

quint16 readU16(const QByteArray& data, qsizetype offset) {
    return qFromLittleEndian<quint16>(data.constData() + offset);
}

quint32 readU32(const QByteArray& data, qsizetype offset) {
    return qFromLittleEndian<quint32>(data.constData() + offset);
}

struct WavFormat {
    quint16 format = 0;
    quint16 channels = 0;
    quint32 sampleRate = 0;
    quint16 bitsPerSample = 0;
};

// Averages the two channels: narration is mono everywhere downstream.
QByteArray downmixStereo(const QByteArray& interleaved) {
    const qsizetype frames = interleaved.size() / (2 * kBytesPerSample);
    QByteArray mono(frames * kBytesPerSample, Qt::Uninitialized);
    const char* in = interleaved.constData();
    char* out = mono.data();
    for (qsizetype i = 0; i < frames; ++i) {
        const int left = qFromLittleEndian<qint16>(in + i * 4);
        const int right = qFromLittleEndian<qint16>(in + i * 4 + 2);
        qToLittleEndian(static_cast<qint16>((left + right) / 2), out + i * 2);
    }
    return mono;
}

double toSeconds(qint64 ms) {
    return static_cast<double>(ms) / 1000.0;
}

qint64 toMs(double seconds) {
    return std::llround(seconds * 1000.0);
}

// Scene spans derived from the words when words.json is all we have: a scene
// runs from its first word's start to its last word's end. A scene without
// words gets an empty span where the previous one ended, so the lists stay
// one-per-scene and ascending.
void deriveSceneSpans(Narration& narration) {
    int sceneCount = 0;
    for (const WordTiming& word : std::as_const(narration.words))
        sceneCount = std::max(sceneCount, word.scene + 1);
    narration.sceneStartMs = QList<qint64>(sceneCount, -1);
    narration.sceneEndMs = QList<qint64>(sceneCount, -1);
    for (const WordTiming& word : std::as_const(narration.words)) {
        qint64& start = narration.sceneStartMs[word.scene];
        qint64& end = narration.sceneEndMs[word.scene];
        start = start < 0 ? word.startMs : std::min(start, word.startMs);
        end = std::max(end, word.endMs);
    }
    qint64 previousEnd = 0;
    for (int i = 0; i < sceneCount; ++i) {
        if (narration.sceneStartMs[i] < 0) {
            narration.sceneStartMs[i] = previousEnd;
            narration.sceneEndMs[i] = previousEnd;
        }
        previousEnd = narration.sceneEndMs[i];
    }
}

} // namespace

qint64 Narration::durationMs() const {
    if (sampleRate <= 0)
        return 0;
    const qint64 samples = pcm.size() / kBytesPerSample;
    return samples * 1000 / sampleRate;
}

QByteArray Narration::toWav() const {
    const quint32 dataSize = static_cast<quint32>(pcm.size() - pcm.size() % kBytesPerSample);
    const quint16 channels = 1;
    const quint32 rate = static_cast<quint32>(std::max(sampleRate, 0));
    QByteArray wav;
    wav.reserve(44 + dataSize);
    wav.append("RIFF", 4);
    appendU32(wav, 4 + (kChunkHeaderSize + kPcmFmtSize) + (kChunkHeaderSize + dataSize));
    wav.append("WAVE", 4);
    wav.append("fmt ", 4);
    appendU32(wav, kPcmFmtSize);
    appendU16(wav, kFormatPcm);
    appendU16(wav, channels);
    appendU32(wav, rate);
    appendU32(wav, rate * channels * kBytesPerSample); // byte rate
    appendU16(wav, channels * kBytesPerSample);        // block align
    appendU16(wav, 16);                                // bits per sample
    wav.append("data", 4);
    appendU32(wav, dataSize);
    wav.append(pcm.constData(), dataSize);
    return wav;
}

Result<Narration> Narration::fromWav(const QByteArray& wav) {
    if (wav.size() < kRiffHeaderSize || std::memcmp(wav.constData(), "RIFF", 4) != 0 ||
        std::memcmp(wav.constData() + 8, "WAVE", 4) != 0)
        return wavError(QStringLiteral("not a RIFF/WAVE file"));

    std::optional<WavFormat> format;
    qsizetype offset = kRiffHeaderSize;
    // Walk the chunks; anything we do not need (LIST, fact, cue…) is skipped by
    // its declared size, and every size is checked against what is really there.
    while (offset + kChunkHeaderSize <= wav.size()) {
        const QByteArray id = wav.mid(offset, 4);
        const qint64 size = readU32(wav, offset + 4);
        const qsizetype body = offset + kChunkHeaderSize;
        const qint64 available = wav.size() - body;

        if (id == "fmt ") {
            if (size < kPcmFmtSize || size > available)
                return wavError(QStringLiteral("truncated fmt chunk"));
            WavFormat parsed;
            parsed.format = readU16(wav, body);
            parsed.channels = readU16(wav, body + 2);
            parsed.sampleRate = readU32(wav, body + 4);
            parsed.bitsPerSample = readU16(wav, body + 14);
            // WAVE_FORMAT_EXTENSIBLE carries the real format in its sub-format GUID.
            if (parsed.format == kFormatExtensible && size >= 40)
                parsed.format = readU16(wav, body + 24);
            format = parsed;
        } else if (id == "data") {
            if (!format)
                return wavError(QStringLiteral("data chunk before fmt chunk"));
            if (format->format != kFormatPcm || format->bitsPerSample != 16)
                return wavError(QStringLiteral("only 16-bit PCM is supported (format %1, %2 bits)")
                                    .arg(format->format)
                                    .arg(format->bitsPerSample));
            if (format->channels != 1 && format->channels != 2)
                return wavError(QStringLiteral("only mono or stereo is supported (%1 channels)")
                                    .arg(format->channels));
            if (format->sampleRate == 0 || format->sampleRate > 384000)
                return wavError(
                    QStringLiteral("implausible sample rate %1").arg(format->sampleRate));
            if (size > available)
                return wavError(QStringLiteral("truncated data chunk (%1 of %2 bytes)")
                                    .arg(available)
                                    .arg(size));
            const qsizetype frameBytes = format->channels * kBytesPerSample;
            const qsizetype usable =
                static_cast<qsizetype>(size) - static_cast<qsizetype>(size) % frameBytes;
            const QByteArray samples = wav.mid(body, usable);
            Narration narration;
            narration.sampleRate = static_cast<int>(format->sampleRate);
            narration.pcm = format->channels == 2 ? downmixStereo(samples) : samples;
            return narration;
        }
        if (size > available)
            return wavError(QStringLiteral("truncated %1 chunk").arg(QString::fromLatin1(id)));
        offset = body + static_cast<qsizetype>(size) + (size & 1); // chunks are word-aligned
    }
    return wavError(format ? QStringLiteral("no data chunk") : QStringLiteral("no fmt chunk"));
}

QJsonArray Narration::wordsJson() const {
    QJsonArray array;
    for (const WordTiming& word : words) {
        array.append(QJsonObject{
            {QStringLiteral("word"), word.text},
            {QStringLiteral("start"), toSeconds(word.startMs)},
            {QStringLiteral("end"), toSeconds(word.endMs)},
            {QStringLiteral("scene"), word.scene},
        });
    }
    return array;
}

Result<Narration> Narration::withWordsFromJson(Narration base, const QJsonArray& words) {
    const auto bad = [](qsizetype index, const QString& why) {
        return Result<Narration>::failure(
            ErrorType::Internal, QStringLiteral("words.json entry %1: %2").arg(index).arg(why));
    };
    base.words.clear();
    base.words.reserve(words.size());
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QJsonObject object = words.at(i).toObject();
        const QJsonValue text = object.value(QLatin1String("word"));
        const QJsonValue start = object.value(QLatin1String("start"));
        const QJsonValue end = object.value(QLatin1String("end"));
        const QJsonValue scene = object.value(QLatin1String("scene"));
        if (!words.at(i).isObject() || !text.isString() || !start.isDouble() || !end.isDouble())
            return bad(i, QStringLiteral("needs \"word\", \"start\" and \"end\""));
        if (!(start.toDouble() >= 0 && end.toDouble() <= kMaxWordSeconds))
            return bad(
                i, QStringLiteral("times must lie between 0 and %1 seconds").arg(kMaxWordSeconds));
        WordTiming timing;
        timing.text = text.toString();
        timing.startMs = toMs(start.toDouble());
        timing.endMs = toMs(end.toDouble());
        timing.scene = scene.isUndefined() ? 0 : scene.toInt(-1);
        if (timing.startMs < 0 || timing.endMs < timing.startMs)
            return bad(i, QStringLiteral("end before start"));
        if (timing.scene < 0 || timing.scene >= kMaxScenes)
            return bad(i,
                       QStringLiteral("scene must be an integer from 0 to %1").arg(kMaxScenes - 1));
        base.words.append(timing);
    }
    if (base.sceneStartMs.isEmpty() || base.sceneStartMs.size() != base.sceneEndMs.size())
        deriveSceneSpans(base);
    return base;
}

} // namespace hh
