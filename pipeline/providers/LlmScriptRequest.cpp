// SPDX-License-Identifier: GPL-3.0-or-later
#include "LlmScriptRequest.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <algorithm>

namespace hh {

namespace {

constexpr int kMaxSentenceChars = 600; // a "sentence" longer than this is a table or a list

int wordCount(const QString& text) {
    return int(text.split(QLatin1Char(' '), Qt::SkipEmptyParts).size());
}

// Acknowledgements, funding, references … are not the story of the paper.
bool isEndMatter(const QString& where) {
    static const QRegularExpression endMatter(
        QStringLiteral("^(?:[0-9.]+\\s*|[IVX]+\\.\\s*)?(?:acknowledg|funding|author(?:s'|’)? "
                       "contribution|competing interest|conflicts? of interest|declaration|data "
                       "availability|availability of data|abbreviations|supplementary|supporting "
                       "information|ethics|consent|references|bibliography|appendix)"),
        QRegularExpression::CaseInsensitiveOption);
    for (const QString& heading : where.split(QStringLiteral(" / ")))
        if (endMatter.match(heading.trimmed()).hasMatch())
            return true;
    return false;
}

// Where a sentence stands, for scoring: its section's heading and, for a
// subsection ("Lipolytic activity"), the heading of the top-level section it is in
// ("Results").
QString placeOf(const Sentence& sentence, const Paper& paper) {
    static const QRegularExpression sectionIndex(QStringLiteral("^sec(\\d+)\\."));
    const auto m = sectionIndex.match(sentence.id);
    if (!m.hasMatch())
        return sentence.where;
    int i = m.captured(1).toInt();
    if (i < 0 || i >= paper.sections.size())
        return sentence.where;
    QString place = paper.sections[i].heading;
    for (int level = paper.sections[i].level; i >= 0 && level > 1; --i) {
        if (paper.sections[i].level < level) {
            place += QStringLiteral(" / ") + paper.sections[i].heading;
            level = paper.sections[i].level;
        }
    }
    return place;
}

// How much a body sentence tells a viewer: findings and conclusions first, numbers
// and "we found …" phrasing up, method details and pointers to tables down.
double informativeness(const Sentence& sentence, const QString& place) {
    const QString where = place.toLower();
    const auto in = [&where](const char* word) { return where.contains(QLatin1String(word)); };
    double score = 1.0;
    if (in("result") || in("finding"))
        score = 3.0;
    else if (in("conclu") || in("summary") || in("implication"))
        score = 2.8;
    else if (in("discussion"))
        score = 2.2;
    else if (in("introduction") || in("background"))
        score = 1.2;
    else if (in("method") || in("material") || in("procedure"))
        score = 0.5;
    static const QRegularExpression cue(
        QStringLiteral("\\b(?:we (?:found|show|showed|demonstrate|report|observed|identified)|"
                       "(?:results|findings|data) (?:show|suggest|indicate|reveal)|"
                       "significantly|in conclusion|we conclude)\\b"),
        QRegularExpression::CaseInsensitiveOption);
    if (cue.match(sentence.text).hasMatch())
        score += 1.5;
    static const QRegularExpression digit(QStringLiteral("\\d"));
    if (digit.match(sentence.text).hasMatch())
        score += 0.8;
    static const QRegularExpression pointer(
        QStringLiteral("\\b(?:shown|summari[sz]ed|presented|listed|given|depicted) in "
                       "(?:Table|Fig)"),
        QRegularExpression::CaseInsensitiveOption);
    if (pointer.match(sentence.text).hasMatch())
        score -= 2.0;
    if (sentence.id.endsWith(QLatin1String(".s0")))
        score += 0.3; // topic sentences carry a paragraph
    return score;
}

// The abstract whole, then the best body sentences, until `budget` characters.
QList<Sentence> chooseSentences(const Paper& paper, int budget) {
    const QList<Sentence> all = paper.sentences();
    QList<int> chosen;
    int used = 0;
    const auto cost = [](const Sentence& s) { return int(s.id.size() + s.text.size()) + 4; };
    QList<std::pair<double, int>> body; // score, index
    for (int i = 0; i < all.size(); ++i) {
        const Sentence& s = all[i];
        if (!s.id.startsWith(QLatin1String("abs"))) {
            const QString place = placeOf(s, paper);
            if (wordCount(s.text) >= 5 && s.text.size() <= kMaxSentenceChars && !isEndMatter(place))
                body.append({informativeness(s, place), i});
            continue;
        }
        if (s.text.size() > kMaxSentenceChars || used + cost(s) > budget)
            continue;
        chosen.append(i);
        used += cost(s);
    }
    std::stable_sort(body.begin(), body.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [score, i] : body) {
        if (used + cost(all[i]) > budget)
            continue;
        chosen.append(i);
        used += cost(all[i]);
    }
    std::sort(chosen.begin(), chosen.end());
    QList<Sentence> out;
    for (int i : chosen)
        out.append(all[i]);
    return out;
}

QString describePaper(const Paper& paper) {
    QStringList lines;
    lines << QStringLiteral("Title: %1").arg(paper.title.simplified());
    QStringList names;
    for (const auto& author : paper.authors.mid(0, 3))
        names << author.name;
    if (!names.isEmpty())
        lines << QStringLiteral("Authors: %1%2")
                     .arg(names.join(QStringLiteral(", ")),
                          paper.authors.size() > 3 ? QStringLiteral(" and colleagues") : QString());
    if (!paper.journal.isEmpty() || paper.year > 0)
        lines << QStringLiteral("Published: %1")
                     .arg(QStringList{paper.journal,
                                      paper.year > 0 ? QString::number(paper.year) : QString()}
                              .filter(QRegularExpression(QStringLiteral(".")))
                              .join(QStringLiteral(", ")));
    if (!paper.doi.isEmpty())
        lines << QStringLiteral("DOI: %1").arg(paper.doi);
    lines << QString() << QStringLiteral("Figures you may show (figure_id: label and caption):");
    int figures = 0;
    for (const auto& figure : paper.figures) {
        // Only a figure with an image can be shown.
        if (figure.imageData.isEmpty() && figure.image.isEmpty())
            continue;
        lines << QStringLiteral("[%1] %2: %3")
                     .arg(figure.id, figure.label, figure.caption.simplified().left(300));
        ++figures;
    }
    if (figures == 0)
        lines << QStringLiteral("(none: use \"\" as figure_id)");
    return lines.join(QLatin1Char('\n'));
}

QJsonObject text(bool gemini, const QString& description) {
    return {{QStringLiteral("type"), gemini ? QStringLiteral("STRING") : QStringLiteral("string")},
            {QStringLiteral("description"), description}};
}

} // namespace

LlmScriptRequest::LlmScriptRequest(const Paper& paper, const ScriptParams& params,
                                   int sentenceChars)
    : m_params(params)
    , m_aboutPaper(describePaper(paper))
    , m_sentences(chooseSentences(paper, sentenceChars)) {}

int LlmScriptRequest::targetWords() const {
    return std::max(20, m_params.targetSeconds * m_params.wordsPerMinute / 60);
}

int LlmScriptRequest::minScenes() const {
    return m_params.targetSeconds <= 30 ? 3 : (m_params.targetSeconds <= 60 ? 5 : 6);
}

int LlmScriptRequest::maxScenes() const {
    return m_params.targetSeconds <= 30 ? 5 : (m_params.targetSeconds <= 60 ? 8 : 10);
}

qint64 LlmScriptRequest::estimatedPromptTokens() const {
    return (systemInstruction().size() + userPrompt().size()) / 4;
}

QString LlmScriptRequest::systemInstruction() const {
    const int words = targetWords();
    return QStringLiteral(
               "You write the narration of a short vertical science video (YouTube Shorts, "
               "TikTok, Reels) about one research paper, for curious people without a science "
               "degree. You get the paper's details and a list of its sentences, each with an ID "
               "in square brackets.\n\n"
               "How a good science short works:\n"
               "- Scene 1 is the hook, heard in the first two seconds: the main finding as a "
               "plain, concrete claim or a striking number from the paper, never the paper's "
               "title and never \"A new study shows\".\n"
               "- %1 to %2 scenes in all, each one idea in one or two short sentences; the "
               "picture changes every few seconds, so keep scenes short.\n"
               "- Tell a story: the question, how it was tested, what was found. The last scene "
               "(kind \"closing\") says why it matters or what comes next.\n"
               "- About %3 words in total (%4 seconds at %5 words a minute); stay between %6 and "
               "%7 words.\n"
               "- Write for the ear: short sentences, everyday words, active voice. Explain or "
               "avoid jargon and abbreviations. No citations, no \"et al.\", no parentheses, no "
               "figure or table references, no URLs. Say units in words (\"percent\", "
               "\"micrometres\").\n"
               "- Write in the language of the sentences.\n\n"
               "Faithfulness (checked automatically; a script that fails is sent back):\n"
               "- Say only what the sentences you cite say. Add no facts, causes or advice from "
               "elsewhere.\n"
               "- Every number in a narration or a headline must appear, with the same unit, in "
               "the sentences that scene cites. Copy numbers exactly: do not round, convert, add "
               "up or compute. If a number is not in the cited sentences, leave it out.\n"
               "- source_ids: the IDs of the sentences the scene rests on, exactly as listed "
               "(for example \"abs0.s1\", without brackets); at least one for every scene.\n\n"
               "Fields of each scene:\n"
               "- kind: \"hook\" for the first scene, \"closing\" for the last, \"figure\" when "
               "the scene shows one of the listed figures, otherwise \"point\".\n"
               "- headline: 1 to 5 words on screen: the key number with its unit (\"86%\", \"12 "
               "visits\") or a short phrase, never a sentence.\n"
               "- figure_id: the ID of a listed figure the scene talks about, or \"\" when none "
               "fits.\n"
               "- visual_prompt: one sentence describing a 5-second cinematic shot an AI video "
               "generator can show behind the narration: a concrete subject, setting, light and "
               "camera movement. No text, letters, numbers, charts, logos or recognisable real "
               "people.\n"
               "- language: the BCP 47 code of the narration's language (\"en\", \"de\" …).\n"
               "Answer with the JSON object only.")
        .arg(minScenes())
        .arg(maxScenes())
        .arg(words)
        .arg(m_params.targetSeconds)
        .arg(m_params.wordsPerMinute)
        .arg(qRound(words * 0.8))
        .arg(qRound(words * 1.2));
}

QString LlmScriptRequest::userPrompt() const {
    QStringList lines{QStringLiteral("Paper"), m_aboutPaper, QString(),
                      QStringLiteral("Sentences you may cite:")};
    QString where;
    for (const auto& sentence : m_sentences) {
        if (sentence.where != where) {
            where = sentence.where;
            lines << QStringLiteral("%1:").arg(where);
        }
        lines << QStringLiteral("[%1] %2").arg(sentence.id, sentence.text.simplified());
    }
    lines << QString()
          << QStringLiteral("Write the script of a %1-second video: %2 to %3 scenes, about %4 "
                            "words.")
                 .arg(m_params.targetSeconds)
                 .arg(minScenes())
                 .arg(maxScenes())
                 .arg(targetWords());
    return lines.join(QLatin1Char('\n'));
}

QString LlmScriptRequest::correctionPrompt(const QStringList& problems) {
    QStringList lines{QStringLiteral(
        "Your script cannot be used yet. The automatic check found these problems:")};
    for (const auto& problem : problems)
        lines << QStringLiteral("- %1").arg(problem);
    lines << QString()
          << QStringLiteral(
                 "Send the whole corrected script again as JSON. Keep what was right. Take every "
                 "number only from the sentences its scene cites, with the same unit, and leave a "
                 "number out rather than guess. Cite only IDs from the list.");
    return lines.join(QLatin1Char('\n'));
}

QJsonObject LlmScriptRequest::geminiSchema() const {
    return schema(true);
}

QJsonObject LlmScriptRequest::jsonSchema() const {
    return schema(false);
}

QJsonObject LlmScriptRequest::schema(bool gemini) const {
    const auto type = [gemini](const char* name) {
        const QString t = QString::fromLatin1(name);
        return gemini ? t.toUpper() : t;
    };
    // Gemini writes properties alphabetically unless told the order; strict JSON
    // Schema output wants every object closed.
    const auto finish = [gemini](QJsonObject object, const QStringList& fields) {
        object.insert(QStringLiteral("required"), QJsonArray::fromStringList(fields));
        if (gemini)
            object.insert(QStringLiteral("propertyOrdering"), QJsonArray::fromStringList(fields));
        else
            object.insert(QStringLiteral("additionalProperties"), false);
        return object;
    };

    QJsonObject kind = text(gemini, QStringLiteral("hook, point, figure or closing"));
    if (gemini)
        kind.insert(QStringLiteral("format"), QStringLiteral("enum"));
    kind.insert(QStringLiteral("enum"),
                QJsonArray{QStringLiteral("hook"), QStringLiteral("point"),
                           QStringLiteral("figure"), QStringLiteral("closing")});
    const QJsonObject sourceIds{
        {QStringLiteral("type"), type("array")},
        {QStringLiteral("description"), QStringLiteral("IDs of the cited sentences")},
        {QStringLiteral("items"), QJsonObject{{QStringLiteral("type"), type("string")}}}};
    // Sources come before the narration: a model that picks its sentences first
    // writes from them.
    const QJsonObject scene = finish(
        {{QStringLiteral("type"), type("object")},
         {QStringLiteral("properties"),
          QJsonObject{
              {QStringLiteral("kind"), kind},
              {QStringLiteral("source_ids"), sourceIds},
              {QStringLiteral("narration"), text(gemini, QStringLiteral("what the voice says"))},
              {QStringLiteral("headline"), text(gemini, QStringLiteral("1 to 5 words on screen"))},
              {QStringLiteral("figure_id"),
               text(gemini, QStringLiteral("a listed figure or \"\""))},
              {QStringLiteral("visual_prompt"),
               text(gemini, QStringLiteral("a 5-second shot for a video generator"))}}}},
        {QStringLiteral("kind"), QStringLiteral("source_ids"), QStringLiteral("narration"),
         QStringLiteral("headline"), QStringLiteral("figure_id"), QStringLiteral("visual_prompt")});
    const QJsonObject scenes{{QStringLiteral("type"), type("array")},
                             {QStringLiteral("minItems"), minScenes()},
                             {QStringLiteral("maxItems"), maxScenes()},
                             {QStringLiteral("items"), scene}};
    return finish({{QStringLiteral("type"), type("object")},
                   {QStringLiteral("properties"),
                    QJsonObject{{QStringLiteral("language"),
                                 text(gemini, QStringLiteral("BCP 47 code of the narration"))},
                                {QStringLiteral("scenes"), scenes}}}},
                  {QStringLiteral("language"), QStringLiteral("scenes")});
}

} // namespace hh
