// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProgressPlan.h"
#include "core/Result.h"
#include "providers/ProviderHub.h"
#include "render/Compositor.h"
#include "voice/Narration.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <atomic>
#include <functional>
#include <memory>

namespace hh {

// The five checkpoints of a job, in order. Each is done when its artifact is
// complete in the job folder (design/job-schema.md).
enum class Step {
    FetchPaper = 0,
    GenerateScript,
    GenerateAudio,
    GenerateVideos,
    AddCaptions,
    Done
};

QString stepName(Step step); // "fetch-paper" …

struct JobOptions {
    QString input;            // file path (PMID/PMCID/DOI come with the cloud providers)
    int durationSeconds = 60; // 30 | 60 | 90
    QString aspect = QStringLiteral("9:16");
    QString scriptProvider = QStringLiteral("builtin");  // builtin | gemini | openai
    QString voiceProvider = QStringLiteral("builtin");   // builtin | gemini
    QString visualsProvider = QStringLiteral("builtin"); // builtin | runway
    QString voice; // the provider's voice name; empty: its default for the script's language
    int wordsPerMinute = 165;
    QString password; // encrypted PDFs; never written to disk
    bool pauseAfterScript = false;
    QString x264Preset = QStringLiteral(
        "ultrafast"); // measured: the only preset that keeps a 60 s video under 30 s on 2 cores
    int crf = 20;     // ultrafast needs a lower CRF than slower presets for the same sharpness
    CaptionStyle captionStyle = CaptionStyle::Highlight;
    // Figure::id values the user unticked in the preview; fetch-paper drops them, so
    // no later step (script, visuals) can show them.
    QStringList excludedFigures;
    // A variant ("Also make"): the task ID of the job whose paper, script and
    // narration it takes where its own options allow (VariantSharing). Only ever
    // looked up as a task ID of the same account, never used as a path.
    QString shareFrom;
    // Pronunciation lexicon (Lexicon's text format) for the voice; empty: the
    // account's own (Settings → Pronunciation), if it has one.
    QString lexiconFile;
    // A music bed under the narration: "" (none), a built-in bed's name
    // (MusicBed::names()) or the path of the user's audio file; its level against
    // the voice in pauses (audio/Soundtrack).
    QString music;
    double musicVolumeDb = -12.0;

    QJsonObject toJson() const; // without the password
    static JobOptions fromJson(const QJsonObject& json);
};

// Runs the steps of one job inside its folder with the built-in providers,
// skipping every step whose artifact is already there, so an interrupted or
// failed job resumes where it stopped. Artifacts are written under temporary
// names and renamed: the rename is the checkpoint.
class VariantSharing;

class JobSteps {
public:
    using Progress = std::function<void(Step step, int percent, const QString& detail)>;

    JobSteps(QString jobDir, JobOptions options);
    ~JobSteps();

    // Cloud providers for the steps that use them (shared by all jobs), where
    // their usage is booked, and whose keys the requests carry (the job's owner).
    // Without a hub only the built-in providers work.
    void setProviders(std::shared_ptr<ProviderHub> hub, UsageSink* usage, qint64 owner = 0);
    // Lines for the job's event log from inside a step (a cloud clip changed state).
    void setNotes(std::function<void(Step step, const QString& line)> notes) {
        m_notes = std::move(notes);
    }

    // A variant's source: steps it may share are taken from there (or waited for).
    void setSharing(std::shared_ptr<VariantSharing> sharing);
    // A step this variant takes from its source job (waiting for it, not computing it).
    bool isSharedStep(Step step) const;

    Step firstMissingStep() const;
    // The person approved the script at its review (a paused job resumed). Kept
    // as a file beside the script, so a later retry does not stop again; writing
    // a new script withdraws it.
    void approveScript();
    bool isScriptApproved() const;

    // Where the bar stands at each step of this job.
    const ProgressPlan& plan() const { return m_plan; }
    // Before a resume: removes artifacts that exist but cannot be trusted (an MP4
    // that does not probe, JSON that does not parse), so their step runs again.
    QStringList discardBrokenArtifacts() const;
    bool isStepDone(Step step) const;
    QString artifactPath(const QString& name) const;
    // Problems the script writer could not fix (an LLM's unsupported number, an
    // unknown source): the job stops for the user's review instead of publishing them.
    QStringList scriptIssues() const;
    QString finalVideoPath() const { return artifactPath(QStringLiteral("final_video.mp4")); }

    // Runs up to and including `until` (Done: everything). Returns the error of
    // the failing step; the step's partial output is removed.
    Error run(const Progress& progress, const std::atomic_bool* cancel, Step until = Step::Done);

    // What the last step draws, read back from the artifacts of the earlier steps
    // (also used by benchmarks and the player's scene list).
    struct RenderInput {
        VideoContent content;
        Narration narration;
    };
    Result<std::shared_ptr<RenderInput>> loadRenderInput() const;

    // Where the last run stopped (the step that failed or was paused before).
    Step lastStep() const { return m_lastStep; }
    QStringList warnings() const { return m_warnings; }

private:
    Error fetchPaper(const Progress& progress, const std::atomic_bool* cancel);
    Error fetchPaperByIdentifier(const Progress& progress, const std::atomic_bool* cancel);
    void keepSourcePdf();
    Error generateScript(const Progress& progress, const std::atomic_bool* cancel);
    Error generateAudio(const Progress& progress, const std::atomic_bool* cancel);
    Error generateVideos(const Progress& progress, const std::atomic_bool* cancel);
    Error addCaptions(const Progress& progress, const std::atomic_bool* cancel);

    // The network session of this run, made on first use in the running thread.
    ProviderSession* session();

    QString m_dir;
    JobOptions m_options;
    ProgressPlan m_plan;
    std::shared_ptr<ProviderHub> m_hub;
    qint64 m_owner = 0;
    std::function<void(Step, const QString&)> m_notes;
    UsageSink* m_usage = nullptr;
    std::unique_ptr<ProviderSession> m_session;
    std::shared_ptr<VariantSharing> m_sharing;
    Step m_lastStep = Step::FetchPaper;
    QStringList m_warnings;
};

} // namespace hh
