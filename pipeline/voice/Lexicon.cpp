// SPDX-License-Identifier: GPL-3.0-or-later
#include "Lexicon.h"

#include "core/AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <algorithm>

namespace hh {

namespace {

constexpr qsizetype kMaxFileBytes = 4 * 1024 * 1024; // far beyond any hand-kept list
constexpr qsizetype kMaxFieldLength = 500;

// Punctuation a caption word may carry around the word a lexicon knows.
bool isLeadingMark(QChar c) {
    return QStringLiteral("([{\"'‘“«¿¡").contains(c);
}
bool isTrailingMark(QChar c) {
    return QStringLiteral(")]}\"'’”».,;:!?").contains(c);
}

struct Affixed {
    QString prefix;
    QString core;
    QString suffix;
};

Affixed splitAffixes(const QString& word) {
    qsizetype begin = 0;
    qsizetype end = word.size();
    while (begin < end && isLeadingMark(word.at(begin)))
        ++begin;
    while (end > begin && isTrailingMark(word.at(end - 1)))
        --end;
    return {word.left(begin), word.mid(begin, end - begin), word.mid(end)};
}

QStringList keyWords(const QString& word) {
    static const QRegularExpression whitespace(QStringLiteral("\\s+"));
    return word.split(whitespace, Qt::SkipEmptyParts);
}

bool isAllLowerCase(const QString& text) {
    return std::none_of(text.cbegin(), text.cend(), [](QChar c) { return c.isUpper(); });
}

bool sameWord(const QString& written, const QString& key, Qt::CaseSensitivity cs) {
    return written.compare(key, cs) == 0;
}

// One entry ready for matching: its caption words and how they compare.
struct Matcher {
    QStringList words;
    Qt::CaseSensitivity cs = Qt::CaseSensitive;
    const LexiconEntry* entry = nullptr;
};

// Whether `words` at `at` match the entry; the first word may carry leading
// marks and the last trailing ones (which the spoken form keeps), or be the
// exact key including its own marks ("e.g.").
bool matchesAt(const Matcher& matcher, const QStringList& words, qsizetype at, Affixed* outer) {
    const qsizetype count = matcher.words.size();
    if (at + count > words.size())
        return false;
    for (qsizetype i = 0; i < count; ++i) {
        const QString& written = words.at(at + i);
        const QString& key = matcher.words.at(i);
        if (sameWord(written, key, matcher.cs))
            continue;
        const Affixed parts = splitAffixes(written);
        const bool leadingAllowed = i == 0 || parts.prefix.isEmpty();
        const bool trailingAllowed = i == count - 1 || parts.suffix.isEmpty();
        if (!leadingAllowed || !trailingAllowed || !sameWord(parts.core, key, matcher.cs))
            return false;
    }
    const Affixed first = splitAffixes(words.at(at));
    const Affixed last = splitAffixes(words.at(at + count - 1));
    outer->prefix =
        sameWord(words.at(at), matcher.words.first(), matcher.cs) ? QString() : first.prefix;
    outer->suffix = sameWord(words.at(at + count - 1), matcher.words.last(), matcher.cs)
                        ? QString()
                        : last.suffix;
    return true;
}

QString spokenFor(const LexiconEntry& entry, Lexicon::Form form) {
    if (form == Lexicon::Form::EspeakPhonemes && !entry.phonemes.isEmpty())
        return QStringLiteral("[[") + entry.phonemes + QStringLiteral("]]");
    return entry.respelling;
}

} // namespace

Lexicon::Lexicon(QList<LexiconEntry> entries)
    : m_entries(std::move(entries)) {}

QString Lexicon::problemWith(const LexiconEntry& entry) {
    const auto hasBreak = [](const QString& text) {
        return text.contains(QLatin1Char('\t')) || text.contains(QLatin1Char('\n')) ||
               text.contains(QLatin1Char('\r'));
    };
    if (entry.word.trimmed().isEmpty())
        return QStringLiteral("the word is empty");
    if (entry.word.trimmed().startsWith(QLatin1Char('#')))
        return QStringLiteral("a word cannot start with #");
    if (entry.respelling.trimmed().isEmpty())
        return QStringLiteral("the respelling is empty");
    if (hasBreak(entry.word) || hasBreak(entry.respelling) || hasBreak(entry.phonemes))
        return QStringLiteral("tabs and line breaks are not allowed");
    if (entry.phonemes.contains(QLatin1String("[[")) ||
        entry.phonemes.contains(QLatin1String("]]")))
        return QStringLiteral("write the phonemes without [[ ]]");
    if (entry.word.size() > kMaxFieldLength || entry.respelling.size() > kMaxFieldLength ||
        entry.phonemes.size() > kMaxFieldLength)
        return QStringLiteral("longer than %1 characters").arg(kMaxFieldLength);
    return {};
}

Result<Lexicon> Lexicon::parse(const QString& text) {
    QList<LexiconEntry> entries;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (line.trimmed().isEmpty() || line.trimmed().startsWith(QLatin1Char('#')))
            continue;
        const QStringList fields = line.split(QLatin1Char('\t'));
        const auto bad = [i](const QString& why) {
            return Result<Lexicon>::failure(
                ErrorType::Unsupported,
                QStringLiteral("pronunciation lexicon line %1: %2").arg(i + 1).arg(why));
        };
        if (fields.size() < 2 || fields.size() > 3)
            return bad(QStringLiteral("expected word<TAB>respelling[<TAB>phonemes]"));
        const LexiconEntry entry{keyWords(fields.at(0)).join(QLatin1Char(' ')),
                                 fields.at(1).trimmed(),
                                 fields.size() > 2 ? fields.at(2).trimmed() : QString()};
        if (const QString why = problemWith(entry); !why.isEmpty())
            return bad(why);
        entries.append(entry);
    }
    return Lexicon(std::move(entries));
}

Result<Lexicon> Lexicon::load(const QString& path) {
    QFile file(path);
    if (!file.exists())
        return Lexicon();
    if (!file.open(QIODevice::ReadOnly))
        return Result<Lexicon>::failure(
            ErrorType::Io, QStringLiteral("cannot read the pronunciation lexicon %1: %2")
                               .arg(QDir::toNativeSeparators(path), file.errorString()));
    if (file.size() > kMaxFileBytes)
        return Result<Lexicon>::failure(ErrorType::TooLarge,
                                        QStringLiteral("the pronunciation lexicon %1 is over %2 MB")
                                            .arg(QDir::toNativeSeparators(path))
                                            .arg(kMaxFileBytes / (1024 * 1024)));
    return parse(QString::fromUtf8(file.readAll()));
}

QString Lexicon::toText() const {
    QString text = QStringLiteral(
        "# Hidden Hill pronunciation lexicon: word<TAB>respelling[<TAB>espeak phonemes]\n");
    for (const LexiconEntry& entry : m_entries) {
        text += entry.word + QLatin1Char('\t') + entry.respelling;
        if (!entry.phonemes.isEmpty())
            text += QLatin1Char('\t') + entry.phonemes;
        text += QLatin1Char('\n');
    }
    return text;
}

Error Lexicon::save(const QString& path) const {
    for (const LexiconEntry& entry : m_entries) {
        if (const QString why = problemWith(entry); !why.isEmpty())
            return {ErrorType::Unsupported,
                    QStringLiteral("pronunciation of \"%1\": %2").arg(entry.word.left(60), why)};
    }
    if (Error e = writeFileAtomically(path, toText().toUtf8()); e.isError())
        return e;
    // The words a person keeps can say what they work on: owner only, like the
    // rest of the account's folder.
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return {};
}

QString Lexicon::accountFile(const QString& userDir) {
    return QDir(userDir).filePath(QStringLiteral("lexicon.tsv"));
}

QList<SpokenGroup> Lexicon::apply(const QStringList& captionWords, Form form) const {
    QList<Matcher> matchers;
    matchers.reserve(m_entries.size());
    for (const LexiconEntry& entry : m_entries) {
        const QStringList words = keyWords(entry.word);
        if (!words.isEmpty())
            matchers.append({words,
                             isAllLowerCase(entry.word) ? Qt::CaseInsensitive : Qt::CaseSensitive,
                             &entry});
    }
    // More words first, so "p < 0.05" wins over an entry for "p" alone; stable
    // so that among equals the earlier line wins.
    std::stable_sort(matchers.begin(), matchers.end(), [](const Matcher& a, const Matcher& b) {
        return a.words.size() > b.words.size();
    });

    QList<SpokenGroup> groups;
    qsizetype at = 0;
    while (at < captionWords.size()) {
        bool matched = false;
        for (const Matcher& matcher : std::as_const(matchers)) {
            Affixed outer;
            if (!matchesAt(matcher, captionWords, at, &outer))
                continue;
            const qsizetype count = matcher.words.size();
            groups.append(
                {at, count, outer.prefix + spokenFor(*matcher.entry, form) + outer.suffix, true});
            at += count;
            matched = true;
            break;
        }
        if (!matched) {
            groups.append({at, 1, captionWords.at(at), false});
            ++at;
        }
    }
    return groups;
}

Lexicon Lexicon::starter() {
    // Respellings in plain words that both the built-in voice and the neural
    // voices read right; each one is checked by tst_lexicon to change what the
    // built-in voice says. (CRISPR is not here: espeak-ng already says it right.)
    static const QList<LexiconEntry> entries = {
        {QStringLiteral("mRNA"), QStringLiteral("messenger R N A"), {}},
        {QStringLiteral("siRNA"), QStringLiteral("S I R N A"), {}},
        {QStringLiteral("RNA-seq"), QStringLiteral("R N A seek"), {}},
        {QStringLiteral("ChIP-seq"), QStringLiteral("chip seek"), {}},
        {QStringLiteral("CRISPR-Cas9"), QStringLiteral("crisper cas nine"), {}},
        {QStringLiteral("qPCR"), QStringLiteral("Q P C R"), {}},
        {QStringLiteral("RT-qPCR"), QStringLiteral("R T Q P C R"), {}},
        {QStringLiteral("SARS-CoV-2"), QStringLiteral("sars co V two"), {}},
        {QStringLiteral("IC50"), QStringLiteral("I C fifty"), {}},
        {QStringLiteral("EC50"), QStringLiteral("E C fifty"), {}},
        {QStringLiteral("p < 0.05"), QStringLiteral("p less than zero point zero five"), {}},
        {QStringLiteral("p < 0.01"), QStringLiteral("p less than zero point zero one"), {}},
        {QStringLiteral("p < 0.001"), QStringLiteral("p less than zero point zero zero one"), {}},
        {QStringLiteral("µm"), QStringLiteral("micrometers"), {}},
        {QStringLiteral("μm"), QStringLiteral("micrometers"), {}},
        {QStringLiteral("µM"), QStringLiteral("micromolar"), {}},
        {QStringLiteral("μM"), QStringLiteral("micromolar"), {}},
        {QStringLiteral("µL"), QStringLiteral("microliters"), {}},
        {QStringLiteral("μL"), QStringLiteral("microliters"), {}},
        {QStringLiteral("µg"), QStringLiteral("micrograms"), {}},
        {QStringLiteral("μg"), QStringLiteral("micrograms"), {}},
        {QStringLiteral("mM"), QStringLiteral("millimolar"), {}},
        {QStringLiteral("nM"), QStringLiteral("nanomolar"), {}},
        {QStringLiteral("mg/kg"), QStringLiteral("milligrams per kilogram"), {}},
        {QStringLiteral("ng/mL"), QStringLiteral("nanograms per milliliter"), {}},
        {QStringLiteral("kDa"), QStringLiteral("kilodaltons"), {}},
        {QStringLiteral("°C"), QStringLiteral("degrees Celsius"), {}},
        {QStringLiteral("α"), QStringLiteral("alpha"), {}},
        {QStringLiteral("β"), QStringLiteral("beta"), {}},
        {QStringLiteral("γ"), QStringLiteral("gamma"), {}},
        {QStringLiteral("δ"), QStringLiteral("delta"), {}},
        {QStringLiteral("Δ"), QStringLiteral("delta"), {}},
        {QStringLiteral("κ"), QStringLiteral("kappa"), {}},
        {QStringLiteral("λ"), QStringLiteral("lambda"), {}},
        {QStringLiteral("μ"), QStringLiteral("mu"), {}},
        {QStringLiteral("σ"), QStringLiteral("sigma"), {}},
        {QStringLiteral("τ"), QStringLiteral("tau"), {}},
        {QStringLiteral("ω"), QStringLiteral("omega"), {}},
        {QStringLiteral("e.g."), QStringLiteral("for example"), {}},
        {QStringLiteral("i.e."), QStringLiteral("that is"), {}},
        {QStringLiteral("vs."), QStringLiteral("versus"), {}},
        {QStringLiteral("et al."), QStringLiteral("and colleagues"), {}},
    };
    return Lexicon(entries);
}

} // namespace hh
