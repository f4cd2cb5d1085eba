// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "MusicPreview.h"

#include <QWidget>
#include <functional>

class QComboBox;
class QLabel;
class QPushButton;
class QSlider;

namespace hh {

struct JobOptions;

// New video's "Music" row: None, the built-in beds or the user's own file
// (Choose file …), the bed's volume against the voice, and a 10 s Preview of
// the bed under the paper's title. A chosen file is checked off the GUI thread;
// one that cannot be decoded is refused on the spot with the reason.
class MusicPicker final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MusicPicker)
public:
    // Asks for a file; "" when the user cancels. Replaceable so no test opens a dialog.
    using FileChooser = std::function<QString(QWidget* parent)>;
    // What the preview speaks over the bed (the panel's voice, pace and sentence).
    using SpeechSource = std::function<MusicPreview::Request()>;

    explicit MusicPicker(QWidget* parent = nullptr);

    QString music() const; // JobOptions::music: "", a bed's name or a file path
    double volumeDb() const;
    void apply(JobOptions& options) const;
    // Selects a built-in bed, "" (none) or a file path (added to the list).
    void setMusic(const QString& music);

    void setFileChooser(FileChooser chooser) { m_chooseFile = std::move(chooser); }
    void setSpeechSource(SpeechSource source) { m_speech = std::move(source); }
    MusicPreview* preview() const { return m_preview; }
    QComboBox* combo() const { return m_combo; }
    QSlider* volumeSlider() const { return m_volume; }
    QPushButton* previewButton() const { return m_previewButton; }
    QString message() const; // the inline problem, "" when none is shown

    static QString bedLabel(const QString& name); // "Gentle pulse" for "pulse"

Q_SIGNALS:
    // A file was checked: fine (empty message) or refused with the reason.
    void fileChecked(const QString& path, const QString& problem);

protected:
    void changeEvent(QEvent* event) override;

private:
    void onActivated(int index);
    void addFile(const QString& path);
    void togglePreview();
    void updateControls();
    void showMessage(const QString& message);

    QComboBox* m_combo = nullptr;
    QSlider* m_volume = nullptr;
    QLabel* m_volumeValue = nullptr;
    QPushButton* m_previewButton = nullptr;
    QLabel* m_message = nullptr;
    MusicPreview* m_preview = nullptr;
    FileChooser m_chooseFile;
    SpeechSource m_speech;
    int m_lastIndex = 0; // where a cancelled or refused file choice returns to
};

} // namespace hh
