// SPDX-License-Identifier: GPL-3.0-or-later
#include "LexiconModel.h"

#include <QSet>
#include <algorithm>

namespace hh {

LexiconModel::LexiconModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void LexiconModel::setLexicon(const Lexicon& lexicon) {
    beginResetModel();
    m_entries = lexicon.entries();
    endResetModel();
}

int LexiconModel::addEntry(const LexiconEntry& entry) {
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append(entry);
    endInsertRows();
    return row;
}

void LexiconModel::removeEntries(QList<int> rows) {
    // From the bottom, so the rows still to remove keep their numbers.
    std::sort(rows.begin(), rows.end(), std::greater<>());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    for (const int row : std::as_const(rows)) {
        if (row < 0 || row >= m_entries.size())
            continue;
        beginRemoveRows({}, row, row);
        m_entries.removeAt(row);
        endRemoveRows();
    }
}

int LexiconModel::addMissing(const Lexicon& other) {
    QSet<QString> known;
    for (const LexiconEntry& entry : std::as_const(m_entries))
        known.insert(entry.word.trimmed());
    int added = 0;
    for (const LexiconEntry& entry : other.entries()) {
        if (known.contains(entry.word))
            continue;
        addEntry(entry);
        ++added;
    }
    return added;
}

QStringList LexiconModel::problems() const {
    QStringList out;
    for (qsizetype row = 0; row < m_entries.size(); ++row) {
        const QString why = Lexicon::problemWith(m_entries.at(row));
        if (why.isEmpty())
            continue;
        // The pipeline's reasons are English developer text; say it for the UI.
        const LexiconEntry& entry = m_entries.at(row);
        const QString what = entry.word.trimmed().isEmpty() ? tr("the word is empty")
                             : entry.respelling.trimmed().isEmpty()
                                 ? tr("“Say it as” is empty")
                                 : tr("it cannot be saved (%1)").arg(why);
        out << tr("Row %1: %2").arg(row + 1).arg(what);
    }
    return out;
}

int LexiconModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_entries.size());
}

int LexiconModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LexiconModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const LexiconEntry& entry = m_entries.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::EditRole) {
        switch (index.column()) {
        case WordColumn:
            return entry.word;
        case RespellingColumn:
            return entry.respelling;
        case PhonemesColumn:
            return entry.phonemes;
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == PhonemesColumn)
        return tr("For the built-in voice only: espeak-ng phoneme codes, e.g. kr'Isp3");
    return {};
}

bool LexiconModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || role != Qt::EditRole || index.row() >= m_entries.size())
        return false;
    LexiconEntry& entry = m_entries[index.row()];
    const QString text = value.toString().trimmed();
    switch (index.column()) {
    case WordColumn:
        entry.word = text;
        break;
    case RespellingColumn:
        entry.respelling = text;
        break;
    case PhonemesColumn:
        entry.phonemes = text;
        break;
    default:
        return false;
    }
    Q_EMIT dataChanged(index, index);
    return true;
}

Qt::ItemFlags LexiconModel::flags(const QModelIndex& index) const {
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable
                           : Qt::NoItemFlags;
}

QVariant LexiconModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case WordColumn:
        return tr("Word");
    case RespellingColumn:
        return tr("Say it as");
    case PhonemesColumn:
        return tr("Phonemes (built-in voice)");
    default:
        return {};
    }
}

} // namespace hh
