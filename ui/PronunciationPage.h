// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace hh {

class LexiconModel;
class VoiceSample;

// Settings → Pronunciation: the account's lexicon (words the voices get wrong
// and how to say them). Add, edit in place, delete, add the starter list; Test
// speaks the selected word with the chosen built-in voice, the lexicon applied,
// off the GUI thread (VoiceSample). Loaded from the account's lexicon.tsv when
// the page opens and written on save() (OK / Apply); a row that cannot be
// written stops the save with an inline note, the file stays as it was.
class PronunciationPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PronunciationPage)
public:
    explicit PronunciationPage(QString lexiconFile, QWidget* parent = nullptr);

    void load();
    bool save();
    void testSelected();

    LexiconModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QPushButton* addButton() const { return m_add; }
    QPushButton* deleteButton() const { return m_delete; }
    QPushButton* starterButton() const { return m_starter; }
    QPushButton* testButton() const { return m_test; }
    QComboBox* voiceBox() const { return m_voice; }
    QLabel* statusLabel() const { return m_status; }
    VoiceSample* sample() const { return m_sample; }

private:
    void updateButtons();
    void showStatus(const QString& text, bool problem);

    QString m_file;
    LexiconModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_delete = nullptr;
    QPushButton* m_starter = nullptr;
    QPushButton* m_test = nullptr;
    QComboBox* m_voice = nullptr;
    QLabel* m_status = nullptr;
    VoiceSample* m_sample = nullptr;
};

} // namespace hh
