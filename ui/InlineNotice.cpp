// SPDX-License-Identifier: GPL-3.0-or-later
#include "InlineNotice.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QToolButton>

namespace hh {

namespace {

constexpr int kIconSide = 20;

QColor mixed(const QColor& base, const QColor& over, qreal share) {
    return QColor::fromRgbF(float(base.redF() * (1 - share) + over.redF() * share),
                            float(base.greenF() * (1 - share) + over.greenF() * share),
                            float(base.blueF() * (1 - share) + over.blueF() * share));
}

// The tone's colour for the icon and the edge; Neutral news takes the accent.
QColor edgeColor(Theme::Tone tone, const QPalette& palette) {
    return tone == Theme::Tone::Neutral ? palette.color(QPalette::Highlight)
                                        : Theme::toneColor(tone, palette);
}

} // namespace

InlineNotice::InlineNotice(QWidget* parent)
    : QWidget(parent) {
    // As tall as its text, never stretched by the page around it.
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    m_icon = new QLabel(this);
    m_icon->setFixedSize(kIconSide, kIconSide);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_close = new QToolButton(this);
    m_close->setObjectName(QStringLiteral("noticeClose"));
    m_close->setIcon(IconSet::icon(IconSet::Icon::Cancel));
    m_close->setIconSize(QSize(18, 18));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Dismiss"));
    m_close->setAccessibleName(tr("Dismiss"));
    connect(m_close, &QToolButton::clicked, this, &InlineNotice::dismiss);

    m_buttonRow = new QHBoxLayout;
    m_buttonRow->setSpacing(6);
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(12, 6, 6, 6);
    row->setSpacing(10);
    row->addWidget(m_icon, 0, Qt::AlignVCenter);
    row->addWidget(m_text, 1);
    row->addLayout(m_buttonRow);
    row->addWidget(m_close, 0, Qt::AlignVCenter);
    setAccessibleName(tr("Notice"));
    hide();
}

void InlineNotice::showMessage(IconSet::Icon icon, const QString& text, Theme::Tone tone) {
    qDeleteAll(m_buttons);
    m_buttons.clear();
    m_iconKind = icon;
    m_tone = tone;
    m_text->setText(text);
    setAccessibleDescription(text);
    applyColours();
    show();
    update();
}

QToolButton* InlineNotice::addButton(const QString& text, std::function<void()> onClick) {
    auto* button = new QToolButton(this);
    button->setText(text);
    button->setAccessibleName(text);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(button, &QToolButton::clicked, this, std::move(onClick));
    m_buttonRow->addWidget(button, 0, Qt::AlignVCenter);
    m_buttons << button;
    return button;
}

void InlineNotice::dismiss() {
    if (isHidden())
        return;
    hide();
    Q_EMIT dismissed();
}

QString InlineNotice::text() const {
    return m_text->text();
}

QToolButton* InlineNotice::button(const QString& text) const {
    for (QToolButton* button : m_buttons) {
        if (button->text() == text)
            return button;
    }
    return nullptr;
}

QColor InlineNotice::textColor() const {
    return m_tone == Theme::Tone::Negative ? Theme::toneColor(m_tone, palette())
                                           : palette().color(QPalette::WindowText);
}

QColor InlineNotice::backgroundColor() const {
    // A faint wash of the tone: enough to set the bar apart from the page, little enough that
    // the Negative tone on it keeps 4.5:1 in both themes.
    return mixed(palette().color(QPalette::Window), edgeColor(m_tone, palette()), 0.10);
}

void InlineNotice::applyColours() {
    QPalette text; // only the text role: the rest keeps following the bar
    text.setResolveMask(0);
    text.setColor(QPalette::WindowText, textColor());
    m_text->setPalette(text);
    m_icon->setPixmap(IconSet::pixmap(m_iconKind, QSize(kIconSide, kIconSide),
                                      edgeColor(m_tone, palette()), devicePixelRatioF()));
}

void InlineNotice::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    // A theme switch while the bar is open: the icon and text colours are worked out again.
    if (event->type() == QEvent::PaletteChange)
        applyColours();
}

void InlineNotice::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor edge = edgeColor(m_tone, palette());
    QPainterPath shape;
    shape.addRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 8, 8);
    painter.fillPath(shape, backgroundColor());
    painter.setPen(QPen(mixed(palette().color(QPalette::Window), edge, 0.55), 1));
    painter.drawPath(shape);
    // A stripe of the full tone on the leading edge says "news" before it is read.
    painter.setClipPath(shape);
    painter.fillRect(QRect(0, 0, 4, height()), edge);
}

} // namespace hh
