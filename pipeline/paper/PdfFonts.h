// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QRectF>
#include <QString>
#include <memory>

namespace hh::pdf {

// The font of one word as Poppler's C++ frontend reports it: the Qt frontend
// gives boxes and text only, and a heading set in bold at body size looks like
// body text without this.
struct WordFont {
    QRectF box; // points, origin top-left
    double size = 0;
    bool bold = false;
    bool italic = false;
};

// Whether a font name ("ABCDEF+Times-Bold", "CMBX10", "NimbusRomNo9L-Medi")
// names a bold face.
bool isBoldFontName(const QString& name);
bool isItalicFontName(const QString& name);

// Opens the same PDF bytes with the C++ frontend and reads the fonts of each
// page's words on demand. Pages that cannot be read give an empty list.
class PdfFontReader {
public:
    PdfFontReader(const QByteArray& data, const QString& password);
    ~PdfFontReader();
    PdfFontReader(const PdfFontReader&) = delete;
    PdfFontReader& operator=(const PdfFontReader&) = delete;

    QList<WordFont> page(int index) const;

private:
    struct Document;
    std::unique_ptr<Document> m_document;
};

} // namespace hh::pdf
