// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jobs/JobSteps.h"
#include "providers/ProviderHub.h"

#include <QStringList>
#include <QWidget>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace hh {

class ProviderChoices;

class AppSettings;
class CaptionPreview;
class JobRunner;

// "Make video" for the paper on screen: length, shape, voice and caption style
// (with a live preview), then the job's live progress from the runner's
// signals, and what to do with the result. The panel only submits and listens;
// the job table holds the truth. Its choices start from the user's defaults.
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
    // Takes the defaults from `settings` now and whenever they change; null: built-in defaults.
    void setSettings(AppSettings* settings);
    void setProviderHub(std::shared_ptr<ProviderHub> hub);
    ProviderChoices* providerChoices() const { return m_providers; }
    // Figures unticked in the paper preview: the job leaves them out.
    void setExcludedFigures(const QStringList& figureIds) { m_excludedFigures = figureIds; }
    // What "Make video" submits for the current choices.
    JobOptions currentOptions() const;
    void setCaptionStyle(CaptionStyle style);
    CaptionPreview* captionPreview() const { return m_captionPreview; }

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
    void applyDefaults();

    JobRunner* m_runner = nullptr;
    qint64 m_userId = 0;
    qint64 m_jobId = 0;
    QString m_paperFile;
    QString m_videoPath;
    QStringList m_excludedFigures;
    AppSettings* m_settings = nullptr;
    QComboBox* m_duration = nullptr;
    QComboBox* m_aspect = nullptr;
    QComboBox* m_voice = nullptr;
    ProviderChoices* m_providers = nullptr;
    QComboBox* m_captionStyle = nullptr;
    CaptionPreview* m_captionPreview = nullptr;
    QCheckBox* m_review = nullptr;
    QPushButton* m_generate = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_open = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace hh
