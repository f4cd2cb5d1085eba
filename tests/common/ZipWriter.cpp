// SPDX-License-Identifier: GPL-3.0-or-later
#include "ZipWriter.h"

#include <QtEndian>
#include <array>

namespace hh::test {

namespace {

void put16(QByteArray& out, quint16 v) {
    char b[2];
    qToLittleEndian(v, b);
    out.append(b, 2);
}

void put32(QByteArray& out, quint32 v) {
    char b[4];
    qToLittleEndian(v, b);
    out.append(b, 4);
}

// Deflate writes bit fields least significant bit first; Huffman codes go most
// significant bit first, so they are reversed before writing.
class BitWriter {
public:
    void bits(quint32 value, int count) {
        for (int i = 0; i < count; ++i) {
            if ((value >> i) & 1u)
                m_byte |= quint8(1u << m_used);
            if (++m_used == 8)
                flush();
        }
    }
    void code(quint32 code, int count) {
        quint32 reversed = 0;
        for (int i = 0; i < count; ++i)
            reversed |= ((code >> i) & 1u) << (count - 1 - i);
        bits(reversed, count);
    }
    QByteArray finish() {
        if (m_used > 0)
            flush();
        return m_out;
    }

private:
    void flush() {
        m_out.append(char(m_byte));
        m_byte = 0;
        m_used = 0;
    }
    QByteArray m_out;
    quint8 m_byte = 0;
    int m_used = 0;
};

} // namespace

quint32 crc32Of(const QByteArray& data) {
    static const auto table = [] {
        std::array<quint32, 256> t{};
        for (quint32 i = 0; i < 256; ++i) {
            quint32 c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    quint32 crc = 0xFFFFFFFFu;
    for (const char byte : data)
        crc = table[(crc ^ static_cast<quint8>(byte)) & 0xFFu] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

QByteArray deflatedZeros(qint64 bytes) {
    BitWriter out;
    out.bits(1, 1); // BFINAL
    out.bits(1, 2); // fixed Huffman codes
    if (bytes > 0) {
        out.code(0x30, 8); // literal 0
        --bytes;
    }
    for (; bytes >= 258; bytes -= 258) {
        out.code(0xC5, 8); // length 258 (code 285)
        out.code(0, 5);    // distance 1
    }
    for (; bytes > 0; --bytes)
        out.code(0x30, 8);
    out.code(0, 7); // end of block
    return out.finish();
}

void ZipWriter::add(const QString& name, const QByteArray& data, qint64 declaredSize) {
    // qCompress gives a zlib stream behind a 4-byte length; zip wants the raw deflate inside it.
    const QByteArray zlib = qCompress(data, 6);
    addDeflated(name, zlib.mid(4 + 2, zlib.size() - 4 - 2 - 4),
                static_cast<quint32>(declaredSize >= 0 ? declaredSize : data.size()),
                crc32Of(data));
}

void ZipWriter::addDeflated(const QString& name, const QByteArray& deflated, quint32 size,
                            quint32 crc) {
    const QByteArray utf8 = name.toUtf8();
    const quint32 offset = static_cast<quint32>(m_data.size());

    put32(m_data, 0x04034b50);
    put16(m_data, 20);
    put16(m_data, 0x0800); // UTF-8 names
    put16(m_data, 8);      // deflate
    put16(m_data, 0);
    put16(m_data, 0x21);
    put32(m_data, crc);
    put32(m_data, static_cast<quint32>(deflated.size()));
    put32(m_data, size);
    put16(m_data, static_cast<quint16>(utf8.size()));
    put16(m_data, 0);
    m_data += utf8;
    m_data += deflated;

    put32(m_central, 0x02014b50);
    put16(m_central, 20);
    put16(m_central, 20);
    put16(m_central, 0x0800);
    put16(m_central, 8);
    put16(m_central, 0);
    put16(m_central, 0x21);
    put32(m_central, crc);
    put32(m_central, static_cast<quint32>(deflated.size()));
    put32(m_central, size);
    put16(m_central, static_cast<quint16>(utf8.size()));
    put16(m_central, 0);
    put16(m_central, 0);
    put16(m_central, 0);
    put16(m_central, 0);
    put32(m_central, 0);
    put32(m_central, offset);
    m_central += utf8;
    ++m_count;
}

QByteArray ZipWriter::finish() const {
    QByteArray out = m_data + m_central;
    put32(out, 0x06054b50);
    put16(out, 0);
    put16(out, 0);
    put16(out, static_cast<quint16>(m_count));
    put16(out, static_cast<quint16>(m_count));
    put32(out, static_cast<quint32>(m_central.size()));
    put32(out, static_cast<quint32>(m_data.size()));
    put16(out, 0);
    return out;
}

} // namespace hh::test
