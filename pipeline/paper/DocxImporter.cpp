// SPDX-License-Identifier: GPL-3.0-or-later
#include "DocxImporter.h"

#include "DocxBody.h"
#include "DocxPackage.h"
#include "DocxStructure.h"
#include "DocxStyles.h"
#include "TextUtil.h"
#include "XmlTree.h"

#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QImageReader>

namespace hh {

namespace {

const QString kDefaultDocumentPart = QStringLiteral("word/document.xml");
// The renderer refuses larger pictures too (MotionGraphicsVisuals).
constexpr int kMaxPictureSide = 20000;

struct Relationship {
    QString target; // part name inside the package, or a URL when external
    bool external = false;
};

bool cancelled(const ImportOptions& options) {
    return options.cancel && options.cancel->load();
}

Error cancelledError() {
    return Error{ErrorType::Cancelled, QStringLiteral("import cancelled")};
}

// "_rels/.rels" for "", "word/_rels/document.xml.rels" for "word/document.xml".
QString relationshipsPartFor(const QString& partName) {
    const QFileInfo info(partName);
    const QString dir =
        info.path() == QLatin1String(".") ? QString() : info.path() + QLatin1Char('/');
    return dir + QStringLiteral("_rels/") + info.fileName() + QStringLiteral(".rels");
}

// Targets are relative to the source part's folder, or absolute from the package root.
QString resolveTarget(const QString& sourcePart, const QString& target) {
    if (target.startsWith(QLatin1Char('/')))
        return QDir::cleanPath(target.mid(1));
    const QString dir = QFileInfo(sourcePart).path();
    return QDir::cleanPath(dir == QLatin1String(".") ? target : dir + QLatin1Char('/') + target);
}

QHash<QString, Relationship> parseRelationships(const XmlElement& root, const QString& sourcePart) {
    QHash<QString, Relationship> out;
    for (const XmlElement* rel : root.childElements()) {
        if (rel->localName != QLatin1String("Relationship"))
            continue;
        Relationship r;
        r.external = rel->attr(QStringLiteral("TargetMode"))
                         .compare(QLatin1String("External"), Qt::CaseInsensitive) == 0;
        const QString target = rel->attr(QStringLiteral("Target"));
        r.target = r.external ? target : resolveTarget(sourcePart, target);
        out.insert(rel->attr(QStringLiteral("Id")), r);
    }
    return out;
}

// What a zip without a Word body is, so the message can say what to do.
QString describeOtherPackage(const DocxPackage& package) {
    if (package.contains(QStringLiteral("xl/workbook.xml")))
        return QStringLiteral("an Excel workbook");
    if (package.contains(QStringLiteral("ppt/presentation.xml")))
        return QStringLiteral("a PowerPoint presentation");
    if (package.contains(QStringLiteral("content.xml")) &&
        package.contains(QStringLiteral("mimetype")))
        return QStringLiteral("an OpenDocument file");
    return QStringLiteral("a zip archive");
}

class DocxReader {
public:
    DocxReader(DocxPackage& package, const QString& fileName, const ImportOptions& options)
        : m_package(package)
        , m_fileName(fileName)
        , m_options(options) {}

    Result<Paper> read() {
        const QString documentPart = mainDocumentPart();
        if (documentPart.isEmpty())
            return Result<Paper>::failure(
                ErrorType::Unsupported,
                QStringLiteral(
                    "%1 is not a Word document (it is %2); save the paper as .docx or PDF")
                    .arg(m_fileName, describeOtherPackage(m_package)));
        auto documentXml = m_package.read(documentPart);
        if (!documentXml)
            return documentXml.error();
        if (cancelled(m_options))
            return cancelledError();
        auto document = parseXmlTree(documentXml.value());
        if (!document)
            return Error{
                document.error().type == ErrorType::TooLarge ? ErrorType::TooLarge
                                                             : ErrorType::BadXml,
                QStringLiteral(
                    "%1: the document text (%2) is damaged: %3; re-save it from Word/LibreOffice")
                    .arg(m_fileName, documentPart, document.error().message)};
        if (document.value()->name != QLatin1String("w:document"))
            return Result<Paper>::failure(
                ErrorType::Unsupported,
                QStringLiteral("%1 is not a Word document; save the paper as .docx or PDF")
                    .arg(m_fileName));
        documentXml = QByteArray(); // release the raw XML before the heavier steps

        const DocxStyles styles = readStyles();
        const auto relationships = readRelationships(documentPart);
        const QString coreTitle = readCoreTitle();
        if (cancelled(m_options))
            return cancelledError();

        const DocxBody body = readDocxBody(*document.value(), styles);
        DocxStructure structure = analyzeDocx(body, coreTitle);
        if (cancelled(m_options))
            return cancelledError();

        Paper paper;
        paper.source = QStringLiteral("docx");
        paper.title = structure.title;
        paper.authors = structure.authors;
        paper.abstract = structure.abstract;
        paper.sections = structure.sections;
        paper.references = structure.references;
        paper.warnings = m_warnings + structure.warnings;
        if (auto figures = readFigures(structure.figures, relationships, paper.warnings); !figures)
            return figures.error();
        else
            paper.figures = std::move(figures).value();
        if (paper.abstract.isEmpty() && paper.sections.isEmpty())
            return Result<Paper>::failure(
                ErrorType::NoText,
                QStringLiteral("%1 contains no text to import (only pictures or tables?)")
                    .arg(m_fileName));
        return paper;
    }

private:
    // The package's relationships name the main part; Word always calls it
    // word/document.xml, but other writers need not.
    QString mainDocumentPart() {
        const QString rootRels = QStringLiteral("_rels/.rels");
        if (m_package.contains(rootRels)) {
            if (const auto tree = parseOptionalPart(rootRels)) {
                for (const XmlElement* rel : tree->childElements()) {
                    if (!rel->attr(QStringLiteral("Type"))
                             .endsWith(QLatin1String("/officeDocument")))
                        continue;
                    const QString target =
                        resolveTarget(QString(), rel->attr(QStringLiteral("Target")));
                    if (target.endsWith(QLatin1String(".xml"), Qt::CaseInsensitive) &&
                        m_package.contains(target) && !target.startsWith(QLatin1String("xl/")) &&
                        !target.startsWith(QLatin1String("ppt/")))
                        return target;
                }
            }
        }
        return m_package.contains(kDefaultDocumentPart) ? kDefaultDocumentPart : QString();
    }

    // Styles, relationships and properties improve the result but are not
    // essential: a damaged one becomes a warning.
    std::unique_ptr<XmlElement> parseOptionalPart(const QString& partName) {
        if (!m_package.contains(partName))
            return nullptr;
        auto bytes = m_package.read(partName);
        if (!bytes) {
            m_warnings
                << QStringLiteral("%1 could not be read: %2").arg(partName, bytes.error().message);
            return nullptr;
        }
        auto tree = parseXmlTree(bytes.value());
        if (!tree) {
            m_warnings << QStringLiteral("%1 is damaged and was ignored").arg(partName);
            return nullptr;
        }
        return std::move(tree).value();
    }

    DocxStyles readStyles() {
        const auto tree = parseOptionalPart(QStringLiteral("word/styles.xml"));
        return DocxStyles::parse(tree.get());
    }

    QHash<QString, Relationship> readRelationships(const QString& documentPart) {
        const auto tree = parseOptionalPart(relationshipsPartFor(documentPart));
        return tree ? parseRelationships(*tree, documentPart) : QHash<QString, Relationship>{};
    }

    QString readCoreTitle() {
        const auto tree = parseOptionalPart(QStringLiteral("docProps/core.xml"));
        if (!tree)
            return {};
        for (const XmlElement* child : tree->childElements()) {
            if (child->localName == QLatin1String("title"))
                return cleanText(child->text());
        }
        return {};
    }

    Result<QList<Figure>> readFigures(const QList<DocxFigureCandidate>& candidates,
                                      const QHash<QString, Relationship>& relationships,
                                      QStringList& warnings) {
        QList<Figure> figures;
        for (const DocxFigureCandidate& candidate : candidates) {
            if (cancelled(m_options))
                return cancelledError();
            const auto rel = relationships.constFind(candidate.image.relationshipId);
            if (rel == relationships.constEnd()) {
                warnings << QStringLiteral(
                                "a picture refers to a missing part (%1) and was skipped")
                                .arg(candidate.image.relationshipId);
                continue;
            }
            Figure figure;
            figure.id = QStringLiteral("fig%1").arg(figures.size() + 1);
            figure.label = candidate.label;
            figure.caption = candidate.caption;
            figure.graphic = rel->target;
            if (m_options.extractFigures && !rel->external) {
                if (auto data = readImage(rel->target, warnings); !data)
                    return data.error();
                else
                    figure.imageData = std::move(data).value();
                if (!figure.imageData.isEmpty())
                    figure.imageSuffix = QFileInfo(rel->target).suffix().toLower();
            }
            figures << figure;
        }
        return figures;
    }

    // The bytes are copied, never decoded here, so a picture with absurd
    // dimensions costs no more than its (budgeted) size.
    Result<QByteArray> readImage(const QString& part, QStringList& warnings) {
        if (!m_package.contains(part)) {
            warnings << QStringLiteral("picture %1 is missing from the file").arg(part);
            return QByteArray();
        }
        auto data = m_package.read(part);
        if (!data) {
            if (data.error().type == ErrorType::TooLarge)
                return data.error();
            warnings << QStringLiteral("picture %1 is damaged and was skipped").arg(part);
            return QByteArray();
        }
        // Only the header is read: a picture claiming 100000×100000 pixels is a few
        // bytes here and 30 GB once decoded by whoever shows it next.
        QBuffer buffer(&data.value());
        QImageReader reader(&buffer);
        const QSize size = reader.size();
        if (size.isValid() && (size.width() > kMaxPictureSide || size.height() > kMaxPictureSide)) {
            warnings << QStringLiteral("picture %1 claims %2×%3 pixels, more than any figure "
                                       "needs; it was skipped")
                            .arg(part)
                            .arg(size.width())
                            .arg(size.height());
            return QByteArray();
        }
        return data;
    }

    DocxPackage& m_package;
    QString m_fileName;
    const ImportOptions& m_options;
    QStringList m_warnings;
};

} // namespace

Result<Paper> DocxImporter::import(const QByteArray& data, const QString& fileName,
                                   const ImportOptions& options) const {
    if (cancelled(options))
        return cancelledError();
    auto package = DocxPackage::open(data, fileName, options.maxUnpackedBytes);
    if (!package)
        return package.error();
    if (cancelled(options))
        return cancelledError();
    return DocxReader(package.value(), fileName, options).read();
}

} // namespace hh
