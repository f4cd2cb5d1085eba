// SPDX-License-Identifier: GPL-3.0-or-later
#include "Compositor.h"

#include <QDir>
#include <QFileInfo>
#include <QImageReader>
#include <QJsonArray>

namespace hh {

namespace {

// Only a file right inside scenes/ is read, whatever a hand-edited plan names.
QString mediaPath(const QString& scenesDir, const QString& name) {
    if (name.isEmpty())
        return {};
    return QDir(scenesDir).filePath(QFileInfo(name).fileName());
}

QImage boundedImage(const QString& path) {
    QImageReader reader(path);
    const QSize size = reader.size();
    if (!size.isValid() || size.width() > 4000 || size.height() > 6000)
        return {};
    return reader.read();
}

} // namespace

void applyScenePlan(const QJsonObject& plan, const QString& scenesDir, VideoContent& content) {
    for (const auto& value : plan.value(QLatin1String("scenes")).toArray()) {
        const QJsonObject scene = value.toObject();
        const int sceneIndex = int(content.sceneStartMs.size());
        const int index = scene.value(QLatin1String("index")).toInt(sceneIndex);
        content.sceneStartMs.append(qint64(scene.value(QLatin1String("start_ms")).toDouble()));
        // A cloud provider's clip for the scene; a missing file shows the built-in look.
        const QString clipPath =
            mediaPath(scenesDir, scene.value(QLatin1String("clip")).toString());
        if (!clipPath.isEmpty() && QFileInfo(clipPath).isFile())
            content.clips.insert(index, clipPath);

        QList<SceneBeat> beats;
        for (const QJsonValue& b : scene.value(QLatin1String("beats")).toArray()) {
            SceneBeat beat = SceneBeat::fromJson(b.toObject());
            if (beat.kind == SceneBeat::Kind::Page) {
                if (!content.pageImages.contains(beat.image)) {
                    const QImage page = boundedImage(mediaPath(scenesDir, beat.image));
                    if (!page.isNull())
                        content.pageImages.insert(beat.image, page);
                }
                if (!content.pageImages.contains(beat.image))
                    continue; // a page that cannot be shown: the beats around it fill in
            }
            beats << beat;
        }
        if (!beats.isEmpty())
            content.beats.insert(index, beats);

        const QString image = scene.value(QLatin1String("figure_image")).toString();
        if (image.isEmpty())
            continue;
        VideoContent::FigureAsset asset;
        asset.image = boundedImage(mediaPath(scenesDir, image));
        asset.label = scene.value(QLatin1String("figure_label")).toString();
        asset.caption = scene.value(QLatin1String("figure_caption")).toString();
        if (!asset.image.isNull())
            content.figures.insert(scene.value(QLatin1String("figure")).toString(), asset);
        const QJsonArray focus = scene.value(QLatin1String("figure_focus")).toArray();
        if (focus.size() == 4) {
            const QRectF f(focus.at(0).toDouble(), focus.at(1).toDouble(), focus.at(2).toDouble(),
                           focus.at(3).toDouble());
            // A hand-edited plan cannot zoom outside the picture.
            if (f.width() > 0.05 && f.height() > 0.05 && QRectF(0, 0, 1, 1).contains(f))
                content.figureFocus.insert(index, f);
        }
    }
}

VideoContent videoContentFor(const Paper& paper, const Script& script, const Narration& narration,
                             const QJsonObject& plan, const QString& scenesDir) {
    VideoContent content;
    content.script = script;
    content.words = narration.words;
    content.durationMs = narration.durationMs();
    content.title = paper.title;
    for (const Author& author : paper.authors)
        content.authors << author.name;
    content.journal = paper.journal;
    content.year = paper.year;
    content.doi = paper.doi;
    content.license = paper.license;
    applyScenePlan(plan, scenesDir, content);
    if (content.sceneStartMs.size() != script.scenes.size()) {
        content.sceneStartMs.clear();
        for (int i = 0; i < script.scenes.size(); ++i)
            content.sceneStartMs << narration.sceneStartMs.value(i);
    }
    return content;
}

} // namespace hh
