// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>
#include <memory>

class QAudioOutput;
class QLabel;
class QListView;
class QMediaPlayer;
class QSlider;
class QToolButton;
class QVideoSink;
class QVideoWidget;

class QShortcut;

namespace hh {

class InlineNotice;
class JobArtifacts;
class SceneListModel;

// Plays a finished video beside its script: the scene on screen is highlighted
// in the list, its narration shows the word being spoken and the paper sentences
// it rests on are quoted below, so a viewer can check every claim.
// Keys: Space play/pause, Left/Right seek 5 s, F full screen, Esc leaves it.
class PlayerWidget final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlayerWidget)
public:
    // Auto plays sound when a sound device exists, unless HH_PLAYER_NO_AUDIO=1:
    // some media backends crash when given an audio output and no sound server.
    enum class Audio { Auto, On, Off };

    explicit PlayerWidget(QWidget* parent = nullptr, Audio audio = Audio::Auto);
    ~PlayerWidget() override;

    // Loads a finished job folder. On failure the reason is shown in the widget
    // (and returned by errorText()); nothing else changes.
    bool open(const QString& jobDir);
    QString jobDir() const { return m_jobDir; }

    void togglePlayPause();
    void seekBy(qint64 deltaMs);
    void setFullScreenMode(bool on);
    bool isFullScreenMode() const { return m_fullScreen; }

    QString errorText() const;
    QString timeText() const;
    QString currentSceneText() const; // "Scene 3 of 7 — …"
    QString sourcesText() const;      // the current scene's "Source: …" lines
    bool hasAudioOutput() const { return m_audio != nullptr; }
    QMediaPlayer* mediaPlayer() const { return m_player; }
    QVideoSink* videoSink() const;
    QVideoWidget* videoWidget() const { return m_video; }
    SceneListModel* sceneModel() const { return m_scenes; }
    // News for the video on screen (an export's result), above the controls.
    InlineNotice* notice() const { return m_notice; }

    static QString formatTime(qint64 ms); // 0:21, 1:02:03

Q_SIGNALS:
    void exportRequested(const QString& jobDir);
    // The window around the player hides its own chrome (sidebar, menus) while on.
    void fullScreenModeChanged(bool on);

protected:
    void changeEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* buildSidePanel();
    QWidget* buildControls();
    void setupAudio(Audio audio);
    void connectPlayer();
    bool handleKey(int key);
    void showError(const QString& message);
    void setJobLoaded(bool loaded);

    void onPositionChanged(qint64 ms);
    void onDurationChanged(qint64 ms);
    void onPlaybackStateChanged();
    void onSceneChanged(int scene);
    void updateNarration(qint64 ms);
    void renderNarration(int scene, int word);
    void updateTimeLabel(qint64 ms);
    void seekFromSlider();
    void setVolumePercent(int percent);
    void toggleMute();
    void copyDescription();

    QMediaPlayer* m_player = nullptr;
    QAudioOutput* m_audio = nullptr;
    QVideoWidget* m_video = nullptr;
    QWidget* m_videoBox = nullptr;
    QWidget* m_sidePanel = nullptr;
    SceneListModel* m_scenes = nullptr;
    QListView* m_sceneList = nullptr;
    QLabel* m_sceneTitle = nullptr;
    QLabel* m_narration = nullptr;
    QLabel* m_sources = nullptr;
    QLabel* m_error = nullptr;
    QToolButton* m_playPause = nullptr;
    QSlider* m_seek = nullptr;
    QLabel* m_time = nullptr;
    QToolButton* m_mute = nullptr;
    QSlider* m_volume = nullptr;
    QToolButton* m_fullScreenButton = nullptr;
    QToolButton* m_export = nullptr;
    QToolButton* m_copyDescription = nullptr;
    InlineNotice* m_notice = nullptr;

    std::shared_ptr<const JobArtifacts> m_artifacts;
    QString m_jobDir;
    int m_highlightedWord = -1;
    int m_narrationScene = -1;
    bool m_fullScreen = false;
    QShortcut* m_leaveByEscape = nullptr;
    QShortcut* m_leaveByF = nullptr;
    Qt::WindowStates m_stateBeforeFullScreen;
};

} // namespace hh
