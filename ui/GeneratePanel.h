// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Paper.h"
#include "jobs/JobSteps.h"
#include "providers/ProviderHub.h"

#include <QStringList>
#include <QWidget>
#include <memory>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QProgressBar;
class QPushButton;

namespace hh {

class ProviderChoices;

class AppSettings;
class CaptionPreview;
class JobRunner;
class MusicPicker;
class VoiceSample;

// "Make video" for the paper on screen: length, shape, voice (with a spoken
// sample) and caption style (with a live preview of the paper's own words),
// then the job's live progress from the runner's signals, and what to do with
// the result. The panel only submits and listens; the job table holds the
// truth. Its choices start from the user's defaults. The choices scroll when
// the window is short; the action row (Make video, Cancel, progress) never does.
class GeneratePanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GeneratePanel)
public:
    GeneratePanel(JobRunner* runner, qint64 userId, QWidget* parent = nullptr);

    // The paper to make a video of: `input` is what the job reads (file or ID),
    // `paper` what was read from it (its words feed the caption preview and the
    // voice sample). An empty input: nothing to generate.
    void setPaper(const QString& input, const Paper& paper);
    // As setPaper without the paper's content (previews use their sample sentences).
    void setPaperFile(const QString& path) { setPaper(path, Paper{}); }
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
    QComboBox* voiceCombo() const { return m_voice; }
    QPushButton* sampleButton() const { return m_sample; }
    VoiceSample* voiceSample() const { return m_voiceSample; }
    MusicPicker* musicPicker() const { return m_music; }
    // What "Play sample" says: a sentence of the paper, or a fixed one.
    QString sampleSentence() const;
    // The sample's problem, shown under the voice ("" when none).
    QString sampleMessage() const;

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
    void toggleSample();
    void updateSampleButton();

    JobRunner* m_runner = nullptr;
    qint64 m_userId = 0;
    qint64 m_jobId = 0;
    QString m_paperFile;
    QString m_videoPath;
    QString m_paperTitle;
    QString m_paperFirstSentence;
    QStringList m_excludedFigures;
    AppSettings* m_settings = nullptr;
    QComboBox* m_duration = nullptr;
    QComboBox* m_aspect = nullptr;
    QComboBox* m_voice = nullptr;
    QPushButton* m_sample = nullptr;
    QLabel* m_sampleMessage = nullptr;
    VoiceSample* m_voiceSample = nullptr;
    MusicPicker* m_music = nullptr;
    ProviderChoices* m_providers = nullptr;
    QComboBox* m_captionStyle = nullptr;
    CaptionPreview* m_captionPreview = nullptr;
    QCheckBox* m_review = nullptr;
    QPushButton* m_generate = nullptr;
    QFormLayout* m_optionsForm = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_open = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace hh
