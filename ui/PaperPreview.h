// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Paper.h"

#include <QWidget>

class QLabel;
class QTextBrowser;

namespace hh {

// Shows an imported paper the way a creator checks it before generating:
// title, authors, venue, abstract, figures count and import warnings.
class PaperPreview final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PaperPreview)
public:
    explicit PaperPreview(QWidget* parent = nullptr);

    void showPaper(const Paper& paper);
    void showMessage(const QString& html);

    QString titleText() const;
    QString authorsText() const;
    QString abstractText() const;

private:
    QLabel* m_title = nullptr;
    QLabel* m_authors = nullptr;
    QLabel* m_venue = nullptr;
    QTextBrowser* m_abstract = nullptr;
    QLabel* m_warnings = nullptr;
};

} // namespace hh
