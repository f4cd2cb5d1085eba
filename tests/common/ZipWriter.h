// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace hh::test {

quint32 crc32Of(const QByteArray& data);

// A minimal zip writer, so broken and hostile packages (DOCX) can be made at test
// time instead of being committed.
class ZipWriter {
public:
    // Deflates `data`. `declaredSize` >= 0 writes a lying uncompressed size into the headers.
    void add(const QString& name, const QByteArray& data, qint64 declaredSize = -1);
    // An entry whose raw deflate stream is given, with whatever size and CRC the
    // headers should claim (zip bombs too big to hold uncompressed).
    void addDeflated(const QString& name, const QByteArray& rawDeflate, quint32 declaredSize,
                     quint32 crc);
    QByteArray finish() const;

private:
    QByteArray m_data;
    QByteArray m_central;
    int m_count = 0;
};

// A raw deflate stream that inflates to `bytes` zero bytes (≈ 160:1), built without
// ever holding the inflated data.
QByteArray deflatedZeros(qint64 bytes);

} // namespace hh::test
