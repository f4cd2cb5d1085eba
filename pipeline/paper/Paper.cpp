// SPDX-License-Identifier: GPL-3.0-or-later
#include "Paper.h"

#include "SentenceSplitter.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QSaveFile>
#include <cmath>

namespace hh {

namespace {

// Rectangles travel as [x, y, width, height] in PDF points, one decimal.
QJsonArray rectToJson(const QRectF& rect) {
    if (rect.isEmpty())
        return {};
    const auto round1 = [](double v) { return std::round(v * 10) / 10; };
    return {round1(rect.x()), round1(rect.y()), round1(rect.width()), round1(rect.height())};
}

QRectF rectFromJson(const QJsonArray& array) {
    if (array.size() != 4)
        return {};
    const QRectF rect(array.at(0).toDouble(), array.at(1).toDouble(), array.at(2).toDouble(),
                      array.at(3).toDouble());
    // A hostile file cannot make a later step allocate a picture from these.
    if (!rect.isValid() || rect.width() > 20000 || rect.height() > 20000 || rect.x() < -20000 ||
        rect.y() < -20000 || rect.x() > 20000 || rect.y() > 20000)
        return {};
    return rect;
}

} // namespace

QString Paper::abstractText() const {
    QStringList parts;
    for (const auto& part : abstract)
        parts << part.text;
    return parts.join(QLatin1Char(' '));
}

QList<Sentence> Paper::sentences() const {
    QList<Sentence> out;
    for (int a = 0; a < abstract.size(); ++a) {
        const auto& part = abstract[a];
        const QString where = part.label.isEmpty()
                                  ? QStringLiteral("Abstract")
                                  : QStringLiteral("Abstract · %1").arg(part.label);
        const QStringList parts = splitSentences(part.text);
        for (int k = 0; k < parts.size(); ++k)
            out.append({QStringLiteral("abs%1.s%2").arg(a).arg(k), parts[k], where});
    }
    for (int i = 0; i < sections.size(); ++i) {
        const auto& section = sections[i];
        for (int j = 0; j < section.paragraphs.size(); ++j) {
            const QString where =
                QStringLiteral("%1 ¶%2")
                    .arg(section.heading.isEmpty() ? QStringLiteral("Body") : section.heading)
                    .arg(j + 1);
            const QStringList parts = splitSentences(section.paragraphs[j]);
            for (int k = 0; k < parts.size(); ++k)
                out.append({QStringLiteral("sec%1.p%2.s%3").arg(i).arg(j).arg(k), parts[k], where});
        }
    }
    return out;
}

int Paper::wordCount() const {
    int words = 0;
    const auto count = [](const QString& text) {
        return int(text.split(QLatin1Char(' '), Qt::SkipEmptyParts).size());
    };
    for (const auto& part : abstract)
        words += count(part.text);
    for (const auto& section : sections) {
        for (const auto& paragraph : section.paragraphs)
            words += count(paragraph);
    }
    return words;
}

QJsonObject Paper::toJson() const {
    QJsonArray authorArray;
    for (const auto& author : authors)
        authorArray.append(QJsonObject{{QStringLiteral("name"), author.name},
                                       {QStringLiteral("affiliation"), author.affiliation}});
    QJsonArray abstractArray;
    for (const auto& part : abstract)
        abstractArray.append(QJsonObject{{QStringLiteral("label"), part.label},
                                         {QStringLiteral("text"), part.text}});
    QJsonArray sectionArray;
    for (const auto& section : sections)
        sectionArray.append(QJsonObject{
            {QStringLiteral("heading"), section.heading},
            {QStringLiteral("level"), section.level},
            {QStringLiteral("paragraphs"), QJsonArray::fromStringList(section.paragraphs)}});
    QJsonArray figureArray;
    for (const auto& figure : figures) {
        QJsonArray panelArray;
        for (const auto& panel : figure.panels)
            panelArray.append(QJsonObject{{QStringLiteral("label"), panel.label},
                                          {QStringLiteral("region"), rectToJson(panel.region)}});
        figureArray.append(QJsonObject{{QStringLiteral("id"), figure.id},
                                       {QStringLiteral("label"), figure.label},
                                       {QStringLiteral("kind"), figure.kind},
                                       {QStringLiteral("caption"), figure.caption},
                                       {QStringLiteral("graphic"), figure.graphic},
                                       {QStringLiteral("image"), figure.image},
                                       {QStringLiteral("page"), figure.page + 1},
                                       {QStringLiteral("region"), rectToJson(figure.region)},
                                       {QStringLiteral("panels"), panelArray}});
    }
    QJsonObject placeObject;
    for (auto it = places.cbegin(); it != places.cend(); ++it) {
        QJsonArray boxArray;
        for (int b = 0; b < it->boxes.size(); ++b) {
            QJsonArray box = rectToJson(it->boxes.at(b));
            box.prepend(it->pages.value(b, it->page) + 1);
            boxArray.append(box);
        }
        placeObject.insert(it.key(), boxArray);
    }
    return QJsonObject{
        {QStringLiteral("source"), source},
        {QStringLiteral("title"), title},
        {QStringLiteral("authors"), authorArray},
        {QStringLiteral("journal"), journal},
        {QStringLiteral("year"), year},
        {QStringLiteral("doi"), doi},
        {QStringLiteral("pmid"), pmid},
        {QStringLiteral("pmcid"), pmcid},
        {QStringLiteral("license"), license},
        {QStringLiteral("abstract"), abstractArray},
        {QStringLiteral("sections"), sectionArray},
        {QStringLiteral("figures"), figureArray},
        {QStringLiteral("references"), references},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings)},
        {QStringLiteral("places"), placeObject},
    };
}

Paper Paper::fromJson(const QJsonObject& json) {
    Paper paper;
    const auto str = [&json](const char* key) { return json.value(QLatin1String(key)).toString(); };
    paper.source = str("source");
    paper.title = str("title");
    paper.journal = str("journal");
    paper.year = json.value(QLatin1String("year")).toInt();
    paper.doi = str("doi");
    paper.pmid = str("pmid");
    paper.pmcid = str("pmcid");
    paper.license = str("license");
    paper.references = json.value(QLatin1String("references")).toInt();
    for (const auto& value : json.value(QLatin1String("authors")).toArray()) {
        const auto obj = value.toObject();
        paper.authors.append({obj.value(QLatin1String("name")).toString(),
                              obj.value(QLatin1String("affiliation")).toString()});
    }
    for (const auto& value : json.value(QLatin1String("abstract")).toArray()) {
        const auto obj = value.toObject();
        paper.abstract.append({obj.value(QLatin1String("label")).toString(),
                               obj.value(QLatin1String("text")).toString()});
    }
    for (const auto& value : json.value(QLatin1String("sections")).toArray()) {
        const auto obj = value.toObject();
        Section section;
        section.heading = obj.value(QLatin1String("heading")).toString();
        section.level = obj.value(QLatin1String("level")).toInt(1);
        for (const auto& p : obj.value(QLatin1String("paragraphs")).toArray())
            section.paragraphs << p.toString();
        paper.sections.append(section);
    }
    for (const auto& value : json.value(QLatin1String("figures")).toArray()) {
        const auto obj = value.toObject();
        Figure figure;
        figure.id = obj.value(QLatin1String("id")).toString();
        figure.label = obj.value(QLatin1String("label")).toString();
        figure.caption = obj.value(QLatin1String("caption")).toString();
        figure.graphic = obj.value(QLatin1String("graphic")).toString();
        figure.image = obj.value(QLatin1String("image")).toString();
        const QString kind = obj.value(QLatin1String("kind")).toString();
        if (kind == QLatin1String("table"))
            figure.kind = kind;
        figure.page = std::max(0, obj.value(QLatin1String("page")).toInt()) - 1;
        figure.region = rectFromJson(obj.value(QLatin1String("region")).toArray());
        for (const auto& p : obj.value(QLatin1String("panels")).toArray()) {
            const auto panel = p.toObject();
            figure.panels.append({panel.value(QLatin1String("label")).toString().left(8),
                                  rectFromJson(panel.value(QLatin1String("region")).toArray())});
        }
        paper.figures.append(figure);
    }
    const QJsonObject placeObject = json.value(QLatin1String("places")).toObject();
    for (auto it = placeObject.constBegin(); it != placeObject.constEnd(); ++it) {
        SentencePlace place;
        for (const auto& value : it.value().toArray()) {
            const QJsonArray box = value.toArray();
            if (box.size() != 5)
                continue;
            const int page = box.at(0).toInt() - 1;
            const QRectF rect =
                rectFromJson(QJsonArray{box.at(1), box.at(2), box.at(3), box.at(4)});
            if (page < 0 || rect.isEmpty())
                continue;
            if (place.page < 0)
                place.page = page;
            place.pages.append(page);
            place.boxes.append(rect);
        }
        if (place.isValid())
            paper.places.insert(it.key(), place);
    }
    for (const auto& w : json.value(QLatin1String("warnings")).toArray())
        paper.warnings << w.toString();
    return paper;
}

namespace {
// Figure IDs come from the document; keep only characters that are safe in a file name
// so a hostile ID such as "../../x" can never leave the figures folder.
QString safeFileStem(const QString& id, int index) {
    QString stem;
    for (const QChar c : id) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            stem += c;
        else if (c == QLatin1Char('-') || c == QLatin1Char('_'))
            stem += c;
    }
    if (stem.isEmpty() || stem.size() > 64)
        stem = QStringLiteral("fig%1").arg(index + 1);
    return stem;
}
} // namespace

bool Paper::saveFigures(const QString& dir, QString* error) {
    if (!QDir().mkpath(dir)) {
        if (error)
            *error = QStringLiteral("cannot create folder %1").arg(dir);
        return false;
    }
    const QString dirName = QFileInfo(dir).fileName();
    for (int i = 0; i < figures.size(); ++i) {
        auto& figure = figures[i];
        if (figure.imageData.isEmpty())
            continue;
        const QString suffix =
            figure.imageSuffix.isEmpty() ? QStringLiteral("png") : figure.imageSuffix;
        const QString fileName = QStringLiteral("%1.%2").arg(safeFileStem(figure.id, i), suffix);
        QSaveFile file(QDir(dir).filePath(fileName));
        if (!file.open(QIODevice::WriteOnly) ||
            file.write(figure.imageData) != figure.imageData.size() || !file.commit()) {
            if (error)
                *error =
                    QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString());
            return false;
        }
        figure.image = dirName + QLatin1Char('/') + fileName;
    }
    return true;
}

} // namespace hh
