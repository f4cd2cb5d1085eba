// SPDX-License-Identifier: GPL-3.0-or-later
#include "RenderCommand.h"

#include "core/AtomicFile.h"
#include "jobs/JobSteps.h"
#include "render/FrameGeometry.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <sys/stat.h>
#include <unistd.h>

namespace hh::cli {

namespace {

std::atomic_bool g_cancel{false}; // set from the SIGINT/SIGTERM handler: must be lock-free

void onSignal(int) { g_cancel.store(true); }

// Account names become folder names: keep a conservative character set.
QString safeUserFolder(const QString& user)
{
    QString out;
    for (const QChar c : user.toLower()) {
        if ((c.isLetterOrNumber() && c.unicode() < 128) || c == QLatin1Char('-') || c == QLatin1Char('_'))
            out += c;
    }
    return out.isEmpty() ? QStringLiteral("default") : out.left(64);
}

// Creates the next numbered job folder (mkdir is atomic, so two CLIs never share one).
Result<std::pair<int, QString>> createJobFolder(const QString& jobsDir)
{
    if (!QDir().mkpath(jobsDir))
        return Result<std::pair<int, QString>>::failure(ErrorType::Io, QStringLiteral("cannot create %1").arg(jobsDir));
    ::chmod(QFile::encodeName(jobsDir).constData(), 0700);
    int next = 1;
    for (const QString& name : QDir(jobsDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool ok = false;
        const int id = name.toInt(&ok);
        if (ok)
            next = std::max(next, id + 1);
    }
    for (int attempt = 0; attempt < 1000; ++attempt, ++next) {
        const QString path = QDir(jobsDir).filePath(QString::number(next));
        if (::mkdir(QFile::encodeName(path).constData(), 0700) == 0)
            return std::make_pair(next, path);
    }
    return Result<std::pair<int, QString>>::failure(ErrorType::Io, QStringLiteral("cannot create a job folder in %1").arg(jobsDir));
}

Error copyAtomically(const QString& from, const QString& to)
{
    const QString temp = to + QStringLiteral(".part");
    QFile::remove(temp);
    if (!QFile::copy(from, temp)) {
        QFile::remove(temp);
        return {ErrorType::Io, QStringLiteral("cannot write %1; check the folder exists and is writable").arg(to)};
    }
    QFile::remove(to);
    if (!QFile::rename(temp, to)) {
        QFile::remove(temp);
        return {ErrorType::Io, QStringLiteral("cannot write %1").arg(to)};
    }
    return {};
}

class ProgressPrinter {
public:
    ProgressPrinter(bool json, int jobId)
        : m_json(json)
        , m_job(jobId)
        , m_tty(::isatty(STDERR_FILENO) != 0)
    {
        m_clock.start();
    }

    void update(Step step, int percent, const QString& detail)
    {
        const bool stepChanged = step != m_lastStep;
        // At most 10 updates a second, but every step change and every boundary.
        if (!stepChanged && percent == m_lastPercent && m_clock.elapsed() - m_lastMs < 100)
            return;
        if (!stepChanged && m_clock.elapsed() - m_lastMs < 100 && percent % 20 != 0)
            return;
        m_lastMs = m_clock.elapsed();
        if (m_json) {
            const QJsonObject event{{QStringLiteral("event"), QStringLiteral("progress")},
                                    {QStringLiteral("job"), m_job},
                                    {QStringLiteral("step"), stepName(step)},
                                    {QStringLiteral("percent"), percent},
                                    {QStringLiteral("detail"), detail}};
            std::fprintf(stdout, "%s\n", QJsonDocument(event).toJson(QJsonDocument::Compact).constData());
            std::fflush(stdout);
        } else {
            const QString line = QStringLiteral("[%1%] %2  %3").arg(percent, 3).arg(stepName(step), -15).arg(detail);
            if (m_tty)
                std::fprintf(stderr, "\r\033[K%s", qPrintable(line));
            else if (stepChanged || percent / 10 != m_lastPercent / 10)
                std::fprintf(stderr, "%s\n", qPrintable(line));
            std::fflush(stderr);
        }
        m_lastStep = step;
        m_lastPercent = percent;
    }

    void finishLine()
    {
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

} // namespace

int runRender(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Make a short vertical video of a paper."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("INPUT"), QStringLiteral("PDF, DOCX, JATS or PubMed XML file"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("Copy the video to FILE."), QStringLiteral("FILE"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("Where job folders live."), QStringLiteral("DIR"));
    const QCommandLineOption user(QStringLiteral("user"), QStringLiteral("Local account that owns the job."), QStringLiteral("NAME"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("JSON lines on stdout."));
    const QCommandLineOption scriptOpt(QStringLiteral("script"), QStringLiteral("builtin|gemini|openai"), QStringLiteral("P"), QStringLiteral("builtin"));
    const QCommandLineOption voiceOpt(QStringLiteral("voice"), QStringLiteral("builtin|gemini, or a built-in voice name (en-us, en-gb, uk …)"),
                                      QStringLiteral("V"), QStringLiteral("builtin"));
    const QCommandLineOption visualsOpt(QStringLiteral("visuals"), QStringLiteral("builtin|runway"), QStringLiteral("P"), QStringLiteral("builtin"));
    const QCommandLineOption duration(QStringLiteral("duration"), QStringLiteral("Target length: 30, 60 or 90 seconds."), QStringLiteral("SECONDS"), QStringLiteral("60"));
    const QCommandLineOption aspect(QStringLiteral("aspect"), QStringLiteral("9:16, 1:1 or 16:9."), QStringLiteral("RATIO"), QStringLiteral("9:16"));
    const QCommandLineOption pause(QStringLiteral("pause-after-script"), QStringLiteral("Stop after the script so it can be edited."));
    const QCommandLineOption password(QStringLiteral("password"), QStringLiteral("Password of an encrypted PDF."), QStringLiteral("PW"));
    const QCommandLineOption rate(QStringLiteral("rate"), QStringLiteral("Speaking rate, words per minute."), QStringLiteral("WPM"), QStringLiteral("165"));
    const QCommandLineOption preset(QStringLiteral("x264-preset"), QStringLiteral("x264 preset."), QStringLiteral("P"), QStringLiteral("ultrafast"));
    parser.addOptions({output, dataDir, user, json, scriptOpt, voiceOpt, visualsOpt, duration, aspect, pause, password, rate, preset});
    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "error: usage: %s\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
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
        std::fputs("error: usage: --duration takes seconds between 10 and 180 (30, 60 or 90 are typical)\n", stderr);
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
    const QString voice = parser.value(voiceOpt);
    for (const auto& [name, value] : {std::pair{"script", parser.value(scriptOpt)}, std::pair{"visuals", parser.value(visualsOpt)}}) {
        if (value != QLatin1String("builtin")) {
            std::fprintf(stderr, "error: provider: --%s %s needs the cloud providers, which are not in this build yet; use builtin\n",
                         name, qPrintable(value));
            return 4;
        }
    }
    if (voice == QLatin1String("gemini")) {
        std::fputs("error: provider: --voice gemini needs the cloud providers, which are not in this build yet; use builtin\n", stderr);
        return 4;
    }
    if (voice != QLatin1String("builtin"))
        options.voice = voice;

    // Refuse an output nobody can write before minutes of rendering, not after.
    if (parser.isSet(output)) {
        const QFileInfo outDir(QFileInfo(parser.value(output)).absolutePath());
        if (!outDir.isDir() || !outDir.isWritable()) {
            std::fprintf(stderr, "error: io: cannot write %s: the folder %s does not exist or is not writable\n",
                         qPrintable(parser.value(output)), qPrintable(outDir.filePath()));
            return exitCodeFor(ErrorType::Io);
        }
    }
    const QString root = parser.isSet(dataDir) ? parser.value(dataDir)
                                               : QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    const QString userName = parser.isSet(user) ? parser.value(user) : qEnvironmentVariable("USER", QStringLiteral("default"));
    const QString userDir = QDir(root).filePath(QStringLiteral("users/") + safeUserFolder(userName));
    QDir().mkpath(userDir);
    ::chmod(QFile::encodeName(userDir).constData(), 0700);
    auto folder = createJobFolder(QDir(userDir).filePath(QStringLiteral("jobs")));
    if (!folder) {
        std::fprintf(stderr, "error: %s: %s\n", qPrintable(folder.error().code()), qPrintable(folder.error().message));
        return exitCodeFor(folder.error().type);
    }
    const auto [jobId, jobDir] = folder.value();
    writeFileAtomically(QDir(jobDir).filePath(QStringLiteral("options.json")), QJsonDocument(options.toJson()).toJson());

    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    ProgressPrinter printer(parser.isSet(json), jobId);
    JobSteps steps(jobDir, options);
    const Error error = steps.run([&printer](Step step, int percent, const QString& detail) { printer.update(step, percent, detail); },
                                  &g_cancel, options.pauseAfterScript ? Step::GenerateScript : Step::Done);
    printer.finishLine();

    QJsonObject finished{{QStringLiteral("event"), QStringLiteral("finished")}, {QStringLiteral("job"), jobId}};
    int exitCode = 0;
    if (error.isError()) {
        finished.insert(QStringLiteral("status"), error.type == ErrorType::Cancelled ? QStringLiteral("cancelled") : QStringLiteral("failed"));
        finished.insert(QStringLiteral("error_type"), error.code());
        finished.insert(QStringLiteral("message"), error.message);
        std::fprintf(stderr, "error: %s: %s\n", qPrintable(error.code()), qPrintable(error.message));
        exitCode = exitCodeFor(error.type);
    } else if (options.pauseAfterScript && steps.firstMissingStep() != Step::Done) {
        finished.insert(QStringLiteral("status"), QStringLiteral("paused"));
        finished.insert(QStringLiteral("script"), steps.artifactPath(QStringLiteral("script.json")));
        if (!parser.isSet(json))
            std::fprintf(stderr, "paused after the script: edit %s, then resume the job\n",
                         qPrintable(steps.artifactPath(QStringLiteral("script.json"))));
    } else {
        QString video = steps.finalVideoPath();
        if (parser.isSet(output)) {
            if (Error e = copyAtomically(video, parser.value(output)); e.isError()) {
                std::fprintf(stderr, "error: %s: %s\n", qPrintable(e.code()), qPrintable(e.message));
                return exitCodeFor(e.type);
            }
            video = QFileInfo(parser.value(output)).absoluteFilePath();
        }
        finished.insert(QStringLiteral("status"), QStringLiteral("completed"));
        finished.insert(QStringLiteral("video"), video);
        if (!parser.isSet(json))
            std::fprintf(stdout, "%s\n", qPrintable(video));
    }
    for (const QString& warning : steps.warnings())
        std::fprintf(stderr, "warning: %s\n", qPrintable(warning));
    if (parser.isSet(json))
        std::fprintf(stdout, "%s\n", QJsonDocument(finished).toJson(QJsonDocument::Compact).constData());
    return exitCode;
}

} // namespace hh::cli
