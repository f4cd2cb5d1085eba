// SPDX-License-Identifier: GPL-3.0-or-later
#include "XmlTree.h"

#include <QHash>
#include <QStringEncoder>
#include <QXmlStreamReader>
#include <algorithm>

namespace hh {

QString XmlElement::attr(const QString& qualifiedName) const {
    for (const auto& a : attributes) {
        if (a.name == qualifiedName)
            return a.value;
    }
    return {};
}

bool XmlElement::hasAttr(const QString& qualifiedName) const {
    for (const auto& a : attributes) {
        if (a.name == qualifiedName)
            return true;
    }
    return false;
}

const XmlElement* XmlElement::child(const QString& qualifiedName) const {
    for (const auto& node : children) {
        if (node.element && node.element->name == qualifiedName)
            return node.element.get();
    }
    return nullptr;
}

QList<const XmlElement*> XmlElement::childElements() const {
    QList<const XmlElement*> out;
    for (const auto& node : children) {
        if (node.element)
            out << node.element.get();
    }
    return out;
}

QList<const XmlElement*> XmlElement::childElements(const QString& qualifiedName) const {
    QList<const XmlElement*> out;
    for (const auto& node : children) {
        if (node.element && node.element->name == qualifiedName)
            out << node.element.get();
    }
    return out;
}

const XmlElement* XmlElement::path(const QString& slashPath) const {
    const XmlElement* current = this;
    for (const auto& part : slashPath.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        current = current->child(part);
        if (!current)
            return nullptr;
    }
    return current;
}

const XmlElement* XmlElement::firstDescendant(const QString& qualifiedName) const {
    for (const auto& node : children) {
        if (!node.element)
            continue;
        if (node.element->name == qualifiedName)
            return node.element.get();
        if (const auto* found = node.element->firstDescendant(qualifiedName))
            return found;
    }
    return nullptr;
}

namespace {
void collectDescendants(const XmlElement& element, const QString& name,
                        QList<const XmlElement*>& out) {
    for (const auto& node : element.children) {
        if (!node.element)
            continue;
        if (node.element->name == name)
            out << node.element.get();
        collectDescendants(*node.element, name, out);
    }
}

void collectText(const XmlElement& element, QString& out) {
    for (const auto& node : element.children) {
        if (node.element)
            collectText(*node.element, out);
        else
            out += node.text;
    }
}

// Entities that JATS and PubMed files use without declaring them (their DTD is
// external and deliberately never loaded).
QString knownEntity(const QString& name) {
    static const QHash<QString, QString> table = {
        {QStringLiteral("nbsp"), QStringLiteral("\u00A0")},
        {QStringLiteral("ndash"), QStringLiteral("\u2013")},
        {QStringLiteral("mdash"), QStringLiteral("\u2014")},
        {QStringLiteral("hellip"), QStringLiteral("\u2026")},
        {QStringLiteral("lsquo"), QStringLiteral("\u2018")},
        {QStringLiteral("rsquo"), QStringLiteral("\u2019")},
        {QStringLiteral("ldquo"), QStringLiteral("\u201C")},
        {QStringLiteral("rdquo"), QStringLiteral("\u201D")},
        {QStringLiteral("plusmn"), QStringLiteral("\u00B1")},
        {QStringLiteral("times"), QStringLiteral("\u00D7")},
        {QStringLiteral("deg"), QStringLiteral("\u00B0")},
        {QStringLiteral("micro"), QStringLiteral("\u00B5")},
        {QStringLiteral("le"), QStringLiteral("\u2264")},
        {QStringLiteral("ge"), QStringLiteral("\u2265")},
        {QStringLiteral("alpha"), QStringLiteral("\u03B1")},
        {QStringLiteral("beta"), QStringLiteral("\u03B2")},
        {QStringLiteral("gamma"), QStringLiteral("\u03B3")},
        {QStringLiteral("mu"), QStringLiteral("\u03BC")},
        {QStringLiteral("copy"), QStringLiteral("\u00A9")},
        {QStringLiteral("reg"), QStringLiteral("\u00AE")},
        {QStringLiteral("trade"), QStringLiteral("\u2122")},
    };
    return table.value(name);
}
} // namespace

QList<const XmlElement*> XmlElement::descendants(const QString& qualifiedName) const {
    QList<const XmlElement*> out;
    collectDescendants(*this, qualifiedName, out);
    return out;
}

QString XmlElement::text() const {
    QString out;
    collectText(*this, out);
    return out;
}

QString XmlElement::simplifiedText() const {
    return text().simplified();
}

namespace {

// The text that the internal DTD subset's entities could add: each declared
// entity's replacement (nested ones are capped by the reader's expansion limit)
// times how often the file mentions it. QXmlStreamReader expands internal
// entities before it hands over the text, so this is the only point at which a
// "quadratic blowup" (one long entity referenced 100 000 times) can be refused
// before it has taken the memory. References are counted in the document's own
// encoding.
qint64 potentialExpansion(const QXmlStreamReader& reader, const QByteArray& data) {
    const auto declarations = reader.entityDeclarations();
    if (declarations.isEmpty())
        return 0;
    QByteArray encoding = reader.documentEncoding().toLatin1();
    if (data.startsWith("\xFF\xFE"))
        encoding = "UTF-16LE";
    else if (data.startsWith("\xFE\xFF"))
        encoding = "UTF-16BE";
    QStringEncoder encoder(encoding.isEmpty() ? "UTF-8" : encoding.constData());
    if (!encoder.isValid())
        encoder = QStringEncoder(QStringEncoder::Utf8);
    qint64 total = 0;
    for (const QXmlStreamEntityDeclaration& entity : declarations) {
        if (!entity.systemId().isEmpty() || !entity.publicId().isEmpty())
            continue; // external: never loaded
        const qint64 each =
            entity.value().contains(QLatin1Char('&'))
                ? std::max<qint64>(reader.entityExpansionLimit(), entity.value().size())
                : entity.value().size();
        const QByteArray reference = encoder.encode(QStringLiteral("&%1;").arg(entity.name()));
        total += each * data.count(reference);
    }
    return total;
}

} // namespace

Result<std::unique_ptr<XmlElement>> parseXmlTree(const QByteArray& data, const XmlLimits& limits) {
    QXmlStreamReader reader(data);
    reader.setNamespaceProcessing(false); // keep "w:p", "xlink:href" as written
    std::unique_ptr<XmlElement> root;
    XmlElement* current = nullptr;
    int depth = 0;
    qint64 nodes = 0;
    qint64 textChars = 0;
    const qint64 maxTextChars = data.size() * limits.maxTextPerInputByte + 1024 * 1024;
    const auto expandsTooMuch = [] {
        return Result<std::unique_ptr<XmlElement>>::failure(
            ErrorType::TooLarge,
            QStringLiteral("the XML expands to far more text than the file holds (entity "
                           "expansion); refusing it"));
    };

    while (!reader.atEnd()) {
        const auto token = reader.readNext();
        switch (token) {
        case QXmlStreamReader::StartElement: {
            if (++depth > limits.maxDepth)
                return Result<std::unique_ptr<XmlElement>>::failure(
                    ErrorType::BadXml,
                    QStringLiteral("the XML nests deeper than %1 levels").arg(limits.maxDepth));
            if (++nodes > limits.maxNodes)
                return Result<std::unique_ptr<XmlElement>>::failure(
                    ErrorType::TooLarge,
                    QStringLiteral("the XML has more than %1 elements").arg(limits.maxNodes));
            auto element = std::make_unique<XmlElement>();
            element->name = reader.qualifiedName().toString();
            element->localName = reader.name().toString();
            const auto attrs = reader.attributes();
            element->attributes.reserve(attrs.size());
            for (const auto& a : attrs) {
                if ((textChars += a.value().size()) > maxTextChars)
                    return expandsTooMuch();
                element->attributes.push_back({a.qualifiedName().toString(), a.value().toString()});
            }
            element->parent = current;
            XmlElement* raw = element.get();
            if (!current) {
                if (root) // a second root element: not well-formed, the reader reports it
                    break;
                root = std::move(element);
            } else {
                current->children.push_back({std::move(element), {}});
            }
            current = raw;
            break;
        }
        case QXmlStreamReader::EndElement:
            --depth;
            if (current)
                current = current->parent;
            break;
        case QXmlStreamReader::Characters:
            if (current && !reader.isComment()) {
                if (++nodes > limits.maxNodes)
                    return Result<std::unique_ptr<XmlElement>>::failure(
                        ErrorType::TooLarge, QStringLiteral("the XML has too many text nodes"));
                if ((textChars += reader.text().size()) > maxTextChars)
                    return expandsTooMuch();
                // Merge adjacent text runs so CDATA and entity boundaries do not split words.
                if (!current->children.empty() && !current->children.back().element)
                    current->children.back().text += reader.text();
                else
                    current->children.push_back({nullptr, reader.text().toString()});
            }
            break;
        case QXmlStreamReader::EntityReference:
            if (current) {
                const QString value = knownEntity(reader.name().toString());
                if (!value.isEmpty()) {
                    if (!current->children.empty() && !current->children.back().element)
                        current->children.back().text += value;
                    else
                        current->children.push_back({nullptr, value});
                }
            }
            break;
        case QXmlStreamReader::DTD:
            if (potentialExpansion(reader, data) > maxTextChars)
                return expandsTooMuch();
            break;
        default:
            break;
        }
    }
    if (reader.hasError()) {
        // Undeclared entities from an external DTD are reported as errors by some Qt
        // versions; everything else means the file is not well-formed XML.
        return Result<std::unique_ptr<XmlElement>>::failure(
            ErrorType::BadXml, QStringLiteral("the XML is not well-formed (line %1, column %2: %3)")
                                   .arg(reader.lineNumber())
                                   .arg(reader.columnNumber())
                                   .arg(reader.errorString()));
    }
    if (!root)
        return Result<std::unique_ptr<XmlElement>>::failure(
            ErrorType::BadXml, QStringLiteral("the file contains no XML element"));
    return Result<std::unique_ptr<XmlElement>>(std::move(root));
}

} // namespace hh
