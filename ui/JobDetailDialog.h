// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ErrorActions.h"
#include "JobTimeEstimate.h"
#include "jobs/DataLayout.h"
#include "jobs/JobStore.h"

#include <QDialog>
#include <QPointer>
#include <functional>
#include <memory>

class QJsonObject;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QThreadPool;
class QTimer;

namespace hh {

class JobRunner;
class ClipStateList;

// One job in detail: the five steps with ticks, the row's status and progress,
// how long it has run and roughly how long it still needs, warnings, the error
// with what to do next, and the job's recent log lines. While the job runs the
// dialog follows the runner's signals, so it never polls the database.
class JobDetailDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobDetailDialog)
public:
    static QString stepLabel(int step);       // "Reading the paper" for fetch-paper …
    using Clock = std::function<QDateTime()>; // "now", UTC; replaceable in tests

    // `pool` reads the job's warnings and log lines; null: a small pool of the dialog's own.
    JobDetailDialog(const JobRecord& record, const DataLayout& layout, const QString& logFile,
                    QWidget* parent = nullptr, QThreadPool* pool = nullptr);
    ~JobDetailDialog() override;

    // Live progress, completion and failure of this job from now on.
    void followRunner(JobRunner* runner);
    void setClock(Clock clock);

    QString stepsText() const;
    QString errorText() const;
    QString elapsedText() const;
    QString remainingText() const; // empty once the job stopped
    QString warningsText() const;  // empty until filesLoaded()
    QString soundText() const;     // the final mix's loudness; empty until filesLoaded()
    int progressPercent() const { return m_record.progressPercent; }

    // The button that fixes the error ("Check the Runway key…"); hidden when none does.
    QPushButton* fixButton() const;

    // What the user can do about an error type, in one sentence (ErrorTexts).
    static QString adviceFor(const QString& errorType);
    // The status word as the user reads it ("running" → "making").
    static QString statusLabel(const QString& status);

Q_SIGNALS:
    // The warnings and log lines are on screen.
    void filesLoaded();
    // The error's fix was chosen; the dialog has closed.
    void fixRequested(const hh::ErrorFix& fix);

private:
    struct Files {
        QStringList warnings;
        QString logText;
        QString sound;
    };
    static QString soundSummary(const QJsonObject& sound);
    static Files readFiles(const QString& jobDir, const QString& logFile, qint64 jobId);
    void onProgress(qint64 userId, qint64 jobId, const QString& step, int percent,
                    const QString& detail);
    void onFinished(qint64 userId, qint64 jobId);
    void onFailed(qint64 userId, qint64 jobId, const QString& errorType, const QString& message);
    void showError(const QString& errorType, const QString& message);
    void updateHeading();
    void updateTimes();
    void observeProgress();
    void endRun();
    void updateSteps(const QString& currentStep, bool currentDone);
    bool isRunning() const;

    JobRecord m_record;
    Clock m_clock;
    QLabel* m_heading = nullptr;
    QLabel* m_steps = nullptr;
    QProgressBar* m_progress = nullptr;
    ClipStateList* m_activity = nullptr; // the step's live detail and the cloud clips
    QLabel* m_elapsed = nullptr;
    QLabel* m_remaining = nullptr;
    QLabel* m_warnings = nullptr;
    QLabel* m_sound = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_fix = nullptr;
    ErrorFix m_currentFix;
    QPlainTextEdit* m_log = nullptr;
    QTimer* m_tick = nullptr;
    RemainingTimeTracker m_remainingTime;
    QPointer<JobRunner> m_runner;
    std::unique_ptr<QThreadPool> m_ownPool; // last: destroyed first, waits for a read in flight
};

} // namespace hh
