// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CaptionStyle.h"
#include "CaptionTrack.h"
#include "FrameGeometry.h"
#include "Paper.h"
#include "SceneBeats.h"
#include "script/Script.h"
#include "voice/Narration.h"

#include <QFont>
#include <QHash>
#include <QImage>
#include <QStringList>
#include <map>
#include <memory>

namespace hh {

// What the built-in motion-graphics video shows: the script, the narration's
// timings, the paper's own metadata and figures.
struct VideoContent {
    Script script;
    QList<WordTiming> words;
    QList<qint64> sceneStartMs;
    qint64 durationMs = 0;

    QString title;
    QStringList authors;
    QString journal;
    int year = 0;
    QString doi;
    QString license;

    struct FigureAsset {
        QImage image;
        QString label;
        QString caption;
    };
    QHash<QString, FigureAsset> figures; // by Figure::id
    // Scene index → the part of its figure the narration names (a lettered
    // panel), as a fraction of the picture: the scene zooms to it.
    QHash<int, QRectF> figureFocus;
    // Scene index → its beats (plans written before beats have none: the scene
    // then shows its figure or headline for its whole length).
    QHash<int, QList<SceneBeat>> beats;
    QHash<QString, QImage> pageImages; // SceneBeat::image → the page crop

    // Scenes shown as a video clip (a cloud provider's) instead of the built-in
    // drawing: scene index → MP4 path. Captions, progress bar and end card are
    // drawn over the clip as over any scene.
    QHash<int, QString> clips;
};

class ClipDecoder;

// Fills `content`'s scene starts, clips, figures, focus and beats from a
// scenes/plan.json and the media beside it in `scenesDir`.
void applyScenePlan(const QJsonObject& plan, const QString& scenesDir, VideoContent& content);

// Everything the compositor draws of one video: the paper's metadata, the script,
// the narration's words and length, and the plan's scenes, beats and media. Scene
// starts come from the narration when the plan lacks them.
VideoContent videoContentFor(const Paper& paper, const Script& script, const Narration& narration,
                             const QJsonObject& plan, const QString& scenesDir);

// Draws every frame of the built-in video with QPainter: a title card, headline
// cards whose key numbers count up, the paper's figures with label and caption
// under a gentle zoom, crossfades between scenes, a slim progress bar, an end
// card with the full citation, and word-by-word captions inside the safe zones.
// A scene with a clip (VideoContent::clips) shows the clip instead, fitted to
// the frame, with the same crossfades, captions, progress bar and end card.
// Frames are a pure function of their index, so any frame can be drawn alone
// (thumbnails, tests, the caption-style preview) and frames could be drawn in parallel.
class Compositor {
public:
    Compositor(VideoContent content, FrameGeometry geometry, int fps = 30,
               CaptionStyle captionStyle = CaptionStyle::Highlight);
    ~Compositor();
    Compositor(const Compositor&) = delete;
    Compositor& operator=(const Compositor&) = delete;

    int frameCount() const;
    int fps() const { return m_fps; }
    const FrameGeometry& geometry() const { return m_geometry; }
    const CaptionTrack& captions() const { return *m_captions; }
    CaptionStyle captionStyle() const { return m_captionStyle; }
    qint64 frameTimeMs(int frame) const;

    QImage renderFrame(int frame);
    // One scene's built-in look, once its key number has counted up, without
    // captions, progress bar or end card: the still a video provider animates.
    QImage renderKeyframe(int scene);

    // Layout facts that tests and the thumbnail use.
    int sceneAt(qint64 ms) const;
    qint64 endCardStartMs() const { return m_endCardStartMs; }
    QRect titleRect() const;
    QFont titleFont() const;
    QFont captionFont() const; // depends on the caption style
    static QColor backgroundTop();
    static QColor highlightColor();

    // What the measurements of a video use: every moment the picture visibly
    // changes (cuts, camera moves, lines lit, terms entering), and for each scene
    // the share of the safe area above the captions its content covers (0–1),
    // averaged over the scene's time.
    QList<qint64> changeTimes() const;
    QList<double> sceneCoverage() const;
    // The card a beat's content is drawn in (tests check what lands inside it).
    QRect beatCard(int scene, const SceneBeat& beat) const;
    // Where on the frame a page beat's sentence box `box` is drawn at `ms`.
    QRectF pageBoxOnFrame(int scene, const SceneBeat& beat, int box, qint64 ms) const;

private:
    struct Layer;
    void drawBackground(QPainter& p, qint64 ms) const;
    void drawScene(QPainter& p, int scene, qint64 msIntoScene);
    void drawBuiltInScene(QPainter& p, int scene, qint64 msIntoScene);
    bool drawClip(QPainter& p, int scene, qint64 msIntoScene);
    void drawEndCard(QPainter& p, qint64 msIntoCard);
    void drawCaptions(QPainter& p, qint64 ms);
    void drawProgress(QPainter& p, qint64 ms) const;
    const QImage& captionImage(int cue, int activeWord);
    void paintCaptionLines(QPainter& p, const CaptionCue& cue, int activeWord, int areaWidth,
                           int areaHeight) const;
    const QImage& staticSceneLayer(int scene);
    // The paper's title and, under it, where it was published (and by whom).
    void drawTitleBlock(QPainter& p, bool withAuthors) const;
    QRect contentRect() const;
    QRect safeAboveCaptions() const;
    bool drawBeats(QPainter& p, int scene, qint64 ms);
    void drawBeat(QPainter& p, int scene, int beatIndex, qint64 ms);
    void paintBeat(QPainter& p, int scene, int beatIndex, qint64 ms);
    QRect beatRegion() const;
    quint64 beatState(int scene, const SceneBeat& beat, qint64 ms) const;
    const QImage& beatLayer(int scene, int beatIndex);
    QRectF cameraAt(const SceneBeat& beat, qint64 ms, const QList<QRectF>& states) const;
    QList<QRectF> pageCameraStates(const SceneBeat& beat, const QSize& area) const;
    QRect figureImageArea(const QRect& card) const;
    double beatCoverage(int scene, const SceneBeat& beat) const;

    VideoContent m_content;
    FrameGeometry m_geometry;
    int m_fps = 30;
    CaptionStyle m_captionStyle = CaptionStyle::Highlight;
    qint64 m_endCardStartMs = 0;
    std::unique_ptr<CaptionTrack> m_captions;
    QImage m_background;
    QHash<int, QImage> m_sceneLayers;
    QHash<QString, QImage> m_fittedFigures;
    QHash<quint64, QImage> m_captionCache;
    QImage m_endCardLayer;
    QHash<quint64, QImage> m_beatLayers;    // (scene, beat) → its still parts
    QHash<QString, QImage> m_cameraFigures; // figure id → scaled for the camera
    // The last picture of the two latest beats, reused while their state holds.
    struct BeatPicture {
        int scene = -1;
        int beat = -1;
        quint64 state = 0;
        quint64 used = 0;
        QImage image;
    };
    BeatPicture m_beatPictures[2];
    quint64 m_beatPictureClock = 0;
    std::map<int, std::unique_ptr<ClipDecoder>> m_clipDecoders;
    QHash<int, QString> m_clipErrors; // scenes whose clip cannot be shown: built-in instead
};

} // namespace hh
