// SPDX-License-Identifier: GPL-3.0-or-later
#include "PdfStructure.h"

#include "SentenceSplitter.h"
#include "TextUtil.h"

#include <QDate>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <cmath>

namespace hh::pdf {

namespace {

using RX = QRegularExpression;

qsizetype wordCount(const QString& text) {
    return text.split(QLatin1Char(' '), Qt::SkipEmptyParts).size();
}

// A heading is made of words: one of three letters at least, and no formula
// ("Δt Δt2", "A¼ Qs", "Ė = Ẇ pumps" come out of equations).
bool looksLikeWords(const QString& text) {
    if (text.contains(QLatin1Char('=')))
        return false;
    for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        int letters = 0;
        for (const QChar c : word)
            letters += c.isLetter() ? 1 : 0;
        if (letters >= 3)
            return true;
    }
    return false;
}

bool similarSize(double a, double b, double tolerance) {
    return a > 0 && b > 0 && std::abs(a - b) <= tolerance * std::max(a, b);
}

// Article-type labels and access badges set in the title's font on many
// publishers' first pages; they are never the title.
bool isBannerLabel(const QString& text) {
    static const RX label(QStringLiteral(
        "^(research( article| paper)?|original (research|article|paper)|review( article)?|article|"
        "open access|letter|short communication|brief (report|communication)|case report|"
        "methodology( article)?|software|perspective|commentary|editorial|technical note|notes?|"
        "research letter|full paper|preprint)$"));
    return label.match(text.trimmed().toLower()).hasMatch();
}

bool isAffiliationLike(const QString& text) {
    static const RX affiliation(
        QStringLiteral("\\b(universit|department|dept\\.|institut|school "
                       "of|faculty|college|hospital|laborator|"
                       "e-?mail|@|correspond|academic editor|copyright|©|street|avenue|"
                       "(received|accepted|published)(:|\\s+(on\\s+)?(\\d|jan|feb|mar|apr|may|jun|"
                       "jul|aug|sep|oct|nov|dec)))"),
        RX::CaseInsensitiveOption);
    return affiliation.match(text).hasMatch();
}

// Names from a byline: markers (digits, *, †, ‡ …) and "and" separate names.
QStringList bylineNames(const QString& text, qsizetype* parts = nullptr) {
    QString t = text;
    // Degrees after names ("Jie Liang, BS1; Wuxiang Xie, PhD, FACC") are not names.
    static const RX degrees(QStringLiteral(
        "\\b(BS|BSc|BA|MS|MSc|MA|MD|PhD|DPhil|MPH|DrPH|MBBS|MBChB|MJC|FACC|FRCP|RN|DVM|"
        "PharmD|DDS|MPhil|Prof)\\.?(?=[\\d,;*†‡\\s]|$)"));
    t.replace(degrees, QStringLiteral(","));
    static const RX markers(QStringLiteral("[0-9*∗†‡§¶#,;&]+|\\band\\b|[\"'’]{2,}"));
    t.replace(markers, QStringLiteral(","));
    static const RX particle(
        QStringLiteral("^(van|von|de|der|den|da|di|del|della|la|le|du|dos|bin|al|el)$"));
    static const RX nameToken(QStringLiteral("^\\p{Lu}[\\p{L}.'’\\-]*$"));
    QStringList names;
    qsizetype total = 0;
    for (QString part : t.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        part = part.simplified();
        if (part.isEmpty())
            continue;
        ++total;
        const QStringList toks = part.split(QLatin1Char(' '));
        if (toks.size() < 2 || toks.size() > 5)
            continue;
        bool ok = true;
        for (QString tok : toks) {
            // Footnote marks glued to a name ("Robertsy" from a Type 3 dagger).
            while (tok.size() > 1 && !tok.back().isLetter() && tok.back() != QLatin1Char('.'))
                tok.chop(1);
            if (!nameToken.match(tok).hasMatch() && !particle.match(tok).hasMatch())
                ok = false;
        }
        if (ok)
            names.append(part);
    }
    if (parts)
        *parts = total;
    return names;
}

bool looksLikeByline(const QString& text, bool strict) {
    if (isAffiliationLike(text) || text.size() > 300)
        return false;
    qsizetype parts = 0;
    const QStringList names = bylineNames(text, &parts);
    if (names.isEmpty() || names.size() < 0.6 * parts)
        return false;
    if (!strict)
        return true;
    static const RX marker(QStringLiteral("[0-9*∗†‡§¶]"));
    return names.size() >= 2 || marker.match(text).hasMatch();
}

bool isKnownHeading(const QString& text) {
    static const QSet<QString> known = {QStringLiteral("abstract"),
                                        QStringLiteral("background"),
                                        QStringLiteral("introduction"),
                                        QStringLiteral("methods"),
                                        QStringLiteral("method"),
                                        QStringLiteral("materials and methods"),
                                        QStringLiteral("material and methods"),
                                        QStringLiteral("methodology"),
                                        QStringLiteral("experimental"),
                                        QStringLiteral("experimental section"),
                                        QStringLiteral("results"),
                                        QStringLiteral("discussion"),
                                        QStringLiteral("results and discussion"),
                                        QStringLiteral("conclusion"),
                                        QStringLiteral("conclusions"),
                                        QStringLiteral("summary"),
                                        QStringLiteral("acknowledgements"),
                                        QStringLiteral("acknowledgments"),
                                        QStringLiteral("acknowledgement"),
                                        QStringLiteral("acknowledgment"),
                                        QStringLiteral("references"),
                                        QStringLiteral("bibliography"),
                                        QStringLiteral("literature cited"),
                                        QStringLiteral("related work"),
                                        QStringLiteral("experiments"),
                                        QStringLiteral("evaluation"),
                                        QStringLiteral("limitations"),
                                        QStringLiteral("future work"),
                                        QStringLiteral("competing interests"),
                                        QStringLiteral("conflict of interest"),
                                        QStringLiteral("conflicts of interest"),
                                        QStringLiteral("authors' contributions"),
                                        QStringLiteral("authors’ contributions"),
                                        QStringLiteral("author contributions"),
                                        QStringLiteral("funding"),
                                        QStringLiteral("abbreviations"),
                                        QStringLiteral("case presentation"),
                                        QStringLiteral("appendix"),
                                        QStringLiteral("data availability"),
                                        QStringLiteral("supplementary material"),
                                        QStringLiteral("additional information"),
                                        QStringLiteral("declarations"),
                                        QStringLiteral("ethics statement"),
                                        QStringLiteral("implementation"),
                                        QStringLiteral("analysis"),
                                        QStringLiteral("review"),
                                        QStringLiteral("conclusions and future work")};
    QString t = text.toLower().simplified();
    static const RX trailing(QStringLiteral("[\\s.:]+$"));
    t.remove(trailing);
    return known.contains(t);
}

bool isReferencesHeading(const QString& heading) {
    static const RX refs(
        QStringLiteral("^((\\d+|[ivx]+)\\.?\\s+)?(references|bibliography|literature cited|"
                       "references and notes|works cited)\\s*:?$"),
        RX::CaseInsensitiveOption);
    return refs.match(heading.simplified()).hasMatch();
}

const RX& captionPattern() {
    static const RX caption(QStringLiteral(
        "^(Figure|FIGURE|Fig\\.|FIG\\.|Fig)\\s*(\\d{1,3}|[A-Z]\\d{1,2})([.:|]|\\s|$)\\s*(.*)$"));
    return caption;
}

const RX& tableCaptionPattern() {
    static const RX table(
        QStringLiteral("^(Table|TABLE)\\s*(\\d{1,3}|[IVX]{1,4}|[A-Z]\\d{1,2})([.:|]|\\s|$)"));
    return table;
}

QString stripWordPunctuation(const QString& word) {
    qsizetype b = 0;
    qsizetype e = word.size();
    while (b < e && !word.at(b).isLetterOrNumber())
        ++b;
    while (e > b && !word.at(e - 1).isLetterOrNumber())
        --e;
    return word.mid(b, e - b).toLower();
}

} // namespace

PdfStructure::PdfStructure(const QList<PdfPage>& pages, const QList<PdfLine>& firstPageRawLines)
    : m_rawFirstPage(firstPageRawLines) {
    for (const PdfPage& page : pages) {
        while (m_pageSizes.size() <= page.index)
            m_pageSizes.append(page.size);
        for (const PdfLine& line : page.lines) {
            PdfLine clean = line;
            clean.text = cleanText(line.text);
            if (!clean.text.isEmpty())
                m_lines.append(clean);
        }
    }
    m_body = bodySizeBeforeReferences();
    joinDropCaps();
    {
        // The body's font size and whether the body itself is bold (fonts whose
        // names say "Medium" for the regular weight).
        QHash<int, qsizetype> weight;
        for (const PdfLine& line : m_lines) {
            if (isReferencesHeading(line.text))
                break;
            if (line.fontSize > 0)
                weight[qRound(line.fontSize * 10)] += line.text.size();
        }
        qsizetype best = 0;
        for (auto it = weight.cbegin(); it != weight.cend(); ++it) {
            if (it.value() > best) {
                best = it.value();
                m_bodyFont = it.key() / 10.0;
            }
        }
        qsizetype bold = 0;
        qsizetype all = 0;
        for (const PdfLine& line : m_lines) {
            if (!similarSize(line.fontSize, m_bodyFont, 0.02))
                continue;
            all += line.text.size();
            bold += line.bold ? line.text.size() : 0;
        }
        m_bodyBold = all > 0 && bold > all / 2;
        qsizetype italic = 0;
        for (const PdfLine& line : m_lines) {
            if (similarSize(line.fontSize, m_bodyFont, 0.02))
                italic += line.italic ? line.text.size() : 0;
        }
        m_bodyItalic = all > 0 && italic > all / 2;
    }
    // The usual distance from one line of a paragraph to the next: double-spaced
    // manuscripts set their titles that far apart too.
    QList<double> pitches;
    for (int i = 1; i < m_lines.size(); ++i) {
        const PdfLine& a = m_lines.at(i - 1);
        const PdfLine& b = m_lines.at(i);
        const double pitch = b.box.top() - a.box.top();
        if (a.page == b.page && std::abs(a.box.left() - b.box.left()) < 2 && pitch > 0 &&
            pitch < 4 * std::max(a.size, 1.0))
            pitches.append(pitch);
    }
    if (!pitches.isEmpty()) {
        std::nth_element(pitches.begin(), pitches.begin() + pitches.size() / 2, pitches.end());
        m_pitch = pitches.at(pitches.size() / 2);
    }
    // The width of a full line of running text: the column.
    QList<double> widths;
    for (const PdfLine& line : m_lines) {
        if (line.text.size() >= 40 && similarSize(line.size, m_body, 0.1))
            widths.append(line.box.width());
    }
    if (!widths.isEmpty()) {
        std::nth_element(widths.begin(), widths.begin() + widths.size() * 3 / 4, widths.end());
        m_columnWidth = widths.at(widths.size() * 3 / 4);
    }
    // HH_PDF_LINES=1 prints the lines as the structure reads them: page, top,
    // left–right, box size, font size (B: bold), widest word gap and text, for diagnosing a layout.
    if (qEnvironmentVariableIsSet("HH_PDF_LINES")) {
        for (const PdfLine& l : m_lines)
            fprintf(stderr, "p%d y%.0f x%.0f-%.0f s%.1f f%.1f%s g%.0f | %s\n", l.page, l.box.top(),
                    l.box.left(), l.box.right(), l.size, l.fontSize, l.bold ? "B" : "",
                    l.widestGap(), qPrintable(l.text.left(100)));
    }
    if (m_body <= 0)
        m_body = 10;
    for (const PdfLine& line : m_lines) {
        for (const QString& word : line.text.split(QLatin1Char(' '), Qt::SkipEmptyParts))
            m_vocabulary.insert(stripWordPunctuation(word));
    }
}

void PdfStructure::joinDropCaps() {
    // A large initial set beside the first lines of a paragraph ("C" + "ells in
    // textbooks …") belongs to the first of them.
    for (int i = 0; i < m_lines.size(); ++i) {
        const PdfLine& cap = m_lines.at(i);
        if (cap.text.size() != 1 || !cap.text.at(0).isUpper() || cap.size < 2.2 * m_body)
            continue;
        for (int j = i + 1; j < m_lines.size() && j <= i + 12; ++j) {
            PdfLine& line = m_lines[j];
            if (line.page != cap.page || line.text.isEmpty() || !line.text.at(0).isLower())
                continue;
            const double gap = line.box.left() - cap.box.right();
            if (gap < -2 || gap > 2 * m_body || line.box.top() < cap.box.top() - m_body ||
                line.box.top() > cap.box.center().y())
                continue;
            line.text.prepend(cap.text);
            if (!line.words.isEmpty()) {
                line.words.first().text.prepend(cap.text);
                line.words.first().box = line.words.first().box.united(cap.box);
            }
            m_lines.removeAt(i);
            --i;
            break;
        }
    }
}

double PdfStructure::bodySizeBeforeReferences() const {
    // Reference lists are set small and can outweigh the body of a short paper.
    QHash<int, qsizetype> weight; // size in tenths of a point -> characters
    for (const PdfLine& line : m_lines) {
        if (isReferencesHeading(line.text))
            break;
        weight[qRound(line.size * 10)] += line.text.size();
    }
    int best = 0;
    qsizetype bestWeight = -1;
    for (auto it = weight.cbegin(); it != weight.cend(); ++it) {
        if (it.value() > bestWeight || (it.value() == bestWeight && it.key() < best)) {
            best = it.key();
            bestWeight = it.value();
        }
    }
    return best / 10.0;
}

bool PdfStructure::isStrongHeading(int index) const {
    QString heading;
    if (headingLevel(index, &heading) == 0)
        return false;
    static const RX numbered(QStringLiteral("^(\\d{1,2}(\\.\\d{1,2}){0,3}|[IVX]{1,6})\\.?\\s"));
    return isKnownHeading(heading) || numbered.match(heading).hasMatch();
}

PdfStructure::Span PdfStructure::findTitle() const {
    if (m_lines.isEmpty())
        return {};
    const int page = m_lines.first().page;
    const double pageHeight = m_pageSizes.value(page).height();
    auto candidate = [&](const PdfLine& line) {
        return line.page == page && line.box.top() < 0.7 * pageHeight &&
               letterShare(line.text) >= 0.6 &&
               (wordCount(line.text) >= 2 || line.text.size() >= 12) && !isBannerLabel(line.text) &&
               !line.text.contains(QLatin1Char('@')) &&
               !line.text.startsWith(QLatin1String("http"), Qt::CaseInsensitive) &&
               !line.text.startsWith(QLatin1String("doi"), Qt::CaseInsensitive);
    };
    double largest = 0;
    for (const PdfLine& line : m_lines) {
        if (candidate(line))
            largest = std::max(largest, line.size);
    }
    // Authors set in a taller font than the title (revtex) must not win: among the
    // lines close to the largest size, the topmost is the title.
    int start = -1;
    for (int i = 0; i < m_lines.size(); ++i) {
        const PdfLine& line = m_lines.at(i);
        if (!candidate(line) || line.size < 0.94 * largest)
            continue;
        if (start < 0 || line.box.top() < m_lines.at(start).box.top() - 2)
            start = i;
    }
    if (start < 0)
        return {};
    Span span{start, start, {}};
    while (span.last + 1 < m_lines.size() && span.last - span.first < 5) {
        const PdfLine& prev = m_lines.at(span.last);
        const PdfLine& next = m_lines.at(span.last + 1);
        // Line pitch rather than the gap between boxes: some fonts report boxes
        // taller than the leading, so consecutive title lines overlap.
        const double pitch = next.box.top() - prev.box.top();
        if (next.page != prev.page || !similarSize(next.size, m_lines.at(start).size, 0.05) ||
            pitch < 0.4 * prev.size || pitch > std::max(2.0 * prev.size, 1.3 * m_pitch) ||
            looksLikeByline(next.text, true) || isBannerLabel(next.text))
            break;
        ++span.last;
    }
    // Text no larger than the body is only a title when a byline follows it
    // (uniformly set abstracts); otherwise the page has no title (a lone page of
    // a longer paper) and body text must not take its place.
    if (m_lines.at(start).size < 1.12 * m_body) {
        bool bylineFollows = false;
        for (int after = span.last + 1; after < m_lines.size() && after <= span.last + 3; ++after)
            bylineFollows = bylineFollows || looksLikeByline(m_lines.at(after).text, true);
        if (!bylineFollows)
            return {};
    }
    return span;
}

QList<Author> PdfStructure::findAuthors(int from, int to) const {
    QList<Author> authors;
    bool affiliationSeen = false;
    for (int i = from; i < to && i < from + 12; ++i) {
        const QString& text = m_lines.at(i).text;
        if (isAffiliationLike(text)) {
            affiliationSeen = true;
            continue;
        }
        if (affiliationSeen && !authors.isEmpty())
            break;
        if (!looksLikeByline(text, false))
            continue;
        for (const QString& name : bylineNames(text))
            authors.append({name, {}});
    }
    return authors;
}

PdfStructure::Span PdfStructure::findAbstract(int from, bool hasTitle,
                                              QString* firstLineRest) const {
    if (from < 0 || from >= m_lines.size())
        return {};
    // Manuscripts can spend two pages on affiliations before the abstract.
    const int lastPage = m_lines.at(from).page + 2;
    static const RX label(
        QStringLiteral("^(abstract|summary|a b s t r a c t)\\b\\s*[.:—–-]?\\s*(.*)$"),
        RX::CaseInsensitiveOption);
    static const RX keywords(QStringLiteral("^(key ?words|index terms|subjects|abbreviations|"
                                            "keywords and phrases|mesh terms)\\b"),
                             RX::CaseInsensitiveOption);
    int start = -1;
    for (int i = from; i < m_lines.size() && m_lines.at(i).page <= lastPage; ++i) {
        const auto m = label.match(m_lines.at(i).text);
        if (m.hasMatch() && (m.captured(2).isEmpty() || m.captured(2).at(0).isUpper() ||
                             m_lines.at(i).text.size() > 9)) {
            start = i;
            *firstLineRest = m.captured(2);
            break;
        }
        if (isStrongHeading(i))
            break; // the body has begun without an "Abstract" label
    }
    // A structured abstract may set its part labels on lines of their own
    // ("Background", "Methods" …); when the first line after "Abstract" is such
    // a label, later ones continue the abstract rather than end it.
    static const RX partLabel(
        QStringLiteral("^(background|objectives?|aims?|purpose|introduction|context|methods?|"
                       "materials and methods|design|setting|participants|results|findings|"
                       "conclusions?|interpretation|significance)\\s*[.:]?$"),
        RX::CaseInsensitiveOption);
    bool standaloneLabels = false;
    QSet<QString> labelsSeen;
    auto isStop = [&](int i, double size, const QRectF& first) {
        const PdfLine& line = m_lines.at(i);
        if (standaloneLabels && partLabel.match(line.text).hasMatch()) {
            const QString key =
                line.text.toLower().remove(QLatin1Char(':')).remove(QLatin1Char('.'));
            if (labelsSeen.contains(key))
                return true; // the body's own "Results"
            labelsSeen.insert(key);
            return false;
        }
        QString heading;
        return keywords.match(line.text).hasMatch() || headingLevel(i, &heading) > 0 ||
               !similarSize(line.size, size, 0.1) || line.box.left() < first.left() - 3 * size ||
               captionPattern().match(line.text).hasMatch();
    };
    if (start >= 0) {
        Span span{start, start, {}};
        // The abstract's column: the label and the first line below it that
        // shares its horizontal extent. Lines of other columns (a sidebar with
        // "Article history", keywords or dates that the reading order puts
        // between the label and the text) are passed over, not taken.
        const QRectF labelBox = m_lines.at(start).box;
        const auto overlaps = [](const QRectF& a, double left, double right) {
            return a.right() > left + 1 && a.left() < right - 1;
        };
        int firstText = start;
        if (firstLineRest->isEmpty()) {
            firstText = -1;
            for (int i = start + 1; i < m_lines.size() && i <= start + 40; ++i) {
                if (m_lines.at(i).page == m_lines.at(start).page &&
                    m_lines.at(i).box.top() > labelBox.top() &&
                    overlaps(m_lines.at(i).box, labelBox.left(), labelBox.right())) {
                    firstText = i;
                    break;
                }
            }
            if (firstText < 0)
                return span;
        }
        if (partLabel.match(m_lines.at(firstText).text).hasMatch() &&
            firstText + 1 < m_lines.size()) {
            standaloneLabels = true;
            ++firstText; // the size and column come from text, not from the label
        }
        const double size = m_lines.at(firstText).size;
        const QRectF firstBox = m_lines.at(firstText).box;
        const double left = std::min(labelBox.left(), firstBox.left());
        const double right = std::max(labelBox.right(), firstBox.right());
        QList<int> skipped;
        for (int i = start + 1; i < m_lines.size(); ++i) {
            if (!overlaps(m_lines.at(i).box, left, right) &&
                m_lines.at(i).page == m_lines.at(start).page) {
                skipped.append(i);
                continue;
            }
            if (isStop(i, size, firstBox)) {
                // A footer of the first page only ("How to cite this article …")
                // between an abstract and its continuation on the next page.
                const PdfLine& line = m_lines.at(i);
                const double height = m_pageSizes.value(line.page).height();
                int next = i;
                while (next < m_lines.size() && m_lines.at(next).page == line.page)
                    ++next;
                const bool footer = line.box.top() > 0.85 * height && next < m_lines.size() &&
                                    m_lines.at(next).page == line.page + 1 &&
                                    !m_lines.at(i - 1).text.endsWith(QLatin1Char('.')) &&
                                    similarSize(m_lines.at(next).size, size, 0.1) &&
                                    overlaps(m_lines.at(next).box, left, right);
                if (!footer)
                    break;
                for (int k = i; k < next; ++k)
                    skipped.append(k);
                i = next - 1;
                continue;
            }
            span.last = i;
        }
        for (int i : skipped) {
            if (i < span.last)
                span.skipped.append(i);
        }
        return span;
    }
    // No label: the abstract is the first run of three or more lines of running
    // text after the byline that is not an affiliation or copyright block. A page
    // without a title is a fragment whose first paragraph is just body text.
    if (!hasTitle)
        return {};
    // A standfirst (deck) right under the title, set larger than the body,
    // is the summary of magazine-style articles (eLife Insights, news).
    {
        int j = from;
        int words = 0;
        const double size = m_lines.at(from).size;
        while (j < m_lines.size() && m_lines.at(j).page == m_lines.at(from).page &&
               similarSize(m_lines.at(j).size, size, 0.05) && j - from < 6) {
            words += int(wordCount(m_lines.at(j).text));
            ++j;
        }
        if (size > 1.12 * m_body && j > from && words >= 8 &&
            m_lines.at(j - 1).text.endsWith(QLatin1Char('.')) &&
            !looksLikeByline(m_lines.at(from).text, true) &&
            !isAffiliationLike(m_lines.at(from).text))
            return {from, j - 1, {}};
    }
    const int page = m_lines.at(from).page;
    for (int i = from; i < m_lines.size() && m_lines.at(i).page == page; ++i) {
        if (isStrongHeading(i))
            break;
        if (isAffiliationLike(m_lines.at(i).text) || looksLikeByline(m_lines.at(i).text, true))
            continue;
        int j = i;
        qsizetype chars = m_lines.at(i).text.size();
        while (j + 1 < m_lines.size()) {
            const PdfLine& prev = m_lines.at(j);
            const PdfLine& next = m_lines.at(j + 1);
            const double gap = next.box.top() - prev.box.bottom();
            if (next.page != prev.page || !similarSize(next.size, prev.size, 0.06) || gap < -1 ||
                gap > 0.8 * prev.size || isAffiliationLike(next.text) ||
                isStop(j + 1, prev.size, prev.box))
                break;
            ++j;
            chars += next.text.size();
        }
        if (j - i + 1 >= 3 && chars / (j - i + 1) >= 35)
            return {i, j, {}};
        i = j;
    }
    return {};
}

QList<AbstractPart> PdfStructure::buildAbstract(const Span& span,
                                                const QString& firstLineRest) const {
    QStringList lines;
    const PdfLine& first = m_lines.at(span.first);
    static const RX label(QStringLiteral("^(abstract|summary|a b s t r a c t)\\b"),
                          RX::CaseInsensitiveOption);
    const bool labelled = label.match(first.text).hasMatch();
    if (labelled) {
        if (!firstLineRest.isEmpty())
            lines.append(firstLineRest);
    } else {
        lines.append(first.text);
    }
    for (int i = span.first + 1; i <= span.last; ++i) {
        if (!span.skipped.contains(i))
            lines.append(m_lines.at(i).text);
    }
    if (lines.isEmpty())
        return {};

    // Structured abstracts: labels open a line ("Results Both …") or follow a
    // sentence end ("… lapsed. Conclusion. Structured …").
    static const QString labels = QStringLiteral(
        "Background|Objectives?|Aims?|Purpose|Introduction|Context|Materials and [Mm]ethods|"
        "Methods|Methodology|Design|Settings?|Participants|Patients|Interventions?|Measurements|"
        "Main outcome "
        "measures|Results|Findings|Discussion|Conclusions?|Interpretation|Significance|"
        "Limitations");
    static const RX atLineStart(
        QStringLiteral("^(%1)(?:\\s*[.:]\\s*|\\s+(?=\\p{Lu})|\\s*$)").arg(labels));
    static const RX inLine(QStringLiteral("(?<=[.!?] )(%1)\\s*[.:]\\s+").arg(labels));
    struct Cut {
        qsizetype at;
        qsizetype textAt;
        QString label;
    };
    QList<Cut> cuts;
    QString text;
    for (const QString& line : lines) {
        if (!text.isEmpty())
            text += QLatin1Char('\n');
        const auto m = atLineStart.match(line);
        if (m.hasMatch())
            cuts.append({text.size(), text.size() + m.capturedLength(0), m.captured(1)});
        text += line;
    }
    for (auto it = inLine.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        cuts.append({m.capturedStart(0), m.capturedEnd(0), m.captured(1)});
    }
    std::sort(cuts.begin(), cuts.end(), [](const Cut& a, const Cut& b) { return a.at < b.at; });
    auto joined = [this](const QString& chunk) {
        return joinLines(chunk.split(QLatin1Char('\n')));
    };
    if (cuts.size() < 2)
        return {{QString(), joined(text)}};
    QList<AbstractPart> parts;
    if (cuts.first().at > 0) {
        const QString lead = joined(text.left(cuts.first().at));
        if (!lead.isEmpty())
            parts.append({QString(), lead});
    }
    for (int c = 0; c < cuts.size(); ++c) {
        const qsizetype end = c + 1 < cuts.size() ? cuts.at(c + 1).at : text.size();
        parts.append(
            {cuts.at(c).label, joined(text.mid(cuts.at(c).textAt, end - cuts.at(c).textAt))});
    }
    return parts;
}

bool PdfStructure::endsParagraph(int index) const {
    if (index < 0)
        return true;
    const QString& text = m_lines.at(index).text;
    return text.endsWith(QLatin1Char('.')) || text.endsWith(QLatin1Char(':')) ||
           text.endsWith(QLatin1Char('?')) || text.endsWith(QLatin1Char('!'));
}

int PdfStructure::headingLevel(int index, QString* heading) const {
    const PdfLine& line = m_lines.at(index);
    const QString& text = line.text;
    if (text.size() > 120 || wordCount(text) > 15 || text.endsWith(QLatin1Char(',')) ||
        text.endsWith(QLatin1Char(';')) || text.endsWith(QLatin1Char('-')))
        return 0;
    // End matter ("Competing interests", "References") is often set as small as
    // its text, so only unlabelled headings need to be at least body size.
    const bool bodySized = line.size >= 0.85 * m_body;
    const PdfLine* next = index + 1 < m_lines.size() ? &m_lines.at(index + 1) : nullptr;
    const PdfLine* prev = index > 0 ? &m_lines.at(index - 1) : nullptr;
    // A heading stands on its own row: the next line starts below it.
    if (next && next->page == line.page && next->box.top() < line.box.bottom() - 0.5 * line.size &&
        next->box.left() > line.box.right() && next->box.left() - line.box.right() < 3 * line.size)
        return 0;
    const bool sizeDiffers = !similarSize(line.size, m_body, 0.012);
    // A heading right under a heading ("MATERIALS & METHODS" over "Description
    // of the study area") follows a break too.
    const bool prevIsHeadingLike =
        prev && wordCount(prev->text) <= 12 && !prev->text.endsWith(QLatin1Char('.')) &&
        m_bodyFont > 0 && prev->fontSize > 0 &&
        ((prev->bold && !m_bodyBold) || prev->fontSize > 1.1 * m_bodyFont) &&
        // in another style: the same style is the heading's own second line
        (prev->bold != line.bold || std::abs(prev->fontSize - line.fontSize) > 0.5);
    const bool afterBreak = !prev || prev->page != line.page || endsParagraph(index - 1) ||
                            line.box.top() - prev->box.bottom() > 0.6 * line.size ||
                            prev->box.left() > line.box.right() ||
                            prev->box.top() > line.box.top() || prevIsHeadingLike;

    static const RX numbered(QStringLiteral("^(\\d{1,2}(?:\\.\\d{1,2}){0,3})\\.?\\s+(\\p{Lu}.*)$"));
    static const RX roman(QStringLiteral("^([IVX]{1,6})\\.\\s+(\\p{Lu}.*)$"));
    static const RX letter(QStringLiteral("^([A-H])\\.\\s+(\\p{Lu}\\p{Ll}.*)$"));
    QRegularExpressionMatch m = numbered.match(text);
    int level = 0;
    if (m.hasMatch()) {
        const QStringList parts = m.captured(1).split(QLatin1Char('.'));
        if (parts.first().toInt() >= 1 && parts.first().toInt() <= 30)
            level = int(parts.size());
    } else if ((m = roman.match(text)).hasMatch()) {
        level = 1;
    } else if ((m = letter.match(text)).hasMatch() && sizeDiffers) {
        level = 2;
    }
    if (level > 0) {
        const QString rest = m.captured(2);
        const bool sentence = rest.endsWith(QLatin1Char('.')) && wordCount(rest) > 5;
        if (bodySized && letterShare(rest) >= 0.7 && wordCount(rest) <= 12 && !sentence &&
            (sizeDiffers || afterBreak) && !captionPattern().match(text).hasMatch() &&
            !isAffiliationLike(rest)) {
            *heading = text;
            return level;
        }
        return 0;
    }
    if (isKnownHeading(text) && (afterBreak || sizeDiffers)) {
        static const RX trailing(QStringLiteral("[\\s.:]+$"));
        *heading = QString(text).remove(trailing);
        return 1;
    }
    const bool capitalised = text.at(0).isUpper();
    const bool plain = letterShare(text) >= 0.75 && !text.endsWith(QLatin1Char('.')) &&
                       capitalised && !captionPattern().match(text).hasMatch() &&
                       !tableCaptionPattern().match(text).hasMatch();
    if (!plain || !bodySized)
        return 0;
    if (line.size >= 1.15 * m_body && wordCount(text) <= 12) {
        *heading = text;
        return 1;
    }
    // Headings set apart from the body by weight, slant or font size (BMC sets
    // its subsections smaller than the text): after a paragraph ends, with plain
    // body text within the next lines (a bold paragraph is no heading).
    const bool styled = m_bodyFont > 0 && line.fontSize > 0 &&
                        ((line.bold && !m_bodyBold) || (line.italic && !m_bodyItalic) ||
                         !similarSize(line.fontSize, m_bodyFont, 0.04));
    if (styled && line.fontSize >= 0.85 * m_bodyFont && wordCount(text) <= 12 && afterBreak &&
        looksLikeWords(text)) {
        // The next line is body text, or another heading in another style (a
        // subsection heading right under its section's), or this heading's own
        // second line; an italic quotation goes on in its own style.
        int k = index + 1;
        if (k < m_lines.size() && continuesHeading(k))
            ++k;
        const PdfLine* after = k < m_lines.size() ? &m_lines.at(k) : nullptr;
        const bool plainText = after && !after->bold && !after->italic &&
                               similarSize(after->fontSize, m_bodyFont, 0.04) &&
                               wordCount(after->text) >= 4;
        const bool otherHeading = after && (after->bold || after->italic) &&
                                  (after->bold != line.bold || after->italic != line.italic ||
                                   !similarSize(after->fontSize, line.fontSize, 0.03));
        if (plainText || otherHeading) {
            {
                *heading = text;
                return line.fontSize >= 1.15 * m_bodyFont   ? 1
                       : line.fontSize >= 1.04 * m_bodyFont ? 2
                                                            : 3;
            }
        }
    }
    // Bold run-of-the-mill subsection headings: a slightly different box height,
    // alone between paragraph ends and followed by body text.
    if (sizeDiffers && line.size > m_body && wordCount(text) <= 10 && afterBreak && next &&
        similarSize(next->size, m_body, 0.03)) {
        *heading = text;
        return 2;
    }
    return 0;
}

bool PdfStructure::continuesHeading(int index) const {
    // The second line of a heading that wraps: same font, same weight, set
    // apart from the body by weight or size, one line's pitch below.
    const PdfLine& line = m_lines.at(index);
    const PdfLine& prev = m_lines.at(index - 1);
    if (line.page != prev.page || line.bold != prev.bold || line.italic != prev.italic ||
        line.fontSize <= 0 || std::abs(line.fontSize - prev.fontSize) > 0.25)
        return false;
    const bool distinct = (line.bold && !m_bodyBold) || (line.italic && !m_bodyItalic) ||
                          !similarSize(line.fontSize, m_bodyFont, 0.04);
    const double pitch = line.box.top() - prev.box.top();
    // Only a heading that filled its line wraps.
    if (prev.box.width() < 0.55 * m_columnWidth)
        return false;
    QString heading;
    return distinct && pitch > 0 && pitch <= 1.7 * std::max(line.size, line.fontSize) &&
           std::abs(line.box.left() - prev.box.left()) <= 2 && wordCount(line.text) <= 12 &&
           !line.text.endsWith(QLatin1Char('.')) && headingLevel(index, &heading) == 0 &&
           !captionPattern().match(line.text).hasMatch();
}

PdfStructure::RunIn PdfStructure::runInHead(int index) const {
    // A lead-in set apart by weight or slant from the rest of its paragraph,
    // ending in a full stop or colon, at the start of a paragraph.
    const PdfLine& line = m_lines.at(index);
    if (m_bodyBold || line.words.isEmpty() || !startsNewParagraph(index))
        return {};
    const PdfWord& first = line.words.first();
    const bool byWeight = first.bold;
    const bool bySlant = !first.bold && first.italic && !m_bodyItalic;
    if (!byWeight && !bySlant)
        return {};
    const auto styled = [&](const PdfWord& w) { return byWeight ? w.bold : w.italic; };
    // The styled run may fill this line and go on into the next one.
    int at = index;
    int words = 0;
    QStringList runWords;
    while (true) {
        const PdfLine& current = m_lines.at(at);
        words = 0;
        while (words < current.words.size() && styled(current.words.at(words))) {
            runWords << current.words.at(words).text;
            ++words;
        }
        if (words < current.words.size())
            break;
        // Only a lead-in that fills its line wraps; a short styled line is a
        // heading of its own ("REFERENCES" over entries with bold authors).
        if (at - index >= 1 || at + 1 >= m_lines.size() || m_lines.at(at + 1).page != line.page ||
            current.box.width() < 0.8 * m_columnWidth)
            return {};
        ++at;
    }
    const PdfLine& last = m_lines.at(at);
    if (words == 0 || runWords.size() > 24)
        return {};
    const QString lastWord = last.words.at(words - 1).text;
    if (!(lastWord.endsWith(QLatin1Char('.')) || lastWord.endsWith(QLatin1Char(':'))) ||
        !first.text.at(0).isUpper())
        return {};
    // Italic lead-ins are easily a species ("E. coli."): two words at least,
    // the last one not an abbreviation.
    if (bySlant && (runWords.size() < 2 || lastWord.size() <= 3))
        return {};
    // The line's text may split words differently from the word boxes (glued
    // pieces); the lead-in must be the start of the text as well.
    const QStringList textWords = last.text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QStringList boxWords;
    for (int w = 0; w < words; ++w)
        boxWords << last.words.at(w).text;
    if (textWords.mid(0, words).join(QString()) != boxWords.join(QString()))
        return {};
    const QString head = runWords.join(QLatin1Char(' '));
    if (captionPattern().match(head).hasMatch() || tableCaptionPattern().match(head).hasMatch())
        return {};
    return {at - index, words};
}

bool PdfStructure::startsNewParagraph(int index) const {
    if (index <= 0)
        return true;
    const PdfLine& line = m_lines.at(index);
    const PdfLine& prev = m_lines.at(index - 1);
    const double size = std::max(line.size, m_body);
    const bool sameColumn = line.page == prev.page &&
                            std::abs(line.box.left() - prev.box.left()) < 6 * size &&
                            line.box.top() > prev.box.top();
    if (sameColumn) {
        const double gap = line.box.top() - prev.box.bottom();
        if (gap > 0.9 * size)
            return true;
        // First-line indent.
        if (line.box.left() > prev.box.left() + 0.8 * size && endsParagraph(index - 1))
            return true;
        if (line.box.left() > prev.box.left() + 0.8 * size &&
            line.box.left() < prev.box.left() + 4 * size && index >= 2 &&
            std::abs(m_lines.at(index - 2).box.left() - prev.box.left()) < 1)
            return true;
    }
    // A short last line that closes a sentence ends its paragraph.
    double columnRight = prev.box.right();
    for (int k = index - 2; k >= 0 && k >= index - 4; --k) {
        if (m_lines.at(k).page == prev.page &&
            std::abs(m_lines.at(k).box.left() - prev.box.left()) < 2 * size)
            columnRight = std::max(columnRight, m_lines.at(k).box.right());
    }
    return endsParagraph(index - 1) && prev.box.right() < columnRight - 2.5 * size;
}

QString PdfStructure::joinLines(const QStringList& lines) const {
    static const QSet<QString> compoundPrefixes = {
        QStringLiteral("self"),  QStringLiteral("non"),   QStringLiteral("well"),
        QStringLiteral("one"),   QStringLiteral("two"),   QStringLiteral("three"),
        QStringLiteral("four"),  QStringLiteral("five"),  QStringLiteral("half"),
        QStringLiteral("high"),  QStringLiteral("low"),   QStringLiteral("long"),
        QStringLiteral("short"), QStringLiteral("large"), QStringLiteral("small"),
        QStringLiteral("cross"), QStringLiteral("state"), QStringLiteral("real"),
        QStringLiteral("full"),  QStringLiteral("first"), QStringLiteral("second"),
        QStringLiteral("third"), QStringLiteral("data"),  QStringLiteral("user")};
    QString out;
    for (const QString& raw : lines) {
        const QString line = raw.trimmed();
        if (line.isEmpty())
            continue;
        if (out.isEmpty()) {
            out = line;
            continue;
        }
        const bool hyphenated =
            out.endsWith(QLatin1Char('-')) && out.size() >= 2 && out.at(out.size() - 2).isLetter();
        if (!hyphenated) {
            out += QLatin1Char(' ') + line;
            continue;
        }
        // "measure-" + "ment": join unless the words say the hyphen is real.
        qsizetype start = out.size() - 1;
        while (start > 0 && !out.at(start - 1).isSpace())
            --start;
        const QString head = out.mid(start, out.size() - 1 - start);
        const QString tail = line.section(QLatin1Char(' '), 0, 0);
        const QString headWord = stripWordPunctuation(head.section(QLatin1Char('-'), -1));
        const QString tailWord = stripWordPunctuation(tail);
        bool keepHyphen = !line.at(0).isLower();
        if (!keepHyphen) {
            if (m_vocabulary.contains(headWord + tailWord))
                keepHyphen = false;
            else if (m_vocabulary.contains(headWord + QLatin1Char('-') + tailWord) ||
                     compoundPrefixes.contains(headWord))
                keepHyphen = true;
        }
        if (!keepHyphen)
            out.chop(1);
        out += line;
    }
    return out;
}

int PdfStructure::readCaption(int index, bool table, Paper& paper) {
    const PdfLine& first = m_lines.at(index);
    const auto m = (table ? tableCaptionPattern() : captionPattern()).match(first.text);
    QStringList text{first.text};
    QRectF box = first.box;
    int i = index + 1;
    for (; i < m_lines.size(); ++i) {
        const PdfLine& line = m_lines.at(i);
        const PdfLine& prev = m_lines.at(i - 1);
        const double gap = line.box.top() - prev.box.bottom();
        QString heading;
        // Measured by the font where it is known: boxes of some fonts are far
        // taller than their letters and would let a caption run into the table.
        const double pitch = line.box.top() - prev.box.top();
        const bool farBelow = line.fontSize > 0 && prev.fontSize > 0 &&
                              pitch > 1.6 * std::max(line.fontSize, prev.fontSize);
        // A row of table cells is not caption text.
        const bool cells = line.widestGap() > 2.2 * std::max(line.size, 1.0);
        if (line.page != first.page || !similarSize(line.size, first.size, 0.06) ||
            gap > 0.8 * line.size || gap < -line.size || farBelow || cells ||
            captionPattern().match(line.text).hasMatch() ||
            tableCaptionPattern().match(line.text).hasMatch() || headingLevel(i, &heading) > 0 ||
            line.box.left() < first.box.left() - 2 * first.size || line.box.left() > box.right())
            break;
        text.append(line.text);
        box = box.united(line.box);
    }
    const QString number = m.captured(2);
    const QString id =
        QStringLiteral("%1%2").arg(table ? QStringLiteral("tab") : QStringLiteral("fig"), number);
    bool seen = false;
    for (const Figure& figure : paper.figures)
        seen = seen || figure.id == id;
    if (!seen) {
        Figure figure;
        figure.id = id;
        figure.kind = table ? QStringLiteral("table") : QStringLiteral("figure");
        figure.label = QStringLiteral("%1 %2").arg(
            table ? QStringLiteral("Table") : QStringLiteral("Figure"), number);
        figure.page = first.page;
        QString caption = joinLines(text);
        static const RX prefix(QStringLiteral("^(Figure|FIGURE|Fig\\.|FIG\\.|Fig|Table|TABLE)\\s*("
                                              "\\d{1,3}|[IVX]{1,4})\\s*[.:|]?\\s*"));
        caption.remove(prefix);
        figure.caption = caption;
        m_captions.append({int(paper.figures.size()), first.page, box, table});
        paper.figures.append(figure);
    }
    return i;
}

void PdfStructure::readBody(int from, Paper& paper) {
    Section current;
    QStringList paragraph;
    QList<int> paragraphLines;        // m_lines indices of the paragraph being read
    QList<QList<int>> currentSources; // per paragraph of `current`
    auto flushParagraph = [&] {
        const QString text = joinLines(paragraph);
        if (!text.isEmpty()) {
            current.paragraphs.append(text);
            currentSources.append(paragraphLines);
        }
        paragraph.clear();
        paragraphLines.clear();
    };
    auto flushSection = [&] {
        flushParagraph();
        if (!current.heading.isEmpty() || !current.paragraphs.isEmpty()) {
            paper.sections.append(current);
            m_paragraphLines.append(currentSources);
        }
        current = Section{};
        currentSources.clear();
    };
    for (int i = from; i < m_lines.size();) {
        const PdfLine& line = m_lines.at(i);
        auto caption = captionPattern().match(line.text);
        const bool table = !caption.hasMatch();
        if (table)
            caption = tableCaptionPattern().match(line.text);
        // "Figure 6 presents …" opening a paragraph refers to a figure; a caption
        // goes on with its title or a separator.
        const QString after = line.text.mid(caption.capturedEnd(2)).trimmed();
        const bool reference =
            caption.captured(3).trimmed().isEmpty() && !after.isEmpty() && after.at(0).isLower();
        if (caption.hasMatch() && !reference &&
            (!caption.captured(3).trimmed().isEmpty() || !similarSize(line.size, m_body, 0.03) ||
             startsNewParagraph(i))) {
            i = readCaption(i, table, paper);
            continue;
        }
        // A bold or italic lead-in opening a paragraph ("Data collection. To
        // prepare …") is the heading of a subsection whose text starts on the
        // same line; a long lead-in can wrap onto the next line.
        if (const RunIn runIn = runInHead(i); runIn.words > 0) {
            flushSection();
            const int last = i + runIn.extraLines;
            QStringList head;
            for (int k = i; k < last; ++k)
                head << m_lines.at(k).text;
            const QStringList parts =
                m_lines.at(last).text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
            head << parts.mid(0, runIn.words).join(QLatin1Char(' '));
            QString heading = joinLines(head);
            while (!heading.isEmpty() && QStringLiteral(".:").contains(heading.back()))
                heading.chop(1);
            current.heading = heading;
            current.level = 3;
            paragraph.append(parts.mid(runIn.words).join(QLatin1Char(' ')));
            paragraphLines.append(last);
            i = last + 1;
            continue;
        }
        QString heading;
        const int level = headingLevel(i, &heading);
        if (level > 0) {
            if (isReferencesHeading(heading)) {
                flushSection();
                paper.references = countReferences(i + 1);
                readTrailingCaptions(i + 1, paper);
                return;
            }
            flushSection();
            current.heading = heading;
            current.level = level;
            ++i;
            while (i < m_lines.size() && continuesHeading(i)) {
                current.heading += QLatin1Char(' ') + m_lines.at(i).text;
                ++i;
            }
            continue;
        }
        // Some layouts (revtex) set the reference list with no heading at all: "[1] …"
        // at the start of a paragraph followed soon by "[2] …" ends the body.
        if (startsUnheadedReferenceList(i)) {
            flushSection();
            paper.references = countReferences(i);
            readTrailingCaptions(i, paper);
            return;
        }
        // Footnotes, affiliations at the foot of page 1, sub/superscript debris.
        if (line.size < 0.8 * m_body) {
            ++i;
            continue;
        }
        if (startsNewParagraph(i))
            flushParagraph();
        paragraph.append(line.text);
        paragraphLines.append(i);
        ++i;
    }
    flushSection();
}

namespace {

// Letters and digits only, lower case: how a word of a sentence and a word on
// the page are compared (cleaning changed quotes, dashes and ligatures).
QString wordKey(const QString& word) {
    QString key;
    for (const QChar c : word) {
        if (c.isLetterOrNumber())
            key += c.toLower();
    }
    return key;
}

struct PlacedWord {
    QString key;
    QRectF box;
    int page = 0;
    int line = 0;
};

} // namespace

void PdfStructure::placeSentences(const QList<int>& lines, const QStringList& sentences,
                                  const QStringList& ids, Paper& paper) const {
    QList<PlacedWord> stream;
    for (int index : lines) {
        const PdfLine& line = m_lines.at(index);
        for (const PdfWord& word : line.words) {
            const QString key = wordKey(word.text);
            if (!key.isEmpty())
                stream.append({key, word.box, line.page, index});
        }
    }
    qsizetype at = 0;
    for (int k = 0; k < sentences.size() && at < stream.size(); ++k) {
        QList<qsizetype> matched;
        for (const QString& token : sentences.at(k).split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            QString key = wordKey(token);
            if (key.isEmpty())
                continue;
            // The next page word that starts this token; words dropped in cleaning
            // (citation marks, footnote signs) are passed over, a few at most.
            qsizetype found = -1;
            for (qsizetype look = at; look < stream.size() && look < at + 6; ++look) {
                if (key.startsWith(stream.at(look).key) || stream.at(look).key.startsWith(key)) {
                    found = look;
                    break;
                }
            }
            if (found < 0)
                continue;
            matched.append(found);
            at = found + 1;
            // A word hyphenated across lines is two words on the page.
            QString covered = stream.at(found).key;
            while (covered.size() < key.size() && at < stream.size() &&
                   key.mid(covered.size()).startsWith(stream.at(at).key)) {
                covered += stream.at(at).key;
                matched.append(at++);
            }
        }
        if (matched.isEmpty())
            continue;
        SentencePlace place;
        int lastLine = -1;
        for (qsizetype m : matched) {
            const PlacedWord& word = stream.at(m);
            if (word.line != lastLine) {
                place.pages.append(word.page);
                place.boxes.append(word.box);
                lastLine = word.line;
            } else {
                place.boxes.last() = place.boxes.last().united(word.box);
            }
        }
        place.page = place.pages.first();
        paper.places.insert(ids.at(k), place);
    }
}

void PdfStructure::placeAllSentences(const Span& abstract, Paper& paper) const {
    paper.places.clear();
    if (abstract.isValid()) {
        QList<int> lines;
        for (int i = abstract.first; i <= abstract.last; ++i) {
            if (!abstract.skipped.contains(i))
                lines.append(i);
        }
        QStringList sentences;
        QStringList ids;
        for (int a = 0; a < paper.abstract.size(); ++a) {
            const QStringList parts = splitSentences(paper.abstract.at(a).text);
            for (int k = 0; k < parts.size(); ++k) {
                sentences.append(parts.at(k));
                ids.append(QStringLiteral("abs%1.s%2").arg(a).arg(k));
            }
        }
        placeSentences(lines, sentences, ids, paper);
    }
    for (int i = 0; i < paper.sections.size() && i < m_paragraphLines.size(); ++i) {
        const Section& section = paper.sections.at(i);
        for (int j = 0; j < section.paragraphs.size() && j < m_paragraphLines.at(i).size(); ++j) {
            const QStringList parts = splitSentences(section.paragraphs.at(j));
            QStringList ids;
            for (int k = 0; k < parts.size(); ++k)
                ids.append(QStringLiteral("sec%1.p%2.s%3").arg(i).arg(j).arg(k));
            placeSentences(m_paragraphLines.at(i).at(j), parts, ids, paper);
        }
    }
}

void PdfStructure::readTrailingCaptions(int from, Paper& paper) {
    // Manuscripts and preprints put their figures and tables after the
    // references, one to a page. Only a caption with its separator ("Table 2.",
    // "Figure 1:") counts here: a reference can start with a capitalised word.
    for (int i = from; i < m_lines.size();) {
        const QString& text = m_lines.at(i).text;
        auto caption = captionPattern().match(text);
        const bool table = !caption.hasMatch();
        if (table)
            caption = tableCaptionPattern().match(text);
        if (caption.hasMatch() && !caption.captured(3).trimmed().isEmpty()) {
            i = readCaption(i, table, paper);
            continue;
        }
        ++i;
    }
}

bool PdfStructure::startsUnheadedReferenceList(int i) const {
    static const RX first(QStringLiteral("^\\[1\\]\\s*\\S"));
    static const RX second(QStringLiteral("^\\[2\\]\\s*\\S"));
    if (!first.match(m_lines.at(i).text).hasMatch())
        return false;
    for (int j = i + 1; j < m_lines.size() && j <= i + 12; ++j) {
        if (second.match(m_lines.at(j).text).hasMatch())
            return true;
    }
    return false;
}

int PdfStructure::countReferences(int from) const {
    static const RX bracketed(QStringLiteral("^\\[(\\d{1,4})\\]"));
    static const RX dotted(QStringLiteral("^(\\d{1,4})\\.\\s+\\S"));
    int numbered = 0;
    int hanging = 0;
    int expected = 1;
    for (int i = from; i < m_lines.size(); ++i) {
        const PdfLine& line = m_lines.at(i);
        QString heading;
        if (headingLevel(i, &heading) == 1 && !isReferencesHeading(heading) &&
            isKnownHeading(heading))
            break;
        auto m = bracketed.match(line.text);
        if (!m.hasMatch())
            m = dotted.match(line.text);
        if (m.hasMatch() && m.captured(1).toInt() == expected) {
            ++numbered;
            ++expected;
        }
        // Author–year lists: an entry's first line hangs left of its continuation lines.
        if (i + 1 < m_lines.size()) {
            const PdfLine& next = m_lines.at(i + 1);
            if (next.page == line.page && next.box.left() > line.box.left() + 0.5 * line.size &&
                next.box.left() < line.box.left() + 3 * line.size &&
                next.box.top() > line.box.top()) {
                const bool previousHangs =
                    i > from && std::abs(m_lines.at(i - 1).box.left() - next.box.left()) < 1;
                if (previousHangs || i == from || endsParagraph(i - 1))
                    ++hanging;
            }
        }
    }
    return numbered >= 2 ? numbered : hanging;
}

int PdfStructure::findYear(const Span& title) const {
    // The paper's own year is printed on its first page: in the running header
    // or footer (journal, volume, year), a copyright line, or the dates of
    // receipt and publication. Reference lists and in-text citations are full of
    // other years, so the page's margins are read first, then the rest of the
    // first page, and the last page (where the references are) never.
    static const RX dated[] = {
        RX(QStringLiteral("(?:©|\\(c\\)|copyright)\\s*(?:©\\s*)?((?:19|20)\\d{2})"),
           RX::CaseInsensitiveOption),
        RX(QStringLiteral(
               "published(?: online)?:?\\s+(?:on\\s+)?(?:\\d{1,2}\\s+)?(?:\\p{L}+\\.?\\s+)?"
               "(?:\\d{1,2},?\\s+)?((?:19|20)\\d{2})"),
           RX::CaseInsensitiveOption),
        RX(QStringLiteral("accepted:?\\s+(?:on\\s+)?(?:\\d{1,2}\\s+)?(?:\\p{L}+\\.?\\s+)?(?:\\d{1,"
                          "2},?\\s+)?((?:"
                          "19|20)\\d{2})"),
           RX::CaseInsensitiveOption),
        RX(QStringLiteral("Proceedings.{0,200}?\\b((?:19|20)\\d{2})\\b"))};
    // In a header or footer line, a year next to volume/issue/pages or a date.
    static const RX marginYear[] = {
        RX(QStringLiteral("\\b((?:19|20)\\d{2})\\s*[,;:]?\\s*(?:vol|\\d+\\s*[:(]|\\d+\\s*,)"),
           RX::CaseInsensitiveOption),
        RX(QStringLiteral("\\(((?:19|20)\\d{2})\\)")),
        RX(QStringLiteral("(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\\p{L}*\\.?\\s+"
                          "(?:\\d{1,2},?\\s+)?((?:19|20)\\d{2})\\b"),
           RX::CaseInsensitiveOption),
        RX(QStringLiteral("\\b((?:19|20)\\d{2})\\b"))};
    static const RX citationLike(QStringLiteral("^\\[\\d+\\]|\\bet al\\b|^\\d{1,3}\\.\\s+\\p{Lu}"));
    const int firstPage = title.isValid()
                              ? m_lines.at(title.first).page
                              : (m_rawFirstPage.isEmpty() ? 0 : m_rawFirstPage.first().page);
    QStringList margins;
    QStringList rest;
    for (const PdfLine& line : m_rawFirstPage) {
        if (line.page < firstPage || line.page > firstPage + 1)
            continue;
        const QString text = cleanText(line.text);
        if (citationLike.match(text).hasMatch())
            continue;
        const double height = m_pageSizes.value(line.page).height();
        const bool margin = line.box.bottom() < 0.12 * height || line.box.top() > 0.85 * height;
        if (margin && line.page == firstPage)
            margins.append(text);
        else if (line.page == firstPage || margin)
            rest.append(text);
    }
    const auto valid = [](int year) {
        return year >= 1900 && year <= QDate::currentDate().year() + 1;
    };
    const auto first = [&](const RX& rx, const QStringList& texts) {
        for (const QString& text : texts) {
            const auto m = rx.match(text);
            if (m.hasMatch() && valid(m.captured(1).toInt()))
                return m.captured(1).toInt();
        }
        return 0;
    };
    // The journal line in the margin is the publication; "Received …" and
    // "Accepted …" in the body of the page can be a year earlier.
    for (const RX& rx : dated) {
        if (const int year = first(rx, {margins.join(QLatin1Char(' '))}))
            return year;
    }
    for (const RX& rx : marginYear) {
        if (const int year = first(rx, margins))
            return year;
    }
    for (const RX& rx : dated) {
        if (const int year = first(rx, {rest.join(QLatin1Char(' '))}))
            return year;
    }
    return 0;
}

void PdfStructure::readMetadata(Paper& paper, const Span& title) const {
    QString text;
    for (const PdfLine& line : m_rawFirstPage)
        text += line.text + QLatin1Char('\n');
    const QString flat = cleanText(QString(text).replace(QLatin1Char('\n'), QLatin1Char(' ')));

    static const RX doiRx(
        QStringLiteral("(?:doi\\s*:?\\s*|doi\\.org/)(10\\.\\d{4,9}/[^\\s,;\"<>]*)"),
        RX::CaseInsensitiveOption);
    static const RX bareDoi(QStringLiteral("\\b(10\\.\\d{4,9}/[^\\s,;\"<>]*)"));
    auto doi = doiRx.match(flat);
    if (!doi.hasMatch())
        doi = bareDoi.match(flat);
    if (doi.hasMatch()) {
        QString value = doi.captured(1);
        // A DOI broken at the end of a line ("10.1016/j." then "heliyon.2022.e08932"):
        // no DOI ends in a dot, slash or dash, so the next line's first word is its rest
        // (at a line's end only: "doi: 10.1000/xyz. Next…" ends a sentence).
        static const RX rest(QStringLiteral("^ ([^\\s,;\"<>]+)"));
        if (!value.isEmpty() && QStringLiteral("./-_").contains(value.back()) &&
            text.contains(value + QLatin1Char('\n'))) {
            const auto more = rest.match(flat.mid(doi.capturedEnd(1)));
            if (more.hasMatch())
                value += more.captured(1);
        }
        while (!value.isEmpty() && QStringLiteral(".)]").contains(value.back()))
            value.chop(1);
        if (!value.endsWith(QLatin1Char('/'))) // a prefix alone is no DOI
            paper.doi = value;
    }

    paper.year = findYear(title);

    static const RX ccUrl(QStringLiteral("creativecommons\\.org/[a-z]+/[a-z-]+/\\d\\.\\d"),
                          RX::CaseInsensitiveOption);
    const auto url = ccUrl.match(flat);
    if (url.hasMatch())
        paper.license = normalizeLicense(url.captured(0));
    if (paper.license.isEmpty()) {
        const qsizetype at =
            flat.indexOf(QLatin1String("Creative Commons"), 0, Qt::CaseInsensitive);
        if (at >= 0)
            paper.license = normalizeLicense(flat.mid(at, 200));
    }

    // Journal: a running header or banner line above the title naming a periodical.
    static const RX journalWord(QStringLiteral(
        "\\b(Journal|Proceedings|Transactions|Letters|Annals|Research|Practice|Reviews?|Sciences?|"
        "Medicine|Reports|Advances|Bulletin|Communications)\\b|\\bJ\\.\\s"));
    static const RX skip(
        QStringLiteral("publishing|corporation|volume|article id|doi|http|www\\.|©|copyright|"
                       // an affiliation in the footer names sciences too
                       "department|universit|institute|faculty|hospital|laborator|school of|"
                       "cent(?:er|re) for|e-?mail|@"),
        RX::CaseInsensitiveOption);
    static const RX etAl(QStringLiteral("^.*\\bet al\\.?\\s*"));
    static const RX trailingIssue(
        QStringLiteral("[\\s,;:]*(\\(?(?:19|20)\\d{2}\\)?.*|\\d+\\s*[:(].*|\\d+)$"));
    const double titleTop = title.isValid() ? m_lines.at(title.first).box.top() : 0;
    const int titlePage = title.isValid() ? m_lines.at(title.first).page : 0;
    for (const PdfLine& line : m_rawFirstPage) {
        if (line.page != titlePage)
            continue;
        if (line.box.top() >= titleTop &&
            line.box.top() < 0.9 * m_pageSizes.value(line.page).height())
            continue;
        QString candidate = cleanText(line.text);
        if (skip.match(candidate).hasMatch() || !journalWord.match(candidate).hasMatch() ||
            isBannerLabel(candidate))
            continue;
        candidate.remove(etAl);
        candidate.remove(trailingIssue);
        static const RX trailingSeparators(QStringLiteral("[\\s|·•–—,;:-]+$"));
        candidate.remove(trailingSeparators);
        candidate = candidate.trimmed();
        // A periodical's name starts with a capital: "of Medical Sciences, …" is a
        // wrapped affiliation.
        if (candidate.isEmpty() || !candidate.at(0).isUpper())
            continue;
        if (wordCount(candidate) >= 2 && wordCount(candidate) <= 12) {
            paper.journal = candidate;
            break;
        }
    }
}

void PdfStructure::fill(Paper& paper) {
    if (m_lines.isEmpty())
        return;
    const Span title = findTitle();
    int cursor = 0;
    if (title.isValid()) {
        QStringList parts;
        for (int i = title.first; i <= title.last; ++i)
            parts.append(m_lines.at(i).text);
        // An access badge ("OPEN") set in the title's row and size, apart from it.
        const PdfLine& first = m_lines.at(title.first);
        if (first.words.size() >= 3 && !parts.isEmpty()) {
            const QString badge = first.words.first().text;
            const double gap = first.words.at(1).box.left() - first.words.first().box.right();
            if (gap > 0.3 * first.size && (isBannerLabel(badge) || badge == QLatin1String("OPEN")))
                parts.first() = parts.first().mid(badge.size()).trimmed();
        }
        paper.title = joinLines(parts);
        cursor = title.last + 1;
    }
    QString firstLineRest;
    const Span abstract = findAbstract(cursor, title.isValid(), &firstLineRest);
    const int authorsEnd =
        abstract.isValid() ? abstract.first : std::min<int>(cursor + 12, m_lines.size());
    paper.authors = findAuthors(cursor, authorsEnd);
    int bodyStart = cursor;
    if (!abstract.isValid()) {
        // Without an abstract the front matter runs up to the first real heading.
        for (int i = cursor; i < m_lines.size(); ++i) {
            if (isStrongHeading(i)) {
                bodyStart = i;
                break;
            }
        }
    } else {
        paper.abstract = buildAbstract(abstract, firstLineRest);
        bodyStart = abstract.last + 1;
        // Front-matter leftovers (keywords, dates, licence boxes) sit between the
        // abstract and the first heading.
        // A paragraph of running text before any heading means the body has
        // begun (a short note without headings), and nothing is skipped.
        static const RX frontMatter(
            QStringLiteral("^(key ?words|index terms|subjects|abbreviations|received|accepted|"
                           "published|correspond|citation|copyright|©|doi|https?:|e-?mail)"),
            RX::CaseInsensitiveOption);
        int runningLines = 0;
        for (int i = bodyStart;
             i < m_lines.size() && m_lines.at(i).page <= m_lines.at(abstract.last).page + 1; ++i) {
            QString heading;
            if (headingLevel(i, &heading) > 0) {
                bodyStart = i;
                break;
            }
            const PdfLine& line = m_lines.at(i);
            const bool running = line.text.size() >= 45 && similarSize(line.size, m_body, 0.08) &&
                                 !isAffiliationLike(line.text) &&
                                 !frontMatter.match(line.text).hasMatch();
            runningLines = running ? runningLines + 1 : 0;
            if (runningLines >= 3)
                break;
        }
    }
    readBody(bodyStart, paper);
    readMetadata(paper, title);
    placeAllSentences(abstract, paper);
}

} // namespace hh::pdf
