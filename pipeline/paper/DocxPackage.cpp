// SPDX-License-Identifier: GPL-3.0-or-later
#include "DocxPackage.h"

#include <QBuffer>
#include <QHash>
#include <algorithm>
#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipfileinfo.h>
#include <quazip/unzip.h>

namespace hh {

namespace {

// Real DOCX parts compress about 5-15x (XML) and 1x (images). Anything that
// claims to shrink more than 100x and is big enough to matter is a bomb.
constexpr double kSuspiciousRatio = 100.0;
constexpr qint64 kRatioCheckMinBytes = 1024 * 1024;
// Word writes a few dozen parts; tens of thousands only serve to exhaust memory.
constexpr int kMaxEntries = 10'000;
constexpr qint64 kReadChunk = 64 * 1024;
constexpr quint16 kEncryptedFlag = 0x0001;
constexpr quint16 kMethodStored = 0;
constexpr quint16 kMethodDeflated = 8;

struct Entry {
    QString name;
    qint64 declaredSize = 0;
    qint64 compressedSize = 0;
    quint16 flags = 0;
    quint16 method = 0;
};

QString notADocx(const QString& fileName) {
    return QStringLiteral("%1 is not a valid DOCX (Word) file; re-save it from Word/LibreOffice")
        .arg(fileName);
}

QString megabytes(qint64 bytes) {
    return QString::number(static_cast<double>(bytes) / (1024.0 * 1024.0), 'f', 1);
}

} // namespace

struct DocxPackage::Impl {
    QString fileName;
    QBuffer buffer;
    QuaZip zip{&buffer};
    QHash<QString, Entry> entries; // key: lower-cased part name
    qint64 budget = 0;
    qint64 used = 0;
};

DocxPackage::DocxPackage(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl)) {}
DocxPackage::DocxPackage(DocxPackage&&) noexcept = default;
DocxPackage& DocxPackage::operator=(DocxPackage&&) noexcept = default;
DocxPackage::~DocxPackage() = default;

Result<DocxPackage> DocxPackage::open(const QByteArray& data, const QString& fileName,
                                      qint64 maxUnpackedBytes) {
    auto impl = std::make_unique<Impl>();
    impl->fileName = fileName;
    impl->budget = maxUnpackedBytes;
    impl->buffer.setData(data);
    if (!impl->zip.open(QuaZip::mdUnzip))
        return Result<DocxPackage>::failure(ErrorType::Unsupported, notADocx(fileName));

    qint64 declaredTotal = 0;
    int count = 0;
    for (bool more = impl->zip.goToFirstFile(); more; more = impl->zip.goToNextFile()) {
        if (++count > kMaxEntries)
            return Result<DocxPackage>::failure(
                ErrorType::TooLarge,
                QStringLiteral("%1 has more than %2 parts; refusing it as a possible zip bomb")
                    .arg(fileName)
                    .arg(kMaxEntries));
        QuaZipFileInfo64 info;
        if (!impl->zip.getCurrentFileInfo(&info))
            return Result<DocxPackage>::failure(ErrorType::Unsupported, notADocx(fileName));
        if (info.name.endsWith(QLatin1Char('/')))
            continue;
        Entry entry{info.name,
                    static_cast<qint64>(std::min<quint64>(info.uncompressedSize, quint64(1) << 62)),
                    static_cast<qint64>(std::min<quint64>(info.compressedSize, quint64(1) << 62)),
                    info.flags, info.method};
        // Headers can lie, but a declared total over the budget is reason enough to stop
        // before inflating anything.
        declaredTotal += entry.declaredSize;
        if (declaredTotal > maxUnpackedBytes)
            return Result<DocxPackage>::failure(
                ErrorType::TooLarge,
                QStringLiteral("%1 unpacks to more than %2 MB; refusing it as a possible zip bomb")
                    .arg(fileName, megabytes(maxUnpackedBytes)));
        if (entry.declaredSize > kRatioCheckMinBytes &&
            static_cast<double>(entry.declaredSize) >
                kSuspiciousRatio * static_cast<double>(std::max<qint64>(entry.compressedSize, 1)))
            return Result<DocxPackage>::failure(
                ErrorType::TooLarge,
                QStringLiteral("%1: part %2 expands %3 MB from %4 KB; refusing it as a zip bomb")
                    .arg(fileName, entry.name, megabytes(entry.declaredSize))
                    .arg(entry.compressedSize / 1024));
        impl->entries.insert(entry.name.toLower(), entry);
    }
    if (impl->zip.getZipError() != UNZ_OK)
        return Result<DocxPackage>::failure(ErrorType::Unsupported, notADocx(fileName));
    return Result<DocxPackage>(DocxPackage(std::move(impl)));
}

bool DocxPackage::contains(const QString& partName) const {
    return m_impl->entries.contains(partName.toLower());
}

Result<QByteArray> DocxPackage::read(const QString& partName) {
    const auto it = m_impl->entries.constFind(partName.toLower());
    if (it == m_impl->entries.constEnd())
        return Result<QByteArray>::failure(
            ErrorType::Unsupported,
            QStringLiteral("%1 has no part %2").arg(m_impl->fileName, partName));
    const Entry entry = *it;
    const auto damaged = [&] {
        return Result<QByteArray>::failure(
            ErrorType::Unsupported,
            QStringLiteral(
                "%1 is damaged (part %2 cannot be unpacked); re-save it from Word/LibreOffice")
                .arg(m_impl->fileName, entry.name));
    };
    if (entry.flags & kEncryptedFlag)
        return Result<QByteArray>::failure(
            ErrorType::Unsupported,
            QStringLiteral("%1 is password-protected; remove the protection in Word and try again")
                .arg(m_impl->fileName));
    if (entry.method != kMethodStored && entry.method != kMethodDeflated)
        return damaged();
    if (!m_impl->zip.setCurrentFile(entry.name, QuaZip::csSensitive))
        return damaged();

    QuaZipFile file(&m_impl->zip);
    if (!file.open(QIODevice::ReadOnly))
        return damaged();
    // The cap is what we are willing to hold, not what the header promises: one byte
    // more than allowed is enough to prove the entry lied or the budget is spent.
    const qint64 remaining = m_impl->budget - m_impl->used;
    const qint64 cap = std::min(entry.declaredSize, remaining);
    QByteArray out;
    out.reserve(static_cast<qsizetype>(std::min<qint64>(cap, 16 * 1024 * 1024)));
    while (out.size() <= cap) {
        const qint64 want = std::min<qint64>(kReadChunk, cap + 1 - out.size());
        const QByteArray chunk = file.read(want);
        if (chunk.isEmpty())
            break;
        out += chunk;
    }
    if (out.size() > cap) {
        file.close();
        const bool lied = out.size() > entry.declaredSize;
        return Result<QByteArray>::failure(
            ErrorType::TooLarge,
            lied ? QStringLiteral("%1: part %2 unpacks to more than its header declares; refusing "
                                  "it as a zip bomb")
                       .arg(m_impl->fileName, entry.name)
                 : QStringLiteral(
                       "%1 unpacks to more than %2 MB; refusing it as a possible zip bomb")
                       .arg(m_impl->fileName, megabytes(m_impl->budget)));
    }
    const bool readError = file.getZipError() != UNZ_OK;
    file.close();
    // minizip verifies the CRC on close; a mismatch means a damaged or tampered entry.
    if (readError || file.getZipError() != UNZ_OK || out.size() != entry.declaredSize)
        return damaged();
    m_impl->used += out.size();
    return Result<QByteArray>(out);
}

} // namespace hh
