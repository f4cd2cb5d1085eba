// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Paper.h"
#include "script/Script.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;

namespace hh {

// The script of a paused job, before it is narrated: edit a scene's narration
// and headline, reorder or delete scenes, with the paper sentences each scene
// rests on shown beside it. Saving checks faithfulness (no number its sources do
// not state) and asks before keeping a scene that fails.
class ScriptReviewDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScriptReviewDialog)
public:
    explicit ScriptReviewDialog(QString jobDir, QWidget* parent = nullptr);

    bool isLoaded() const { return !m_script.scenes.isEmpty(); }
    const Script& script() const { return m_script; }
    void selectScene(int index);
    void setNarration(const QString& text);
    void setHeadline(const QString& text);
    void moveScene(int delta);
    void deleteScene();
    QString sourcesText() const;
    QString issuesText() const;

    // Writes script.json (temp + rename). Returns false and explains when the
    // script cannot be saved; `confirmIssues` decides whether to keep scenes that
    // state numbers their sources do not (tests replace it).
    bool save();
    std::function<bool(const QString& issues)> confirmIssues;

private:
    void commitEditor();
    void refreshList();
    void showScene(int index);

    QString m_jobDir;
    Paper m_paper;
    Script m_script;
    int m_current = -1;
    QListWidget* m_list = nullptr;
    QLineEdit* m_headline = nullptr;
    QPlainTextEdit* m_narration = nullptr;
    QLabel* m_sources = nullptr;
    QLabel* m_issues = nullptr;
};

} // namespace hh
