// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/ErrorType.h"

#include <QMainWindow>

class QThreadPool;
class QLabel;

namespace hh {

class DropZone;
class GeneratePanel;
class JobRunner;
class PaperPreview;
struct Paper;

// The application window. For now: a drop zone, a preview of the imported paper
// and "Make video" with live progress. Imports run on the window's thread pool
// and jobs on the runner's, never on the GUI thread.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    // `runner` may be null (import-only window); jobs belong to `userId`.
    MainWindow(QThreadPool* pool, JobRunner* runner, qint64 userId, QWidget* parent = nullptr);

    void importFile(const QString& path);
    PaperPreview* preview() const { return m_preview; }
    GeneratePanel* generatePanel() const { return m_generate; }

Q_SIGNALS:
    void importFinished(bool ok);

private:
    void chooseFile();
    void onImported(const QString& path, const Paper& paper);
    void onImportFailed(const QString& path, const Error& error);

    QThreadPool* m_pool = nullptr;
    DropZone* m_dropZone = nullptr;
    PaperPreview* m_preview = nullptr;
    GeneratePanel* m_generate = nullptr;
};

} // namespace hh
