// SPDX-License-Identifier: GPL-3.0-or-later
#include "PlayerWidget.h"

#include "IconSet.h"
#include "InlineNotice.h"
#include "SceneListModel.h"
#include "Theme.h"
#include "jobs/Exporter.h"
#include "jobs/JobArtifacts.h"

#include <QAudio>
#include <QAudioDevice> // before QAudioOutput and QMediaDevices: Qt 6.4 needs the complete type
#include <QAudioOutput>
#include <QClipboard>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QMediaDevices>
#include <QMediaPlayer>
#include <QShortcut>
#include <QSlider>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QVideoWidget>
#include <algorithm>

namespace hh {

namespace {

constexpr qint64 kSeekStepMs = 5000;
constexpr int kDefaultVolumePercent = 80;
constexpr int kCopiedFeedbackMs = 2000;

// Keeps the video 9:16 and as tall as the space allows: the box takes the width
// that the height calls for and the side panel gets the rest.
class VideoBox final : public QWidget {
public:
    Q_DISABLE_COPY_MOVE(VideoBox)
    VideoBox(QWidget* content, QWidget* parent)
        : QWidget(parent)
        , m_content(content) {
        m_content->setParent(this);
        setAutoFillBackground(true);
        QPalette black = palette();
        black.setColor(QPalette::Window, Qt::black);
        setPalette(black);
        setMinimumSize(kMinWidth, kMinWidth * 16 / 9);
        setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Expanding);
    }

    QSize sizeHint() const override { return {360, 640}; }

protected:
    void resizeEvent(QResizeEvent* event) override {
        QWidget::resizeEvent(event);
        const int wanted = std::max(kMinWidth, height() * 9 / 16);
        if (wanted != width())
            setFixedWidth(wanted); // the layout calls back with the new width
        // Until then, centre the largest 9:16 rectangle that fits.
        const QSize fitted = QSize(9, 16).scaled(size(), Qt::KeepAspectRatio);
        m_content->setGeometry(QRect(
            QPoint((width() - fitted.width()) / 2, (height() - fitted.height()) / 2), fitted));
    }

private:
    static constexpr int kMinWidth = 180;
    QWidget* m_content;
};

// Our own icons follow the theme; the style's media icons were drawn for light windows and
// all but vanished on the dark one.
QToolButton* makeToolButton(QWidget* parent, const QString& name, IconSet::Icon icon,
                            const QString& tip) {
    auto* button = new QToolButton(parent);
    button->setObjectName(name);
    button->setProperty("hhRole", QStringLiteral("playerButton")); // flat, with a focus ring
    button->setIcon(IconSet::icon(icon));
    button->setToolTip(tip);
    button->setAccessibleName(tip); // an icon alone says nothing to a screen reader
    button->setAutoRaise(true);
    button->setIconSize(QSize(22, 22));
    // Tab reaches every control, a click takes no focus: after clicking Play, Space still
    // belongs to the player rather than "clicking" the button again.
    button->setFocusPolicy(Qt::TabFocus);
    return button;
}

QToolButton* makeActionButton(QWidget* parent, const QString& name, IconSet::Icon icon,
                              const QString& text) {
    auto* button = makeToolButton(parent, name, icon, text);
    button->setProperty("hhRole", QStringLiteral("playerAction"));
    button->setText(text);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setAutoRaise(false);
    button->setIconSize(QSize(18, 18));
    return button;
}

bool audioWanted(PlayerWidget::Audio audio) {
    switch (audio) {
    case PlayerWidget::Audio::On:
        return true;
    case PlayerWidget::Audio::Off:
        return false;
    case PlayerWidget::Audio::Auto:
        break;
    }
    if (qEnvironmentVariableIntValue("HH_PLAYER_NO_AUDIO") == 1)
        return false;
    return !QMediaDevices::audioOutputs().isEmpty();
}

} // namespace

PlayerWidget::PlayerWidget(QWidget* parent, Audio audio)
    : QWidget(parent)
    , m_player(new QMediaPlayer(this))
    , m_video(new QVideoWidget)
    , m_scenes(new SceneListModel(this)) {
    setFocusPolicy(Qt::StrongFocus);
    setupAudio(audio);
    m_player->setVideoOutput(m_video);

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setContentsMargins(4, 4, 4, 4);
    Theme::tintText(m_error, Theme::Tone::Negative);
    m_error->hide();

    m_videoBox = new VideoBox(m_video, this);
    m_sidePanel = buildSidePanel();

    auto* body = new QHBoxLayout;
    body->setSpacing(12);
    body->addWidget(m_videoBox, 0, Qt::AlignHCenter);
    body->addWidget(m_sidePanel, 1);

    // Export's news shows right above the button that asked for it.
    m_notice = new InlineNotice(this);
    m_notice->setObjectName(QStringLiteral("playerNotice"));

    auto* root = new QVBoxLayout(this);
    root->addWidget(m_error);
    root->addLayout(body, 1);
    root->addWidget(m_notice);
    root->addWidget(buildControls());

    connectPlayer();
    connect(m_scenes, &SceneListModel::currentSceneChanged, this, &PlayerWidget::onSceneChanged);
    setJobLoaded(false);
}

PlayerWidget::~PlayerWidget() {
    // Detach the outputs before the children go, so no frame reaches a dead sink.
    m_player->stop();
    m_player->setVideoOutput(nullptr);
    m_player->setAudioOutput(nullptr);
}

QWidget* PlayerWidget::buildSidePanel() {
    auto* panel = new QWidget(this);
    m_sceneList = new QListView(panel);
    m_sceneList->setModel(m_scenes);
    m_sceneList->setWordWrap(true);
    m_sceneList->setSpacing(2);
    m_sceneList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_sceneList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_sceneList->installEventFilter(this);
    connect(m_sceneList, &QListView::clicked, this, [this](const QModelIndex& index) {
        m_player->setPosition(m_scenes->startMs(index.row()));
    });

    m_sceneTitle = new QLabel(panel);
    QFont titleFont = m_sceneTitle->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_sceneTitle->setFont(titleFont);
    m_sceneTitle->setWordWrap(true);

    m_narration = new QLabel(panel);
    m_narration->setWordWrap(true);
    m_narration->setTextFormat(Qt::RichText);
    m_narration->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    m_sources = new QLabel(panel);
    m_sources->setWordWrap(true);
    m_sources->setTextFormat(Qt::PlainText);
    m_sources->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_sources->setForegroundRole(QPalette::PlaceholderText);

    // The scene on screen sits right under the list; the list gives up space first.
    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_sceneList, 1);
    layout->addSpacing(6);
    layout->addWidget(m_sceneTitle);
    layout->addWidget(m_narration);
    layout->addWidget(m_sources);
    return panel;
}

QWidget* PlayerWidget::buildControls() {
    auto* bar = new QWidget(this);
    m_playPause =
        makeToolButton(bar, QStringLiteral("playPause"), IconSet::Icon::Play, tr("Play (Space)"));
    connect(m_playPause, &QToolButton::clicked, this, &PlayerWidget::togglePlayPause);

    m_time = new QLabel(formatTime(0) + QStringLiteral(" / ") + formatTime(0), bar);
    m_time->setMinimumWidth(
        m_time->fontMetrics().horizontalAdvance(QStringLiteral("00:00 / 00:00")));

    m_seek = new QSlider(Qt::Horizontal, bar);
    m_seek->setObjectName(QStringLiteral("seek"));
    m_seek->setAccessibleName(tr("Position"));
    m_seek->setFocusPolicy(Qt::TabFocus);
    m_seek->setSingleStep(1000);
    m_seek->setPageStep(int(kSeekStepMs));
    connect(m_seek, &QSlider::sliderMoved, this, &PlayerWidget::updateTimeLabel);
    connect(m_seek, &QSlider::sliderReleased, this, &PlayerWidget::seekFromSlider);
    connect(m_seek, &QSlider::actionTriggered, this, [this](int action) {
        // Drags seek once on release; clicks on the groove seek at once.
        if (action != QAbstractSlider::SliderMove)
            QTimer::singleShot(0, this, &PlayerWidget::seekFromSlider);
    });

    m_mute = makeToolButton(bar, QStringLiteral("mute"), IconSet::Icon::Volume, tr("Mute"));
    connect(m_mute, &QToolButton::clicked, this, &PlayerWidget::toggleMute);
    m_volume = new QSlider(Qt::Horizontal, bar);
    m_volume->setObjectName(QStringLiteral("volume"));
    m_volume->setAccessibleName(tr("Volume"));
    m_volume->setFocusPolicy(Qt::TabFocus);
    m_volume->setRange(0, 100);
    m_volume->setValue(kDefaultVolumePercent);
    m_volume->setFixedWidth(90);
    m_volume->setToolTip(tr("Volume"));
    connect(m_volume, &QSlider::valueChanged, this, &PlayerWidget::setVolumePercent);
    if (!m_audio) {
        const QString why = tr("No sound output is available");
        m_mute->setEnabled(false);
        m_mute->setToolTip(why);
        m_mute->setAccessibleDescription(why);
        m_volume->setEnabled(false);
        m_volume->setToolTip(why);
        m_volume->setAccessibleDescription(why);
    }

    m_fullScreenButton = makeToolButton(bar, QStringLiteral("fullScreen"),
                                        IconSet::Icon::FullScreen, tr("Full screen (F)"));
    m_leaveByEscape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    m_leaveByF = new QShortcut(QKeySequence(Qt::Key_F), this);
    for (QShortcut* leave : {m_leaveByEscape, m_leaveByF}) {
        leave->setContext(Qt::WindowShortcut);
        leave->setEnabled(false);
        connect(leave, &QShortcut::activated, this, [this] { setFullScreenMode(false); });
    }
    connect(m_fullScreenButton, &QToolButton::clicked, this,
            [this] { setFullScreenMode(!m_fullScreen); });

    m_export =
        makeActionButton(bar, QStringLiteral("export"), IconSet::Icon::Export, tr("Export\u2026"));
    m_export->setToolTip(tr("Copy the video, its captions and its description to a folder"));
    connect(m_export, &QToolButton::clicked, this, [this] { Q_EMIT exportRequested(m_jobDir); });
    m_copyDescription = makeActionButton(bar, QStringLiteral("copyDescription"),
                                         IconSet::Icon::Copy, tr("Copy description"));
    m_copyDescription->setToolTip(tr("Title, authors, DOI, licence and hashtags for a post"));
    connect(m_copyDescription, &QToolButton::clicked, this, &PlayerWidget::copyDescription);

    auto* layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_playPause);
    layout->addWidget(m_time);
    layout->addWidget(m_seek, 1);
    layout->addWidget(m_mute);
    layout->addWidget(m_volume);
    layout->addWidget(m_fullScreenButton);
    layout->addSpacing(12);
    layout->addWidget(m_export);
    layout->addWidget(m_copyDescription);
    return bar;
}

void PlayerWidget::setupAudio(Audio audio) {
    if (!audioWanted(audio))
        return;
    m_audio = new QAudioOutput(this);
    m_player->setAudioOutput(m_audio);
    setVolumePercent(kDefaultVolumePercent);
}

void PlayerWidget::connectPlayer() {
    connect(m_player, &QMediaPlayer::positionChanged, this, &PlayerWidget::onPositionChanged);
    connect(m_player, &QMediaPlayer::durationChanged, this, &PlayerWidget::onDurationChanged);
    connect(m_player, &QMediaPlayer::playbackStateChanged, this,
            &PlayerWidget::onPlaybackStateChanged);
    connect(m_player, &QMediaPlayer::errorOccurred, this,
            [this](QMediaPlayer::Error, const QString& message) {
                showError(tr("The video cannot be played: %1").arg(message));
            });
}

bool PlayerWidget::open(const QString& jobDir) {
    auto loaded = JobArtifacts::load(jobDir);
    if (!loaded) {
        showError(tr("Cannot open this video: %1").arg(loaded.error().message));
        return false;
    }
    if (!QFileInfo(loaded->videoPath()).isFile()) {
        showError(tr("Cannot open this video: final_video.mp4 is missing. The job may not "
                     "have finished; open it from My Videos to retry."));
        return false;
    }
    m_player->stop();
    showError(QString());
    m_artifacts = std::make_shared<const JobArtifacts>(std::move(loaded).value());
    m_jobDir = m_artifacts->dir();
    m_highlightedWord = -1;
    m_narrationScene = -1;
    m_scenes->setArtifacts(m_artifacts);
    m_notice->dismiss(); // news about the previous video
    m_player->setSource(QUrl::fromLocalFile(m_artifacts->videoPath()));
    setJobLoaded(true);
    onPositionChanged(0);
    return true;
}

void PlayerWidget::togglePlayPause() {
    if (m_player->source().isEmpty())
        return;
    if (m_player->playbackState() == QMediaPlayer::PlayingState)
        m_player->pause();
    else
        m_player->play();
}

void PlayerWidget::seekBy(qint64 deltaMs) {
    if (m_player->source().isEmpty() || !m_player->isSeekable())
        return;
    const qint64 end = std::max<qint64>(0, m_player->duration());
    m_player->setPosition(std::clamp<qint64>(m_player->position() + deltaMs, 0, end));
}

void PlayerWidget::setFullScreenMode(bool on) {
    if (on == m_fullScreen)
        return;
    m_fullScreen = on;
    QWidget* top = window();
    // The video takes the whole screen with its controls; the script would only
    // narrow it.
    m_sidePanel->setVisible(!on);
    if (on) {
        m_stateBeforeFullScreen = top->windowState();
        top->setWindowState(m_stateBeforeFullScreen | Qt::WindowFullScreen);
    } else {
        top->setWindowState(m_stateBeforeFullScreen & ~Qt::WindowFullScreen);
    }
    m_fullScreenButton->setIcon(
        IconSet::icon(on ? IconSet::Icon::LeaveFullScreen : IconSet::Icon::FullScreen));
    m_fullScreenButton->setToolTip(on ? tr("Leave full screen (Esc)") : tr("Full screen (F)"));
    m_fullScreenButton->setAccessibleName(m_fullScreenButton->toolTip());
    // Esc and F leave full screen wherever the focus is in the window (a click on
    // the bar or the video must not trap the user in it).
    for (QShortcut* leave : {m_leaveByEscape, m_leaveByF})
        leave->setEnabled(on);
    if (on)
        setFocus(Qt::OtherFocusReason);
    Q_EMIT fullScreenModeChanged(on);
}

QString PlayerWidget::errorText() const {
    return m_error->text();
}
QString PlayerWidget::timeText() const {
    return m_time->text();
}
QString PlayerWidget::currentSceneText() const {
    return m_sceneTitle->text();
}
QString PlayerWidget::sourcesText() const {
    return m_sources->text();
}
QVideoSink* PlayerWidget::videoSink() const {
    return m_video->videoSink();
}

QString PlayerWidget::formatTime(qint64 ms) {
    const qint64 totalSeconds = std::max<qint64>(0, ms) / 1000;
    const qint64 hours = totalSeconds / 3600;
    const qint64 minutes = (totalSeconds / 60) % 60;
    const qint64 seconds = totalSeconds % 60;
    const QString ss = QStringLiteral("%1").arg(seconds, 2, 10, QLatin1Char('0'));
    if (hours > 0)
        return QStringLiteral("%1:%2:%3").arg(hours).arg(minutes, 2, 10, QLatin1Char('0')).arg(ss);
    return QStringLiteral("%1:%2").arg(minutes).arg(ss);
}

void PlayerWidget::keyPressEvent(QKeyEvent* event) {
    if (event->modifiers() == Qt::NoModifier && handleKey(event->key()))
        event->accept();
    else
        QWidget::keyPressEvent(event);
}

void PlayerWidget::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        renderNarration(m_narrationScene, m_highlightedWord); // the marker's colours
}

bool PlayerWidget::eventFilter(QObject* watched, QEvent* event) {
    // The scene list keeps the focus after a click; the player's keys still work.
    if (watched == m_sceneList && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->modifiers() == Qt::NoModifier && handleKey(key->key()))
            return true;
    }
    return QWidget::eventFilter(watched, event);
}

bool PlayerWidget::handleKey(int key) {
    switch (key) {
    case Qt::Key_Space:
        togglePlayPause();
        return true;
    case Qt::Key_Left:
        seekBy(-kSeekStepMs);
        return true;
    case Qt::Key_Right:
        seekBy(kSeekStepMs);
        return true;
    case Qt::Key_F:
        setFullScreenMode(!m_fullScreen);
        return true;
    case Qt::Key_Escape:
        if (!m_fullScreen)
            return false; // let a dialog around the player close
        setFullScreenMode(false);
        return true;
    default:
        return false;
    }
}

void PlayerWidget::showError(const QString& message) {
    m_error->setText(message.isEmpty() ? QString() : QStringLiteral("\u26a0 ") + message);
    m_error->setVisible(!message.isEmpty());
}

void PlayerWidget::setJobLoaded(bool loaded) {
    for (QWidget* control :
         {static_cast<QWidget*>(m_playPause), static_cast<QWidget*>(m_seek),
          static_cast<QWidget*>(m_fullScreenButton), static_cast<QWidget*>(m_export),
          static_cast<QWidget*>(m_copyDescription)})
        control->setEnabled(loaded);
}

void PlayerWidget::onPositionChanged(qint64 ms) {
    if (!m_seek->isSliderDown()) {
        const QSignalBlocker blocker(m_seek);
        m_seek->setValue(int(ms));
        updateTimeLabel(ms);
    }
    m_scenes->setPosition(ms);
    updateNarration(ms);
}

void PlayerWidget::onDurationChanged(qint64 ms) {
    m_seek->setRange(0, int(ms));
    updateTimeLabel(m_player->position());
}

void PlayerWidget::onPlaybackStateChanged() {
    const bool playing = m_player->playbackState() == QMediaPlayer::PlayingState;
    m_playPause->setIcon(IconSet::icon(playing ? IconSet::Icon::Pause : IconSet::Icon::Play));
    m_playPause->setToolTip(playing ? tr("Pause (Space)") : tr("Play (Space)"));
    m_playPause->setAccessibleName(m_playPause->toolTip());
}

void PlayerWidget::onSceneChanged(int scene) {
    if (!m_artifacts || scene < 0) {
        m_sceneTitle->clear();
        m_sources->clear();
        return;
    }
    const QModelIndex index = m_scenes->index(scene);
    m_sceneList->setCurrentIndex(index);
    m_sceneList->scrollTo(index);
    m_sceneTitle->setText(tr("Scene %1 of %2 \u2014 %3")
                              .arg(scene + 1)
                              .arg(m_artifacts->sceneCount())
                              .arg(index.data(SceneListModel::HeadlineRole).toString()));
    QStringList lines;
    for (const QString& source : index.data(SceneListModel::SourcesRole).toStringList())
        lines << tr("Source: %1").arg(source);
    m_sources->setText(lines.join(QLatin1Char('\n')));
}

void PlayerWidget::updateNarration(qint64 ms) {
    if (!m_artifacts)
        return;
    const int scene = m_scenes->currentScene();
    const int spoken = m_artifacts->wordAt(ms);
    // Between words the last one stays marked, so the highlight does not flicker.
    const int word = (spoken >= 0 || scene != m_narrationScene) ? spoken : m_highlightedWord;
    if (scene == m_narrationScene && word == m_highlightedWord)
        return;
    m_narrationScene = scene;
    m_highlightedWord = word;
    renderNarration(scene, word);
}

void PlayerWidget::renderNarration(int scene, int word) {
    if (!m_artifacts)
        return;
    QStringList html;
    // The spoken word in the selection colours, which read on both themes (rich text cannot
    // take a palette role, so the colours are written in and renewed on a theme switch).
    const QString marker = palette().color(QPalette::Highlight).name();
    const QString markerText = palette().color(QPalette::HighlightedText).name();
    const QList<WordTiming>& words = m_artifacts->words();
    for (int i = 0; i < words.size(); ++i) {
        if (words[i].scene != scene)
            continue;
        const QString text = words[i].text.toHtmlEscaped();
        html << (i == word ? QStringLiteral("<span style=\"background-color:%1;"
                                            "color:%2;\"><b>%3</b></span>")
                                 .arg(marker, markerText, text)
                           : text);
    }
    if (html.isEmpty() && scene >= 0) // no timings: the plain script text
        html << m_artifacts->script().scenes.value(scene).narration.toHtmlEscaped();
    m_narration->setText(html.join(QLatin1Char(' ')));
}

void PlayerWidget::updateTimeLabel(qint64 ms) {
    m_time->setText(tr("%1 / %2").arg(formatTime(ms), formatTime(m_player->duration())));
}

void PlayerWidget::seekFromSlider() {
    m_player->setPosition(m_seek->sliderPosition());
}

void PlayerWidget::setVolumePercent(int percent) {
    if (!m_audio)
        return;
    // Sliders feel linear to the ear only on a logarithmic scale.
    m_audio->setVolume(float(QAudio::convertVolume(percent / 100.0, QAudio::LogarithmicVolumeScale,
                                                   QAudio::LinearVolumeScale)));
}

void PlayerWidget::toggleMute() {
    if (!m_audio)
        return;
    m_audio->setMuted(!m_audio->isMuted());
    m_mute->setIcon(
        IconSet::icon(m_audio->isMuted() ? IconSet::Icon::VolumeMuted : IconSet::Icon::Volume));
    m_mute->setToolTip(m_audio->isMuted() ? tr("Unmute") : tr("Mute"));
    m_mute->setAccessibleName(m_mute->toolTip());
}

void PlayerWidget::copyDescription() {
    if (!m_artifacts)
        return;
    QGuiApplication::clipboard()->setText(Exporter::description(m_artifacts->paper()));
    m_copyDescription->setText(tr("Copied \u2713"));
    QTimer::singleShot(kCopiedFeedbackMs, this,
                       [this] { m_copyDescription->setText(tr("Copy description")); });
}

} // namespace hh
