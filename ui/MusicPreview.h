// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audio/Soundtrack.h"

#include <QObject>
#include <atomic>
#include <functional>
#include <memory>

class QAudioOutput;
class QMediaPlayer;
class QTemporaryFile;
class QThreadPool;

namespace hh {

// "Preview" of the music: 10 seconds of the chosen bed with the paper's title
// spoken over it by the built-in voice, ducked and normalised exactly as the
// video will be. The voice and the mix are made on a pool thread; QtMultimedia
// plays the result from a temporary WAV. Failures arrive as failed() with a
// sentence to show inline, never as a dialog.
class MusicPreview final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MusicPreview)
public:
    static constexpr int kSeconds = 10;
    struct Request {
        QString music; // MusicChoice syntax
        double volumeDb = -12.0;
        QString voice; // built-in voice id; "" = default
        QString text;  // spoken over the bed; "" = the bed alone
        int wordsPerMinute = 165;
    };
    // Replaces the speakers (tests have no sound device): returns "" or a problem.
    using PlaybackHook = std::function<QString(const Soundtrack& preview)>;

    explicit MusicPreview(QThreadPool* pool = nullptr, QObject* parent = nullptr);
    ~MusicPreview() override;

    void play(const Request& request);
    void stop();
    bool isActive() const { return m_active; }
    void setPlaybackHook(PlaybackHook hook) { m_hook = std::move(hook); }

    // The preview's sound, as it would play (pool thread; public for tests).
    static Result<Soundtrack> makePreview(const Request& request, const std::atomic_bool* cancel);

Q_SIGNALS:
    void activeChanged(bool active);
    void failed(const QString& message);

private:
    void onMade(quint64 generation, const std::shared_ptr<Result<Soundtrack>>& made);
    QString playThroughSpeakers(const Soundtrack& preview);
    void setActive(bool active);

    std::unique_ptr<QThreadPool> m_ownPool;
    QThreadPool* m_pool = nullptr;
    PlaybackHook m_hook;
    std::shared_ptr<std::atomic_bool> m_cancel;
    quint64 m_generation = 0;
    bool m_active = false;
    QMediaPlayer* m_player = nullptr;
    QAudioOutput* m_audio = nullptr;
    std::unique_ptr<QTemporaryFile> m_wav;
};

} // namespace hh
