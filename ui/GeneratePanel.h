// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Paper.h"
#include "jobs/JobSteps.h"
#include "providers/ProviderHub.h"

#include <QHash>
#include <QStringList>
#include <QWidget>
#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QProgressBar;
class QPushButton;

namespace hh {

class AlsoMakeChoices;
class ErrorFixButton;
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
// Make video is never held back by running jobs: several papers make one job each,
// and the progress row shows only the job of the paper on screen (each job's state
// is kept, so a paper loaded again shows its own job: running, done, or stopped
// with Continue, which resumes that same job).
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
    // Several papers at once: Make video makes one job for each, with the same choices.
    void setPapers(const QStringList& inputs);
    QStringList papers() const { return m_papers; }
    // The password of an encrypted PDF, kept in memory only, for its jobs and their Continue.
    void rememberPassword(const QString& input, const QString& password);
    // The job the progress row shows: the latest one of the paper on screen (0: none).
    qint64 currentJob() const { return m_jobId; }
    QPushButton* continueButton() const { return m_continue; }
    // How Continue resumes a job (the window's way asks for passwords); unset: the runner
    // directly, with the paper's remembered password.
    using Resumer = std::function<Error(qint64 jobId)>;
    void setResumer(Resumer resumer) { m_resumer = std::move(resumer); }
    QPushButton* cancelButton() const { return m_cancel; }
    QPushButton* playButton() const { return m_open; }
    QPushButton* showVideosButton() const { return m_showVideos; }
    QString statusText() const;
    int progressValue() const;
    QPushButton* generateButton() const { return m_generate; }
    // Under a failed job's error: the fix, if the app has one (MainWindow carries it out).
    ErrorFixButton* errorFixButton() const { return m_errorFix; }

    void setReviewScript(bool review);
    // Takes the defaults from `settings` now and whenever they change; null: built-in defaults.
    void setSettings(AppSettings* settings);
    void setProviderHub(std::shared_ptr<ProviderHub> hub);
    ProviderChoices* providerChoices() const { return m_providers; }
    AlsoMakeChoices* alsoMakeChoices() const { return m_alsoMake; }
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
    // One of the jobs this panel started ended (whichever paper is on screen now).
    void jobEnded(bool ok, qint64 jobId);
    // Play video: the built-in player, never the desktop's.
    void playRequested(qint64 jobId);
    // "Show My Videos" after several videos were added.
    void videosRequested();
    // The job stopped after its script because the user asked to review it.
    void scriptReviewRequested(qint64 jobId);

private:
    // What the progress row says about one of this panel's jobs, kept per job so
    // each paper shows its own job's state when it is on screen again.
    struct JobView {
        enum class State { Running, Done, Stopped };
        State state = State::Running;
        int percent = 0;
        QString status;
        QString videoPath;
        bool canContinue = false;
        QString errorType; // a failure's, for the fix offered under the panel
        QString errorMessage;
    };
    void generate();
    void cancel();
    void continueJob();
    // Shows the job of the paper on screen (or the ready line when it has none).
    void showCurrentJob();
    JobView* viewOf(qint64 userId, qint64 jobId);
    void onProgress(qint64 userId, qint64 jobId, const QString& step, int percent,
                    const QString& detail);
    void onFinished(qint64 userId, qint64 jobId, const QString& videoPath);
    void onFailed(qint64 userId, qint64 jobId, const QString& errorType, const QString& message);
    void onPaused(qint64 userId, qint64 jobId);
    void applyDefaults();
    void toggleSample();
    void updateSampleButton();

    JobRunner* m_runner = nullptr;
    qint64 m_userId = 0;
    qint64 m_jobId = 0;
    QString m_paperFile;
    QStringList m_papers;
    QHash<QString, qint64> m_jobOfPaper; // paper → its latest job from this panel
    QHash<qint64, JobView> m_jobs;       // this panel's jobs
    QHash<QString, QString> m_passwords; // encrypted PDFs; memory only
    QString m_batchMessage;
    Resumer m_resumer; // "3 videos added to My Videos"
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
    AlsoMakeChoices* m_alsoMake = nullptr; // other shapes, lengths, voices of the same paper
    QPushButton* m_generate = nullptr;
    QFormLayout* m_optionsForm = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_open = nullptr;
    QPushButton* m_continue = nullptr;
    QPushButton* m_showVideos = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    ErrorFixButton* m_errorFix = nullptr;
};

} // namespace hh
