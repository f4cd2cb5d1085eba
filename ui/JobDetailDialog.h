// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jobs/DataLayout.h"
#include "jobs/JobStore.h"

#include <QDialog>

class QLabel;

namespace hh {

// One job in detail: the five steps with ticks, the row's status and progress,
// the error with what to do next, and the job's recent log lines.
class JobDetailDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobDetailDialog)
public:
    JobDetailDialog(const JobRecord& record, const DataLayout& layout, const QString& logFile,
                    QWidget* parent = nullptr);

    QString stepsText() const;
    QString errorText() const;

    // What the user can do about an error type, in one sentence.
    static QString adviceFor(const QString& errorType);

private:
    QLabel* m_steps = nullptr;
    QLabel* m_error = nullptr;
};

} // namespace hh
