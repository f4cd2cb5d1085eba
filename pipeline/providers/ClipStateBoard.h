// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <functional>

namespace hh {

// Where each scene's cloud clip is: what the job's progress line sums up, what
// the job detail lists live (from a small JSON file in the job's folder, written
// atomically at every change) and what the event log gets one line for per change.
class ClipStateBoard {
public:
    enum class State {
        RenderingKeyframe,
        WaitingForSlot, // no slot of the account free yet (other clips or jobs use them)
        Queued,         // submitted: PENDING or THROTTLED at Runway
        Running,
        Downloading,
        Done,
        KeptBuiltIn,
    };

    // `file`: the JSON the job detail reads (empty: none); `note`: one line per change.
    ClipStateBoard(int clips, QString file, std::function<void(const QString&)> note);

    // Changes clip `index`'s state; a change of state (not of progress alone) is
    // noted. `progress`: Runway's 0..1 while running, -1 when not given.
    void set(int index, State state, double progress = -1, const QString& why = {});
    State state(int index) const { return m_clips.at(index).state; }
    // "clips: 1 done, 2 running (42%, 10%), 3 queued at Runway".
    QString summary() const;
    // 0..1 over all clips, never going back.
    double fraction() const;

    static QString stateName(State state);                 // "running", for the file
    static QString describe(State state, double progress); // "running at Runway (42%)"

    static constexpr const char* kFileName = "clip-states.json";

private:
    struct Clip {
        State state = State::RenderingKeyframe;
        double progress = -1;
        double fraction = 0; // highest reached
        QString why;
    };
    void write() const;

    QList<Clip> m_clips;
    QString m_file;
    std::function<void(const QString&)> m_note;
};

} // namespace hh
