// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace hh {

// The narrated script of a video: `script.json`, human-editable between steps.
// Every scene cites the paper sentences it rests on (Paper::sentences() IDs).
struct Scene {
    QString kind;        // "hook", "point", "figure", "closing"
    QString narration;   // what the voice says, already cleaned for speech
    QString headline;    // on-screen key number or phrase
    QStringList sources; // sentence IDs of the paper
    QString figure;      // Figure::id shown in this scene, or empty
    // The fields below have defaults so scenes written as brace lists of the five
    // above stay valid (and warning-free) code.
    QString visualPrompt = {}; // a shot description for a video generator (Runway), or empty
    // Problems a faithfulness check found and nobody has fixed yet (e.g. a number an
    // LLM wrote that its sources do not state): shown in review, never dropped silently.
    QStringList issues = {};
    bool operator==(const Scene&) const = default;
};

struct Script {
    QString title; // the paper's title, for the title card
    int targetSeconds = 60;
    QString language = QStringLiteral("en"); // BCP 47 language of the narration
    QList<Scene> scenes;
    // Problems of the whole script (e.g. far longer than the target), like Scene::issues.
    QStringList issues;

    int wordCount() const;
    QJsonObject toJson() const;
    // Validates shape: at least one scene, every scene has narration.
    static Result<Script> fromJson(const QJsonObject& json);
};

} // namespace hh
