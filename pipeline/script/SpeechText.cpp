// SPDX-License-Identifier: GPL-3.0-or-later
#include "SpeechText.h"

#include <QRegularExpression>
#include <QSet>
#include <utility>
#include <vector>

namespace hh {

namespace {

using Rule = std::pair<QRegularExpression, QString>;

Rule rule(const char* pattern, const char* replacement) {
    return {QRegularExpression(QString::fromUtf8(pattern),
                               QRegularExpression::UseUnicodePropertiesOption),
            QString::fromUtf8(replacement)};
}

const std::vector<Rule>& removalRules() {
    static const std::vector<Rule> rules = [] {
        std::vector<Rule> r;
        const auto add = [&r](const char* pattern, const char* replacement) {
            r.push_back(rule(pattern, replacement));
        };
        // Numeric citations: [12], [3, 4], [5–9], superscript-style ranges.
        add(R"(\s*\[\s*\d+(?:\s*[,;–—-]\s*\d+)*\s*\])", "");
        // Any other short bracketed aside is hard to follow when heard.
        add(R"(\s*\([^()]{0,120}\))", "");
        add(R"(\s*\[[^\[\]]{0,80}\])", "");
        return r;
    }();
    return rules;
}

const std::vector<Rule>& spokenRules() {
    static const std::vector<Rule> rules = [] {
        std::vector<Rule> r;
        const auto add = [&r](const char* pattern, const char* replacement) {
            r.push_back(rule(pattern, replacement));
        };
        add(R"(\be\.g\.,?)", "for example");
        add(R"(\bi\.e\.,?)", "that is");
        add(R"(\bet al\.)", "and colleagues");
        add(R"(\bvs\.?\s)", "versus ");
        add(R"(\bcf\.\s)", "compare ");
        add(R"(\s*≤\s*)", " less than or equal to ");
        add(R"(\s*≥\s*)", " greater than or equal to ");
        add(R"(\s*<\s*(?=[\d.]))", " less than ");
        add(R"(\s*>\s*(?=[\d.]))", " greater than ");
        add(R"(\s*±\s*)", " plus or minus ");
        add(R"(\s*≈\s*|~\s*(?=\d))", " about ");
        add(R"((?<=\d)\s*×\s*(?=\d))", " times ");
        add(R"((?<=\d)\s*[×x](?=\s|$|[,.;]))", " times");
        add(R"((?<=\d)\s*%)", " percent");
        add(R"((?<=\d)\s*°\s*C\b)", " degrees Celsius");
        add(R"((?<=\d)\s*°)", " degrees");
        add(R"((?<=\d)\s*[µμ]m\b)", " micrometres");
        add(R"((?<=\d)\s*[µμ]g\b)", " micrograms");
        add(R"((?<=\d)\s*[µμ][lL]\b)", " microlitres");
        add(R"((?<=\d)\s*[µμ]M\b)", " micromolar");
        add(R"((?<=\d)\s*nm\b)", " nanometres");
        add(R"((?<=\d)\s*mm\b)", " millimetres");
        add(R"((?<=\d)\s*cm\b)", " centimetres");
        add(R"((?<=\d)\s*km\b)", " kilometres");
        add(R"((?<=\d)\s*mg\b)", " milligrams");
        add(R"((?<=\d)\s*kg\b)", " kilograms");
        add(R"((?<=\d)\s*m[lL]\b)", " millilitres");
        add(R"((?<=\d)\s*mM\b)", " millimolar");
        add(R"((?<=\d)\s+h\b)", " hours");
        add(R"((?<=\d)\s*min\b)", " minutes");
        add(R"((?<=\d)\s+s\b)", " seconds");
        add(R"((?<=\d)\s*rpm\b)", " revolutions per minute");
        add(R"(\s*=\s*)", " equals ");
        add(R"(\s*&\s*)", " and ");
        add(R"(\s*[→⇒]\s*)", " leads to ");
        add(R"(\band/or\b)", "and or");
        add(R"((?<=[a-zA-Z])/(?=[a-zA-Z]))", " per ");
        return r;
    }();
    return rules;
}

} // namespace

QString cleanForSpeech(const QString& sentence) {
    QString text = sentence.simplified();
    for (const auto& [pattern, replacement] : removalRules())
        text.replace(pattern, replacement);
    for (const auto& [pattern, replacement] : spokenRules())
        text.replace(pattern, replacement);
    // Characters a voice reads as noise (bullets, daggers, stray markup symbols).
    static const QRegularExpression noise(QStringLiteral("[*†‡§¶•#^_{}|\\\\]"));
    text.replace(noise, QStringLiteral(" "));
    static const QRegularExpression spaceBeforePunct(QStringLiteral("\\s+([,.;:!?])"));
    text.replace(spaceBeforePunct, QStringLiteral("\\1"));
    static const QRegularExpression doubledPunct(QStringLiteral("([,;:])\\s*([,.;:])"));
    text.replace(doubledPunct, QStringLiteral("\\2"));
    return text.simplified();
}

QStringList numbersIn(const QString& text) {
    static const QRegularExpression number(
        QStringLiteral("(?<![\\w.])(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?"));
    QStringList out;
    auto it = number.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        QString whole = m.captured(1);
        whole.remove(QLatin1Char(','));
        out << whole + m.captured(2);
    }
    return out;
}

namespace {

struct UnitSpelling {
    const char* pattern; // alternatives of one unit, longest first
    const char* canonical;
};

// Case matters for symbols (mM is millimolar, mm millimetres); spelled-out words
// are matched case-insensitively through the (?i) groups.
constexpr UnitSpelling kUnits[] = {
    {"(?i:percentage points?)", "percentage point"},
    {"%|(?i:per ?cents?)", "percent"},
    {"×|(?i:times|fold)", "times"},
    {"°\\s?C|°|(?i:degrees? (?:Celsius|centigrade)|degrees?)", "degree"},
    {"[µμ]m|(?i:micromet(?:re|er)s?|microns?)", "micrometre"},
    {"nm|(?i:nanomet(?:re|er)s?)", "nanometre"},
    {"mm|(?i:millimet(?:re|er)s?)", "millimetre"},
    {"cm|(?i:centimet(?:re|er)s?)", "centimetre"},
    {"km|(?i:kilomet(?:re|er)s?)", "kilometre"},
    {"m|(?i:met(?:re|er)s?)", "metre"},
    {"[µμ]g|(?i:micrograms?)", "microgram"},
    {"mg|(?i:milligrams?)", "milligram"},
    {"kg|(?i:kilograms?)", "kilogram"},
    {"g|(?i:grams?)", "gram"},
    {"[µμ][lL]|(?i:microlit(?:re|er)s?)", "microlitre"},
    {"m[lL]|(?i:millilit(?:re|er)s?)", "millilitre"},
    {"[lL]|(?i:lit(?:re|er)s?)", "litre"},
    {"[µμ]M|(?i:micromolar)", "micromolar"},
    {"nM|(?i:nanomolar)", "nanomolar"},
    {"mM|(?i:millimolar)", "millimolar"},
    {"M|(?i:molar)", "molar"},
    {"ms|(?i:milliseconds?)", "millisecond"},
    {"s|(?i:sec|seconds?)", "second"},
    {"min|(?i:minutes?)", "minute"},
    {"h|(?i:hrs?|hours?)", "hour"},
    {"(?i:days?)", "day"},
    {"(?i:weeks?)", "week"},
    {"(?i:months?)", "month"},
    {"(?i:years?)", "year"},
    {"rpm|(?i:revolutions per minute)", "rpm"},
    {"kHz|(?i:kilohertz)", "kilohertz"},
    {"Hz|(?i:hertz)", "hertz"},
    {"mmHg|(?i:millimet(?:re|er)s? of mercury)", "mmHg"},
};

const QRegularExpression& quantityPattern() {
    static const QRegularExpression re = [] {
        // Alternatives are tried in order: longer spellings of a unit come before the
        // symbols they start with (mmHg before mm before m).
        QStringList units;
        for (const char* longFirst : {"mmHg|(?i:millimet(?:re|er)s? of mercury)",
                                      "(?i:revolutions per minute)", "(?i:percentage points?)"})
            units << QString::fromUtf8(longFirst);
        for (const auto& unit : kUnits)
            units << QString::fromUtf8(unit.pattern);
        const QString number = QStringLiteral("(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?");
        // "12 and 24 h", "12–24 h", "34 ± 5 years": the unit belongs to every number of the run.
        const QString joiner =
            QStringLiteral("\\s*(?:,|–|—|-|±|\\band\\b|\\bor\\b|\\bto\\b|\\bplus or minus\\b)\\s*");
        return QRegularExpression(QStringLiteral("(?<![\\w.])(%1(?:%2%1)*)\\s?-?\\s?(%3)(?![\\w])")
                                      .arg(number, joiner, units.join(QLatin1Char('|'))),
                                  QRegularExpression::UseUnicodePropertiesOption);
    }();
    return re;
}

QString canonicalUnit(const QString& written) {
    static const auto exact = [] {
        QList<std::pair<QRegularExpression, QString>> out;
        for (const auto& unit : kUnits)
            out.append(
                {QRegularExpression(QStringLiteral("^(?:%1)$").arg(QString::fromUtf8(unit.pattern)),
                                    QRegularExpression::UseUnicodePropertiesOption),
                 QString::fromUtf8(unit.canonical)});
        return out;
    }();
    for (const auto& [pattern, canonical] : exact) {
        if (pattern.match(written).hasMatch())
            return canonical;
    }
    return written.toLower();
}

} // namespace

QList<Quantity> quantitiesIn(const QString& text) {
    QList<Quantity> out;
    const QString simplified = text.simplified();
    for (auto it = quantityPattern().globalMatch(simplified); it.hasNext();) {
        const auto m = it.next();
        const QString unit = canonicalUnit(m.captured(2).simplified());
        for (const QString& number : numbersIn(m.captured(1)))
            out.append({number, unit, m.captured(0)});
    }
    return out;
}

QString keyNumberPhrase(const QString& text) {
    // A headline number carries its comparator ("less than"), its unit and what
    // it counts ("78% survival", "less than 100 eggs"): a bare number misstates
    // the paper. Years, dates, identifiers, page, figure and table numbers are
    // never headlines.
    static const QString comparator = QStringLiteral(
        "(?:(?:(?:less|fewer|more|greater|higher|lower) than|up to|at least|at most|over|under|"
        "about|around|approximately|nearly|almost|roughly|<|>|≤|≥|~|≈)\\s*)?");
    static const QString number = QStringLiteral("\\d[\\d,]*(?:\\.\\d+)?");
    static const QRegularExpression withUnit(
        QStringLiteral("(?<![\\w./\\-])") + comparator + QStringLiteral("(?:[nN]\\s*=\\s*)?") +
        number +
        QStringLiteral("\\s?(?:%|×|-fold|fold|times|"
                       "percent|rpm|°C|[µμ]m|nm|mm|cm|km|mg|kg|ml|mL|"
                       "mM|[µμ]M|micrometres|nanometres|millimetres|centimetres|kilometres|"
                       "milligrams|kilograms|millilitres|degrees Celsius|revolutions per minute|"
                       "minutes|hours|days|weeks|months|years|generations|participants|patients|"
                       "people|children|adults|women|men|mice|rats|cells|species|samples|genes)"
                       "(?![\\w])"));
    const auto m = withUnit.match(text);
    if (m.hasMatch())
        return m.captured(0).simplified();
    // A number followed by the noun it counts ("100 eggs", "37 villages").
    static const QRegularExpression counted(
        QStringLiteral("(?<![\\w./\\-])") + comparator + number +
        QStringLiteral("\\s+(\\p{Ll}[\\p{Ll}\\-]{2,})\\b(?:\\s+(\\p{Ll}[\\p{Ll}\\-]{2,})\\b)?"));
    // "251,277 female participants": an adjective needs the noun after it.
    static const QRegularExpression adjective(
        QStringLiteral("^(?:female|male|new|old|young|different|distinct|independent|unique|"
                       "additional|incorrect|correct|healthy|adult|total|separate|"
                       "\\p{Ll}+(?:al|ive|ous|ic|ary|ful|less|able|ible))$"));
    static const QSet<QString> notCounted = {
        QStringLiteral("and"),          QStringLiteral("or"),        QStringLiteral("of"),
        QStringLiteral("to"),           QStringLiteral("in"),        QStringLiteral("at"),
        QStringLiteral("on"),           QStringLiteral("for"),       QStringLiteral("with"),
        QStringLiteral("by"),           QStringLiteral("from"),      QStringLiteral("were"),
        QStringLiteral("was"),          QStringLiteral("is"),        QStringLiteral("are"),
        QStringLiteral("than"),         QStringLiteral("versus"),    QStringLiteral("per"),
        QStringLiteral("the"),          QStringLiteral("that"),      QStringLiteral("which"),
        QStringLiteral("this"),         QStringLiteral("these"),     QStringLiteral("had"),
        QStringLiteral("has"),          QStringLiteral("have"),      QStringLiteral("and"),
        QStringLiteral("respectively"), QStringLiteral("when"),      QStringLiteral("where"),
        QStringLiteral("out"),          QStringLiteral("times"),     QStringLiteral("more"),
        QStringLiteral("after"),        QStringLiteral("before"),    QStringLiteral("during"),
        QStringLiteral("january"),      QStringLiteral("february"),  QStringLiteral("march"),
        QStringLiteral("april"),        QStringLiteral("june"),      QStringLiteral("july"),
        QStringLiteral("august"),       QStringLiteral("september"), QStringLiteral("october"),
        QStringLiteral("november"),     QStringLiteral("december")};
    static const QRegularExpression reference(
        QStringLiteral("(?:Fig(?:ure)?s?\\.?|Tables?|No\\.|p\\.|pp\\.|Eq\\.|Section|Ref\\.|"
                       "[Pp]age|[Ll]ine|[Cc]hapter|[Pp]ermit|[Ll]icen[cs]e)\\s*$"));
    for (auto it = counted.globalMatch(text); it.hasNext();) {
        const auto c = it.next();
        if (notCounted.contains(c.captured(1)))
            continue;
        if (reference.match(text.left(c.capturedStart(0))).hasMatch())
            continue;
        static const QRegularExpression year(QStringLiteral("^(?:19|20)\\d\\d\\b"));
        QString matched = c.captured(0).simplified();
        if (!c.captured(2).isEmpty() && !adjective.match(c.captured(1)).hasMatch())
            matched.chop(c.captured(2).size() + 1); // the noun came first
        else if (c.captured(2).isEmpty() && adjective.match(c.captured(1)).hasMatch())
            continue; // an adjective with nothing to qualify
        const qsizetype digitAt = matched.indexOf(QRegularExpression(QStringLiteral("\\d")));
        if (year.match(matched.mid(digitAt)).hasMatch())
            continue;
        return matched;
    }
    return {};
}

} // namespace hh
