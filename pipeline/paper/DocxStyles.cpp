// SPDX-License-Identifier: GPL-3.0-or-later
#include "DocxStyles.h"

#include "XmlTree.h"

#include <QRegularExpression>

namespace hh {

namespace {

constexpr int kMaxChainLength = 32;

int halfPointsOf(const XmlElement* rPr) {
    if (!rPr)
        return 0;
    const XmlElement* sz = rPr->child(QStringLiteral("w:sz"));
    return sz ? sz->attr(QStringLiteral("w:val")).toInt() : 0;
}

// Level from a style name: Word stores built-in names in English ("heading 1")
// whatever the UI language, but LibreOffice and hand-made templates use
// localised or capitalised names.
int levelFromName(const QString& lowerName) {
    static const QRegularExpression re(QStringLiteral(
        "^(?:heading|заголовок|überschrift|titre|título|titolo|nagłówek|kop)\\s*([1-9])$"));
    const auto match = re.match(lowerName);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

} // namespace

std::optional<bool> docxOnOff(const XmlElement* property) {
    if (!property)
        return std::nullopt;
    const QString value = property->attr(QStringLiteral("w:val")).toLower();
    return !(value == QLatin1String("0") || value == QLatin1String("false") ||
             value == QLatin1String("off") || value == QLatin1String("none"));
}

DocxStyles DocxStyles::parse(const XmlElement* root) {
    DocxStyles styles;
    if (!root)
        return styles;
    if (const XmlElement* rPr = root->path(QStringLiteral("w:docDefaults/w:rPrDefault/w:rPr"))) {
        if (const int hp = halfPointsOf(rPr); hp > 0)
            styles.m_defaultHalfPoints = hp;
        styles.m_defaultBold = docxOnOff(rPr->child(QStringLiteral("w:b"))).value_or(false);
    }
    for (const XmlElement* element : root->childElements(QStringLiteral("w:style"))) {
        Style style;
        const QString id = element->attr(QStringLiteral("w:styleId"));
        if (const auto* name = element->child(QStringLiteral("w:name")))
            style.name = name->attr(QStringLiteral("w:val")).toLower().simplified();
        if (const auto* basedOn = element->child(QStringLiteral("w:basedOn")))
            style.basedOn = basedOn->attr(QStringLiteral("w:val"));
        if (const auto* outline = element->path(QStringLiteral("w:pPr/w:outlineLvl")))
            style.outlineLevel = outline->attr(QStringLiteral("w:val")).toInt();
        if (const auto* rPr = element->child(QStringLiteral("w:rPr"))) {
            style.bold = docxOnOff(rPr->child(QStringLiteral("w:b")));
            style.halfPoints = halfPointsOf(rPr);
        }
        const bool isDefault = element->attr(QStringLiteral("w:default")) == QLatin1String("1");
        if (isDefault && element->attr(QStringLiteral("w:type")) == QLatin1String("paragraph"))
            styles.m_defaultParagraphStyle = id;
        styles.m_styles.insert(id, style);
    }
    return styles;
}

template <typename T, typename F>
std::optional<T> DocxStyles::firstInChain(const QString& styleId, F&& pick) const {
    QString id = styleId.isEmpty() ? m_defaultParagraphStyle : styleId;
    for (int depth = 0; depth < kMaxChainLength && !id.isEmpty(); ++depth) {
        const auto it = m_styles.constFind(id);
        if (it == m_styles.constEnd())
            break;
        if (auto value = pick(*it))
            return value;
        id = it->basedOn;
    }
    return {};
}

QString DocxStyles::chainName(const QString& styleId) const {
    const auto it = m_styles.constFind(styleId.isEmpty() ? m_defaultParagraphStyle : styleId);
    return it == m_styles.constEnd() ? QString() : it->name;
}

int DocxStyles::headingLevel(const QString& styleId) const {
    // A style named like a heading, or any style in the chain that carries an
    // outline level (custom "My Heading" styles based on "heading 1").
    const auto level = firstInChain<int>(styleId, [](const Style& s) -> std::optional<int> {
        if (const int byName = levelFromName(s.name); byName > 0)
            return byName;
        if (s.outlineLevel >= 0 && s.outlineLevel < 9)
            return s.outlineLevel + 1;
        if (s.outlineLevel == 9)
            return 0; // explicitly body text
        return std::nullopt;
    });
    return level.value_or(0);
}

bool DocxStyles::isTitle(const QString& styleId) const {
    return chainName(styleId) == QLatin1String("title");
}

bool DocxStyles::isSubtitle(const QString& styleId) const {
    return chainName(styleId) == QLatin1String("subtitle");
}

bool DocxStyles::isCaption(const QString& styleId) const {
    return firstInChain<bool>(styleId,
                              [](const Style& s) -> std::optional<bool> {
                                  if (s.name == QLatin1String("caption"))
                                      return true;
                                  return std::nullopt;
                              })
        .value_or(false);
}

std::optional<bool> DocxStyles::bold(const QString& styleId) const {
    return firstInChain<bool>(styleId,
                              [](const Style& s) -> std::optional<bool> { return s.bold; });
}

int DocxStyles::halfPoints(const QString& styleId) const {
    return firstInChain<int>(styleId,
                             [](const Style& s) -> std::optional<int> {
                                 if (s.halfPoints > 0)
                                     return s.halfPoints;
                                 return std::nullopt;
                             })
        .value_or(0);
}

} // namespace hh
