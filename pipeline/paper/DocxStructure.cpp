// SPDX-License-Identifier: GPL-3.0-or-later
#include "DocxStructure.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>

namespace hh {

namespace {

constexpr int kMaxHeadingWords = 40; // longer "headings" are misused styles
constexpr int kMaxFallbackHeadingWords = 8;
constexpr int kMaxTitleWords = 40;
constexpr int kMaxTitleChars = 350;
constexpr int kLongParagraphWords = 50; // a paragraph this long is body text, not front matter
constexpr int kMaxUnheadedAbstractParagraphs = 10;
constexpr int kCaptionSearchDistance = 3; // non-empty paragraphs between a picture and its caption
constexpr double kLargeFontFactor = 1.15;

int wordCount(const QString& text) {
    return static_cast<int>(text.split(QLatin1Char(' '), Qt::SkipEmptyParts).size());
}

QRegularExpression anchored(const QString& pattern) {
    return QRegularExpression(pattern, QRegularExpression::CaseInsensitiveOption |
                                           QRegularExpression::UseUnicodePropertiesOption);
}

// "2.1. Methods:" -> "methods"
QString headingKey(const QString& text) {
    static const QRegularExpression numbering =
        anchored(QStringLiteral("^(?:(?:\\d+(?:\\.\\d+)*|[IVX]+)[.)]?|[A-H][.)])\\s+"));
    QString key = text.toLower().trimmed();
    key.remove(numbering);
    while (!key.isEmpty() && (key.back().isPunct() || key.back().isSpace()))
        key.chop(1);
    return key.simplified();
}

QString withoutTrailingPunctuation(QString text) {
    while (!text.isEmpty() && (text.back() == QLatin1Char(':') || text.back() == QLatin1Char('.') ||
                               text.back().isSpace()))
        text.chop(1);
    return text;
}

bool isKnownSectionName(const QString& text) {
    static const QRegularExpression re = anchored(QStringLiteral(
        "^(introduction|background|methods?|materials and methods|methods and materials|material "
        "and methods|"
        "methodology|patients and methods|subjects and methods|experimental( section| "
        "procedures)?|results|"
        "results and discussion|discussion|conclusions?|summary and "
        "conclusions?|limitations|acknowledge?ments?|"
        "funding|abbreviations|declarations|conflicts? of interests?|competing interests|author "
        "contributions|"
        "data availability|ethics statement|supplementary (material|information)|case "
        "(report|presentation)|"
        "references|bibliography|вступ|введение|актуальність|актуальность|методи|методы|матеріали "
        "(і|та) методи|"
        "материалы и "
        "методы|результати|результаты|обговорення|обсуждение|висновки?|выводы|заключение|"
        "література|литература)$"));
    return re.match(headingKey(text)).hasMatch();
}

bool isReferencesHeading(const QString& text) {
    static const QRegularExpression re =
        anchored(QStringLiteral("^(references?|reference list|references and "
                                "notes|bibliography|literature cited|cited literature|"
                                "works cited|literature|література|литература|список( "
                                "використаної| використаних)? (літератури|джерел)|"
                                "список (литературы|использованной литературы|источников))$"));
    return re.match(headingKey(text)).hasMatch();
}

bool isKeywordsLine(const QString& text) {
    static const QRegularExpression re = anchored(
        QStringLiteral("^(key\\s*-?\\s*words?|index terms|ключові слова|ключевые слова)\\b"));
    return re.match(text).hasMatch();
}

// "Abstract", "ABSTRACT:", "Abstract. Text…": the marker and any text on its line.
bool matchAbstractMarker(const QString& text, QString* rest) {
    static const QRegularExpression re = anchored(QStringLiteral(
        "^(abstract|summary|анотація|аннотация|резюме)\\s*(?:$|[:.\\x{2013}\\x{2014}-]\\s*(.*)$)"));
    const auto match = re.match(text);
    if (!match.hasMatch())
        return false;
    if (rest)
        *rest = match.captured(2).trimmed();
    return true;
}

// Labels of structured abstracts, used when they are not visibly formatted.
bool isAbstractLabel(const QString& text) {
    static const QRegularExpression re = anchored(QStringLiteral(
        "^(background|objectives?|aims?|aims? and "
        "objectives?|purpose|introduction|context|methods?|"
        "materials and methods|design|setting|participants|patients|interventions?|measurements?|"
        "main outcome "
        "measures?|results?|findings|conclusions?|interpretation|significance|limitations|"
        "trial "
        "registration|funding|мета|методи|результати|висновки|цель|методы|результаты|выводы)$"));
    return re.match(headingKey(text)).hasMatch();
}

struct CaptionMatch {
    bool matched = false;
    QString label;
    QString rest;
};

CaptionMatch matchFigureCaption(const QString& text) {
    static const QRegularExpression re =
        anchored(QStringLiteral("^(figure|fig\\.?|рисунок|рис\\.?|малюнок|мал\\.)\\s*(\\d+[a-z]?)"
                                "\\s*[.:|\\x{2013}\\x{2014}-]?\\s*(.*)$"));
    const auto match = re.match(text);
    if (!match.hasMatch())
        return {};
    const QString word = match.captured(1).toLower();
    const bool cyrillic = word.at(0).script() == QChar::Script_Cyrillic;
    return {true,
            (cyrillic ? QStringLiteral("Рисунок ") : QStringLiteral("Figure ")) + match.captured(2),
            match.captured(3).trimmed()};
}

bool isTableCaptionText(const QString& text) {
    static const QRegularExpression re =
        anchored(QStringLiteral("^(table|tab\\.|таблиця|таблица)\\s*\\d+"));
    return re.match(text).hasMatch();
}

// A meaningful docProps title: not empty, not Word's placeholder or file name.
bool isMeaningfulCoreTitle(const QString& title) {
    static const QRegularExpression junk =
        anchored(QStringLiteral("^(title|untitled|document\\d*|microsoft "
                                "word.*|.*\\.(docx?|rtf|odt)|manuscript|article|paper|"
                                "template|новий документ|документ\\d*)$"));
    const QString t = title.simplified();
    return wordCount(t) >= 2 && !junk.match(t).hasMatch();
}

bool looksLikePersonName(const QString& name) {
    static const QRegularExpression token =
        anchored(QStringLiteral("^(\\p{Lu}[\\p{L}'\\x{2019}-]*\\.?|\\p{Lu}\\.(\\p{Lu}\\.)*)$"));
    static const QSet<QString> particles = {
        QStringLiteral("van"), QStringLiteral("von"), QStringLiteral("de"),  QStringLiteral("der"),
        QStringLiteral("den"), QStringLiteral("da"),  QStringLiteral("di"),  QStringLiteral("le"),
        QStringLiteral("la"),  QStringLiteral("del"), QStringLiteral("dos"), QStringLiteral("y")};
    const QStringList parts = name.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (parts.size() < 2 || parts.size() > 5)
        return false;
    for (const QString& part : parts) {
        if (!token.match(part).hasMatch() && !particles.contains(part))
            return false;
    }
    return true;
}

// "Ann Lee1,2*, Bo Chen2 and Cy Diaz3" -> three authors; empty when the line
// does not read as a list of people.
QList<Author> parseByline(const QString& line) {
    if (line.isEmpty() || line.size() > 600 || line.contains(QLatin1Char('@')))
        return {};
    QString cleaned = line;
    static const QRegularExpression markers(
        QStringLiteral("[0-9*\\x{2020}\\x{2021}\\x{00A7}#\\x{00B6}\\x{00B9}\\x{00B2}\\x{00B3}]"));
    cleaned.replace(markers, QStringLiteral(" "));
    static const QRegularExpression separators =
        anchored(QStringLiteral("\\s*(?:,|;|&|\\band\\b|\\bи\\b|\\bі\\b|\\bта\\b)\\s*"));
    QList<Author> authors;
    for (const QString& piece : cleaned.split(separators, Qt::SkipEmptyParts)) {
        const QString name = piece.simplified();
        if (name.isEmpty())
            continue;
        if (!looksLikePersonName(name))
            return {};
        authors << Author{name, {}};
    }
    return authors;
}

class StructureBuilder {
public:
    StructureBuilder(const DocxBody& body, const QString& coreTitle)
        : m_blocks(body.blocks)
        , m_body(body)
        , m_coreTitle(coreTitle.simplified()) {}

    DocxStructure build() {
        computeLevels();
        findAbstractMarker();
        findReferencesHeading();
        findFrontMatterEnd();
        findTitle();
        findAuthors();
        readAbstract();
        findFigures();
        markTableCaptions();
        readSections();
        countReferences();
        return std::move(m_out);
    }

private:
    bool isBodyBlock(int i) const { return !m_blocks[i].inTable() && !m_blocks[i].text.isEmpty(); }

    void computeLevels() {
        m_levels.fill(0, m_blocks.size());
        bool anyStyledHeading = false;
        for (int i = 0; i < m_blocks.size(); ++i) {
            const DocxBlock& b = m_blocks[i];
            if (isBodyBlock(i) && b.headingLevel > 0 && !b.titleStyle &&
                wordCount(b.text) <= kMaxHeadingWords) {
                m_levels[i] = b.headingLevel;
                anyStyledHeading = true;
            }
        }
        if (anyStyledHeading)
            return;
        // Manuscripts typed without heading styles mark sections with short bold lines.
        for (int i = 0; i < m_blocks.size(); ++i) {
            const DocxBlock& b = m_blocks[i];
            if (isBodyBlock(i) && b.allBold && wordCount(b.text) <= kMaxFallbackHeadingWords &&
                isKnownSectionName(b.text))
                m_levels[i] = 1;
        }
    }

    void findAbstractMarker() {
        // Only near the top: a "Summary" section at the end of a paper is not its abstract.
        for (int i = 0; i < m_blocks.size(); ++i) {
            if (!isBodyBlock(i))
                continue;
            const QString& text = m_blocks[i].text;
            if (matchAbstractMarker(text, nullptr)) {
                m_abstractIndex = i;
                return;
            }
            if (m_levels[i] > 0 && isKnownSectionName(text))
                return;
        }
    }

    void findReferencesHeading() {
        for (int i = std::max(m_abstractIndex + 1, 0); i < m_blocks.size(); ++i) {
            if (isBodyBlock(i) && wordCount(m_blocks[i].text) <= 5 &&
                isReferencesHeading(m_blocks[i].text)) {
                m_referencesIndex = i;
                return;
            }
        }
    }

    void findFrontMatterEnd() {
        if (m_abstractIndex >= 0) {
            m_frontEnd = m_abstractIndex;
            return;
        }
        m_frontEnd = 0;
        for (int i = 0; i < m_blocks.size(); ++i) {
            if (!isBodyBlock(i))
                continue;
            const bool heading = m_levels[i] > 0;
            // A first heading-styled line that is not a section name is the paper's title.
            if (heading && i == firstBodyBlock() && !isKnownSectionName(m_blocks[i].text) &&
                wordCount(m_blocks[i].text) >= 3)
                continue;
            if (heading || wordCount(m_blocks[i].text) > kLongParagraphWords) {
                m_frontEnd = i;
                return;
            }
        }
    }

    int firstBodyBlock() const {
        for (int i = 0; i < m_blocks.size(); ++i) {
            if (isBodyBlock(i))
                return i;
        }
        return -1;
    }

    void findTitle() {
        const int limit =
            m_referencesIndex >= 0 ? m_referencesIndex : static_cast<int>(m_blocks.size());
        for (int i = 0; i < limit; ++i) {
            if (!isBodyBlock(i) || !m_blocks[i].titleStyle)
                continue;
            QStringList lines;
            int j = i;
            for (; j < limit && (m_blocks[j].titleStyle || m_blocks[j].text.isEmpty()); ++j) {
                if (!m_blocks[j].text.isEmpty())
                    lines << m_blocks[j].text;
            }
            m_out.title = lines.join(QLatin1Char(' '));
            m_titleIndex = j - 1;
            return;
        }
        if (isMeaningfulCoreTitle(m_coreTitle)) {
            m_out.title = m_coreTitle;
            return;
        }
        if (const int i = largeShortParagraphBeforeAbstract(); i >= 0) {
            m_out.title = m_blocks[i].text;
            m_titleIndex = i;
            return;
        }
        m_out.warnings << QStringLiteral("no title found; please check");
    }

    // The title of a manuscript without a Title style: the largest short bold or
    // enlarged line of the front matter.
    int largeShortParagraphBeforeAbstract() const {
        const int bodySize = std::max(m_body.bodyHalfPoints, 1);
        int best = -1;
        int bestSize = 0;
        for (int i = 0; i < m_frontEnd; ++i) {
            if (!isBodyBlock(i))
                continue;
            const DocxBlock& b = m_blocks[i];
            const int words = wordCount(b.text);
            const bool large = b.maxHalfPoints >= bodySize * kLargeFontFactor;
            const bool emphasised = large || b.allBold || m_levels[i] > 0;
            const bool shoutedLabel =
                words <= 3 && b.text == b.text.toUpper(); // "ORIGINAL ARTICLE"
            if (!emphasised || shoutedLabel || words < 2 || words > kMaxTitleWords ||
                b.text.size() > kMaxTitleChars || isKeywordsLine(b.text) ||
                matchAbstractMarker(b.text, nullptr) || isKnownSectionName(b.text) ||
                matchFigureCaption(b.text).matched || isTableCaptionText(b.text) ||
                b.text.contains(QLatin1Char('@')) || b.text.contains(QLatin1String("http")) ||
                b.text.contains(QLatin1String("doi"), Qt::CaseInsensitive))
                continue;
            if (b.maxHalfPoints > bestSize) {
                best = i;
                bestSize = b.maxHalfPoints;
            }
        }
        return best;
    }

    void findAuthors() {
        if (m_titleIndex < 0)
            return;
        for (int i = m_titleIndex + 1; i < m_frontEnd; ++i) {
            if (!isBodyBlock(i) || m_blocks[i].subtitleStyle)
                continue;
            m_out.authors = parseByline(m_blocks[i].textWithoutSuperscript);
            if (!m_out.authors.isEmpty())
                m_bylineIndex = i;
            return; // only the first line after the title can be the byline
        }
    }

    void startAbstractPart(const QString& label, const QString& text) {
        m_out.abstract << AbstractPart{label, text};
    }

    void appendToAbstract(const QString& text) {
        if (text.isEmpty())
            return;
        if (m_out.abstract.isEmpty()) {
            startAbstractPart({}, text);
            return;
        }
        QString& current = m_out.abstract.last().text;
        current = current.isEmpty() ? text : current + QLatin1Char(' ') + text;
    }

    // "Methods:" as a bold run at the start of the paragraph, or a known label with a colon.
    static bool splitInlineLabel(const DocxBlock& b, QString* label, QString* rest) {
        static const QRegularExpression plain =
            anchored(QStringLiteral("^([^:.]{2,60})[:.]\\s+(.+)$"));
        QString lead = b.boldLead.trimmed();
        if (!lead.isEmpty() && lead.size() < b.text.size() && wordCount(lead) <= 6 &&
            (lead.endsWith(QLatin1Char(':')) || lead.endsWith(QLatin1Char('.')))) {
            *label = lead.chopped(1).trimmed();
            *rest = b.text.mid(b.text.indexOf(lead) + lead.size()).trimmed();
            return !label->isEmpty();
        }
        const auto match = plain.match(b.text);
        if (match.hasMatch() && isAbstractLabel(match.captured(1))) {
            *label = match.captured(1).trimmed();
            *rest = match.captured(2).trimmed();
            return true;
        }
        return false;
    }

    void readAbstract() {
        if (m_abstractIndex < 0) {
            m_out.warnings << QStringLiteral("no abstract found");
            m_abstractEnd = -1;
            return;
        }
        QString inlineText;
        matchAbstractMarker(m_blocks[m_abstractIndex].text, &inlineText);
        appendToAbstract(inlineText);
        const int markerLevel = m_levels[m_abstractIndex];
        int paragraphs = 0;
        int i = m_abstractIndex + 1;
        for (; i < m_blocks.size(); ++i) {
            if (i == m_referencesIndex)
                break;
            if (!isBodyBlock(i))
                continue;
            const DocxBlock& b = m_blocks[i];
            if (isKeywordsLine(b.text))
                break;
            if (m_levels[i] > 0) {
                // Sub-headings of an "Abstract" heading label a structured abstract.
                if (markerLevel > 0 && m_levels[i] > markerLevel) {
                    startAbstractPart(b.text, {});
                    continue;
                }
                break;
            }
            if (markerLevel == 0 && ++paragraphs > kMaxUnheadedAbstractParagraphs) {
                m_out.warnings
                    << QStringLiteral(
                           "the abstract has no clear end; it was cut after %1 paragraphs")
                           .arg(kMaxUnheadedAbstractParagraphs);
                break;
            }
            if (b.allBold && wordCount(b.text) <= 6 && isAbstractLabel(b.text)) {
                startAbstractPart(withoutTrailingPunctuation(b.text), {});
                continue;
            }
            QString label;
            QString rest;
            if (splitInlineLabel(b, &label, &rest))
                startAbstractPart(label, rest);
            else
                appendToAbstract(b.text);
        }
        m_abstractEnd = i;
        // Labels without text (an empty "Conclusion" heading) add nothing.
        m_out.abstract.removeIf([](const AbstractPart& part) { return part.text.isEmpty(); });
        if (m_out.abstract.isEmpty())
            m_out.warnings << QStringLiteral("the abstract heading is followed by no text");
    }

    // --- figures ---------------------------------------------------------------

    bool isFigureCaptionBlock(int i) const {
        const DocxBlock& b = m_blocks[i];
        if (b.text.isEmpty() || isTableCaptionText(b.text))
            return false;
        return matchFigureCaption(b.text).matched || (b.captionStyle && wordCount(b.text) <= 120);
    }

    // Nearest unused caption in one direction, not crossing headings or other pictures.
    int captionInDirection(int from, int step) const {
        int seen = 0;
        for (int i = from + step; i >= 0 && i < m_blocks.size(); i += step) {
            const DocxBlock& b = m_blocks[i];
            if (!b.images.isEmpty() || b.charts > 0 || m_levels[i] > 0)
                return -1;
            if (b.text.isEmpty())
                continue;
            if (isFigureCaptionBlock(i) && !m_usedCaptions.contains(i))
                return i;
            if (++seen >= kCaptionSearchDistance)
                return -1;
        }
        return -1;
    }

    // Documents put captions consistently above or below their pictures; the
    // majority decides where to look first so a picture never takes the next
    // figure's caption.
    bool captionsComeFirst() const {
        int before = 0;
        int after = 0;
        for (int i = 0; i < m_blocks.size(); ++i) {
            if (m_blocks[i].images.isEmpty() && m_blocks[i].charts == 0)
                continue;
            if (captionInDirection(i, -1) >= 0)
                ++before;
            if (captionInDirection(i, +1) >= 0)
                ++after;
        }
        return before > after;
    }

    int findCaption(int blockIndex, bool beforeFirst) {
        if (isFigureCaptionBlock(blockIndex) && !m_usedCaptions.contains(blockIndex) &&
            matchFigureCaption(m_blocks[blockIndex].text).matched)
            return blockIndex; // picture inline in its own caption paragraph
        const int first = captionInDirection(blockIndex, beforeFirst ? -1 : +1);
        return first >= 0 ? first : captionInDirection(blockIndex, beforeFirst ? +1 : -1);
    }

    static bool largeEnough(const DocxImage& image) {
        return image.widthPx >= kMinFigureSidePx && image.heightPx >= kMinFigureSidePx &&
               std::max(image.widthPx, image.heightPx) >= kMinFigureLongSidePx;
    }

    void findFigures() {
        const bool beforeFirst = captionsComeFirst();
        int charts = 0;
        int smallSkipped = 0;
        for (int i = 0; i < m_blocks.size(); ++i) {
            const DocxBlock& b = m_blocks[i];
            for (int c = 0; c < b.charts; ++c) {
                // Charts are not pictures, but their caption is not body text either.
                if (const int caption = findCaption(i, beforeFirst); caption >= 0)
                    m_usedCaptions.insert(caption);
                ++charts;
            }
            for (const DocxImage& image : b.images) {
                const int caption = findCaption(i, beforeFirst);
                if (caption < 0 && !largeEnough(image)) {
                    ++smallSkipped;
                    continue;
                }
                DocxFigureCandidate figure;
                figure.image = image;
                if (caption >= 0) {
                    m_usedCaptions.insert(caption);
                    const CaptionMatch match = matchFigureCaption(m_blocks[caption].text);
                    figure.label = match.matched ? match.label : QString();
                    figure.caption = match.matched ? match.rest : m_blocks[caption].text;
                }
                m_out.figures << figure;
            }
        }
        if (charts > 0)
            m_out.warnings << QStringLiteral("%1 chart(s) skipped: Word charts are not images; "
                                             "paste them as pictures to use them")
                                  .arg(charts);
        if (smallSkipped > 0)
            m_out.warnings << QStringLiteral(
                                  "%1 small uncaptioned picture(s) ignored (logos, icons)")
                                  .arg(smallSkipped);
    }

    // "Table 2 …" next to a table describes content that is not imported.
    void markTableCaptions() {
        for (int i = 0; i < m_blocks.size(); ++i) {
            if (!isBodyBlock(i) ||
                (!isTableCaptionText(m_blocks[i].text) && !m_blocks[i].captionStyle))
                continue;
            if (neighbourIsTable(i, -1) || neighbourIsTable(i, +1))
                m_usedCaptions.insert(i);
        }
    }

    bool neighbourIsTable(int from, int step) const {
        for (int i = from + step; i >= 0 && i < m_blocks.size(); i += step) {
            if (m_blocks[i].inTable())
                return true;
            if (!m_blocks[i].isEmpty())
                return false;
        }
        return false;
    }

    // --- body --------------------------------------------------------------------

    void readSections() {
        int start = m_abstractEnd >= 0 ? m_abstractEnd : m_frontEnd;
        start = std::max({start, m_titleIndex + 1, m_bylineIndex + 1});
        const int end =
            m_referencesIndex >= 0 ? m_referencesIndex : static_cast<int>(m_blocks.size());
        bool afterAbstract = m_abstractEnd >= 0;
        for (int i = start; i < end; ++i) {
            if (!isBodyBlock(i) || m_usedCaptions.contains(i))
                continue;
            const DocxBlock& b = m_blocks[i];
            if (afterAbstract && isKeywordsLine(b.text))
                continue; // keywords follow the abstract; they are not a section
            if (m_levels[i] > 0) {
                afterAbstract = false;
                m_out.sections << Section{b.text, m_levels[i], {}};
                continue;
            }
            if (m_out.sections.isEmpty())
                m_out.sections << Section{{}, 1, {}};
            m_out.sections.last().paragraphs << b.text;
        }
        if (m_out.sections.size() <= 1 && m_out.sections.value(0).heading.isEmpty() &&
            !m_out.sections.isEmpty())
            m_out.warnings << QStringLiteral("no section headings found; the text is one section");
    }

    void countReferences() {
        if (m_referencesIndex >= 0) {
            const int level = m_levels[m_referencesIndex];
            for (int i = m_referencesIndex + 1; i < m_blocks.size(); ++i) {
                if (m_levels[i] > 0 && (level == 0 || m_levels[i] <= level))
                    break;
                if (isBodyBlock(i) && !m_usedCaptions.contains(i))
                    ++m_out.references;
            }
            return;
        }
        m_out.references = countCitedItems();
    }

    // Without a typed reference list, citation-manager fields still tell how
    // many distinct works are cited (Zotero and Mendeley store CSL JSON).
    int countCitedItems() const {
        QSet<QString> items;
        for (const QString& instruction : m_body.fieldInstructions) {
            const int json = instruction.indexOf(QLatin1Char('{'));
            if (json < 0 || !instruction.contains(QLatin1String("CSL_CITATION")))
                continue;
            const auto doc = QJsonDocument::fromJson(instruction.mid(json).toUtf8());
            const QJsonArray cited = doc.object().value(QLatin1String("citationItems")).toArray();
            for (const auto& value : cited) {
                const QJsonObject item = value.toObject();
                const QJsonArray uris = item.value(QLatin1String("uris")).toArray();
                QString key = uris.isEmpty() ? QString() : uris.first().toString();
                if (key.isEmpty())
                    key = item.value(QLatin1String("id")).toVariant().toString();
                if (!key.isEmpty())
                    items.insert(key);
            }
        }
        return static_cast<int>(items.size());
    }

    const QList<DocxBlock>& m_blocks;
    const DocxBody& m_body;
    QString m_coreTitle;
    QList<int> m_levels;
    int m_abstractIndex = -1;
    int m_abstractEnd = -1;
    int m_referencesIndex = -1;
    int m_frontEnd = 0;
    int m_titleIndex = -1;
    int m_bylineIndex = -1;
    QSet<int> m_usedCaptions;
    DocxStructure m_out;
};

} // namespace

DocxStructure analyzeDocx(const DocxBody& body, const QString& coreTitle) {
    return StructureBuilder(body, coreTitle).build();
}

} // namespace hh
