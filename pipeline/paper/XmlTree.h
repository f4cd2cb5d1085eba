// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <memory>
#include <vector>

namespace hh {

// A small read-only element tree built with QXmlStreamReader. The importers walk
// JATS, PubMed and WordprocessingML documents, which is much clearer over a tree
// than over a token stream.
//
// Safety: QXmlStreamReader never fetches external entities or DTDs; internal
// entity expansion is capped by Qt (entityExpansionLimit); the builder also caps
// depth and node count so a hostile file cannot exhaust memory.
class XmlElement {
public:
    struct Attribute {
        QString name; // qualified name, e.g. "xlink:href"
        QString value;
    };
    // Mixed content: a child is either an element or a run of text.
    struct Node {
        std::unique_ptr<XmlElement> element;
        QString text;
    };

    QString name;      // qualified name as written ("article-title", "w:p", "mml:math")
    QString localName; // without prefix ("p" for "w:p")
    std::vector<Attribute> attributes;
    std::vector<Node> children;
    XmlElement* parent = nullptr;

    QString attr(const QString& qualifiedName) const;
    bool hasAttr(const QString& qualifiedName) const;

    // First direct child with that qualified name (nullptr when none).
    const XmlElement* child(const QString& qualifiedName) const;
    QList<const XmlElement*> childElements() const;
    QList<const XmlElement*> childElements(const QString& qualifiedName) const;
    // Follows a '/'-separated path of direct children: "front/article-meta/title-group".
    const XmlElement* path(const QString& slashPath) const;
    // First descendant (depth-first, pre-order) with the name, excluding this element.
    const XmlElement* firstDescendant(const QString& qualifiedName) const;
    QList<const XmlElement*> descendants(const QString& qualifiedName) const;

    // All text below this element, concatenated as written.
    QString text() const;
    // text() with whitespace collapsed and trimmed.
    QString simplifiedText() const;
};

struct XmlLimits {
    int maxDepth = 512;
    // The largest PMC articles (supplementary tables included) have a few hundred
    // thousand; each node costs ~200 bytes, so this bounds a tree near 200 MB.
    qint64 maxNodes = 1'000'000;
    // Text (and attribute values) may hold at most this many characters per byte of
    // input, plus a small allowance: only entity expansion makes text outgrow its file,
    // and entities just under Qt's per-entity limit, referenced many times, otherwise
    // turn a 400 KB file into gigabytes ("quadratic blowup").
    qint64 maxTextPerInputByte = 4;
};

Result<std::unique_ptr<XmlElement>> parseXmlTree(const QByteArray& data,
                                                 const XmlLimits& limits = {});

} // namespace hh
