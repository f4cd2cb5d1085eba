// SPDX-License-Identifier: GPL-3.0-or-later
#include "RenderCommand.h"

#include "CliContext.h"
#include "JobsCommand.h"
#include "audio/MusicBed.h"
#include "audio/Soundtrack.h"
#include "core/AtomicFile.h"
#include "jobs/EventLog.h"
#include "jobs/JobRunner.h"
#include "jobs/JobSteps.h"
#include "jobs/StepProviders.h"
#include "providers/RunwayVisuals.h"
#include "render/FrameGeometry.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTimer>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <sys/stat.h>
#include <unistd.h>

namespace hh::cli {

namespace {

std::atomic_bool g_cancel{false}; // set from the SIGINT/SIGTERM handler: must be lock-free

void onSignal(int) {
    g_cancel.store(true);
}

Error copyAtomically(const QString& from, const QString& to) {
    const QString temp = to + QStringLiteral(".part");
    QFile::remove(temp);
    if (!QFile::copy(from, temp)) {
        QFile::remove(temp);
        return {ErrorType::Io,
                QStringLiteral("cannot write %1; check the folder exists and is writable").arg(to)};
    }
    QFile::remove(to);
    if (!QFile::rename(temp, to)) {
        QFile::remove(temp);
        return {ErrorType::Io, QStringLiteral("cannot write %1").arg(to)};
    }
    return {};
}

Step stepFromName(const QString& name) {
    for (int s = 0; s < int(Step::Done); ++s) {
        if (stepName(Step(s)) == name)
            return Step(s);
    }
    return Step::Done;
}

class ProgressPrinter {
public:
    ProgressPrinter(bool json, int jobId)
        : m_json(json)
        , m_job(jobId)
        , m_tty(::isatty(STDERR_FILENO) != 0) {
        m_clock.start();
    }

    void update(Step step, int percent, const QString& detail) {
        const bool stepChanged = step != m_lastStep;
        // At most 10 updates a second, but every step change and every boundary.
        if (!stepChanged && percent == m_lastPercent && m_clock.elapsed() - m_lastMs < 100)
            return;
        const bool boundary =
            detail == QLatin1String("starting") || detail == QLatin1String("done");
        if (!stepChanged && m_clock.elapsed() - m_lastMs < 100 && !boundary)
            return;
        m_lastMs = m_clock.elapsed();
        if (m_json) {
            const QJsonObject event{{QStringLiteral("event"), QStringLiteral("progress")},
                                    {QStringLiteral("job"), m_job},
                                    {QStringLiteral("step"), stepName(step)},
                                    {QStringLiteral("percent"), percent},
                                    {QStringLiteral("detail"), detail}};
            std::fprintf(stdout, "%s\n",
                         QJsonDocument(event).toJson(QJsonDocument::Compact).constData());
            std::fflush(stdout);
        } else {
            const QString line =
                QStringLiteral("[%1%] %2  %3").arg(percent, 3).arg(stepName(step), -15).arg(detail);
            if (m_tty)
                std::fprintf(stderr, "\r\033[K%s", qPrintable(line));
            else if (stepChanged || percent / 10 != m_lastPercent / 10)
                std::fprintf(stderr, "%s\n", qPrintable(line));
            std::fflush(stderr);
        }
        m_lastStep = step;
        m_lastPercent = percent;
    }

    void finishLine() {
        if (!m_json && m_tty)
            std::fputc('\n', stderr);
    }

private:
    bool m_json;
    int m_job;
    bool m_tty;
    QElapsedTimer m_clock;
    qint64 m_lastMs = -1000;
    Step m_lastStep = Step::Done;
    int m_lastPercent = -1;
};

// Waits for jobs of a runner while printing their progress; Ctrl+C cancels them.
struct WatchResult {
    Error error;
    bool paused = false;
    QString video;
};

WatchResult watchJob(JobRunner& runner, qint64 userId, qint64 jobId, ProgressPrinter& printer) {
    WatchResult result;
    QEventLoop loop;
    QObject::connect(&runner, &JobRunner::progressChanged, &loop,
                     [&printer, jobId](qint64, qint64 job, const QString& step, int percent,
                                       const QString& detail) {
                         if (job == jobId)
                             printer.update(stepFromName(step), percent, detail);
                     });
    QObject::connect(&runner, &JobRunner::jobFinished, &loop,
                     [&](qint64, qint64 job, const QString& video) {
                         if (job == jobId) {
                             result.video = video;
                             loop.quit();
                         }
                     });
    QObject::connect(&runner, &JobRunner::jobFailed, &loop,
                     [&](qint64, qint64 job, const QString& type, const QString& message) {
                         if (job == jobId) {
                             result.error = {errorTypeFromCode(type), message};
                             loop.quit();
                         }
                     });
    QObject::connect(&runner, &JobRunner::jobPaused, &loop, [&](qint64, qint64 job) {
        if (job == jobId) {
            result.paused = true;
            loop.quit();
        }
    });
    QTimer interrupt;
    QObject::connect(&interrupt, &QTimer::timeout, &loop, [&runner, userId, jobId] {
        if (g_cancel.exchange(false))
            runner.cancel(userId, jobId);
    });
    interrupt.start(100);
    loop.exec();
    runner.waitForDone();
    printer.finishLine();
    return result;
}

// The contract's closing output for one job.
int reportOutcome(const CliContext& context, qint64 jobId, const WatchResult& outcome,
                  const QString& outputPath, const QString& scriptPath) {
    QJsonObject finished{{QStringLiteral("event"), QStringLiteral("finished")},
                         {QStringLiteral("job"), jobId}};
    int exitCode = 0;
    if (outcome.error.isError()) {
        finished.insert(QStringLiteral("status"), outcome.error.type == ErrorType::Cancelled
                                                      ? QStringLiteral("cancelled")
                                                      : QStringLiteral("failed"));
        finished.insert(QStringLiteral("error_type"), outcome.error.code());
        finished.insert(QStringLiteral("message"), redactForOutput(outcome.error.message));
        exitCode = reportError(outcome.error);
    } else if (outcome.paused) {
        finished.insert(QStringLiteral("status"), QStringLiteral("paused"));
        finished.insert(QStringLiteral("script"), scriptPath);
        if (!context.json)
            std::fprintf(
                stderr,
                "paused after the script: edit %s, then run 'hiddenhill-cli jobs resume %lld'\n",
                qPrintable(scriptPath), static_cast<long long>(jobId));
    } else {
        QString video = outcome.video;
        if (!outputPath.isEmpty()) {
            if (Error e = copyAtomically(video, outputPath); e.isError())
                return reportError(e);
            video = QFileInfo(outputPath).absoluteFilePath();
        }
        finished.insert(QStringLiteral("status"), QStringLiteral("completed"));
        finished.insert(QStringLiteral("video"), video);
        if (!context.json)
            std::fprintf(stdout, "%s\n", qPrintable(video));
    }
    if (context.json)
        std::fprintf(stdout, "%s\n",
                     QJsonDocument(finished).toJson(QJsonDocument::Compact).constData());
    return exitCode;
}

// The job's folder is named by its row's uuids, so it is read from the row.
QString jobFolder(const CliContext& context, qint64 jobId) {
    const auto job = context.store->job(context.userId, jobId);
    return job ? context.layout->jobDir(job.value()) : QString();
}

} // namespace

int runRender(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Make a short vertical video of a paper."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("INPUT"),
                                 QStringLiteral("PDF, DOCX, JATS or PubMed XML file"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Copy the video to FILE."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption scriptOpt(QStringLiteral("script"),
                                       QStringLiteral("builtin|gemini|openai"), QStringLiteral("P"),
                                       QStringLiteral("builtin"));
    const QCommandLineOption voiceOpt(
        QStringLiteral("voice"),
        QStringLiteral("builtin|gemini, or a built-in voice name (en-us, en-gb, uk …)"),
        QStringLiteral("V"), QStringLiteral("builtin"));
    const QCommandLineOption visualsOpt(QStringLiteral("visuals"), QStringLiteral("builtin|runway"),
                                        QStringLiteral("P"), QStringLiteral("builtin"));
    const QCommandLineOption duration(QStringLiteral("duration"),
                                      QStringLiteral("Target length: 30, 60 or 90 seconds."),
                                      QStringLiteral("SECONDS"), QStringLiteral("60"));
    const QCommandLineOption aspect(QStringLiteral("aspect"), QStringLiteral("9:16, 1:1 or 16:9."),
                                    QStringLiteral("RATIO"), QStringLiteral("9:16"));
    const QCommandLineOption pause(QStringLiteral("pause-after-script"),
                                   QStringLiteral("Stop after the script so it can be edited."));
    const QCommandLineOption password(QStringLiteral("password"),
                                      QStringLiteral("Password of an encrypted PDF."),
                                      QStringLiteral("PW"));
    const QCommandLineOption rate(QStringLiteral("rate"),
                                  QStringLiteral("Speaking rate, words per minute."),
                                  QStringLiteral("WPM"), QStringLiteral("165"));
    const QCommandLineOption preset(QStringLiteral("x264-preset"), QStringLiteral("x264 preset."),
                                    QStringLiteral("P"), QStringLiteral("ultrafast"));
    const QCommandLineOption music(QStringLiteral("music"),
                                   QStringLiteral("none, a built-in bed (%1) or an audio FILE.")
                                       .arg(MusicBed::names().join(QStringLiteral(", "))),
                                   QStringLiteral("M"), QStringLiteral("none"));
    const QCommandLineOption musicVolume(
        QStringLiteral("music-volume"),
        QStringLiteral("Music against the voice in pauses, -30 to 0 dB."), QStringLiteral("DB"),
        QStringLiteral("-12"));
    addCommonOptions(parser);
    parser.addOptions({output, scriptOpt, voiceOpt, visualsOpt, duration, aspect, pause, password,
                       rate, preset, music, musicVolume});
    if (const auto exit = parseCommandLine(parser, arguments))
        return *exit;
    if (parser.positionalArguments().size() != 1) {
        std::fputs("error: usage: hiddenhill-cli render INPUT [-o OUT.mp4] [options]\n", stderr);
        return 2;
    }
    JobOptions options;
    options.input = QFileInfo(parser.positionalArguments().first()).exists()
                        ? QFileInfo(parser.positionalArguments().first()).absoluteFilePath()
                        : parser.positionalArguments().first();
    bool ok = false;
    options.durationSeconds = parser.value(duration).toInt(&ok);
    if (!ok || options.durationSeconds < 10 || options.durationSeconds > 180) {
        std::fputs("error: usage: --duration takes seconds between 10 and 180 (30, 60 or 90 are "
                   "typical)\n",
                   stderr);
        return 2;
    }
    options.aspect = parser.value(aspect);
    if (!FrameGeometry::isKnownAspect(options.aspect)) {
        std::fputs("error: usage: --aspect takes 9:16, 1:1 or 16:9\n", stderr);
        return 2;
    }
    options.wordsPerMinute = std::clamp(parser.value(rate).toInt(), 80, 400);
    options.password = parser.value(password);
    options.pauseAfterScript = parser.isSet(pause);
    options.x264Preset = parser.value(preset);
    options.music = MusicChoice::parse(parser.value(music)).toOption(); // checked at job start
    options.musicVolumeDb = parser.value(musicVolume).toDouble(&ok);
    if (!ok || options.musicVolumeDb < -30 || options.musicVolumeDb > 0) {
        std::fputs("error: usage: --music-volume takes dB between -30 and 0\n", stderr);
        return 2;
    }
    const QString voice = parser.value(voiceOpt);
    options.scriptProvider = parser.value(scriptOpt);
    options.visualsProvider = parser.value(visualsOpt);
    // --voice names the engine (builtin|gemini) or a built-in voice ("en-gb").
    options.voiceProvider =
        StepProviders::voiceNames().contains(voice) ? voice : QStringLiteral("builtin");
    if (!StepProviders::voiceNames().contains(voice))
        options.voice = voice;
    for (const auto& [name, value, known] :
         {std::tuple{"script", options.scriptProvider, StepProviders::scriptNames()},
          std::tuple{"visuals", options.visualsProvider, StepProviders::visualsNames()}}) {
        if (!known.contains(value)) {
            std::fprintf(stderr, "error: usage: --%s takes %s\n", name,
                         qPrintable(known.join(QLatin1Char('|'))));
            return 2;
        }
    }
    auto hub = providerHubFromEnvironment();
    if (!hub)
        return reportError(hub.error());
    for (const QString& name :
         {options.scriptProvider, options.voiceProvider, options.visualsProvider}) {
        ProviderId id{};
        if (StepProviders::providerFor(name, &id)) {
            if (Error e = StepProviders::requireKey(*hub.value()->secretsFor(0), id); e.isError())
                return reportError(e);
        }
    }

    // Paid clips: say what they will cost before anything is spent.
    if (options.visualsProvider == QLatin1String("runway")) {
        Script planned;
        planned.targetSeconds = options.durationSeconds;
        const RunwayEstimate estimate =
            RunwayVisuals::estimate(planned, Narration{}, hub.value()->config());
        std::fprintf(stderr,
                     "Runway clips: about %d clips, %d s, %.0f credits (about $%.2f) with %s\n",
                     estimate.clips, estimate.seconds, estimate.credits, estimate.usd,
                     qPrintable(hub.value()->config().runwayModel));
    }

    // Refuse an output nobody can write before minutes of rendering, not after.
    if (parser.isSet(output)) {
        const QFileInfo outDir(QFileInfo(parser.value(output)).absolutePath());
        if (!outDir.isDir() || !outDir.isWritable()) {
            std::fprintf(
                stderr,
                "error: io: cannot write %s: the folder %s does not exist or is not writable\n",
                qPrintable(parser.value(output)), qPrintable(outDir.filePath()));
            return exitCodeFor(ErrorType::Io);
        }
    }
    CliContext context;
    if (const int rc = openContext(parser, context); rc != 0)
        return rc;

    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    EventLog log(context.logDir);
    for (ProviderId id :
         {ProviderId::Gemini, ProviderId::Runway, ProviderId::Ncbi, ProviderId::OpenAi})
        log.addSecret(EnvironmentSecrets().secret(id));
    log.addSecret(options.password);
    JobRunner runner(*context.layout, RunnerSettings{}, &log);
    runner.setProviderHub(hub.value());
    auto jobId = runner.submit(context.userId, options, options.password);
    if (!jobId)
        return reportError(jobId.error());
    ProgressPrinter printer(context.json, int(jobId.value()));
    const WatchResult outcome = watchJob(runner, context.userId, jobId.value(), printer);
    const QString scriptPath =
        QDir(jobFolder(context, jobId.value())).filePath(QStringLiteral("script.json"));
    return reportOutcome(context, jobId.value(), outcome, parser.value(output), scriptPath);
}

int runJobsResume(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Continue a paused, failed, cancelled or interrupted job."));
    parser.addHelpOption();
    parser.addPositionalArgument(
        QStringLiteral("ID"),
        QStringLiteral("job to resume (default: every job left running by a crash)"));
    const QCommandLineOption password(QStringLiteral("password"),
                                      QStringLiteral("Password of an encrypted PDF."),
                                      QStringLiteral("PW"));
    addCommonOptions(parser);
    parser.addOption(password);
    if (const auto exit = parseCommandLine(parser, arguments))
        return *exit;
    CliContext context;
    if (const int rc = openContext(parser, context); rc != 0)
        return rc;
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    EventLog log(context.logDir);
    for (ProviderId id :
         {ProviderId::Gemini, ProviderId::Runway, ProviderId::Ncbi, ProviderId::OpenAi})
        log.addSecret(EnvironmentSecrets().secret(id));
    log.addSecret(parser.value(password));
    auto hub = providerHubFromEnvironment();
    if (!hub)
        return reportError(hub.error());
    JobRunner runner(*context.layout, RunnerSettings{}, &log);
    runner.setProviderHub(hub.value());

    QList<qint64> ids;
    if (!parser.positionalArguments().isEmpty()) {
        bool ok = false;
        const qint64 id = parser.positionalArguments().first().toLongLong(&ok);
        if (!ok || id <= 0) {
            std::fputs("error: usage: jobs resume takes a job ID (a positive number)\n", stderr);
            return 2;
        }
        ids << id;
    } else {
        auto interrupted = context.store->interruptedJobs(context.userId);
        if (!interrupted)
            return reportError(interrupted.error());
        for (const auto& record : interrupted.value())
            ids << record.id;
        if (ids.isEmpty() && !context.json)
            std::fputs("no interrupted jobs\n", stderr);
    }
    int exitCode = 0;
    for (const qint64 id : ids) {
        if (Error e = runner.resume(context.userId, id, parser.value(password)); e.isError()) {
            exitCode =
                reportError(e.type == ErrorType::NotFound
                                ? Error{ErrorType::NotFound,
                                        QStringLiteral("job %1 does not exist for account %2")
                                            .arg(id)
                                            .arg(context.userName)}
                                : e);
            continue;
        }
        ProgressPrinter printer(context.json, int(id));
        const WatchResult outcome = watchJob(runner, context.userId, id, printer);
        const QString scriptPath =
            QDir(jobFolder(context, id)).filePath(QStringLiteral("script.json"));
        if (const int rc = reportOutcome(context, id, outcome, {}, scriptPath); rc != 0)
            exitCode = rc;
    }
    return exitCode;
}

} // namespace hh::cli
