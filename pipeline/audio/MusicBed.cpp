// SPDX-License-Identifier: GPL-3.0-or-later
#include "MusicBed.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace hh {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kTableSize = 4096;

struct BedSpec {
    const char* name;
    int bpm;
    std::array<std::array<int, 4>, 4> chords; // MIDI notes, lowest first
    int beatsPerChord;
    enum class Motion { None, Pulse, Arpeggio } motion;
};

// Progressions in plain major keys with sevenths and sixths: consonant, unhurried,
// nothing that draws the ear away from the voice.
const std::array<BedSpec, 3> kBeds{{
    {"calm",
     66,
     {{{48, 55, 59, 64}, {45, 52, 55, 60}, {41, 48, 52, 57}, {43, 50, 52, 59}}},
     8,
     BedSpec::Motion::None},
    {"pulse",
     92,
     {{{50, 57, 61, 66}, {47, 54, 57, 62}, {43, 50, 54, 59}, {45, 52, 57, 59}}},
     8,
     BedSpec::Motion::Pulse},
    {"bright",
     108,
     {{{53, 57, 60, 65}, {52, 55, 60, 64}, {50, 57, 60, 65}, {46, 53, 57, 62}}},
     8,
     BedSpec::Motion::Arpeggio},
}};

const BedSpec* findBed(const QString& name) {
    for (const BedSpec& bed : kBeds)
        if (name == QLatin1String(bed.name))
            return &bed;
    return nullptr;
}

double midiToHz(int note) {
    return 440.0 * std::pow(2.0, (note - 69) / 12.0);
}

// One cycle of a wave, read with linear interpolation: a handful of table reads
// per sample instead of a dozen sin() calls, so a 60 s bed takes a fraction of a second.
class Wavetable {
public:
    explicit Wavetable(const std::vector<double>& harmonics)
        : m_table(kTableSize + 1) {
        double peak = 0;
        for (int i = 0; i <= kTableSize; ++i) {
            double v = 0;
            for (size_t h = 0; h < harmonics.size(); ++h)
                v += harmonics[h] * std::sin(2 * kPi * double(h + 1) * i / kTableSize);
            m_table[size_t(i)] = float(v);
            peak = std::max(peak, std::abs(v));
        }
        for (float& v : m_table)
            v = float(v / peak);
    }
    float at(double phase) const { // phase in cycles, [0, 1)
        const double x = phase * kTableSize;
        const int i = int(x);
        const float frac = float(x - i);
        return m_table[size_t(i)] + frac * (m_table[size_t(i) + 1] - m_table[size_t(i)]);
    }

private:
    std::vector<float> m_table;
};

// A mellow pad: falling harmonics, like a softly filtered saw.
const Wavetable& padWave() {
    static const Wavetable wave({1.0, 0.38, 0.16, 0.07, 0.03});
    return wave;
}
// A pluck: mostly fundamental with a touch of octave, like a muted mallet.
const Wavetable& pluckWave() {
    static const Wavetable wave({1.0, 0.22, 0.05});
    return wave;
}

// Adds one note starting at `startSec`, shaped by `envelope` (one gain per sample
// from the note's start; the note lasts as long as the envelope).
void addNote(std::vector<float>& out, int sampleRate, const Wavetable& wave, double hz,
             double startSec, double gain, double phase0, const std::vector<float>& envelope) {
    const auto start = qint64(std::llround(startSec * sampleRate));
    const qint64 first = std::max<qint64>(0, start);
    const qint64 last = std::min<qint64>(qint64(out.size()), start + qint64(envelope.size()));
    const double step = hz / sampleRate;
    double phase = phase0 + double(first - start) * step;
    phase -= std::floor(phase);
    for (qint64 i = first; i < last; ++i) {
        out[size_t(i)] += float(gain) * envelope[size_t(i - start)] * wave.at(phase);
        phase += step;
        if (phase >= 1.0)
            phase -= 1.0;
    }
}

double smoothStep(double x) {
    x = std::clamp(x, 0.0, 1.0);
    return 0.5 - 0.5 * std::cos(kPi * x);
}

} // namespace

QStringList MusicBed::names() {
    QStringList list;
    for (const BedSpec& bed : kBeds)
        list << QLatin1String(bed.name);
    return list;
}

int MusicBed::tempoBpm(const QString& name) {
    const BedSpec* bed = findBed(name);
    return bed ? bed->bpm : 0;
}

std::vector<float> MusicBed::generate(const QString& name, double seconds, int sampleRate) {
    const BedSpec* bed = findBed(name);
    if (!bed || seconds <= 0 || sampleRate <= 0)
        return {};
    std::vector<float> out(size_t(std::ceil(seconds * sampleRate)), 0.0f);
    const double beat = 60.0 / bed->bpm;
    const double chordLength = beat * bed->beatsPerChord;
    // The pad swells in over a third of the chord and rings on under the next one:
    // the chords overlap, so there is never a gap or a click at a change.
    const double swell = chordLength / 3;
    const double ring = 1.6;
    const int chordCount = int(std::ceil(seconds / chordLength)) + 1;
    static constexpr std::array<double, 3> kDetuneCents{-7.0, 0.0, 6.0};
    static constexpr std::array<double, 3> kPhases{0.0, 0.37, 0.71};

    // A pluck: 6 ms attack, 220 ms decay, 1.2 s long; the same for every note.
    std::vector<float> pluckEnv(size_t(1.2 * sampleRate));
    for (size_t i = 0; i < pluckEnv.size(); ++i) {
        const double t = double(i) / sampleRate;
        pluckEnv[i] = float(std::min(1.0, t / 0.006) * std::exp(-t / 0.22));
    }

    for (int c = 0; c < chordCount; ++c) {
        const auto& chord = bed->chords[size_t(c % 4)];
        // The first chord starts sounding slightly early so the bed opens on a full pad.
        const double start = c * chordLength - (c == 0 ? 0.0 : swell * 0.5);
        const double held = chordLength + (c == 0 ? 0.0 : swell * 0.5);
        // One envelope per chord, shared by its notes: the trigonometry runs once
        // per sample of the chord, not once per oscillator.
        // Computed every 32 samples (0.7 ms) and interpolated: the shape moves over
        // seconds, so nobody hears the difference, and the cost drops 32-fold.
        const auto envAt = [&](double t) {
            const double in = t < swell ? smoothStep(t / swell) : 1.0;
            const double fadeOut = t < held ? 1.0 : smoothStep(1.0 - (t - held) / ring);
            // A slow breathing (one cycle per chord) keeps the held pad alive.
            return in * fadeOut * (0.9 + 0.1 * std::sin(2 * kPi * t / chordLength));
        };
        constexpr size_t kControl = 32;
        std::vector<float> padEnv(size_t((held + ring) * sampleRate));
        for (size_t block = 0; block < padEnv.size(); block += kControl) {
            const double a = envAt(double(block) / sampleRate);
            const double b = envAt(double(block + kControl) / sampleRate);
            for (size_t i = block; i < std::min(padEnv.size(), block + kControl); ++i)
                padEnv[i] = float(a + (b - a) * double(i - block) / kControl);
        }
        for (size_t n = 0; n < chord.size(); ++n) {
            for (size_t v = 0; v < kDetuneCents.size(); ++v) {
                const double hz = midiToHz(chord[n]) * std::pow(2.0, kDetuneCents[v] / 1200.0);
                addNote(out, sampleRate, padWave(), hz, start, 0.05, kPhases[v] + 0.13 * double(n),
                        padEnv);
            }
        }
        // Sub-bass: the chord's root an octave down, swelling with the pad.
        addNote(out, sampleRate, padWave(), midiToHz(chord[0] - 12), start, 0.06, 0.0, padEnv);

        if (bed->motion == BedSpec::Motion::None)
            continue;
        // Eighth notes over the chord: the pulse repeats root and fifth an octave up,
        // the arpeggio climbs the chord; each note a soft pluck that dies away.
        const int eighths = bed->beatsPerChord * 2;
        for (int e = 0; e < eighths; ++e) {
            const double noteStart = c * chordLength + e * beat / 2;
            int note = 0;
            if (bed->motion == BedSpec::Motion::Pulse)
                note = chord[e % 2 == 0 ? 0 : 2] + 12;
            else
                note = chord[size_t(e % 4)] + 12 + (e % 8 >= 4 ? 12 : 0);
            // Downbeats a little stronger than offbeats: a gentle lilt, not a metronome.
            const double accent = e % 4 == 0 ? 1.0 : e % 2 == 0 ? 0.8 : 0.6;
            addNote(out, sampleRate, pluckWave(), midiToHz(note), noteStart, 0.07 * accent, 0.0,
                    pluckEnv);
        }
    }
    float peak = 0;
    for (float v : out)
        peak = std::max(peak, std::abs(v));
    if (peak > 0) {
        const float scale = 0.5f / peak; // −6 dBFS: the mixer sets the level from loudness
        for (float& v : out)
            v *= scale;
    }
    return out;
}

} // namespace hh
