// SPDX-License-Identifier: GPL-3.0-or-later
#include "RunwayModels.h"

#include "Usage.h"

#include <cmath>

namespace hh {

namespace {

QList<int> range(int from, int to) {
    QList<int> values;
    for (int v = from; v <= to; ++v)
        values.append(v);
    return values;
}

// From Runway's SDK type definitions and API reference (shared/reference
// external-apis.md 2.3 and 2.10). Veo's price varies with options: the upper
// figure keeps an estimate on the safe side.
const QList<RunwayModelSpec>& specs() {
    static const QList<RunwayModelSpec> table = {
        {QStringLiteral("gen4_turbo"), QStringLiteral("720:1280"), QStringLiteral("1280:720"),
         QStringLiteral("960:960"), range(2, 10), Pricing{}.runwayCreditsPerSecondGen4Turbo, false},
        {QStringLiteral("gen4.5"), QStringLiteral("720:1280"), QStringLiteral("1280:720"),
         QStringLiteral("960:960"), range(2, 10), 12, true},
        {QStringLiteral("veo3.1"),
         QStringLiteral("720:1280"),
         QStringLiteral("1280:720"),
         {},
         {4, 6, 8},
         40,
         false},
        {QStringLiteral("veo3.1_fast"),
         QStringLiteral("720:1280"),
         QStringLiteral("1280:720"),
         {},
         {4, 6, 8},
         15,
         false},
        {QStringLiteral("veo3"),
         QStringLiteral("720:1280"),
         QStringLiteral("1280:720"),
         {},
         {8},
         40,
         false},
    };
    return table;
}

} // namespace

QString RunwayModelSpec::ratioFor(const QString& aspect) const {
    if (aspect == QLatin1String("16:9"))
        return landscapeRatio;
    if (aspect == QLatin1String("1:1"))
        return squareRatio;
    return portraitRatio;
}

int RunwayModelSpec::durationFor(double seconds) const {
    if (durations.isEmpty())
        return 0;
    // A few milliseconds over a whole second is rounding in the timings, not speech.
    const int needed = int(std::ceil(seconds - 0.05));
    for (int d : durations) {
        if (d >= needed)
            return d;
    }
    return durations.last();
}

const RunwayModelSpec* RunwayModelSpec::find(const QString& model) {
    for (const auto& spec : specs()) {
        if (spec.model == model)
            return &spec;
    }
    return nullptr;
}

QStringList RunwayModelSpec::knownModels() {
    QStringList names;
    for (const auto& spec : specs())
        names << spec.model;
    return names;
}

} // namespace hh
