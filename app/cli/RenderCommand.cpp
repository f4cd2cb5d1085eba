// SPDX-License-Identifier: GPL-3.0-or-later
#include "RenderCommand.h"

#include "BatchInputs.h"
#include "BatchProgress.h"
#include "BatchRender.h"
#include "BatchSummary.h"
#include "CancelRequest.h"
#include "CliContext.h"
#include "JobWatch.h"
#include "JobsCommand.h"
#include "audio/MusicBed.h"
#include "audio/Soundtrack.h"
#include "core/AtomicFile.h"
#include "jobs/EventLog.h"
#include "jobs/JobRunner.h"
#include "jobs/JobSteps.h"
#include "jobs/ProviderSlotTable.h"
#include "jobs/StepProviders.h"
#include "jobs/VariantSharing.h"
#include "providers/RunwayVisuals.h"
#include "render/FrameGeometry.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QThread>
#include <cstdio>

namespace hh::cli {

namespace {

// As the desktop app: half the cores, at least one.
int defaultJobsAtOnce() {
    return std::max(1, QThread::idealThreadCount() / 2);
}

int usageError(const char* message) {
    std::fprintf(stderr, "error: usage: %s\n", message);
    return 2;
}

// Inputs are expanded after sign-in: `-` reads standard input, whose first line
// --password-stdin has taken already.
int runBatch(JobRunner& runner, const CliContext& context, const JobOptions& options,
             const QStringList& arguments, const QString& outputDir, ExistingFile existing) {
    QStringList warnings;
    QList<BatchInput> inputs =
        BatchInputs::expand(arguments, &BatchInputs::readStandardInput, &warnings);
    for (const QString& warning : std::as_const(warnings))
        std::fprintf(stderr, "warning: %s\n", qPrintable(warning));
    if (inputs.isEmpty())
        return usageError("no papers to render: name files, folders with PDF, DOCX or XML "
                          "files, IDs, or - with one input a line on standard input");
    const QString folder = outputDir.isEmpty() ? QDir::currentPath() : outputDir;
    // Refuse a folder nobody can write before minutes of rendering, not after.
    if (!QDir().mkpath(folder) || !QFileInfo(folder).isWritable()) {
        return reportError(
            {ErrorType::Io, QStringLiteral("cannot write to %1: the folder cannot be made or "
                                           "is not writable")
                                .arg(folder)});
    }
    BatchInputs::assignOutputs(inputs, folder);
    BatchSummary summary(inputs);
    BatchProgress progress(BatchProgress::styleFor(context.json), inputs);
    const int exitCode = BatchRender(runner, context, options, existing, progress, summary).run();
    if (context.json)
        summary.printJson(stdout);
    else
        summary.print(stdout);
    return exitCode;
}

} // namespace

int runRender(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Make a short vertical video of a paper, or of many.\n"
        "\n"
        "  hiddenhill-cli render INPUT [-o OUT.mp4] [options]\n"
        "  hiddenhill-cli render IN1 IN2 ... [--output-dir DIR] [--jobs N] [--force] [options]\n"
        "\n"
        "An input is a PDF, DOCX, JATS or PubMed XML file, a PMID, PMCID or DOI, a folder\n"
        "(its PDF, DOCX and XML files), or - to read inputs from standard input, one a line.\n"
        "Several inputs, a folder or - make a batch: each video goes to DIR/<input name>.mp4\n"
        "(default: the current folder), an existing file is kept unless --force is given,\n"
        "and -o is refused. N jobs run at once; a failed input does not stop the others.\n"
        "Progress is a live table on a terminal, plain lines otherwise, JSON lines (each\n"
        "with its \"input\") with --json; the end prints each input's status and its video\n"
        "or `error: <type>: <message>`. The exit code is 0 only when every input succeeded,\n"
        "else that of the first failed input; Ctrl+C cancels every job of the batch (6)."));
    parser.addHelpOption();
    parser.addPositionalArgument(
        QStringLiteral("INPUT"),
        QStringLiteral("PDF, DOCX, JATS or PubMed XML file, PMID, PMCID, DOI, folder, or -"),
        QStringLiteral("INPUT..."));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Copy the video to FILE."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption scriptOpt(QStringLiteral("script"),
                                       QStringLiteral("builtin|gemini|openai"), QStringLiteral("P"),
                                       QStringLiteral("builtin"));
    const QCommandLineOption voiceOpt(
        QStringLiteral("voice"),
        QStringLiteral("builtin|gemini|openai-speech, or a built-in voice name (en-us, uk …)"),
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
    const QCommandLineOption outputDir(
        QStringLiteral("output-dir"),
        QStringLiteral("Batch: put each video in DIR as <input name>.mp4 (default: here)."),
        QStringLiteral("DIR"));
    const QCommandLineOption jobs(
        QStringLiteral("jobs"),
        QStringLiteral("Batch: render N at once (default: half the cores, at least 1)."),
        QStringLiteral("N"));
    const QCommandLineOption force(QStringLiteral("force"),
                                   QStringLiteral("Batch: replace videos that exist already."));
    const QCommandLineOption also(
        QStringLiteral("also"),
        QStringLiteral("Also make variants, e.g. 1:1,16:9,30s,voice=en-gb "
                       "(NAME-1x1.mp4 … next to -o)."),
        QStringLiteral("LIST"));
    const QCommandLineOption runwayConcurrency(
        QStringLiteral("runway-concurrency"),
        QStringLiteral("Runway clips at once for the account (default 2)."), QStringLiteral("N"));
    const QCommandLineOption lexiconOpt(
        QStringLiteral("lexicon"), QStringLiteral("Pronunciation lexicon (word<TAB>respelling)."),
        QStringLiteral("FILE"));
    const QCommandLineOption speechVoiceOpt(QStringLiteral("speech-voice"),
                                            QStringLiteral("Voice of --voice openai-speech."),
                                            QStringLiteral("NAME"));
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
                       rate, preset, outputDir, jobs, force, also, runwayConcurrency, lexiconOpt,
                       speechVoiceOpt, music, musicVolume});
    if (const auto exit = parseCommandLine(parser, arguments))
        return *exit;
    const QStringList inputs = parser.positionalArguments();
    const bool batch = BatchInputs::isBatch(inputs, parser.isSet(outputDir));
    if (inputs.isEmpty())
        return usageError("hiddenhill-cli render INPUT [-o OUT.mp4] [options], or "
                          "render IN1 IN2 ... [--output-dir DIR] [--jobs N]");
    if (batch && parser.isSet(output))
        return usageError("-o names one video; with several inputs, a folder or -, the videos "
                          "go to --output-dir DIR as <input name>.mp4");
    if (batch && parser.isSet(also))
        return usageError("--also makes variants of one paper; give one input with -o");
    int jobsAtOnce = defaultJobsAtOnce();
    if (parser.isSet(jobs)) {
        bool jobsOk = false;
        jobsAtOnce = parser.value(jobs).toInt(&jobsOk);
        if (!jobsOk || jobsAtOnce < 1 || jobsAtOnce > 64)
            return usageError("--jobs takes a number of jobs at once, 1 to 64");
    }
    JobOptions options;
    options.input = QFileInfo(inputs.first()).exists()
                        ? QFileInfo(inputs.first()).absoluteFilePath()
                        : inputs.first();
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
    if (parser.isSet(speechVoiceOpt))
        options.voice = parser.value(speechVoiceOpt);
    if (parser.isSet(lexiconOpt)) {
        options.lexiconFile = QFileInfo(parser.value(lexiconOpt)).absoluteFilePath();
        if (const auto lexicon = Lexicon::load(options.lexiconFile);
            !lexicon || !QFileInfo::exists(options.lexiconFile)) {
            std::fprintf(
                stderr, "error: usage: --lexicon: %s\n",
                qPrintable(lexicon ? QStringLiteral("no such file") : lexicon.error().message));
            return 2;
        }
    }
    for (const auto& [name, value, known] :
         {std::tuple{"script", options.scriptProvider, StepProviders::scriptNames()},
          std::tuple{"visuals", options.visualsProvider, StepProviders::visualsNames()}}) {
        if (!known.contains(value)) {
            std::fprintf(stderr, "error: usage: --%s takes %s\n", name,
                         qPrintable(known.join(QLatin1Char('|'))));
            return 2;
        }
    }
    QList<JobOptions> variants;
    for (const QString& change : parser.value(also).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        QString problem;
        variants << variantOf(options, change, &problem);
        if (!problem.isEmpty()) {
            std::fprintf(stderr, "error: usage: --also takes %s\n", qPrintable(problem));
            return 2;
        }
    }
    auto hub = providerHubFromEnvironment();
    if (!hub)
        return reportError(hub.error());
    if (parser.isSet(runwayConcurrency))
        hub.value()->providerSlots().setCapacity(
            ProviderId::Runway, std::clamp(parser.value(runwayConcurrency).toInt(), 1, 20));
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

    installCancelHandler();
    EventLog log(context.logDir);
    for (ProviderId id : {ProviderId::Gemini, ProviderId::Runway, ProviderId::Ncbi,
                          ProviderId::OpenAi, ProviderId::Speech})
        log.addSecret(EnvironmentSecrets().secret(id));
    log.addSecret(options.password);
    RunnerSettings settings;
    if (batch)
        settings.maxConcurrentJobs = jobsAtOnce;
    JobRunner runner(*context.layout, settings, &log);
    // The account's Runway slots are shared with the desktop app and other CLIs.
    hub.value()->providerSlots().setSharedTable(
        std::make_shared<ProviderSlotTable>(context.layout->databasePath()));
    runner.setProviderHub(hub.value());
    if (batch) {
        return runBatch(runner, context, options, inputs, parser.value(outputDir),
                        parser.isSet(force) ? ExistingFile::Replace : ExistingFile::Keep);
    }
    auto jobId = runner.submit(context.userId, options, options.password);
    if (!jobId)
        return reportError(jobId.error());
    ProgressPrinter printer(context.json, int(jobId.value()));
    const WatchResult outcome = watchJob(runner, context.userId, jobId.value(), printer);
    const QString scriptPath =
        QDir(jobFolder(context, jobId.value())).filePath(QStringLiteral("script.json"));
    int rc = reportOutcome(context, jobId.value(), outcome, parser.value(output), scriptPath);
    // Each variant its own job, one after the other: the source is done, so they
    // take its paper, script and narration at once and make only their own video.
    for (JobOptions variant : std::as_const(variants)) {
        if (rc != 0 || outcome.paused)
            break;
        variant.shareFrom = context.store->job(context.userId, jobId.value())->taskId;
        auto id = runner.submit(context.userId, variant, options.password);
        if (!id)
            return reportError(id.error());
        ProgressPrinter variantPrinter(context.json, int(id.value()));
        rc = reportOutcome(
            context, id.value(), watchJob(runner, context.userId, id.value(), variantPrinter),
            variantOutputPath(parser.value(output), variantSuffix(options, variant)), scriptPath);
    }
    return rc;
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
    installCancelHandler();
    EventLog log(context.logDir);
    for (ProviderId id : {ProviderId::Gemini, ProviderId::Runway, ProviderId::Ncbi,
                          ProviderId::OpenAi, ProviderId::Speech})
        log.addSecret(EnvironmentSecrets().secret(id));
    log.addSecret(parser.value(password));
    auto hub = providerHubFromEnvironment();
    if (!hub)
        return reportError(hub.error());
    JobRunner runner(*context.layout, RunnerSettings{}, &log);
    hub.value()->providerSlots().setSharedTable(
        std::make_shared<ProviderSlotTable>(context.layout->databasePath()));
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
