// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "voice/Lexicon.h"

#include <QAbstractTableModel>

namespace hh {

// The entries of a pronunciation lexicon as an editable table: word, how to say
// it, and (optional) espeak-ng phonemes. A row being typed may be incomplete;
// problems() says what would stop it from being saved.
class LexiconModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LexiconModel)
public:
    enum Column { WordColumn, RespellingColumn, PhonemesColumn, ColumnCount };

    explicit LexiconModel(QObject* parent = nullptr);

    void setLexicon(const Lexicon& lexicon);
    Lexicon lexicon() const { return Lexicon(m_entries); }
    const LexiconEntry& entry(int row) const { return m_entries.at(row); }

    // A new empty row at the end; returns its index.
    int addEntry(const LexiconEntry& entry = {});
    void removeEntries(QList<int> rows);
    // Adds the starter entries whose word is not there yet; returns how many.
    int addMissing(const Lexicon& other);
    // "Row 3: the respelling is empty", one line per bad row; empty when all is well.
    QStringList problems() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<LexiconEntry> m_entries;
};

} // namespace hh
