// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <memory>

namespace hh {

// Read-only access to the parts of a DOCX (an OPC zip package) held in memory.
//
// A DOCX is untrusted input: open() refuses packages whose declared sizes add
// up to more than the unpack budget or whose entries are compressed
// suspiciously well (zip bombs), and read() never returns more bytes than the
// entry declared or the remaining budget allows, whatever the compressed
// stream actually inflates to. QuaZip stays an implementation detail so that
// callers (and tests) need not see its headers.
class DocxPackage {
public:
    DocxPackage(DocxPackage&&) noexcept;
    DocxPackage& operator=(DocxPackage&&) noexcept;
    ~DocxPackage();

    // `fileName` is only used in messages. Fails with Unsupported for data
    // that is not a readable zip and TooLarge for zip bombs.
    static Result<DocxPackage> open(const QByteArray& data, const QString& fileName,
                                    qint64 maxUnpackedBytes);

    // OPC part names are case-insensitive.
    bool contains(const QString& partName) const;
    // Whole entry, within the budget. Fails with TooLarge when the entry
    // inflates beyond its declared size or the budget, Unsupported when the
    // entry is damaged (CRC error, unknown compression, encryption).
    Result<QByteArray> read(const QString& partName);

private:
    struct Impl;
    explicit DocxPackage(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace hh
