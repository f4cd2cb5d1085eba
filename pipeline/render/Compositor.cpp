// SPDX-License-Identifier: GPL-3.0-or-later
#include "Compositor.h"

#include "ClipDecoder.h"

#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QRadialGradient>
#include <QRegularExpression>
#include <QTextLayout>
#include <QTextOption>
#include <algorithm>
#include <cmath>

namespace hh {

namespace {

constexpr qint64 kCrossfadeMs = 300;
constexpr qint64 kEndCardMinMs = 3500;
constexpr qint64 kEndCardRevealMs = 900;
constexpr qint64 kCountUpMs = 900;
constexpr double kMaxZoom = 1.05; // gentle push-in on figures
const QColor kAccent(0xFF, 0xD5, 0x4A);
const QColor kText(0xF5, 0xF7, 0xFA);
const QColor kMuted(0xA9, 0xB8, 0xC9);
const QString kFamily = QStringLiteral("DejaVu Sans");
constexpr int kBoxPadX = 30; // Boxed captions: the box's padding around the text
constexpr int kBoxPadY = 14;

QFont font(int pixelSize, bool bold) {
    QFont f(kFamily);
    f.setPixelSize(pixelSize);
    f.setBold(bold);
    f.setHintingPreference(QFont::PreferNoHinting);
    return f;
}

double easeOutCubic(double x) {
    x = std::clamp(x, 0.0, 1.0);
    return 1.0 - std::pow(1.0 - x, 3.0);
}

// "44,770 rpm" → prefix "", number 44770, decimals 0, grouping on, suffix " rpm".
double easeInOutCubic(double t) {
    return t < 0.5 ? 4 * t * t * t : 1 - std::pow(-2 * t + 2, 3) / 2;
}

// How long the camera takes to move from a whole figure to the panel it names.
constexpr qint64 kPanelMoveMs = 900;

struct AnimatedNumber {
    bool valid = false;
    QString prefix;
    double value = 0;
    int decimals = 0;
    bool grouping = false;
    QString suffix;

    static AnimatedNumber parse(const QString& text) {
        static const QRegularExpression re(
            QStringLiteral("^(.*?)(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?(.*)$"));
        const auto m = re.match(text);
        AnimatedNumber n;
        if (!m.hasMatch())
            return n;
        n.valid = true;
        n.prefix = m.captured(1);
        QString whole = m.captured(2);
        n.grouping = whole.contains(QLatin1Char(','));
        whole.remove(QLatin1Char(','));
        n.decimals = int(m.captured(3).size());
        n.value = (whole + (n.decimals ? QLatin1Char('.') + m.captured(3) : QString())).toDouble();
        n.suffix = m.captured(4);
        return n;
    }

    QString format(double fraction) const {
        const double shown = value * fraction;
        QString digits = QString::number(shown, 'f', decimals);
        if (grouping) {
            const int dot = digits.indexOf(QLatin1Char('.'));
            int pos = (dot < 0 ? int(digits.size()) : dot) - 3;
            while (pos > 0) {
                digits.insert(pos, QLatin1Char(','));
                pos -= 3;
            }
        }
        return prefix + digits + suffix;
    }
};

// Lays out wrapped text in a rectangle, shrinking the font until it fits.
QFont fittedFont(const QString& text, QFont f, const QRect& rect, int minPixelSize) {
    // The same text in the same box gets the same size on every frame it is drawn:
    // measured once (the measuring wraps the text at every size it tries).
    thread_local QHash<QString, int> fitted;
    const QString key = text + QLatin1Char('\x1f') + QString::number(f.pixelSize()) +
                        QLatin1Char('/') + QString::number(f.bold()) + QLatin1Char('/') +
                        QString::number(rect.width()) + QLatin1Char('x') +
                        QString::number(rect.height()) + QLatin1Char('/') +
                        QString::number(minPixelSize);
    if (const auto it = fitted.constFind(key); it != fitted.cend()) {
        f.setPixelSize(it.value());
        return f;
    }
    if (fitted.size() > 512)
        fitted.clear();
    while (f.pixelSize() > minPixelSize) {
        const QFontMetrics fm(f);
        const QRect needed =
            fm.boundingRect(rect, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, text);
        if (needed.height() <= rect.height() && needed.width() <= rect.width())
            break;
        f.setPixelSize(f.pixelSize() - 2);
    }
    fitted.insert(key, f.pixelSize());
    return f;
}

void drawPill(QPainter& p, const QPoint& topLeft, const QString& text, const QColor& fill,
              const QColor& ink) {
    const QFont f = font(30, true);
    const QFontMetrics fm(f);
    const QRect textRect(topLeft + QPoint(22, 10), QSize(fm.horizontalAdvance(text), fm.height()));
    p.setPen(Qt::NoPen);
    p.setBrush(fill);
    p.drawRoundedRect(textRect.adjusted(-22, -10, 22, 10), 26, 26);
    p.setFont(f);
    p.setPen(ink);
    p.drawText(textRect, Qt::AlignCenter, text);
}

QString authorLine(const QStringList& authors) {
    if (authors.isEmpty())
        return {};
    if (authors.size() > 3)
        return authors.first() + QStringLiteral(" et al.");
    if (authors.size() == 1)
        return authors.first();
    return QStringList(authors.mid(0, authors.size() - 1)).join(QStringLiteral(", ")) +
           QStringLiteral(" & ") + authors.last();
}

QString sceneTag(const Scene& scene) {
    if (scene.kind == QLatin1String("hook"))
        return QStringLiteral("NEW STUDY");
    if (scene.kind == QLatin1String("closing"))
        return QStringLiteral("THE TAKEAWAY");
    return QStringLiteral("FROM THE PAPER");
}

} // namespace

QColor Compositor::backgroundTop() {
    return QColor(0x0B, 0x16, 0x30);
}
QColor Compositor::highlightColor() {
    return kAccent;
}

Compositor::Compositor(VideoContent content, FrameGeometry geometry, int fps,
                       CaptionStyle captionStyle)
    : m_content(std::move(content))
    , m_geometry(std::move(geometry))
    , m_fps(fps)
    , m_captionStyle(captionStyle) {
    // The box of the Boxed style needs its padding inside the caption area on both sides.
    const int margin = m_captionStyle == CaptionStyle::Boxed ? 2 * (kBoxPadX + 4) : 20;
    m_captions = std::make_unique<CaptionTrack>(m_content.words, captionFont(),
                                                m_geometry.captions.width() - margin, 32,
                                                m_content.durationMs);

    const qint64 lastSceneStart =
        m_content.sceneStartMs.isEmpty() ? 0 : m_content.sceneStartMs.last();
    // The citation is always on screen for the last few seconds, over the closing line.
    // It covers the last scene's end only, so the closing line's visuals show first.
    m_endCardStartMs = std::max<qint64>(
        0, std::min(std::max(lastSceneStart, m_content.durationMs - kEndCardMinMs - 1000),
                    m_content.durationMs - kEndCardMinMs));
    if (m_content.sceneStartMs.size() <= 1)
        m_endCardStartMs =
            std::max<qint64>(m_content.durationMs / 2, m_content.durationMs - kEndCardMinMs);

    // Background: a deep gradient with two soft glows, taller than the frame so it can drift.
    const QSize size = m_geometry.size;
    m_background = QImage(size.width(), size.height() + 160, QImage::Format_RGB32);
    QPainter p(&m_background);
    QLinearGradient gradient(0, 0, 0, m_background.height());
    gradient.setColorAt(0, backgroundTop());
    gradient.setColorAt(1, QColor(0x10, 0x3A, 0x4F));
    p.fillRect(m_background.rect(), gradient);
    p.setRenderHint(QPainter::Antialiasing);
    const auto glow = [&p](QPointF centre, double radius, QColor colour) {
        QRadialGradient g(centre, radius);
        g.setColorAt(0, colour);
        colour.setAlpha(0);
        g.setColorAt(1, colour);
        p.setPen(Qt::NoPen);
        p.setBrush(g);
        p.drawEllipse(centre, radius, radius);
    };
    glow(QPointF(size.width() * 0.85, size.height() * 0.18), size.width() * 0.6,
         QColor(0x2F, 0x80, 0xED, 70));
    glow(QPointF(size.width() * 0.1, size.height() * 0.75), size.width() * 0.7,
         QColor(0x00, 0xB3, 0x8A, 50));
}

Compositor::~Compositor() = default;

int Compositor::frameCount() const {
    return int((m_content.durationMs * m_fps + 999) / 1000);
}

qint64 Compositor::frameTimeMs(int frame) const {
    return qint64(frame) * 1000 / m_fps;
}

int Compositor::sceneAt(qint64 ms) const {
    int scene = 0;
    for (int i = 0; i < m_content.sceneStartMs.size(); ++i) {
        if (m_content.sceneStartMs[i] <= ms)
            scene = i;
    }
    return scene;
}

QFont Compositor::titleFont() const {
    return font(58, true);
}
QFont Compositor::captionFont() const {
    switch (m_captionStyle) {
    case CaptionStyle::Boxed:
        return font(60, true);
    case CaptionStyle::Minimal:
        return font(48, false); // quieter: smaller and regular weight
    case CaptionStyle::Highlight:
        break;
    }
    return font(64, true);
}

QRect Compositor::contentRect() const {
    const QRect& safe = m_geometry.safe;
    const int top = safe.top() + 70;
    return QRect(safe.left(), top, safe.width(), m_geometry.captions.top() - 30 - top);
}

QRect Compositor::titleRect() const {
    const QRect content = contentRect();
    return QRect(content.left(), content.top(), content.width(), int(content.height() * 0.42));
}

void Compositor::drawBackground(QPainter& p, qint64 ms) const {
    const double phase = std::sin(2.0 * M_PI * double(ms) / 14000.0);
    const int offset = 80 + int(std::lround(70 * phase));
    p.setCompositionMode(QPainter::CompositionMode_Source);
    p.drawImage(QPoint(0, 0), m_background,
                QRect(0, offset, m_geometry.size.width(), m_geometry.size.height()));
    p.setCompositionMode(QPainter::CompositionMode_SourceOver);
}

const QImage& Compositor::staticSceneLayer(int sceneIndex) {
    auto it = m_sceneLayers.find(sceneIndex);
    if (it != m_sceneLayers.end())
        return it.value();
    QImage layer(m_geometry.size, QImage::Format_ARGB32_Premultiplied);
    layer.fill(Qt::transparent);
    QPainter p(&layer);
    p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing |
                     QPainter::SmoothPixmapTransform);
    const Scene& scene = m_content.script.scenes.at(sceneIndex);
    const QRect content = contentRect();
    drawPill(p, QPoint(m_geometry.safe.left(), m_geometry.safe.top()), sceneTag(scene), kAccent,
             backgroundTop());

    if (sceneIndex == 0)
        drawTitleBlock(p, false); // title card: the paper's own title, and where it was published

    const auto figure = m_content.figures.constFind(scene.figure);
    if (!scene.figure.isEmpty() && figure != m_content.figures.cend() && !figure->image.isNull()) {
        // Figure card: light background, the whole figure, its label and caption.
        const QRect card =
            sceneIndex == 0
                ? QRect(content.left(), titleRect().bottom() + 70, content.width(),
                        content.bottom() - titleRect().bottom() - 70)
                : QRect(content.left(), content.top() + 20, content.width(), content.height() - 20);
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0xFB, 0xFB, 0xF8));
        p.drawRoundedRect(card, 28, 28);
        const QFont captionFontSmall = font(28, false);
        const QFontMetrics cfm(captionFontSmall);
        const int captionHeight = cfm.lineSpacing() * 2 + 50;
        const QRect imageArea = card.adjusted(28, 28, -28, -captionHeight);
        const QString text = figure->label.isEmpty()
                                 ? figure->caption
                                 : figure->label + QStringLiteral(". ") + figure->caption;
        p.setFont(font(28, true));
        p.setPen(QColor(0x1B, 0x25, 0x38));
        const QRect captionRect(card.left() + 28, card.bottom() - captionHeight + 14,
                                card.width() - 56, captionHeight - 28);
        // Two lines at most; word wrap loses a little width at each line end.
        const QString elided =
            QFontMetrics(font(28, true))
                .elidedText(text, Qt::ElideRight, int(captionRect.width() * 1.75));
        p.drawText(captionRect, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, elided);
        m_fittedFigures.insert(scene.figure + QLatin1Char('#') + QString::number(sceneIndex),
                               // Fitted with room for the push-in, so no edge is ever cut off.
                               figure->image.scaled(imageArea.size() / kMaxZoom,
                                                    Qt::KeepAspectRatio, Qt::SmoothTransformation));
    } else if (!AnimatedNumber::parse(scene.headline).valid && sceneIndex != 0) {
        // A phrase headline: big, static, in the middle of the content area.
        const QRect rect(content.left(), content.top() + content.height() / 4, content.width(),
                         content.height() / 2);
        const QFont f = fittedFont(scene.headline, font(96, true), rect, 48);
        p.setFont(f);
        p.setPen(kText);
        p.drawText(rect, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignVCenter, scene.headline);
    }
    p.end();
    return m_sceneLayers.insert(sceneIndex, layer).value();
}

void Compositor::drawScene(QPainter& p, int sceneIndex, qint64 msIntoScene) {
    if (m_content.clips.contains(sceneIndex) && drawClip(p, sceneIndex, msIntoScene))
        return;
    drawBuiltInScene(p, sceneIndex, msIntoScene);
}

bool Compositor::drawClip(QPainter& p, int sceneIndex, qint64 msIntoScene) {
    if (m_clipErrors.contains(sceneIndex))
        return false;
    auto it = m_clipDecoders.find(sceneIndex);
    if (it == m_clipDecoders.end()) {
        // Frames come in order: decoders of scenes two behind are done with.
        m_clipDecoders.erase(m_clipDecoders.begin(), m_clipDecoders.lower_bound(sceneIndex - 1));
        auto decoder = std::make_unique<ClipDecoder>();
        if (Error e = decoder->open(m_content.clips.value(sceneIndex), m_geometry.size, m_fps);
            e.isError()) {
            qWarning("scene %d shows its built-in look: %s", sceneIndex + 1, qPrintable(e.message));
            m_clipErrors.insert(sceneIndex, e.message);
            return false;
        }
        it = m_clipDecoders.emplace(sceneIndex, std::move(decoder)).first;
    }
    auto picture = it->second->frame(int(msIntoScene * m_fps / 1000));
    if (!picture) {
        qWarning("scene %d shows its built-in look: %s", sceneIndex + 1,
                 qPrintable(picture.error().message));
        m_clipErrors.insert(sceneIndex, picture.error().message);
        m_clipDecoders.erase(it);
        return false;
    }
    p.drawImage(QPoint(0, 0), picture.value());
    return true;
}

void Compositor::drawBuiltInScene(QPainter& p, int sceneIndex, qint64 msIntoScene) {
    if (drawBeats(p, sceneIndex, m_content.sceneStartMs.value(sceneIndex) + msIntoScene))
        return;
    const Scene& scene = m_content.script.scenes.at(sceneIndex);
    p.drawImage(QPoint(0, 0), staticSceneLayer(sceneIndex));
    const QRect content = contentRect();

    const auto fitted =
        m_fittedFigures.constFind(scene.figure + QLatin1Char('#') + QString::number(sceneIndex));
    if (fitted != m_fittedFigures.cend()) {
        // Gentle push-in: at most 5% over the scene, so no axis label is lost.
        const qint64 sceneLength =
            std::max<qint64>(1, (sceneIndex + 1 < m_content.sceneStartMs.size()
                                     ? m_content.sceneStartMs[sceneIndex + 1]
                                     : m_content.durationMs) -
                                    m_content.sceneStartMs.value(sceneIndex));
        const double zoom =
            1.0 +
            (kMaxZoom - 1.0) * std::clamp(double(msIntoScene) / double(sceneLength), 0.0, 1.0);
        const QRect card =
            sceneIndex == 0
                ? QRect(content.left(), titleRect().bottom() + 70, content.width(),
                        content.bottom() - titleRect().bottom() - 70)
                : QRect(content.left(), content.top() + 20, content.width(), content.height() - 20);
        const QFontMetrics cfm(font(28, false));
        const QRect imageArea = card.adjusted(28, 28, -28, -(cfm.lineSpacing() * 2 + 50));
        const QSizeF shown = QSizeF(fitted->size()) * zoom;
        QRectF target(imageArea.center().x() - shown.width() / 2.0,
                      imageArea.center().y() - shown.height() / 2.0, shown.width(), shown.height());
        // The panel the narration names: the whole figure first, then the camera
        // moves in until the panel fills the card (a visible change mid-scene).
        const auto focus = m_content.figureFocus.constFind(sceneIndex);
        if (focus != m_content.figureFocus.cend()) {
            const qint64 moveStart = sceneLength * 35 / 100;
            const double t = easeInOutCubic(
                std::clamp(double(msIntoScene - moveStart) / double(kPanelMoveMs), 0.0, 1.0));
            const QRectF whole(imageArea.center().x() - fitted->width() / 2.0,
                               imageArea.center().y() - fitted->height() / 2.0, fitted->width(),
                               fitted->height());
            // The panel at its size in `whole`, scaled to fill the card.
            const QRectF panel(whole.left() + focus->x() * whole.width(),
                               whole.top() + focus->y() * whole.height(),
                               focus->width() * whole.width(), focus->height() * whole.height());
            const double fill = std::min(double(imageArea.width()) / panel.width(),
                                         double(imageArea.height()) / panel.height());
            const double scale = 1.0 + (fill - 1.0) * t;
            // Keep the panel's centre moving to the card's centre as the scale grows.
            const QPointF from = whole.center();
            const QPointF to =
                QPointF(imageArea.center()) + (whole.center() - panel.center()) * fill;
            const QPointF centre = from + (to - from) * t;
            target = QRectF(centre.x() - whole.width() * scale / 2.0,
                            centre.y() - whole.height() * scale / 2.0, whole.width() * scale,
                            whole.height() * scale);
        }
        p.save();
        p.setClipRect(imageArea);
        p.setRenderHint(QPainter::SmoothPixmapTransform, true);
        p.drawImage(target, *fitted);
        p.restore();
        return;
    }

    const AnimatedNumber number = AnimatedNumber::parse(scene.headline);
    if (number.valid) {
        // The key number counts up at the start of its scene.
        const double t = easeOutCubic(double(msIntoScene) / double(kCountUpMs));
        const QRect rect = sceneIndex == 0
                               ? QRect(content.left(), titleRect().bottom() + 90, content.width(),
                                       content.bottom() - titleRect().bottom() - 90)
                               : QRect(content.left(), content.top() + content.height() / 5,
                                       content.width(), content.height() * 3 / 5);
        const QString shown = number.format(t);
        const QString finalText = number.format(1.0);
        // Size from the final text so the number does not jump while counting.
        QFont f = font(sceneIndex == 0 ? 120 : 150, true);
        while (QFontMetrics(f).horizontalAdvance(finalText) > rect.width() && f.pixelSize() > 40)
            f.setPixelSize(f.pixelSize() - 4);
        p.setFont(f);
        p.setPen(kAccent);
        p.drawText(rect, Qt::AlignLeft | Qt::AlignVCenter, shown);
    } else if (sceneIndex == 0 && !scene.headline.isEmpty()) {
        const QRect rect(content.left(), titleRect().bottom() + 90, content.width(),
                         content.bottom() - titleRect().bottom() - 90);
        QFont f = fittedFont(scene.headline, font(84, true), rect, 40);
        p.setFont(f);
        p.setPen(kAccent);
        p.drawText(rect, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignVCenter, scene.headline);
    }
}

void Compositor::drawEndCard(QPainter& p, qint64 msIntoCard) {
    if (m_endCardLayer.isNull()) {
        m_endCardLayer = QImage(m_geometry.size, QImage::Format_ARGB32_Premultiplied);
        m_endCardLayer.fill(Qt::transparent);
        QPainter e(&m_endCardLayer);
        e.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        const QRect content = contentRect();
        e.setPen(Qt::NoPen);
        e.setBrush(QColor(0x08, 0x10, 0x24, 235));
        e.drawRoundedRect(content.adjusted(-20, -10, 20, 10), 32, 32);
        drawPill(e, QPoint(m_geometry.safe.left(), m_geometry.safe.top()),
                 QStringLiteral("READ THE PAPER"), kAccent, backgroundTop());
        const QRect inner = content.adjusted(20, 30, -20, -30);
        const QRect titleArea(inner.left(), inner.top(), inner.width(), int(inner.height() * 0.45));
        const QFont tf = fittedFont(m_content.title, font(52, true), titleArea, 30);
        e.setFont(tf);
        e.setPen(kText);
        const QRect usedTitle = QFontMetrics(tf).boundingRect(
            titleArea, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, m_content.title);
        e.drawText(titleArea, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, m_content.title);

        QStringList lines;
        if (!m_content.authors.isEmpty())
            lines << authorLine(m_content.authors);
        QStringList venue;
        if (!m_content.journal.isEmpty())
            venue << m_content.journal;
        if (m_content.year > 0)
            venue << QString::number(m_content.year);
        if (!venue.isEmpty())
            lines << venue.join(QStringLiteral(", "));
        if (!m_content.doi.isEmpty())
            lines << QStringLiteral("doi.org/") + m_content.doi;
        lines << (m_content.license.isEmpty() ? QStringLiteral("Licence: see the publisher")
                                              : m_content.license);
        int y = usedTitle.bottom() + 40;
        const QFont lf = font(34, false);
        const QFontMetrics lfm(lf);
        e.setFont(lf);
        for (int i = 0; i < lines.size(); ++i) {
            e.setPen(i == lines.size() - 1 ? kAccent : kMuted);
            const QRect lineRect(inner.left(), y, inner.width(), lfm.height() * 2 + 4);
            // A long DOI has no space to wrap at: it wraps anywhere rather than lose its end.
            const int wrap =
                lines[i].contains(QLatin1Char(' ')) ? Qt::TextWordWrap : Qt::TextWrapAnywhere;
            const QRect used = lfm.boundingRect(lineRect, wrap | Qt::AlignLeft, lines[i]);
            e.drawText(lineRect, wrap | Qt::AlignLeft, lines[i]);
            y += std::min(used.height(), lineRect.height()) + 16;
        }
    }
    p.save();
    p.setOpacity(std::clamp(double(msIntoCard) / double(kCrossfadeMs), 0.0, 1.0));
    // The card unrolls from the top, line after line.
    const double reveal = easeOutCubic(double(msIntoCard) / double(kEndCardRevealMs));
    p.setClipRect(QRect(0, 0, m_geometry.size.width(),
                        int(m_geometry.safe.top() + reveal * m_geometry.size.height())));
    p.drawImage(QPoint(0, 0), m_endCardLayer);
    p.restore();
}

const QImage& Compositor::captionImage(int cueIndex, int activeWord) {
    if (m_captionStyle == CaptionStyle::Minimal)
        activeWord = -1; // no highlight: one image per cue is enough
    const quint64 key = (quint64(quint32(cueIndex)) << 32) | quint32(activeWord + 1);
    auto it = m_captionCache.find(key);
    if (it != m_captionCache.end())
        return it.value();
    if (m_captionCache.size() > 64) // only the current cue's states are ever needed again
        m_captionCache.clear();

    const QRect area = m_geometry.captions;
    QImage image(area.size(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    paintCaptionLines(p, m_captions->cues().at(cueIndex), activeWord, area.width(), area.height());
    p.end();
    return m_captionCache.insert(key, image).value();
}

void Compositor::paintCaptionLines(QPainter& p, const CaptionCue& cue, int activeWord,
                                   int areaWidth, int areaHeight) const {
    const QFont f = captionFont();
    const QFontMetrics fm(f);
    const int lineHeight = fm.lineSpacing() + 8;
    const int totalHeight = lineHeight * int(cue.lines.size());
    const int top = (areaHeight - totalHeight) / 2;
    const int space = fm.horizontalAdvance(QLatin1Char(' '));
    const auto lineWidth = [&](const QList<int>& line) {
        int width = 0;
        for (int index : line)
            width += fm.horizontalAdvance(m_captions->words().at(index).text) + (width ? space : 0);
        return width;
    };

    if (m_captionStyle == CaptionStyle::Boxed) {
        // One dark box behind the whole cue keeps it readable over light figure cards.
        int widest = 0;
        for (const auto& line : cue.lines)
            widest = std::max(widest, lineWidth(line));
        const QRect box((areaWidth - widest) / 2 - kBoxPadX, top - kBoxPadY, widest + 2 * kBoxPadX,
                        totalHeight - 8 + 2 * kBoxPadY);
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0x08, 0x10, 0x24, 215));
        p.drawRoundedRect(box, 26, 26);
    }

    const QPen outline(QColor(0, 0, 0, 235), 12, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    int y = top + fm.ascent();
    for (const auto& line : cue.lines) {
        int x = (areaWidth - lineWidth(line)) / 2;
        for (int index : line) {
            const QString& text = m_captions->words().at(index).text;
            const int advance = fm.horizontalAdvance(text);
            QPainterPath path;
            path.addText(QPointF(x, y), f, text);
            switch (m_captionStyle) {
            case CaptionStyle::Highlight:
                p.strokePath(path, outline);
                p.fillPath(path, index == activeWord ? kAccent : QColor(Qt::white));
                break;
            case CaptionStyle::Boxed:
                if (index == activeWord) {
                    // The spoken word sits on an accent pill in the box's own dark ink.
                    p.setPen(Qt::NoPen);
                    p.setBrush(kAccent);
                    p.drawRoundedRect(QRect(x - 10, y - fm.ascent() - 2, advance + 20,
                                            fm.ascent() + fm.descent() + 4),
                                      14, 14);
                }
                p.fillPath(path, index == activeWord ? backgroundTop() : QColor(Qt::white));
                break;
            case CaptionStyle::Minimal:
                p.fillPath(path.translated(2, 3), QColor(0, 0, 0, 160));
                p.fillPath(path, QColor(Qt::white));
                break;
            }
            x += advance + space;
        }
        y += lineHeight;
    }
}

void Compositor::drawCaptions(QPainter& p, qint64 ms) {
    const int cue = m_captions->cueAt(ms);
    if (cue < 0)
        return;
    const int word = m_captions->activeWordAt(ms);
    p.drawImage(m_geometry.captions.topLeft(), captionImage(cue, word));
}

void Compositor::drawProgress(QPainter& p, qint64 ms) const {
    const QRect& safe = m_geometry.safe;
    const QRect track(safe.left(), safe.top() - 40, safe.width(), 6);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(255, 255, 255, 60));
    p.drawRoundedRect(track, 3, 3);
    const double fraction = m_content.durationMs > 0
                                ? std::clamp(double(ms) / double(m_content.durationMs), 0.0, 1.0)
                                : 0.0;
    p.setBrush(kAccent);
    p.drawRoundedRect(
        QRect(track.left(), track.top(), int(track.width() * fraction), track.height()), 3, 3);
}

QImage Compositor::renderKeyframe(int sceneIndex) {
    QImage image(m_geometry.size, QImage::Format_RGB32);
    const qint64 into = kCountUpMs;
    QPainter p(&image);
    p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    drawBackground(p, m_content.sceneStartMs.value(sceneIndex) + into);
    if (sceneIndex >= 0 && sceneIndex < m_content.script.scenes.size())
        drawBuiltInScene(p, sceneIndex, into);
    p.end();
    return image;
}

QImage Compositor::renderFrame(int frame) {
    QImage image(m_geometry.size, QImage::Format_RGB32);
    const qint64 ms = frameTimeMs(frame);
    QPainter p(&image);
    p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    drawBackground(p, ms);

    if (!m_content.script.scenes.isEmpty()) {
        const int scene = sceneAt(ms);
        const qint64 sceneStart = m_content.sceneStartMs.value(scene);
        const qint64 into = ms - sceneStart;
        const bool endCard = ms >= m_endCardStartMs;
        const bool fading = scene > 0 && into < kCrossfadeMs;
        if (!endCard || ms - m_endCardStartMs < kCrossfadeMs) {
            if (fading) {
                p.save();
                p.setOpacity(1.0 - double(into) / double(kCrossfadeMs));
                drawScene(p, scene - 1, ms - m_content.sceneStartMs.value(scene - 1));
                p.restore();
                p.save();
                p.setOpacity(double(into) / double(kCrossfadeMs));
                drawScene(p, scene, into);
                p.restore();
            } else {
                drawScene(p, scene, into);
            }
        }
        if (endCard)
            drawEndCard(p, ms - m_endCardStartMs);
    }
    drawProgress(p, ms);
    drawCaptions(p, ms);
    p.end();
    return image;
}

// ---- Beats: a scene as a few visuals drawn from the paper ----

namespace {

constexpr qint64 kBeatFadeMs = 220;   // a cut inside a scene, softened
constexpr qint64 kCameraMoveMs = 700; // one camera step
constexpr qint64 kLightMs = 150;      // a line of the page being marked
constexpr qint64 kTermEnterMs = 300;
constexpr qint64 kBarGrowMs = 700;
const QColor kPaper(0xFB, 0xFB, 0xF8);
const QColor kInk(0x1B, 0x25, 0x38);
const QColor kInkMuted(0x6B, 0x75, 0x86);
const QColor kMarker(0xFF, 0xD5, 0x4A);
const QColor kPanel(255, 255, 255, 22);

quint64 layerKey(int scene, int beat, int variant) {
    return (quint64(quint32(scene)) << 32) | (quint64(quint32(beat) & 0xFFFF) << 16) |
           quint64(quint32(variant) & 0xFFFF);
}

// `view` (a fraction of `image`) drawn to fill `area` as far as its aspect allows.
QRectF imageTarget(const QSizeF& image, const QRectF& view, const QRectF& area) {
    const QRectF px(view.x() * image.width(), view.y() * image.height(),
                    view.width() * image.width(), view.height() * image.height());
    const double scale = std::min(area.width() / std::max(1.0, px.width()),
                                  area.height() / std::max(1.0, px.height()));
    const QPointF topLeft = area.center() - px.center() * scale;
    return QRectF(topLeft, image * scale);
}

QRectF lerp(const QRectF& a, const QRectF& b, double t) {
    return QRectF(a.x() + (b.x() - a.x()) * t, a.y() + (b.y() - a.y()) * t,
                  a.width() + (b.width() - a.width()) * t,
                  a.height() + (b.height() - a.height()) * t);
}

// A view of `aspect` (width/height, in the picture's pixels) around `centre`,
// `width` wide (fraction), kept inside the picture.
QRectF viewAround(QPointF centre, double width, double areaAspect, const QSizeF& image) {
    width = std::clamp(width, 0.2, 1.0);
    double height = width * image.width() / areaAspect / image.height();
    if (height > 1.0) {
        width /= height;
        height = 1.0;
    }
    const double x = std::clamp(centre.x() - width / 2, 0.0, 1.0 - width);
    const double y = std::clamp(centre.y() - height / 2, 0.0, 1.0 - height);
    return QRectF(x, y, width, height);
}

void drawCardLabel(QPainter& p, const QRect& card, const QString& text, const QColor& ink) {
    if (text.isEmpty())
        return;
    const QFont f = font(26, true);
    p.setFont(f);
    p.setPen(ink);
    const QFontMetrics fm(f);
    p.drawText(QRect(card.left() + 28, card.top() + 18, card.width() - 56, fm.height()),
               Qt::AlignLeft | Qt::AlignVCenter,
               fm.elidedText(text, Qt::ElideRight, card.width() - 56));
}

} // namespace

QRect Compositor::safeAboveCaptions() const {
    const QRect& safe = m_geometry.safe;
    return QRect(safe.left(), safe.top(), safe.width(), m_geometry.captions.top() - safe.top());
}

QRect Compositor::beatCard(int scene, const SceneBeat& beat) const {
    // Every kind fills the content area today; the arguments let a kind differ.
    Q_UNUSED(scene);
    Q_UNUSED(beat);
    return contentRect();
}

void Compositor::drawTitleBlock(QPainter& p, bool withAuthors) const {
    const QRect rect = titleRect();
    const QFont f = fittedFont(m_content.title, titleFont(), rect, 34);
    p.setFont(f);
    p.setPen(kText);
    const QRect used = QFontMetrics(f).boundingRect(
        rect, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, m_content.title);
    p.drawText(rect, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, m_content.title);
    QStringList venue;
    if (withAuthors && !m_content.authors.isEmpty())
        venue << authorLine(m_content.authors);
    if (!m_content.journal.isEmpty())
        venue << m_content.journal;
    if (m_content.year > 0)
        venue << QString::number(m_content.year);
    p.setFont(font(32, false));
    p.setPen(kMuted);
    const QFontMetrics fm(p.font());
    const int top = std::min(used.bottom(), rect.bottom()) + 18;
    const QString line = venue.join(QStringLiteral(" · "));
    if (withAuthors) // up to two lines: authors, journal and year
        p.drawText(QRect(rect.left(), top, rect.width(), fm.lineSpacing() * 2 + 4),
                   Qt::TextWordWrap | Qt::AlignLeft,
                   fm.elidedText(line, Qt::ElideRight, int(rect.width() * 1.8)));
    else
        p.drawText(QRect(rect.left(), top, rect.width(), fm.height() + 4), Qt::AlignLeft,
                   fm.elidedText(line, Qt::ElideRight, rect.width()));
}

QRect Compositor::figureImageArea(const QRect& card) const {
    const QFontMetrics cfm(font(28, false));
    return card.adjusted(28, 28, -28, -(cfm.lineSpacing() * 2 + 50));
}

QRectF Compositor::cameraAt(const SceneBeat& beat, qint64 ms, const QList<QRectF>& states) const {
    // states[0] is where the beat opens; states[k + 1] is reached from focusMs[k].
    QRectF from = states.value(0, QRectF(0, 0, 1, 1));
    for (int k = 0; k < beat.focusMs.size() && k + 1 < states.size(); ++k) {
        const qint64 at = beat.focusMs[k];
        if (ms < at)
            break;
        const double t = easeInOutCubic(std::clamp(double(ms - at) / kCameraMoveMs, 0.0, 1.0));
        from = lerp(from, states[k + 1], t);
        if (t < 1.0)
            break;
    }
    return from;
}

QList<QRectF> Compositor::pageCameraStates(const SceneBeat& beat, const QSize& area) const {
    const auto image = m_content.pageImages.constFind(beat.image);
    if (image == m_content.pageImages.cend())
        return {};
    const QSizeF size = image->size();
    QRectF lines;
    for (const QRectF& box : beat.boxes)
        lines = lines.isNull() ? box : lines.united(box);
    const double aspect = double(area.width()) / std::max(1, area.height());
    const double wide = std::clamp(lines.width() + 0.08, 0.55, 1.0);
    QList<QRectF> states{viewAround(QPointF(0.5, 0.5), 1.0, aspect, size)};
    for (int k = 0; k < beat.focusMs.size(); ++k)
        states << viewAround(lines.center(), k % 2 == 0 ? wide : wide * 0.8, aspect, size);
    return states;
}

QRectF Compositor::pageBoxOnFrame(int scene, const SceneBeat& beat, int box, qint64 ms) const {
    const auto image = m_content.pageImages.constFind(beat.image);
    if (image == m_content.pageImages.cend() || box < 0 || box >= beat.boxes.size())
        return {};
    const QRect area = figureImageArea(beatCard(scene, beat));
    const QRectF view = cameraAt(beat, ms, pageCameraStates(beat, area.size()));
    const QRectF target = imageTarget(image->size(), view, area);
    const QRectF& b = beat.boxes[box];
    return QRectF(target.left() + b.x() * target.width(), target.top() + b.y() * target.height(),
                  b.width() * target.width(), b.height() * target.height());
}

bool Compositor::drawBeats(QPainter& p, int scene, qint64 ms) {
    const auto it = m_content.beats.constFind(scene);
    if (it == m_content.beats.cend() || it->isEmpty())
        return false;
    const QList<SceneBeat>& beats = it.value();
    int current = 0;
    for (int i = 0; i < beats.size(); ++i) {
        if (beats[i].startMs <= ms)
            current = i;
    }
    const qint64 into = ms - beats[current].startMs;
    if (current > 0 && into < kBeatFadeMs) {
        const double opacity = p.opacity();
        drawBeat(p, scene, current - 1, ms);
        p.setOpacity(opacity * double(into) / kBeatFadeMs);
        drawBeat(p, scene, current, ms);
        p.setOpacity(opacity);
    } else {
        drawBeat(p, scene, current, ms);
    }
    return true;
}

const QImage& Compositor::beatLayer(int sceneIndex, int beatIndex) {
    const quint64 key = layerKey(sceneIndex, beatIndex, 0);
    auto it = m_beatLayers.find(key);
    if (it != m_beatLayers.end())
        return it.value();
    // Frames come in order: layers of scenes behind are done with.
    for (auto old = m_beatLayers.begin(); old != m_beatLayers.end();) {
        if (int(old.key() >> 32) < sceneIndex - 1)
            old = m_beatLayers.erase(old);
        else
            ++old;
    }
    const Scene& scene = m_content.script.scenes.at(sceneIndex);
    const SceneBeat& beat = m_content.beats.value(sceneIndex).at(beatIndex);
    QImage layer(m_geometry.size, QImage::Format_ARGB32_Premultiplied);
    layer.fill(Qt::transparent);
    QPainter p(&layer);
    p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    drawPill(p, QPoint(m_geometry.safe.left(), m_geometry.safe.top()), sceneTag(scene), kAccent,
             backgroundTop());
    const QRect card = beatCard(sceneIndex, beat);
    switch (beat.kind) {
    case SceneBeat::Kind::Title: {
        drawTitleBlock(p, true);
        const QRect rect = titleRect();
        if (!AnimatedNumber::parse(scene.headline).valid && !scene.headline.isEmpty()) {
            const QRect headline(contentRect().left(), rect.bottom() + 90, contentRect().width(),
                                 contentRect().bottom() - rect.bottom() - 90);
            const QFont hf = fittedFont(scene.headline, font(96, true), headline, 40);
            p.setFont(hf);
            p.setPen(kAccent);
            p.drawText(headline, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignVCenter,
                       scene.headline);
        }
        break;
    }
    case SceneBeat::Kind::Figure: {
        p.setPen(Qt::NoPen);
        p.setBrush(kPaper);
        p.drawRoundedRect(card, 28, 28);
        const auto figure = m_content.figures.constFind(beat.figure);
        if (figure != m_content.figures.cend()) {
            const int captionHeight = QFontMetrics(font(28, false)).lineSpacing() * 2 + 50;
            const QRect captionRect(card.left() + 28, card.bottom() - captionHeight + 14,
                                    card.width() - 56, captionHeight - 28);
            const QString text = figure->label.isEmpty()
                                     ? figure->caption
                                     : figure->label + QStringLiteral(". ") + figure->caption;
            p.setFont(font(28, true));
            p.setPen(kInk);
            p.drawText(captionRect, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop,
                       QFontMetrics(font(28, true))
                           .elidedText(text, Qt::ElideRight, int(captionRect.width() * 1.75)));
        }
        break;
    }
    case SceneBeat::Kind::Page: {
        p.setPen(Qt::NoPen);
        p.setBrush(kPaper);
        p.drawRoundedRect(card, 28, 28);
        const int captionHeight = QFontMetrics(font(28, false)).lineSpacing() * 2 + 50;
        p.setFont(font(28, true));
        p.setPen(kInkMuted);
        p.drawText(QRect(card.left() + 28, card.bottom() - captionHeight + 14, card.width() - 56,
                         captionHeight - 28),
                   Qt::AlignLeft | Qt::AlignVCenter,
                   beat.page > 0
                       ? QStringLiteral("Page %1 of the paper, in its own words").arg(beat.page)
                       : QStringLiteral("The paper, in its own words"));
        break;
    }
    case SceneBeat::Kind::Quote:
        p.setPen(Qt::NoPen);
        p.setBrush(kPaper);
        p.drawRoundedRect(card, 28, 28);
        drawCardLabel(p, card, beat.where.isEmpty() ? QStringLiteral("From the paper") : beat.where,
                      kInkMuted);
        break;
    case SceneBeat::Kind::Number:
    case SceneBeat::Kind::Terms:
        p.setPen(Qt::NoPen);
        p.setBrush(kPanel);
        p.drawRoundedRect(card, 28, 28);
        break;
    }
    p.end();
    return m_beatLayers.insert(key, layer).value();
}

QRect Compositor::beatRegion() const {
    // The tag above the card and the card itself.
    const QRect& safe = m_geometry.safe;
    return QRect(safe.left() - 8, safe.top() - 8, safe.width() + 16,
                 contentRect().bottom() - safe.top() + 16)
        .intersected(QRect(QPoint(0, 0), m_geometry.size));
}

// What changes a beat's picture at `ms`, as one number: frames with the same state
// look the same, so most frames of a beat reuse the picture of the one before.
quint64 Compositor::beatState(int sceneIndex, const SceneBeat& beat, qint64 ms) const {
    quint64 h = 1469598103934665603ULL;
    const auto mix = [&h](qint64 v) {
        h ^= quint64(v);
        h *= 1099511628211ULL;
    };
    const auto mixRect = [&](const QRectF& r) {
        mix(qRound64(r.x() * 20000));
        mix(qRound64(r.y() * 20000));
        mix(qRound64(r.width() * 20000));
        mix(qRound64(r.height() * 20000));
    };
    const qint64 into = ms - beat.startMs;
    const auto progress = [](qint64 elapsed, qint64 length) {
        return elapsed < 0 ? -1 : qRound64(easeOutCubic(double(elapsed) / length) * 2000);
    };
    switch (beat.kind) {
    case SceneBeat::Kind::Title:
        mix(progress(into, kCountUpMs));
        break;
    case SceneBeat::Kind::Figure: {
        mix(ms >= beat.startMs ? 1 : 0);
        qint64 moving = 0;
        for (qint64 t : beat.focusMs)
            moving = ms >= t ? std::min<qint64>(ms - t, kCameraMoveMs) + 7919 * t : moving;
        mix(moving);
        break;
    }
    case SceneBeat::Kind::Page: {
        mixRect(cameraAt(
            beat, ms, pageCameraStates(beat, figureImageArea(beatCard(sceneIndex, beat)).size())));
        for (qint64 t : beat.boxMs)
            mix(progress(ms - t, kLightMs));
        break;
    }
    case SceneBeat::Kind::Quote:
        for (qint64 t : beat.boxMs)
            mix(ms >= t ? 1 : 0);
        break;
    case SceneBeat::Kind::Number:
        mix(progress(into, kCountUpMs));
        mix(progress(into - kCountUpMs, kBarGrowMs));
        break;
    case SceneBeat::Kind::Terms:
        for (qint64 t : beat.termMs)
            mix(progress(ms - t, kTermEnterMs));
        break;
    }
    return h;
}

void Compositor::drawBeat(QPainter& p, int sceneIndex, int beatIndex, qint64 ms) {
    const SceneBeat& beat = m_content.beats.value(sceneIndex).at(beatIndex);
    const QRect region = beatRegion();
    const quint64 state = beatState(sceneIndex, beat, ms);
    BeatPicture* picture = nullptr;
    for (BeatPicture& cached : m_beatPictures) {
        if (cached.scene == sceneIndex && cached.beat == beatIndex)
            picture = &cached;
    }
    if (!picture) {
        // The slot of the older beat: a crossfade needs the two latest.
        picture = m_beatPictures[0].used < m_beatPictures[1].used ? &m_beatPictures[0]
                                                                  : &m_beatPictures[1];
        picture->scene = sceneIndex;
        picture->beat = beatIndex;
        picture->state = ~state;
    }
    picture->used = ++m_beatPictureClock;
    if (picture->state != state || picture->image.isNull()) {
        if (picture->image.size() != region.size())
            picture->image = QImage(region.size(), QImage::Format_ARGB32_Premultiplied);
        picture->image.fill(Qt::transparent);
        QPainter q(&picture->image);
        q.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        q.translate(-region.topLeft());
        paintBeat(q, sceneIndex, beatIndex, ms);
        q.end();
        picture->state = state;
    }
    p.drawImage(region.topLeft(), picture->image);
}

void Compositor::paintBeat(QPainter& p, int sceneIndex, int beatIndex, qint64 ms) {
    const SceneBeat& beat = m_content.beats.value(sceneIndex).at(beatIndex);
    const Scene& scene = m_content.script.scenes.at(sceneIndex);
    p.drawImage(QPoint(0, 0), beatLayer(sceneIndex, beatIndex));
    const QRect card = beatCard(sceneIndex, beat);
    const qint64 into = ms - beat.startMs;
    switch (beat.kind) {
    case SceneBeat::Kind::Title: {
        const AnimatedNumber number = AnimatedNumber::parse(scene.headline);
        if (!number.valid)
            break;
        const QRect rect(card.left(), titleRect().bottom() + 90, card.width(),
                         card.bottom() - titleRect().bottom() - 90);
        QFont f = font(120, true);
        while (QFontMetrics(f).horizontalAdvance(number.format(1.0)) > rect.width() &&
               f.pixelSize() > 40)
            f.setPixelSize(f.pixelSize() - 4);
        p.setFont(f);
        p.setPen(kAccent);
        p.drawText(rect, Qt::AlignLeft | Qt::AlignVCenter,
                   number.format(easeOutCubic(double(into) / double(kCountUpMs))));
        break;
    }
    case SceneBeat::Kind::Figure: {
        const auto figure = m_content.figures.constFind(beat.figure);
        if (figure == m_content.figures.cend() || figure->image.isNull())
            break;
        const QRect area = figureImageArea(card);
        QList<QRectF> states{QRectF(0, 0, 1, 1)};
        const double aspect = double(area.width()) / std::max(1, area.height());
        for (const QRectF& focus : beat.focus) {
            // The region, widened to the card's shape so it fills the card.
            const double width =
                std::max(focus.width(), focus.height() * figure->image.height() * aspect /
                                            std::max(1, figure->image.width()));
            states << viewAround(focus.center(), width * 1.06, aspect, figure->image.size());
        }
        QImage& scaled = m_cameraFigures[beat.figure];
        if (scaled.isNull()) {
            // Sharp at the closest step without scaling a huge picture every frame.
            const QSize most = area.size() * 2;
            scaled = figure->image.width() > most.width() || figure->image.height() > most.height()
                         ? figure->image.scaled(most, Qt::KeepAspectRatio, Qt::SmoothTransformation)
                         : figure->image;
        }
        const QRectF view = cameraAt(beat, ms, states);
        p.save();
        p.setClipRect(area);
        p.setRenderHint(QPainter::SmoothPixmapTransform, true);
        p.drawImage(imageTarget(scaled.size(), view, area), scaled);
        p.restore();
        break;
    }
    case SceneBeat::Kind::Page: {
        const auto image = m_content.pageImages.constFind(beat.image);
        if (image == m_content.pageImages.cend())
            break;
        const QRect area = figureImageArea(card);
        const QRectF view = cameraAt(beat, ms, pageCameraStates(beat, area.size()));
        p.save();
        p.setClipRect(area);
        p.setRenderHint(QPainter::SmoothPixmapTransform, true);
        p.drawImage(imageTarget(image->size(), view, area), *image);
        // The sentence's lines, marked one after another as the voice reads them.
        p.setCompositionMode(QPainter::CompositionMode_Multiply);
        p.setPen(Qt::NoPen);
        p.setBrush(kMarker);
        for (int b = 0; b < beat.boxes.size(); ++b) {
            const qint64 lit = ms - beat.boxMs.value(b, beat.startMs);
            if (lit < 0)
                continue;
            QRectF box = pageBoxOnFrame(sceneIndex, beat, b, ms).adjusted(-4, -1, 4, 1);
            box.setWidth(box.width() * std::clamp(double(lit) / kLightMs, 0.0, 1.0));
            p.drawRoundedRect(box, 4, 4);
        }
        p.restore();
        break;
    }
    case SceneBeat::Kind::Quote: {
        // The sentence between its neighbours, set like a page, lit as it is read.
        int step = 0;
        for (qint64 t : beat.boxMs)
            step += ms >= t ? 1 : 0;
        const double lit = beat.boxMs.isEmpty() ? 1.0 : double(step) / beat.boxMs.size();
        const QRect area = card.adjusted(40, 80, -40, -40);
        const QString before =
            beat.before.size() > 220 ? QStringLiteral("…") + beat.before.right(220) : beat.before;
        const QString after =
            beat.after.size() > 220 ? beat.after.left(220) + QStringLiteral("…") : beat.after;
        const QString text = (before.isEmpty() ? QString() : before + QLatin1Char(' ')) +
                             beat.sentence +
                             (after.isEmpty() ? QString() : QLatin1Char(' ') + after);
        const int sentenceStart = before.isEmpty() ? 0 : int(before.size()) + 1;
        QFont f(QStringLiteral("DejaVu Serif"));
        f.setHintingPreference(QFont::PreferNoHinting);
        QTextLayout layout(text);
        QTextOption option;
        option.setWrapMode(QTextOption::WordWrap);
        layout.setTextOption(option);
        QTextCharFormat muted;
        muted.setForeground(kInkMuted);
        QTextCharFormat marked;
        marked.setForeground(kInk);
        marked.setBackground(kMarker);
        QTextCharFormat plain;
        plain.setForeground(kInk);
        const int markedLength = int(std::lround(beat.sentence.size() * lit));
        layout.setFormats(
            {{0, sentenceStart, muted},
             {sentenceStart, markedLength, marked},
             {sentenceStart + markedLength, int(beat.sentence.size()) - markedLength, plain},
             {sentenceStart + int(beat.sentence.size()), int(text.size()), muted}});
        for (int size = 46; size >= 24; size -= 2) {
            f.setPixelSize(size);
            layout.setFont(f);
            layout.beginLayout();
            double y = 0;
            for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
                line.setLineWidth(area.width());
                line.setPosition(QPointF(0, y));
                y += line.height() * 1.25;
            }
            layout.endLayout();
            if (y <= area.height() || size == 24)
                break;
        }
        p.save();
        p.setClipRect(area);
        layout.draw(&p, area.topLeft());
        p.restore();
        break;
    }
    case SceneBeat::Kind::Number: {
        const AnimatedNumber number = AnimatedNumber::parse(beat.number);
        const QRect numberRect(card.left() + 40, card.top() + 60, card.width() - 80,
                               card.height() * 30 / 100);
        const QString finalText = number.valid ? number.format(1.0) : beat.number;
        QFont f = font(170, true);
        while (QFontMetrics(f).horizontalAdvance(finalText) > numberRect.width() &&
               f.pixelSize() > 48)
            f.setPixelSize(f.pixelSize() - 4);
        p.setFont(f);
        p.setPen(kAccent);
        p.drawText(numberRect, Qt::AlignLeft | Qt::AlignVCenter,
                   number.valid ? number.format(easeOutCubic(double(into) / kCountUpMs))
                                : beat.number);
        if (!beat.caption.isEmpty()) {
            const QRect captionRect(card.left() + 40, numberRect.bottom() + 10, card.width() - 80,
                                    card.height() * 16 / 100);
            const QFont cf = fittedFont(beat.caption, font(64, true), captionRect, 36);
            p.setFont(cf);
            p.setPen(kText);
            p.drawText(captionRect, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, beat.caption);
        }
        if (!beat.bars.isEmpty()) {
            double most = 0;
            for (const auto& bar : beat.bars)
                most = std::max(most, bar.value);
            const double grow = easeOutCubic(double(into - kCountUpMs) / kBarGrowMs);
            const int top = card.top() + card.height() * 52 / 100;
            const int rowHeight = (card.bottom() - 50 - top) / int(beat.bars.size());
            for (int b = 0; b < beat.bars.size(); ++b) {
                const QRect row(card.left() + 40, top + b * rowHeight, card.width() - 80,
                                rowHeight - 24);
                p.setFont(font(44, true));
                p.setPen(kText);
                const int labelHeight = QFontMetrics(p.font()).height();
                p.drawText(QRect(row.left(), row.top(), row.width(), labelHeight),
                           Qt::AlignLeft | Qt::AlignVCenter, beat.bars[b].text);
                const QRect track(row.left(), row.top() + labelHeight + 10, row.width(),
                                  std::min(90, row.height() - labelHeight - 10));
                p.setPen(Qt::NoPen);
                p.setBrush(QColor(255, 255, 255, 36));
                p.drawRoundedRect(track, 14, 14);
                const double share = most > 0 ? beat.bars[b].value / most : 0;
                p.setBrush(b + 1 == beat.bars.size() ? kAccent : QColor(0x5A, 0xA9, 0xFF));
                p.drawRoundedRect(QRectF(track.left(), track.top(),
                                         std::max(0.0, track.width() * share * grow),
                                         track.height()),
                                  14, 14);
            }
        }
        break;
    }
    case SceneBeat::Kind::Terms: {
        const int n = int(beat.terms.size());
        if (n == 0)
            break;
        const int gap = 28;
        const int rows = std::max(n, 3);
        const int rowHeight = std::min(260, (card.height() - 80 - gap * (rows - 1)) / rows);
        const int total = rowHeight * n + gap * (n - 1);
        int y = card.top() + (card.height() - total) / 2;
        for (int k = 0; k < n; ++k, y += rowHeight + gap) {
            const qint64 entered = ms - beat.termMs.value(k, beat.startMs);
            if (entered < 0)
                continue;
            const double t = easeOutCubic(double(entered) / kTermEnterMs);
            const QRect chip(card.left() + 40, y + int((1.0 - t) * 40), card.width() - 80,
                             rowHeight);
            p.save();
            p.setOpacity(p.opacity() * t);
            p.setPen(Qt::NoPen);
            p.setBrush(QColor(255, 255, 255, 30));
            p.drawRoundedRect(chip, 24, 24);
            p.setBrush(k + 1 == n ? kAccent : QColor(0x5A, 0xA9, 0xFF));
            p.drawRoundedRect(QRect(chip.left(), chip.top(), 14, chip.height()), 7, 7);
            const QRect textRect = chip.adjusted(44, 16, -28, -16);
            const QFont tf = fittedFont(beat.terms[k], font(84, true), textRect, 40);
            p.setFont(tf);
            p.setPen(kText);
            p.drawText(textRect, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignVCenter,
                       beat.terms[k]);
            p.restore();
        }
        break;
    }
    }
}

double Compositor::beatCoverage(int scene, const SceneBeat& beat) const {
    const QRect safe = safeAboveCaptions();
    QRect covered = beatCard(scene, beat);
    if (beat.kind == SceneBeat::Kind::Title) {
        // The title and the headline under it; the space between them is empty.
        const QRect title = titleRect();
        const QFont f = fittedFont(m_content.title, titleFont(), title, 34);
        const QRect used = QFontMetrics(f).boundingRect(
            title, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, m_content.title);
        const QRect headline(title.left(), title.bottom() + 90, title.width(),
                             contentRect().bottom() - title.bottom() - 90);
        const int area = (used & safe).width() * (used & safe).height() +
                         (headline & safe).width() * (headline & safe).height() / 2;
        return double(area) / (double(safe.width()) * safe.height());
    }
    const QRect inside = covered & safe;
    return double(inside.width()) * inside.height() / (double(safe.width()) * safe.height());
}

QList<double> Compositor::sceneCoverage() const {
    QList<double> out;
    for (int i = 0; i < m_content.script.scenes.size(); ++i) {
        const QList<SceneBeat> beats = m_content.beats.value(i);
        if (beats.isEmpty()) {
            out << 0.0;
            continue;
        }
        double weighted = 0;
        double total = 0;
        for (const SceneBeat& beat : beats) {
            const double length = double(std::max<qint64>(1, beat.endMs - beat.startMs));
            weighted += beatCoverage(i, beat) * length;
            total += length;
        }
        out << weighted / total;
    }
    return out;
}

QList<qint64> Compositor::changeTimes() const {
    QList<qint64> out;
    for (int i = 0; i < m_content.script.scenes.size(); ++i) {
        out << m_content.sceneStartMs.value(i);
        for (const SceneBeat& beat : m_content.beats.value(i))
            out << beat.changes();
    }
    // What the end card covers is not seen; the card itself changes as it unrolls.
    out.removeIf([this](qint64 t) { return t >= m_endCardStartMs; });
    out << m_endCardStartMs << m_endCardStartMs + kEndCardRevealMs / 3
        << m_endCardStartMs + 2 * kEndCardRevealMs / 3;
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

} // namespace hh
