// SPDX-License-Identifier: GPL-3.0-or-later
#include "DropZone.h"

#include <QDragEnterEvent>
#include <QFileInfo>
#include <QLabel>
#include <QMimeData>
#include <QVBoxLayout>

namespace hh {

DropZone::DropZone(QWidget* parent)
    : QFrame(parent) {
    setObjectName(QStringLiteral("dropZone"));
    setAcceptDrops(true);
    setMinimumHeight(180);
    setCursor(Qt::PointingHandCursor);
    setFrameShape(QFrame::StyledPanel);
    m_label = new QLabel(tr("<b>Drop a paper here</b><br>PDF, DOCX or JATS / PubMed XML<br>"
                            "<small>or click to choose a file</small>"),
                         this);
    m_label->setAlignment(Qt::AlignCenter);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_label);
    setHighlighted(false);
}

bool DropZone::isAcceptedFile(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("pdf") || suffix == QLatin1String("docx") ||
           suffix == QLatin1String("xml") || suffix == QLatin1String("nxml");
}

QString DropZone::acceptedPath(const QMimeData* mime) const {
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl& url : mime->urls()) {
        if (url.isLocalFile() && isAcceptedFile(url.toLocalFile()))
            return url.toLocalFile();
    }
    return {};
}

void DropZone::dragEnterEvent(QDragEnterEvent* event) {
    if (!acceptedPath(event->mimeData()).isEmpty()) {
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
    const QString path = acceptedPath(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    Q_EMIT fileDropped(path);
}

void DropZone::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton)
        Q_EMIT browseRequested();
    QFrame::mouseReleaseEvent(event);
}

void DropZone::setHighlighted(bool on) {
    // Palette-derived colours keep the zone readable in light and dark themes.
    const QColor accent = palette().color(QPalette::Highlight);
    setStyleSheet(
        QStringLiteral("#dropZone { border: 2px dashed %1; border-radius: 12px; background: %2; }")
            .arg(accent.name(), on ? accent.lighter(180).name() : QStringLiteral("transparent")));
}

} // namespace hh
