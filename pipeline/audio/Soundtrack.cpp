// SPDX-License-Identifier: GPL-3.0-or-later
#include "Soundtrack.h"

#include "MusicBed.h"
#include "MusicDecoder.h"
#include "providers/PcmDecode.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QtEndian>
#include <algorithm>
#include <cmath>

namespace hh {

MusicChoice MusicChoice::parse(const QString& option) {
    const QString trimmed = option.trimmed();
    if (trimmed.isEmpty() || trimmed.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0)
        return {};
    if (MusicBed::isBuiltIn(trimmed.toLower()))
        return {Kind::BuiltIn, trimmed.toLower()};
    return {Kind::File, trimmed};
}

QString MusicChoice::toOption() const {
    return kind == Kind::File ? QFileInfo(value).absoluteFilePath() : value;
}

QByteArray Soundtrack::pcm16() const {
    QByteArray pcm(qsizetype(samples.size() * 2), Qt::Uninitialized);
    auto* out = reinterpret_cast<uchar*>(pcm.data());
    for (size_t i = 0; i < samples.size(); ++i) {
        const long v = std::lround(std::clamp(samples[i], -1.0f, 1.0f) * 32767.0f);
        qToLittleEndian(qint16(v), out + 2 * i);
    }
    return pcm;
}

QJsonObject Soundtrack::toJson() const {
    QJsonObject musicJson;
    const MusicChoice choice = MusicChoice::parse(music);
    musicJson.insert(QStringLiteral("kind"),
                     choice.kind == MusicChoice::Kind::None      ? QStringLiteral("none")
                     : choice.kind == MusicChoice::Kind::BuiltIn ? QStringLiteral("builtin")
                                                                 : QStringLiteral("file"));
    if (!choice.isNone()) {
        musicJson.insert(QStringLiteral("name"), choice.kind == MusicChoice::Kind::File
                                                     ? QFileInfo(choice.value).fileName()
                                                     : choice.value);
        musicJson.insert(QStringLiteral("volume_db"), musicVolumeDb);
    }
    return {{QStringLiteral("loudness"), loudness.toJson()},
            {QStringLiteral("music"), musicJson},
            {QStringLiteral("sample_rate"), kSampleRate},
            {QStringLiteral("duration_s"),
             std::round(double(samples.size()) / kSampleRate * 1000) / 1000}};
}

Error SoundtrackBuilder::checkMusic(const QString& music) {
    const MusicChoice choice = MusicChoice::parse(music);
    return choice.kind == MusicChoice::Kind::File ? MusicDecoder::check(choice.value) : Error{};
}

Result<Soundtrack> SoundtrackBuilder::build(const QByteArray& narrationPcm, int narrationRate,
                                            qint64 lengthSamples, const SoundtrackParams& params) {
    constexpr int rate = Soundtrack::kSampleRate;
    auto voice = resampleAudio(PcmAudio{narrationRate, narrationPcm}, rate);
    if (!voice)
        return voice.error();
    std::vector<float> narration(size_t(voice->sampleCount()));
    const auto* in = reinterpret_cast<const uchar*>(voice->pcm.constData());
    for (size_t i = 0; i < narration.size(); ++i)
        narration[i] = float(qFromLittleEndian<qint16>(in + 2 * i)) / 32768.0f;
    const auto length = size_t(std::max<qint64>(0, lengthSamples));

    const MusicChoice choice = MusicChoice::parse(params.music);
    std::vector<float> music;
    const double seconds = double(length) / rate;
    if (choice.kind == MusicChoice::Kind::BuiltIn) {
        music = MusicBed::generate(choice.value, seconds, rate);
    } else if (choice.kind == MusicChoice::Kind::File) {
        auto decoded = MusicDecoder::decode(choice.value, rate, seconds);
        if (!decoded)
            return decoded.error();
        music = std::move(decoded).value();
    }
    MixParams mixParams;
    mixParams.musicVolumeDb = params.musicVolumeDb;
    MixResult mixed = AudioMixer::mix(narration, music, length, rate, mixParams);

    Soundtrack track;
    auto report = LoudnessNormalizer(params.loudness).normalize(mixed.mix, rate);
    if (!report)
        return report.error();
    track.loudness = report.value();
    track.samples = std::move(mixed.mix);
    track.musicStem = std::move(mixed.musicStem);
    track.duckGain = std::move(mixed.duckGain);
    track.music = choice.isNone() ? QString() : choice.value;
    track.musicVolumeDb = params.musicVolumeDb;
    return track;
}

} // namespace hh
