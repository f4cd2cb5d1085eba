// SPDX-License-Identifier: GPL-3.0-or-later
#include "MotionGraphicsVisuals.h"

#include "BeatPlanner.h"
#include "core/AtomicFile.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QImage>
#include <QImageReader>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
#include <memory>
#include <poppler-qt6.h>

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

// A located figure's panels as fractions of its picture, for the camera.
BeatPlanner::FigureInfo figureInfo(const Figure& figure, const QImage& image) {
    BeatPlanner::FigureInfo info;
    info.aspect = image.height() > 0 ? double(image.width()) / image.height() : 1.0;
    const QRectF& r = figure.region;
    if (r.isEmpty())
        return info;
    for (const FigurePanel& panel : figure.panels) {
        const QRectF fraction =
            QRectF((panel.region.x() - r.x()) / r.width(), (panel.region.y() - r.y()) / r.height(),
                   panel.region.width() / r.width(), panel.region.height() / r.height())
                .intersected(QRectF(0, 0, 1, 1));
        if (fraction.width() < 0.05 || fraction.height() < 0.05)
            continue;
        info.panels << fraction;
        info.panelLabels << panel.label;
    }
    return info;
}

// The PDF page around a sentence: the page's width and a band about as tall as
// it is wide, centred on the sentence (the card is nearly square), rendered
// sharp enough for the camera to move in. The beat's boxes become fractions of it.
bool renderPageCrop(Poppler::Document& document, const SentencePlace& place, SceneBeat& beat,
                    const QString& path) {
    std::unique_ptr<Poppler::Page> page(document.page(place.page));
    if (!page)
        return false;
    const QSizeF size = page->pageSizeF();
    if (size.width() < 50 || size.height() < 50)
        return false;
    QRectF lines;
    QList<QRectF> boxes;
    for (int k = 0; k < place.boxes.size(); ++k) {
        if (place.pages.value(k, place.page) != place.page)
            continue;
        boxes << place.boxes[k];
        lines = lines.isNull() ? place.boxes[k] : lines.united(place.boxes[k]);
    }
    if (boxes.isEmpty())
        return false;
    const double bandHeight =
        std::min(size.height(), std::max(size.width() * 1.05, lines.height() + 80));
    const double top =
        std::clamp(lines.center().y() - bandHeight / 2, 0.0, size.height() - bandHeight);
    const QRectF band(0, top, size.width(), bandHeight);
    constexpr double kPixelsWide = 1400;
    const double dpi = 72.0 * kPixelsWide / size.width();
    const double scale = dpi / 72.0;
    const QImage image = page->renderToImage(dpi, dpi, int(band.x() * scale), int(band.y() * scale),
                                             int(band.width() * scale), int(band.height() * scale));
    // JPEG: a tight PNG of a page cost more than rendering it, and the crop is
    // read once, by the next step, scaled.
    if (image.isNull() || !image.convertToFormat(QImage::Format_RGB32).save(path, "JPEG", 92))
        return false;
    beat.pageRegion = band;
    beat.boxes.clear();
    for (const QRectF& box : std::as_const(boxes))
        beat.boxes << QRectF((box.x() - band.x()) / band.width(),
                             (box.y() - band.y()) / band.height(), box.width() / band.width(),
                             box.height() / band.height())
                          .intersected(QRectF(0, 0, 1, 1));
    beat.boxMs.resize(beat.boxes.size(), beat.boxMs.isEmpty() ? beat.startMs : beat.boxMs.last());
    return true;
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

    // Every figure a scene shows, fitted once; what the planner needs to know of it.
    QHash<int, QJsonObject> entries;
    QHash<QString, BeatPlanner::FigureInfo> figureInfos;
    for (int i = 0; i < script.scenes.size(); ++i) {
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
                break; // unreadable figure: the scene shows its other beats
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
            figureInfos.insert(figure.id, figureInfo(figure, image));
        }
        entries.insert(i, entry);
        control.report(0.4 * (i + 1) / script.scenes.size(),
                       QStringLiteral("scene %1/%2").arg(i + 1).arg(script.scenes.size()));
        if (control.cancelled()) {
            QDir(tempDir).removeRecursively();
            return {ErrorType::Cancelled, QStringLiteral("cancelled")};
        }
    }

    // The PDF the paper came from (kept by fetch-paper) shows sentences on their page.
    std::unique_ptr<Poppler::Document> document;
    const QString pdf = QDir(paperDir).filePath(QStringLiteral("paper.pdf"));
    if (!paper.places.isEmpty() && QFileInfo(pdf).isFile()) {
        document = Poppler::Document::load(pdf);
        if (document && document->isLocked())
            document.reset();
        if (document) {
            document->setRenderHint(Poppler::Document::Antialiasing);
            document->setRenderHint(Poppler::Document::TextAntialiasing);
        }
    }

    const QList<Sentence> sentences = paper.sentences();
    BeatPlanner planner(paper, script, narration);
    planner.setFigures(figureInfos);
    planner.setPagesAvailable(document != nullptr);
    QList<QList<SceneBeat>> beats = planner.plan();

    QJsonArray scenes;
    for (int i = 0; i < script.scenes.size(); ++i) {
        QJsonObject entry = entries.value(i);
        QJsonArray beatArray;
        for (int b = 0; b < beats.value(i).size(); ++b) {
            SceneBeat& beat = beats[i][b];
            if (beat.kind == SceneBeat::Kind::Page) {
                const QString fileName = QStringLiteral("scene%1-page%2.jpg").arg(i).arg(b);
                beat.image = fileName;
                if (!document || !renderPageCrop(*document, paper.places.value(beat.sentenceId),
                                                 beat, QDir(tempDir).filePath(fileName)))
                    BeatPlanner::makeQuote(beat, sentences);
            }
            beatArray.append(beat.toJson());
        }
        entry.insert(QStringLiteral("beats"), beatArray);
        scenes.append(entry);
        control.report(0.4 + 0.6 * (i + 1) / script.scenes.size(),
                       QStringLiteral("scene %1/%2").arg(i + 1).arg(script.scenes.size()));
        if (control.cancelled()) {
            QDir(tempDir).removeRecursively();
            return {ErrorType::Cancelled, QStringLiteral("cancelled")};
        }
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
