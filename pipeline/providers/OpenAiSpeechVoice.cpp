// SPDX-License-Identifier: GPL-3.0-or-later
#include "OpenAiSpeechVoice.h"

#include "EncodedAudio.h"
#include "PcmDecode.h"
#include "WordAligner.h"
#include "voice/SpokenText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace hh {

namespace {

constexpr qint64 kSilentSceneMs = 400; // as the other voices give a scene without words
constexpr qint64 kChunkGapMs = 250;
// Local servers on a CPU take a while for a long scene before sending anything.
constexpr int kStallTimeoutMs = 180000;
constexpr int kTotalTimeoutMs = 600000;

QUrl withPath(const QUrl& base, const QString& suffix) {
    QUrl url = base;
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + suffix);
    return url;
}

QString serverName(const ProviderConfig& config) {
    return config.speechBase.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
}

void authorise(HttpRequest& request, const QString& key) {
    if (!key.trimmed().isEmpty())
        request.setHeader("Authorization", "Bearer " + key.trimmed().toUtf8());
}

ApiFailure interpretSpeechError(const HttpResponse& response) {
    ApiFailure failure = httpStatusFailure(QStringLiteral("the speech server"), response);
    // OpenAI-style {"error": {"message": …}} or FastAPI's {"detail": …}.
    const QJsonObject json = QJsonDocument::fromJson(response.body).object();
    QString message =
        json.value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString();
    if (message.isEmpty())
        message = json.value(QLatin1String("detail")).toVariant().toString();
    if (!message.isEmpty()) {
        failure.providerMessage = message.left(300);
        failure.error.message += QStringLiteral(": ") + failure.providerMessage;
    }
    return failure;
}

bool endsSentence(const QString& word) {
    QString core = word;
    while (!core.isEmpty() && QStringLiteral(")]}\"'’”»").contains(core.back()))
        core.chop(1);
    return core.endsWith(QLatin1Char('.')) || core.endsWith(QLatin1Char('!')) ||
           core.endsWith(QLatin1Char('?'));
}

// Pieces of at most `maxWords` caption words, cut at sentence ends where possible.
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
                end = cut;
        }
        texts << words.mid(begin, end - begin).join(QLatin1Char(' '));
        begin = end;
    }
    return texts;
}

qint64 samplesToMs(qint64 samples) {
    return samples * 1000 / OpenAiSpeechVoice::kSampleRate;
}

QByteArray silence(qint64 ms) {
    return QByteArray(ms * OpenAiSpeechVoice::kSampleRate / 1000 * 2, '\0');
}

Error cancelled() {
    return {ErrorType::Cancelled, QStringLiteral("cancelled")};
}

// The answer's audio, whatever the server sent: WAV (asked for), or MP3.
Result<PcmAudio> decodeSpeech(const HttpResponse& response) {
    const QByteArray& body = response.body;
    Result<PcmAudio> audio = body.startsWith("RIFF")
                                 ? decodeAudioBytes(QStringLiteral("audio/wav"), body)
                                 : decodeEncodedAudio(body, OpenAiSpeechVoice::kSampleRate);
    if (!audio)
        return audio;
    return resampleAudio(audio.value(), OpenAiSpeechVoice::kSampleRate);
}

class SpeechRequester {
public:
    SpeechRequester(ProviderSession& session, QString voice, QString key, const Lexicon& lexicon,
                    const StepControl& control)
        : m_session(session)
        , m_caller(session.caller(ProviderId::Speech, interpretSpeechError))
        , m_voice(std::move(voice))
        , m_key(std::move(key))
        , m_lexicon(lexicon)
        , m_control(control) {}

    // One scene: its audio and its caption words timed from the scene's start.
    Result<std::pair<QByteArray, QList<AlignedWord>>> speak(const QString& narration,
                                                            qsizetype scene) {
        QByteArray pcm;
        QList<AlignedWord> words;
        const QStringList captionWords = WordAligner::captionWords(narration);
        if (captionWords.isEmpty())
            return std::pair{silence(kSilentSceneMs), words};
        for (const QString& text :
             requestTexts(captionWords, OpenAiSpeechVoice::kMaxWordsPerRequest)) {
            if (m_control.cancelled())
                return cancelled();
            const SpokenText said(text, m_lexicon, Lexicon::Form::Respelling);
            Result<PcmAudio> audio = request(said.text(), scene);
            if (!audio)
                return audio.error();
            if (!pcm.isEmpty())
                pcm.append(silence(kChunkGapMs));
            const qint64 offsetMs = samplesToMs(pcm.size() / 2);
            for (AlignedWord word : said.toCaptionWords(
                     WordAligner().align(audio->pcm, audio->sampleRate, said.text()))) {
                word.startMs += offsetMs;
                word.endMs += offsetMs;
                words.append(word);
            }
            pcm.append(audio->pcm);
        }
        return std::pair{pcm, words};
    }

private:
    Result<PcmAudio> request(const QString& text, qsizetype scene) {
        const ProviderConfig& config = m_session.config();
        HttpRequest request;
        request.url = withPath(config.speechBase, QStringLiteral("/audio/speech"));
        authorise(request, m_key);
        request.setJsonBody(
            QJsonDocument(QJsonObject{
                              {QStringLiteral("model"), config.speechModel},
                              {QStringLiteral("voice"), m_voice},
                              {QStringLiteral("input"), text},
                              {QStringLiteral("response_format"), QStringLiteral("wav")},
                          })
                .toJson(QJsonDocument::Compact));
        request.stallTimeoutMs = kStallTimeoutMs;
        request.totalTimeoutMs = kTotalTimeoutMs;
        const CallOutcome outcome = m_caller.call(request, m_control.cancel);
        if (!outcome.ok())
            return callError(outcome, scene);
        Result<PcmAudio> audio = decodeSpeech(outcome.response);
        if (!audio)
            return Error{ErrorType::Provider,
                         QStringLiteral("the speech server's audio for scene %1 is unreadable "
                                        "(%2); is %3 a speech server?")
                             .arg(scene + 1)
                             .arg(audio.error().message, serverName(config))};
        UsageDelta usage;
        usage.provider = ProviderId::Speech;
        usage.ttsSeconds = double(audio->sampleCount()) / OpenAiSpeechVoice::kSampleRate;
        m_session.record(usage);
        return audio;
    }

    Error callError(const CallOutcome& outcome, qsizetype scene) const {
        const ApiFailure& failure = outcome.failure;
        const QString server = serverName(m_session.config());
        if (failure.error.type == ErrorType::Cancelled)
            return failure.error;
        if (failure.error.type == ErrorType::RateLimited)
            return {ErrorType::RateLimited,
                    QStringLiteral("the speech server at %1 kept refusing with \"too many "
                                   "requests\" (tried %2 times); wait a little and resume")
                        .arg(server)
                        .arg(outcome.attempts)};
        if (outcome.response.failure == TransportFailure::Truncated)
            return {ErrorType::Network,
                    QStringLiteral("the speech server at %1 broke off its audio for scene %2 "
                                   "(tried %3 times); is it still running?")
                        .arg(server)
                        .arg(scene + 1)
                        .arg(outcome.attempts)};
        if (failure.httpStatus == 404)
            return {ErrorType::NotFound,
                    QStringLiteral("%1 has no /audio/speech, or no model \"%2\" or voice \"%3\" "
                                   "(set HH_SPEECH_BASE_URL, HH_SPEECH_MODEL, --speech-voice)")
                        .arg(server, m_session.config().speechModel, m_voice)};
        return {failure.error.type, QStringLiteral("the speech server could not voice scene %1: %2")
                                        .arg(scene + 1)
                                        .arg(failure.error.message)};
    }

    ProviderSession& m_session;
    RetryingCaller m_caller;
    QString m_voice;
    QString m_key;
    const Lexicon& m_lexicon;
    const StepControl& m_control;
};

} // namespace

OpenAiSpeechVoice::OpenAiSpeechVoice(ProviderSession& session)
    : m_session(session) {}

Result<QStringList> OpenAiSpeechVoice::listVoices(ProviderSession& session, const QString& key) {
    HttpRequest request;
    request.url = withPath(session.config().speechBase, QStringLiteral("/audio/voices"));
    request.stallTimeoutMs = 15000;
    request.totalTimeoutMs = 30000;
    authorise(request, key);
    RetryingCaller caller = session.caller(ProviderId::Speech, interpretSpeechError);
    const CallOutcome outcome = caller.call(request, nullptr);
    if (!outcome.ok()) {
        // No list on this server (OpenAI, openedai-speech): the voice is typed in.
        if (outcome.failure.httpStatus == 404 || outcome.failure.httpStatus == 405)
            return QStringList();
        return outcome.failure.error;
    }
    return parseVoiceList(outcome.response.body);
}

QStringList OpenAiSpeechVoice::parseVoiceList(const QByteArray& body) {
    const QJsonDocument document = QJsonDocument::fromJson(body);
    const QJsonArray list = document.isArray()
                                ? document.array()
                                : document.object().value(QLatin1String("voices")).toArray();
    QStringList voices;
    for (const QJsonValue& entry : list) {
        const QString name =
            entry.isString()
                ? entry.toString()
                : entry.toObject()
                      .value(QLatin1String("name"))
                      .toString(entry.toObject().value(QLatin1String("id")).toString());
        if (!name.trimmed().isEmpty())
            voices << name.trimmed();
    }
    voices.removeDuplicates();
    return voices;
}

Result<Narration> OpenAiSpeechVoice::synthesize(const Script& script, const VoiceParams& params,
                                                const StepControl& control) {
    if (control.cancelled())
        return cancelled();
    const QString voice =
        params.voice.trimmed().isEmpty() ? m_session.config().speechVoice : params.voice.trimmed();
    SpeechRequester requester(m_session, voice, m_session.secret(ProviderId::Speech),
                              params.lexicon, control);
    Narration narration;
    narration.sampleRate = kSampleRate;
    const QByteArray pause = silence(qint64(std::max(0.0, params.pauseBetweenScenesMs)));
    const qsizetype sceneCount = script.scenes.size();
    for (qsizetype index = 0; index < sceneCount; ++index) {
        if (control.cancelled())
            return cancelled();
        control.report(double(index) / double(sceneCount),
                       QStringLiteral("scene %1/%2").arg(index + 1).arg(sceneCount));
        const auto scene = requester.speak(script.scenes.at(index).narration, index);
        if (!scene)
            return scene.error();
        if (index > 0)
            narration.pcm.append(pause);
        const qint64 offsetMs = samplesToMs(narration.pcm.size() / 2);
        narration.pcm.append(scene->first);
        narration.sceneStartMs.append(offsetMs);
        narration.sceneEndMs.append(samplesToMs(narration.pcm.size() / 2));
        for (const AlignedWord& word : scene->second)
            narration.words.append(
                {word.text, offsetMs + word.startMs, offsetMs + word.endMs, int(index)});
    }
    control.report(1.0, QStringLiteral("scene %1/%1").arg(sceneCount));
    return narration;
}

} // namespace hh
