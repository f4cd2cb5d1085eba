// SPDX-License-Identifier: GPL-3.0-or-later
#include "GeneratePanel.h"

#include "AlsoMakeChoices.h"
#include "AppSettings.h"
#include "CaptionPreview.h"
#include "Choices.h"
#include "ErrorFixButton.h"
#include "ErrorTexts.h"
#include "MusicPicker.h"
#include "ProviderChoices.h"
#include "Theme.h"
#include "VoiceSample.h"
#include "jobs/JobRunner.h"
#include "providers/GeminiVoice.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
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

// Failures a second try can mend (a cancel, the network, a key put right in
// Settings, room made on the disk); a paper that cannot be read stays unreadable.
bool canContinueAfter(const QString& errorType) {
    switch (errorTypeFromCode(errorType)) {
    case ErrorType::BadPdf:
    case ErrorType::NoText:
    case ErrorType::BadXml:
    case ErrorType::Unsupported:
    case ErrorType::TooLarge:
    case ErrorType::NotInPmc:
    case ErrorType::NotFound:
    case ErrorType::ContentBlocked:
        return false;
    default:
        return true;
    }
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
    m_open->setObjectName(QStringLiteral("playVideo"));
    m_continue = new QPushButton(tr("Continue"), this);
    m_continue->setObjectName(QStringLiteral("continueVideo"));
    m_continue->setAccessibleName(tr("Continue making the video where it stopped"));
    m_continue->setToolTip(tr("Carries on from the last finished step; nothing done is redone"));
    m_showVideos = new QPushButton(tr("Show My Videos"), this);
    m_showVideos->setObjectName(QStringLiteral("showVideos"));
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
    form->addRow(tr("Also ma&ke"), m_alsoMake = new AlsoMakeChoices(m_voice, options));
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
    setTabOrder(m_cancel, m_continue);
    setTabOrder(m_continue, m_open);
    setTabOrder(m_open, m_showVideos);
    setTabOrder(m_showVideos, m_generate);
    auto* row = new QHBoxLayout;
    row->addWidget(m_review);
    row->addStretch(1);
    row->addWidget(m_cancel);
    row->addWidget(m_continue);
    row->addWidget(m_open);
    row->addWidget(m_showVideos);
    row->addWidget(m_generate);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll, 1);
    layout->addLayout(row);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    m_errorFix = new ErrorFixButton(this);
    layout->addWidget(m_errorFix, 0, Qt::AlignLeft);

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
            } else if (provider == QLatin1String("openai-speech")) {
                // The voice set in Settings → Providers (HH_SPEECH_VOICE).
                m_voice->addItem(tr("The speech server's voice"), QString());
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
    connect(m_continue, &QPushButton::clicked, this, &GeneratePanel::continueJob);
    // The built-in player, beside the sentences the video came from (not the desktop's player).
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (m_jobId != 0)
            Q_EMIT playRequested(m_jobId);
    });
    connect(m_showVideos, &QPushButton::clicked, this, &GeneratePanel::videosRequested);
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
    m_papers = input.isEmpty() ? QStringList() : QStringList{input};
    m_batchMessage.clear();
    m_paperTitle = input.isEmpty() ? QString() : paper.title.simplified();
    m_paperFirstSentence = input.isEmpty() ? QString() : firstSentenceOf(paper);
    // The caption shows the paper's own words; the title when the abstract is missing.
    m_captionPreview->setText(m_paperFirstSentence.isEmpty() ? m_paperTitle : m_paperFirstSentence);
    showCurrentJob();
}

void GeneratePanel::setPapers(const QStringList& inputs) {
    if (inputs.size() <= 1) {
        setPaperFile(inputs.value(0));
        return;
    }
    m_paperFile.clear();
    m_papers = inputs;
    m_batchMessage.clear();
    m_paperTitle.clear();
    m_paperFirstSentence.clear();
    m_captionPreview->setText({});
    showCurrentJob();
}

void GeneratePanel::rememberPassword(const QString& input, const QString& password) {
    m_passwords.insert(input, password);
}

void GeneratePanel::showCurrentJob() {
    // Running jobs never hold Make video back: the next paper can always be queued.
    m_generate->setEnabled(!m_papers.isEmpty());
    m_generate->setText(m_papers.size() > 1 ? tr("Make %1 videos").arg(m_papers.size())
                                            : tr("Make video"));
    m_jobId = m_paperFile.isEmpty() ? 0 : m_jobOfPaper.value(m_paperFile);
    const auto view = m_jobs.constFind(m_jobId);
    const bool hasJob = m_jobId != 0 && view != m_jobs.cend();
    m_progress->setVisible(hasJob);
    m_cancel->setVisible(hasJob && view->state == JobView::State::Running);
    m_continue->setVisible(hasJob && view->state == JobView::State::Stopped && view->canContinue);
    m_open->setVisible(hasJob && view->state == JobView::State::Done);
    m_showVideos->setVisible(!m_batchMessage.isEmpty());
    updateSampleButton();
    if (hasJob) {
        m_progress->setValue(view->percent);
        m_status->setText(view->status);
        // The fix for this job's failure; an import's own fix is MainWindow's to show.
        if (view->state == JobView::State::Stopped && !view->errorType.isEmpty())
            m_errorFix->showFor(view->errorType, QString(), view->errorMessage);
        else
            m_errorFix->clearFix();
    } else if (!m_batchMessage.isEmpty()) {
        m_status->setText(m_batchMessage);
    } else if (m_papers.size() > 1) {
        m_status->setText(tr("%1 papers ready: Make video makes one video of each, with these "
                             "choices.")
                              .arg(m_papers.size()));
    } else {
        // Said for what it is: the built-in voice and visuals need no cloud key and no
        // network (the user may well have just made an account, so not "no account").
        m_status->setText(m_papers.isEmpty() ? tr("Drop a paper to make a video of it.")
                                             : tr("Ready: a narrated, captioned video made on this "
                                                  "computer — no cloud key or internet needed."));
    }
}

GeneratePanel::JobView* GeneratePanel::viewOf(qint64 userId, qint64 jobId) {
    if (userId != m_userId)
        return nullptr;
    const auto it = m_jobs.find(jobId);
    return it == m_jobs.end() ? nullptr : &it.value();
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
    m_sample->setEnabled(builtIn);
    m_sample->setToolTip(builtIn ? tr("Hear the chosen voice say a sentence of the paper")
                                 : tr("Samples are for the built-in voices"));
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
    m_errorFix->clearFix();
    const JobOptions chosen = currentOptions();
    int added = 0;
    QStringList problems;
    for (const QString& paper : std::as_const(m_papers)) {
        JobOptions options = chosen;
        options.input = paper;
        // The variants ticked in Also make are jobs of their own; the panel follows the main one.
        auto jobs = m_runner->submitVariants(m_userId, options, m_alsoMake->variantsOf(options),
                                             m_passwords.value(paper));
        if (!jobs) {
            problems << QStringLiteral("%1: %2").arg(QFileInfo(paper).fileName(),
                                                     jobs.error().message);
            continue;
        }
        const qint64 jobId = jobs.value().first();
        ++added;
        m_jobOfPaper.insert(paper, jobId);
        m_jobs.insert(jobId, JobView{.state = JobView::State::Running,
                                     .percent = 0,
                                     .status = tr("Waiting to start…"),
                                     .videoPath = {},
                                     .canContinue = false,
                                     .errorType = {},
                                     .errorMessage = {}});
    }
    if (m_papers.size() > 1) {
        // Each paper's progress is in My Videos; here, what was done and the way there.
        m_batchMessage = tr("%1 videos added to My Videos.").arg(added);
        if (!problems.isEmpty())
            m_batchMessage += QLatin1Char(' ') +
                              tr("Could not start: %1").arg(problems.join(QStringLiteral("; ")));
        showCurrentJob();
        return;
    }
    showCurrentJob();
    if (!problems.isEmpty())
        m_status->setText(tr("Could not start: %1").arg(problems.join(QStringLiteral("; "))));
}

void GeneratePanel::cancel() {
    if (m_jobId != 0)
        m_runner->cancel(m_userId, m_jobId);
}

void GeneratePanel::continueJob() {
    const qint64 jobId = m_jobId;
    JobView* view = viewOf(m_userId, jobId);
    if (!view)
        return;
    // The same job again: its finished steps stay done, only the rest runs.
    const Error e = m_resumer ? m_resumer(jobId)
                              : m_runner->resume(m_userId, jobId, m_passwords.value(m_paperFile));
    if (e.isError()) {
        if (!e.message.isEmpty()) // empty: the person declined (e.g. gave no password)
            m_status->setText(tr("Could not continue: %1").arg(e.message));
        return;
    }
    view->state = JobView::State::Running;
    view->canContinue = false;
    view->status = tr("Continuing where it stopped…");
    showCurrentJob();
}

void GeneratePanel::onProgress(qint64 userId, qint64 jobId, const QString& step, int percent,
                               const QString& detail) {
    JobView* view = viewOf(userId, jobId);
    if (!view)
        return;
    view->state = JobView::State::Running;
    view->percent = percent;
    view->status =
        detail.isEmpty() || detail == QLatin1String("starting") || detail == QLatin1String("done")
            ? stepLabel(step)
            : QStringLiteral("%1 — %2").arg(stepLabel(step), detail);
    if (jobId == m_jobId)
        showCurrentJob();
}

void GeneratePanel::onFinished(qint64 userId, qint64 jobId, const QString& videoPath) {
    JobView* view = viewOf(userId, jobId);
    if (!view)
        return;
    view->state = JobView::State::Done;
    view->percent = 100;
    view->videoPath = videoPath;
    view->status = tr("Done: %1").arg(videoPath);
    if (jobId == m_jobId)
        showCurrentJob();
    Q_EMIT jobEnded(true, jobId);
}

void GeneratePanel::onFailed(qint64 userId, qint64 jobId, const QString& errorType,
                             const QString& message) {
    JobView* view = viewOf(userId, jobId);
    if (!view)
        return;
    view->state = JobView::State::Stopped;
    view->canContinue = canContinueAfter(errorType);
    view->status =
        errorType == QLatin1String("cancelled")
            ? tr("Cancelled. Continue carries on where it stopped.")
            : tr("Could not make the video: %1 (%2)\n%3")
                  .arg(ErrorTexts::title(errorType), message, ErrorTexts::advice(errorType));
    view->errorType = errorType == QLatin1String("cancelled") ? QString() : errorType;
    view->errorMessage = message;
    if (jobId == m_jobId)
        showCurrentJob();
    Q_EMIT jobEnded(false, jobId);
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
    JobView* view = viewOf(userId, jobId);
    if (!view)
        return;
    view->state = JobView::State::Stopped;
    view->canContinue = false; // the review's Continue resumes it
    view->status = tr("The script is ready for your review.");
    if (jobId == m_jobId)
        showCurrentJob();
    Q_EMIT scriptReviewRequested(jobId);
}

QString GeneratePanel::statusText() const {
    return m_status->text();
}
int GeneratePanel::progressValue() const {
    return m_progress->value();
}

} // namespace hh
