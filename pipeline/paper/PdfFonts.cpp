// SPDX-License-Identifier: GPL-3.0-or-later
#include "PdfFonts.h"

#include <QRegularExpression>
#include <poppler-document.h>
#include <poppler-page.h>

namespace hh::pdf {

struct PdfFontReader::Document {
    QByteArray data; // poppler::document reads from these bytes while it lives
    std::unique_ptr<poppler::document> document;
};

bool isBoldFontName(const QString& name) {
    // Subset prefixes ("ABCDEF+") say nothing about the face.
    const QString face = name.section(QLatin1Char('+'), -1);
    static const QRegularExpression bold(
        QStringLiteral("bold|black|heavy|semibold|demibold|[-,_ .](demi|medi|medium|sb|bd|b|bi)$|"
                       "^cmbx|^cmb\\d|^cmssbx|^rm?bx|^bx"),
        QRegularExpression::CaseInsensitiveOption);
    return bold.match(face).hasMatch();
}

bool isItalicFontName(const QString& name) {
    const QString face = name.section(QLatin1Char('+'), -1);
    static const QRegularExpression italic(
        QStringLiteral("italic|oblique|[-,_ .](i|it|bi)$|^cmti|^cmsl|^cmbxti"),
        QRegularExpression::CaseInsensitiveOption);
    return italic.match(face).hasMatch();
}

PdfFontReader::PdfFontReader(const QByteArray& data, const QString& password)
    : m_document(std::make_unique<Document>()) {
    m_document->data = data;
    const std::string pw = password.toStdString();
    m_document->document.reset(poppler::document::load_from_raw_data(
        m_document->data.constData(), int(m_document->data.size()), pw, pw));
    if (m_document->document && m_document->document->is_locked())
        m_document->document.reset();
}

PdfFontReader::~PdfFontReader() = default;

QList<WordFont> PdfFontReader::page(int index) const {
    QList<WordFont> out;
    if (!m_document->document || index < 0 || index >= m_document->document->pages())
        return out;
    const std::unique_ptr<poppler::page> page(m_document->document->create_page(index));
    if (!page)
        return out;
    const std::vector<poppler::text_box> words =
        page->text_list(poppler::page::text_list_include_font);
    out.reserve(qsizetype(words.size()));
    for (const poppler::text_box& word : words) {
        const poppler::rectf box = word.bbox();
        WordFont font;
        font.box = QRectF(box.x(), box.y(), box.width(), box.height());
        if (word.has_font_info()) {
            font.size = word.get_font_size();
            const QString name = QString::fromStdString(word.get_font_name(0));
            font.bold = isBoldFontName(name);
            font.italic = isItalicFontName(name);
        }
        out.append(font);
    }
    return out;
}

} // namespace hh::pdf
