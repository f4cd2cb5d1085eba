// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace hh {

// One pronunciation: the word (or words) as a paper writes them and how to say it.
struct LexiconEntry {
    QString word;       // "mRNA", "p < 0.05"; may hold spaces (several caption words)
    QString respelling; // "em R N A": what every voice is given to say
    QString phonemes;   // optional espeak-ng phoneme mnemonics, without [[ ]]
    bool operator==(const LexiconEntry&) const = default;
};

// A run of caption words and what the voice says for it. Every caption word of a
// text belongs to exactly one group, in order; a group without an entry says its
// word as written.
struct SpokenGroup {
    qsizetype firstWord = 0;
    qsizetype wordCount = 1;
    QString spoken;
    bool fromLexicon = false;
};

// A pronunciation dictionary (design: docs in the README's "Voices" section).
//
// File format, UTF-8 text, one entry a line:
//     word<TAB>respelling[<TAB>espeak phonemes]
// Blank lines and lines starting with '#' are ignored. The word may contain
// spaces ("p < 0.05" matches those three caption words in a row). Matching is by
// whole caption words, ignoring punctuation around them ("(mRNA)," matches
// mRNA and keeps the brackets and comma). A word written with any capital letter
// matches only that exact spelling (mRNA is not MRNA); one written all in lower
// case matches any capitalisation ("crispr" matches CRISPR and Crispr).
// Where several entries match at a place, the one with more words wins.
class Lexicon {
public:
    enum class Form {
        Respelling,    // cloud and server voices: the respelling
        EspeakPhonemes // espeak-ng: [[phonemes]] where given, else the respelling
    };

    Lexicon() = default;
    explicit Lexicon(QList<LexiconEntry> entries);

    // Errors name the line ("line 4: …"); an empty text is an empty lexicon.
    static Result<Lexicon> parse(const QString& text);
    static Result<Lexicon> load(const QString& path); // a missing file: empty lexicon
    QString toText() const;
    // Written atomically, readable by its owner only (0600).
    Error save(const QString& path) const;

    // Where an account keeps its lexicon: <account folder>/lexicon.tsv.
    static QString accountFile(const QString& userDir);
    // Common cases the built-in voice gets wrong (units, Greek letters, lab
    // abbreviations), written for this project.
    static Lexicon starter();

    const QList<LexiconEntry>& entries() const { return m_entries; }
    bool isEmpty() const { return m_entries.isEmpty(); }
    // Problems an entry would have in a file (empty fields, tabs, line breaks).
    static QString problemWith(const LexiconEntry& entry);

    // How the caption words are to be spoken, grouped (see SpokenGroup).
    QList<SpokenGroup> apply(const QStringList& captionWords, Form form) const;

private:
    QList<LexiconEntry> m_entries;
};

} // namespace hh
