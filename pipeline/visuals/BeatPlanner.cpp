// SPDX-License-Identifier: GPL-3.0-or-later
#include "BeatPlanner.h"

#include "script/KeyPhrases.h"
#include "script/SpeechText.h"

#include <QRegularExpression>
#include <algorithm>
#include <cmath>

namespace hh {

namespace {

using Kind = SceneBeat::Kind;

constexpr qint64 kTitleMaxMs = 2600;
constexpr qint64 kMinBeatMs = 1800;
constexpr qint64 kStepMs = 2600; // a camera step this long after the last change

// A word as spoken, for matching: lower case, letters and digits only.
QString bare(const QString& word) {
    QString out;
    for (QChar ch : word) {
        if (ch.isLetterOrNumber())
            out += ch.toLower();
    }
    return out;
}

// When the voice says `phrase` (its first word) in `words`, or -1.
qint64 spokenAt(const QList<WordTiming>& words, const QString& phrase) {
    const QStringList parts = phrase.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString& part : parts) {
        const QString token = bare(part);
        if (token.isEmpty())
            continue;
        for (const WordTiming& w : words) {
            const QString spoken = bare(w.text);
            if (spoken == token || (token.at(0).isDigit() && spoken.startsWith(token)))
                return w.startMs;
        }
        return -1;
    }
    return -1;
}

// The word start nearest `ms` within `slack`, so a cut falls between words.
qint64 snapToWord(const QList<WordTiming>& words, qint64 ms, qint64 slack) {
    qint64 best = ms;
    qint64 bestDistance = slack + 1;
    for (const WordTiming& w : words) {
        const qint64 d = std::llabs(w.startMs - ms);
        if (d < bestDistance) {
            best = w.startMs;
            bestDistance = d;
        }
    }
    return best;
}

// The panel letter a scene's sources name ("Fig. 2B", "Figure 2(b)", "panel B").
QString namedPanel(const QStringList& texts) {
    static const QRegularExpression named(QStringLiteral(
        "\\bFig(?:ure)?s?\\.?\\s*\\d+\\s*\\(?([A-Ha-h])\\b|\\bpanels?\\s+\\(?([A-Ha-h])\\b"));
    for (const QString& text : texts) {
        const auto m = named.match(text);
        if (m.hasMatch())
            return (m.captured(1) + m.captured(2)).toUpper();
    }
    return {};
}

// Two numbers of one unit that the sentence compares ("from 12% to 30%",
// "3.1 versus 4.7 days"): the bars of a number card.
QList<SceneBeat::Bar> comparedNumbers(const QString& text) {
    const QList<Quantity> quantities = quantitiesIn(text);
    for (int i = 0; i + 1 < quantities.size(); ++i) {
        const Quantity& a = quantities[i];
        const Quantity& b = quantities[i + 1];
        if (a.unit.isEmpty() || a.unit != b.unit || a.number == b.number)
            continue;
        const int from = int(text.indexOf(a.text));
        const int to = int(text.indexOf(b.text, std::max(0, from)));
        if (from < 0 || to < 0)
            continue;
        static const QRegularExpression cue(
            QStringLiteral("\\b(to|versus|vs|compared|than|and|while|whereas|against|but)\\b"));
        const QString between = text.mid(from + a.text.size(), to - from - a.text.size());
        if (between.size() > 60 || !cue.match(between).hasMatch())
            continue;
        bool okA = false;
        bool okB = false;
        const double va = QString(a.number).remove(QLatin1Char(',')).toDouble(&okA);
        const double vb = QString(b.number).remove(QLatin1Char(',')).toDouble(&okB);
        if (okA && okB && va >= 0 && vb >= 0 && std::max(va, vb) > 0)
            return {{a.text.simplified(), va}, {b.text.simplified(), vb}};
    }
    return {};
}

double weightOf(Kind kind) {
    switch (kind) {
    case Kind::Title:
        return 0.8;
    case Kind::Figure:
        return 2.4;
    case Kind::Page:
        return 1.6;
    case Kind::Quote:
        return 1.4;
    case Kind::Number:
        return 1.0;
    case Kind::Terms:
        return 1.1;
    }
    return 1.0;
}

// Beats whose picture moves on by itself (a camera step, a line lit) can be long.
bool canStretch(Kind kind) {
    return kind == Kind::Figure || kind == Kind::Page || kind == Kind::Quote;
}

// Regions for camera steps across a figure without a named panel: its panels,
// else its halves along the long side.
QList<QRectF> tourOf(const BeatPlanner::FigureInfo& info) {
    if (info.panels.size() >= 2)
        return info.panels.mid(0, 4);
    if (info.aspect > 1.3)
        return {QRectF(0, 0, 0.55, 1), QRectF(0.45, 0, 0.55, 1)};
    if (info.aspect < 0.77)
        return {QRectF(0, 0, 1, 0.55), QRectF(0, 0.45, 1, 0.55)};
    return {QRectF(0.1, 0.1, 0.8, 0.8)};
}

} // namespace

BeatPlanner::BeatPlanner(const Paper& paper, const Script& script, const Narration& narration)
    : m_paper(paper)
    , m_script(script)
    , m_narration(narration) {
    m_order = paper.sentences();
    for (const Sentence& s : std::as_const(m_order))
        m_sentences.insert(s.id, s);
    m_counts = wordCounts(m_order);
    static const QRegularExpression splitter(QStringLiteral("[^\\w\\-']+"),
                                             QRegularExpression::UseUnicodePropertiesOption);
    for (const QString& token : paper.title.toLower().split(splitter, Qt::SkipEmptyParts)) {
        if (token.size() > 2)
            m_titleTokens.insert(token);
    }
}

void BeatPlanner::makeQuote(SceneBeat& beat, const QList<Sentence>& sentences) {
    beat.kind = Kind::Quote;
    for (int k = 0; k < sentences.size(); ++k) {
        if (sentences[k].id != beat.sentenceId)
            continue;
        beat.sentence = sentences[k].text;
        beat.where = sentences[k].where;
        if (k > 0 && sentences[k - 1].where == beat.where)
            beat.before = sentences[k - 1].text;
        if (k + 1 < sentences.size() && sentences[k + 1].where == beat.where)
            beat.after = sentences[k + 1].text;
        break;
    }
    // No page: nothing of one is kept.
    beat.image.clear();
    beat.page = 0;
    beat.pageRegion = {};
    beat.boxes.clear();
    beat.focus.clear();
    beat.focusMs.clear();
    // The highlight sweeps the sentence in steps as it is read.
    const qint64 len = beat.endMs - beat.startMs;
    const int steps = std::clamp(int((len + 2399) / 2400), 2, 16);
    beat.boxMs.clear();
    for (int k = 0; k < steps; ++k)
        beat.boxMs << beat.startMs + 400 + (len - 700) * k / steps;
}

QList<WordTiming> BeatPlanner::wordsOf(int scene) const {
    QList<WordTiming> out;
    for (const WordTiming& w : m_narration.words) {
        if (w.scene == scene)
            out << w;
    }
    return out;
}

QList<QList<SceneBeat>> BeatPlanner::plan() const {
    QList<QList<SceneBeat>> out;
    for (int i = 0; i < m_script.scenes.size(); ++i)
        out << planScene(i);
    return out;
}

QList<SceneBeat> BeatPlanner::planScene(int index) const {
    const Scene& scene = m_script.scenes.at(index);
    const qint64 start = m_narration.sceneStartMs.value(index);
    const qint64 end =
        index + 1 < m_narration.sceneStartMs.size()
            ? m_narration.sceneStartMs.at(index + 1)
            : std::max(m_narration.sceneEndMs.value(index), m_narration.durationMs());
    if (end - start < 200)
        return {};
    const QList<WordTiming> words = wordsOf(index);

    // What the scene can show.
    const bool hasFigure = !scene.figure.isEmpty() && m_figures.contains(scene.figure);
    QString number = keyNumberPhrase(scene.narration);
    number.replace(QStringLiteral(" percent"), QStringLiteral("%"));
    const QList<SceneBeat::Bar> bars = comparedNumbers(scene.narration);
    const QStringList terms = keyPhrases(scene.narration, m_counts, m_titleTokens, 3);
    QString source;
    for (const QString& id : scene.sources) {
        if (!m_sentences.contains(id))
            continue;
        if (source.isEmpty())
            source = id;
        if (m_pages && m_paper.places.value(id).isValid()) {
            source = id;
            break;
        }
    }
    const bool onPage = m_pages && !source.isEmpty() && m_paper.places.value(source).isValid();

    QList<Kind> kinds;
    if (index == 0)
        kinds << Kind::Title;
    if (hasFigure)
        kinds << Kind::Figure;
    QList<Kind> rest;
    const Kind text = onPage ? Kind::Page : Kind::Quote;
    const bool hasText = !source.isEmpty();
    const auto add = [&](Kind k, bool available) {
        if (available)
            rest << k;
    };
    if (scene.kind == QLatin1String("hook")) {
        add(Kind::Number, !number.isEmpty());
        add(Kind::Terms, !terms.isEmpty());
        add(text, hasText);
    } else if (scene.kind == QLatin1String("closing")) {
        add(Kind::Terms, !terms.isEmpty());
        add(text, hasText);
        add(Kind::Number, !number.isEmpty());
    } else if (index % 2 == 0) {
        add(text, hasText);
        add(Kind::Number, !number.isEmpty());
        add(Kind::Terms, !terms.isEmpty());
    } else {
        add(Kind::Number, !number.isEmpty());
        add(text, hasText);
        add(Kind::Terms, !terms.isEmpty());
    }
    kinds << rest;
    if (kinds.isEmpty())
        kinds << Kind::Terms; // a scene of short words: its headline as the term
    const qint64 length = end - start;
    const int most = std::max<int>(1, int(length / kMinBeatMs));
    // A short scene keeps what matters most: the paper's figure and, at the start,
    // its title; then its page, its number, its terms.
    const auto priority = [](Kind k) {
        switch (k) {
        case Kind::Title:
            return 5;
        case Kind::Figure:
            return 4;
        case Kind::Page:
        case Kind::Quote:
            return 3;
        case Kind::Number:
            return 2;
        case Kind::Terms:
            return 1;
        }
        return 0;
    };
    while (kinds.size() > most) {
        const auto weakest = std::min_element(
            kinds.begin(), kinds.end(), [&](Kind a, Kind b) { return priority(a) < priority(b); });
        kinds.erase(weakest);
    }

    // Lengths by weight, capped for beats that hold still, the rest to those that move.
    const auto capOf = [&](Kind k) -> qint64 {
        switch (k) {
        case Kind::Title:
            return kTitleMaxMs;
        case Kind::Number:
            return bars.isEmpty() ? kMaxStillMs : kMaxStillMs + 900;
        case Kind::Terms:
            return std::max<qsizetype>(1, terms.size()) * kMaxStillMs;
        default:
            return length;
        }
    };
    QList<double> lengths;
    double weights = 0;
    for (Kind k : kinds)
        weights += weightOf(k);
    for (Kind k : kinds)
        lengths << length * weightOf(k) / weights;
    for (int pass = 0; pass < 3; ++pass) {
        double excess = 0;
        double stretchWeights = 0;
        for (int i = 0; i < kinds.size(); ++i) {
            const double cap = double(capOf(kinds[i]));
            if (lengths[i] > cap) {
                excess += lengths[i] - cap;
                lengths[i] = cap;
            }
            if (canStretch(kinds[i]) || lengths[i] < double(capOf(kinds[i])))
                stretchWeights += weightOf(kinds[i]);
        }
        if (excess <= 0 || stretchWeights <= 0)
            break;
        for (int i = 0; i < kinds.size(); ++i) {
            if (canStretch(kinds[i]) || lengths[i] < double(capOf(kinds[i])))
                lengths[i] += excess * weightOf(kinds[i]) / stretchWeights;
        }
    }

    QList<SceneBeat> beats;
    qint64 at = start;
    double cumulative = 0;
    for (int i = 0; i < kinds.size(); ++i) {
        cumulative += lengths[i];
        SceneBeat beat;
        beat.kind = kinds[i];
        beat.startMs = at;
        qint64 to = i + 1 == kinds.size() ? end : start + qint64(std::llround(cumulative));
        if (i + 1 < kinds.size())
            to = std::clamp(snapToWord(words, to, 400), at + 600, end - 600);
        beat.endMs = std::max(at + 1, to);
        at = beat.endMs;
        beats << beat;
    }
    // Whatever the weights could not place (every beat capped) is the last beat's.
    if (!beats.isEmpty())
        beats.last().endMs = end;

    QStringList sourceTexts;
    for (const QString& id : scene.sources)
        sourceTexts << m_sentences.value(id).text;

    for (SceneBeat& beat : beats) {
        const qint64 len = beat.endMs - beat.startMs;
        switch (beat.kind) {
        case Kind::Title:
            break;
        case Kind::Figure: {
            beat.figure = scene.figure;
            const FigureInfo info = m_figures.value(scene.figure);
            const QString letter = namedPanel(sourceTexts);
            const int named = int(info.panelLabels.indexOf(letter));
            QList<QRectF> tour;
            if (!letter.isEmpty() && named >= 0)
                tour << info.panels.at(named);
            for (const QRectF& r : tourOf(info)) {
                if (!tour.contains(r))
                    tour << r;
            }
            // The whole figure first, then a step at most every 2.4 s.
            qint64 t =
                beat.startMs + std::min<qint64>(kStepMs, std::max<qint64>(1200, len * 35 / 100));
            for (int k = 0; t < beat.endMs - 700 && !tour.isEmpty(); ++k) {
                beat.focus << tour.at(k % tour.size());
                beat.focusMs << t;
                t += kStepMs;
                if (tour.size() == 1) {
                    // One region only: back out to the whole figure, then in again.
                    if (t < beat.endMs - 700) {
                        beat.focus << QRectF(0, 0, 1, 1);
                        beat.focusMs << t;
                        t += kStepMs;
                    }
                }
            }
            break;
        }
        case Kind::Page: {
            beat.sentenceId = source;
            const SentencePlace place = m_paper.places.value(source);
            beat.page = place.page + 1;
            int boxes = 0;
            for (int p : place.pages)
                boxes += p == place.page ? 1 : 0;
            // The page first, the camera moves to the sentence, its lines light one
            // after another as it is read, and the camera moves closer only where
            // the lines leave the picture still too long.
            beat.focus << QRectF(0, 0, 1, 1);
            beat.focusMs << beat.startMs + std::min<qint64>(900, len / 4);
            const qint64 first = beat.startMs + std::min<qint64>(1400, len / 3);
            const qint64 span = std::max<qint64>(1, beat.endMs - 300 - first);
            for (int b = 0; b < std::max(1, boxes); ++b)
                beat.boxMs << first + span * b / std::max(1, boxes);
            QList<qint64> changes = beat.boxMs;
            changes << beat.startMs << beat.focusMs.first() << beat.endMs;
            std::sort(changes.begin(), changes.end());
            for (int k = 1; k < changes.size(); ++k) {
                for (qint64 t = changes[k - 1] + kStepMs; t < changes[k] - 400; t += kStepMs) {
                    beat.focus << QRectF(0, 0, 1, 1);
                    beat.focusMs << t;
                }
            }
            std::sort(beat.focusMs.begin(), beat.focusMs.end());
            break;
        }
        case Kind::Quote:
            beat.sentenceId = source;
            makeQuote(beat, m_order);
            break;
        case Kind::Number: {
            beat.number = number;
            beat.bars = bars;
            // What it measures: the sentence's key phrase.
            beat.caption = terms.value(0);
            break;
        }
        case Kind::Terms: {
            beat.terms = terms.isEmpty() ? QStringList{scene.headline} : terms;
            QList<qint64> times;
            for (int k = 0; k < beat.terms.size(); ++k) {
                const qint64 said = spokenAt(words, beat.terms[k]);
                times << (said >= beat.startMs && said < beat.endMs
                              ? said
                              : beat.startMs + len * k / beat.terms.size());
            }
            times.first() = beat.startMs; // the first term is there from the cut
            std::sort(times.begin(), times.end());
            bool even = times.last() < beat.endMs - kMaxStillMs;
            for (int k = 1; k < times.size(); ++k) {
                times[k] = std::max(times[k], times[k - 1] + 400);
                even = even || times[k] - times[k - 1] > kMaxStillMs;
            }
            // Said too far apart to keep the picture moving: they enter evenly.
            if (even) {
                for (int k = 0; k < times.size(); ++k)
                    times[k] = beat.startMs + len * k / times.size();
            }
            beat.termMs = times;
            break;
        }
        }
    }
    return beats;
}

} // namespace hh
