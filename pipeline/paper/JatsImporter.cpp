// SPDX-License-Identifier: GPL-3.0-or-later
#include "JatsImporter.h"

#include "JatsText.h"
#include "TextUtil.h"
#include "XmlTree.h"

#include <QHash>
#include <QSet>

namespace hh {

namespace {

using jats::flatten;

const QString kPmcSet = QStringLiteral("pmc-articleset");

// ---------------------------------------------------------------- choosing the article

struct ArticleChoice {
    const XmlElement* article = nullptr;
    QString warning;
};

QString articleId(const XmlElement& article, const QString& type) {
    const XmlElement* meta = article.path(QStringLiteral("front/article-meta"));
    if (!meta)
        return {};
    for (const auto* id : meta->childElements(QStringLiteral("article-id"))) {
        if (id->attr(QStringLiteral("pub-id-type")) == type)
            return id->simplifiedText();
    }
    return {};
}

QString withoutPmcPrefix(const QString& id) {
    QString digits = id.trimmed();
    if (digits.startsWith(QLatin1String("PMC"), Qt::CaseInsensitive))
        digits = digits.mid(3);
    return digits;
}

bool articleMatchesId(const XmlElement& article, const QString& wanted) {
    const QString digits = withoutPmcPrefix(wanted);
    if (digits.isEmpty())
        return false;
    for (const QString& type :
         {QStringLiteral("pmid"), QStringLiteral("pmc"), QStringLiteral("pmcid")}) {
        const QString id = articleId(article, type);
        if (!id.isEmpty() && withoutPmcPrefix(id) == digits)
            return true;
    }
    return false;
}

// efetch db=pmc answers an unknown id with <error> (or an older <Reply error=…>) inside the set.
QString pmcSetError(const XmlElement& set) {
    for (const auto* child : set.childElements()) {
        if (child->localName.compare(QLatin1String("error"), Qt::CaseInsensitive) == 0)
            return child->simplifiedText();
        if (child->localName == QLatin1String("Reply") && child->hasAttr(QStringLiteral("error")))
            return child->attr(QStringLiteral("error")).simplified();
    }
    return {};
}

Result<ArticleChoice> chooseArticle(const XmlElement& root, const QString& fileName,
                                    const ImportOptions& options) {
    if (root.localName == QLatin1String("article"))
        return ArticleChoice{&root, {}};
    if (root.localName != kPmcSet)
        return Result<ArticleChoice>::failure(
            ErrorType::Unsupported, QStringLiteral("%1 is JATS <%2>, not a journal article; only "
                                                   "<article> and PMC article sets are read")
                                        .arg(fileName, root.name));

    const auto articles = root.childElements(QStringLiteral("article"));
    if (articles.isEmpty()) {
        const QString error = pmcSetError(root);
        if (!error.isEmpty())
            return Result<ArticleChoice>::failure(
                ErrorType::NotInPmc,
                QStringLiteral("PubMed Central has no full text for this request: NCBI said \"%1\"")
                    .arg(error));
        return Result<ArticleChoice>::failure(
            ErrorType::NotFound,
            QStringLiteral("%1 is an empty PMC article set: no article was returned")
                .arg(fileName));
    }
    if (!options.pmid.isEmpty()) {
        for (const auto* article : articles) {
            if (articleMatchesId(*article, options.pmid))
                return ArticleChoice{article, {}};
        }
        return ArticleChoice{
            articles.first(),
            QStringLiteral("none of the %1 articles in the set matches %2; imported the first")
                .arg(articles.size())
                .arg(options.pmid)};
    }
    if (articles.size() > 1)
        return ArticleChoice{
            articles.first(),
            QStringLiteral("the PMC article set holds %1 articles; imported the first")
                .arg(articles.size())};
    return ArticleChoice{articles.first(), {}};
}

// ---------------------------------------------------------------- front matter

QString readTitle(const XmlElement& meta) {
    const XmlElement* group = meta.child(QStringLiteral("title-group"));
    if (!group)
        return {};
    QString title = flatten(group->child(QStringLiteral("article-title")));
    const QString subtitle = flatten(group->child(QStringLiteral("subtitle")));
    if (!subtitle.isEmpty())
        title = title.isEmpty() ? subtitle : title + QStringLiteral(": ") + subtitle;
    return title;
}

QString personName(const XmlElement& contrib) {
    const XmlElement* name = contrib.child(QStringLiteral("name"));
    if (!name) {
        if (const auto* alternatives = contrib.child(QStringLiteral("name-alternatives")))
            name = alternatives->child(QStringLiteral("name"));
    }
    if (name) {
        QStringList parts;
        for (const QString& part : {QStringLiteral("prefix"), QStringLiteral("given-names"),
                                    QStringLiteral("surname"), QStringLiteral("suffix")}) {
            const QString text = flatten(name->child(part));
            if (!text.isEmpty())
                parts << text;
        }
        return parts.join(QLatin1Char(' '));
    }
    if (const auto* stringName = contrib.child(QStringLiteral("string-name")))
        return flatten(*stringName);
    if (const auto* collab = contrib.child(QStringLiteral("collab"))) {
        // A consortium may list its members in a nested contrib-group; the name is the text before
        // it.
        QString text;
        for (const auto& node : collab->children) {
            if (!node.element)
                text += node.text;
            else if (node.element->localName != QLatin1String("contrib-group"))
                text += QLatin1Char(' ') + flatten(*node.element) + QLatin1Char(' ');
        }
        return cleanText(text);
    }
    return {};
}

QHash<QString, const XmlElement*> affiliationsById(const XmlElement& meta) {
    QHash<QString, const XmlElement*> byId;
    for (const auto* aff : meta.descendants(QStringLiteral("aff"))) {
        const QString id = aff->attr(QStringLiteral("id"));
        if (!id.isEmpty())
            byId.insert(id, aff);
    }
    return byId;
}

QString contribAffiliation(const XmlElement& contrib,
                           const QHash<QString, const XmlElement*>& affs) {
    if (const auto* own = contrib.child(QStringLiteral("aff")))
        return jats::flattenAffiliation(*own);
    for (const auto* xref : contrib.childElements(QStringLiteral("xref"))) {
        if (xref->attr(QStringLiteral("ref-type")) != QLatin1String("aff"))
            continue;
        const QStringList rids =
            xref->attr(QStringLiteral("rid")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (const QString& rid : rids) {
            if (const auto* aff = affs.value(rid))
                return jats::flattenAffiliation(*aff);
        }
    }
    return {};
}

QList<Author> readAuthors(const XmlElement& meta) {
    const auto affs = affiliationsById(meta);
    QList<Author> authors;
    for (const auto* group : meta.childElements(QStringLiteral("contrib-group"))) {
        for (const auto* contrib : group->childElements(QStringLiteral("contrib"))) {
            const QString type = contrib->attr(QStringLiteral("contrib-type")).toLower();
            if (type != QLatin1String("author") &&
                !(type.isEmpty() && group->attr(QStringLiteral("content-type")).isEmpty()))
                continue;
            const QString name = personName(*contrib);
            if (!name.isEmpty())
                authors << Author{name, contribAffiliation(*contrib, affs)};
        }
    }
    // Papers whose only affiliation is unlinked (one <aff> for everyone) still give each author
    // one.
    if (affs.isEmpty()) {
        if (const auto* onlyAff = meta.firstDescendant(QStringLiteral("aff"))) {
            const QString line = jats::flattenAffiliation(*onlyAff);
            for (auto& author : authors) {
                if (author.affiliation.isEmpty())
                    author.affiliation = line;
            }
        }
    }
    return authors;
}

QString readJournal(const XmlElement& front) {
    const XmlElement* journalMeta = front.child(QStringLiteral("journal-meta"));
    if (!journalMeta)
        return {};
    if (const auto* title = journalMeta->firstDescendant(QStringLiteral("journal-title")))
        return flatten(*title);
    return flatten(journalMeta->firstDescendant(QStringLiteral("abbrev-journal-title")));
}

// The first publication date in document order that is a publication (not PMC's
// own release or a retraction) with a plausible year; the copyright year otherwise.
int readYear(const XmlElement& meta) {
    static const QSet<QString> notPublication = {
        QStringLiteral("pmc-release"), QStringLiteral("nihms-submitted"),
        QStringLiteral("retracted"), QStringLiteral("manuscript")};
    for (const auto* date : meta.childElements(QStringLiteral("pub-date"))) {
        const QString type =
            date->attr(QStringLiteral("pub-type")) + date->attr(QStringLiteral("date-type"));
        if (notPublication.contains(type))
            continue;
        const int year = jats::plausibleYear(flatten(date->child(QStringLiteral("year"))));
        if (year > 0)
            return year;
        if (const int fromIso = jats::plausibleYear(date->attr(QStringLiteral("iso-8601-date")));
            fromIso > 0)
            return fromIso;
    }
    if (const auto* copyright = meta.firstDescendant(QStringLiteral("copyright-year")))
        return jats::plausibleYear(copyright->simplifiedText());
    return 0;
}

void readIds(const XmlElement& meta, Paper& paper) {
    QString pmcaid;
    for (const auto* id : meta.childElements(QStringLiteral("article-id"))) {
        const QString type = id->attr(QStringLiteral("pub-id-type"));
        const QString value = id->simplifiedText();
        if (value.isEmpty())
            continue;
        if (type == QLatin1String("doi") && paper.doi.isEmpty())
            paper.doi = value;
        else if (type == QLatin1String("pmid") && paper.pmid.isEmpty())
            paper.pmid = value;
        else if ((type == QLatin1String("pmc") || type == QLatin1String("pmcid")) &&
                 paper.pmcid.isEmpty())
            paper.pmcid = QStringLiteral("PMC") + withoutPmcPrefix(value);
        else if (type == QLatin1String("pmcaid"))
            pmcaid = value;
    }
    if (paper.pmcid.isEmpty() && !pmcaid.isEmpty())
        paper.pmcid = QStringLiteral("PMC") + withoutPmcPrefix(pmcaid);
}

QString readLicense(const XmlElement& meta) {
    const XmlElement* permissions = meta.child(QStringLiteral("permissions"));
    if (!permissions)
        return {};
    const XmlElement* license = permissions->child(QStringLiteral("license"));
    QStringList candidates;
    QString rawLicenseText;
    if (license) {
        candidates << license->attr(QStringLiteral("xlink:href"));
        for (const auto* child : license->childElements()) {
            if (child->localName == QLatin1String("license_ref"))
                candidates << child->simplifiedText();
        }
        for (const auto* p : license->childElements(QStringLiteral("license-p"))) {
            candidates << flatten(*p);
            // Links inside the licence text often carry the exact licence URL.
            for (const auto* link : p->descendants(QStringLiteral("ext-link")))
                candidates << link->attr(QStringLiteral("xlink:href"));
        }
        rawLicenseText = flatten(*license);
    }
    candidates << flatten(permissions->child(QStringLiteral("copyright-statement")));
    for (const QString& candidate : candidates) {
        const QString normalized = normalizeLicense(candidate);
        if (!normalized.isEmpty())
            return normalized;
    }
    // An unrecognised licence is still worth showing when it is short enough to read.
    if (!rawLicenseText.isEmpty() && rawLicenseText.size() <= 120)
        return rawLicenseText;
    return {};
}

// ---------------------------------------------------------------- abstract

bool isSecondaryAbstract(const XmlElement& abstract) {
    static const QSet<QString> secondary = {
        QStringLiteral("summary"),
        QStringLiteral("author-summary"),
        QStringLiteral("executive-summary"),
        QStringLiteral("teaser"),
        QStringLiteral("graphical"),
        QStringLiteral("editor-summary"),
        QStringLiteral("web-summary"),
        QStringLiteral("precis"),
        QStringLiteral("toc"),
        QStringLiteral("short"),
        QStringLiteral("lay-summary"),
        QStringLiteral("plain-language-summary"),
    };
    return secondary.contains(abstract.attr(QStringLiteral("abstract-type")).toLower());
}

const XmlElement* chooseAbstract(const XmlElement& meta) {
    const auto abstracts = meta.childElements(QStringLiteral("abstract"));
    for (const auto* abstract : abstracts) {
        if (!abstract->hasAttr(QStringLiteral("abstract-type")))
            return abstract;
    }
    for (const auto* abstract : abstracts) {
        if (!isSecondaryAbstract(*abstract))
            return abstract;
    }
    return abstracts.isEmpty() ? nullptr : abstracts.first();
}

QString withoutTrailingColon(QString label) {
    while (label.endsWith(QLatin1Char(':')) || label.endsWith(QLatin1Char('.')))
        label.chop(1);
    return label.trimmed();
}

// Everything of an abstract block except its heading, paragraphs joined by a space.
QString abstractBlockText(const XmlElement& block) {
    QStringList paragraphs;
    QString loose;
    for (const auto& node : block.children) {
        if (!node.element) {
            loose += node.text;
            continue;
        }
        const QString& name = node.element->localName;
        if (name == QLatin1String("title") || name == QLatin1String("label") ||
            jats::isDroppedInText(name))
            continue;
        const QString text = flatten(*node.element);
        if (!text.isEmpty())
            paragraphs << text;
    }
    const QString looseText = cleanText(loose);
    if (!looseText.isEmpty())
        paragraphs.prepend(looseText);
    return paragraphs.join(QLatin1Char(' '));
}

QList<AbstractPart> readAbstract(const XmlElement& abstract) {
    QList<AbstractPart> parts;
    QStringList unlabelled;
    for (const auto& node : abstract.children) {
        if (!node.element)
            continue;
        const XmlElement& child = *node.element;
        if (child.localName == QLatin1String("sec")) {
            if (!unlabelled.isEmpty()) {
                parts << AbstractPart{QString(), unlabelled.join(QLatin1Char(' '))};
                unlabelled.clear();
            }
            const QString text = abstractBlockText(child);
            if (!text.isEmpty())
                parts << AbstractPart{
                    withoutTrailingColon(flatten(child.child(QStringLiteral("title")))), text};
        } else if (child.localName != QLatin1String("title") &&
                   child.localName != QLatin1String("label") &&
                   !jats::isDroppedInText(child.localName)) {
            const QString text = flatten(child);
            if (!text.isEmpty())
                unlabelled << text;
        }
    }
    if (!unlabelled.isEmpty())
        parts << AbstractPart{QString(), unlabelled.join(QLatin1Char(' '))};
    if (parts.isEmpty()) { // text written directly inside <abstract>
        const QString text = abstractBlockText(abstract);
        if (!text.isEmpty())
            parts << AbstractPart{QString(), text};
    }
    return parts;
}

// ---------------------------------------------------------------- body

class BodyReader {
public:
    explicit BodyReader(QList<Section>& sections)
        : m_sections(sections) {}

    void readBody(const XmlElement& body) {
        int looseSection = -1; // paragraphs directly in <body> collect here until the next <sec>
        for (const auto* child : body.childElements()) {
            if (child->localName == QLatin1String("sec")) {
                readSection(*child, 1);
                looseSection = -1;
                continue;
            }
            if (!isProse(child->localName))
                continue;
            if (looseSection < 0) {
                m_sections.append(Section{QString(), 1, {}});
                looseSection = static_cast<int>(m_sections.size()) - 1;
            }
            readBlock(*child, looseSection, 1);
        }
    }

private:
    static bool isProse(const QString& name) {
        static const QSet<QString> prose = {
            QStringLiteral("p"),          QStringLiteral("list"),
            QStringLiteral("disp-quote"), QStringLiteral("boxed-text"),
            QStringLiteral("statement"),  QStringLiteral("def-list"),
            QStringLiteral("speech"),     QStringLiteral("verse-group"),
        };
        return prose.contains(name);
    }

    void readSection(const XmlElement& sec, int level) {
        QString heading = flatten(sec.child(QStringLiteral("title")));
        if (heading.isEmpty())
            heading = flatten(sec.child(QStringLiteral("label")));
        m_sections.append(Section{heading, level, {}});
        const int index = static_cast<int>(m_sections.size()) - 1;
        readChildren(sec, index, level);
    }

    void readChildren(const XmlElement& container, int sectionIndex, int level) {
        for (const auto* child : container.childElements()) {
            if (child->localName == QLatin1String("sec"))
                readSection(*child, level + 1);
            else if (isProse(child->localName))
                readBlock(*child, sectionIndex, level);
        }
    }

    void addParagraph(int sectionIndex, const QString& text) {
        if (!text.isEmpty())
            m_sections[sectionIndex].paragraphs << text;
    }

    // A block of prose: paragraphs become paragraphs, list items become one
    // paragraph each, boxes and quotes contribute their own paragraphs.
    void readBlock(const XmlElement& block, int sectionIndex, int level) {
        const QString& name = block.localName;
        if (name == QLatin1String("p")) {
            addParagraph(sectionIndex, flatten(block));
        } else if (name == QLatin1String("list")) {
            for (const auto* item : block.childElements(QStringLiteral("list-item")))
                addParagraph(sectionIndex, flatten(*item));
        } else if (name == QLatin1String("def-list")) {
            for (const auto* item : block.childElements(QStringLiteral("def-item")))
                addParagraph(sectionIndex, flatten(*item));
        } else {
            readChildren(block, sectionIndex, level);
        }
    }

    QList<Section>& m_sections;
};

// Headings without text of their own and without subsections (e.g. a section that
// only held a table) would show as empty chapters.
void dropEmptySections(QList<Section>& sections) {
    QList<Section> kept;
    for (qsizetype i = sections.size() - 1; i >= 0; --i) {
        const Section& section = sections.at(i);
        const bool hasChildren = !kept.isEmpty() && kept.first().level > section.level;
        if (!section.paragraphs.isEmpty() || hasChildren)
            kept.prepend(section);
    }
    sections = kept;
}

bool hasProse(const XmlElement& body) {
    return body.firstDescendant(QStringLiteral("p")) || body.firstDescendant(QStringLiteral("sec"));
}

// ---------------------------------------------------------------- figures and references

QList<Figure> readFigures(const XmlElement& article) {
    QList<Figure> figures;
    // Figures of sub-articles (author response images) are not the paper's figures.
    for (const QString& part :
         {QStringLiteral("body"), QStringLiteral("back"), QStringLiteral("floats-group")}) {
        const XmlElement* container = article.child(part);
        if (!container)
            continue;
        for (const auto* fig : container->descendants(QStringLiteral("fig"))) {
            Figure figure;
            figure.id = fig->attr(QStringLiteral("id"));
            if (figure.id.isEmpty())
                figure.id = QStringLiteral("fig%1").arg(figures.size() + 1);
            figure.label = flatten(fig->child(QStringLiteral("label")));
            if (const auto* caption = fig->child(QStringLiteral("caption")))
                figure.caption = jats::flattenCaption(*caption);
            if (const auto* graphic = fig->firstDescendant(QStringLiteral("graphic")))
                figure.graphic = graphic->attr(QStringLiteral("xlink:href"));
            figures << figure;
        }
    }
    return figures;
}

int countReferences(const XmlElement& article) {
    const XmlElement* back = article.child(QStringLiteral("back"));
    if (!back)
        return 0;
    int count = 0;
    for (const auto* list : back->descendants(QStringLiteral("ref-list")))
        count += static_cast<int>(list->childElements(QStringLiteral("ref")).size());
    return count;
}

// ---------------------------------------------------------------- the article

Result<Paper> readArticle(const XmlElement& article, bool fromPmcSet, const QString& fileName) {
    const XmlElement* front = article.child(QStringLiteral("front"));
    const XmlElement* meta = front ? front->child(QStringLiteral("article-meta")) : nullptr;
    if (!meta)
        return Result<Paper>::failure(
            ErrorType::Unsupported,
            QStringLiteral("%1 has no <front>/<article-meta>; it is not a JATS article")
                .arg(fileName));
    Paper paper;
    paper.title = readTitle(*meta);
    paper.authors = readAuthors(*meta);
    paper.journal = readJournal(*front);
    paper.year = readYear(*meta);
    readIds(*meta, paper);
    paper.source =
        (fromPmcSet || !paper.pmcid.isEmpty()) ? QStringLiteral("pmc") : QStringLiteral("jats");
    paper.license = readLicense(*meta);
    if (const auto* abstract = chooseAbstract(*meta))
        paper.abstract = readAbstract(*abstract);

    const XmlElement* body = article.child(QStringLiteral("body"));
    if (body && hasProse(*body)) {
        BodyReader(paper.sections).readBody(*body);
        dropEmptySections(paper.sections);
    }
    paper.figures = readFigures(article);
    paper.references = countReferences(article);

    if (paper.title.isEmpty())
        paper.warnings << QStringLiteral("no title: the article has no <article-title>");
    if (paper.abstract.isEmpty())
        paper.warnings << QStringLiteral("no abstract: the article has no abstract");
    if (paper.sections.isEmpty())
        paper.warnings << QStringLiteral(
            "abstract-only: the file has no full text (front matter only; the publisher "
            "may not allow the body to be distributed)");
    return paper;
}

} // namespace

Result<Paper> JatsImporter::import(const QByteArray& data, const QString& fileName,
                                   const ImportOptions& options) const {
    auto tree = parseXmlTree(data);
    if (!tree.ok())
        return Result<Paper>::failure(tree.error().type,
                                      QStringLiteral("%1: %2").arg(fileName, tree.error().message));
    const XmlElement& root = *tree.value();

    auto choice = chooseArticle(root, fileName, options);
    if (!choice.ok())
        return choice.error();
    auto paper = readArticle(*choice->article, root.localName == kPmcSet, fileName);
    if (paper.ok() && !choice->warning.isEmpty())
        paper.value().warnings.prepend(choice->warning);
    return paper;
}

} // namespace hh
