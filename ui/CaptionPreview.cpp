// SPDX-License-Identifier: GPL-3.0-or-later
#include "CaptionPreview.h"

#include "Choices.h"
#include "render/Compositor.h"

#include <QFutureWatcher>
#include <QPainter>
#include <QPainterPath>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace hh {

namespace {
constexpr int kPreviewWidth = 300;
// Two caption lines hold about this many words of running text; more would be
// cut off by the preview's single frame anyway.
constexpr int kCaptionWords = 7;
} // namespace

CaptionPreview::CaptionPreview(QThreadPool* pool, QWidget* parent)
    : QWidget(parent)
    , m_pool(pool) {
    if (!m_pool) {
        m_ownPool = std::make_unique<QThreadPool>();
        m_ownPool->setMaxThreadCount(1);
        m_pool = m_ownPool.get();
    }
    setAccessibleName(tr("Caption preview"));
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    setCaptionStyle(CaptionStyle::Highlight);
}

// The own pool (if any) is a member, so it waits for a drawing still running
// before the watchers, children of this widget, go away with their results.
CaptionPreview::~CaptionPreview() = default;

QImage CaptionPreview::renderSample(CaptionStyle style, const QString& text) {
    const FrameGeometry geometry = FrameGeometry::forAspect(QStringLiteral("9:16"));
    VideoContent content;
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    qint64 t = 0;
    for (const QString& word : words) {
        content.words.append({word, t, t + 300, 0});
        t += 320;
    }
    content.script.scenes = {{QStringLiteral("point"), text, {}, {}, {}}};
    content.sceneStartMs = {0};
    content.durationMs = t + 5000;
    Compositor compositor(content, geometry, 30, style);
    // A moment when the third word is spoken, so a highlight shows.
    const int frame = int((2 * 320 + 150) * 30 / 1000);
    const QImage full = compositor.renderFrame(frame);
    return full.copy(geometry.captions.adjusted(-60, -50, 60, 50).intersected(full.rect()));
}

QString CaptionPreview::captionWords(const QString& sentence) {
    QStringList words = sentence.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words.size() > kCaptionWords)
        words.resize(kCaptionWords);
    return words.join(QLatin1Char(' '));
}

QString CaptionPreview::text() const {
    // Translated on the GUI thread; the worker only draws.
    return m_text.isEmpty() ? tr("Bees learned to count in twelve visits") : m_text;
}

void CaptionPreview::setText(const QString& text) {
    const QString words = captionWords(text);
    if (words == m_text)
        return;
    m_text = words;
    ++m_generation;
    m_drawn.clear();
    m_pending.clear();
    draw();
}

void CaptionPreview::setCaptionStyle(CaptionStyle style) {
    m_style = style;
    setAccessibleDescription(Choices::captionStyleLabel(style));
    draw();
}

void CaptionPreview::draw() {
    const CaptionStyle style = m_style;
    const auto drawn = m_drawn.constFind(int(style));
    if (drawn != m_drawn.cend()) {
        display(style, *drawn);
        return;
    }
    if (m_pending.value(int(style)))
        return;
    m_pending.insert(int(style), true);
    const QString words = text();
    const quint64 generation = m_generation;
    auto* watcher = new QFutureWatcher<QImage>(this);
    connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, style, generation] {
        const QImage image =
            watcher->result().scaledToWidth(kPreviewWidth, Qt::SmoothTransformation);
        watcher->deleteLater();
        if (generation != m_generation)
            return; // drawn for text no longer shown
        m_pending.remove(int(style));
        m_drawn.insert(int(style), image);
        if (m_style == style)
            display(style, image);
    });
    watcher->setFuture(QtConcurrent::run(m_pool, &CaptionPreview::renderSample, style, words));
}

void CaptionPreview::display(CaptionStyle style, const QImage& image) {
    m_shown = image;
    m_shownText = text(); // the drawings kept are always of the current text
    update();
    Q_EMIT previewShown(style);
}

QSize CaptionPreview::sizeHint() const {
    // The band's shape at preview width, known before the first drawing arrives.
    const QRect band =
        FrameGeometry::forAspect(QStringLiteral("9:16")).captions.adjusted(-60, -50, 60, 50);
    return {kPreviewWidth, band.height() * kPreviewWidth / band.width()};
}

void CaptionPreview::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    QPainterPath clip;
    clip.addRoundedRect(QRectF(rect()), 8, 8);
    p.setClipPath(clip);
    if (m_shown.isNull())
        p.fillRect(rect(), Compositor::backgroundTop());
    else
        p.drawImage(rect(), m_shown);
}

} // namespace hh
