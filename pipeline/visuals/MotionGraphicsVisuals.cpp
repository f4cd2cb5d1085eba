// SPDX-License-Identifier: GPL-3.0-or-later
#include "MotionGraphicsVisuals.h"

#include "core/AtomicFile.h"

#include <QDir>
#include <QHash>
#include <QImage>
#include <QImageReader>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace hh {

namespace {

// Decodes a figure without ever allocating for absurd dimensions.
QImage loadBoundedImage(const QString& path, int maxSide) {
    QImageReader reader(path);
    const QSize size = reader.size();
    if (!size.isValid() || size.width() > 20000 || size.height() > 20000)
        return {};
    if (size.width() > maxSide || size.height() > maxSide)
        reader.setScaledSize(size.scaled(maxSide, maxSide, Qt::KeepAspectRatio));
    return reader.read();
}

// paper.json names a figure's image relative to the job folder. Only a path that
// stays inside it is read: a paper.json from elsewhere (a restored backup, a
// rebuilt folder) must not pull another account's files, or any image of the
// computer, into a video.
QString imageInside(const QString& jobDir, const QString& relative) {
    if (relative.isEmpty() || QDir::isAbsolutePath(relative))
        return {};
    const QString root = QDir::cleanPath(QDir(jobDir).absolutePath());
    const QString path = QDir::cleanPath(root + QLatin1Char('/') + relative);
    return path.startsWith(root + QLatin1Char('/')) ? path : QString();
}

// The panel of `figure` that the scene's source sentences name ("Fig. 2B",
// "Figure 2(b)", "panel B"), as a fraction of the figure's picture; empty when
// they name none the import located.
QRectF panelFocus(const Paper& paper, const Scene& scene, const Figure& figure) {
    if (figure.panels.isEmpty() || figure.region.isEmpty())
        return {};
    static const QRegularExpression named(QStringLiteral(
        "\\bFig(?:ure)?s?\\.?\\s*\\d+\\s*\\(?([A-Ha-h])\\b|\\bpanels?\\s+\\(?([A-Ha-h])\\b"));
    QHash<QString, QString> texts;
    for (const Sentence& sentence : paper.sentences())
        texts.insert(sentence.id, sentence.text);
    for (const QString& id : scene.sources) {
        const auto m = named.match(texts.value(id));
        if (!m.hasMatch())
            continue;
        const QString letter = (m.captured(1) + m.captured(2)).toUpper();
        for (const FigurePanel& panel : figure.panels) {
            if (panel.label != letter)
                continue;
            const QRectF& r = figure.region;
            const QRectF fraction(
                (panel.region.x() - r.x()) / r.width(), (panel.region.y() - r.y()) / r.height(),
                panel.region.width() / r.width(), panel.region.height() / r.height());
            return fraction.intersected(QRectF(0, 0, 1, 1));
        }
    }
    return {};
}

} // namespace

Error MotionGraphicsVisuals::prepare(const Paper& paper, const QString& paperDir,
                                     const Script& script, const Narration& narration,
                                     const QString& scenesDir, const VisualsParams& params,
                                     const StepControl& control) {
    // Build into a sibling folder and rename: the rename is the checkpoint.
    const QString tempDir = scenesDir + QStringLiteral(".part");
    QDir(tempDir).removeRecursively();
    if (!QDir().mkpath(tempDir))
        return {ErrorType::Io, QStringLiteral("cannot create %1").arg(tempDir)};

    QJsonArray scenes;
    for (int i = 0; i < script.scenes.size(); ++i) {
        if (control.cancelled()) {
            QDir(tempDir).removeRecursively();
            return {ErrorType::Cancelled, QStringLiteral("cancelled")};
        }
        const Scene& scene = script.scenes[i];
        QJsonObject entry{{QStringLiteral("index"), i},
                          {QStringLiteral("kind"), scene.kind},
                          {QStringLiteral("headline"), scene.headline},
                          {QStringLiteral("start_ms"), narration.sceneStartMs.value(i)},
                          {QStringLiteral("end_ms"), narration.sceneEndMs.value(i)}};
        for (const auto& figure : paper.figures) {
            if (figure.id != scene.figure || figure.image.isEmpty())
                continue;
            const QString path = imageInside(paperDir, figure.image);
            const QImage image = path.isEmpty() ? QImage() : loadBoundedImage(path, kMaxFigureSide);
            if (image.isNull())
                break; // unreadable figure: the scene falls back to its headline card
            const QString fileName = QStringLiteral("scene%1.png").arg(i);
            if (!image.save(QDir(tempDir).filePath(fileName), "PNG")) {
                QDir(tempDir).removeRecursively();
                return {ErrorType::Io,
                        QStringLiteral("cannot write the figure of scene %1").arg(i + 1)};
            }
            entry.insert(QStringLiteral("figure"), figure.id);
            entry.insert(QStringLiteral("figure_image"), fileName);
            entry.insert(QStringLiteral("figure_label"), figure.label);
            entry.insert(QStringLiteral("figure_caption"), figure.caption);
            const QRectF focus = panelFocus(paper, scene, figure);
            if (!focus.isEmpty())
                entry.insert(QStringLiteral("figure_focus"),
                             QJsonArray{focus.x(), focus.y(), focus.width(), focus.height()});
        }
        scenes.append(entry);
        control.report(double(i + 1) / script.scenes.size(),
                       QStringLiteral("scene %1/%2").arg(i + 1).arg(script.scenes.size()));
    }
    const QJsonObject plan{{QStringLiteral("aspect"), params.aspect},
                           {QStringLiteral("renderer"), QStringLiteral("motion-graphics")},
                           {QStringLiteral("scenes"), scenes}};
    if (Error e = writeFileAtomically(QDir(tempDir).filePath(QStringLiteral("plan.json")),
                                      QJsonDocument(plan).toJson(QJsonDocument::Indented));
        e.isError()) {
        QDir(tempDir).removeRecursively();
        return e;
    }
    QDir(scenesDir).removeRecursively();
    if (!QDir().rename(tempDir, scenesDir))
        return {ErrorType::Io,
                QStringLiteral("cannot move the scene media into %1").arg(scenesDir)};
    return {};
}

} // namespace hh
