// SPDX-License-Identifier: GPL-3.0-or-later
#include "MusicPreview.h"

#include "voice/EspeakVoice.h"

#include <QAudioDevice>
#include <QAudioOutput>
#include <QCoreApplication>
#include <QDir>
#include <QMediaDevices>
#include <QMediaPlayer>
#include <QPointer>
#include <QTemporaryFile>
#include <QThreadPool>
#include <QUrl>

namespace hh {

namespace {
// The voice comes in after the bed has faded up, as in a video's first scene.
constexpr int kSpeechStartMs = 2000;
} // namespace

MusicPreview::MusicPreview(QThreadPool* pool, QObject* parent)
    : QObject(parent)
    , m_pool(pool) {
    if (!m_pool) {
        m_ownPool = std::make_unique<QThreadPool>();
        m_ownPool->setMaxThreadCount(1);
        m_pool = m_ownPool.get();
    }
}

MusicPreview::~MusicPreview() {
    if (m_cancel)
        m_cancel->store(true);
    if (m_player)
        m_player->stop();
}

Result<Soundtrack> MusicPreview::makePreview(const Request& request,
                                             const std::atomic_bool* cancel) {
    Narration speech;
    speech.sampleRate = Soundtrack::kSampleRate;
    if (!request.text.isEmpty()) {
        Script script;
        script.title = request.text;
        script.scenes = {{QStringLiteral("hook"), request.text, {}, {}, {}}};
        StepControl control;
        control.cancel = cancel;
        VoiceParams params;
        params.voice = request.voice;
        params.wordsPerMinute = request.wordsPerMinute;
        auto spoken = EspeakVoice().synthesize(script, params, control);
        if (!spoken)
            return spoken.error();
        speech = std::move(spoken).value();
    }
    // Silence, then the voice: the bed is heard alone first, then ducked.
    const qsizetype lead = qsizetype(qint64(speech.sampleRate) * kSpeechStartMs / 1000) * 2;
    QByteArray pcm(lead, '\0');
    pcm += speech.pcm;
    SoundtrackParams params;
    params.music = request.music;
    params.musicVolumeDb = request.volumeDb;
    return SoundtrackBuilder::build(pcm, speech.sampleRate,
                                    qint64(kSeconds) * Soundtrack::kSampleRate, params);
}

void MusicPreview::play(const Request& request) {
    stop();
    const quint64 generation = ++m_generation;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    setActive(true);
    QPointer<MusicPreview> self(this);
    m_pool->start([self, generation, request, cancel = m_cancel] {
        auto made = std::make_shared<Result<Soundtrack>>(makePreview(request, cancel.get()));
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, generation, made] {
                if (self)
                    self->onMade(generation, made);
            },
            Qt::QueuedConnection);
    });
}

void MusicPreview::onMade(quint64 generation, const std::shared_ptr<Result<Soundtrack>>& made) {
    if (generation != m_generation)
        return; // stopped or replaced
    m_cancel.reset();
    if (!made->ok()) {
        setActive(false);
        Q_EMIT failed(tr("The preview could not be made: %1").arg(made->error().message));
        return;
    }
    const QString problem = m_hook ? m_hook(made->value()) : playThroughSpeakers(made->value());
    if (!problem.isEmpty()) {
        setActive(false);
        Q_EMIT failed(problem);
    } else if (m_hook) {
        setActive(false);
    }
}

QString MusicPreview::playThroughSpeakers(const Soundtrack& preview) {
    if (QMediaDevices::defaultAudioOutput().isNull())
        return tr("No sound output was found on this computer.");
    m_wav = std::make_unique<QTemporaryFile>(
        QDir::temp().filePath(QStringLiteral("hiddenhill-music-preview-XXXXXX.wav")));
    Narration wavData;
    wavData.sampleRate = Soundtrack::kSampleRate;
    wavData.pcm = preview.pcm16();
    const QByteArray wav = wavData.toWav();
    if (!m_wav->open() || m_wav->write(wav) != wav.size() || !m_wav->flush())
        return tr("The preview could not be saved for playing: %1").arg(m_wav->errorString());
    m_wav->close();
    if (!m_player) {
        m_player = new QMediaPlayer(this);
        m_audio = new QAudioOutput(this);
        m_player->setAudioOutput(m_audio);
        connect(m_player, &QMediaPlayer::playbackStateChanged, this,
                [this](QMediaPlayer::PlaybackState) {
                    if (m_player->playbackState() == QMediaPlayer::StoppedState && !m_cancel)
                        setActive(false);
                });
        connect(m_player, &QMediaPlayer::errorOccurred, this,
                [this](QMediaPlayer::Error, const QString& message) {
                    m_player->stop();
                    setActive(false);
                    Q_EMIT failed(tr("The preview could not be played: %1").arg(message));
                });
    }
    m_player->setSource(QUrl::fromLocalFile(m_wav->fileName()));
    m_player->play();
    return {};
}

void MusicPreview::stop() {
    ++m_generation;
    if (m_cancel)
        m_cancel->store(true);
    m_cancel.reset();
    if (m_player)
        m_player->stop();
    setActive(false);
}

void MusicPreview::setActive(bool active) {
    if (m_active == active)
        return;
    m_active = active;
    Q_EMIT activeChanged(active);
}

} // namespace hh
