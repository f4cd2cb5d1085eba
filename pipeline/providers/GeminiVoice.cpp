// SPDX-License-Identifier: GPL-3.0-or-later
#include "GeminiVoice.h"

#include "GeminiTtsReply.h"
#include "PcmDecode.h"
#include "WordAligner.h"
#include "voice/SpokenText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QThread>
#include <QWaitCondition>
#include <algorithm>
#include <vector>

namespace hh {

// One scene's audio at kSampleRate with its words, times from the scene start.
struct SpokenScene {
    QByteArray pcm;
    QList<AlignedWord> words;
};

namespace {

struct VoiceEntry {
    const char* name;
    const char* description;
};

// Google's list of prebuilt voices (speech-generation docs); names are case-sensitive.
constexpr VoiceEntry kVoices[] = {
    {"Zephyr", "bright"},
    {"Puck", "upbeat"},
    {"Charon", "informative"},
    {"Kore", "firm"},
    {"Fenrir", "excitable"},
    {"Leda", "youthful"},
    {"Orus", "firm"},
    {"Aoede", "breezy"},
    {"Callirrhoe", "easy-going"},
    {"Autonoe", "bright"},
    {"Enceladus", "breathy"},
    {"Iapetus", "clear"},
    {"Umbriel", "easy-going"},
    {"Algieba", "smooth"},
    {"Despina", "smooth"},
    {"Erinome", "clear"},
    {"Algenib", "gravelly"},
    {"Rasalgethi", "informative"},
    {"Laomedeia", "upbeat"},
    {"Achernar", "soft"},
    {"Alnilam", "firm"},
    {"Schedar", "even"},
    {"Gacrux", "mature"},
    {"Pulcherrima", "forward"},
    {"Achird", "friendly"},
    {"Zubenelgenubi", "casual"},
    {"Vindemiatrix", "gentle"},
    {"Sadachbia", "lively"},
    {"Sadaltager", "knowledgeable"},
    {"Sulafat", "warm"},
};

// The built-in voice gives a scene it cannot say this much silence; so do we
// for a scene with nothing to say, so its place in the video stays.
constexpr qint64 kSilentSceneMs = 400;
// Between the requests of one long scene (they split at sentence ends).
constexpr qint64 kChunkGapMs = 250;
// Gemini sends nothing until the whole clip is generated, which takes a while
// for long text: allow for that before calling the connection stalled.
constexpr int kStallTimeoutMs = 120000;
constexpr int kTotalTimeoutMs = 300000;

QUrl modelUrl(const ProviderConfig& config, const QString& suffix) {
    QUrl url = config.geminiBase;
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/v1beta/models/") + config.geminiTtsModel + suffix);
    return url;
}

Result<QString> canonicalVoice(const QString& requested) {
    if (requested.trimmed().isEmpty())
        return GeminiVoice::defaultVoice();
    for (const VoiceEntry& voice : kVoices) {
        if (requested.trimmed().compare(QLatin1String(voice.name), Qt::CaseInsensitive) == 0)
            return QString::fromLatin1(voice.name);
    }
    return Result<QString>::failure(
        ErrorType::Unsupported,
        QStringLiteral("\"%1\" is not a Gemini voice. Choose one of: %2")
            .arg(requested.left(60), GeminiVoice::voiceNames().join(QStringLiteral(", "))));
}

Error missingKey() {
    return {ErrorType::Auth, QStringLiteral("No Gemini API key: add one in Settings → Providers "
                                            "(or set GEMINI_API_KEY), or use the built-in voice")};
}

bool endsSentence(const QString& word) {
    QString core = word;
    while (!core.isEmpty() && QStringLiteral(")]}\"'’”»").contains(core.back()))
        core.chop(1);
    return core.endsWith(QLatin1Char('.')) || core.endsWith(QLatin1Char('!')) ||
           core.endsWith(QLatin1Char('?'));
}

// Texts of at most `maxWords` words each, cut at sentence ends where possible.
QStringList requestTexts(const QStringList& words, int maxWords) {
    QStringList texts;
    qsizetype begin = 0;
    while (begin < words.size()) {
        qsizetype end = std::min(words.size(), begin + maxWords);
        if (end < words.size()) {
            qsizetype cut = end;
            while (cut > begin + maxWords / 2 && !endsSentence(words.at(cut - 1)))
                --cut;
            if (endsSentence(words.at(cut - 1)))
                end = cut; // else one very long sentence: cut at the limit
        }
        texts << words.mid(begin, end - begin).join(QLatin1Char(' '));
        begin = end;
    }
    return texts;
}

QByteArray requestBody(const QString& text, const QString& voice) {
    const QJsonObject voiceConfig{
        {QStringLiteral("prebuiltVoiceConfig"), QJsonObject{{QStringLiteral("voiceName"), voice}}}};
    const QJsonObject generationConfig{
        {QStringLiteral("responseModalities"), QJsonArray{QStringLiteral("AUDIO")}},
        {QStringLiteral("speechConfig"), QJsonObject{{QStringLiteral("voiceConfig"), voiceConfig}}},
    };
    const QJsonObject body{
        {QStringLiteral("contents"),
         QJsonArray{QJsonObject{
             {QStringLiteral("role"), QStringLiteral("user")},
             {QStringLiteral("parts"), QJsonArray{QJsonObject{{QStringLiteral("text"), text}}}}}}},
        {QStringLiteral("generationConfig"), generationConfig},
    };
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

// A failed call, said for the scene it was about; 404 names the model setting.
Error callError(const ApiFailure& failure, const ProviderConfig& config, qsizetype scene) {
    if (failure.error.type == ErrorType::Cancelled)
        return failure.error;
    if (failure.httpStatus == 404)
        return geminiUnknownTtsModel(config);
    return {failure.error.type, QStringLiteral("Gemini could not voice scene %1: %2")
                                    .arg(scene + 1)
                                    .arg(failure.error.message)};
}

Error cancelled() {
    return {ErrorType::Cancelled, QStringLiteral("cancelled")};
}

// What a script will roughly cost, for the account's spending limit: speech
// at ~150 words a minute, ~25 audio tokens a second (Gemini's published rate),
// ~1.3 text tokens a word in.
UsageDelta estimatedUsage(const Script& script) {
    qint64 words = 0;
    for (const Scene& scene : script.scenes)
        words += WordAligner::captionWords(scene.narration).size();
    UsageDelta usage;
    usage.provider = ProviderId::Gemini;
    usage.ttsSeconds = double(words) / 2.5;
    usage.tokensIn = qint64(double(words) * 1.3);
    usage.tokensOut = qint64(usage.ttsSeconds * 25);
    return usage;
}

qint64 samplesToMs(qint64 samples) {
    return samples * 1000 / GeminiVoice::kSampleRate;
}

QByteArray silence(qint64 ms) {
    return QByteArray(ms * GeminiVoice::kSampleRate / 1000 * 2, '\0');
}

// Usage booked from worker threads, handed to the job's sink on its own thread.
class BufferedUsage final : public UsageSink {
public:
    void record(const UsageDelta& usage) override {
        QMutexLocker lock(&m_mutex);
        m_deltas.append(usage);
    }
    Error checkBudget(ProviderId, double) override { return {}; }
    void flushInto(const ProviderSession& session) {
        QMutexLocker lock(&m_mutex);
        for (const UsageDelta& delta : std::as_const(m_deltas))
            session.record(delta);
        m_deltas.clear();
    }

private:
    QMutex m_mutex;
    QList<UsageDelta> m_deltas;
};

class SceneSpeaker {
public:
    SceneSpeaker(ProviderSession& session, QString voice, QByteArray key, const Lexicon& lexicon,
                 const StepControl& control)
        : m_session(session)
        , m_caller(session.caller(ProviderId::Gemini, interpretGeminiError))
        , m_voice(std::move(voice))
        , m_key(std::move(key))
        , m_lexicon(lexicon)
        , m_control(control) {}

    Result<SpokenScene> speak(const QString& narration, qsizetype scene) {
        SpokenScene spoken;
        const QStringList words = WordAligner::captionWords(narration);
        if (words.isEmpty()) {
            spoken.pcm = silence(kSilentSceneMs);
            return spoken;
        }
        for (const QString& text : requestTexts(words, GeminiVoice::kMaxWordsPerRequest)) {
            if (m_control.cancelled())
                return cancelled();
            // Gemini says the lexicon's respellings; the times come back to the
            // paper's words.
            const SpokenText said(text, m_lexicon, Lexicon::Form::Respelling);
            Result<PcmAudio> audio = request(said.text(), scene);
            if (!audio)
                return audio.error();
            if (!spoken.pcm.isEmpty())
                spoken.pcm.append(silence(kChunkGapMs));
            const qint64 offsetMs = samplesToMs(spoken.pcm.size() / 2);
            for (AlignedWord word : said.toCaptionWords(
                     WordAligner().align(audio->pcm, audio->sampleRate, said.text()))) {
                word.startMs += offsetMs;
                word.endMs += offsetMs;
                spoken.words.append(word);
            }
            spoken.pcm.append(audio->pcm);
        }
        return spoken;
    }

private:
    Result<PcmAudio> request(const QString& text, qsizetype scene) {
        HttpRequest request;
        request.url = modelUrl(m_session.config(), QStringLiteral(":generateContent"));
        request.setHeader("x-goog-api-key", m_key);
        request.setJsonBody(requestBody(text, m_voice));
        request.stallTimeoutMs = kStallTimeoutMs;
        request.totalTimeoutMs = kTotalTimeoutMs;
        // The transient failures (including the TTS model's occasional 500 when
        // it produced text tokens instead of audio) are retried in here.
        const CallOutcome outcome = m_caller.call(request, m_control.cancel);
        if (!outcome.ok())
            return callError(outcome.failure, m_session.config(), scene);

        const Result<GeminiTtsReply> reply = GeminiTtsReply::parse(outcome.response.body);
        if (!reply)
            return Error{reply.error().type,
                         QStringLiteral("Scene %1: %2").arg(scene + 1).arg(reply.error().message)};
        Result<PcmAudio> audio = decodeInlineAudio(reply->mimeType, reply->base64);
        if (!audio)
            return Error{ErrorType::Provider,
                         QStringLiteral("Gemini's audio for scene %1 is unreadable (%2); try "
                                        "again, or use the built-in voice")
                             .arg(scene + 1)
                             .arg(audio.error().message)};
        audio = resampleAudio(audio.value(), GeminiVoice::kSampleRate);
        if (!audio)
            return audio.error();

        UsageDelta usage;
        usage.provider = ProviderId::Gemini;
        usage.tokensIn = reply->promptTokens;
        usage.tokensOut = reply->outputTokens;
        usage.ttsSeconds = double(audio->sampleCount()) / GeminiVoice::kSampleRate;
        m_session.record(usage); // calls and errors are booked by the caller itself
        return audio;
    }

    ProviderSession& m_session;
    RetryingCaller m_caller;
    QString m_voice;
    QByteArray m_key;
    const Lexicon& m_lexicon;
    const StepControl& m_control;
};

} // namespace

GeminiVoice::GeminiVoice(ProviderSession& session)
    : m_session(session) {}

QStringList GeminiVoice::voiceNames() {
    QStringList names;
    for (const VoiceEntry& voice : kVoices)
        names << QString::fromLatin1(voice.name);
    return names;
}

QString GeminiVoice::voiceDescription(const QString& name) {
    for (const VoiceEntry& voice : kVoices) {
        if (name.compare(QLatin1String(voice.name), Qt::CaseInsensitive) == 0)
            return QString::fromLatin1(voice.description);
    }
    return {};
}

QList<Result<SpokenScene>> GeminiVoice::speakAll(const Script& script, const QString& voice,
                                                 const QByteArray& key, const Lexicon& lexicon,
                                                 const StepControl& control, qsizetype sceneCount) {
    QList<Result<SpokenScene>> spoken(sceneCount, Result<SpokenScene>(cancelled()));
    const int workers = int(std::min<qsizetype>(
        m_session.hub().providerSlots().capacity(ProviderId::Gemini), sceneCount));
    // A session given a transport (a test's) cannot be shared with other threads;
    // one request at a time also needs no threads.
    std::unique_ptr<ProviderSession> probe =
        workers > 1 ? m_session.forAnotherThread(nullptr) : nullptr;
    if (!probe) {
        SceneSpeaker speaker(m_session, voice, key, lexicon, control);
        for (qsizetype index = 0; index < sceneCount; ++index) {
            if (control.cancelled())
                return spoken;
            control.report(double(index) / double(sceneCount),
                           QStringLiteral("scene %1/%2").arg(index + 1).arg(sceneCount));
            spoken[index] = speaker.speak(script.scenes.at(index).narration, index);
            if (!spoken[index])
                return spoken;
        }
        return spoken;
    }
    probe.reset();

    // Up to `workers` requests at once, each worker on its own thread with its
    // own network manager; the shared rate limiter still paces them all. Usage
    // is collected and booked here afterwards (the ledger's connection belongs
    // to this thread); progress is reported from here too.
    BufferedUsage buffered;
    QMutex mutex;
    QWaitCondition changed;
    qsizetype next = 0;
    int finished = 0;
    bool failed = false;
    const auto work = [&]() {
        auto session = m_session.forAnotherThread(&buffered);
        SceneSpeaker speaker(*session, voice, key, lexicon, control);
        for (;;) {
            qsizetype index = 0;
            {
                QMutexLocker lock(&mutex);
                if (failed || next >= sceneCount || control.cancelled())
                    return;
                index = next++;
            }
            Result<SpokenScene> scene = speaker.speak(script.scenes.at(index).narration, index);
            QMutexLocker lock(&mutex);
            failed = failed || !scene.ok();
            spoken[index] = std::move(scene);
            ++finished;
            changed.wakeAll();
        }
    };
    std::vector<std::unique_ptr<QThread>> threads;
    for (int i = 0; i < workers; ++i) {
        threads.emplace_back(QThread::create(work));
        threads.back()->start();
    }
    {
        QMutexLocker lock(&mutex);
        int reported = -1;
        while (finished < sceneCount && !failed && !control.cancelled()) {
            if (finished != reported) {
                reported = finished;
                const int done = finished;
                lock.unlock();
                control.report(double(done) / double(sceneCount),
                               QStringLiteral("scene %1/%2").arg(done + 1).arg(sceneCount));
                lock.relock();
                continue;
            }
            changed.wait(&mutex, 200);
        }
    }
    for (auto& thread : threads)
        thread->wait();
    buffered.flushInto(m_session);
    return spoken;
}

Result<Narration> GeminiVoice::synthesize(const Script& script, const VoiceParams& params,
                                          const StepControl& control) {
    if (control.cancelled())
        return cancelled();
    const Result<QString> voice = canonicalVoice(params.voice);
    if (!voice)
        return voice.error();
    const QString key = m_session.secret(ProviderId::Gemini);
    if (key.isEmpty())
        return missingKey();
    if (UsageSink* usage = m_session.usage()) {
        const double plannedUsd = m_session.hub().pricing().costUsd(estimatedUsage(script));
        if (const Error over = usage->checkBudget(ProviderId::Gemini, plannedUsd); over.isError())
            return over;
    }

    const qsizetype sceneCount = script.scenes.size();
    QList<Result<SpokenScene>> spoken =
        speakAll(script, voice.value(), key.toUtf8(), params.lexicon, control, sceneCount);

    Narration narration;
    narration.sampleRate = kSampleRate;
    const QByteArray pause = silence(qint64(std::max(0.0, params.pauseBetweenScenesMs)));
    // In scene order, whatever order the requests finished in.
    for (qsizetype index = 0; index < sceneCount; ++index) {
        const Result<SpokenScene>& scene = spoken[index];
        if (!scene)
            return scene.error();
        if (index > 0)
            narration.pcm.append(pause);
        const qint64 offsetMs = samplesToMs(narration.pcm.size() / 2);
        narration.pcm.append(scene->pcm);
        narration.sceneStartMs.append(offsetMs);
        narration.sceneEndMs.append(samplesToMs(narration.pcm.size() / 2));
        for (const AlignedWord& word : scene->words)
            narration.words.append(
                {word.text, offsetMs + word.startMs, offsetMs + word.endMs, int(index)});
    }
    control.report(1.0, QStringLiteral("scene %1/%1").arg(sceneCount));
    return narration;
}

Error geminiUnknownTtsModel(const ProviderConfig& config) {
    return {ErrorType::NotFound,
            QStringLiteral("Gemini does not offer the TTS model \"%1\" to this key; set another "
                           "one with HH_GEMINI_TTS_MODEL")
                .arg(config.geminiTtsModel)};
}

} // namespace hh
