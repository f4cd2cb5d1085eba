// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "render/CaptionStyle.h"

#include <QHash>
#include <QImage>
#include <QWidget>
#include <memory>

class QThreadPool;

namespace hh {

// A small live sample of the burned-in captions: one frame of a sample caption
// drawn by the real Compositor in the chosen style, cropped to the caption band
// and scaled down. Drawing a 1080×1920 frame takes tens of milliseconds, so it
// happens on a pool thread; each style is drawn once and then shown from memory.
class CaptionPreview final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaptionPreview)
public:
    // `pool` runs the drawing; null: a one-thread pool of its own.
    explicit CaptionPreview(QThreadPool* pool = nullptr, QWidget* parent = nullptr);
    ~CaptionPreview() override;

    void setCaptionStyle(CaptionStyle style);
    CaptionStyle captionStyle() const { return m_style; }
    // What is on screen now (null until the first drawing arrives).
    QImage shownImage() const { return m_shown; }

    // The caption band of one frame of `text` in `style`, at full size. Thread-safe.
    static QImage renderSample(CaptionStyle style, const QString& text);

    QSize sizeHint() const override;

Q_SIGNALS:
    // The preview of `style` is on screen.
    void previewShown(hh::CaptionStyle style);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void display(CaptionStyle style, const QImage& image);

    std::unique_ptr<QThreadPool> m_ownPool;
    QThreadPool* m_pool = nullptr;
    CaptionStyle m_style = CaptionStyle::Highlight;
    QHash<int, QImage> m_drawn; // by style: drawn once, switching back is instant
    QHash<int, bool> m_pending;
    QImage m_shown;
};

} // namespace hh
