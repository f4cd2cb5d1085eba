// SPDX-License-Identifier: GPL-3.0-or-later
#include "PubMedImporter.h"

#include "PubMedEutils.h"
#include "TextUtil.h"
#include "XmlTree.h"

#include <QRegularExpression>

namespace hh {

namespace {

const QString kAbstractOnly =
    QStringLiteral("abstract-only: imported from PubMed; full text is not included");

// PubMed titles and abstracts carry HTML-like inline markup (<i>, <sup>, MathML):
// all descendant text counts.
QString textOf(const XmlElement* element) {
    return element ? cleanText(element->text()) : QString();
}

bool isRecord(const XmlElement& element) {
    return element.localName == QLatin1String("PubmedArticle") ||
           element.localName == QLatin1String("PubmedBookArticle");
}

QString recordPmid(const XmlElement& record) {
    if (const auto* pmid = record.path(QStringLiteral("MedlineCitation/PMID")))
        return pmid->simplifiedText();
    if (const auto* pmid = record.path(QStringLiteral("BookDocument/PMID")))
        return pmid->simplifiedText();
    return {};
}

// Translated titles are written "[Title in English]." by NLM; the brackets are not part of the
// title.
QString withoutTranslationBrackets(QString title) {
    static const QRegularExpression bracketed(QStringLiteral("^\\[(.*)\\](\\.?)$"));
    const auto match = bracketed.match(title);
    if (match.hasMatch() && !match.captured(1).contains(QLatin1Char(']')))
        title = match.captured(1).trimmed() + match.captured(2);
    return title;
}

int yearFrom(const QString& text) {
    static const QRegularExpression fourDigits(
        QStringLiteral("(?<!\\d)(1[6-9]\\d\\d|20\\d\\d)(?!\\d)"));
    const auto match = fourDigits.match(text);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

int readPubDate(const XmlElement* pubDate) {
    if (!pubDate)
        return 0;
    if (const int year = yearFrom(textOf(pubDate->child(QStringLiteral("Year")))); year > 0)
        return year;
    return yearFrom(textOf(pubDate->child(QStringLiteral("MedlineDate"))));
}

QString authorName(const XmlElement& author) {
    if (const auto* collective = author.child(QStringLiteral("CollectiveName")))
        return textOf(collective);
    QString given = textOf(author.child(QStringLiteral("ForeName")));
    if (given.isEmpty())
        given = textOf(author.child(QStringLiteral("FirstName"))); // pre-2008 element name
    if (given.isEmpty())
        given = textOf(author.child(QStringLiteral("Initials")));
    QStringList parts;
    for (const QString& part : {given, textOf(author.child(QStringLiteral("LastName"))),
                                textOf(author.child(QStringLiteral("Suffix")))}) {
        if (!part.isEmpty())
            parts << part;
    }
    return parts.join(QLatin1Char(' '));
}

QString authorAffiliation(const XmlElement& author) {
    if (const auto* info = author.child(QStringLiteral("AffiliationInfo")))
        return textOf(info->child(QStringLiteral("Affiliation")));
    return textOf(author.child(QStringLiteral("Affiliation")));
}

QList<Author> readAuthors(const XmlElement* authorList) {
    QList<Author> authors;
    if (!authorList)
        return authors;
    for (const auto* author : authorList->childElements(QStringLiteral("Author"))) {
        if (author->attr(QStringLiteral("ValidYN")) == QLatin1String("N"))
            continue; // NLM keeps erroneous names for the record but marks them invalid
        const QString name = authorName(*author);
        if (!name.isEmpty())
            authors << Author{name, authorAffiliation(*author)};
    }
    return authors;
}

QList<AbstractPart> readAbstract(const XmlElement* abstract) {
    QList<AbstractPart> parts;
    if (!abstract)
        return parts;
    for (const auto* text : abstract->childElements(QStringLiteral("AbstractText"))) {
        QString label = cleanText(text->attr(QStringLiteral("Label")));
        // NLM's placeholder for "no heading" is not a heading a viewer should see.
        if (label.compare(QLatin1String("UNLABELLED"), Qt::CaseInsensitive) == 0)
            label.clear();
        const QString body = textOf(text);
        if (!body.isEmpty())
            parts << AbstractPart{label, body};
    }
    return parts;
}

const XmlElement* articleIdList(const XmlElement& record) {
    for (const QString& path : {QStringLiteral("PubmedData/ArticleIdList"),
                                QStringLiteral("PubmedBookData/ArticleIdList"),
                                QStringLiteral("BookDocument/ArticleIdList")}) {
        if (const auto* list = record.path(path))
            return list;
    }
    return nullptr;
}

QString articleId(const XmlElement& record, const QString& type) {
    const XmlElement* list = articleIdList(record);
    if (!list)
        return {};
    for (const auto* id : list->childElements(QStringLiteral("ArticleId"))) {
        if (id->attr(QStringLiteral("IdType")) == type)
            return id->simplifiedText();
    }
    return {};
}

QString elocationDoi(const XmlElement* parent) {
    if (!parent)
        return {};
    for (const auto* id : parent->childElements(QStringLiteral("ELocationID"))) {
        if (id->attr(QStringLiteral("EIdType")) == QLatin1String("doi") &&
            id->attr(QStringLiteral("ValidYN")) != QLatin1String("N"))
            return id->simplifiedText();
    }
    return {};
}

int countReferences(const XmlElement& record) {
    int count = 0;
    for (const QString& data : {QStringLiteral("PubmedData"), QStringLiteral("PubmedBookData")}) {
        if (const auto* container = record.child(data)) {
            for (const auto* list : container->childElements(QStringLiteral("ReferenceList")))
                count += static_cast<int>(list->descendants(QStringLiteral("Reference")).size());
        }
    }
    return count;
}

void readJournalArticle(const XmlElement& record, Paper& paper) {
    const XmlElement* citation = record.child(QStringLiteral("MedlineCitation"));
    const XmlElement* article = citation ? citation->child(QStringLiteral("Article")) : nullptr;
    if (!article)
        return;
    paper.title = textOf(article->child(QStringLiteral("ArticleTitle")));
    if (paper.title.isEmpty())
        paper.title = textOf(article->child(QStringLiteral("VernacularTitle")));
    paper.title = withoutTranslationBrackets(paper.title);
    paper.authors = readAuthors(article->child(QStringLiteral("AuthorList")));
    // The 2008 DTD kept one affiliation on the article; NLM recorded it for the first author.
    if (!paper.authors.isEmpty() && paper.authors.first().affiliation.isEmpty())
        paper.authors.first().affiliation = textOf(article->child(QStringLiteral("Affiliation")));

    const XmlElement* journal = article->child(QStringLiteral("Journal"));
    if (journal) {
        paper.journal = textOf(journal->child(QStringLiteral("Title")));
        if (paper.journal.isEmpty())
            paper.journal = textOf(journal->child(QStringLiteral("ISOAbbreviation")));
        paper.year = readPubDate(journal->path(QStringLiteral("JournalIssue/PubDate")));
    }
    if (paper.journal.isEmpty())
        paper.journal = textOf(citation->path(QStringLiteral("MedlineJournalInfo/MedlineTA")));
    if (paper.year == 0) {
        if (const auto* articleDate = article->child(QStringLiteral("ArticleDate")))
            paper.year = yearFrom(textOf(articleDate->child(QStringLiteral("Year"))));
    }
    paper.doi = elocationDoi(article);
    paper.abstract = readAbstract(article->child(QStringLiteral("Abstract")));
}

void readBookArticle(const XmlElement& record, Paper& paper) {
    const XmlElement* document = record.child(QStringLiteral("BookDocument"));
    if (!document)
        return;
    const XmlElement* book = document->child(QStringLiteral("Book"));
    const QString bookTitle = book ? textOf(book->child(QStringLiteral("BookTitle"))) : QString();
    const QString chapterTitle = textOf(document->child(QStringLiteral("ArticleTitle")));
    paper.title = withoutTranslationBrackets(chapterTitle.isEmpty() ? bookTitle : chapterTitle);
    // A chapter is published "in" its book; a whole book by its publisher.
    paper.journal = chapterTitle.isEmpty() && book
                        ? textOf(book->path(QStringLiteral("Publisher/PublisherName")))
                        : bookTitle;

    const XmlElement* authors = nullptr;
    for (const auto* list : document->childElements(QStringLiteral("AuthorList"))) {
        const QString type = list->attr(QStringLiteral("Type"));
        if (type.isEmpty() || type == QLatin1String("authors")) {
            authors = list;
            break;
        }
    }
    if (!authors && book)
        authors = book->child(QStringLiteral("AuthorList"));
    paper.authors = readAuthors(authors);
    if (book)
        paper.year = readPubDate(book->child(QStringLiteral("PubDate")));
    paper.doi = elocationDoi(document);
    paper.abstract = readAbstract(document->child(QStringLiteral("Abstract")));
}

Paper readRecord(const XmlElement& record) {
    Paper paper;
    paper.source = QStringLiteral("pubmed");
    paper.pmid = recordPmid(record);
    if (record.localName == QLatin1String("PubmedBookArticle"))
        readBookArticle(record, paper);
    else
        readJournalArticle(record, paper);
    if (paper.doi.isEmpty())
        paper.doi = articleId(record, QStringLiteral("doi"));
    const QString pmc = articleId(record, QStringLiteral("pmc"));
    if (!pmc.isEmpty())
        paper.pmcid = pmc.startsWith(QLatin1String("PMC")) ? pmc : QStringLiteral("PMC") + pmc;
    paper.references = countReferences(record);

    if (paper.abstract.isEmpty())
        paper.warnings
            << QStringLiteral("no abstract: PubMed has no abstract for PMID %1").arg(paper.pmid);
    paper.warnings << kAbstractOnly;
    return paper;
}

struct RecordChoice {
    const XmlElement* record = nullptr;
    QString warning;
};

RecordChoice chooseRecord(const QList<const XmlElement*>& records, const ImportOptions& options) {
    const QString wanted = options.pmid.trimmed();
    if (!wanted.isEmpty()) {
        for (const auto* record : records) {
            if (recordPmid(*record) == wanted)
                return {record, {}};
        }
        return {records.first(),
                QStringLiteral("PMID %1 is not among the %2 records of the file; imported PMID %3")
                    .arg(wanted)
                    .arg(records.size())
                    .arg(recordPmid(*records.first()))};
    }
    if (records.size() > 1)
        return {records.first(),
                QStringLiteral("the file holds %1 PubMed records; imported the first (PMID %2)")
                    .arg(records.size())
                    .arg(recordPmid(*records.first()))};
    return {records.first(), {}};
}

} // namespace

Result<Paper> PubMedImporter::import(const QByteArray& data, const QString& fileName,
                                     const ImportOptions& options) const {
    auto tree = parseXmlTree(data);
    if (!tree.ok())
        return Result<Paper>::failure(tree.error().type,
                                      QStringLiteral("%1: %2").arg(fileName, tree.error().message));
    const XmlElement& root = *tree.value();

    QList<const XmlElement*> records;
    if (isRecord(root)) {
        records << &root;
    } else if (root.localName == QLatin1String("PubmedArticleSet")) {
        for (const auto* child : root.childElements()) {
            if (isRecord(*child))
                records << child;
        }
        if (records.isEmpty()) {
            const Error error = pubmed::classifyEutilsMessages(pubmed::eutilsErrors(root),
                                                               root.localName, fileName);
            if (error.isError())
                return error;
            return Result<Paper>::failure(
                ErrorType::NotFound,
                QStringLiteral("%1 is an empty PubMed answer: no record for the requested PMID")
                    .arg(fileName));
        }
    } else {
        return pubmed::classifyEutilsResponse(root, fileName);
    }

    const RecordChoice choice = chooseRecord(records, options);
    Paper paper = readRecord(*choice.record);
    if (!choice.warning.isEmpty())
        paper.warnings.prepend(choice.warning);
    return paper;
}

} // namespace hh
