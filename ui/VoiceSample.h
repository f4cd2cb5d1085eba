// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "voice/Lexicon.h"
#include "voice/Narration.h"

#include <QObject>
#include <atomic>
#include <functional>
#include <memory>

class QAudioOutput;
class QMediaPlayer;
class QTemporaryFile;
class QThreadPool;

namespace hh {

// "Play sample": speaks a short sentence with one of the built-in voices so a
// creator hears it before a whole video is made. espeak-ng synthesises on a pool
// thread (it can wait behind a job that is narrating); QtMultimedia plays the
// result from a temporary WAV. Nothing here opens a dialog: a failure arrives as
// failed() with a sentence the panel shows inline.
class VoiceSample final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VoiceSample)
public:
    // Plays `sample` (spoken with `voiceId`) and returns an empty string, or
    // says why it cannot. When it returns, playing counts as done: a hook that
    // plays asynchronously is not what tests need, and the real output is built in.
    using PlaybackHook = std::function<QString(const Narration& sample, const QString& voiceId)>;

    // `pool` runs the synthesis; null: a one-thread pool of its own.
    explicit VoiceSample(QThreadPool* pool = nullptr, QObject* parent = nullptr);
    ~VoiceSample() override;

    // Speaks `text` with `voiceId` ("" = the engine's default) at the video's
    // pace, stopping a sample still running first.
    void play(const QString& voiceId, const QString& text, int wordsPerMinute);
    void stop();
    // Synthesising or playing: the button offers Stop.
    bool isActive() const { return m_active; }

    // Pronunciations the next samples use (Settings → Pronunciation's Test).
    void setLexicon(Lexicon lexicon) { m_lexicon = std::move(lexicon); }

    // Replaces the speakers (tests have no sound device); null: QtMultimedia.
    void setPlaybackHook(PlaybackHook hook) { m_hook = std::move(hook); }

Q_SIGNALS:
    void activeChanged(bool active);
    // The sample was synthesised and handed to the output.
    void synthesised(const QString& voiceId, qint64 durationMs);
    void failed(const QString& message);

private:
    void onSynthesised(quint64 generation, const QString& voiceId, const Result<Narration>& sample);
    QString playThroughSpeakers(const Narration& sample);
    void setActive(bool active);

    std::unique_ptr<QThreadPool> m_ownPool;
    QThreadPool* m_pool = nullptr;
    PlaybackHook m_hook;
    Lexicon m_lexicon;
    // Shared with the worker: stop() cancels a synthesis still running.
    std::shared_ptr<std::atomic_bool> m_cancel;
    quint64 m_generation = 0; // a stopped sample's synthesis lands nowhere
    bool m_active = false;
    QMediaPlayer* m_player = nullptr;
    QAudioOutput* m_audio = nullptr;
    std::unique_ptr<QTemporaryFile> m_wav;
};

} // namespace hh
