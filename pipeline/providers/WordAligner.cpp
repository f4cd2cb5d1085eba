// SPDX-License-Identifier: GPL-3.0-or-later
#include "WordAligner.h"

#include "SpeechEnvelope.h"
#include "SyllableEstimator.h"

#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

namespace hh {

namespace {

// All the numbers below were set on speech with known word times, 40 scenes of
// six corpus papers at three speaking rates (tests/tst_gemini_voice.cpp measures
// the error they give); they describe speech in general, not one voice.

// --- the text ---------------------------------------------------------------------

// Spoken length of a word, in syllable units, beyond its syllables: every word
// takes some time of its own (onset, transitions), function words are reduced,
// the word before a pause is drawn out (phrase-final lengthening), and numbers
// are read more carefully than their syllables suggest.
constexpr double kWordBase = 1.1;
constexpr double kFunctionWordBase = -0.1;
constexpr double kPhraseFinalLengthening = 0.9;
constexpr double kNumberExtra = 1.0;

enum class Boundary { None, Clause, Sentence };

struct TextWord {
    QString text;
    int syllables = 0;
    double weight = 0;               // spoken length in syllable units
    Boundary after = Boundary::None; // punctuation between this word and the next
};

// Abbreviations whose full stop does not end a sentence.
bool isAbbreviation(const QString& stem) {
    static const QSet<QString> known = {
        QStringLiteral("e.g"), QStringLiteral("i.e"),    QStringLiteral("al"),
        QStringLiteral("vs"),  QStringLiteral("fig"),    QStringLiteral("figs"),
        QStringLiteral("dr"),  QStringLiteral("mr"),     QStringLiteral("mrs"),
        QStringLiteral("ms"),  QStringLiteral("prof"),   QStringLiteral("st"),
        QStringLiteral("no"),  QStringLiteral("approx"), QStringLiteral("ca"),
        QStringLiteral("cf"),  QStringLiteral("etc"),    QStringLiteral("eq"),
        QStringLiteral("ref"), QStringLiteral("vol"),    QStringLiteral("resp"),
    };
    // A single initial ("J.", "M. tuberculosis") is a name, not a sentence end.
    return known.contains(stem.toLower()) || (stem.size() == 1 && stem[0].isUpper());
}

bool isClosingMark(QChar c) {
    return QStringLiteral(")]}\"'’”»").contains(c);
}

bool isDash(const QString& word) {
    return word == QStringLiteral("—") || word == QStringLiteral("–") ||
           word == QStringLiteral("-") || word == QStringLiteral("--");
}

Boundary boundaryAfter(const QString& word, const QString& next) {
    if (isDash(next) || isDash(word))
        return Boundary::Clause;
    QString core = word;
    bool closedBracket = false;
    while (!core.isEmpty() && isClosingMark(core.back())) {
        closedBracket =
            closedBracket || core.back() == QLatin1Char(')') || core.back() == QLatin1Char(']');
        core.chop(1);
    }
    if (core.isEmpty())
        return Boundary::None;
    const QChar last = core.back();
    if (last == QLatin1Char('.') || last == QLatin1Char('!') || last == QLatin1Char('?') ||
        last == QChar(u'…')) {
        const bool nextStartsLower = !next.isEmpty() && next.front().isLower();
        if (last == QLatin1Char('.') && (isAbbreviation(core.chopped(1)) || nextStartsLower))
            return Boundary::None;
        return Boundary::Sentence;
    }
    if (QStringLiteral(",;:—–").contains(last) || closedBracket)
        return Boundary::Clause;
    return Boundary::None;
}

// Short words a speaker says quickly and unstressed ("of the", "in a").
bool isFunctionWord(const QString& word) {
    static const QSet<QString> words = [] {
        QSet<QString> set;
        for (const char* w :
             {"a",    "an",   "the",  "of",   "in",   "on",   "at",   "to",   "for",
              "by",   "with", "from", "and",  "or",   "but",  "as",   "is",   "are",
              "was",  "were", "be",   "been", "that", "this", "it",   "its",  "their",
              "than", "then", "so",   "not",  "no",   "we",   "our",  "into", "can",
              "has",  "have", "had",  "do",   "does", "may",  "will", "if",   "which"})
            set.insert(QString::fromLatin1(w));
        return set;
    }();
    QString core;
    for (const QChar c : word) {
        if (c.isLetter())
            core.append(c.toLower());
    }
    return words.contains(core);
}

bool hasDigit(const QString& word) {
    return std::any_of(word.cbegin(), word.cend(), [](QChar c) { return c.isDigit(); });
}

double spokenWeight(const QString& word, int syllables, Boundary after) {
    if (syllables == 0)
        return 0; // a dash: said as a pause, not as a word
    double weight = syllables + (isFunctionWord(word) ? kFunctionWordBase : kWordBase);
    if (after != Boundary::None)
        weight += kPhraseFinalLengthening;
    if (hasDigit(word))
        weight += kNumberExtra;
    return weight;
}

QList<TextWord> textWords(const QStringList& words) {
    QList<TextWord> out;
    out.reserve(words.size());
    for (qsizetype i = 0; i < words.size(); ++i) {
        TextWord entry;
        entry.text = words.at(i);
        entry.syllables = estimateSyllables(entry.text);
        // The text's end is where the speaker stops: a sentence end.
        entry.after =
            i + 1 < words.size() ? boundaryAfter(entry.text, words.at(i + 1)) : Boundary::Sentence;
        entry.weight = spokenWeight(entry.text, entry.syllables, entry.after);
        out.append(entry);
    }
    return out;
}

// --- placing the word boundaries ------------------------------------------------------

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// A word's speech time (pause frames excluded) is expected at (frames per
// syllable unit) × weight, with a variance of kSyllableVariance × mean unit² ×
// weight + kWordJitterFrames²: its cost is the squared deviation over twice that.
constexpr double kSyllableVariance = 0.35;
constexpr double kWordJitterFrames = 6;
// Syllable nuclei heard in a word vs its syllables: weight × deviation² / (1 + expected).
constexpr double kNucleusWeight = 1.5;
// A pause inside a word costs this per (pause / 100 ms)²: stops close for a
// moment, but a long silence is almost always between words.
constexpr double kPauseInsideWord = 1.0;
// A pause at a boundary costs cost − gain × (pause / 100 ms, capped at 500 ms):
// sentence ends want a pause, commas like one, plain word gaps rarely have one.
constexpr double kSentenceCost = 3.0;
constexpr double kSentenceGain = 1.5;
constexpr double kClauseCost = 1.0;
constexpr double kClauseGain = 1.0;
constexpr double kPlainGain = -0.75;
constexpr double kPauseGainCapFrames = 50;
// A boundary in a loudness dip is cheaper by this per 10 dB of dip.
constexpr double kDipGain = 0.2;
// Limits of the search: a word with its pauses spans at most 4 s; lengths
// beyond 8 σ are not tried; boundaries are looked for within 3 s + 15 % of the
// clip of where the text's proportions put them; paths over 25 nats worse than
// the best are dropped (beam search).
constexpr qint64 kMaxWordSpanFrames = 400;
constexpr double kMaxDeviations = 8;
constexpr double kBandFrames = 300;
constexpr double kBandFraction = 0.15;
constexpr double kBeamNats = 25;
// A pause up to this long before a word is its initial stop's closure and
// belongs to it; a longer one is a real pause, and the word starts after it.
constexpr qint64 kClosureFrames = 6;

// Finds the boundary frames of all words at once by dynamic programming over
// (word, frame): each word's length against its weight, the syllable nuclei it
// holds against its syllables, pauses against punctuation, dips at boundaries.
class BoundaryPlacer {
public:
    BoundaryPlacer(const SpeechEnvelope& envelope, const QList<TextWord>& words)
        : m_envelope(envelope)
        , m_words(words)
        , m_begin(envelope.firstSpeech)
        , m_span(envelope.lastSpeech + 1 - envelope.firstSpeech) {
        const auto frames = size_t(m_span) + 1;
        std::vector<int> pauseAt(frames, -1);
        for (size_t p = 0; p < envelope.pauses.size(); ++p) {
            for (qint64 f = envelope.pauses[p].begin; f < envelope.pauses[p].end; ++f)
                pauseAt[size_t(f - m_begin)] = int(p);
        }
        // The pause each boundary frame sits in or right after, and the first
        // pause starting at or after each frame: O(1) look-ups in the search.
        m_boundaryPause.assign(frames, -1);
        m_nextPause.assign(frames, int(envelope.pauses.size()));
        int next = int(envelope.pauses.size());
        for (qint64 i = m_span; i >= 0; --i) {
            const int in = pauseAt[size_t(i)];
            m_boundaryPause[size_t(i)] = in >= 0 ? in : (i > 0 ? pauseAt[size_t(i) - 1] : -1);
            if (in >= 0 && envelope.pauses[size_t(in)].begin == i + m_begin)
                next = in;
            m_nextPause[size_t(i)] = next;
        }
        m_speechBefore.assign(frames, 0);
        for (qint64 i = 0; i < m_span; ++i)
            m_speechBefore[size_t(i) + 1] = m_speechBefore[size_t(i)] + (pauseAt[size_t(i)] < 0);
        m_nucleiBefore.assign(frames, 0);
        for (const qint64 f : envelope.nuclei) {
            if (f >= m_begin && f < m_begin + m_span)
                ++m_nucleiBefore[size_t(f - m_begin) + 1];
        }
        for (qint64 i = 0; i < m_span; ++i)
            m_nucleiBefore[size_t(i) + 1] += m_nucleiBefore[size_t(i)];
        m_insideCost.assign(envelope.pauses.size() + 1, 0.0);
        for (size_t p = 0; p < envelope.pauses.size(); ++p) {
            const double tenths = double(envelope.pauses[p].length()) / 10.0;
            m_insideCost[p + 1] = m_insideCost[p] + kPauseInsideWord * tenths * tenths;
        }
        m_cumWeight.assign(size_t(words.size()) + 1, 0.0);
        double syllables = 0;
        for (qsizetype i = 0; i < words.size(); ++i) {
            m_cumWeight[size_t(i) + 1] = m_cumWeight[size_t(i)] + words.at(i).weight;
            syllables += words.at(i).syllables;
        }
        const double weight = m_cumWeight.back();
        m_framesPerUnit = weight > 0 ? double(m_speechBefore.back()) / weight : 0;
        m_nucleiPerSyllable = syllables > 0 ? double(m_nucleiBefore.back()) / syllables : 0;
    }

    // Boundary frames (absolute): [0] the start of speech, [n] its end; word i
    // spans [i] … [i+1]. Empty when no placement fits the search limits.
    std::vector<qint64> place() const {
        const int n = int(m_words.size());
        const double weight = m_cumWeight.back();
        if (n == 0 || m_span <= 0 || weight <= 0)
            return {};
        // Row j: the best cost of each frame boundary j (after word j) may take.
        // Rows cover only their band, and beam pruning narrows them further.
        std::vector<Row> rows(size_t(n) + 1);
        rows[0] = Row{0, {0.0}, {-1}};
        const double band = kBandFrames + kBandFraction * double(m_span);
        for (int j = 1; j <= n; ++j) {
            const Row& previous = rows[size_t(j) - 1];
            const qint64 previousHi = previous.hi();
            const double expected = double(m_span) * m_cumWeight[size_t(j)] / weight;
            qint64 lo = std::max<qint64>(previous.lo, qint64(expected - band));
            qint64 hi = std::min<qint64>(
                {m_span, qint64(expected + band), previousHi + kMaxWordSpanFrames});
            if (j == n)
                lo = hi = m_span;
            if (lo > hi || previous.cost.empty())
                return {};
            Row& row = rows[size_t(j)];
            row.lo = lo;
            row.cost.assign(size_t(hi - lo + 1), kInfinity);
            row.from.assign(row.cost.size(), -1);
            const TextWord& word = m_words[j - 1];
            const auto [shortest, longest] = speechRange(word);
            for (qint64 b = lo; b <= hi; ++b) {
                // The speech in [a, b) grows as a moves back: start where it
                // reaches the shortest plausible length, stop past the longest.
                const qint64 target = m_speechBefore[size_t(b)] - qint64(shortest);
                qint64 a = qint64(std::upper_bound(m_speechBefore.begin(),
                                                   m_speechBefore.begin() + b + 1, target) -
                                  m_speechBefore.begin()) -
                           1;
                a = std::min({a, word.weight <= 0 ? b : b - 1, previousHi});
                const qint64 lowest = std::max(previous.lo, b - kMaxWordSpanFrames);
                double best = kInfinity;
                qint32 bestA = -1;
                for (; a >= lowest; --a) {
                    if (double(m_speechBefore[size_t(b)] - m_speechBefore[size_t(a)]) > longest)
                        break;
                    const double before = previous.cost[size_t(a - previous.lo)];
                    if (before == kInfinity)
                        continue;
                    const double total = before + wordCost(word, a, b);
                    if (total < best) {
                        best = total;
                        bestA = qint32(a);
                    }
                }
                if (bestA >= 0) {
                    row.cost[size_t(b - lo)] = best + (j < n ? boundaryCost(word, b) : 0);
                    row.from[size_t(b - lo)] = bestA;
                }
            }
            row.prune();
        }
        if (rows[size_t(n)].cost.empty() || rows[size_t(n)].cost.front() == kInfinity)
            return {};
        std::vector<qint64> boundaries(size_t(n) + 1);
        qint64 b = m_span;
        for (int j = n; j >= 0; --j) {
            boundaries[size_t(j)] = b + m_begin;
            if (j > 0)
                b = rows[size_t(j)].from[size_t(b - rows[size_t(j)].lo)];
        }
        return boundaries;
    }

    // The pause a boundary frame (absolute) sits in or right after, or -1.
    int pauseAtBoundary(qint64 frame) const {
        const qint64 rel = frame - m_begin;
        return rel >= 0 && rel <= m_span ? m_boundaryPause[size_t(rel)] : -1;
    }

private:
    struct Row {
        qint64 lo = 0;
        std::vector<double> cost;
        std::vector<qint32> from;

        qint64 hi() const { return lo + qint64(cost.size()) - 1; }
        // Drops places far costlier than the row's best (they cannot lead to
        // the best path in practice) and trims the row to what is left.
        void prune() {
            const auto best = std::min_element(cost.begin(), cost.end());
            if (best == cost.end() || *best == kInfinity) {
                cost.clear();
                from.clear();
                return;
            }
            const double limit = *best + kBeamNats;
            size_t first = cost.size();
            size_t last = 0;
            for (size_t i = 0; i < cost.size(); ++i) {
                if (cost[i] > limit) {
                    cost[i] = kInfinity;
                } else {
                    first = std::min(first, i);
                    last = i;
                }
            }
            cost.erase(cost.begin() + std::ptrdiff_t(last) + 1, cost.end());
            from.erase(from.begin() + std::ptrdiff_t(last) + 1, from.end());
            cost.erase(cost.begin(), cost.begin() + std::ptrdiff_t(first));
            from.erase(from.begin(), from.begin() + std::ptrdiff_t(first));
            lo += qint64(first);
        }
    };

    double varianceOf(const TextWord& word) const {
        return kSyllableVariance * m_framesPerUnit * m_framesPerUnit * word.weight +
               kWordJitterFrames * kWordJitterFrames;
    }

    // Speech frames a word may plausibly take: its mean ± kMaxDeviations σ.
    std::pair<double, double> speechRange(const TextWord& word) const {
        const double mean = m_framesPerUnit * word.weight;
        const double spread = kMaxDeviations * std::sqrt(varianceOf(word));
        return {std::max(0.0, mean - spread), mean + spread};
    }

    // The word spans relative frames [a, b).
    double wordCost(const TextWord& word, qint64 a, qint64 b) const {
        const double speech = double(m_speechBefore[size_t(b)] - m_speechBefore[size_t(a)]);
        const double lengthDiff = speech - m_framesPerUnit * word.weight;
        const double nuclei = double(m_nucleiBefore[size_t(b)] - m_nucleiBefore[size_t(a)]);
        const double expectedNuclei = m_nucleiPerSyllable * word.syllables;
        const double nucleusDiff = nuclei - expectedNuclei;
        return lengthDiff * lengthDiff / (2 * varianceOf(word)) +
               kNucleusWeight * nucleusDiff * nucleusDiff / (1.0 + expectedNuclei) +
               insideCost(a, b);
    }

    // Pauses wholly inside (a, b): neither the one the word starts in (or right
    // after) nor the one it ends in (or right before its end).
    double insideCost(qint64 a, qint64 b) const {
        const int first = m_boundaryPause[size_t(a)];
        const int last = m_boundaryPause[size_t(b)];
        const int from = first >= 0 ? first + 1 : m_nextPause[size_t(a)];
        const int to = last >= 0 ? last : m_nextPause[size_t(b)];
        return to > from ? m_insideCost[size_t(to)] - m_insideCost[size_t(from)] : 0;
    }

    // Boundary after `word` at relative frame `rel`.
    double boundaryCost(const TextWord& word, qint64 rel) const {
        const int pause = m_boundaryPause[size_t(rel)];
        const double length = pause >= 0 ? double(m_envelope.pauses[size_t(pause)].length()) : 0.0;
        const double gain = std::min(length, kPauseGainCapFrames) / 10.0;
        // A boundary sits before frame rel + m_begin; when speech runs to the last
        // frame of the audio the boundary after it has no frame, hence no dip.
        const qint64 frame = rel + m_begin;
        const double dip = frame < qint64(m_envelope.dips.size())
                               ? kDipGain * m_envelope.dips[size_t(frame)] / 10.0
                               : 0.0;
        switch (word.after) {
        case Boundary::Sentence:
            return kSentenceCost - kSentenceGain * gain - dip;
        case Boundary::Clause:
            return kClauseCost - kClauseGain * gain - dip;
        case Boundary::None:
            break;
        }
        return -kPlainGain * gain - dip;
    }

    const SpeechEnvelope& m_envelope;
    const QList<TextWord>& m_words;
    qint64 m_begin = 0; // first speech frame
    qint64 m_span = 0;  // speech frames
    std::vector<int> m_boundaryPause;
    std::vector<int> m_nextPause;
    std::vector<qint64> m_speechBefore;
    std::vector<qint64> m_nucleiBefore;
    std::vector<double> m_insideCost;
    std::vector<double> m_cumWeight;
    double m_framesPerUnit = 0;
    double m_nucleiPerSyllable = 0;
};

// Words spread by weight over [beginMs, endMs]: the answer when the audio gives
// nothing to hold on to.
QList<AlignedWord> spreadEvenly(const QList<TextWord>& words, qint64 beginMs, qint64 endMs) {
    const auto share = [](const TextWord& word) { return std::max(word.weight, 0.5); };
    double total = 0;
    for (const TextWord& word : words)
        total += share(word);
    QList<AlignedWord> out;
    double done = 0;
    for (const TextWord& word : words) {
        const double start = double(beginMs) + double(endMs - beginMs) * done / total;
        done += share(word);
        const double end = double(beginMs) + double(endMs - beginMs) * done / total;
        out.append({word.text, std::llround(start), std::llround(end)});
    }
    return out;
}

} // namespace

QStringList WordAligner::captionWords(const QString& text) {
    static const QRegularExpression whitespace(QStringLiteral("\\s+"));
    QString clean;
    clean.reserve(text.size());
    for (const QChar c : text) {
        // Control characters are never shown; whitespace ones still separate words.
        if (c.category() != QChar::Other_Control || c.isSpace())
            clean.append(c);
    }
    return clean.split(whitespace, Qt::SkipEmptyParts);
}

QList<AlignedWord> WordAligner::align(const QByteArray& pcm, int sampleRate,
                                      const QString& text) const {
    const QList<TextWord> words = textWords(captionWords(text));
    if (words.isEmpty())
        return {};
    const qint64 clipMs = sampleRate > 0 ? (pcm.size() / 2) * 1000 / sampleRate : 0;
    const SpeechEnvelope envelope = SpeechEnvelope::analyse(pcm, sampleRate);

    QList<AlignedWord> out;
    std::vector<qint64> boundaries;
    std::optional<BoundaryPlacer> placer;
    if (envelope.hasSpeech()) {
        placer.emplace(envelope, words);
        boundaries = placer->place();
    }
    if (boundaries.empty()) {
        // Nothing audible, or nothing that fits: spread the words over the
        // speech (or the whole clip) so captions still show.
        out = envelope.hasSpeech() ? spreadEvenly(words, envelope.frameToMs(envelope.firstSpeech),
                                                  envelope.frameToMs(envelope.lastSpeech + 1))
                                   : spreadEvenly(words, 0, clipMs);
    } else {
        for (qsizetype w = 0; w < words.size(); ++w) {
            qint64 start = boundaries[size_t(w)];
            qint64 end = boundaries[size_t(w) + 1];
            // A boundary in a pause: the word before ends where the pause begins;
            // the next one starts after it, or with it when the pause is short
            // enough to be the closure of its first consonant.
            if (const int pause = w > 0 ? placer->pauseAtBoundary(start) : -1; pause >= 0) {
                const SpeechEnvelope::Span& run = envelope.pauses[size_t(pause)];
                start = run.length() <= kClosureFrames ? run.begin : run.end;
            }
            if (const int pause = w + 1 < words.size() ? placer->pauseAtBoundary(end) : -1;
                pause >= 0)
                end = envelope.pauses[size_t(pause)].begin;
            out.append({words[w].text, envelope.frameToMs(start),
                        envelope.frameToMs(std::max(start, end))});
        }
    }
    // Rounding must never make a word start before the previous one ended.
    qint64 previousEnd = 0;
    for (AlignedWord& word : out) {
        word.startMs = std::clamp(word.startMs, previousEnd, std::max(previousEnd, clipMs));
        word.endMs = std::clamp(word.endMs, word.startMs, std::max(word.startMs, clipMs));
        previousEnd = word.endMs;
    }
    return out;
}

} // namespace hh
