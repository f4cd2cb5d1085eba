// SPDX-License-Identifier: GPL-3.0-or-later
#include "PdfLayout.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <cmath>
#include <poppler-qt6.h>

namespace hh::pdf {

namespace {

// Typographic ligatures come out of many TeX fonts as single code points; readers
// and the sentence splitter expect plain letters.
QString expandLigatures(QString text) {
    static const std::pair<char16_t, const char*> ligatures[] = {
        {0xFB00, "ff"},  {0xFB01, "fi"}, {0xFB02, "fl"}, {0xFB03, "ffi"},
        {0xFB04, "ffl"}, {0xFB05, "st"}, {0xFB06, "st"}};
    for (const auto& [code, plain] : ligatures) {
        if (text.contains(QChar(code)))
            text.replace(QChar(code), QLatin1String(plain));
    }
    return text;
}

double median(QList<double> values) {
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

struct LineBuilder {
    QString text;
    QRectF box;
    QList<double> heights;
    QList<PdfWord> words;

    bool isEmpty() const { return text.isEmpty(); }
    PdfLine take(int page) {
        PdfLine line{text.simplified(), box, median(heights), page, words, 0, false, false};
        line.updateFont();
        text.clear();
        box = {};
        heights.clear();
        words.clear();
        return line;
    }
};

// Vertical text (arXiv stamps, rotated table headers) would otherwise become
// lines a few points wide and hundreds tall.
bool isRotatedWord(const Poppler::TextBox& word) {
    // The letters tell the direction: in vertical text each one sits below (or
    // above) the one before. A box taller than wide is not enough: a short
    // word ("oil") in a font with tall boxes is horizontal.
    const qsizetype n = word.text().size();
    if (n < 2)
        return false;
    const QPointF first = word.charBoundingBox(0).center();
    const QPointF last = word.charBoundingBox(int(n - 1)).center();
    return std::abs(last.y() - first.y()) > std::abs(last.x() - first.x());
}

// Poppler splits a line when a gap or a size change separates its parts ("I." and
// "INTRODUCTION", superscript affiliation marks); such parts follow each other in
// reading order on the same baseline and are joined back here.
bool continuesOnSameRow(const PdfLine& left, const PdfLine& right) {
    const double overlap =
        std::min(left.box.bottom(), right.box.bottom()) - std::max(left.box.top(), right.box.top());
    const double minHeight = std::min(left.box.height(), right.box.height());
    if (minHeight <= 0 || overlap < 0.5 * minHeight)
        return false;
    const double gap = right.box.left() - left.box.right();
    const double size = std::max(left.size, right.size);
    return gap > -1.0 && gap < 2.5 * size;
}

QList<PdfLine> mergeRowFragments(const QList<PdfLine>& lines) {
    QList<PdfLine> merged;
    for (const PdfLine& line : lines) {
        if (!merged.isEmpty() && continuesOnSameRow(merged.last(), line)) {
            PdfLine& last = merged.last();
            // A smaller fragment is a superscript/subscript; the larger one sets the size.
            const bool lastIsTiny = last.text.size() <= 3;
            last.text += QLatin1Char(' ') + line.text;
            last.box = last.box.united(line.box);
            last.words += line.words;
            last.updateFont();
            if (lastIsTiny || line.text.size() > 3)
                last.size = std::max(last.size, line.size);
            continue;
        }
        merged.append(line);
    }
    return merged;
}

QString furnitureKey(const QString& text) {
    static const QRegularExpression digits(QStringLiteral("\\d+"));
    QString key = text.toLower();
    key.replace(digits, QStringLiteral("#"));
    return key.simplified();
}

bool isBareNumber(const QString& text) {
    static const QRegularExpression number(
        QStringLiteral("^[\\divxlcIVXLC]{1,5}$|^\\d{1,4}( \\d{1,4})*$"));
    return number.match(text).hasMatch();
}

// Preprints number their lines in the margin, and Poppler often reads the number
// as the first word of the line beside it ("12 The results …"). Such numbers
// stand a gap apart, aligned on one edge down the page, and count upwards. The
// edge is learnt from the pages that show it clearly, then applied to every
// page (a last page with five lines has too few to tell on its own).
struct NumberCandidate {
    int line;
    int number;
    int edge; // right edge of the number, in 4-point bins
};

QList<NumberCandidate> lineNumberCandidates(const PdfPage& page) {
    static const QRegularExpression digits(QStringLiteral("^\\d{1,4}$"));
    QList<NumberCandidate> out;
    for (int i = 0; i < page.lines.size(); ++i) {
        const PdfLine& line = page.lines.at(i);
        if (line.words.isEmpty() || !digits.match(line.words.first().text).hasMatch())
            continue;
        if (line.words.size() > 1 &&
            line.words.at(1).box.left() - line.words.first().box.right() < 0.8 * line.size)
            continue;
        out.append({i, line.words.first().text.toInt(),
                    int(std::lround(line.words.first().box.right() / 4))});
    }
    return out;
}

void stripLineNumbers(QList<PdfPage>& pages) {
    QSet<int> edges;
    for (const PdfPage& page : pages) {
        const QList<NumberCandidate> candidates = lineNumberCandidates(page);
        QHash<int, QList<NumberCandidate>> byEdge;
        for (const NumberCandidate& c : candidates)
            byEdge[c.edge].append(c);
        for (auto it = byEdge.cbegin(); it != byEdge.cend(); ++it) {
            QList<NumberCandidate> column = it.value() + byEdge.value(it.key() + 1);
            if (column.size() < 8)
                continue;
            std::sort(column.begin(), column.end(),
                      [&](const NumberCandidate& a, const NumberCandidate& b) {
                          return page.lines.at(a.line).box.top() < page.lines.at(b.line).box.top();
                      });
            int rising = 0;
            for (int k = 1; k < column.size(); ++k)
                rising += column.at(k).number > column.at(k - 1).number ? 1 : 0;
            const double height = page.lines.at(column.last().line).box.bottom() -
                                  page.lines.at(column.first().line).box.top();
            if (rising >= 0.8 * (column.size() - 1) && height >= 0.4 * page.size.height())
                edges << it.key() << it.key() + 1;
        }
    }
    if (edges.isEmpty())
        return;
    for (PdfPage& page : pages) {
        QSet<int> strip;
        for (const NumberCandidate& c : lineNumberCandidates(page)) {
            if (edges.contains(c.edge))
                strip.insert(c.line);
        }
        QList<PdfLine> kept;
        for (int i = 0; i < page.lines.size(); ++i) {
            PdfLine line = page.lines.at(i);
            if (strip.contains(i)) {
                if (line.words.size() <= 1)
                    continue;
                const QString number = line.words.takeFirst().text;
                line.updateFont();
                line.text = line.text.mid(line.text.indexOf(number) + number.size()).trimmed();
                QRectF box;
                for (const PdfWord& word : line.words)
                    box = box.isNull() ? word.box : box.united(word.box);
                line.box = box;
            }
            kept.append(line);
        }
        page.lines = kept;
    }
}

} // namespace

void PdfLine::updateFont() {
    // The size most letters are set in; bold when every word with letters is.
    QHash<int, qsizetype> weight;
    bool anyLetters = false;
    bool allBold = true;
    bool allItalic = true;
    for (const PdfWord& word : words) {
        if (word.fontSize > 0)
            weight[qRound(word.fontSize * 10)] += word.text.size();
        const bool letters =
            std::any_of(word.text.cbegin(), word.text.cend(), [](QChar c) { return c.isLetter(); });
        if (letters) {
            anyLetters = true;
            allBold = allBold && word.bold;
            allItalic = allItalic && word.italic;
        }
    }
    qsizetype best = 0;
    fontSize = 0;
    for (auto it = weight.cbegin(); it != weight.cend(); ++it) {
        if (it.value() > best) {
            best = it.value();
            fontSize = it.key() / 10.0;
        }
    }
    bold = anyLetters && allBold;
    italic = anyLetters && allItalic;
}

double letterShare(const QString& text) {
    int letters = 0;
    int visible = 0;
    for (const QChar c : text) {
        if (c.isSpace())
            continue;
        ++visible;
        letters += c.isLetter() ? 1 : 0;
    }
    return visible == 0 ? 0.0 : double(letters) / visible;
}

double PdfLine::widestGap() const {
    double widest = 0;
    for (qsizetype i = 1; i < words.size(); ++i)
        widest = std::max(widest, words.at(i).box.left() - words.at(i - 1).box.right());
    return widest;
}

bool readPageLines(const Poppler::Page& page, int pageIndex, const std::atomic_bool* cancel,
                   PdfPage* out, const QList<WordFont>& fonts, int rotation) {
    out->index = pageIndex;
    out->size = page.pageSizeF();
    if (rotation % 2 == 1)
        out->size.transpose();
    out->rotation = rotation;
    out->lines.clear();
    out->horizontalChars = 0;
    out->verticalChars = 0;
    bool aborted = false;
    auto shouldAbort = [](const QVariant& closure) {
        const auto* flag = static_cast<const std::atomic_bool*>(closure.value<void*>());
        return flag && flag->load();
    };
    const QVariant closure =
        QVariant::fromValue(static_cast<void*>(const_cast<std::atomic_bool*>(cancel)));
    const auto words = page.textList(Poppler::Page::Rotation(rotation), shouldAbort, closure);
    if (cancel && cancel->load())
        aborted = true;

    // Both frontends list the same words in the same order; a word whose box
    // differs is looked up by where it stands.
    QHash<QPair<int, int>, qsizetype> fontAt;
    for (qsizetype f = 0; f < fonts.size(); ++f)
        fontAt.insert({qRound(fonts.at(f).box.center().x()), qRound(fonts.at(f).box.center().y())},
                      f);
    const auto fontOf = [&](qsizetype k, const QRectF& box) -> const WordFont* {
        const auto close = [&](const QRectF& a) {
            return std::abs(a.center().x() - box.center().x()) < 0.6 &&
                   std::abs(a.center().y() - box.center().y()) < 0.6;
        };
        if (k < fonts.size() && close(fonts.at(k).box))
            return &fonts.at(k);
        const auto it = fontAt.constFind({qRound(box.center().x()), qRound(box.center().y())});
        return it != fontAt.cend() ? &fonts.at(*it) : nullptr;
    };

    QList<PdfLine> raw;
    LineBuilder builder;
    const Poppler::TextBox* previous = nullptr;
    for (qsizetype k = 0; k < qsizetype(words.size()); ++k) {
        const auto& word = words.at(std::size_t(k));
        const QString text = expandLigatures(word->text());
        const QRectF box = word->boundingBox();
        // The fonts' boxes are in the page's own frame.
        const WordFont* font = rotation == 0 ? fontOf(k, box) : nullptr;
        if (text.trimmed().isEmpty() || isRotatedWord(*word)) {
            out->verticalChars += text.size();
            previous = nullptr;
            continue;
        }
        out->horizontalChars += text.size();
        if (!builder.isEmpty() && (!previous || previous->nextWord() != word.get()))
            raw.append(builder.take(pageIndex));
        // Small capitals come as separate words per size ("S CI D OCS") that touch;
        // only a visible gap is a space.
        if (!builder.isEmpty() && previous && previous->hasSpaceAfter() &&
            box.left() - previous->boundingBox().right() > 0.08 * box.height())
            builder.text += QLatin1Char(' ');
        builder.text += text;
        // Glued pieces ("S CI D OCS") extend the word before them.
        if (!builder.words.isEmpty() && !builder.text.endsWith(QLatin1Char(' ')) &&
            builder.text.size() > text.size() &&
            builder.text.at(builder.text.size() - text.size() - 1) != QLatin1Char(' ')) {
            builder.words.last().text += text;
            builder.words.last().box = builder.words.last().box.united(box);
        } else {
            builder.words.append(
                {text, box, font ? font->size : 0.0, font && font->bold, font && font->italic});
        }
        builder.box = builder.box.isNull() ? box : builder.box.united(box);
        builder.heights.append(box.height());
        previous = word.get();
    }
    if (!builder.isEmpty())
        raw.append(builder.take(pageIndex));
    out->lines = mergeRowFragments(raw);
    return !aborted;
}

bool readPageLinesUpright(const Poppler::Page& page, int pageIndex, const std::atomic_bool* cancel,
                          PdfPage* out, const QList<WordFont>& fonts) {
    if (!readPageLines(page, pageIndex, cancel, out, fonts, 0))
        return false;
    if (out->verticalChars < 200 || out->verticalChars < 2 * out->horizontalChars)
        return true;
    for (const int turn : {1, 3}) {
        PdfPage turned;
        if (!readPageLines(page, pageIndex, cancel, &turned, fonts, turn))
            return false;
        if (turned.horizontalChars > 2 * turned.verticalChars) {
            *out = turned;
            return true;
        }
    }
    return true;
}

void dropPageFurniture(QList<PdfPage>& pages) {
    // How many pages carry each normalised margin line.
    QHash<QString, int> marginCounts;
    auto inMargin = [](const PdfPage& page, const PdfLine& line) {
        const double h = page.size.height();
        return line.box.bottom() < 0.10 * h || line.box.top() > 0.90 * h;
    };
    for (const PdfPage& page : pages) {
        QSet<QString> seen;
        for (const PdfLine& line : page.lines) {
            if (inMargin(page, line))
                seen.insert(furnitureKey(line.text));
        }
        for (const QString& key : seen)
            ++marginCounts[key];
    }
    stripLineNumbers(pages);
    const int repeatThreshold = pages.size() >= 3 ? 2 : 2;
    for (PdfPage& page : pages) {
        // The text block: where lines of at least a few words live.
        double left = page.size.width();
        double right = 0;
        for (const PdfLine& line : page.lines) {
            if (line.text.size() >= 20) {
                left = std::min(left, line.box.left());
                right = std::max(right, line.box.right());
            }
        }
        QList<PdfLine> kept;
        for (const PdfLine& line : page.lines) {
            const bool margin = inMargin(page, line);
            if (margin && (marginCounts.value(furnitureKey(line.text)) >= repeatThreshold ||
                           isBareNumber(line.text)))
                continue;
            const bool outsideBlock = line.box.right() < left + 1 || line.box.left() > right - 1;
            if (outsideBlock && isBareNumber(line.text))
                continue; // margin line numbers
            kept.append(line);
        }
        page.lines = kept;
    }
}

double bodyTextSize(const QList<PdfPage>& pages) {
    QHash<int, qsizetype> weight; // size in tenths of a point -> characters
    for (const PdfPage& page : pages) {
        for (const PdfLine& line : page.lines)
            weight[qRound(line.size * 10)] += line.text.size();
    }
    int best = 0;
    qsizetype bestWeight = -1;
    for (auto it = weight.cbegin(); it != weight.cend(); ++it) {
        if (it.value() > bestWeight) {
            best = it.key();
            bestWeight = it.value();
        }
    }
    return best / 10.0;
}

} // namespace hh::pdf
