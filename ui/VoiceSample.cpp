// SPDX-License-Identifier: GPL-3.0-or-later
#include "VoiceSample.h"

#include "voice/BuiltinVoice.h"

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

VoiceSample::VoiceSample(QThreadPool* pool, QObject* parent)
    : QObject(parent)
    , m_pool(pool) {
    if (!m_pool) {
        m_ownPool = std::make_unique<QThreadPool>();
        m_ownPool->setMaxThreadCount(1);
        m_pool = m_ownPool.get();
    }
}

// A synthesis still running is cancelled; the own pool (a member) then waits for
// it, and its result finds no VoiceSample to land in.
VoiceSample::~VoiceSample() {
    if (m_cancel)
        m_cancel->store(true);
    if (m_player)
        m_player->stop();
}

void VoiceSample::play(const QString& voiceId, const QString& text, int wordsPerMinute) {
    stop();
    const quint64 generation = ++m_generation;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    setActive(true);

    Script script;
    script.title = text;
    script.scenes = {{QStringLiteral("hook"), text, {}, {}, {}}};
    QPointer<VoiceSample> self(this);
    m_pool->start([self, generation, voiceId, wordsPerMinute, script, cancel = m_cancel,
                   lexicon = m_lexicon] {
        StepControl control;
        control.cancel = cancel.get();
        VoiceParams params;
        params.voice = voiceId;
        params.wordsPerMinute = wordsPerMinute;
        params.lexicon = lexicon;
        BuiltinVoice voice;
        const Result<Narration> sample = voice.synthesize(script, params, control);
        // Back to the GUI thread; `self` is only dereferenced there.
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, generation, voiceId, sample] {
                if (self)
                    self->onSynthesised(generation, voiceId, sample);
            },
            Qt::QueuedConnection);
    });
}

void VoiceSample::onSynthesised(quint64 generation, const QString& voiceId,
                                const Result<Narration>& sample) {
    if (generation != m_generation)
        return;       // stopped, or replaced by a newer sample
    m_cancel.reset(); // nothing left to cancel: from here on a stop stops the player
    if (!sample) {
        setActive(false);
        Q_EMIT failed(tr("The voice could not speak the sample: %1").arg(sample.error().message));
        return;
    }
    const QString problem =
        m_hook ? m_hook(sample.value(), voiceId) : playThroughSpeakers(sample.value());
    Q_EMIT synthesised(voiceId, sample->durationMs());
    if (!problem.isEmpty()) {
        setActive(false);
        Q_EMIT failed(problem);
    } else if (m_hook) {
        setActive(false);
    }
}

QString VoiceSample::playThroughSpeakers(const Narration& sample) {
    if (QMediaDevices::defaultAudioOutput().isNull())
        return tr("No sound output was found on this computer.");
    m_wav = std::make_unique<QTemporaryFile>(
        QDir::temp().filePath(QStringLiteral("hiddenhill-voice-sample-XXXXXX.wav")));
    const QByteArray wav = sample.toWav();
    if (!m_wav->open() || m_wav->write(wav) != wav.size() || !m_wav->flush())
        return tr("The sample could not be saved for playing: %1").arg(m_wav->errorString());
    m_wav->close();
    if (!m_player) {
        m_player = new QMediaPlayer(this);
        m_audio = new QAudioOutput(this);
        m_player->setAudioOutput(m_audio);
        connect(m_player, &QMediaPlayer::playbackStateChanged, this,
                [this](QMediaPlayer::PlaybackState state) {
                    // The sample ended. A late stop of an earlier sample must not end the
                    // one playing now, hence the player's state now, not the signal's.
                    if (state == QMediaPlayer::StoppedState &&
                        m_player->playbackState() == QMediaPlayer::StoppedState && !m_cancel)
                        setActive(false);
                });
        connect(m_player, &QMediaPlayer::errorOccurred, this,
                [this](QMediaPlayer::Error, const QString& message) {
                    m_player->stop();
                    setActive(false);
                    Q_EMIT failed(tr("The sample could not be played: %1").arg(message));
                });
    }
    m_player->setSource(QUrl::fromLocalFile(m_wav->fileName()));
    m_player->play();
    return {};
}

void VoiceSample::stop() {
    ++m_generation;
    if (m_cancel)
        m_cancel->store(true);
    m_cancel.reset();
    if (m_player)
        m_player->stop();
    setActive(false);
}

void VoiceSample::setActive(bool active) {
    if (m_active == active)
        return;
    m_active = active;
    Q_EMIT activeChanged(active);
}

} // namespace hh
