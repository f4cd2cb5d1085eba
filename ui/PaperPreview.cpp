// SPDX-License-Identifier: GPL-3.0-or-later
#include "PaperPreview.h"

#include "FigureDelegate.h"
#include "FigureListModel.h"
#include "Theme.h"

#include <QLabel>
#include <QListView>
#include <QScrollArea>
#include <QStyle>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace hh {

PaperPreview::PaperPreview(QThreadPool* pool, QWidget* parent)
    : QWidget(parent) {
    // Everything scrolls as one page when the window is short (a long title, many
    // warnings), so the preview never pushes the window taller than the screen.
    auto* page = new QWidget;
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("paperTitle"));
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_authors = new QLabel(this);
    m_authors->setObjectName(QStringLiteral("paperAuthors"));
    m_authors->setWordWrap(true);
    m_venue = new QLabel(this);
    m_venue->setWordWrap(true);
    m_abstract = new QTextBrowser(this);
    m_abstract->setObjectName(QStringLiteral("paperAbstract"));
    m_warnings = new QLabel(this);
    m_warnings->setWordWrap(true);
    // In the theme's caution tone, which reads on the light and the dark window alike.
    Theme::tintText(m_warnings, Theme::Tone::Caution);

    m_abstract->setAccessibleName(tr("Abstract"));

    m_figureModel = new FigureListModel(pool, this);
    m_figuresHeading =
        new QLabel(tr("Figures — untick the ones the video should leave out:"), this);
    m_figureView = new QListView(this);
    m_figureView->setObjectName(QStringLiteral("paperFigures"));
    m_figureView->setAccessibleName(tr("Figures of the paper"));
    // One scrolling row of thumbnails under the abstract, each with its tick and label.
    m_figureView->setViewMode(QListView::IconMode);
    m_figureView->setFlow(QListView::LeftToRight);
    m_figureView->setWrapping(false);
    m_figureView->setMovement(QListView::Static);
    m_figureView->setItemDelegate(new FigureDelegate(m_figureView));
    m_figureView->setUniformItemSizes(true);
    m_figureView->setSpacing(2);
    m_figureView->setFixedHeight(FigureDelegate::cardSize().height() + 2 * 2 +
                                 m_figureView->style()->pixelMetric(QStyle::PM_ScrollBarExtent) +
                                 8);
    m_figureView->setModel(m_figureModel);
    m_figuresHeading->setBuddy(m_figureView);
    connect(m_figureModel, &FigureListModel::exclusionChanged, this,
            &PaperPreview::excludedFiguresChanged);
    m_figuresHeading->hide();
    m_figureView->hide();

    auto* layout = new QVBoxLayout(page);
    layout->addWidget(m_title);
    layout->addWidget(m_authors);
    layout->addWidget(m_venue);
    layout->addWidget(m_abstract, 1);
    layout->addWidget(m_figuresHeading);
    layout->addWidget(m_figureView);
    layout->addWidget(m_warnings);
    // The abstract keeps a few lines when the page scrolls, not a sliver.
    m_abstract->setMinimumHeight(m_abstract->fontMetrics().lineSpacing() * 4);
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("paperPreviewScroll"));
    scroll->setWidget(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFocusPolicy(Qt::NoFocus); // the abstract and the figures take the focus
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
}

QStringList PaperPreview::excludedFigures() const {
    return m_figureModel->excludedIds();
}

void PaperPreview::showPaper(const Paper& paper) {
    m_title->setText(paper.title.isEmpty() ? tr("(untitled)") : paper.title);
    QStringList names;
    for (const auto& author : paper.authors)
        names << author.name;
    m_authors->setText(names.join(QStringLiteral(", ")));
    QStringList venue;
    if (!paper.journal.isEmpty())
        venue << paper.journal;
    if (paper.year > 0)
        venue << QString::number(paper.year);
    if (!paper.doi.isEmpty())
        venue << QStringLiteral("DOI ") + paper.doi;
    if (!paper.license.isEmpty())
        venue << paper.license;
    // Plural forms come from translations; English needs none of its own file.
    venue << (paper.figures.size() == 1 ? tr("1 figure")
                                        : tr("%1 figures").arg(paper.figures.size()));
    venue << (paper.sections.size() == 1 ? tr("1 section")
                                         : tr("%1 sections").arg(paper.sections.size()));
    m_venue->setText(venue.join(QStringLiteral(" · ")));
    QString html;
    for (const auto& part : paper.abstract) {
        html += QStringLiteral("<p>");
        if (!part.label.isEmpty())
            html += QStringLiteral("<b>%1.</b> ").arg(part.label.toHtmlEscaped());
        html += part.text.toHtmlEscaped() + QStringLiteral("</p>");
    }
    if (html.isEmpty())
        html = tr("<i>This paper has no abstract.</i>");
    m_abstract->setHtml(html);
    m_figureModel->setFigures(paper.figures);
    m_figuresHeading->setVisible(!paper.figures.isEmpty());
    m_figureView->setVisible(!paper.figures.isEmpty());
    m_warnings->setText(paper.warnings.isEmpty()
                            ? QString()
                            : QStringLiteral("⚠ ") + paper.warnings.join(QStringLiteral("<br>⚠ ")));
}

void PaperPreview::showMessage(const QString& html) {
    m_title->clear();
    m_authors->clear();
    m_venue->clear();
    m_warnings->clear();
    m_figureModel->setFigures({});
    m_figuresHeading->hide();
    m_figureView->hide();
    m_abstract->setHtml(html);
}

QString PaperPreview::titleText() const {
    return m_title->text();
}
QString PaperPreview::authorsText() const {
    return m_authors->text();
}
QString PaperPreview::abstractText() const {
    return m_abstract->toPlainText();
}

} // namespace hh
