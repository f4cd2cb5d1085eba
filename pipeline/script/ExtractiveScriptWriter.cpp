// SPDX-License-Identifier: GPL-3.0-or-later
#include "ExtractiveScriptWriter.h"

#include "KeyPhrases.h"
#include "SpeechText.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <cmath>

namespace hh {

namespace {

enum class Part {
    AbstractFinding,
    AbstractOther,
    Introduction,
    Methods,
    Results,
    Discussion,
    Conclusion,
    Other
};

struct Candidate {
    int order = 0; // position in the paper
    Sentence sentence;
    QString spoken;
    Part part = Part::Other;
    double score = 0;
    int words = 0;
    QSet<QString> tokens;
};

Part classify(const QString& where, bool inAbstract) {
    const QString w = where.toLower();
    const auto has = [&w](const char* word) { return w.contains(QLatin1String(word)); };
    if (inAbstract) {
        if (has("result") || has("finding") || has("conclusion") || has("interpretation") ||
            has("outcome"))
            return Part::AbstractFinding;
        if (has("method") || has("approach") || has("design") || has("setting") ||
            has("participants"))
            return Part::Methods;
        if (has("background") || has("question") || has("objective") || has("aim") ||
            has("purpose") || has("introduction") || has("context"))
            return Part::Introduction;
        return Part::AbstractOther;
    }
    if (has("conclu") || has("summary") || has("implication"))
        return Part::Conclusion;
    if (has("discussion"))
        return Part::Discussion;
    if (has("result") || has("finding"))
        return Part::Results;
    if (has("method") || has("material") || has("procedure") || has("experiment") || has("data"))
        return Part::Methods;
    if (has("introduction") || has("background"))
        return Part::Introduction;
    return Part::Other;
}

double partWeight(Part part) {
    switch (part) {
    case Part::AbstractFinding:
        return 3.0;
    case Part::AbstractOther:
        return 1.8;
    case Part::Results:
        return 1.8;
    case Part::Conclusion:
        return 2.0;
    case Part::Discussion:
        return 1.2;
    case Part::Introduction:
        return 0.8;
    case Part::Methods:
        return 0.5;
    case Part::Other:
        return 0.7;
    }
    return 0.5;
}

QSet<QString> contentTokens(const QString& text) {
    static const QSet<QString> stop = {
        QStringLiteral("the"),   QStringLiteral("a"),    QStringLiteral("an"),
        QStringLiteral("of"),    QStringLiteral("in"),   QStringLiteral("and"),
        QStringLiteral("or"),    QStringLiteral("to"),   QStringLiteral("for"),
        QStringLiteral("on"),    QStringLiteral("with"), QStringLiteral("by"),
        QStringLiteral("is"),    QStringLiteral("are"),  QStringLiteral("was"),
        QStringLiteral("were"),  QStringLiteral("we"),   QStringLiteral("that"),
        QStringLiteral("this"),  QStringLiteral("from"), QStringLiteral("as"),
        QStringLiteral("at"),    QStringLiteral("be"),   QStringLiteral("it"),
        QStringLiteral("its"),   QStringLiteral("our"),  QStringLiteral("these"),
        QStringLiteral("which"),
    };
    QSet<QString> out;
    static const QRegularExpression splitter(QStringLiteral("[^\\w]+"),
                                             QRegularExpression::UseUnicodePropertiesOption);
    for (const QString& token : text.toLower().split(splitter, Qt::SkipEmptyParts)) {
        if (token.size() > 2 && !stop.contains(token))
            out.insert(token);
    }
    return out;
}

double overlap(const QSet<QString>& a, const QSet<QString>& b) {
    if (a.isEmpty() || b.isEmpty())
        return 0;
    int common = 0;
    for (const auto& t : a)
        common += b.contains(t) ? 1 : 0;
    return double(common) / double(std::min(a.size(), b.size()));
}

bool looksUnspeakable(const QString& text) {
    static const QRegularExpression urlOrMail(
        QStringLiteral("https?://|www\\.|@\\w+\\.|doi:|\\bdoi\\.org"));
    if (urlOrMail.match(text).hasMatch())
        return true;
    // A line of names ("Jae-Weon Lee and In-gyu Koh.") says nothing to a listener.
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    int capitalised = 0;
    for (const QString& word : words)
        capitalised += (!word.isEmpty() && word.at(0).isUpper()) ? 1 : 0;
    if (words.size() < 12 && capitalised * 10 >= int(words.size()) * 6)
        return true;
    static const QRegularExpression captionStart(
        QStringLiteral("^(Fig(ure)?\\.?|Table|Supplementary)\\s*\\d"));
    if (captionStart.match(text).hasMatch())
        return true;
    // Reference-list fragments that leaked into the body ("Matos T., and Guzman F.
    // Class.Quant.Grav.17:L9-L16,2000."): initials, volume:page, year lists.
    static const QRegularExpression initials(QStringLiteral("\\b[A-Z]\\.(?:[A-Z]\\.)?,?\\s"));
    int initialCount = 0;
    for (auto it = initials.globalMatch(text); it.hasNext(); it.next())
        ++initialCount;
    if (initialCount >= 2)
        return true;
    static const QRegularExpression citation(
        QStringLiteral("\\b\\d+\\s*:\\s*[A-Z]?\\d+|\\b\\d{1,4}\\s*[-–]\\s*\\d{1,4}\\s*,\\s*(?:19|"
                       "20)\\d\\d\\b|\\bet al\\.,\\s*(?:19|20)\\d\\d"));
    if (citation.match(text).hasMatch())
        return true;
    // Mathematics loses its superscripts in extracted text ("10^25 cm^-3" reads as
    // "1025 cm−3"), so a narrator would state a wrong number: leave it to the figure.
    static const QRegularExpression math(
        QStringLiteral("[∝∑∫√∂∇∞≡⊗]|[A-Za-z]\\s?[−^]\\s?\\d|\\b\\d+\\s?[×x]\\s?10\\d"));
    if (math.match(text).hasMatch())
        return true;
    int letters = 0;
    int digits = 0;
    for (const QChar c : text) {
        letters += c.isLetter() ? 1 : 0;
        digits += c.isDigit() ? 1 : 0;
    }
    return letters < 20 || digits > letters / 2;
}

double cueScore(const QString& text) {
    static const QRegularExpression strong(
        QStringLiteral(
            "\\b(we "
            "(found|show|showed|demonstrate|demonstrated|report|observed|identified|discovered)|"
            "here we|our (results|findings|data) (show|suggest|indicate|reveal)|"
            "(results|findings|data) (show|suggest|indicate|reveal|demonstrate)|"
            "(significantly|markedly) (higher|lower|increased|decreased|reduced|improved)|"
            "in conclusion|we conclude|these (results|findings))\\b"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression weak(
        QStringLiteral(
            "\\b(increase[ds]?|decrease[ds]?|reduce[ds]?|associated with|compared (with|to)|"
            "more than|less than|higher|lower|rule[sd]? "
            "out|confirm(s|ed)?|predict(s|ed)?|suggest(s|ed)?)\\b"),
        QRegularExpression::CaseInsensitiveOption);
    double score = 0;
    if (strong.match(text).hasMatch())
        score += 1.5;
    if (weak.match(text).hasMatch())
        score += 0.6;
    return score;
}

// Sentences that lean on the one before ("These values…", "It…") or on other work
// make a confusing first line and a weak point on their own.
double contextPenalty(const QString& text, bool forHook) {
    static const QRegularExpression anaphora(
        QStringLiteral("^(These|This|Those|They|It|Such|Their|Its|He|She)\\b"));
    static const QRegularExpression elsewhere(
        QStringLiteral("\\b(previously (published|reported|described|shown)|as described "
                       "(previously|elsewhere|before)|"
                       "has been (shown|reported)|have been (shown|reported)|prior "
                       "(studies|work)|other studies)\\b"),
        QRegularExpression::CaseInsensitiveOption);
    // Chemical names and codes ("5-methoxy-N-3--1,3,4-oxadiazol-2-one") are unspeakable.
    static const QRegularExpression jargon(QStringLiteral("\\S*\\d\\S*-\\S*\\d\\S*-\\S*"));
    // "Results are summarized in Table 1": a pointer, not a point.
    static const QRegularExpression pointer(
        QStringLiteral("\\b(shown|summari[sz]ed|presented|listed|given|depicted) in (Table|Fig)"),
        QRegularExpression::CaseInsensitiveOption);
    double penalty = 0;
    if (pointer.match(text).hasMatch())
        penalty += 3.0;
    if (anaphora.match(text).hasMatch())
        penalty += forHook ? 3.0 : 0.8;
    if (elsewhere.match(text).hasMatch())
        penalty += 1.5;
    if (jargon.match(text).hasMatch())
        penalty += 2.0;
    return penalty;
}

// Connectives that only make sense after the sentence the paper put before them.
QString dropLeadingConnective(const QString& text) {
    static const QRegularExpression connective(
        QStringLiteral("^(In "
                       "addition|Additionally|Furthermore|Moreover|However|Overall|Thus|Therefore|"
                       "Hence|Finally|Importantly|"
                       "Interestingly|Notably|Taken together|In summary|In "
                       "conclusion|Consequently|Similarly|Likewise),\\s+"));
    const auto m = connective.match(text);
    if (!m.hasMatch())
        return text;
    QString rest = text.mid(m.capturedLength());
    if (!rest.isEmpty())
        rest[0] = rest.at(0).toUpper();
    return rest;
}

// Acknowledgements, funding, contributions … are not the story of the paper.
bool isEndMatter(const QString& where) {
    static const QRegularExpression endMatter(
        QStringLiteral("^(acknowledg|funding|author(s'|’)? contribution|competing "
                       "interest|conflicts? of interest|declaration|"
                       "data availability|availability of "
                       "data|abbreviations|supplementary|supporting information|ethics|consent|"
                       "references|bibliography|appendix)"),
        QRegularExpression::CaseInsensitiveOption);
    QString heading = where;
    static const QRegularExpression numbering(QStringLiteral("^([0-9.]+|[IVX]+\\.)\\s*"));
    heading.remove(numbering);
    return endMatter.match(heading).hasMatch();
}

// Sentences about the paper's administration rather than its science, wherever
// they stand: thanks, funding, ethics approvals and permits, licences, data and
// code availability, contributions, competing interests, specimen and catalogue
// numbers, supplementary material.
bool isAdministrative(const QString& text) {
    static const QRegularExpression admin(
        QStringLiteral(
            "\\b(we (thank|acknowledge|are grateful)|grateful to|thanks? (are|is) (due|given)|"
            "(funded|supported|financed) by|funding (from|was)|grant (no|number|agreement)|"
            "approved by|ethic(s|al) (committee|board|approval|clearance|review)|"
            "institutional (review board|animal care)|\\bIRB\\b|IACUC|informed consent|"
            "permit (no|number)|licen[cs]e (no|number)|under licen[cs]e|creative commons|"
            "(data|code|scripts?|datasets?|materials?) (are|is|were|will be) (freely |publicly "
            "|openly )?"
            "available|available (at|from|on|upon) (request|github|zenodo|figshare|dryad|https?)|"
            "upon reasonable request|accession (no|number|code)s?|deposited (in|at)|"
            "catalog(ue)? (no|number)|voucher|specimens? (no|number)|museum (no|number)|"
            "(contributed|conceived|designed) (the|this) (study|work|experiments)|wrote the "
            "(paper|manuscript)|"
            "competing interests?|conflicts? of interest|declare (no|that they have no)|"
            "supplementary (material|table|figure|information|file|data|methods)|"
            "supporting information|additional file)\\b"),
        QRegularExpression::CaseInsensitiveOption);
    return admin.match(text).hasMatch();
}

int countWords(const QString& text) {
    return int(text.split(QLatin1Char(' '), Qt::SkipEmptyParts).size());
}

QString languageOf(const QString& text) {
    int cyrillic = 0;
    int latin = 0;
    bool ukrainianLetters = false;
    for (const QChar c : text) {
        if (c.script() == QChar::Script_Cyrillic) {
            ++cyrillic;
            const char16_t u = c.toLower().unicode();
            ukrainianLetters |= (u == u'і' || u == u'ї' || u == u'є' || u == u'ґ');
        } else if (c.script() == QChar::Script_Latin) {
            ++latin;
        }
    }
    if (cyrillic > latin)
        return ukrainianLetters ? QStringLiteral("uk") : QStringLiteral("ru");
    return QStringLiteral("en");
}

QString headlineFor(const Candidate& c, const QHash<QString, int>& paperCounts,
                    const QSet<QString>& titleTokens, const QString& paperTitle,
                    const QSet<QString>& used) {
    // From the spoken text, so a citation number ("[16]") never becomes a headline;
    // the hook's headline states its finding the same way.
    QString number = keyNumberPhrase(c.spoken);
    number.replace(QStringLiteral(" percent"), QStringLiteral("%"));
    if (!number.isEmpty() && !used.contains(number.toLower()))
        return number;
    // Each card says something new: a phrase no earlier scene used.
    const QString phrase = keyPhrase(c.spoken, paperCounts, titleTokens, used);
    if (!phrase.isEmpty())
        return phrase;
    if (!number.isEmpty())
        return number;
    // A sentence of short words only: the paper's own title, shortened.
    return keyPhrase(paperTitle, paperCounts, titleTokens);
}

// The figure or table a sentence talks about ("Fig. 2", "Figure 2B", "Table 3")
// if the paper has it with an image; a table mention never picks a figure.
QString figureMentioned(const QString& text, const Paper& paper) {
    static const QRegularExpression ref(
        QStringLiteral("\\b(Fig(?:ure)?s?\\.?|Tables?)\\s*(\\d+|[IVX]{1,4})\\b"),
        QRegularExpression::CaseInsensitiveOption);
    const auto m = ref.match(text);
    if (!m.hasMatch())
        return {};
    const bool table = m.captured(1).startsWith(QLatin1String("tab"), Qt::CaseInsensitive);
    const QString number = m.captured(2).toUpper();
    for (const auto& figure : paper.figures) {
        if ((figure.imageData.isEmpty() && figure.image.isEmpty()) ||
            (figure.kind == QLatin1String("table")) != table)
            continue;
        // "Figure 2", "Fig. 2.", "Table IV": the label's last token without punctuation.
        static const QRegularExpression punctuation(QStringLiteral("[^0-9A-Z]"));
        QString last = figure.label.section(QLatin1Char(' '), -1).toUpper();
        last.remove(punctuation);
        if (last == number)
            return figure.id;
    }
    return {};
}

} // namespace

Result<Script> ExtractiveScriptWriter::write(const Paper& paper, const ScriptParams& params,
                                             const StepControl& control) {
    const QList<Sentence> sentences = paper.sentences();
    const QSet<QString> titleTokens = contentTokens(paper.title);

    QList<Candidate> candidates;
    for (int i = 0; i < sentences.size(); ++i) {
        const Sentence& s = sentences[i];
        if (looksUnspeakable(s.text) || isEndMatter(s.where) || isAdministrative(s.text))
            continue;
        Candidate c;
        c.order = i;
        c.sentence = s;
        c.spoken = dropLeadingConnective(cleanForSpeech(s.text));
        c.words = countWords(c.spoken);
        if (c.words < 7 || c.words > 55)
            continue;
        c.part = classify(s.where, s.id.startsWith(QLatin1String("abs")));
        c.tokens = contentTokens(c.spoken);
        const bool firstOfParagraph = s.id.endsWith(QLatin1String(".s0"));
        c.score = partWeight(c.part) + cueScore(s.text) + 2.0 * overlap(c.tokens, titleTokens) +
                  (numbersIn(c.spoken).isEmpty() ? 0.0 : 0.8) + (firstOfParagraph ? 0.3 : 0.0) -
                  std::abs(c.words - 22) / 30.0 - contextPenalty(c.spoken, false);
        candidates.append(c);
    }
    if (control.cancelled())
        return Result<Script>::failure(ErrorType::Cancelled, QStringLiteral("cancelled"));
    // How often the paper uses each word: headlines are made of its own terms.
    const QHash<QString, int> paperCounts = wordCounts(sentences);

    // A paper with nothing speakable (e.g. only a title): say the title.
    if (candidates.isEmpty()) {
        if (paper.title.trimmed().isEmpty())
            return Result<Script>::failure(
                ErrorType::NoText,
                QStringLiteral("the paper has no sentences to narrate; import its full text"));
        Script script;
        script.title = paper.title;
        script.targetSeconds = params.targetSeconds;
        script.language = languageOf(paper.title);
        script.scenes.append(
            {QStringLiteral("hook"), cleanForSpeech(paper.title), QString(), {}, QString()});
        return script;
    }

    // One voice speaks one language: keep the language of the strongest sentence
    // (a Ukrainian manuscript with an English abstract is narrated in one of them,
    // never in a mix).
    {
        const auto best = std::max_element(
            candidates.cbegin(), candidates.cend(),
            [](const Candidate& a, const Candidate& b) { return a.score < b.score; });
        const QString language = languageOf(best->spoken);
        candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                        [&language](const Candidate& c) {
                                            return languageOf(c.spoken) != language;
                                        }),
                         candidates.end());
    }

    const int budget = std::max(20, params.targetSeconds * params.wordsPerMinute / 60);
    const int maxScenes = params.targetSeconds <= 30 ? 5 : (params.targetSeconds <= 60 ? 8 : 10);

    // Hook: the strongest finding, preferring the abstract's results/conclusions.
    auto byScore = candidates;
    std::stable_sort(byScore.begin(), byScore.end(),
                     [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    const auto hookIt = std::max_element(candidates.cbegin(), candidates.cend(),
                                         [](const Candidate& a, const Candidate& b) {
                                             return a.score - contextPenalty(a.spoken, true) <
                                                    b.score - contextPenalty(b.spoken, true);
                                         });
    // A short video (10–20 s) has room for little more than its hook: the strongest
    // finding that fits the budget (a quarter over at most), else the strongest.
    const int allowance = budget + budget / 4;
    const auto fittingHookIt =
        std::max_element(candidates.cbegin(), candidates.cend(),
                         [allowance](const Candidate& a, const Candidate& b) {
                             const bool aFits = a.words <= allowance;
                             const bool bFits = b.words <= allowance;
                             if (aFits != bFits)
                                 return !aFits;
                             return a.score - contextPenalty(a.spoken, true) <
                                    b.score - contextPenalty(b.spoken, true);
                         });
    const Candidate hook = hookIt->words <= allowance ? *hookIt : *fittingHookIt;

    // Closing: a conclusion that is not the hook (last one of the conclusion/discussion
    // or of the abstract's findings).
    const Candidate* closing = nullptr;
    for (const auto& c : byScore) {
        if (c.order == hook.order || overlap(c.tokens, hook.tokens) > 0.6)
            continue;
        if (c.part == Part::Conclusion || c.part == Part::AbstractFinding ||
            c.part == Part::Discussion) {
            closing = &c;
            break;
        }
    }

    // The closing only where it fits beside the hook: a 10 s video is one finding.
    if (closing && hook.words + closing->words > allowance)
        closing = nullptr;
    QList<Candidate> chosen;
    int words = hook.words + (closing ? closing->words : 0);
    const auto redundant = [&](const Candidate& c) {
        if (c.order == hook.order || (closing && c.order == closing->order))
            return true;
        if (overlap(c.tokens, hook.tokens) > 0.6 ||
            (closing && overlap(c.tokens, closing->tokens) > 0.6))
            return true;
        for (const auto& other : chosen) {
            if (overlap(c.tokens, other.tokens) > 0.6)
                return true;
        }
        return false;
    };
    for (const auto& c : byScore) {
        if (int(chosen.size()) + 1 + (closing ? 1 : 0) >= maxScenes)
            break;
        if (words + c.words > budget)
            continue;
        if (redundant(c))
            continue;
        chosen.append(c);
        words += c.words;
    }
    // Between the hook and the closing, the story follows the paper's own order.
    std::sort(chosen.begin(), chosen.end(),
              [](const Candidate& a, const Candidate& b) { return a.order < b.order; });

    Script script;
    script.title = paper.title;
    script.targetSeconds = params.targetSeconds;
    QList<std::pair<QString, Candidate>> plan;
    plan.append({QStringLiteral("hook"), hook});
    for (const auto& c : chosen)
        plan.append({QStringLiteral("point"), c});
    if (closing)
        plan.append({QStringLiteral("closing"), *closing});

    QString allSpoken;
    QSet<QString> usedFigures;
    for (int i = 0; i < plan.size(); ++i) {
        const auto& [kind, c] = plan[i];
        Scene scene;
        scene.kind = kind;
        scene.narration = c.spoken;
        scene.sources = {c.sentence.id};
        scene.figure = figureMentioned(c.sentence.text, paper);
        if (!scene.figure.isEmpty() && usedFigures.contains(scene.figure))
            scene.figure.clear();
        if (!scene.figure.isEmpty())
            usedFigures.insert(scene.figure);
        QSet<QString> usedHeadlines;
        for (const Scene& earlier : script.scenes)
            usedHeadlines.insert(earlier.headline.toLower());
        scene.headline = headlineFor(c, paperCounts, titleTokens, paper.title, usedHeadlines);
        script.scenes.append(scene);
        allSpoken += scene.narration + QLatin1Char(' ');
        control.report(double(i + 1) / plan.size(),
                       QStringLiteral("writing scene %1/%2").arg(i + 1).arg(plan.size()));
    }

    // Figures nobody mentioned still make good visuals for result scenes.
    for (const auto& figure : paper.figures) {
        if (usedFigures.contains(figure.id) ||
            (figure.imageData.isEmpty() && figure.image.isEmpty()))
            continue;
        for (auto& scene : script.scenes) {
            if (scene.figure.isEmpty() && scene.kind == QLatin1String("point")) {
                scene.figure = figure.id;
                usedFigures.insert(figure.id);
                break;
            }
        }
    }
    script.language = languageOf(allSpoken);
    return script;
}

} // namespace hh
