// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>
#include <optional>

namespace hh {

class XmlElement;

// WordprocessingML on/off property (<w:b/>, <w:b w:val="0"/>): nullopt when absent.
std::optional<bool> docxOnOff(const XmlElement* property);

// The paragraph and character styles of word/styles.xml, resolved through their
// basedOn chains. Style IDs are arbitrary (Word localises them: "1" is "heading 1"
// in a Ukrainian install, "Heading1" in an English one), so everything is decided
// from the style's w:name and outline level, never from its ID.
class DocxStyles {
public:
    // `root` is the <w:styles> element; nullptr gives Word's built-in defaults.
    static DocxStyles parse(const XmlElement* root);

    // 1-based heading level of a paragraph style ("heading 2", localised
    // "Заголовок 2", or an outline level in the chain), 0 when not a heading.
    int headingLevel(const QString& styleId) const;
    bool isTitle(const QString& styleId) const;
    bool isSubtitle(const QString& styleId) const;
    bool isCaption(const QString& styleId) const;
    // Bold and font size (half-points) a style gives its text, through its chain.
    std::optional<bool> bold(const QString& styleId) const;
    int halfPoints(const QString& styleId) const; // 0 when the chain does not say

    // The style used by paragraphs without a w:pStyle.
    QString defaultParagraphStyle() const { return m_defaultParagraphStyle; }
    // Run font size from w:docDefaults; Word's built-in default is 10 pt.
    int defaultHalfPoints() const { return m_defaultHalfPoints; }
    bool defaultBold() const { return m_defaultBold; }

private:
    struct Style {
        QString name; // lower-cased w:name
        QString basedOn;
        int outlineLevel = -1; // 0-based w:outlineLvl; 9 means body text
        std::optional<bool> bold;
        int halfPoints = 0;
    };
    // Walks the basedOn chain (bounded, since files can contain cycles).
    // Defined in the .cpp, the only user.
    template <typename T, typename F>
    std::optional<T> firstInChain(const QString& styleId, F&& pick) const;
    QString chainName(const QString& styleId) const;

    QHash<QString, Style> m_styles;
    QString m_defaultParagraphStyle;
    int m_defaultHalfPoints = 20;
    bool m_defaultBold = false;
};

} // namespace hh
