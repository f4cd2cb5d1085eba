// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>
#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace hh {

class AppSettings;

// Settings → General: the defaults of New video, how many jobs run at once,
// where the data lives, the theme and the interface language. Shows the stored values on
// load() and writes them on save(); nothing is stored while the user edits.
class GeneralSettingsPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GeneralSettingsPage)
public:
    explicit GeneralSettingsPage(AppSettings* settings, QWidget* parent = nullptr);

    void load();
    void save();

    // Replaceable so tests need no file dialog; returns the chosen folder or "".
    std::function<QString(const QString& current)> chooseFolder;

    QComboBox* durationBox() const { return m_duration; }
    QComboBox* aspectBox() const { return m_aspect; }
    QComboBox* voiceBox() const { return m_voice; }
    QComboBox* captionStyleBox() const { return m_captionStyle; }
    QCheckBox* reviewBox() const { return m_review; }
    QSpinBox* concurrentJobsBox() const { return m_concurrent; }
    QLineEdit* dataFolderField() const { return m_dataFolder; }
    QPushButton* changeFolderButton() const { return m_changeFolder; }
    QComboBox* languageBox() const { return m_language; }
    QComboBox* themeBox() const { return m_theme; }
    QLabel* restartNote() const { return m_restartNote; }

private:
    void updateRestartNote();

    AppSettings* m_settings = nullptr;
    QComboBox* m_duration = nullptr;
    QComboBox* m_aspect = nullptr;
    QComboBox* m_voice = nullptr;
    QComboBox* m_captionStyle = nullptr;
    QCheckBox* m_review = nullptr;
    QSpinBox* m_concurrent = nullptr;
    QLineEdit* m_dataFolder = nullptr;
    QPushButton* m_changeFolder = nullptr;
    QPushButton* m_openFolder = nullptr;
    QComboBox* m_language = nullptr;
    QComboBox* m_theme = nullptr;
    QLabel* m_restartNote = nullptr;
};

} // namespace hh
