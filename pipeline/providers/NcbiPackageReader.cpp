// SPDX-License-Identifier: GPL-3.0-or-later
#include "NcbiPackageReader.h"

#define ZLIB_CONST
#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <zlib.h>

namespace hh {

namespace {

constexpr qint64 kBlock = 512;
constexpr qint64 kMaxNameBytes = 64 * 1024; // GNU long names and pax headers

// Inflates a gzip stream held in memory on demand, so the tar reader can skip the
// members it does not want without ever holding the whole unpacked archive.
class GzipStream {
public:
    explicit GzipStream(const QByteArray& input)
        : m_input(input) {
        m_z.next_in = reinterpret_cast<const Bytef*>(m_input.constData());
        m_z.avail_in = uInt(std::min<qint64>(m_input.size(), std::numeric_limits<uInt>::max()));
        // 16 + MAX_WBITS: a gzip header and trailer, with their CRC checked by zlib.
        m_ready = inflateInit2(&m_z, 16 + MAX_WBITS) == Z_OK;
        if (!m_ready)
            m_error = QStringLiteral("zlib could not start");
    }
    ~GzipStream() {
        if (m_ready)
            inflateEnd(&m_z);
    }
    GzipStream(const GzipStream&) = delete;
    GzipStream& operator=(const GzipStream&) = delete;

    // Copies exactly `n` bytes to `out` (or drops them when `out` is null).
    bool read(char* out, qint64 n) {
        while (n > 0) {
            if (m_pos == m_length && !fill())
                return false;
            const qint64 take = std::min(n, m_length - m_pos);
            if (out) {
                std::memcpy(out, m_buffer.constData() + m_pos, size_t(take));
                out += take;
            }
            m_pos += take;
            n -= take;
        }
        return true;
    }
    bool skip(qint64 n) { return read(nullptr, n); }
    // True once the whole input was inflated and consumed without error.
    bool finished() const { return m_finished && m_pos == m_length; }
    QString error() const { return m_error; }

private:
    bool fill() {
        if (!m_ready || m_finished || !m_error.isEmpty())
            return false;
        m_pos = 0;
        m_length = 0;
        while (m_length == 0) {
            m_z.next_out = reinterpret_cast<Bytef*>(m_buffer.data());
            m_z.avail_out = uInt(m_buffer.size());
            const int status = inflate(&m_z, Z_NO_FLUSH);
            m_length = qint64(m_buffer.size()) - m_z.avail_out;
            if (status == Z_STREAM_END) {
                // gzip allows several members one after the other.
                if (m_z.avail_in > 0 && inflateReset(&m_z) == Z_OK)
                    continue;
                m_finished = true;
                return m_length > 0;
            }
            if (status == Z_BUF_ERROR && m_z.avail_in == 0) {
                m_error = QStringLiteral("the package is cut off");
                return m_length > 0;
            }
            if (status != Z_OK && status != Z_BUF_ERROR) {
                m_error = QStringLiteral("the package is not a valid .tar.gz (%1)")
                              .arg(QString::fromLatin1(m_z.msg ? m_z.msg : "bad data"));
                return false;
            }
        }
        return true;
    }

    QByteArray m_input;
    z_stream m_z{};
    bool m_ready = false;
    bool m_finished = false;
    QString m_error;
    QByteArray m_buffer = QByteArray(64 * 1024, Qt::Uninitialized);
    qint64 m_pos = 0;
    qint64 m_length = 0;
};

struct TarHeader {
    QString path;
    char type = '0';
    qint64 size = 0;
};

// Numeric fields are octal text, space/NUL terminated; GNU tar writes large
// values as big-endian binary with the top bit of the first byte set.
bool parseNumber(const char* field, int width, qint64* value) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(field);
    if (bytes[0] & 0x80) {
        qint64 result = bytes[0] & 0x7f;
        for (int i = 1; i < width; ++i) {
            if (result > (std::numeric_limits<qint64>::max() >> 8))
                return false;
            result = (result << 8) | bytes[i];
        }
        *value = result;
        return true;
    }
    qint64 result = 0;
    int i = 0;
    while (i < width && field[i] == ' ')
        ++i;
    for (; i < width && field[i] >= '0' && field[i] <= '7'; ++i) {
        if (result > (std::numeric_limits<qint64>::max() >> 3))
            return false;
        result = result * 8 + (field[i] - '0');
    }
    *value = result;
    return true;
}

QString fieldText(const char* field, int width) {
    const auto length = qsizetype(strnlen(field, size_t(width)));
    return QString::fromUtf8(field, length);
}

bool checksumMatches(const char* block) {
    qint64 stored = 0;
    if (!parseNumber(block + 148, 8, &stored))
        return false;
    qint64 sum = 0;
    for (int i = 0; i < kBlock; ++i) {
        const bool inChecksumField = i >= 148 && i < 156;
        sum += inChecksumField ? ' ' : reinterpret_cast<const unsigned char*>(block)[i];
    }
    return sum == stored;
}

bool isZeroBlock(const char* block) {
    return std::all_of(block, block + kBlock, [](char c) { return c == 0; });
}

// pax records are "<length> <key>=<value>\n"; only the path matters here.
QString paxPath(const QByteArray& records) {
    QString path;
    qsizetype pos = 0;
    while (pos < records.size()) {
        const qsizetype space = records.indexOf(' ', pos);
        if (space < 0)
            break;
        bool ok = false;
        const qint64 length = records.mid(pos, space - pos).toLongLong(&ok);
        // Compared as a remainder, since pos + length overflows on a hostile length.
        // A record covers at least its own length digits, the space and the newline.
        if (!ok || length < space - pos + 2 || length > records.size() - pos)
            break;
        const QByteArray record = records.mid(space + 1, pos + length - space - 2);
        if (record.startsWith("path="))
            path = QString::fromUtf8(record.mid(5));
        pos += length;
    }
    return path;
}

Error damaged(const QString& why) {
    return {ErrorType::Unsupported, QStringLiteral("the PMC package is damaged: %1").arg(why)};
}

} // namespace

NcbiPackageReader::NcbiPackageReader(PackageLimits limits)
    : m_limits(limits) {}

bool NcbiPackageReader::isSafeMemberPath(const QString& path) {
    if (path.isEmpty() || path.startsWith(QLatin1Char('/')) || path.contains(QLatin1Char('\\')) ||
        path.contains(QChar(0)))
        return false;
    if (path.size() >= 2 && path.at(1) == QLatin1Char(':')) // "C:…"
        return false;
    const QStringList steps = path.split(QLatin1Char('/'));
    return std::none_of(steps.begin(), steps.end(),
                        [](const QString& step) { return step == QLatin1String(".."); });
}

Result<PackageContents> NcbiPackageReader::read(const QByteArray& tarGz, const Filter& wanted,
                                                const std::atomic_bool* cancel) const {
    using R = Result<PackageContents>;
    if (!tarGz.startsWith("\x1f\x8b"))
        return R::failure(ErrorType::Unsupported,
                          QStringLiteral("the PMC package is not a .tar.gz file"));
    GzipStream stream(tarGz);
    PackageContents contents;
    qint64 unpacked = 0;
    QString nextPath; // from a GNU long-name or pax header, for the entry that follows
    std::array<char, kBlock> block{};

    while (true) {
        if (cancel && cancel->load())
            return R::failure(ErrorType::Cancelled, QStringLiteral("cancelled"));
        if (!stream.read(block.data(), kBlock)) {
            if (stream.finished())
                break; // no end-of-archive blocks: tolerated, as GNU tar does
            return damaged(stream.error().isEmpty() ? QStringLiteral("it ends inside an entry")
                                                    : stream.error());
        }
        if (isZeroBlock(block.data()))
            break;
        if (!checksumMatches(block.data()))
            return damaged(QStringLiteral("a tar header has a wrong checksum"));
        if (++contents.members > m_limits.maxMembers)
            return R::failure(ErrorType::TooLarge,
                              QStringLiteral("the PMC package holds more than %1 files")
                                  .arg(m_limits.maxMembers));
        TarHeader header;
        if (!parseNumber(block.data() + 124, 12, &header.size) || header.size < 0)
            return damaged(QStringLiteral("a tar header has an unreadable size"));
        // Checked before adding: a GNU base-256 size reaches 2^63 - 1, and the
        // sum would overflow instead of passing the limit.
        if (header.size > m_limits.maxUnpackedBytes - unpacked)
            return R::failure(ErrorType::TooLarge,
                              QStringLiteral("the PMC package unpacks to more than %1 MB")
                                  .arg(m_limits.maxUnpackedBytes / (1024 * 1024)));
        unpacked += header.size;
        header.type = block[156];
        const bool ustar = std::memcmp(block.data() + 257, "ustar", 5) == 0;
        const QString prefix = ustar ? fieldText(block.data() + 345, 155) : QString();
        const QString name = fieldText(block.data(), 100);
        header.path = prefix.isEmpty() ? name : prefix + QLatin1Char('/') + name;
        if (!nextPath.isEmpty()) {
            header.path = nextPath;
            nextPath.clear();
        }
        const qint64 padding = (kBlock - header.size % kBlock) % kBlock;

        if (header.type == 'L' || header.type == 'x') {
            if (header.size > kMaxNameBytes)
                return damaged(QStringLiteral("a member name is longer than 64 KB"));
            QByteArray data(header.size, Qt::Uninitialized);
            if (!stream.read(data.data(), header.size) || !stream.skip(padding))
                return damaged(QStringLiteral("it ends inside an entry"));
            nextPath =
                header.type == 'L'
                    ? QString::fromUtf8(data.constData(),
                                        qsizetype(strnlen(data.constData(), size_t(data.size()))))
                    : paxPath(data);
            continue;
        }
        const bool regularFile = header.type == '0' || header.type == '\0' || header.type == '7';
        bool keep = false;
        if (regularFile) {
            if (!isSafeMemberPath(header.path))
                contents.unsafePaths << header.path;
            else
                keep = wanted && wanted(header.path);
        }
        if (keep) {
            PackageMember member{header.path, QByteArray(header.size, Qt::Uninitialized)};
            if (!stream.read(member.data.data(), header.size))
                return damaged(QStringLiteral("it ends inside %1").arg(header.path));
            contents.files << member;
        } else if (!stream.skip(header.size)) {
            return damaged(QStringLiteral("it ends inside %1").arg(header.path));
        }
        if (!stream.skip(padding))
            return damaged(QStringLiteral("it ends inside %1").arg(header.path));
    }
    return contents;
}

} // namespace hh
