// SPDX-License-Identifier: GPL-3.0-or-later
#include "EspeakVoice.h"

#include "SpokenText.h"

#include <algorithm>
#include <cstdlib>
#include <espeak-ng/speak_lib.h>
#include <mutex>
#include <vector>

namespace hh {

namespace {

// espeak-ng keeps everything in process-wide globals: the selected voice, the
// rate, the synth callback and its output buffers. Two threads synthesising at
// once would mix each other's audio or crash, and espeak_Initialize must run
// only once. So every call into the library in this file holds this mutex, and
// the state below (initialisation result, where the callback writes) is only
// touched under it. This is the one process-wide object of the voice step.
std::mutex s_espeakMutex;
bool s_espeakReady = false;
int s_espeakSampleRate = 0;
struct SceneCapture;
SceneCapture* s_activeCapture = nullptr; // the synth callback's destination

// Words longer than this are spoken truncated: espeak spells unknown strings
// letter by letter, so a 5,000-character token would be minutes of audio.
constexpr qsizetype kMaxSpokenWordLength = 40;
// A scene longer than this is a runaway input, not narration.
constexpr qint64 kMaxSceneSeconds = 600;
// Silence given to a scene the voice could not say at all, so its words still
// get (evenly spread) timings and the captions show them.
constexpr qint64 kSilentSceneMs = 400;
// Trailing silence in a word's span is trimmed in windows of this length when
// their mean absolute amplitude stays below the threshold (int16 scale).
constexpr qint64 kTrimWindowMs = 5;
constexpr int kSilenceLevel = 64;
constexpr qint64 kMinWordMs = 20;

struct WordEvent {
    qsizetype position = 0; // 0-based code point in the spoken text
    qint64 sample = 0;      // from the start of this espeak_Synth call
};

struct SceneCapture {
    QByteArray pcm;
    std::vector<WordEvent> events;
    const StepControl* control = nullptr;
    qint64 maxSamples = 0;
    bool cancelled = false;
    bool tooLong = false;
};

// One lexicon group (a caption word, or several said as one entry) and where its
// spoken form sits in the text given to espeak.
struct SpokenWord {
    qsizetype begin = 0; // code points, 0-based
    qsizetype end = 0;
};

struct PreparedScene {
    QByteArray utf8;
    QList<SpokenWord> words; // one per SpokenText group
    SpokenText text;
};

int onSynth(short* wav, int count, espeak_EVENT* events) {
    SceneCapture* capture = s_activeCapture;
    if (!capture)
        return 1;
    for (espeak_EVENT* event = events; event && event->type != espeakEVENT_LIST_TERMINATED;
         ++event) {
        // text_position is 1-based and counts code points, also for UTF-8 input.
        if (event->type == espeakEVENT_WORD)
            capture->events.push_back(
                {std::max(0, event->text_position - 1), std::max(0, event->sample)});
    }
    if (wav && count > 0)
        capture->pcm.append(reinterpret_cast<const char*>(wav), static_cast<qsizetype>(count) * 2);
    if (capture->control->cancelled()) {
        capture->cancelled = true;
        return 1;
    }
    if (capture->pcm.size() / 2 > capture->maxSamples) {
        capture->tooLong = true;
        return 1;
    }
    return 0;
}

// Starts espeak-ng on first use; must be called with the mutex held.
Result<int> ensureEspeakLocked() {
    if (s_espeakReady)
        return s_espeakSampleRate;
    // DONT_EXIT: without it espeak-ng calls exit() when its data is missing.
    // nullptr path: the data folder compiled into the library (espeak-ng-data),
    // which $ESPEAK_DATA_PATH can override.
    const int rate =
        espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, espeakINITIALIZE_DONT_EXIT);
    if (rate <= 0)
        return Result<int>::failure(
            ErrorType::Internal,
            QStringLiteral("the espeak-ng voice could not start (is espeak-ng-data installed?)"));
    espeak_SetSynthCallback(onSynth);
    s_espeakReady = true;
    s_espeakSampleRate = rate;
    return rate;
}

bool isDroppedChar(QChar c) {
    // Control characters are never spoken and can confuse the engine's parser;
    // whitespace controls (tab, newline) stay as word separators.
    return c.category() == QChar::Other_Control && !c.isSpace();
}

QString stripControlChars(const QString& text) {
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (!isDroppedChar(c))
            out.append(c);
    }
    return out;
}

qsizetype codePointCount(const QString& text) {
    return text.toUcs4().size();
}

QString spokenForm(const SpokenGroup& group) {
    if (group.fromLexicon)
        return group.spoken; // bounded by the lexicon's own field limit
    // espeak reads [[…]] as phonemes (espeakPHONEMES, for the lexicon's entries);
    // in the paper's own text it is just brackets.
    QString word = group.spoken;
    word.replace(QLatin1String("[["), QLatin1String("["))
        .replace(QLatin1String("]]"), QLatin1String("]"));
    const QList<uint> codePoints = word.toUcs4();
    if (codePoints.size() <= kMaxSpokenWordLength)
        return word;
    return QString::fromUcs4(reinterpret_cast<const char32_t*>(codePoints.constData()),
                             kMaxSpokenWordLength);
}

// Splits the narration into caption words and builds the text espeak speaks,
// remembering each word's code point range so events can be mapped back.
PreparedScene prepareScene(const QString& narration, const Lexicon& lexicon) {
    PreparedScene scene{
        {}, {}, SpokenText(stripControlChars(narration), lexicon, Lexicon::Form::EspeakPhonemes)};
    QString spoken;
    qsizetype position = 0;
    for (const SpokenGroup& group : scene.text.groups()) {
        if (!spoken.isEmpty()) {
            spoken.append(QLatin1Char(' '));
            ++position;
        }
        const QString form = spokenForm(group);
        const qsizetype length = codePointCount(form);
        scene.words.append({position, position + length});
        spoken.append(form);
        position += length;
    }
    scene.utf8 = spoken.toUtf8();
    return scene;
}

// The word an event belongs to: the last word starting at or before the event's
// position. Positions in the gap after a word (espeak sometimes reports those for
// symbols it expands) thereby stay with that word.
qsizetype wordAtPosition(const QList<SpokenWord>& words, qsizetype position) {
    const auto after =
        std::upper_bound(words.cbegin(), words.cend(), position,
                         [](qsizetype pos, const SpokenWord& word) { return pos < word.begin; });
    return std::max<qsizetype>(0, std::distance(words.cbegin(), after) - 1);
}

// First event sample of each word, or -1 where the engine reported none (it
// merges some symbols into the neighbouring word, or says nothing for them).
// Clamped so starts never go backwards.
QList<qint64> wordStartSamples(const QList<SpokenWord>& words,
                               const std::vector<WordEvent>& events) {
    QList<qint64> starts(words.size(), -1);
    for (const WordEvent& event : events) {
        qint64& start = starts[wordAtPosition(words, event.position)];
        if (start < 0)
            start = event.sample;
    }
    if (!starts.isEmpty() && starts.first() < 0)
        starts.first() = 0;
    qint64 latest = 0;
    for (qint64& start : starts) {
        if (start < 0)
            continue;
        start = std::max(start, latest);
        latest = start;
    }
    return starts;
}

qint64 meanAbs(const QByteArray& pcm, qint64 from, qint64 to) {
    const auto* samples = reinterpret_cast<const qint16*>(pcm.constData());
    qint64 sum = 0;
    for (qint64 i = from; i < to; ++i)
        sum += std::abs(static_cast<int>(samples[i]));
    return to > from ? sum / (to - from) : 0;
}

// True when nothing in the audio reaches speech level (no output at all, or the
// few milliseconds of near-silence espeak emits for text it cannot say).
bool isSilent(const QByteArray& pcm) {
    const auto* samples = reinterpret_cast<const qint16*>(pcm.constData());
    const qint64 count = pcm.size() / 2;
    return std::none_of(samples, samples + count, [](qint16 sample) {
        return std::abs(static_cast<int>(sample)) >= kSilenceLevel;
    });
}

// Moves `end` back over silence, so a word before a sentence pause does not
// claim the pause; never below `minEnd`.
qint64 trimTrailingSilence(const QByteArray& pcm, qint64 minEnd, qint64 end, qint64 window) {
    while (end - window >= minEnd && meanAbs(pcm, end - window, end) < kSilenceLevel)
        end -= window;
    return std::max(end, minEnd);
}

// Word timings of one scene in samples from the scene start. Every word that
// has its own event starts a group; words without one share their group's span
// evenly, so every caption word gets exactly one ordered, non-overlapping span.
struct SampleSpan {
    qint64 start = 0;
    qint64 end = 0;
};

QList<SampleSpan> timeWords(const QList<SpokenWord>& words, const std::vector<WordEvent>& events,
                            const QByteArray& pcm, int sampleRate) {
    const qint64 total = pcm.size() / 2;
    const qint64 window = std::max<qint64>(1, kTrimWindowMs * sampleRate / 1000);
    const qint64 minWord = kMinWordMs * sampleRate / 1000;
    const QList<qint64> starts = wordStartSamples(words, events);
    QList<SampleSpan> spans(words.size());
    qsizetype first = 0;
    while (first < words.size()) {
        qsizetype next = first + 1;
        while (next < words.size() && starts[next] < 0)
            ++next;
        const qint64 groupStart = std::min(starts[first], total);
        const qint64 groupLimit = next < words.size() ? std::min(starts[next], total) : total;
        const qsizetype count = next - first;
        const qint64 minEnd = std::min(groupLimit, groupStart + minWord * count);
        const qint64 groupEnd = trimTrailingSilence(pcm, minEnd, groupLimit, window);
        for (qsizetype i = 0; i < count; ++i) {
            spans[first + i].start = groupStart + (groupEnd - groupStart) * i / count;
            spans[first + i].end = groupStart + (groupEnd - groupStart) * (i + 1) / count;
        }
        first = next;
    }
    return spans;
}

QString primaryLanguage(const QString& language) {
    return language.section(QLatin1Char('-'), 0, 0).toLower();
}

// Tries the requested voice, then the language's default; must hold the mutex.
Result<QString> selectVoiceLocked(const QString& requested, const QString& language) {
    QStringList candidates;
    if (!requested.isEmpty())
        candidates << requested;
    candidates << EspeakVoice::defaultVoiceFor(language) << primaryLanguage(language);
    candidates.removeDuplicates();
    for (const QString& name : std::as_const(candidates)) {
        if (!name.isEmpty() && espeak_SetVoiceByName(name.toUtf8().constData()) == EE_OK)
            return name;
    }
    return Result<QString>::failure(
        ErrorType::Internal,
        QStringLiteral("the voice %1 is not installed").arg(candidates.first()));
}

qint64 samplesToMs(qint64 samples, int sampleRate) {
    return samples * 1000 / sampleRate;
}

} // namespace

QString EspeakVoice::defaultVoiceFor(const QString& language) {
    const QString primary = primaryLanguage(language);
    if (primary.isEmpty() || primary == QLatin1String("en"))
        return QStringLiteral("en-us");
    return language.toLower();
}

QStringList EspeakVoice::availableVoices() {
    const std::lock_guard lock(s_espeakMutex);
    if (!ensureEspeakLocked())
        return {};
    QStringList voices;
    for (const espeak_VOICE* const* voice = espeak_ListVoices(nullptr); voice && *voice; ++voice) {
        // `languages` is a list of (priority byte, NUL-terminated name); the
        // first name is the one espeak_SetVoiceByName accepts for this voice.
        const char* languages = (*voice)->languages;
        if (languages && languages[0] != '\0' && languages[1] != '\0')
            voices << QString::fromUtf8(languages + 1);
    }
    voices.sort();
    voices.removeDuplicates();
    return voices;
}

QString EspeakVoice::phonemes(const QString& text, const QString& voice) {
    const std::lock_guard lock(s_espeakMutex);
    if (!ensureEspeakLocked() || !selectVoiceLocked(voice, QStringLiteral("en")))
        return {};
    const QByteArray utf8 = stripControlChars(text).toUtf8();
    const void* position = utf8.constData();
    QStringList clauses;
    // Each call translates one clause and moves `position` on; nullptr at the end.
    while (position) {
        const char* clause = espeak_TextToPhonemes(&position, espeakCHARS_UTF8, 0);
        if (!clause)
            break;
        clauses << QString::fromUtf8(clause).trimmed();
    }
    return clauses.join(QLatin1Char(' '));
}

Result<Narration> EspeakVoice::synthesize(const Script& script, const VoiceParams& params,
                                          const StepControl& control) {
    if (control.cancelled())
        return Result<Narration>::failure(ErrorType::Cancelled, QStringLiteral("cancelled"));

    const std::lock_guard lock(s_espeakMutex);
    const Result<int> rate = ensureEspeakLocked();
    if (!rate)
        return rate.error();
    const Result<QString> voice = selectVoiceLocked(params.voice, script.language);
    if (!voice)
        return voice.error();
    espeak_SetParameter(
        espeakRATE, std::clamp(params.wordsPerMinute, espeakRATE_MINIMUM, espeakRATE_MAXIMUM), 0);

    Narration narration;
    narration.sampleRate = rate.value();
    const int sampleRate = narration.sampleRate;
    const qint64 pauseSamples =
        static_cast<qint64>(std::max(0.0, params.pauseBetweenScenesMs)) * sampleRate / 1000;
    const qsizetype sceneCount = script.scenes.size();

    for (qsizetype index = 0; index < sceneCount; ++index) {
        if (control.cancelled())
            return Result<Narration>::failure(ErrorType::Cancelled, QStringLiteral("cancelled"));
        control.report(static_cast<double>(index) / static_cast<double>(sceneCount),
                       QStringLiteral("scene %1/%2").arg(index + 1).arg(sceneCount));

        const PreparedScene prepared =
            prepareScene(script.scenes.at(index).narration, params.lexicon);
        SceneCapture capture;
        capture.control = &control;
        capture.maxSamples = kMaxSceneSeconds * sampleRate;
        if (!prepared.utf8.isEmpty()) {
            s_activeCapture = &capture;
            const espeak_ERROR status =
                espeak_Synth(prepared.utf8.constData(), prepared.utf8.size() + 1, 0, POS_CHARACTER,
                             0, espeakCHARS_UTF8 | espeakPHONEMES, nullptr, nullptr);
            s_activeCapture = nullptr;
            if (capture.cancelled)
                return Result<Narration>::failure(ErrorType::Cancelled,
                                                  QStringLiteral("cancelled"));
            if (capture.tooLong)
                return Result<Narration>::failure(
                    ErrorType::TooLarge,
                    QStringLiteral("scene %1 would be over %2 minutes of speech")
                        .arg(index + 1)
                        .arg(kMaxSceneSeconds / 60));
            if (status != EE_OK)
                return Result<Narration>::failure(
                    ErrorType::Internal, QStringLiteral("espeak-ng failed on scene %1 (error %2)")
                                             .arg(index + 1)
                                             .arg(static_cast<int>(status)));
        }
        if (isSilent(capture.pcm)) {
            capture.pcm = QByteArray(kSilentSceneMs * sampleRate / 1000 * 2, '\0');
            capture.events.clear();
        }

        if (index > 0)
            narration.pcm.append(QByteArray(pauseSamples * 2, '\0'));
        const qint64 offset = narration.pcm.size() / 2;
        narration.pcm.append(capture.pcm);
        narration.sceneStartMs.append(samplesToMs(offset, sampleRate));
        narration.sceneEndMs.append(samplesToMs(narration.pcm.size() / 2, sampleRate));

        const QList<SampleSpan> groupSpans =
            timeWords(prepared.words, capture.events, capture.pcm, sampleRate);
        QList<TimeSpan> spans;
        for (const SampleSpan& span : groupSpans)
            spans.append({span.start, span.end});
        spans = prepared.text.spreadOverCaptionWords(spans);
        const QStringList& captionWords = prepared.text.captionWords();
        for (qsizetype w = 0; w < captionWords.size(); ++w) {
            narration.words.append(
                {captionWords.at(w), samplesToMs(offset + spans.at(w).start, sampleRate),
                 samplesToMs(offset + spans.at(w).end, sampleRate), static_cast<int>(index)});
        }
    }
    control.report(1.0, QStringLiteral("scene %1/%1").arg(sceneCount));
    return narration;
}

} // namespace hh
