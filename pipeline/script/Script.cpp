// SPDX-License-Identifier: GPL-3.0-or-later
#include "Script.h"

#include <QJsonArray>

namespace hh {

int Script::wordCount() const {
    int words = 0;
    for (const auto& scene : scenes)
        words += int(scene.narration.split(QLatin1Char(' '), Qt::SkipEmptyParts).size());
    return words;
}

QJsonObject Script::toJson() const {
    QJsonArray sceneArray;
    for (const auto& scene : scenes)
        sceneArray.append(
            QJsonObject{{QStringLiteral("kind"), scene.kind},
                        {QStringLiteral("narration"), scene.narration},
                        {QStringLiteral("headline"), scene.headline},
                        {QStringLiteral("sources"), QJsonArray::fromStringList(scene.sources)},
                        {QStringLiteral("figure"), scene.figure},
                        {QStringLiteral("visual_prompt"), scene.visualPrompt},
                        {QStringLiteral("issues"), QJsonArray::fromStringList(scene.issues)}});
    return QJsonObject{{QStringLiteral("version"), 1},
                       {QStringLiteral("title"), title},
                       {QStringLiteral("target_seconds"), targetSeconds},
                       {QStringLiteral("language"), language},
                       {QStringLiteral("issues"), QJsonArray::fromStringList(issues)},
                       {QStringLiteral("scenes"), sceneArray}};
}

Result<Script> Script::fromJson(const QJsonObject& json) {
    Script script;
    script.title = json.value(QLatin1String("title")).toString();
    script.targetSeconds = json.value(QLatin1String("target_seconds")).toInt(60);
    script.language = json.value(QLatin1String("language")).toString(QStringLiteral("en"));
    // Older script.json files have no visual prompts or issues: both default to empty.
    for (const auto& issue : json.value(QLatin1String("issues")).toArray())
        script.issues << issue.toString();
    const QJsonArray scenes = json.value(QLatin1String("scenes")).toArray();
    if (scenes.isEmpty())
        return Result<Script>::failure(
            ErrorType::Internal,
            QStringLiteral("script.json has no scenes; add at least one scene with narration"));
    for (int i = 0; i < scenes.size(); ++i) {
        const QJsonObject obj = scenes.at(i).toObject();
        Scene scene;
        scene.kind = obj.value(QLatin1String("kind")).toString(QStringLiteral("point"));
        scene.narration = obj.value(QLatin1String("narration")).toString().simplified();
        scene.headline = obj.value(QLatin1String("headline")).toString();
        for (const auto& source : obj.value(QLatin1String("sources")).toArray())
            scene.sources << source.toString();
        scene.figure = obj.value(QLatin1String("figure")).toString();
        scene.visualPrompt = obj.value(QLatin1String("visual_prompt")).toString();
        for (const auto& issue : obj.value(QLatin1String("issues")).toArray())
            scene.issues << issue.toString();
        if (scene.narration.isEmpty())
            return Result<Script>::failure(
                ErrorType::Internal,
                QStringLiteral(
                    "scene %1 of script.json has no narration; write some or delete the scene")
                    .arg(i + 1));
        script.scenes.append(scene);
    }
    return script;
}

} // namespace hh
