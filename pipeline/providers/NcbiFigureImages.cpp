// SPDX-License-Identifier: GPL-3.0-or-later
#include "NcbiFigureImages.h"

#include <QBuffer>
#include <QImageReader>
#include <QRegularExpression>

namespace hh {

namespace {

// Lower rank is better; -1: not an image the renderer can use.
int imageRank(const QString& suffix) {
    if (suffix == QLatin1String("jpg") || suffix == QLatin1String("jpeg"))
        return 0;
    if (suffix == QLatin1String("png"))
        return 1;
    if (suffix == QLatin1String("gif"))
        return 2;
    return -1;
}

struct FileName {
    QString stem;   // lower case
    QString suffix; // lower case, without the dot
};

// Splits off the last extension only when it is a known image type, since hrefs
// such as "pone.0046493.g001" contain dots of their own.
FileName splitName(const QString& pathOrHref) {
    const QString base = pathOrHref.section(QLatin1Char('/'), -1).toLower();
    const qsizetype dot = base.lastIndexOf(QLatin1Char('.'));
    if (dot > 0) {
        static const QStringList imageTypes = {
            QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("png"),
            QStringLiteral("gif"), QStringLiteral("tif"),  QStringLiteral("tiff"),
            QStringLiteral("eps"), QStringLiteral("svg"),  QStringLiteral("bmp")};
        const QString suffix = base.mid(dot + 1);
        if (imageTypes.contains(suffix))
            return {base.left(dot), suffix};
    }
    return {base, QString()};
}

bool decodable(const QByteArray& data) {
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    return reader.canRead();
}

} // namespace

FigureLicence FigureLicence::assess(const QString& license) {
    const QString code = license.simplified().toUpper().replace(QLatin1Char('_'), QLatin1Char(' '));
    if (code.isEmpty())
        return {false, QStringLiteral("figures not downloaded: PubMed Central states no licence "
                                      "for this article's files")};
    static const QRegularExpression noDerivatives(QStringLiteral("(^|[^A-Z])ND([^A-Z]|$)"));
    const bool creativeCommons =
        code.startsWith(QLatin1String("CC BY")) || code.startsWith(QLatin1String("CC-BY")) ||
        code.startsWith(QLatin1String("CC0")) || code.contains(QLatin1String("PUBLIC DOMAIN"));
    if (!creativeCommons || noDerivatives.match(code).hasMatch())
        return {false, QStringLiteral("figures not downloaded: the article's licence (%1) does "
                                      "not allow changed copies of its figures, such as a video")
                           .arg(license.simplified())};
    static const QRegularExpression nonCommercial(QStringLiteral("(^|[^A-Z])NC([^A-Z]|$)"));
    if (nonCommercial.match(code).hasMatch())
        return {true, QStringLiteral("figures are licensed %1: use the video only for "
                                     "non-commercial purposes")
                          .arg(license.simplified())};
    return {true, QString()};
}

NcbiFigureMatcher::NcbiFigureMatcher(const QList<Figure>& figures) {
    for (const auto& figure : figures) {
        if (!figure.graphic.isEmpty())
            m_wantedStems[splitName(figure.graphic).stem] += 1;
    }
}

bool NcbiFigureMatcher::wants(const QString& memberPath) const {
    const FileName name = splitName(memberPath);
    return imageRank(name.suffix) >= 0 && m_wantedStems.contains(name.stem);
}

QStringList NcbiFigureMatcher::attach(QList<Figure>& figures,
                                      const QList<PackageMember>& members) const {
    QStringList missing;
    for (auto& figure : figures) {
        if (figure.graphic.isEmpty())
            continue;
        const FileName wanted = splitName(figure.graphic);
        const PackageMember* best = nullptr;
        int bestRank = 0;
        for (const auto& member : members) {
            const FileName name = splitName(member.path);
            int rank = imageRank(name.suffix);
            if (name.stem != wanted.stem || rank < 0 || !decodable(member.data))
                continue;
            if (name.suffix == wanted.suffix)
                rank = -1; // the very file the href names
            if (!best || rank < bestRank) {
                best = &member;
                bestRank = rank;
            }
        }
        if (!best) {
            missing << (figure.label.isEmpty() ? figure.id : figure.label);
            continue;
        }
        const QString suffix = splitName(best->path).suffix;
        figure.imageData = best->data;
        figure.imageSuffix = suffix == QLatin1String("jpeg") ? QStringLiteral("jpg") : suffix;
    }
    return missing;
}

} // namespace hh
