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
}

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

void CaptionPreview::setCaptionStyle(CaptionStyle style) {
    m_style = style;
    setAccessibleDescription(Choices::captionStyleLabel(style));
    const auto drawn = m_drawn.constFind(int(style));
    if (drawn != m_drawn.cend()) {
        display(style, *drawn);
        return;
    }
    if (m_pending.value(int(style)))
        return;
    m_pending.insert(int(style), true);
    // Translated on the GUI thread; the worker only draws.
    const QString text = tr("Bees learned to count in twelve visits");
    auto* watcher = new QFutureWatcher<QImage>(this);
    connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, style] {
        const QImage image =
            watcher->result().scaledToWidth(kPreviewWidth, Qt::SmoothTransformation);
        watcher->deleteLater();
        m_pending.remove(int(style));
        m_drawn.insert(int(style), image);
        if (m_style == style)
            display(style, image);
    });
    watcher->setFuture(QtConcurrent::run(m_pool, &CaptionPreview::renderSample, style, text));
}

void CaptionPreview::display(CaptionStyle style, const QImage& image) {
    m_shown = image;
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
