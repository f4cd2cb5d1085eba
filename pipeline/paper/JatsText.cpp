// SPDX-License-Identifier: GPL-3.0-or-later
#include "JatsText.h"

#include "TextUtil.h"

#include <QRegularExpression>
#include <QSet>

namespace hh::jats {

namespace {

// Elements that start a new visual block, so their text must not run into a neighbour's.
bool isBlock(const QString& localName) {
    static const QSet<QString> blocks = {
        QStringLiteral("p"),           QStringLiteral("title"),      QStringLiteral("label"),
        QStringLiteral("sec"),         QStringLiteral("list"),       QStringLiteral("list-item"),
        QStringLiteral("break"),       QStringLiteral("disp-quote"), QStringLiteral("boxed-text"),
        QStringLiteral("def-list"),    QStringLiteral("def-item"),   QStringLiteral("term"),
        QStringLiteral("def"),         QStringLiteral("caption"),    QStringLiteral("attrib"),
        QStringLiteral("statement"),   QStringLiteral("verse-line"), QStringLiteral("addr-line"),
        QStringLiteral("institution"), QStringLiteral("country"),    QStringLiteral("speech"),
        QStringLiteral("speaker"),
    };
    return blocks.contains(localName);
}

// A superscript that only holds citation links ("…as shown<sup>12,13</sup>") would
// glue numbers onto words in the narration, so it is left out.
bool isSuperscriptCitation(const XmlElement& sup) {
    if (sup.localName != QLatin1String("sup"))
        return false;
    bool sawCitation = false;
    static const QRegularExpression separators(
        QStringLiteral("^[\\s,;\\-\\x{2013}\\x{2014}\\[\\]()]*$"));
    for (const auto& node : sup.children) {
        if (!node.element) {
            if (!separators.match(node.text).hasMatch())
                return false;
            continue;
        }
        if (node.element->localName != QLatin1String("xref") ||
            node.element->attr(QStringLiteral("ref-type")) != QLatin1String("bibr"))
            return false;
        sawCitation = true;
    }
    return sawCitation;
}

// <alternatives> holds the same content several times (MathML, TeX, image): read one.
const XmlElement* preferredAlternative(const XmlElement& alternatives) {
    const auto options = alternatives.childElements();
    for (const auto* option : options) {
        if (option->localName == QLatin1String("math"))
            return option;
    }
    for (const auto* option : options) {
        if (!isDroppedInText(option->localName))
            return option;
    }
    return nullptr;
}

void appendFlattened(const XmlElement& element, QString& out) {
    for (const auto& node : element.children) {
        if (!node.element) {
            out += node.text;
            continue;
        }
        const XmlElement& child = *node.element;
        if (isDroppedInText(child.localName) || isSuperscriptCitation(child)) {
            out += QLatin1Char(' ');
            continue;
        }
        if (child.localName == QLatin1String("alternatives")) {
            if (const auto* chosen = preferredAlternative(child))
                appendFlattened(*chosen, out);
            continue;
        }
        const bool block = isBlock(child.localName);
        if (block)
            out += QLatin1Char(' ');
        appendFlattened(child, out);
        if (block)
            out += QLatin1Char(' ');
    }
}

bool endsSentence(const QString& text) {
    if (text.isEmpty())
        return true;
    const QChar last = text.back();
    return last == QLatin1Char('.') || last == QLatin1Char('?') || last == QLatin1Char('!') ||
           last == QLatin1Char(':');
}

} // namespace

// Objects that float outside the running text, and markup that is only noise in
// prose (TeX twins of MathML, DOI anchors of eLife abstracts, footnote bodies).
bool isDroppedInText(const QString& localName) {
    static const QSet<QString> dropped = {
        QStringLiteral("fig"),
        QStringLiteral("fig-group"),
        QStringLiteral("table-wrap"),
        QStringLiteral("table-wrap-group"),
        QStringLiteral("table"),
        QStringLiteral("disp-formula"),
        QStringLiteral("disp-formula-group"),
        QStringLiteral("supplementary-material"),
        QStringLiteral("media"),
        QStringLiteral("graphic"),
        QStringLiteral("inline-graphic"),
        QStringLiteral("object-id"),
        QStringLiteral("tex-math"),
        QStringLiteral("annotation"),
        QStringLiteral("annotation-xml"),
        QStringLiteral("fn"),
        QStringLiteral("processing-meta"),
    };
    return dropped.contains(localName);
}

QString flatten(const XmlElement& element) {
    QString out;
    appendFlattened(element, out);
    return cleanText(out);
}

QString flatten(const XmlElement* element) {
    return element ? flatten(*element) : QString();
}

QString flattenAffiliation(const XmlElement& aff) {
    QString out;
    bool previousWasElement = false;
    for (const auto& node : aff.children) {
        if (!node.element) {
            out += node.text;
            if (!node.text.trimmed().isEmpty())
                previousWasElement = false;
            continue;
        }
        const QString& name = node.element->localName;
        if (name == QLatin1String("label") || name == QLatin1String("sup") || isDroppedInText(name))
            continue;
        const QString part = flatten(*node.element);
        if (part.isEmpty())
            continue;
        if (previousWasElement)
            out += QStringLiteral(", ");
        out += part;
        previousWasElement = true;
    }
    QString line = cleanText(out);
    static const QRegularExpression edgePunctuation(QStringLiteral("^[\\s,;]+|[\\s,;]+$"));
    line.remove(edgePunctuation);
    return line;
}

QString flattenCaption(const XmlElement& caption) {
    QString title = flatten(caption.child(QStringLiteral("title")));
    QStringList parts;
    if (!title.isEmpty()) {
        if (!endsSentence(title))
            title += QLatin1Char('.');
        parts << title;
    }
    for (const auto* child : caption.childElements()) {
        if (child->localName == QLatin1String("title"))
            continue;
        const QString text = flatten(*child);
        if (!text.isEmpty())
            parts << text;
    }
    if (parts.isEmpty()) // captions without <p>: text directly in <caption>
        return flatten(caption);
    return parts.join(QLatin1Char(' '));
}

int plausibleYear(const QString& text) {
    static const QRegularExpression fourDigits(QStringLiteral("(?<!\\d)(\\d{4})(?!\\d)"));
    auto it = fourDigits.globalMatch(text);
    while (it.hasNext()) {
        const int year = it.next().captured(1).toInt();
        if (year >= 1600 && year <= 2100)
            return year;
    }
    return 0;
}

} // namespace hh::jats
