// SPDX-License-Identifier: GPL-3.0-or-later
#include "FliteVoice.h"

#include "SpokenText.h"
#include "providers/WordAligner.h"

#include <algorithm>
#include <cmath>
#include <mutex>

extern "C" {
#include <flite/flite.h>
cst_voice* register_cmu_us_slt(const char* voxdir);
cst_voice* register_cmu_us_rms(const char* voxdir);
cst_voice* register_cmu_us_awb(const char* voxdir);
cst_voice* register_cmu_us_kal(const char* voxdir);
}

namespace hh {

namespace {

// Flite's voices and its feature tables are shared by every call, and
// synthesis writes to the voice's features (the rate below): one call at a time
// in the process. Voices are registered once and kept for the program's life.
std::mutex s_fliteMutex;

struct VoiceEntry {
    const char* id;
    cst_voice* (*registerVoice)(const char*);
};

constexpr VoiceEntry kVoices[] = {
    {"flite-slt", register_cmu_us_slt},
    {"flite-rms", register_cmu_us_rms},
    {"flite-awb", register_cmu_us_awb},
    {"flite-kal", register_cmu_us_kal},
};

// The voices' own pace at duration_stretch 1 (measured on corpus scripts), so a
// job's words-per-minute means the same for Flite as for espeak-ng.
constexpr double kNaturalWordsPerMinute = 175;
constexpr qint64 kSilentSceneMs = 400;
constexpr qint64 kMaxSceneSeconds = 600;

cst_voice* voiceLocked(const QString& id) {
    static bool initialised = false;
    static cst_voice* loaded[std::size(kVoices)] = {};
    if (!initialised) {
        flite_init();
        initialised = true;
    }
    for (size_t i = 0; i < std::size(kVoices); ++i) {
        if (id == QLatin1String(kVoices[i].id)) {
            if (!loaded[i])
                loaded[i] = kVoices[i].registerVoice(nullptr);
            return loaded[i];
        }
    }
    return nullptr;
}

struct Token {
    double start = -1; // seconds; -1: the engine said nothing for it
    double end = -1;
};

// The time span of every text token in the utterance, in token order.
QList<Token> tokenTimes(cst_utterance* utterance) {
    QList<Token> tokens;
    cst_relation* relation = utt_relation(utterance, "Token");
    for (const cst_item* token = relation ? relation_head(relation) : nullptr; token;
         token = item_next(token)) {
        Token span;
        for (const cst_item* word = item_daughter(token); word; word = item_next(word)) {
            // A word's segments: the first syllable's first to the last one's last.
            const cst_item* asSyllables = item_as(word, "SylStructure");
            if (!asSyllables || !item_daughter(asSyllables))
                continue;
            const cst_item* firstSegment = item_daughter(item_daughter(asSyllables));
            const cst_item* lastSegment = item_last_daughter(item_last_daughter(asSyllables));
            if (!firstSegment || !lastSegment)
                continue;
            const cst_item* previous = item_prev(item_as(firstSegment, "Segment"));
            const double start = previous ? item_feat_float(previous, "end") : 0.0;
            const double end = item_feat_float(lastSegment, "end");
            if (span.start < 0)
                span.start = start;
            span.end = std::max(span.end, end);
        }
        tokens.append(span);
    }
    return tokens;
}

Error cancelled() {
    return {ErrorType::Cancelled, QStringLiteral("cancelled")};
}

} // namespace

QStringList FliteVoice::voiceIds() {
    QStringList ids;
    for (const VoiceEntry& voice : kVoices)
        ids << QString::fromLatin1(voice.id);
    return ids;
}

bool FliteVoice::isFliteVoice(const QString& voiceId) {
    return voiceIds().contains(voiceId);
}

Result<Narration> FliteVoice::synthesize(const Script& script, const VoiceParams& params,
                                         const StepControl& control) {
    if (control.cancelled())
        return cancelled();
    const QString id = params.voice.isEmpty() ? defaultVoice() : params.voice;
    const std::lock_guard lock(s_fliteMutex);
    cst_voice* voice = voiceLocked(id);
    if (!voice)
        return Error{ErrorType::Unsupported,
                     QStringLiteral("\"%1\" is not a Flite voice; choose one of %2")
                         .arg(id.left(40), voiceIds().join(QStringLiteral(", ")))};
    const double stretch =
        std::clamp(kNaturalWordsPerMinute / std::max(40, params.wordsPerMinute), 0.4, 2.5);
    feat_set_float(voice->features, "duration_stretch", float(stretch));

    Narration narration;
    const qsizetype sceneCount = script.scenes.size();
    for (qsizetype index = 0; index < sceneCount; ++index) {
        if (control.cancelled())
            return cancelled();
        control.report(double(index) / double(sceneCount),
                       QStringLiteral("scene %1/%2").arg(index + 1).arg(sceneCount));
        const SpokenText text(script.scenes.at(index).narration, params.lexicon,
                              Lexicon::Form::Respelling);
        QByteArray pcm;
        QList<TimeSpan> groupSpans;   // from the engine, one per lexicon group
        QList<TimeSpan> captionSpans; // from the aligner, one per caption word
        int rate = narration.sampleRate;
        if (!text.captionWords().isEmpty()) {
            const QByteArray utf8 = text.text().toUtf8();
            cst_utterance* utterance = flite_synth_text(utf8.constData(), voice);
            const cst_wave* wave = utterance ? utt_wave(utterance) : nullptr;
            if (!wave || wave->num_samples <= 0 || wave->sample_rate <= 0) {
                delete_utterance(utterance);
                return Error{ErrorType::Internal,
                             QStringLiteral("Flite said nothing for scene %1").arg(index + 1)};
            }
            rate = wave->sample_rate;
            if (qint64(wave->num_samples) > kMaxSceneSeconds * rate) {
                delete_utterance(utterance);
                return Error{ErrorType::TooLarge,
                             QStringLiteral("scene %1 would be over %2 minutes of speech")
                                 .arg(index + 1)
                                 .arg(kMaxSceneSeconds / 60)};
            }
            pcm = QByteArray(reinterpret_cast<const char*>(wave->samples),
                             qsizetype(wave->num_samples) * 2);
            const QList<Token> tokens = tokenTimes(utterance);
            delete_utterance(utterance);
            const qint64 total = pcm.size() / 2;
            // Each group's spoken words are consecutive tokens; where the engine
            // dropped or merged tokens, the counts differ and the aligner times
            // the audio instead (never the case for plain English text).
            qsizetype expected = 0;
            for (const SpokenGroup& group : text.groups())
                expected += WordAligner::captionWords(group.spoken).size();
            if (tokens.size() == expected) {
                qsizetype next = 0;
                qint64 latest = 0;
                for (const SpokenGroup& group : text.groups()) {
                    const qsizetype count = WordAligner::captionWords(group.spoken).size();
                    TimeSpan span{latest, latest};
                    for (qsizetype t = next; t < next + count; ++t) {
                        if (tokens.at(t).start < 0)
                            continue;
                        const qint64 start = std::llround(tokens.at(t).start * rate);
                        const qint64 end = std::llround(tokens.at(t).end * rate);
                        if (span.end == latest && span.start == latest)
                            span.start = std::clamp(start, latest, total);
                        span.end = std::clamp(end, span.start, total);
                    }
                    latest = span.end;
                    groupSpans.append(span);
                    next += count;
                }
            } else {
                for (const AlignedWord& word :
                     text.toCaptionWords(WordAligner().align(pcm, rate, text.text())))
                    captionSpans.append({word.startMs * rate / 1000, word.endMs * rate / 1000});
            }
        }
        if (narration.sampleRate == 0)
            narration.sampleRate = rate > 0 ? rate : 16000;
        if (rate != narration.sampleRate)
            return Error{ErrorType::Internal, QStringLiteral("Flite changed its sample rate")};
        if (pcm.isEmpty())
            pcm = QByteArray(kSilentSceneMs * narration.sampleRate / 1000 * 2, '\0');
        if (index > 0)
            narration.pcm.append(QByteArray(qint64(std::max(0.0, params.pauseBetweenScenesMs)) *
                                                narration.sampleRate / 1000 * 2,
                                            '\0'));
        const qint64 offset = narration.pcm.size() / 2;
        narration.pcm.append(pcm);
        const auto toMs = [&narration](qint64 samples) {
            return samples * 1000 / narration.sampleRate;
        };
        narration.sceneStartMs.append(toMs(offset));
        narration.sceneEndMs.append(toMs(narration.pcm.size() / 2));
        const QList<TimeSpan> spans =
            captionSpans.isEmpty() ? text.spreadOverCaptionWords(groupSpans) : captionSpans;
        for (qsizetype w = 0; w < text.captionWords().size(); ++w)
            narration.words.append({text.captionWords().at(w), toMs(offset + spans.at(w).start),
                                    toMs(offset + spans.at(w).end), int(index)});
    }
    if (narration.sampleRate == 0)
        narration.sampleRate = 16000;
    control.report(1.0, QStringLiteral("scene %1/%1").arg(sceneCount));
    return narration;
}

} // namespace hh
