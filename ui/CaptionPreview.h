// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "render/CaptionStyle.h"

#include <QHash>
#include <QImage>
#include <QWidget>
#include <memory>

class QThreadPool;

namespace hh {

// A small live sample of the burned-in captions: one frame of a caption drawn by
// the real Compositor in the chosen style, cropped to the caption band and
// scaled down. The caption is a few words of the paper on screen (setText), or a
// sample sentence when there is none. Drawing a 1080×1920 frame takes tens of
// milliseconds, so it happens on a pool thread; each style of the current text
// is drawn once and then shown from memory.
class CaptionPreview final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaptionPreview)
public:
    // `pool` runs the drawing; null: a one-thread pool of its own.
    explicit CaptionPreview(QThreadPool* pool = nullptr, QWidget* parent = nullptr);
    ~CaptionPreview() override;

    void setCaptionStyle(CaptionStyle style);
    CaptionStyle captionStyle() const { return m_style; }
    // The words to caption; empty: the built-in sample sentence.
    void setText(const QString& text);
    // What is drawn now (the sample when no text was set).
    QString text() const;
    // The words of the image on screen (empty until the first drawing arrives).
    QString shownText() const { return m_shownText; }
    // What is on screen now (null until the first drawing arrives).
    QImage shownImage() const { return m_shown; }

    // The caption band of one frame of `text` in `style`, at full size. Thread-safe.
    static QImage renderSample(CaptionStyle style, const QString& text);
    // The first words of `sentence`, as many as a caption shows at once.
    static QString captionWords(const QString& sentence);

    QSize sizeHint() const override;

Q_SIGNALS:
    // The preview of `style` is on screen.
    void previewShown(hh::CaptionStyle style);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void draw();
    void display(CaptionStyle style, const QImage& image);

    std::unique_ptr<QThreadPool> m_ownPool;
    QThreadPool* m_pool = nullptr;
    CaptionStyle m_style = CaptionStyle::Highlight;
    QString m_text;
    quint64 m_generation = 0;   // a new text makes drawings of the old one land nowhere
    QHash<int, QImage> m_drawn; // by style, of m_text: drawn once, switching back is instant
    QHash<int, bool> m_pending;
    QImage m_shown;
    QString m_shownText;
};

} // namespace hh
