// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>

class QLabel;
class QMimeData;

namespace hh {

// The large target a paper is dropped on. Accepts local PDF, DOCX and XML files,
// highlights while a usable file hovers over it, and opens a file dialog on click.
class DropZone final : public QFrame {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DropZone)
public:
    explicit DropZone(QWidget* parent = nullptr);

    static bool isAcceptedFile(const QString& path);
    // One slim line once a paper is loaded; the full zone when there is none.
    void setCompact(bool compact);
    bool isCompact() const { return m_compact; }
    bool isHighlighted() const { return m_highlighted; }
    // What the zone is filled with now: the window colour at rest, lit while a file hovers.
    QColor backgroundColor() const;

Q_SIGNALS:
    void fileDropped(const QString& path);
    // Several papers dropped at once (fileDropped is for one).
    void filesDropped(const QStringList& paths);
    void browseRequested();

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragLeaveEvent(QDragLeaveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    void setHighlighted(bool on);
    QStringList acceptedPaths(const QMimeData* mime) const;

    QLabel* m_label = nullptr;
    bool m_highlighted = false;
    bool m_compact = false;
    bool m_pressed = false;
};

} // namespace hh
