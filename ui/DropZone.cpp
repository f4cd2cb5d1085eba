// SPDX-License-Identifier: GPL-3.0-or-later
#include "DropZone.h"

#include <QDragEnterEvent>
#include <QFileInfo>
#include <QKeyEvent>
#include <QLabel>
#include <QMimeData>
#include <QPainter>
#include <QPainterPath>
#include <QVBoxLayout>

namespace hh {

DropZone::DropZone(QWidget* parent)
    : QFrame(parent) {
    setObjectName(QStringLiteral("dropZone"));
    setAcceptDrops(true);
    setCursor(Qt::PointingHandCursor);
    setFrameShape(QFrame::NoFrame); // paintEvent() draws the dashed outline
    m_label = new QLabel(this);
    m_label->setAlignment(Qt::AlignCenter);
    // The whole zone is one button: the text must not swallow the click.
    m_label->setAttribute(Qt::WA_TransparentForMouseEvents);
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Choose a paper"));
    setAccessibleDescription(tr("Opens a PDF, DOCX or JATS / PubMed XML file. You can also drop "
                                "a file here."));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_label);
    setCompact(false);
    setHighlighted(false);
}

void DropZone::setCompact(bool compact) {
    // With a paper loaded the zone shrinks to one line, leaving the height of a
    // 1366×768 screen to the paper and its figures; it stays a drop target and a button.
    m_compact = compact;
    setMinimumHeight(compact ? 48 : 180);
    setMaximumHeight(compact ? 56 : QWIDGETSIZE_MAX);
    m_label->setText(compact ? tr("<b>Drop another paper here</b> or click to choose a file")
                             : tr("<b>Drop a paper here</b><br>PDF, DOCX or JATS / PubMed XML<br>"
                                  "<small>or click to choose a file</small>"));
}

bool DropZone::isAcceptedFile(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("pdf") || suffix == QLatin1String("docx") ||
           suffix == QLatin1String("xml") || suffix == QLatin1String("nxml");
}

QStringList DropZone::acceptedPaths(const QMimeData* mime) const {
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    for (const QUrl& url : mime->urls()) {
        if (url.isLocalFile() && isAcceptedFile(url.toLocalFile()) &&
            !paths.contains(url.toLocalFile()))
            paths << url.toLocalFile();
    }
    return paths;
}

void DropZone::dragEnterEvent(QDragEnterEvent* event) {
    if (!acceptedPaths(event->mimeData()).isEmpty()) {
        event->acceptProposedAction();
        setHighlighted(true);
    }
}

void DropZone::dragLeaveEvent(QDragLeaveEvent* event) {
    setHighlighted(false);
    QFrame::dragLeaveEvent(event);
}

void DropZone::dropEvent(QDropEvent* event) {
    setHighlighted(false);
    const QStringList paths = acceptedPaths(event->mimeData());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    if (paths.size() == 1)
        Q_EMIT fileDropped(paths.first());
    else
        Q_EMIT filesDropped(paths);
}

void DropZone::mousePressEvent(QMouseEvent* event) {
    m_pressed = event->button() == Qt::LeftButton;
    event->setAccepted(m_pressed);
}

void DropZone::mouseReleaseEvent(QMouseEvent* event) {
    const bool click = m_pressed && event->button() == Qt::LeftButton &&
                       rect().contains(event->position().toPoint());
    m_pressed = false;
    event->setAccepted(click);
    if (click)
        Q_EMIT browseRequested();
}

void DropZone::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        event->accept();
        Q_EMIT browseRequested();
        return;
    default:
        QFrame::keyPressEvent(event);
    }
}

void DropZone::focusInEvent(QFocusEvent* event) {
    setHighlighted(m_highlighted);
    QFrame::focusInEvent(event);
}

void DropZone::focusOutEvent(QFocusEvent* event) {
    setHighlighted(m_highlighted);
    QFrame::focusOutEvent(event);
}

void DropZone::setHighlighted(bool on) {
    m_highlighted = on;
    update();
}

QColor DropZone::backgroundColor() const {
    if (!m_highlighted)
        return palette().color(QPalette::Window);
    // A wash of the accent over the window: plainly lit on both themes, and the text keeps
    // its own colour on it (accent.lighter() was pale under the dark theme's light text).
    const QColor window = palette().color(QPalette::Window);
    const QColor accent = palette().color(QPalette::Highlight);
    constexpr float kShare = 0.25f;
    return QColor::fromRgbF(window.redF() * (1 - kShare) + accent.redF() * kShare,
                            window.greenF() * (1 - kShare) + accent.greenF() * kShare,
                            window.blueF() * (1 - kShare) + accent.blueF() * kShare);
}

void DropZone::paintEvent(QPaintEvent*) {
    // Drawn from the palette at paint time, so a theme switch needs nothing but the repaint.
    // The outline is dashed at rest and turns solid while a file hovers; with the keyboard
    // focus it is thicker (the focus ring).
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const qreal width = hasFocus() ? 3 : 2;
    const QRectF box = QRectF(rect()).adjusted(width / 2, width / 2, -width / 2, -width / 2);
    QPainterPath shape;
    shape.addRoundedRect(box, 12, 12);
    if (m_highlighted)
        painter.fillPath(shape, backgroundColor());
    QPen pen(palette().color(QPalette::Highlight), width);
    pen.setStyle(m_highlighted || hasFocus() ? Qt::SolidLine : Qt::DashLine);
    painter.setPen(pen);
    painter.drawPath(shape);
}

} // namespace hh
