// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace hh {

// What Hidden Hill knows about one Runway image-to-video model: the output sizes
// it accepts for each frame shape, the clip lengths it can make and its price.
// Runway changes models every few months; the model name is a setting
// (HH_RUNWAY_MODEL), this table says how to ask each known one.
struct RunwayModelSpec {
    QString model;
    QString portraitRatio;  // for 9:16, e.g. "720:1280"; empty: not offered
    QString landscapeRatio; // for 16:9
    QString squareRatio;    // for 1:1
    QList<int> durations;   // allowed clip lengths in seconds, ascending
    double creditsPerSecond = 0;
    bool needsPromptText = false;

    // The `ratio` value for a frame shape ("9:16", "16:9", "1:1"); empty when
    // the model cannot make that shape.
    QString ratioFor(const QString& aspect) const;
    // The shortest allowed length that covers `seconds`, else the longest one:
    // a longer scene then holds the clip's last frame.
    int durationFor(double seconds) const;

    // Null for a model this table does not know.
    static const RunwayModelSpec* find(const QString& model);
    static QStringList knownModels();
};

} // namespace hh
