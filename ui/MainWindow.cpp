// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "DropZone.h"
#include "GeneratePanel.h"
#include "ImportTask.h"
#include "PaperPreview.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QStatusBar>
#include <QThreadPool>
#include <QVBoxLayout>

namespace hh {

MainWindow::MainWindow(QThreadPool* pool, JobRunner* runner, qint64 userId, QWidget* parent)
    : QMainWindow(parent)
    , m_pool(pool) {
    setWindowTitle(tr("Hidden Hill"));
    auto* central = new QWidget(this);
    m_dropZone = new DropZone(central);
    m_preview = new PaperPreview(central);
    m_preview->showMessage(tr("<p>Drop a paper to see what Hidden Hill reads from it.</p>"));
    auto* layout = new QVBoxLayout(central);
    layout->addWidget(m_dropZone);
    layout->addWidget(m_preview, 1);
    if (runner) {
        m_generate = new GeneratePanel(runner, userId, central);
        layout->addWidget(m_generate);
    }
    setCentralWidget(central);
    resize(900, 720);

    connect(m_dropZone, &DropZone::fileDropped, this, &MainWindow::importFile);
    connect(m_dropZone, &DropZone::browseRequested, this, &MainWindow::chooseFile);
}

void MainWindow::chooseFile() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open a paper"), QString(),
                                     tr("Papers (*.pdf *.docx *.xml *.nxml);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

void MainWindow::importFile(const QString& path) {
    statusBar()->showMessage(tr("Reading %1…").arg(QFileInfo(path).fileName()));
    m_preview->showMessage(
        tr("<p>Reading <b>%1</b>…</p>").arg(QFileInfo(path).fileName().toHtmlEscaped()));
    auto* task = new ImportTask(path, ImportOptions{});
    // Queued: the task emits from a pool thread, the slots touch widgets.
    connect(task, &ImportTask::succeeded, this, &MainWindow::onImported, Qt::QueuedConnection);
    connect(task, &ImportTask::failed, this, &MainWindow::onImportFailed, Qt::QueuedConnection);
    m_pool->start(task);
}

void MainWindow::onImported(const QString& path, const Paper& paper) {
    m_preview->showPaper(paper);
    if (m_generate)
        m_generate->setPaperFile(path);
    statusBar()->showMessage(tr("Read %1: %2 sentences, %3 words")
                                 .arg(QFileInfo(path).fileName())
                                 .arg(paper.sentences().size())
                                 .arg(paper.wordCount()));
    Q_EMIT importFinished(true);
}

void MainWindow::onImportFailed(const QString& path, const Error& error) {
    m_preview->showMessage(tr("<p><b>Could not read %1</b></p><p>%2</p><p><small>(%3)</small></p>")
                               .arg(QFileInfo(path).fileName().toHtmlEscaped(),
                                    error.message.toHtmlEscaped(), error.code()));
    statusBar()->showMessage(tr("Import failed: %1").arg(error.code()));
    if (m_generate)
        m_generate->setPaperFile({});
    Q_EMIT importFinished(false);
}

} // namespace hh
