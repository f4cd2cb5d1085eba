// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QListWidget;

namespace hh {

// The job detail's live view of a cloud step: the step's latest detail line
// ("Waiting for Runway: rate limit, retrying in 12 s") and one line per Runway
// clip (queued at Runway, running 42 %, done …), read from the small state file
// the step keeps in the job's folder. Hidden while the job has neither.
class ClipStateList final : public QWidget {
    Q_OBJECT
public:
    explicit ClipStateList(QString jobDir, QWidget* parent = nullptr);

    // Shows `detail` (the step's progress line) and re-reads the clip states.
    void refresh(const QString& detail = {});
    QStringList clipLines() const; // as shown, for tests
    QString detailText() const;

private:
    QString m_file;
    QLabel* m_detail = nullptr;
    QListWidget* m_clips = nullptr;
};

} // namespace hh
