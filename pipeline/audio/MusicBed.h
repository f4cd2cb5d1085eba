// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <vector>

namespace hh {

// The built-in music beds: generated in code, so the project ships no audio of
// anyone else's and every render of the same bed is bit-identical. Each bed is a
// four-chord progression played by a soft pad (three slightly detuned voices of a
// mellow additive wave, slow swells that overlap from chord to chord), with a
// quiet sub-bass, and, for the livelier beds, a plucked pulse or arpeggio on the
// beat. No noise, no randomness: the same name and length give the same samples.
class MusicBed {
public:
    // Stable names stored in job options and accepted by `--music`.
    static QStringList names(); // calm, pulse, bright
    static bool isBuiltIn(const QString& name) { return names().contains(name); }
    static int tempoBpm(const QString& name);

    // `seconds` of the bed `name` (mono, peak about −6 dBFS); empty for an unknown name.
    static std::vector<float> generate(const QString& name, double seconds, int sampleRate);
};

} // namespace hh
