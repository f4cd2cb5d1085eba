// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace hh {

class JobRunner;

// "Make video" for the paper on screen: length and shape, then the job's live
// progress from the runner's signals, and what to do with the result. The
// panel only submits and listens; the job table holds the truth.
class GeneratePanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GeneratePanel)
public:
    GeneratePanel(JobRunner* runner, qint64 userId, QWidget* parent = nullptr);

    void setPaperFile(const QString& path); // empty: nothing to generate
    qint64 currentJob() const { return m_jobId; }
    QString statusText() const;
    int progressValue() const;
    QPushButton* generateButton() const { return m_generate; }

    void setReviewScript(bool review);

Q_SIGNALS:
    void jobEnded(bool ok);
    // The job stopped after its script because the user asked to review it.
    void scriptReviewRequested(qint64 jobId);

private:
    void generate();
    void cancel();
    void onProgress(qint64 userId, qint64 jobId, const QString& step, int percent,
                    const QString& detail);
    void onFinished(qint64 userId, qint64 jobId, const QString& videoPath);
    void onFailed(qint64 userId, qint64 jobId, const QString& errorType, const QString& message);
    void setRunning(bool running);
    void onPaused(qint64 userId, qint64 jobId);

    JobRunner* m_runner = nullptr;
    qint64 m_userId = 0;
    qint64 m_jobId = 0;
    QString m_paperFile;
    QString m_videoPath;
    QComboBox* m_duration = nullptr;
    QComboBox* m_aspect = nullptr;
    QComboBox* m_voice = nullptr;
    QCheckBox* m_review = nullptr;
    QPushButton* m_generate = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_open = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace hh
