// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Paper.h"

#include <QWidget>

class QLabel;
class QListView;
class QTextBrowser;
class QThreadPool;

namespace hh {

class FigureListModel;

// Shows an imported paper the way a creator checks it before generating:
// title, authors, venue, abstract, the figures (each with a tick: unticked
// ones stay out of the video) and import warnings.
class PaperPreview final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PaperPreview)
public:
    // `pool` decodes the figure thumbnails; null: a small pool of the preview's own.
    explicit PaperPreview(QThreadPool* pool = nullptr, QWidget* parent = nullptr);

    void showPaper(const Paper& paper);
    void showMessage(const QString& html);

    QString titleText() const;
    QString authorsText() const;
    QString abstractText() const;
    FigureListModel* figureModel() const { return m_figureModel; }
    QListView* figureView() const { return m_figureView; }
    QStringList excludedFigures() const;

Q_SIGNALS:
    // The ids of the figures the user unticked (empty for a new paper).
    void excludedFiguresChanged(const QStringList& figureIds);

private:
    QLabel* m_title = nullptr;
    QLabel* m_authors = nullptr;
    QLabel* m_venue = nullptr;
    QTextBrowser* m_abstract = nullptr;
    QLabel* m_warnings = nullptr;
    QLabel* m_figuresHeading = nullptr;
    QListView* m_figureView = nullptr;
    FigureListModel* m_figureModel = nullptr;
};

} // namespace hh
