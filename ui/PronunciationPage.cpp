// SPDX-License-Identifier: GPL-3.0-or-later
#include "PronunciationPage.h"

#include "Choices.h"
#include "LexiconModel.h"
#include "VoiceSample.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace hh {

namespace {
// The pace of New video's default, so Test sounds like the video will.
constexpr int kTestWordsPerMinute = 165;
} // namespace

PronunciationPage::PronunciationPage(QString lexiconFile, QWidget* parent)
    : QWidget(parent)
    , m_file(std::move(lexiconFile)) {
    auto* intro =
        new QLabel(tr("Words the voices say wrong, and how to say them. Write it as it sounds "
                      "(“ee-ko-LYE”); captions and the script keep the paper’s spelling. A word "
                      "written all in lower case also matches it capitalised."),
                   this);
    intro->setWordWrap(true);

    m_model = new LexiconModel(this);
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setAccessibleName(tr("Pronunciations"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::AnyKeyPressed);

    m_add = new QPushButton(tr("&Add"), this);
    m_delete = new QPushButton(tr("&Delete"), this);
    m_starter = new QPushButton(tr("Add &common science terms"), this);
    m_starter->setToolTip(tr("Units, Greek letters and lab abbreviations the built-in voice "
                             "gets wrong"));
    auto* editRow = new QHBoxLayout;
    editRow->addWidget(m_add);
    editRow->addWidget(m_delete);
    editRow->addStretch(1);
    editRow->addWidget(m_starter);

    m_voice = new QComboBox(this);
    m_voice->setAccessibleName(tr("Voice for the test"));
    Choices::fillVoices(m_voice);
    m_test = new QPushButton(tr("&Test"), this);
    m_test->setToolTip(tr("Say the selected word with this voice"));
    auto* testRow = new QHBoxLayout;
    testRow->addWidget(new QLabel(tr("Voice:"), this));
    testRow->addWidget(m_voice, 1);
    testRow->addWidget(m_test);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->hide();

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addLayout(editRow);
    layout->addLayout(testRow);
    layout->addWidget(m_status);

    m_sample = new VoiceSample(nullptr, this);
    connect(m_add, &QPushButton::clicked, this, [this] {
        const int row = m_model->addEntry();
        const QModelIndex index = m_model->index(row, LexiconModel::WordColumn);
        m_table->setCurrentIndex(index);
        m_table->edit(index);
    });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        QList<int> rows;
        for (const QModelIndex& index : m_table->selectionModel()->selectedRows())
            rows << index.row();
        m_model->removeEntries(rows);
    });
    connect(m_starter, &QPushButton::clicked, this, [this] {
        const int added = m_model->addMissing(Lexicon::starter());
        showStatus(tr("Terms added: %1").arg(added), false);
    });
    connect(m_test, &QPushButton::clicked, this, &PronunciationPage::testSelected);
    connect(m_sample, &VoiceSample::failed, this,
            [this](const QString& message) { showStatus(message, true); });
    connect(m_sample, &VoiceSample::activeChanged, this, &PronunciationPage::updateButtons);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &PronunciationPage::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &PronunciationPage::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &PronunciationPage::updateButtons);
    load();
}

void PronunciationPage::load() {
    const auto lexicon = Lexicon::load(m_file);
    if (!lexicon) {
        m_model->setLexicon({});
        showStatus(tr("Your pronunciations could not be read: %1").arg(lexicon.error().message),
                   true);
        return;
    }
    m_model->setLexicon(lexicon.value());
    m_status->hide();
    updateButtons();
}

bool PronunciationPage::save() {
    if (const QStringList problems = m_model->problems(); !problems.isEmpty()) {
        showStatus(tr("Not saved. %1").arg(problems.join(QLatin1Char(' '))), true);
        return false;
    }
    if (const Error e = m_model->lexicon().save(m_file); e.isError()) {
        showStatus(tr("Your pronunciations could not be saved: %1").arg(e.message), true);
        return false;
    }
    m_status->hide();
    return true;
}

void PronunciationPage::testSelected() {
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    if (m_sample->isActive()) {
        m_sample->stop();
        return;
    }
    const LexiconEntry& entry = m_model->entry(current.row());
    if (entry.word.trimmed().isEmpty() || entry.respelling.trimmed().isEmpty()) {
        showStatus(tr("Fill in the word and how to say it first."), true);
        return;
    }
    m_status->hide();
    m_sample->setLexicon(Lexicon({entry}));
    m_sample->play(m_voice->currentData().toString(), entry.word, kTestWordsPerMinute);
}

void PronunciationPage::updateButtons() {
    const bool selected = m_table->selectionModel()->hasSelection();
    m_delete->setEnabled(selected);
    m_test->setEnabled(selected || m_sample->isActive());
    m_test->setText(m_sample->isActive() ? tr("&Stop") : tr("&Test"));
}

void PronunciationPage::showStatus(const QString& text, bool problem) {
    m_status->setText(text);
    m_status->setProperty("problem", problem);
    m_status->show();
}

} // namespace hh
