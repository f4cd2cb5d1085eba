// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobDetailDialog.h"

#include "ClipStateList.h"
#include "ErrorTexts.h"
#include "JobTimeEstimate.h"
#include "MusicPicker.h"
#include "Theme.h"
#include "jobs/JobRunner.h"
#include "jobs/JobSteps.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QThreadPool>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace hh {

QString JobDetailDialog::adviceFor(const QString& errorType) {
    return ErrorTexts::advice(errorType);
}

QString JobDetailDialog::statusLabel(const QString& status) {
    if (status == JobStatus::Pending || status == JobStatus::Queued)
        return tr("waiting");
    if (status == JobStatus::Running)
        return tr("running");
    if (status == JobStatus::Paused)
        return tr("paused");
    if (status == JobStatus::Completed)
        return tr("completed");
    if (status == JobStatus::Failed)
        return tr("failed");
    if (status == JobStatus::Cancelled)
        return tr("cancelled");
    return status; // a status from a newer version: shown as stored
}

JobDetailDialog::Files JobDetailDialog::readFiles(const QString& jobDir, const QString& logFile,
                                                  qint64 jobId) {
    Files files;
    // Warnings: what the importer noticed about the paper, and what the runner logged.
    QFile paperFile(QDir(jobDir).filePath(QStringLiteral("paper.json")));
    if (paperFile.open(QIODevice::ReadOnly)) {
        const QJsonObject paper = QJsonDocument::fromJson(paperFile.readAll()).object();
        for (const auto& warning : paper.value(QLatin1String("warnings")).toArray())
            files.warnings << warning.toString();
    }
    QFile soundFile(QDir(jobDir).filePath(QStringLiteral("sound.json")));
    if (soundFile.open(QIODevice::ReadOnly))
        files.sound = soundSummary(QJsonDocument::fromJson(soundFile.readAll()).object());
    QFile file(logFile);
    if (!logFile.isEmpty() && file.open(QIODevice::ReadOnly)) {
        QStringList mine;
        for (const QByteArray& line : file.readAll().split('\n')) {
            const QJsonObject event = QJsonDocument::fromJson(line).object();
            if (event.value(QLatin1String("job")).toInteger() != jobId)
                continue;
            const QString level = event.value(QLatin1String("level")).toString();
            const QString message = event.value(QLatin1String("message")).toString();
            // The level in the user's language; a cancel reads as one.
            const QString shown =
                event.value(QLatin1String("error_type")).toString() == QLatin1String("cancelled")
                    ? JobDetailDialog::tr("cancelled")
                : level == QLatin1String("error")   ? JobDetailDialog::tr("error")
                : level == QLatin1String("warning") ? JobDetailDialog::tr("warning")
                                                    : JobDetailDialog::tr("info");
            mine << QStringLiteral("%1  %2  %3")
                        .arg(event.value(QLatin1String("time")).toString(), shown, message);
            if (level == QLatin1String("warning"))
                files.warnings << message;
        }
        files.logText = mine.mid(std::max<qsizetype>(0, mine.size() - 20)).join(QLatin1Char('\n'));
    }
    files.warnings.removeDuplicates();
    return files;
}

// "Sound: −14.0 LUFS, true peak −1.8 dBTP (gain +6.3 dB); music: Gentle pulse".
QString JobDetailDialog::soundSummary(const QJsonObject& sound) {
    const QJsonObject loudness = sound.value(QLatin1String("loudness")).toObject();
    if (loudness.isEmpty())
        return {};
    const auto number = [](double value, bool sign = false) {
        QString text = QString::number(value, 'f', 1);
        if (sign && value >= 0)
            text.prepend(QLatin1Char('+'));
        return text.replace(QLatin1Char('-'), QChar(0x2212));
    };
    QString text = tr("Sound: %1 LUFS, true peak %2 dBTP (gain %3 dB)")
                       .arg(number(loudness.value(QLatin1String("integrated_lufs")).toDouble()),
                            number(loudness.value(QLatin1String("true_peak_dbtp")).toDouble()),
                            number(loudness.value(QLatin1String("gain_db")).toDouble(), true));
    const QJsonObject music = sound.value(QLatin1String("music")).toObject();
    const QString kind = music.value(QLatin1String("kind")).toString();
    const QString name = music.value(QLatin1String("name")).toString();
    if (kind == QLatin1String("builtin"))
        text += tr("; music: %1").arg(MusicPicker::bedLabel(name));
    else if (kind == QLatin1String("file"))
        text += tr("; music: %1").arg(name);
    return text;
}

JobDetailDialog::JobDetailDialog(const JobRecord& record, const DataLayout& layout,
                                 const QString& logFile, QWidget* parent, QThreadPool* pool)
    : QDialog(parent)
    , m_record(record)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); }) {
    setWindowTitle(record.paperTitle.isEmpty() ? tr("Job %1").arg(record.id) : record.paperTitle);
    m_heading = new QLabel(this);
    m_heading->setWordWrap(true);
    m_steps = new QLabel(this);
    m_steps->setAccessibleName(tr("Steps"));
    // The row says where the job stands: the steps before its current one are done.
    if (record.status == JobStatus::Completed)
        updateSteps(stepName(Step::Done), true);
    else
        updateSteps(record.currentStep.isEmpty() ? stepName(Step::FetchPaper) : record.currentStep,
                    false);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 100);
    m_progress->setAccessibleName(tr("Progress"));
    m_activity = new ClipStateList(layout.jobDir(record), this);
    m_elapsed = new QLabel(this);
    m_elapsed->setObjectName(QStringLiteral("elapsed"));
    m_remaining = new QLabel(this);
    m_remaining->setObjectName(QStringLiteral("remaining"));
    auto* times = new QHBoxLayout;
    times->addWidget(m_elapsed);
    times->addStretch(1);
    times->addWidget(m_remaining);

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fix = new QPushButton(this);
    m_fix->setObjectName(QStringLiteral("errorFix"));
    m_fix->hide();
    // The dialog closes first: the fix opens another window (Settings, a file dialog).
    connect(m_fix, &QPushButton::clicked, this, [this] {
        const ErrorFix fix = m_currentFix;
        accept();
        Q_EMIT fixRequested(fix);
    });
    if (!record.errorType.isEmpty())
        showError(record.errorType, record.errorMessage);
    // The tones follow the theme (a fixed dark red was unreadable on the dark window).
    Theme::tintText(m_error, Theme::Tone::Negative);
    m_log = new QPlainTextEdit(this);
    m_log->setReadOnly(true);
    m_log->setAccessibleName(tr("Recent log lines"));
    m_warnings = new QLabel(this);
    m_warnings->setWordWrap(true);
    m_warnings->setTextFormat(Qt::PlainText);
    Theme::tintText(m_warnings, Theme::Tone::Caution);
    m_warnings->hide();
    m_sound = new QLabel(this);
    m_sound->setObjectName(QStringLiteral("sound"));
    m_sound->setWordWrap(true);
    m_sound->setTextFormat(Qt::PlainText);
    m_sound->hide();

    // The log may hold megabytes of other jobs' lines: read on a pool thread.
    if (!pool) {
        m_ownPool = std::make_unique<QThreadPool>();
        m_ownPool->setMaxThreadCount(1);
        pool = m_ownPool.get();
    }
    auto* watcher = new QFutureWatcher<Files>(this);
    connect(watcher, &QFutureWatcher<Files>::finished, this, [this, watcher] {
        const Files files = watcher->result();
        watcher->deleteLater();
        m_warnings->setText(files.warnings.isEmpty()
                                ? QString()
                                : QStringLiteral("⚠ ") +
                                      files.warnings.join(QStringLiteral("\n⚠ ")));
        m_warnings->setVisible(!files.warnings.isEmpty());
        m_log->setPlainText(files.logText);
        m_sound->setText(files.sound);
        m_sound->setVisible(!files.sound.isEmpty());
        Q_EMIT filesLoaded();
    });
    watcher->setFuture(QtConcurrent::run(pool, &JobDetailDialog::readFiles, layout.jobDir(record),
                                         logFile, record.id));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layoutBox = new QVBoxLayout(this);
    layoutBox->addWidget(m_heading);
    layoutBox->addWidget(m_steps);
    layoutBox->addWidget(m_progress);
    layoutBox->addLayout(times);
    layoutBox->addWidget(m_activity);
    layoutBox->addWidget(m_sound);
    layoutBox->addWidget(m_warnings);
    layoutBox->addWidget(m_error);
    layoutBox->addWidget(m_fix, 0, Qt::AlignLeft);
    layoutBox->addWidget(m_log, 1);
    layoutBox->addWidget(buttons);
    resize(560, 520);

    // The clock moves even when no progress arrives (a long frame loop between ticks).
    m_tick = new QTimer(this);
    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, &JobDetailDialog::updateTimes);
    updateHeading();
    observeProgress();
    updateTimes();
}

void JobDetailDialog::setClock(Clock clock) {
    m_clock = std::move(clock);
    m_remainingTime = {};
    observeProgress();
    updateTimes();
}

void JobDetailDialog::observeProgress() {
    if (isRunning())
        m_remainingTime.observe(m_record.currentStep, m_record.progressPercent,
                                m_record.runningMs(m_clock()));
}

void JobDetailDialog::followRunner(JobRunner* runner) {
    if (m_runner)
        disconnect(m_runner, nullptr, this, nullptr);
    m_runner = runner;
    if (!runner)
        return;
    connect(runner, &JobRunner::progressChanged, this, &JobDetailDialog::onProgress);
    connect(runner, &JobRunner::jobFinished, this,
            [this](qint64 userId, qint64 jobId, const QString&) { onFinished(userId, jobId); });
    connect(runner, &JobRunner::jobFailed, this, &JobDetailDialog::onFailed);
}

bool JobDetailDialog::isRunning() const {
    return m_record.status == JobStatus::Running || m_record.status == JobStatus::Pending ||
           m_record.status == JobStatus::Queued;
}

void JobDetailDialog::onProgress(qint64 userId, qint64 jobId, const QString& step, int percent,
                                 const QString& detail) {
    if (userId != m_record.userId || jobId != m_record.id)
        return;
    if (m_record.status != JobStatus::Running) {
        m_record.status = JobStatus::Running; // retried while the dialog is open
        m_record.runningSince = m_clock();
        m_record.errorType.clear();
        m_error->clear();
        m_fix->hide();
    }
    m_record.progressPercent = percent;
    m_record.currentStep = step;
    m_record.updatedAt = m_clock();
    observeProgress();
    updateSteps(step, detail == QLatin1String("done"));
    m_activity->refresh(detail == QLatin1String("done") ? QString() : detail);
    updateHeading();
    updateTimes();
}

void JobDetailDialog::onFinished(qint64 userId, qint64 jobId) {
    if (userId != m_record.userId || jobId != m_record.id)
        return;
    endRun();
    m_record.status = JobStatus::Completed;
    m_record.progressPercent = 100;
    m_record.updatedAt = m_clock();
    updateSteps(stepName(Step::Done), true);
    updateHeading();
    updateTimes();
}

void JobDetailDialog::onFailed(qint64 userId, qint64 jobId, const QString& errorType,
                               const QString& message) {
    if (userId != m_record.userId || jobId != m_record.id)
        return;
    endRun();
    m_record.status =
        errorType == QLatin1String("cancelled") ? JobStatus::Cancelled : JobStatus::Failed;
    m_record.errorType = errorType;
    m_record.errorMessage = message;
    m_record.updatedAt = m_clock();
    showError(errorType, message);
    updateHeading();
    updateTimes();
}

// What a step does, in the user's words (the job row keeps the internal names).
QString JobDetailDialog::stepLabel(int step) {
    switch (Step(step)) {
    case Step::FetchPaper:
        return tr("Reading the paper");
    case Step::GenerateScript:
        return tr("Writing the script");
    case Step::GenerateAudio:
        return tr("Recording the voice");
    case Step::GenerateVideos:
        return tr("Drawing the scenes");
    case Step::AddCaptions:
        return tr("Adding captions");
    case Step::Done:
        break;
    }
    return {};
}

void JobDetailDialog::updateSteps(const QString& currentStep, bool currentDone) {
    int current = int(Step::Done);
    for (int s = 0; s < int(Step::Done); ++s) {
        if (stepName(Step(s)) == currentStep)
            current = s;
    }
    QStringList lines;
    for (int s = 0; s < int(Step::Done); ++s) {
        const bool done = s < current || (s == current && currentDone);
        lines << QStringLiteral("%1  %2").arg(done           ? QStringLiteral("✓")
                                              : s == current ? QStringLiteral("▸")
                                                             : QStringLiteral("·"),
                                              stepLabel(s));
    }
    m_steps->setText(lines.join(QLatin1Char('\n')));
}

void JobDetailDialog::updateHeading() {
    m_heading->setText(tr("<b>%1</b> — %2, %3%")
                           .arg(m_record.paperTitle.toHtmlEscaped(), statusLabel(m_record.status))
                           .arg(m_record.progressPercent));
    m_progress->setValue(m_record.progressPercent);
}

// The run the dialog saw end is added to the running time, as the job row does.
void JobDetailDialog::endRun() {
    m_record.runMs = m_record.runningMs(m_clock());
    m_record.runningSince = {};
}

void JobDetailDialog::updateTimes() {
    // Running time only: the time a job sat paused, cancelled or interrupted is not "elapsed".
    const qint64 runningMs = m_record.runningMs(m_clock());
    m_elapsed->setText(JobTimeEstimate::elapsedText(runningMs / 1000));
    m_remaining->setText(
        isRunning() ? JobTimeEstimate::remainingText(m_remainingTime.remainingSeconds(runningMs))
                    : QString());
    if (isRunning() && !m_tick->isActive())
        m_tick->start();
    else if (!isRunning())
        m_tick->stop();
}

JobDetailDialog::~JobDetailDialog() = default;

QString JobDetailDialog::soundText() const {
    return m_sound->text();
}

QString JobDetailDialog::stepsText() const {
    return m_steps->text();
}
QString JobDetailDialog::errorText() const {
    return m_error->text();
}
void JobDetailDialog::showError(const QString& errorType, const QString& message) {
    m_error->setText(
        tr("%1\n%2\n%3").arg(ErrorTexts::title(errorType), message, ErrorTexts::advice(errorType)));
    m_currentFix = ErrorActions::fixFor(errorType, m_record.currentStep, message);
    m_fix->setText(ErrorActions::buttonText(m_currentFix));
    m_fix->setVisible(!m_currentFix.isNone());
}

QPushButton* JobDetailDialog::fixButton() const {
    return m_fix;
}

QString JobDetailDialog::elapsedText() const {
    return m_elapsed->text();
}
QString JobDetailDialog::remainingText() const {
    return m_remaining->text();
}
QString JobDetailDialog::warningsText() const {
    return m_warnings->text();
}

} // namespace hh
