// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScriptReviewDialog.h"

#include "Theme.h"
#include "core/AtomicFile.h"
#include "script/ScriptValidator.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QHBoxLayout>
#include <QHash>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace hh {

namespace {
QJsonObject readObject(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}
} // namespace

ScriptReviewDialog::ScriptReviewDialog(QString jobDir, QWidget* parent)
    : QDialog(parent)
    , m_jobDir(std::move(jobDir)) {
    setWindowTitle(tr("Review the script"));
    m_paper = Paper::fromJson(readObject(QDir(m_jobDir).filePath(QStringLiteral("paper.json"))));
    auto script =
        Script::fromJson(readObject(QDir(m_jobDir).filePath(QStringLiteral("script.json"))));
    if (script)
        m_script = script.value();

    m_list = new QListWidget(this);
    m_headline = new QLineEdit(this);
    m_narration = new QPlainTextEdit(this);
    m_sources = new QLabel(this);
    m_sources->setWordWrap(true);
    m_sources->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_issues = new QLabel(this);
    m_issues->setWordWrap(true);
    // In the theme's negative tone, which reads on the light and the dark window alike.
    Theme::tintText(m_issues, Theme::Tone::Negative);
    auto* up = new QPushButton(tr("Move up"), this);
    auto* down = new QPushButton(tr("Move down"), this);
    auto* remove = new QPushButton(tr("Delete scene"), this);
    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(tr("Continue"), QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);

    auto* left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    auto* moves = new QHBoxLayout;
    moves->addWidget(up);
    moves->addWidget(down);
    moves->addWidget(remove);
    left->addLayout(moves);
    auto* right = new QVBoxLayout;
    right->addWidget(new QLabel(tr("Headline on screen"), this));
    right->addWidget(m_headline);
    right->addWidget(new QLabel(tr("Narration"), this));
    right->addWidget(m_narration, 1);
    right->addWidget(new QLabel(tr("From the paper"), this));
    right->addWidget(m_sources);
    auto* columns = new QHBoxLayout;
    columns->addLayout(left, 2);
    columns->addLayout(right, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(m_issues);
    layout->addWidget(buttons);
    resize(960, 600);

    confirmIssues = [this](const QString& issues) {
        return QMessageBox::question(this, tr("Numbers the paper does not state"),
                                     tr("%1\n\nKeep these scenes anyway?").arg(issues)) ==
               QMessageBox::Yes;
    };
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        commitEditor();
        showScene(row);
    });
    connect(up, &QPushButton::clicked, this, [this] { moveScene(-1); });
    connect(down, &QPushButton::clicked, this, [this] { moveScene(1); });
    connect(remove, &QPushButton::clicked, this, &ScriptReviewDialog::deleteScene);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    refreshList();
    if (!isLoaded())
        m_issues->setText(tr("The script of this job cannot be read."));
}

void ScriptReviewDialog::refreshList() {
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (int i = 0; i < m_script.scenes.size(); ++i)
        m_list->addItem(QStringLiteral("%1. %2").arg(i + 1).arg(m_script.scenes[i].headline));
    if (!m_script.scenes.isEmpty())
        showScene(std::clamp(m_current, 0, int(m_script.scenes.size()) - 1));
}

void ScriptReviewDialog::showScene(int index) {
    m_current = index;
    if (index < 0 || index >= m_script.scenes.size())
        return;
    {
        const QSignalBlocker blocker(m_list);
        m_list->setCurrentRow(index);
    }
    const Scene& scene = m_script.scenes[index];
    m_headline->setText(scene.headline);
    m_narration->setPlainText(scene.narration);
    QHash<QString, Sentence> byId;
    for (const auto& sentence : m_paper.sentences())
        byId.insert(sentence.id, sentence);
    QStringList lines;
    for (const auto& id : scene.sources) {
        const auto it = byId.constFind(id);
        lines << (it == byId.cend() ? tr("%1 (not in the paper)").arg(id)
                                    : QStringLiteral("%1 — “%2”").arg(it->where, it->text));
    }
    m_sources->setText(lines.join(QLatin1Char('\n')));
    // What the script writer flagged and could not fix (an LLM's number the paper
    // does not state): shown until the user edits the scene and saves.
    QStringList flagged;
    for (const QString& issue : scene.issues)
        flagged << tr("⚠ %1").arg(issue);
    for (const QString& issue : m_script.issues)
        flagged << tr("⚠ Whole script: %1").arg(issue);
    m_issues->setText(flagged.join(QLatin1Char('\n')));
}

void ScriptReviewDialog::commitEditor() {
    if (m_current < 0 || m_current >= m_script.scenes.size())
        return;
    Scene& scene = m_script.scenes[m_current];
    scene.headline = m_headline->text().trimmed();
    scene.narration = m_narration->toPlainText().simplified();
    if (QListWidgetItem* item = m_list->item(m_current))
        item->setText(QStringLiteral("%1. %2").arg(m_current + 1).arg(scene.headline));
}

void ScriptReviewDialog::selectScene(int index) {
    commitEditor();
    showScene(index);
}

void ScriptReviewDialog::setNarration(const QString& text) {
    m_narration->setPlainText(text);
}
void ScriptReviewDialog::setHeadline(const QString& text) {
    m_headline->setText(text);
}

void ScriptReviewDialog::moveScene(int delta) {
    commitEditor();
    const int target = m_current + delta;
    if (m_current < 0 || target < 0 || target >= m_script.scenes.size())
        return;
    m_script.scenes.swapItemsAt(m_current, target);
    m_current = target;
    refreshList();
}

void ScriptReviewDialog::deleteScene() {
    if (m_current < 0 || m_script.scenes.size() <= 1) // a video needs at least one scene
        return;
    m_script.scenes.removeAt(m_current);
    m_current = std::min(m_current, int(m_script.scenes.size()) - 1);
    refreshList();
}

QString ScriptReviewDialog::sourcesText() const {
    return m_sources->text();
}
QString ScriptReviewDialog::issuesText() const {
    return m_issues->text();
}

bool ScriptReviewDialog::save() {
    commitEditor();
    for (int i = 0; i < m_script.scenes.size(); ++i) {
        if (m_script.scenes[i].narration.isEmpty()) {
            m_issues->setText(
                tr("Scene %1 has no narration; write some or delete the scene.").arg(i + 1));
            return false;
        }
    }
    QStringList problems;
    for (const auto& issue : validateScript(m_script, m_paper))
        problems << issue.message;
    m_issues->setText(problems.join(QLatin1Char('\n')));
    if (!problems.isEmpty() && !confirmIssues(problems.join(QLatin1Char('\n'))))
        return false;
    // Reviewed: what the writer flagged is now the user's decision, and the job
    // must not stop for the same flags again.
    m_script.issues.clear();
    for (Scene& scene : m_script.scenes)
        scene.issues.clear();
    const Error error =
        writeFileAtomically(QDir(m_jobDir).filePath(QStringLiteral("script.json")),
                            QJsonDocument(m_script.toJson()).toJson(QJsonDocument::Indented));
    if (error.isError()) {
        m_issues->setText(error.message);
        return false;
    }
    return true;
}

} // namespace hh
