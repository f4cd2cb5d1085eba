// SPDX-License-Identifier: GPL-3.0-or-later
#include "SpeechText.h"

#include <QRegularExpression>
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

QString keyNumberPhrase(const QString& text) {
    // Prefer numbers with a unit or a comparison; a bare year or a citation number
    // makes a poor headline.
    static const QRegularExpression withUnit(
        QStringLiteral("(?:[nN]\\s*=\\s*)?\\d[\\d,]*(?:\\.\\d+)?\\s?(?:%|×|-fold|fold|times|"
                       "percent|rpm|°C|[µμ]m|nm|mm|cm|km|mg|kg|ml|mL|"
                       "mM|[µμ]M|micrometres|nanometres|millimetres|centimetres|kilometres|"
                       "milligrams|kilograms|millilitres|degrees Celsius|revolutions per minute|"
                       "minutes|hours|days|weeks|months|years|generations|participants|patients|"
                       "people|children|adults|women|men|mice|rats|cells|species|samples|genes)"));
    auto m = withUnit.match(text);
    if (m.hasMatch())
        return m.captured(0).simplified();
    static const QRegularExpression bare(
        QStringLiteral("(?<![\\w.\\-])\\d[\\d,]*(?:\\.\\d+)?(?![\\w.\\-])"));
    auto it = bare.globalMatch(text);
    while (it.hasNext()) {
        const auto b = it.next();
        const QString candidate = b.captured(0);
        bool isYear = candidate.size() == 4 && (candidate.startsWith(QLatin1String("19")) ||
                                                candidate.startsWith(QLatin1String("20")));
        if (!isYear && candidate != QLatin1String("1") && candidate != QLatin1String("0"))
            return candidate;
    }
    return {};
}

} // namespace hh
