// SPDX-License-Identifier: GPL-3.0-or-later
#include "DocxBody.h"

#include "DocxStyles.h"
#include "TextUtil.h"
#include "XmlTree.h"

#include <QHash>
#include <QRegularExpression>
#include <optional>

namespace hh {

namespace {

constexpr double kEmuPerPixel = 9525.0; // 914400 EMU per inch at 96 px per inch

// Symbol-font code points (w:sym w:font="Symbol" w:char="F061") that papers use
// for Greek letters and maths; other symbol fonts (Wingdings) carry no text.
QString symbolFontChar(int code) {
    static const QHash<int, QChar> table = {
        {0x61, QChar(0x03B1)}, {0x62, QChar(0x03B2)}, {0x63, QChar(0x03C7)}, {0x64, QChar(0x03B4)},
        {0x65, QChar(0x03B5)}, {0x66, QChar(0x03C6)}, {0x67, QChar(0x03B3)}, {0x68, QChar(0x03B7)},
        {0x69, QChar(0x03B9)}, {0x6B, QChar(0x03BA)}, {0x6C, QChar(0x03BB)}, {0x6D, QChar(0x03BC)},
        {0x6E, QChar(0x03BD)}, {0x6F, QChar(0x03BF)}, {0x70, QChar(0x03C0)}, {0x71, QChar(0x03B8)},
        {0x72, QChar(0x03C1)}, {0x73, QChar(0x03C3)}, {0x74, QChar(0x03C4)}, {0x75, QChar(0x03C5)},
        {0x77, QChar(0x03C9)}, {0x78, QChar(0x03BE)}, {0x79, QChar(0x03C8)}, {0x7A, QChar(0x03B6)},
        {0x44, QChar(0x0394)}, {0x46, QChar(0x03A6)}, {0x47, QChar(0x0393)}, {0x4C, QChar(0x039B)},
        {0x50, QChar(0x03A0)}, {0x53, QChar(0x03A3)}, {0x57, QChar(0x03A9)}, {0x2D, QChar(0x2212)},
        {0xA3, QChar(0x2264)}, {0xB3, QChar(0x2265)}, {0xB1, QChar(0x00B1)}, {0xB4, QChar(0x00D7)},
        {0xB0, QChar(0x00B0)}, {0xB7, QChar(0x2022)}, {0xB9, QChar(0x2260)}, {0xBB, QChar(0x2248)},
        {0xAE, QChar(0x2192)}, {0xAC, QChar(0x2190)}, {0xD7, QChar(0x00B7)}, {0xA5, QChar(0x221E)},
        {0xD6, QChar(0x221A)}, {0xB6, QChar(0x2202)}, {0xE5, QChar(0x2211)}, {0xF2, QChar(0x222B)},
    };
    return table.contains(code) ? QString(table.value(code)) : QString();
}

QString symText(const XmlElement& sym) {
    bool ok = false;
    const int code = sym.attr(QStringLiteral("w:char")).toInt(&ok, 16);
    if (!ok || code <= 0)
        return {};
    const QString font = sym.attr(QStringLiteral("w:font")).toLower();
    // Symbol fonts address their glyphs in the private-use area F000-F0FF.
    const int low = code >= 0xF000 ? code - 0xF000 : code;
    if (font.contains(QLatin1String("symbol")))
        return symbolFontChar(low);
    if (code >= 0xE000 && code <= 0xF8FF)
        return {}; // Wingdings & co: pictographs without a text meaning
    return QString(QChar(code));
}

// "width:230pt;height:25pt" from a VML shape's style, in pixels.
double vmlLengthPx(const QString& style, const QString& property) {
    const QRegularExpression re(
        QStringLiteral("(?:^|;)\\s*%1\\s*:\\s*([0-9.]+)\\s*(pt|px|in|cm|mm)?").arg(property));
    const auto match = re.match(style);
    if (!match.hasMatch())
        return 0;
    const double value = match.captured(1).toDouble();
    const QString unit = match.captured(2);
    if (unit == QLatin1String("px"))
        return value;
    if (unit == QLatin1String("in"))
        return value * 96.0;
    if (unit == QLatin1String("cm"))
        return value * 96.0 / 2.54;
    if (unit == QLatin1String("mm"))
        return value * 96.0 / 25.4;
    return value * 96.0 / 72.0; // pt, VML's default unit
}

const XmlElement* chosenAlternative(const XmlElement& alternate) {
    // Word writes the modern form in mc:Choice and a VML copy in mc:Fallback;
    // reading both would count every picture twice.
    if (const auto* choice = alternate.child(QStringLiteral("mc:Choice")))
        return choice;
    return alternate.child(QStringLiteral("mc:Fallback"));
}

// State of one complex field (fldChar begin … separate … end).
struct Field {
    QString instruction;
    bool inResult = false;
};

class BodyReader {
public:
    explicit BodyReader(const DocxStyles& styles)
        : m_styles(styles) {}

    DocxBody read(const XmlElement& document) {
        if (const auto* body = document.child(QStringLiteral("w:body")))
            readBlockContainer(*body, -1);
        m_body.bodyHalfPoints = mostCommonSize();
        return std::move(m_body);
    }

private:
    struct RunFormat {
        bool bold = false;
        int halfPoints = 0;
        bool superscript = false;
        bool hidden = false;
    };

    // w:body, w:tc, w:sdtContent: a sequence of paragraphs and tables.
    void readBlockContainer(const XmlElement& container, int tableIndex) {
        for (const XmlElement* child : container.childElements()) {
            const QString& name = child->name;
            if (name == QLatin1String("w:p")) {
                m_body.blocks << readParagraph(*child, tableIndex);
            } else if (name == QLatin1String("w:tbl")) {
                readTable(*child, tableIndex >= 0 ? tableIndex : m_body.tables++);
            } else if (name == QLatin1String("w:sdt")) {
                if (const auto* content = child->child(QStringLiteral("w:sdtContent")))
                    readBlockContainer(*content, tableIndex);
            } else if (name == QLatin1String("w:customXml") || name == QLatin1String("w:ins") ||
                       name == QLatin1String("w:moveTo")) {
                readBlockContainer(*child, tableIndex);
            } else if (name == QLatin1String("mc:AlternateContent")) {
                if (const auto* chosen = chosenAlternative(*child))
                    readBlockContainer(*chosen, tableIndex);
            }
        }
    }

    void readTable(const XmlElement& table, int tableIndex) {
        for (const XmlElement* row : table.childElements()) {
            if (row->name == QLatin1String("w:tr")) {
                for (const XmlElement* cell : row->childElements()) {
                    if (cell->name == QLatin1String("w:tc"))
                        readBlockContainer(*cell, tableIndex);
                    else if (cell->name == QLatin1String("w:sdt") ||
                             cell->name == QLatin1String("w:customXml"))
                        readBlockContainer(*cell, tableIndex); // rare wrappers around cells
                }
            } else if (row->name == QLatin1String("w:sdt") ||
                       row->name == QLatin1String("w:customXml")) {
                readTable(row->child(QStringLiteral("w:sdtContent"))
                              ? *row->child(QStringLiteral("w:sdtContent"))
                              : *row,
                          tableIndex);
            }
        }
    }

    DocxBlock readParagraph(const XmlElement& p, int tableIndex) {
        m_block = DocxBlock{};
        m_block.tableIndex = tableIndex;
        m_boldChars = 0;
        m_visibleChars = 0;
        m_leadOpen = true;
        m_rawText.clear();
        m_rawNoSuper.clear();
        // A field whose result runs over several paragraphs (a Zotero bibliography)
        // stays open; an instruction never does, so a lost "separate" cannot hide the rest.
        m_fields.removeIf([](const Field& field) { return !field.inResult; });

        const XmlElement* pPr = p.child(QStringLiteral("w:pPr"));
        if (pPr) {
            if (const auto* style = pPr->child(QStringLiteral("w:pStyle")))
                m_block.styleId = style->attr(QStringLiteral("w:val"));
        }
        m_block.headingLevel = m_styles.headingLevel(m_block.styleId);
        if (pPr) {
            if (const auto* outline = pPr->child(QStringLiteral("w:outlineLvl"))) {
                const int level = outline->attr(QStringLiteral("w:val")).toInt();
                m_block.headingLevel = level >= 0 && level < 9 ? level + 1 : 0;
            }
        }
        m_block.titleStyle = m_styles.isTitle(m_block.styleId);
        m_block.subtitleStyle = m_styles.isSubtitle(m_block.styleId);
        m_block.captionStyle = m_styles.isCaption(m_block.styleId);

        readInline(p);

        m_block.text = cleanText(m_rawText);
        m_block.textWithoutSuperscript = cleanText(m_rawNoSuper);
        m_block.boldLead = cleanText(m_block.boldLead);
        m_block.allBold = m_visibleChars > 0 && m_boldChars == m_visibleChars;
        return m_block;
    }

    // Paragraph content: runs and the wrappers Word puts around them.
    void readInline(const XmlElement& parent) {
        for (const XmlElement* child : parent.childElements()) {
            const QString& name = child->name;
            if (name == QLatin1String("w:r")) {
                readRun(*child);
            } else if (name == QLatin1String("w:del") || name == QLatin1String("w:moveFrom") ||
                       name == QLatin1String("w:pPr")) {
                continue; // deleted tracked changes never show
            } else if (name == QLatin1String("w:sdt")) {
                if (const auto* content = child->child(QStringLiteral("w:sdtContent")))
                    readInline(*content);
            } else if (name == QLatin1String("mc:AlternateContent")) {
                if (const auto* chosen = chosenAlternative(*child))
                    readInline(*chosen);
            } else if (name == QLatin1String("m:oMath") || name == QLatin1String("m:oMathPara")) {
                readMath(*child);
            } else if (name == QLatin1String("w:hyperlink") || name == QLatin1String("w:ins") ||
                       name == QLatin1String("w:moveTo") || name == QLatin1String("w:smartTag") ||
                       name == QLatin1String("w:customXml") ||
                       name == QLatin1String("w:fldSimple") || name == QLatin1String("w:dir") ||
                       name == QLatin1String("w:bdo")) {
                readInline(*child); // w:fldSimple's children are the field result
            }
        }
    }

    void readMath(const XmlElement& math) {
        // Office Math: the m:t runs give a readable linear form ("x = 2").
        for (const XmlElement* t : math.descendants(QStringLiteral("m:t")))
            appendText(t->text(), RunFormat{});
    }

    RunFormat runFormat(const XmlElement* rPr) const {
        RunFormat format;
        QString charStyle;
        std::optional<bool> bold;
        if (rPr) {
            if (const auto* rStyle = rPr->child(QStringLiteral("w:rStyle")))
                charStyle = rStyle->attr(QStringLiteral("w:val"));
            bold = docxOnOff(rPr->child(QStringLiteral("w:b")));
            if (const auto* sz = rPr->child(QStringLiteral("w:sz")))
                format.halfPoints = sz->attr(QStringLiteral("w:val")).toInt();
            if (const auto* vert = rPr->child(QStringLiteral("w:vertAlign")))
                format.superscript =
                    vert->attr(QStringLiteral("w:val")) == QLatin1String("superscript");
            format.hidden = docxOnOff(rPr->child(QStringLiteral("w:vanish"))).value_or(false);
        }
        // Direct formatting wins over the character style, which wins over the paragraph style.
        if (!bold && !charStyle.isEmpty())
            bold = m_styles.bold(charStyle);
        if (!bold)
            bold = m_styles.bold(m_block.styleId);
        format.bold = bold.value_or(m_styles.defaultBold());
        if (format.halfPoints <= 0 && !charStyle.isEmpty())
            format.halfPoints = m_styles.halfPoints(charStyle);
        if (format.halfPoints <= 0)
            format.halfPoints = m_styles.halfPoints(m_block.styleId);
        if (format.halfPoints <= 0)
            format.halfPoints = m_styles.defaultHalfPoints();
        return format;
    }

    bool inFieldInstruction() const {
        for (const auto& field : m_fields) {
            if (!field.inResult)
                return true;
        }
        return false;
    }

    void readRun(const XmlElement& run) {
        const RunFormat format = runFormat(run.child(QStringLiteral("w:rPr")));
        for (const XmlElement* child : run.childElements()) {
            const QString& name = child->name;
            if (name == QLatin1String("w:fldChar")) {
                handleFieldChar(child->attr(QStringLiteral("w:fldCharType")));
            } else if (name == QLatin1String("w:instrText")) {
                if (!m_fields.isEmpty())
                    m_fields.last().instruction += child->text();
            } else if (name == QLatin1String("w:drawing")) {
                readDrawing(*child);
            } else if (name == QLatin1String("w:pict")) {
                readVml(*child);
            } else if (name == QLatin1String("mc:AlternateContent")) {
                if (const auto* chosen = chosenAlternative(*child))
                    readRun(*chosen);
            } else if (inFieldInstruction() || format.hidden) {
                continue; // the instruction's displayed result comes after "separate"
            } else if (name == QLatin1String("w:t")) {
                appendText(child->text(), format);
            } else if (name == QLatin1String("w:tab") || name == QLatin1String("w:ptab") ||
                       name == QLatin1String("w:br") || name == QLatin1String("w:cr")) {
                appendText(QStringLiteral(" "), format);
            } else if (name == QLatin1String("w:noBreakHyphen")) {
                appendText(QStringLiteral("-"), format);
            } else if (name == QLatin1String("w:sym")) {
                appendText(symText(*child), format);
            }
            // w:delText, w:footnoteReference, w:endnoteReference, w:commentReference,
            // w:object (OLE, e.g. old equations) carry no body text.
        }
    }

    void handleFieldChar(const QString& type) {
        if (type == QLatin1String("begin")) {
            m_fields.append(Field{});
        } else if (type == QLatin1String("separate")) {
            if (!m_fields.isEmpty() && !m_fields.last().inResult) {
                m_fields.last().inResult = true;
                recordInstruction(m_fields.last().instruction);
            }
        } else if (type == QLatin1String("end")) {
            if (!m_fields.isEmpty()) {
                if (!m_fields.last().inResult)
                    recordInstruction(m_fields.last().instruction);
                m_fields.removeLast();
            }
        }
    }

    void recordInstruction(const QString& instruction) {
        const QString trimmed = instruction.trimmed();
        if (!trimmed.isEmpty())
            m_body.fieldInstructions << trimmed;
    }

    void appendText(const QString& text, const RunFormat& format) {
        if (text.isEmpty())
            return;
        m_rawText += text;
        if (!format.superscript)
            m_rawNoSuper += text;
        int visible = 0;
        for (const QChar c : text) {
            if (!c.isSpace())
                ++visible;
        }
        if (visible == 0) {
            if (m_leadOpen && format.bold)
                m_block.boldLead += text;
            return;
        }
        m_visibleChars += visible;
        if (format.bold)
            m_boldChars += visible;
        if (m_leadOpen) {
            if (format.bold)
                m_block.boldLead += text;
            else
                m_leadOpen = false;
        }
        m_block.maxHalfPoints = std::max(m_block.maxHalfPoints, format.halfPoints);
        m_sizeHistogram[format.halfPoints] += visible;
    }

    void readDrawing(const XmlElement& drawing) {
        for (const XmlElement* frame : drawing.childElements()) {
            if (frame->name != QLatin1String("wp:inline") &&
                frame->name != QLatin1String("wp:anchor"))
                continue;
            double width = 0;
            double height = 0;
            if (const auto* extent = frame->child(QStringLiteral("wp:extent"))) {
                width = extent->attr(QStringLiteral("cx")).toDouble() / kEmuPerPixel;
                height = extent->attr(QStringLiteral("cy")).toDouble() / kEmuPerPixel;
            }
            if (!frame->descendants(QStringLiteral("c:chart")).isEmpty()) {
                ++m_block.charts;
                continue;
            }
            const auto blips = frame->descendants(QStringLiteral("a:blip"));
            for (const XmlElement* blip : blips) {
                DocxImage image;
                image.relationshipId = blip->attr(QStringLiteral("r:embed"));
                if (image.relationshipId.isEmpty()) {
                    image.relationshipId = blip->attr(QStringLiteral("r:link"));
                    image.linked = true;
                }
                if (image.relationshipId.isEmpty())
                    continue;
                image.widthPx = width;
                image.heightPx = height;
                // Pictures grouped in one frame each have their own size.
                if (blips.size() > 1)
                    applyGroupedPictureSize(*blip, image);
                m_block.images << image;
            }
        }
    }

    static void applyGroupedPictureSize(const XmlElement& blip, DocxImage& image) {
        for (const XmlElement* up = blip.parent; up; up = up->parent) {
            if (up->name != QLatin1String("pic:pic"))
                continue;
            if (const auto* ext = up->path(QStringLiteral("pic:spPr/a:xfrm/a:ext"))) {
                image.widthPx = ext->attr(QStringLiteral("cx")).toDouble() / kEmuPerPixel;
                image.heightPx = ext->attr(QStringLiteral("cy")).toDouble() / kEmuPerPixel;
            }
            return;
        }
    }

    void readVml(const XmlElement& pict) {
        for (const XmlElement* data : pict.descendants(QStringLiteral("v:imagedata"))) {
            DocxImage image;
            image.relationshipId = data->attr(QStringLiteral("r:id"));
            if (image.relationshipId.isEmpty())
                continue;
            if (data->parent) {
                const QString style = data->parent->attr(QStringLiteral("style"));
                image.widthPx = vmlLengthPx(style, QStringLiteral("width"));
                image.heightPx = vmlLengthPx(style, QStringLiteral("height"));
            }
            m_block.images << image;
        }
    }

    int mostCommonSize() const {
        int best = 0;
        qint64 bestCount = -1;
        for (auto it = m_sizeHistogram.constBegin(); it != m_sizeHistogram.constEnd(); ++it) {
            if (it.value() > bestCount) {
                best = it.key();
                bestCount = it.value();
            }
        }
        return best > 0 ? best : m_styles.defaultHalfPoints();
    }

    const DocxStyles& m_styles;
    DocxBody m_body;
    DocxBlock m_block;
    QString m_rawText;
    QString m_rawNoSuper;
    qint64 m_visibleChars = 0;
    qint64 m_boldChars = 0;
    bool m_leadOpen = true;
    QList<Field> m_fields;
    QHash<int, qint64> m_sizeHistogram;
};

} // namespace

DocxBody readDocxBody(const XmlElement& document, const DocxStyles& styles) {
    return BodyReader(styles).read(document);
}

} // namespace hh
