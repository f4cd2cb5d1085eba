// SPDX-License-Identifier: GPL-3.0-or-later
#include "PdfGroundTruth.h"

#include "TestUtil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QXmlStreamReader>
#include <algorithm>
#include <functional>

namespace hh::test {

namespace {

// Elements that run inside a line of text: no word break at their edges
// ("CO<sub>2</sub>" is one word, "<title>Background</title><p>We…" are two).
bool isInline(QStringView name) {
    static const QSet<QString> inlineNames{QStringLiteral("italic"),
                                           QStringLiteral("bold"),
                                           QStringLiteral("sup"),
                                           QStringLiteral("sub"),
                                           QStringLiteral("sc"),
                                           QStringLiteral("underline"),
                                           QStringLiteral("monospace"),
                                           QStringLiteral("roman"),
                                           QStringLiteral("sans-serif"),
                                           QStringLiteral("strike"),
                                           QStringLiteral("overline"),
                                           QStringLiteral("xref"),
                                           QStringLiteral("ext-link"),
                                           QStringLiteral("uri"),
                                           QStringLiteral("email"),
                                           QStringLiteral("named-content"),
                                           QStringLiteral("styled-content"),
                                           QStringLiteral("inline-formula"),
                                           QStringLiteral("abbrev"),
                                           QStringLiteral("hi"),
                                           QStringLiteral("ref"),
                                           QStringLiteral("emph")};
    return inlineNames.contains(name.toString());
}

// Text of the element the reader stands on, all descendants included, with a
// space wherever a block element starts or ends. With `skipOwnTitle` a <title>
// that is a direct child is left out (JATS abstracts carry "Abstract" as their
// own title, which is a heading in the PDF, not abstract text).
QString elementText(QXmlStreamReader& xml, bool skipOwnTitle = false) {
    QString text;
    int depth = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            if (skipOwnTitle && depth == 0 && xml.name() == u"title") {
                xml.skipCurrentElement();
                continue;
            }
            ++depth;
            if (!isInline(xml.name()))
                text += QLatin1Char(' ');
        } else if (xml.isEndElement()) {
            if (depth == 0)
                break;
            --depth;
            if (!isInline(xml.name()))
                text += QLatin1Char(' ');
        } else if (xml.isCharacters()) {
            text += xml.text();
        }
    }
    return text.simplified();
}

QString kindOfTruthFile(const QString& file) {
    const QString name = QFileInfo(file).fileName();
    if (name.endsWith(QLatin1String(".jats.xml")))
        return QStringLiteral("jats");
    if (name.endsWith(QLatin1String(".header.tei.xml")) ||
        name.endsWith(QLatin1String(".fulltext.tei.xml")))
        return QStringLiteral("grobid");
    if (name.endsWith(QLatin1String(".tei.xml")))
        return QStringLiteral("tei");
    if (name.endsWith(QLatin1String(".md")))
        return QStringLiteral("docling");
    if (name.startsWith(QLatin1String("cermine_")) && name.endsWith(QLatin1String(".xml")))
        return QStringLiteral("cermine");
    return {}; // e.g. the S2ORC JSON: its TEI twin says the same
}

int romanValue(const QString& word) {
    static const QRegularExpression roman(QStringLiteral("^[ivx]+$"));
    if (!roman.match(word).hasMatch())
        return 0;
    const QHash<QChar, int> digit{{u'i', 1}, {u'v', 5}, {u'x', 10}};
    int value = 0;
    for (int i = 0; i < word.size(); ++i) {
        const int here = digit.value(word.at(i));
        const int next = i + 1 < word.size() ? digit.value(word.at(i + 1)) : 0;
        value += here < next ? -here : here;
    }
    return value;
}

} // namespace

QByteArray readCorpus(const QString& relative) {
    QFile file(corpusPath(relative));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// CERMINE's JATS-like output: article-title, contrib string-names, abstract, and
// the titles of top-level <sec>s only: CERMINE tagged quotation lines nested in
// sections as sub-headings (MANIFEST: "some quote lines mis-tagged as headings").
Truth readCermine(const QByteArray& data) {
    Truth truth;
    truth.headingsTopLevelOnly = true;
    QXmlStreamReader xml(data);
    int secDepth = 0;
    bool inBody = false;
    bool authorContrib = false;
    while (!xml.atEnd()) {
        xml.readNext();
        const QStringView name = xml.name();
        if (xml.isStartElement()) {
            if (name == u"article-title" && truth.title.isEmpty())
                truth.title = elementText(xml);
            else if (name == u"contrib")
                authorContrib = xml.attributes().value(QLatin1String("contrib-type")) == u"author";
            else if (name == u"string-name" && authorContrib)
                truth.authors << elementText(xml);
            else if (name == u"abstract")
                truth.abstract = elementText(xml);
            else if (name == u"body")
                inBody = true;
            else if (name == u"sec")
                ++secDepth;
            else if (name == u"title" && inBody && secDepth == 1) {
                truth.headings << elementText(xml);
                truth.headingLevels << 1;
            }
        } else if (xml.isEndElement()) {
            if (name == u"sec")
                --secDepth;
            else if (name == u"body")
                inBody = false;
        }
    }
    return truth;
}

// GROBID TEI (s2orc): the main title, persName of analytic authors, the
// abstract, and <head>s of body divisions (figure/table heads excluded).
Truth readGrobidTei(const QByteArray& data) {
    Truth truth;
    QXmlStreamReader xml(data);
    bool inHeader = false;
    bool inAnalytic = false;
    bool inBody = false;
    int figureDepth = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        const QStringView name = xml.name();
        if (xml.isStartElement()) {
            if (name == u"title" && truth.title.isEmpty() &&
                xml.attributes().value(QLatin1String("type")) == u"main")
                truth.title = elementText(xml);
            else if (name == u"analytic" && inHeader)
                inAnalytic = true;
            else if (name == u"teiHeader")
                inHeader = true;
            else if (name == u"persName" && inAnalytic) {
                QStringList parts;
                while (xml.readNextStartElement())
                    parts << elementText(xml);
                truth.authors << parts.join(QLatin1Char(' '));
            } else if (name == u"abstract")
                truth.abstract = elementText(xml);
            else if (name == u"body")
                inBody = true;
            else if (name == u"figure")
                ++figureDepth;
            else if (name == u"head" && inBody && figureDepth == 0) {
                const QString head = elementText(xml);
                if (!head.isEmpty()) {
                    truth.headings << head;
                    truth.headingLevels << 0; // TEI divisions are flat
                }
            }
        } else if (xml.isEndElement()) {
            if (name == u"analytic")
                inAnalytic = false;
            else if (name == u"teiHeader")
                inHeader = false;
            else if (name == u"figure")
                --figureDepth;
            else if (name == u"body")
                inBody = false;
        }
    }
    return truth;
}

// GROBID training data: header (titlePart, docAuthor, abstract div) and fulltext (<head>).
Truth readGrobidTraining(const QByteArray& data, Truth truth) {
    QXmlStreamReader xml(data);
    static const QRegularExpression separators(QStringLiteral("[,*∗†‡'\\d]+|\\band\\b"));
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const QStringView name = xml.name();
        if (name == u"titlePart")
            truth.title = elementText(xml);
        else if (name == u"docAuthor") {
            for (const QString& author : elementText(xml).split(separators, Qt::SkipEmptyParts)) {
                if (!author.trimmed().isEmpty())
                    truth.authors << author.trimmed();
            }
        } else if (name == u"div" && xml.attributes().value(QLatin1String("type")) == u"abstract")
            truth.abstract = elementText(xml);
        else if (name == u"head") {
            truth.headings << elementText(xml);
            truth.headingLevels << 0;
        }
    }
    return truth;
}

// docling Markdown: "#" lines are headings; the page has no title or abstract.
Truth readDoclingMarkdown(const QByteArray& data) {
    Truth truth;
    for (const QString& line : QString::fromUtf8(data).split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("#"))) {
            truth.headings << line.section(QLatin1Char(' '), 1);
            truth.headingLevels << int(line.indexOf(QLatin1Char(' ')));
        }
    }
    return truth;
}

// Publisher / EuropePMC JATS of the same article as the PDF. Read: the article
// title, the first untyped abstract (typed ones are teasers, highlights and
// graphical abstracts, printed apart or not at all), titles of body <sec>s at
// every depth, and labelled <fig>/<table-wrap> of body, floats-group and
// appendices. Sub-articles and supplementary material are not in the PDF;
// a supplementary <sec> ("Supplementary Material") is PMC's wrapper around
// links, printed differently or not at all, so it is left out too.
Truth readJats(const QByteArray& data) {
    Truth truth;
    truth.figuresKnown = true;
    QXmlStreamReader xml(data);
    QStringList stack; // open elements from the root
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isEndElement()) {
            if (!stack.isEmpty())
                stack.removeLast();
            continue;
        }
        if (!xml.isStartElement())
            continue;
        const QStringView name = xml.name();
        const auto attribute = [&xml](const char* key) {
            return xml.attributes().value(QLatin1String(key)).toString();
        };
        if (name == u"sub-article" || name == u"response" || name == u"supplementary-material" ||
            (name == u"sec" && attribute("sec-type") == QLatin1String("supplementary-material"))) {
            xml.skipCurrentElement();
            continue;
        }
        const bool inArticleMeta = stack.contains(QLatin1String("article-meta"));
        if (name == u"article-title" && truth.title.isEmpty() && inArticleMeta &&
            stack.endsWith(QLatin1String("title-group"))) {
            truth.title = elementText(xml);
            continue;
        }
        if (name == u"abstract") {
            if (inArticleMeta && truth.abstract.isEmpty() && attribute("abstract-type").isEmpty())
                truth.abstract = elementText(xml, /*skipOwnTitle=*/true);
            else
                xml.skipCurrentElement(); // graphical abstracts hold figures of their own
            continue;
        }
        const bool inBody = stack.contains(QLatin1String("body"));
        if (name == u"title" && inBody && stack.endsWith(QLatin1String("sec"))) {
            const QString heading = elementText(xml);
            if (!heading.isEmpty()) {
                truth.headings << heading;
                truth.headingLevels << int(stack.count(QLatin1String("sec")));
            }
            continue;
        }
        if (name == u"label" && !stack.contains(QLatin1String("front")) && !stack.isEmpty() &&
            (stack.last() == QLatin1String("fig") || stack.last() == QLatin1String("table-wrap"))) {
            TruthFigure figure;
            figure.kind = stack.last() == QLatin1String("fig") ? QStringLiteral("figure")
                                                               : QStringLiteral("table");
            figure.label = elementText(xml);
            if (!figure.label.isEmpty())
                truth.figures << figure;
            continue;
        }
        stack << name.toString();
    }
    return truth;
}

Truth readTruth(const QString& kind, const QStringList& files) {
    if (kind == QLatin1String("cermine"))
        return readCermine(readCorpus(files.first()));
    if (kind == QLatin1String("tei"))
        return readGrobidTei(readCorpus(files.first()));
    if (kind == QLatin1String("docling"))
        return readDoclingMarkdown(readCorpus(files.first()));
    if (kind == QLatin1String("jats"))
        return readJats(readCorpus(files.first()));
    Truth truth;
    if (kind == QLatin1String("grobid")) {
        for (const QString& file : files)
            truth = readGrobidTraining(readCorpus(file), truth);
    }
    return truth;
}

QString truthJsonDir() {
    return sourcePath(QStringLiteral("tests/data/pdf-truth"));
}

bool applyTruthJson(const QString& path, Truth* truth, QString* error) {
    const auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1").arg(path));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject())
        return fail(QStringLiteral("%1: %2").arg(path, parseError.errorString()));
    const QJsonObject json = document.object();
    if (json.contains(QLatin1String("title")))
        truth->title = json.value(QLatin1String("title")).toString();
    if (json.contains(QLatin1String("abstract")))
        truth->abstract = json.value(QLatin1String("abstract")).toString();
    if (json.contains(QLatin1String("headings"))) {
        truth->headings.clear();
        truth->headingLevels.clear();
        for (const QJsonValue& heading : json.value(QLatin1String("headings")).toArray()) {
            truth->headings << heading.toString();
            truth->headingLevels << 0;
        }
        truth->headingsTopLevelOnly = false;
    }
    if (json.contains(QLatin1String("figures"))) {
        truth->figuresKnown = true;
        for (const QJsonValue& value : json.value(QLatin1String("figures")).toArray()) {
            const QJsonObject object = value.toObject();
            const QString label = object.value(QLatin1String("label")).toString();
            if (label.isEmpty())
                return fail(QStringLiteral("%1: a figure without a label").arg(path));
            TruthFigure* figure = nullptr;
            for (TruthFigure& known : truth->figures) {
                if (figureLabelKey(known.label) == figureLabelKey(label))
                    figure = &known;
            }
            if (!figure) {
                truth->figures.append(TruthFigure());
                figure = &truth->figures.last();
                figure->label = label;
            }
            if (object.contains(QLatin1String("kind")))
                figure->kind = object.value(QLatin1String("kind")).toString();
            else if (figureLabelKey(label).startsWith(QLatin1String("table")))
                figure->kind = QStringLiteral("table");
            // The files count pages from 1 like a PDF viewer; Figure::page counts from 0.
            if (object.contains(QLatin1String("page")))
                figure->page = object.value(QLatin1String("page")).toInt() - 1;
            const QJsonArray region = object.value(QLatin1String("region")).toArray();
            if (region.size() == 4) {
                figure->region = QRectF(region.at(0).toDouble(), region.at(1).toDouble(),
                                        region.at(2).toDouble(), region.at(3).toDouble());
            } else if (!region.isEmpty()) {
                return fail(QStringLiteral("%1: %2 region is not [x, y, w, h]").arg(path, label));
            }
        }
    }
    return true;
}

QList<TruthSource> pdfTruthSources() {
    QMap<QString, TruthSource> byPdf; // sorted by PDF path
    QFile manifest(corpusPath(QStringLiteral("MANIFEST.tsv")));
    if (manifest.open(QIODevice::ReadOnly | QIODevice::Text)) {
        static const QRegularExpression isTruthFor(
            QStringLiteral("^\\(is GT for ((?:pdf|pdf_problem)/[^)]+\\.pdf)\\)$"));
        while (!manifest.atEnd()) {
            const QStringList columns =
                QString::fromUtf8(manifest.readLine()).chopped(1).split(QLatin1Char('\t'));
            if (columns.size() < 8 || !columns.at(0).startsWith(QLatin1String("ground_truth/")))
                continue;
            const auto match = isTruthFor.match(columns.at(7).trimmed());
            const QString kind = kindOfTruthFile(columns.at(0));
            if (!match.hasMatch() || kind.isEmpty())
                continue;
            TruthSource& source = byPdf[match.captured(1)];
            source.pdf = match.captured(1);
            if (source.kind.isEmpty())
                source.kind = kind;
            if (source.kind == kind)
                source.files << columns.at(0);
        }
    }
    // GROBID training truth: header before full text, whatever the MANIFEST order.
    for (TruthSource& source : byPdf)
        std::sort(source.files.begin(), source.files.end(), std::greater<>());

    const QDir jsonDir(truthJsonDir());
    for (const QString& name : jsonDir.entryList({QStringLiteral("*.json")}, QDir::Files)) {
        const QString path = jsonDir.filePath(name);
        QString pdf;
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            pdf = QJsonDocument::fromJson(file.readAll())
                      .object()
                      .value(QLatin1String("pdf"))
                      .toString();
        if (pdf.isEmpty())
            pdf = QStringLiteral("pdf/") + QFileInfo(name).completeBaseName() +
                  QStringLiteral(".pdf");
        TruthSource& source = byPdf[pdf];
        source.pdf = pdf;
        if (source.kind.isEmpty())
            source.kind = QStringLiteral("none");
        source.truthJson = path;
    }
    return byPdf.values();
}

QString headingKey(const QString& heading) {
    static const QRegularExpression roman(QStringLiteral("^[ivxl]+$"));
    QStringList words = tokens(heading);
    while (!words.isEmpty() && roman.match(words.first()).hasMatch())
        words.removeFirst();
    QStringList kept;
    for (const QString& word : words) {
        bool number = false;
        word.toInt(&number);
        if (!number)
            kept << word;
    }
    return kept.join(QLatin1Char(' '));
}

double headingRecall(const QStringList& expected, const QList<Section>& sections,
                     QStringList* missing) {
    if (expected.isEmpty())
        return 1.0;
    QSet<QString> ours;
    for (int i = 0; i < sections.size(); ++i) {
        ours.insert(headingKey(sections.at(i).heading));
        if (i + 1 < sections.size())
            ours.insert(
                headingKey(sections.at(i).heading + QLatin1Char(' ') + sections.at(i + 1).heading));
    }
    int found = 0;
    for (const QString& heading : expected) {
        const bool hit = ours.contains(headingKey(heading));
        found += hit ? 1 : 0;
        if (!hit && missing)
            missing->append(heading);
    }
    return double(found) / expected.size();
}

bool isFrontOrBackMatterHeading(const QString& heading) {
    // Matched on headingKey (lower case, no numbering, punctuation as spaces).
    static const QRegularExpression matter(QStringLiteral(
        "^(?:abstract|summary|highlights|graphical abstract|keywords?|key words"
        "|article (?:history|info|information)|abbreviations|nomenclature"
        "|references?|bibliography|literature cited|works cited"
        "|acknowledge?ments?|funding\\b.*|financial (?:support|disclosure).*"
        "|authors? (?:s )?contributions?\\b.*|author contribution statement|contributions"
        "|conflicts? of interests?\\b.*|competing (?:financial )?interests?\\b.*"
        "|declarations?\\b.*|disclosures?\\b.*"
        "|data (?:and (?:code|materials?) )?availability\\b.*|availability of data\\b.*"
        "|code availability\\b.*|ethics\\b.*|ethical (?:approval|statement).*|consent\\b.*"
        "|supplementary\\b.*|supplemental\\b.*|supporting information\\b.*"
        "|additional (?:information|files?)\\b.*|appendix\\b.*|orcid\\b.*|open access"
        "|grant disclosures?|(?:human|animal) ethics|field study permissions?"
        "|notes?|footnotes?)$"));
    return matter.match(headingKey(heading)).hasMatch();
}

QString figureLabelKey(const QString& label) {
    QStringList words = tokens(label);
    for (int i = 0; i < words.size(); ++i) {
        QString& word = words[i];
        static const QSet<QString> figureWords{QStringLiteral("fig"), QStringLiteral("figs"),
                                               QStringLiteral("figure"), QStringLiteral("figures")};
        static const QSet<QString> tableWords{QStringLiteral("tab"), QStringLiteral("table"),
                                              QStringLiteral("tables")};
        if (figureWords.contains(word))
            word = QStringLiteral("figure");
        else if (tableWords.contains(word))
            word = QStringLiteral("table");
        else if (i > 0 && (words.at(i - 1) == QLatin1String("figure") ||
                           words.at(i - 1) == QLatin1String("table"))) {
            // Spandidos numbers tables in Roman ("Table IV."); the importer may not.
            if (const int value = romanValue(word))
                word = QString::number(value);
        }
    }
    return words.join(QLatin1Char(' '));
}

QString abstractWithLabels(const Paper& paper) {
    QStringList parts;
    for (const AbstractPart& part : paper.abstract)
        parts << part.label << part.text;
    return parts.join(QLatin1Char(' '));
}

} // namespace hh::test
