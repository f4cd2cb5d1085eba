// SPDX-License-Identifier: GPL-3.0-or-later
#include "GeneratePanel.h"

#include "AppSettings.h"
#include "CaptionPreview.h"
#include "Choices.h"
#include "MusicPicker.h"
#include "ProviderChoices.h"
#include "Theme.h"
#include "VoiceSample.h"
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
#include <QScrollArea>
#include <QUrl>
#include <QVBoxLayout>

namespace hh {

namespace {
// The choices keep their full height while the window has room for them (the
// paper preview above scrolls first), but never more than a few rows' worth, so
// a small screen still shows the actions below.
class OptionsScrollArea final : public QScrollArea {
public:
    using QScrollArea::QScrollArea;
    QSize minimumSizeHint() const override {
        const QSize base = QScrollArea::minimumSizeHint();
        if (!widget())
            return base;
        const int full = widget()->sizeHint().height();
        return {base.width(), std::max(base.height(), std::min(full, kMaxReservedHeight))};
    }

private:
    static constexpr int kMaxReservedHeight = 200;
};

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
    m_duration->setObjectName(QStringLiteral("length"));
    m_duration->setAccessibleName(tr("Length"));
    m_aspect = new QComboBox(this);
    Choices::fillAspects(m_aspect);
    m_aspect->setAccessibleName(tr("Shape"));
    m_voice = new QComboBox(this);
    m_voice->setObjectName(QStringLiteral("voice"));
    Choices::fillVoices(m_voice);
    m_voice->setAccessibleName(tr("Voice"));
    // Voice names are long ("English (UK, Received Pronunciation) — male, formal");
    // the open list shows them whole, the closed box need not.
    m_voice->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_voice->setMinimumContentsLength(18);
    m_sample = new QPushButton(tr("Play sample"), this);
    m_sample->setObjectName(QStringLiteral("playSample"));
    m_sample->setAccessibleName(tr("Play a sample of the voice"));
    m_sample->setToolTip(tr("Hear the chosen voice say a sentence of the paper"));
    // Wide enough for "Stop" and "Play sample" alike, so the row does not jump.
    for (const QString& text : {tr("Stop"), tr("Play sample")}) {
        m_sample->setText(text);
        m_sample->setMinimumWidth(std::max(m_sample->minimumWidth(), m_sample->sizeHint().width()));
    }
    m_sampleMessage = new QLabel(this);
    m_sampleMessage->setObjectName(QStringLiteral("sampleMessage"));
    m_sampleMessage->setWordWrap(true);
    Theme::tintText(m_sampleMessage, Theme::Tone::Negative);
    m_sampleMessage->hide();
    m_voiceSample = new VoiceSample(nullptr, this);
    m_music = new MusicPicker(this);
    m_music->setSpeechSource([this] {
        const JobOptions options = currentOptions();
        return MusicPreview::Request{
            {}, {}, options.voice, sampleSentence(), options.wordsPerMinute};
    });
    m_captionStyle = new QComboBox(this);
    Choices::fillCaptionStyles(m_captionStyle);
    m_captionStyle->setObjectName(QStringLiteral("captionStyle"));
    m_captionStyle->setAccessibleName(tr("Caption style"));
    m_captionPreview = new CaptionPreview(nullptr, this);
    // Created after the choices on the left, so Tab goes down them before moving right.
    m_providers = new ProviderChoices(this);
    m_review = new QCheckBox(tr("Let me review the script first"), this);
    m_generate = new QPushButton(tr("Make video"), this);
    m_generate->setObjectName(QStringLiteral("makeVideo"));
    m_generate->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setAccessibleName(tr("Cancel making the video"));
    m_open = new QPushButton(tr("Play video"), this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 100);
    m_progress->setAccessibleName(tr("Progress"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("generateStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // The choices in one column, the caption sample and the narrator's providers
    // beside them; they scroll when the window is too small, so the actions below
    // them never leave the screen.
    auto* options = new QWidget;
    auto* voiceRow = new QHBoxLayout;
    voiceRow->addWidget(m_voice, 1);
    voiceRow->addWidget(m_sample);
    auto* voiceLabel = new QLabel(tr("&Voice"), options);
    voiceLabel->setBuddy(m_voice);
    auto* form = new QFormLayout;
    form->addRow(tr("&Length"), m_duration);
    form->addRow(tr("S&hape"), m_aspect);
    form->addRow(voiceLabel, voiceRow);
    form->addRow(QString(), m_sampleMessage);
    // The message's row takes no height until there is a message to show.
    form->setRowVisible(m_sampleMessage, false);
    m_optionsForm = form;
    auto* musicLabel = new QLabel(tr("&Music"), options);
    musicLabel->setBuddy(m_music->combo());
    form->addRow(musicLabel, m_music);
    form->addRow(tr("&Captions"), m_captionStyle);
    auto* choices = new QHBoxLayout(options);
    choices->setContentsMargins(0, 0, 0, 0);
    choices->addLayout(form);
    choices->addSpacing(12);
    choices->addWidget(m_captionPreview, 0, Qt::AlignVCenter);
    choices->addSpacing(12);
    choices->addWidget(m_providers, 0, Qt::AlignTop);
    choices->addStretch(1);
    auto* scroll = new OptionsScrollArea(this);
    scroll->setObjectName(QStringLiteral("newVideoOptions"));
    scroll->setWidget(options);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setFocusPolicy(Qt::NoFocus); // its controls take the focus, not the area

    // Tab follows the row as it reads: Cancel and Play video before Make video.
    setTabOrder(m_review, m_cancel);
    setTabOrder(m_cancel, m_open);
    setTabOrder(m_open, m_generate);
    auto* row = new QHBoxLayout;
    row->addWidget(m_review);
    row->addStretch(1);
    row->addWidget(m_cancel);
    row->addWidget(m_open);
    row->addWidget(m_generate);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll, 1);
    layout->addLayout(row);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);

    connect(m_captionStyle, &QComboBox::currentIndexChanged, this, [this] {
        m_captionPreview->setCaptionStyle(CaptionStyle(m_captionStyle->currentData().toInt()));
    });
    // The voice list follows the narrator: espeak-ng's languages or Gemini's 30 voices.
    connect(
        m_providers, &ProviderChoices::voiceProviderChanged, this, [this](const QString& provider) {
            m_voiceSample->stop();
            m_voice->clear();
            if (provider == QLatin1String("gemini")) {
                for (const QString& name : GeminiVoice::voiceNames()) {
                    m_voice->addItem(
                        QStringLiteral("%1 — %2").arg(name, GeminiVoice::voiceDescription(name)),
                        name);
                    m_voice->setItemData(m_voice->count() - 1, name, Qt::ToolTipRole);
                }
                m_voice->setCurrentIndex(
                    std::max(0, m_voice->findData(GeminiVoice::defaultVoice())));
            } else {
                Choices::fillVoices(m_voice);
            }
            updateSampleButton();
        });
    connect(m_sample, &QPushButton::clicked, this, &GeneratePanel::toggleSample);
    connect(m_voiceSample, &VoiceSample::activeChanged, this, &GeneratePanel::updateSampleButton);
    connect(m_voiceSample, &VoiceSample::failed, this, [this](const QString& message) {
        m_sampleMessage->setText(message);
        m_optionsForm->setRowVisible(m_sampleMessage, true);
    });
    // A different voice is a different sample: the old one stops, its problem goes.
    connect(m_voice, &QComboBox::currentIndexChanged, this, [this] {
        m_voiceSample->stop();
        m_optionsForm->setRowVisible(m_sampleMessage, false);
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
    updateSampleButton();
}

namespace {
// The first sentence of the abstract (or of the paper when it has none).
QString firstSentenceOf(const Paper& paper) {
    const QList<Sentence> sentences = paper.sentences();
    for (const Sentence& sentence : sentences) {
        if (sentence.id.startsWith(QLatin1String("abs")) && !sentence.text.trimmed().isEmpty())
            return sentence.text.simplified();
    }
    for (const Sentence& sentence : sentences) {
        if (!sentence.text.trimmed().isEmpty())
            return sentence.text.simplified();
    }
    return {};
}
} // namespace

void GeneratePanel::setPaper(const QString& input, const Paper& paper) {
    m_paperFile = input;
    m_paperTitle = input.isEmpty() ? QString() : paper.title.simplified();
    m_paperFirstSentence = input.isEmpty() ? QString() : firstSentenceOf(paper);
    // The caption shows the paper's own words; the title when the abstract is missing.
    m_captionPreview->setText(m_paperFirstSentence.isEmpty() ? m_paperTitle : m_paperFirstSentence);
    m_generate->setEnabled(!input.isEmpty() && m_jobId == 0);
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    m_open->setVisible(false);
    // Said for what it is: the built-in voice and visuals need no cloud key and no
    // network (the user may well have just made an account, so not "no account").
    m_status->setText(input.isEmpty() ? tr("Drop a paper to make a video of it.")
                                      : tr("Ready: a narrated, captioned video made on this "
                                           "computer — no cloud key or internet needed."));
}

QString GeneratePanel::sampleSentence() const {
    // A title is short and says what the video is about; a very long one is
    // a mouthful, so then the abstract's first sentence, cut to a breath.
    constexpr int kMaxSampleWords = 20;
    const auto words = [](const QString& text) {
        return text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    };
    if (!m_paperTitle.isEmpty() && words(m_paperTitle).size() <= kMaxSampleWords)
        return m_paperTitle;
    if (!m_paperFirstSentence.isEmpty())
        return words(m_paperFirstSentence).mid(0, kMaxSampleWords).join(QLatin1Char(' '));
    if (!m_paperTitle.isEmpty())
        return words(m_paperTitle).mid(0, kMaxSampleWords).join(QLatin1Char(' '));
    return tr("This is how the narrator of your video will sound.");
}

QString GeneratePanel::sampleMessage() const {
    return m_sampleMessage->isHidden() ? QString() : m_sampleMessage->text();
}

void GeneratePanel::toggleSample() {
    if (m_voiceSample->isActive()) {
        m_voiceSample->stop();
        return;
    }
    m_sampleMessage->hide();
    const JobOptions options = currentOptions(); // the voice and pace the video will have
    m_voiceSample->play(options.voice, sampleSentence(), options.wordsPerMinute);
}

void GeneratePanel::updateSampleButton() {
    const bool active = m_voiceSample->isActive();
    m_sample->setText(active ? tr("Stop") : tr("Play sample"));
    m_sample->setAccessibleName(active ? tr("Stop the voice sample")
                                       : tr("Play a sample of the voice"));
    // Cloud voices cost money per request and are heard in the video itself.
    const bool builtIn = m_providers->voiceProvider() != QLatin1String("gemini");
    m_sample->setEnabled(builtIn && m_jobId == 0);
    m_sample->setToolTip(builtIn ? tr("Hear the chosen voice say a sentence of the paper")
                                 : tr("Samples are for the built-in voices"));
}

void GeneratePanel::setRunning(bool running) {
    m_generate->setEnabled(!running && !m_paperFile.isEmpty());
    m_duration->setEnabled(!running);
    m_aspect->setEnabled(!running);
    m_voice->setEnabled(!running);
    if (running)
        m_voiceSample->stop(); // the job narrates now; a sample would wait for it
    m_sample->setEnabled(!running && m_providers->voiceProvider() != QLatin1String("gemini"));
    m_captionStyle->setEnabled(!running);
    m_music->setEnabled(!running);
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
    m_music->apply(options);
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
