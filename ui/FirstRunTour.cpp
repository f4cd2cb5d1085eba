// SPDX-License-Identifier: GPL-3.0-or-later
#include "FirstRunTour.h"

#include "Theme.h"

#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>
#include <algorithm>

namespace hh {

namespace {

constexpr int kBubbleWidth = 330;
constexpr int kGap = 14;                // between the highlight and the bubble
constexpr int kMargin = 12;             // the bubble stays this far inside the window
constexpr int kHalo = 6;                // the highlight is this much larger than its target
const QColor kAccent(0xFF, 0xD5, 0x4A); // the yellow of the videos and the icon
const QColor kBubble(0xFF, 0xFF, 0xFF);

QString settingsFile(const QString& userDir) {
    return QDir(userDir).filePath(QStringLiteral("settings.ini"));
}

const QString kSeenKey = QStringLiteral("tour/seen");

} // namespace

FirstRunTour::FirstRunTour(QList<TourStep> steps, QWidget* window)
    : QWidget(window)
    , m_steps(std::move(steps)) {
    setObjectName(QStringLiteral("firstRunTour"));
    setFocusPolicy(Qt::StrongFocus);
    hide();

    m_bubble = new QWidget(this);
    m_bubble->setObjectName(QStringLiteral("tourBubble"));
    m_bubble->setAttribute(Qt::WA_StyledBackground);
    // Fixed colours: the bubble is drawn on a dimmed window, so it must not follow a dark
    // palette into dark text on a dark bubble.
    m_bubble->setStyleSheet(QStringLiteral("#tourBubble { background: %1; border-radius: 10px; }"
                                           "#tourBubble QLabel { color: #1b2538; }"
                                           "#tourBubble QLabel#tourCounter { color: #6b7688; }")
                                .arg(kBubble.name()));
    m_bubble->setFixedWidth(kBubbleWidth);
    m_counter = new QLabel(m_bubble);
    m_counter->setObjectName(QStringLiteral("tourCounter"));
    m_title = new QLabel(m_bubble);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_text = new QLabel(m_bubble);
    m_text->setWordWrap(true);
    m_skip = new QPushButton(tr("Skip tour"), m_bubble);
    m_skip->setFlat(true);
    m_action = new QPushButton(m_bubble);
    m_next = new QPushButton(m_bubble);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_skip);
    buttons->addStretch(1);
    buttons->addWidget(m_action);
    buttons->addWidget(m_next);
    auto* layout = new QVBoxLayout(m_bubble);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->addWidget(m_counter);
    layout->addWidget(m_title);
    layout->addWidget(m_text);
    layout->addSpacing(6);
    layout->addLayout(buttons);

    // Its buttons too, or in the dark theme they draw light text on the light bubble. Each one
    // gets the palette itself: style sheets switch off the palette's inheritance from parents.
    for (QWidget* child : m_bubble->findChildren<QWidget*>())
        child->setPalette(Theme::palette(Theme::Mode::Light));

    connect(m_skip, &QPushButton::clicked, this, &FirstRunTour::skip);
    connect(m_next, &QPushButton::clicked, this, &FirstRunTour::next);
    connect(m_action, &QPushButton::clicked, this, &FirstRunTour::runAction);
    window->installEventFilter(this);
}

void FirstRunTour::start() {
    if (m_steps.isEmpty())
        return;
    setGeometry(parentWidget()->rect());
    show();
    raise();
    setFocus();
    showStep(0);
}

void FirstRunTour::next() {
    if (m_current + 1 < m_steps.size())
        showStep(m_current + 1);
    else
        finish(true);
}

void FirstRunTour::skip() {
    finish(false);
}

void FirstRunTour::runAction() {
    if (m_current < 0 || !m_steps.at(m_current).action)
        return;
    m_steps.at(m_current).action();
    next();
}

QString FirstRunTour::titleText() const {
    return m_title->text();
}

QString FirstRunTour::bodyText() const {
    return m_text->text();
}

bool FirstRunTour::seen(const QString& userDir) {
    return QSettings(settingsFile(userDir), QSettings::IniFormat).value(kSeenKey).toBool();
}

void FirstRunTour::markSeen(const QString& userDir) {
    // The account's folder is private (0700) like the rest of its data.
    if (!QFileInfo::exists(userDir)) {
        QDir().mkpath(userDir);
        QFile::setPermissions(userDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                           QFileDevice::ExeOwner);
    }
    QSettings settings(settingsFile(userDir), QSettings::IniFormat);
    settings.setValue(kSeenKey, true);
    settings.sync();
}

void FirstRunTour::showStep(int index) {
    if (m_current >= 0 && m_steps.at(m_current).target)
        m_steps.at(m_current).target->removeEventFilter(this);
    m_current = index;
    const TourStep& step = m_steps.at(index);
    // The target may move (a layout settles, the window is resized): follow it.
    if (step.target)
        step.target->installEventFilter(this);
    m_counter->setText(tr("%1 of %2").arg(index + 1).arg(m_steps.size()));
    m_title->setText(step.title);
    m_text->setText(step.text);
    m_action->setVisible(!step.actionText.isEmpty());
    m_action->setText(step.actionText);
    const bool last = index + 1 == m_steps.size();
    m_next->setText(last ? tr("Done") : tr("Next"));
    m_bubble->adjustSize();
    placeBubble();
    update();
}

void FirstRunTour::finish(bool completed) {
    if (m_current >= 0 && m_steps.at(m_current).target)
        m_steps.at(m_current).target->removeEventFilter(this);
    m_current = -1;
    hide();
    Q_EMIT finished(completed);
}

QRect FirstRunTour::highlightRect() const {
    if (m_current < 0)
        return {};
    const TourStep& step = m_steps.at(m_current);
    if (!step.target || !step.target->isVisible())
        return {};
    const QRect area = step.area ? step.area() : step.target->rect();
    if (area.isEmpty())
        return {};
    return QRect(step.target->mapTo(parentWidget(), area.topLeft()), area.size())
        .adjusted(-kHalo, -kHalo, kHalo, kHalo);
}

void FirstRunTour::placeBubble() {
    const QRect target = highlightRect();
    const QSize size = m_bubble->size();
    const QRect room = rect().adjusted(kMargin, kMargin, -kMargin, -kMargin);
    QRect chosen(
        QPoint(room.center().x() - size.width() / 2, room.center().y() - size.height() / 2), size);
    if (!target.isEmpty()) {
        // Beside the target where it fits: right, below, above, left.
        const QList<QRect> candidates{
            QRect(QPoint(target.right() + kGap, target.center().y() - size.height() / 2), size),
            QRect(QPoint(target.center().x() - size.width() / 2, target.bottom() + kGap), size),
            QRect(
                QPoint(target.center().x() - size.width() / 2, target.top() - kGap - size.height()),
                size),
            QRect(QPoint(target.left() - kGap - size.width(),
                         target.center().y() - size.height() / 2),
                  size)};
        for (QRect candidate : candidates) {
            // Slide along the edge to stay inside the window, then check nothing is covered.
            candidate.moveLeft(
                std::clamp(candidate.left(), room.left(), room.right() - size.width()));
            candidate.moveTop(
                std::clamp(candidate.top(), room.top(), room.bottom() - size.height()));
            if (room.contains(candidate) && !candidate.intersects(target)) {
                chosen = candidate;
                break;
            }
        }
    }
    m_bubble->setGeometry(chosen);
}

void FirstRunTour::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRect target = highlightRect();
    QPainterPath dim;
    dim.setFillRule(Qt::OddEvenFill);
    dim.addRect(rect());
    if (!target.isEmpty())
        dim.addRoundedRect(target, 10, 10);
    p.fillPath(dim, QColor(8, 16, 36, 150));
    if (target.isEmpty())
        return;
    p.setPen(QPen(kAccent, 3));
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(target, 10, 10);

    // A small pointer from the bubble's nearest edge towards the target.
    const QRect bubble = m_bubble->geometry();
    const QPoint c = target.center();
    QPolygon pointer;
    constexpr int w = 9;
    if (bubble.left() >= target.right()) {
        const int y = std::clamp(c.y(), bubble.top() + 16, bubble.bottom() - 16);
        pointer << QPoint(bubble.left(), y - w) << QPoint(bubble.left() - w, y)
                << QPoint(bubble.left(), y + w);
    } else if (bubble.right() <= target.left()) {
        const int y = std::clamp(c.y(), bubble.top() + 16, bubble.bottom() - 16);
        pointer << QPoint(bubble.right(), y - w) << QPoint(bubble.right() + w, y)
                << QPoint(bubble.right(), y + w);
    } else if (bubble.top() >= target.bottom()) {
        const int x = std::clamp(c.x(), bubble.left() + 16, bubble.right() - 16);
        pointer << QPoint(x - w, bubble.top()) << QPoint(x, bubble.top() - w)
                << QPoint(x + w, bubble.top());
    } else if (bubble.bottom() <= target.top()) {
        const int x = std::clamp(c.x(), bubble.left() + 16, bubble.right() - 16);
        pointer << QPoint(x - w, bubble.bottom()) << QPoint(x, bubble.bottom() + w)
                << QPoint(x + w, bubble.bottom());
    }
    if (!pointer.isEmpty()) {
        p.setPen(Qt::NoPen);
        p.setBrush(kBubble);
        p.drawPolygon(pointer);
    }
}

void FirstRunTour::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
    case Qt::Key_Escape:
        skip();
        return;
    case Qt::Key_Right:
    case Qt::Key_Return:
    case Qt::Key_Enter:
        next();
        return;
    default:
        QWidget::keyPressEvent(event);
    }
}

bool FirstRunTour::eventFilter(QObject* watched, QEvent* event) {
    if (isVisible()) {
        const auto type = event->type();
        if (watched == parentWidget() && type == QEvent::Resize)
            setGeometry(parentWidget()->rect());
        if (type == QEvent::Resize || type == QEvent::Move || type == QEvent::Show) {
            placeBubble();
            update();
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace hh
