// SPDX-License-Identifier: GPL-3.0-or-later
#include "GeneralSettingsPage.h"

#include "AppSettings.h"
#include "Choices.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

namespace hh {

namespace {
QLabel* noteLabel(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}
} // namespace

GeneralSettingsPage::GeneralSettingsPage(AppSettings* settings, QWidget* parent)
    : QWidget(parent)
    , m_settings(settings) {
    m_duration = new QComboBox(this);
    Choices::fillDurations(m_duration);
    m_duration->setAccessibleName(tr("Default length"));
    m_aspect = new QComboBox(this);
    Choices::fillAspects(m_aspect);
    m_aspect->setAccessibleName(tr("Default shape"));
    m_voice = new QComboBox(this);
    Choices::fillVoices(m_voice);
    m_voice->setAccessibleName(tr("Default voice"));
    m_captionStyle = new QComboBox(this);
    Choices::fillCaptionStyles(m_captionStyle);
    m_captionStyle->setAccessibleName(tr("Default caption style"));
    m_review = new QCheckBox(tr("&Let me review the script first"), this);
    m_review->setAccessibleName(tr("Let me review the script first, by default"));

    auto* defaults = new QGroupBox(tr("New video defaults"), this);
    auto* defaultsForm = new QFormLayout(defaults);
    defaultsForm->addRow(tr("&Length:"), m_duration);
    defaultsForm->addRow(tr("&Shape:"), m_aspect);
    defaultsForm->addRow(tr("&Voice:"), m_voice);
    defaultsForm->addRow(tr("&Captions:"), m_captionStyle);
    defaultsForm->addRow(QString(), m_review);

    m_concurrent = new QSpinBox(this);
    m_concurrent->setRange(1, 4);
    m_concurrent->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_concurrent->setAccessibleName(tr("Videos made at the same time"));
    auto* jobs = new QGroupBox(tr("Jobs"), this);
    auto* jobsForm = new QFormLayout(jobs);
    jobsForm->addRow(tr("Videos made at the &same time:"), m_concurrent);
    jobsForm->addRow(
        noteLabel(tr("More videos wait in the queue under My Videos and start as soon as one "
                     "finishes. A video waiting for a cloud service (Runway, Gemini) leaves its "
                     "place to the next. Applies at once."),
                  jobs));

    m_dataFolder = new QLineEdit(this);
    m_dataFolder->setReadOnly(true);
    m_dataFolder->setAccessibleName(tr("Data folder"));
    m_changeFolder = new QPushButton(tr("C&hange…"), this);
    m_changeFolder->setAccessibleName(tr("Change the data folder"));
    m_openFolder = new QPushButton(tr("&Open"), this);
    m_openFolder->setAccessibleName(tr("Open the data folder"));
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_dataFolder, 1);
    folderRow->addWidget(m_changeFolder);
    folderRow->addWidget(m_openFolder);
    auto* storage = new QGroupBox(tr("Storage"), this);
    auto* storageForm = new QFormLayout(storage);
    auto* folderLabel = new QLabel(tr("&Data folder:"), storage);
    folderLabel->setBuddy(m_dataFolder);
    storageForm->addRow(folderLabel, folderRow);
    storageForm->addRow(noteLabel(tr("A new folder takes effect after a restart. Videos and "
                                     "accounts already made stay in the old folder."),
                                  storage));

    m_theme = new QComboBox(this);
    m_theme->addItem(tr("Follow the system"), int(ThemeChoice::System));
    m_theme->addItem(tr("Light"), int(ThemeChoice::Light));
    m_theme->addItem(tr("Dark"), int(ThemeChoice::Dark));
    m_theme->setAccessibleName(tr("Theme"));
    auto* appearance = new QGroupBox(tr("Appearance"), this);
    auto* appearanceForm = new QFormLayout(appearance);
    appearanceForm->addRow(tr("&Theme:"), m_theme);

    m_language = new QComboBox(this);
    // Language names in their own language, so anyone can find theirs.
    m_language->addItem(tr("System default"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->setAccessibleName(tr("Interface language"));
    auto* language = new QGroupBox(tr("Language"), this);
    auto* languageForm = new QFormLayout(language);
    languageForm->addRow(tr("&Interface:"), m_language);
    languageForm->addRow(noteLabel(tr("Takes effect after a restart."), language));

    m_restartNote = new QLabel(this);
    m_restartNote->setWordWrap(true);
    m_restartNote->setObjectName(QStringLiteral("restartNote"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(defaults);
    layout->addWidget(jobs);
    layout->addWidget(storage);
    layout->addWidget(appearance);
    layout->addWidget(language);
    layout->addWidget(m_restartNote);
    layout->addStretch(1);

    connect(m_changeFolder, &QPushButton::clicked, this, [this] {
        const QString folder =
            chooseFolder ? chooseFolder(m_dataFolder->text())
                         : QFileDialog::getExistingDirectory(this, tr("Choose the data folder"),
                                                             m_dataFolder->text());
        if (!folder.isEmpty())
            m_dataFolder->setText(QDir::cleanPath(folder));
        updateRestartNote();
    });
    connect(m_openFolder, &QPushButton::clicked, this, [this] {
        QDir().mkpath(m_dataFolder->text());
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_dataFolder->text()));
    });
    connect(m_language, &QComboBox::currentIndexChanged, this,
            &GeneralSettingsPage::updateRestartNote);
    connect(m_concurrent, &QSpinBox::valueChanged, this, &GeneralSettingsPage::updateRestartNote);
    load();
}

void GeneralSettingsPage::load() {
    Choices::select(m_duration, m_settings->defaultDuration());
    Choices::select(m_aspect, m_settings->defaultAspect());
    if (!Choices::select(m_voice, m_settings->defaultVoice()))
        m_voice->setCurrentIndex(0); // a voice that is no longer installed: automatic
    Choices::select(m_captionStyle, int(m_settings->defaultCaptionStyle()));
    m_review->setChecked(m_settings->reviewScriptFirst());
    m_concurrent->setValue(m_settings->maxConcurrentJobs());
    m_dataFolder->setText(m_settings->dataFolder());
    Choices::select(m_language, m_settings->language());
    Choices::select(m_theme, int(m_settings->theme()));
    updateRestartNote();
}

void GeneralSettingsPage::save() {
    m_settings->setDefaultDuration(m_duration->currentData().toInt());
    m_settings->setDefaultAspect(m_aspect->currentData().toString());
    m_settings->setDefaultVoice(m_voice->currentData().toString());
    m_settings->setDefaultCaptionStyle(CaptionStyle(m_captionStyle->currentData().toInt()));
    m_settings->setReviewScriptFirst(m_review->isChecked());
    m_settings->setMaxConcurrentJobs(m_concurrent->value());
    m_settings->setDataFolder(m_dataFolder->text());
    m_settings->setLanguage(m_language->currentData().toString());
    m_settings->setTheme(ThemeChoice(m_theme->currentData().toInt()));
    m_settings->sync();
}

// Says plainly which of the edits wait for a restart, before the user presses OK.
void GeneralSettingsPage::updateRestartNote() {
    // Against what this run uses, not what is stored: after Apply the restart is still due.
    const bool restart = m_dataFolder->text() != m_settings->dataFolderAtStart() ||
                         m_language->currentData().toString() != m_settings->languageAtStart();
    m_restartNote->setText(
        restart ? tr("⟳ Restart Hidden Hill to apply the changed data folder or language.")
                : QString());
    m_restartNote->setVisible(restart);
}

} // namespace hh
