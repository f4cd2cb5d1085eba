// SPDX-License-Identifier: GPL-3.0-or-later
#include "SettingsDialog.h"

#include "GeneralSettingsPage.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace hh {

SettingsDialog::SettingsDialog(AppSettings* settings, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Settings"));
    m_list = new QListWidget(this);
    m_list->setAccessibleName(tr("Settings pages"));
    m_list->setFixedWidth(160);
    m_pages = new QStackedWidget(this);
    m_buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Apply, this);

    auto* row = new QHBoxLayout;
    row->addWidget(m_list);
    row->addWidget(m_pages, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row, 1);
    layout->addWidget(m_buttons);

    m_general = new GeneralSettingsPage(settings);
    addPage(tr("General"), m_general);
    connect(this, &SettingsDialog::applied, m_general, &GeneralSettingsPage::save);

    // Arrow keys in the list switch pages; Tab then walks into the page's fields.
    connect(m_list, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        Q_EMIT applied();
        accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            &SettingsDialog::applied);
    m_list->setCurrentRow(0);
    m_list->setFocus();
    resize(760, 680);
}

int SettingsDialog::addPage(const QString& title, QWidget* page) {
    // Pages scroll rather than grow the dialog past small screens.
    auto* scroll = new QScrollArea(m_pages);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(page);
    const int index = m_pages->addWidget(scroll);
    m_list->addItem(title);
    return index;
}

void SettingsDialog::showPage(int index) {
    m_list->setCurrentRow(index);
}

int SettingsDialog::currentPage() const {
    return m_pages->currentIndex();
}

int SettingsDialog::pageCount() const {
    return m_pages->count();
}

} // namespace hh
