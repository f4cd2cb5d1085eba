// SPDX-License-Identifier: GPL-3.0-or-later
#include "DocxImporter.h"
#include "JatsImporter.h"
#include "PaperImporter.h"
#include "PdfImporter.h"
#include "PubMedImporter.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace hh {

namespace {

// The name of the first element of an XML document, skipping the prolog,
// comments, processing instructions and the DOCTYPE.
QByteArray xmlRootName(const QByteArray& head) {
    int i = 0;
    while (i < head.size()) {
        const int lt = head.indexOf('<', i);
        if (lt < 0 || lt + 1 >= head.size())
            return {};
        const char next = head.at(lt + 1);
        if (next == '?' || next == '!') {
            // Comments may contain '>' only at their end "-->"; DOCTYPE may have an internal
            // subset.
            if (head.mid(lt, 4) == "<!--") {
                const int end = head.indexOf("-->", lt + 4);
                if (end < 0)
                    return {};
                i = end + 3;
            } else if (head.mid(lt, 9) == "<!DOCTYPE") {
                int depth = 0;
                int j = lt + 2;
                for (; j < head.size(); ++j) {
                    if (head.at(j) == '[')
                        ++depth;
                    else if (head.at(j) == ']')
                        --depth;
                    else if (head.at(j) == '>' && depth <= 0)
                        break;
                }
                i = j + 1;
            } else {
                const int end = head.indexOf('>', lt);
                if (end < 0)
                    return {};
                i = end + 1;
            }
            continue;
        }
        int end = lt + 1;
        while (end < head.size() && !QChar::isSpace(uchar(head.at(end))) && head.at(end) != '>' &&
               head.at(end) != '/')
            ++end;
        return head.mid(lt + 1, end - lt - 1);
    }
    return {};
}

} // namespace

DocumentFormat sniffFormat(const QByteArray& head) {
    if (head.trimmed().isEmpty())
        return DocumentFormat::Empty;
    // PDF allows up to 1024 bytes of junk before the header.
    if (head.left(1024).contains("%PDF-"))
        return DocumentFormat::Pdf;
    if (head.startsWith("PK\x03\x04"))
        return DocumentFormat::Docx;
    QByteArray root = xmlRootName(head);
    const int colon = root.indexOf(':');
    if (colon >= 0)
        root = root.mid(colon + 1);
    if (root == "article" || root == "pmc-articleset" || root == "book-part-wrapper")
        return DocumentFormat::Jats;
    if (root == "PubmedArticleSet" || root == "PubmedArticle" || root == "PubmedBookArticle")
        return DocumentFormat::PubMed;
    if (root == "eFetchResult" || root == "pmFetchResult" || root == "ERROR" ||
        root == "eSearchResult" || root == "eSummaryResult" || root == "ePostResult" ||
        root == "eLinkResult" || root == "eInfoResult" || root == "eSpellResult")
        return DocumentFormat::NcbiError;
    return DocumentFormat::Unknown;
}

Result<Paper> importPaperData(const QByteArray& data, const QString& fileName,
                              const ImportOptions& options) {
    if (data.size() > options.maxFileBytes)
        return Result<Paper>::failure(
            ErrorType::TooLarge, QStringLiteral("%1 is %2 MB; papers larger than %3 MB are refused")
                                     .arg(fileName)
                                     .arg(data.size() / (1024 * 1024))
                                     .arg(options.maxFileBytes / (1024 * 1024)));
    const DocumentFormat format = sniffFormat(data.left(64 * 1024));
    switch (format) {
    case DocumentFormat::Empty:
        return Result<Paper>::failure(
            ErrorType::Unsupported,
            QStringLiteral("%1 is empty; choose the paper's PDF, DOCX or XML file").arg(fileName));
    case DocumentFormat::Pdf:
        return PdfImporter().import(data, fileName, options);
    case DocumentFormat::Docx:
        return DocxImporter().import(data, fileName, options);
    case DocumentFormat::Jats:
        return JatsImporter().import(data, fileName, options);
    case DocumentFormat::PubMed:
        return PubMedImporter().import(data, fileName, options);
    case DocumentFormat::NcbiError:
        // NCBI answers a bad request with a 200 and an <ERROR> body; the PubMed importer
        // knows how to word those.
        return PubMedImporter().import(data, fileName, options);
    case DocumentFormat::Unknown:
        break;
    }
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == QLatin1String("xml") || suffix == QLatin1String("nxml") ||
        data.trimmed().startsWith('<'))
        return Result<Paper>::failure(ErrorType::Unsupported,
                                      QStringLiteral("%1 is XML but neither JATS nor PubMed XML; "
                                                     "export the article as JATS (.nxml) or PDF")
                                          .arg(fileName));
    return Result<Paper>::failure(
        ErrorType::Unsupported,
        QStringLiteral("%1 is not a PDF, DOCX, JATS or PubMed XML file").arg(fileName));
}

Result<Paper> importPaperFile(const QString& path, const ImportOptions& options) {
    const QFileInfo info(path);
    if (!info.exists())
        return Result<Paper>::failure(ErrorType::Io, QStringLiteral("%1 does not exist").arg(path));
    if (info.isDir())
        return Result<Paper>::failure(
            ErrorType::Unsupported,
            QStringLiteral("%1 is a folder; choose a paper file inside it").arg(path));
    if (info.size() > options.maxFileBytes)
        return Result<Paper>::failure(
            ErrorType::TooLarge, QStringLiteral("%1 is %2 MB; papers larger than %3 MB are refused")
                                     .arg(info.fileName())
                                     .arg(info.size() / (1024 * 1024))
                                     .arg(options.maxFileBytes / (1024 * 1024)));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result<Paper>::failure(
            ErrorType::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    const QByteArray data = file.readAll();
    return importPaperData(data, info.fileName(), options);
}

} // namespace hh
