// SPDX-License-Identifier: GPL-3.0-or-later
#include "GeneratePanel.h"

#include "AppSettings.h"
#include "CaptionPreview.h"
#include "Choices.h"
#include "ProviderChoices.h"
#include "jobs/JobRunner.h"
#include "providers/GeminiVoice.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace hh {

namespace {
// What the user reads for each step, instead of its internal name.
QString stepLabel(const QString& step) {
    if (step == QLatin1String("fetch-paper"))
        return GeneratePanel::tr("Reading the paper");
    if (step == QLatin1String("generate-script"))
        return GeneratePanel::tr("Writing the script");
    if (step == QLatin1String("generate-audio"))
        return GeneratePanel::tr("Recording the voice");
    if (step == QLatin1String("generate-videos"))
        return GeneratePanel::tr("Preparing the visuals");
    return GeneratePanel::tr("Rendering the video");
}
} // namespace

GeneratePanel::GeneratePanel(JobRunner* runner, qint64 userId, QWidget* parent)
    : QWidget(parent)
    , m_runner(runner)
    , m_userId(userId) {
    m_duration = new QComboBox(this);
    Choices::fillDurations(m_duration);
    Choices::select(m_duration, JobOptions().durationSeconds);
    m_duration->setAccessibleName(tr("Length"));
    m_aspect = new QComboBox(this);
    Choices::fillAspects(m_aspect);
    m_aspect->setAccessibleName(tr("Shape"));
    m_voice = new QComboBox(this);
    Choices::fillVoices(m_voice);
    m_voice->setAccessibleName(tr("Voice"));
    m_providers = new ProviderChoices(this);
    m_captionStyle = new QComboBox(this);
    Choices::fillCaptionStyles(m_captionStyle);
    m_captionStyle->setObjectName(QStringLiteral("captionStyle"));
    m_captionStyle->setAccessibleName(tr("Caption style"));
    m_captionPreview = new CaptionPreview(nullptr, this);
    m_review = new QCheckBox(tr("Let me review the script first"), this);
    m_generate = new QPushButton(tr("Make video"), this);
    m_generate->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_open = new QPushButton(tr("Play video"), this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 100);
    m_progress->setAccessibleName(tr("Progress"));
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // Two columns of choices, the caption sample beside them, the actions below.
    auto* left = new QFormLayout;
    left->addRow(tr("&Length"), m_duration);
    left->addRow(tr("S&hape"), m_aspect);
    auto* right = new QFormLayout;
    right->addRow(tr("&Voice"), m_voice);
    right->addRow(tr("&Captions"), m_captionStyle);
    auto* choices = new QHBoxLayout;
    choices->addLayout(left);
    choices->addSpacing(12);
    choices->addLayout(right);
    choices->addSpacing(12);
    choices->addWidget(m_captionPreview, 0, Qt::AlignVCenter);
    choices->addSpacing(12);
    choices->addWidget(m_providers, 0, Qt::AlignTop);
    choices->addStretch(1);
    auto* row = new QHBoxLayout;
    row->addWidget(m_review);
    row->addStretch(1);
    row->addWidget(m_cancel);
    row->addWidget(m_open);
    row->addWidget(m_generate);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(choices);
    layout->addLayout(row);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);

    connect(m_captionStyle, &QComboBox::currentIndexChanged, this, [this] {
        m_captionPreview->setCaptionStyle(CaptionStyle(m_captionStyle->currentData().toInt()));
    });
    // The voice list follows the narrator: espeak-ng's languages or Gemini's 30 voices.
    connect(
        m_providers, &ProviderChoices::voiceProviderChanged, this, [this](const QString& provider) {
            m_voice->clear();
            if (provider == QLatin1String("gemini")) {
                for (const QString& name : GeminiVoice::voiceNames())
                    m_voice->addItem(
                        QStringLiteral("%1 — %2").arg(name, GeminiVoice::voiceDescription(name)),
                        name);
                m_voice->setCurrentIndex(
                    std::max(0, m_voice->findData(GeminiVoice::defaultVoice())));
            } else {
                Choices::fillVoices(m_voice);
            }
        });
    connect(m_duration, &QComboBox::currentIndexChanged, this,
            [this] { m_providers->setDurationSeconds(m_duration->currentData().toInt()); });
    connect(m_generate, &QPushButton::clicked, this, &GeneratePanel::generate);
    connect(m_cancel, &QPushButton::clicked, this, &GeneratePanel::cancel);
    connect(m_open, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_videoPath)); });
    connect(m_runner, &JobRunner::progressChanged, this, &GeneratePanel::onProgress);
    connect(m_runner, &JobRunner::jobFinished, this, &GeneratePanel::onFinished);
    connect(m_runner, &JobRunner::jobFailed, this, &GeneratePanel::onFailed);
    connect(m_runner, &JobRunner::jobPaused, this, &GeneratePanel::onPaused);
    setPaperFile({});
}

void GeneratePanel::setPaperFile(const QString& path) {
    m_paperFile = path;
    m_generate->setEnabled(!path.isEmpty() && m_jobId == 0);
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    m_open->setVisible(false);
    m_status->setText(
        path.isEmpty()
            ? tr("Drop a paper to make a video of it.")
            : tr("Ready: a narrated, captioned video made on this computer, no account needed."));
}

void GeneratePanel::setRunning(bool running) {
    m_generate->setEnabled(!running && !m_paperFile.isEmpty());
    m_duration->setEnabled(!running);
    m_aspect->setEnabled(!running);
    m_voice->setEnabled(!running);
    m_captionStyle->setEnabled(!running);
    m_providers->setEnabled(!running);
    m_cancel->setVisible(running);
    m_progress->setVisible(true);
}

void GeneratePanel::setProviderHub(std::shared_ptr<ProviderHub> hub) {
    m_providers->setHub(std::move(hub));
}

JobOptions GeneratePanel::currentOptions() const {
    JobOptions options;
    options.input = m_paperFile;
    options.durationSeconds = m_duration->currentData().toInt();
    options.aspect = m_aspect->currentData().toString();
    options.voice = m_voice->currentData().toString();
    options.pauseAfterScript = m_review->isChecked();
    options.captionStyle = CaptionStyle(m_captionStyle->currentData().toInt());
    options.excludedFigures = m_excludedFigures;
    m_providers->apply(options);
    return options;
}

void GeneratePanel::generate() {
    const JobOptions options = currentOptions();
    auto job = m_runner->submit(m_userId, options);
    if (!job) {
        m_status->setText(tr("Could not start: %1").arg(job.error().message));
        return;
    }
    m_jobId = job.value();
    m_videoPath.clear();
    m_open->setVisible(false);
    m_progress->setValue(0);
    m_status->setText(tr("Starting…"));
    setRunning(true);
}

void GeneratePanel::cancel() {
    if (m_jobId != 0)
        m_runner->cancel(m_userId, m_jobId);
}

void GeneratePanel::onProgress(qint64 userId, qint64 jobId, const QString& step, int percent,
                               const QString& detail) {
    if (userId != m_userId || jobId != m_jobId)
        return;
    m_progress->setValue(percent);
    m_status->setText(detail.isEmpty() || detail == QLatin1String("starting") ||
                              detail == QLatin1String("done")
                          ? stepLabel(step)
                          : QStringLiteral("%1 — %2").arg(stepLabel(step), detail));
}

void GeneratePanel::onFinished(qint64 userId, qint64 jobId, const QString& videoPath) {
    if (userId != m_userId || jobId != m_jobId)
        return;
    m_jobId = 0;
    m_videoPath = videoPath;
    m_progress->setValue(100);
    m_status->setText(tr("Done: %1").arg(videoPath));
    m_open->setVisible(true);
    setRunning(false);
    Q_EMIT jobEnded(true);
}

void GeneratePanel::onFailed(qint64 userId, qint64 jobId, const QString& errorType,
                             const QString& message) {
    if (userId != m_userId || jobId != m_jobId)
        return;
    m_jobId = 0;
    m_status->setText(errorType == QLatin1String("cancelled")
                          ? tr("Cancelled. Make video again to continue where it stopped.")
                          : tr("Could not make the video: %1 (%2)").arg(message, errorType));
    setRunning(false);
    Q_EMIT jobEnded(false);
}

void GeneratePanel::setReviewScript(bool review) {
    m_review->setChecked(review);
}

void GeneratePanel::setCaptionStyle(CaptionStyle style) {
    Choices::select(m_captionStyle, int(style));
}

void GeneratePanel::setSettings(AppSettings* settings) {
    if (m_settings)
        disconnect(m_settings, nullptr, this, nullptr);
    m_settings = settings;
    if (m_settings)
        connect(m_settings, &AppSettings::changed, this, &GeneratePanel::applyDefaults);
    applyDefaults();
}

void GeneratePanel::applyDefaults() {
    if (!m_settings)
        return;
    Choices::select(m_duration, m_settings->defaultDuration());
    Choices::select(m_aspect, m_settings->defaultAspect());
    if (!Choices::select(m_voice, m_settings->defaultVoice()))
        m_voice->setCurrentIndex(0);
    Choices::select(m_captionStyle, int(m_settings->defaultCaptionStyle()));
    m_review->setChecked(m_settings->reviewScriptFirst());
}

void GeneratePanel::onPaused(qint64 userId, qint64 jobId) {
    if (userId != m_userId || jobId != m_jobId)
        return;
    m_status->setText(tr("The script is ready for your review."));
    Q_EMIT scriptReviewRequested(jobId);
}

QString GeneratePanel::statusText() const {
    return m_status->text();
}
int GeneratePanel::progressValue() const {
    return m_progress->value();
}

} // namespace hh
