// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClipStateBoard.h"

#include "core/AtomicFile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <algorithm>

namespace hh {

namespace {

// How far along a clip in `state` is, for the step's bar.
double fractionOf(ClipStateBoard::State state, double progress) {
    using State = ClipStateBoard::State;
    switch (state) {
    case State::RenderingKeyframe:
    case State::WaitingForSlot:
        return 0;
    case State::Queued:
        return 0.05;
    case State::Running:
        return 0.05 + 0.8 * std::max(0.0, progress);
    case State::Downloading:
        return 0.9;
    case State::Done:
    case State::KeptBuiltIn:
        return 1;
    }
    return 0;
}

QString percent(double progress) {
    return QStringLiteral("%1%").arg(qRound(progress * 100));
}

} // namespace

ClipStateBoard::ClipStateBoard(int clips, QString file, std::function<void(const QString&)> note)
    : m_clips(std::max(0, clips))
    , m_file(std::move(file))
    , m_note(std::move(note)) {}

QString ClipStateBoard::stateName(State state) {
    switch (state) {
    case State::RenderingKeyframe:
        return QStringLiteral("keyframe");
    case State::WaitingForSlot:
        return QStringLiteral("waiting");
    case State::Queued:
        return QStringLiteral("queued");
    case State::Running:
        return QStringLiteral("running");
    case State::Downloading:
        return QStringLiteral("downloading");
    case State::Done:
        return QStringLiteral("done");
    case State::KeptBuiltIn:
        return QStringLiteral("builtin");
    }
    return {};
}

QString ClipStateBoard::describe(State state, double progress) {
    switch (state) {
    case State::RenderingKeyframe:
        return QStringLiteral("rendering keyframe");
    case State::WaitingForSlot:
        return QStringLiteral("waiting for a Runway slot");
    case State::Queued:
        return QStringLiteral("queued at Runway");
    case State::Running:
        return progress >= 0 ? QStringLiteral("running at Runway (%1)").arg(percent(progress))
                             : QStringLiteral("running at Runway");
    case State::Downloading:
        return QStringLiteral("downloading");
    case State::Done:
        return QStringLiteral("done");
    case State::KeptBuiltIn:
        return QStringLiteral("kept built-in");
    }
    return {};
}

void ClipStateBoard::set(int index, State state, double progress, const QString& why) {
    if (index < 0 || index >= m_clips.size())
        return;
    Clip& clip = m_clips[index];
    const bool changed = clip.state != state;
    if (!changed && qFuzzyCompare(clip.progress + 2, progress + 2))
        return;
    clip.state = state;
    clip.progress = progress;
    clip.why = why;
    clip.fraction = std::max(clip.fraction, fractionOf(state, progress));
    if (changed && m_note) {
        QString line = QStringLiteral("clip %1/%2: %3")
                           .arg(index + 1)
                           .arg(m_clips.size())
                           .arg(describe(state, progress));
        if (!why.isEmpty())
            line += QStringLiteral(" (%1)").arg(why);
        m_note(line);
    }
    write();
}

QString ClipStateBoard::summary() const {
    int done = 0, builtIn = 0, queued = 0, waiting = 0, downloading = 0, keyframes = 0;
    QStringList running;
    for (const Clip& clip : m_clips) {
        switch (clip.state) {
        case State::Done:
            ++done;
            break;
        case State::KeptBuiltIn:
            ++builtIn;
            break;
        case State::Queued:
            ++queued;
            break;
        case State::WaitingForSlot:
            ++waiting;
            break;
        case State::Downloading:
            ++downloading;
            break;
        case State::RenderingKeyframe:
            ++keyframes;
            break;
        case State::Running:
            running << (clip.progress >= 0 ? percent(clip.progress) : QStringLiteral("…"));
            break;
        }
    }
    QStringList parts;
    if (keyframes > 0)
        parts << QStringLiteral("%1 keyframes to render").arg(keyframes);
    if (done > 0)
        parts << QStringLiteral("%1 done").arg(done);
    if (!running.isEmpty())
        parts << QStringLiteral("%1 running (%2)")
                     .arg(running.size())
                     .arg(running.join(QStringLiteral(", ")));
    if (downloading > 0)
        parts << QStringLiteral("%1 downloading").arg(downloading);
    if (queued > 0)
        parts << QStringLiteral("%1 queued at Runway").arg(queued);
    if (waiting > 0)
        parts << QStringLiteral("%1 waiting for a slot").arg(waiting);
    if (builtIn > 0)
        parts << QStringLiteral("%1 kept built-in").arg(builtIn);
    return QStringLiteral("clips: ") + parts.join(QStringLiteral(", "));
}

double ClipStateBoard::fraction() const {
    if (m_clips.isEmpty())
        return 1;
    double sum = 0;
    for (const Clip& clip : m_clips)
        sum += clip.fraction;
    return sum / double(m_clips.size());
}

void ClipStateBoard::write() const {
    if (m_file.isEmpty())
        return;
    QJsonArray clips;
    for (int i = 0; i < m_clips.size(); ++i) {
        const Clip& clip = m_clips[i];
        QJsonObject entry{{QStringLiteral("scene"), i + 1},
                          {QStringLiteral("state"), stateName(clip.state)},
                          {QStringLiteral("text"), describe(clip.state, clip.progress)}};
        if (clip.progress >= 0)
            entry.insert(QStringLiteral("progress"), clip.progress);
        if (!clip.why.isEmpty())
            entry.insert(QStringLiteral("why"), clip.why);
        clips.append(entry);
    }
    // Best effort: the file only shows the state, the job does not depend on it.
    (void)writeFileAtomically(m_file, QJsonDocument(clips).toJson(QJsonDocument::Compact));
}

} // namespace hh
