// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/ErrorType.h"

#include <QMainWindow>

class QThreadPool;
class QLabel;

namespace hh {

class DropZone;
class PaperPreview;
struct Paper;

// The application window. For now: a drop zone and a preview of the imported
// paper; imports run on the window's thread pool, never on the GUI thread.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    explicit MainWindow(QThreadPool* pool, QWidget* parent = nullptr);

    void importFile(const QString& path);
    PaperPreview* preview() const { return m_preview; }

Q_SIGNALS:
    void importFinished(bool ok);

private:
    void chooseFile();
    void onImported(const QString& path, const Paper& paper);
    void onImportFailed(const QString& path, const Error& error);

    QThreadPool* m_pool = nullptr;
    DropZone* m_dropZone = nullptr;
    PaperPreview* m_preview = nullptr;
};

} // namespace hh
