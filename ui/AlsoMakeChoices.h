// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jobs/JobSteps.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QToolButton;

namespace hh {

// "Also make" in New video: a row of toggles for other versions of the same
// video (a square and a wide shape, a 30-second cut, another voice). Each one
// ticked becomes its own job that shares the paper and, where it can, the
// script and the voice with the main video (JobRunner::submitVariants).
class AlsoMakeChoices final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlsoMakeChoices)
public:
    // `voices`: the panel's voice box, whose next voice "Another voice" takes.
    explicit AlsoMakeChoices(QComboBox* voices, QWidget* parent = nullptr);

    // The variants of `base` the ticked toggles ask for; one that would be the
    // same as `base` (a square when the main video is square) is left out.
    QList<JobOptions> variantsOf(const JobOptions& base) const;
    bool hasChoice() const;
    void clear();

    QToolButton* squareToggle() const { return m_square; }
    QToolButton* wideToggle() const { return m_wide; }
    QToolButton* shorterToggle() const { return m_shorter; }
    QToolButton* voiceToggle() const { return m_voice; }

private:
    QToolButton* addToggle(const QString& text, const QString& objectName, const QString& tip);
    // The voice after the chosen one in the voice box (wrapping), as its data.
    int otherVoiceIndex() const;
    void updateVoiceTip();

    QComboBox* m_voices = nullptr;
    QToolButton* m_square = nullptr;
    QToolButton* m_wide = nullptr;
    QToolButton* m_shorter = nullptr;
    QToolButton* m_voice = nullptr;
};

} // namespace hh
