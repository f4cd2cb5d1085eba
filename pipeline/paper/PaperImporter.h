// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Paper.h"
#include "core/Result.h"

#include <QByteArray>
#include <QString>
#include <atomic>

namespace hh {

struct ImportOptions {
    QString password;                              // for encrypted PDFs
    qint64 maxFileBytes = 200LL * 1024 * 1024;     // larger inputs are refused (too_large)
    qint64 maxUnpackedBytes = 300LL * 1024 * 1024; // DOCX: refuse zip bombs
    bool extractFigures = true; // render/copy figure images into Figure::imageData
    int maxPdfPages = 300;      // pages read from a PDF; later pages are ignored with a warning
    const std::atomic_bool* cancel = nullptr; // checked between pages/parts when set
    // Restricts a two-record PubMed response to this PMID (empty: first record + warning).
    QString pmid;
};

// One document format. Implementations are stateless and safe to use from any
// thread; each call reads one document.
class PaperImporter {
public:
    virtual ~PaperImporter() = default;
    // `data` is the whole file; `fileName` is only used for messages and hints.
    virtual Result<Paper> import(const QByteArray& data, const QString& fileName,
                                 const ImportOptions& options) const = 0;
};

enum class DocumentFormat { Unknown, Pdf, Docx, Jats, PubMed, NcbiError, Empty };

// Decides the format from the bytes (magic numbers, XML root element), not from
// the file name, so a mislabelled file still goes to the right importer.
DocumentFormat sniffFormat(const QByteArray& head);

// Reads a file from disk and imports it with the right importer. Never throws;
// every failure is a typed error with a message a user can act on.
Result<Paper> importPaperFile(const QString& path, const ImportOptions& options = {});
// Same, for bytes already in memory (NCBI responses, tests).
Result<Paper> importPaperData(const QByteArray& data, const QString& fileName,
                              const ImportOptions& options = {});

} // namespace hh
