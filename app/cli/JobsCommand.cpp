// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobsCommand.h"

#include "CliContext.h"
#include "jobs/JobSteps.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTextStream>
#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>

namespace hh::cli {

namespace {

constexpr int kUsageExit = 2;
// Refusals because of a job's state (cancel a completed job, delete a running one):
// the command line was fine, so not the usage code, but nothing was done either.
constexpr int kRefusedExit = 1;
constexpr qsizetype kTitleWidth = 50;

constexpr const char* kJobsUsage =
    "usage: hiddenhill-cli jobs SUBCOMMAND [--json] [--data-dir DIR] [--user NAME]\n"
    "\n"
    "subcommands:\n"
    "  list [--status S] [--search TEXT]   the account's jobs, newest first\n"
    "  show ID                             one job, its steps and its folder\n"
    "  cancel ID                           stop a job; a running worker stops at its next step\n"
    "  delete ID [--force]                 remove a job's row and folder (--force: even running)\n"
    "  rebuild                             recreate rows from the job folders after the database "
    "was lost\n"
    "  resume [ID]                         continue an interrupted, paused or failed job\n";

constexpr std::array kSteps{Step::FetchPaper, Step::GenerateScript, Step::GenerateAudio,
                            Step::GenerateVideos, Step::AddCaptions};

int usageError(const QString& message) {
    std::fprintf(stderr, "error: usage: %s\n", qPrintable(message));
    return kUsageExit;
}

int refuse(const QString& message) {
    std::fprintf(stderr, "error: usage: %s\n", qPrintable(message));
    return kRefusedExit;
}

// Parses a subcommand's options and its `positionals` positional arguments.
// Returns nothing to go on, or the exit code when help was shown or usage is wrong.
std::optional<int> parseOrExit(QCommandLineParser& parser, const QStringList& arguments,
                               qsizetype positionals, const QString& synopsis) {
    parser.addHelpOption();
    addCommonOptions(parser);
    if (const auto exit = parseCommandLine(parser, arguments))
        return exit;
    if (parser.positionalArguments().size() != positionals)
        return usageError(QStringLiteral("hiddenhill-cli jobs ") + synopsis);
    return std::nullopt;
}

// Job IDs are positive whole numbers; anything else (signs, spaces, "007") is refused
// so that the folder computed from the ID is exactly the one the user meant.
std::optional<qint64> parseJobId(const QString& text) {
    static const QRegularExpression digits(QStringLiteral("^[1-9][0-9]{0,17}$"));
    if (!digits.match(text).hasMatch())
        return std::nullopt;
    return text.toLongLong();
}

std::optional<qint64> jobIdArgument(const QCommandLineParser& parser) {
    const QString text = parser.positionalArguments().value(0);
    const auto id = parseJobId(text);
    if (!id)
        usageError(QStringLiteral("job ID must be a positive whole number, got '%1'").arg(text));
    return id;
}

// The job of this account. A missing job and another account's job get the same
// answer, so IDs of other accounts cannot be probed.
Result<JobRecord> findJob(const CliContext& context, qint64 jobId) {
    auto record = context.store->job(context.userId, jobId);
    if (!record && record.error().type == ErrorType::NotFound) {
        return Result<JobRecord>::failure(ErrorType::NotFound,
                                          QStringLiteral("job %1 does not exist for account %2")
                                              .arg(jobId)
                                              .arg(context.userName));
    }
    return record;
}

QJsonValue isoOrNull(const QDateTime& time) {
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODate)) : QJsonValue();
}

QJsonObject jobJson(const JobRecord& job) {
    return {{QStringLiteral("id"), job.id},
            {QStringLiteral("paper_id"), job.paperId},
            {QStringLiteral("title"), job.paperTitle},
            {QStringLiteral("source_kind"), job.sourceKind},
            {QStringLiteral("status"), job.status},
            {QStringLiteral("progress"), job.progressPercent},
            {QStringLiteral("step"), job.currentStep},
            {QStringLiteral("error_type"), job.errorType},
            {QStringLiteral("error_message"), job.errorMessage},
            {QStringLiteral("created_at"), isoOrNull(job.createdAt)},
            {QStringLiteral("updated_at"), isoOrNull(job.updatedAt)},
            {QStringLiteral("completed_at"), isoOrNull(job.completedAt)},
            {QStringLiteral("video"), job.finalVideoPath}};
}

void printJson(const QJsonDocument& document) {
    QTextStream out(stdout);
    out << document.toJson(QJsonDocument::Indented);
}

QString shortLocalTime(const QDateTime& time) {
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                          : QString();
}

QString displayTitle(const JobRecord& job) {
    const QString title = job.paperTitle.isEmpty() ? job.paperId : job.paperTitle.simplified();
    return title.size() > kTitleWidth ? title.left(kTitleWidth - 1) + QChar(0x2026) : title;
}

// Queued jobs' places in line (1: next to start), in queue order.
QHash<qint64, int> queuePlaces(const QList<JobRecord>& jobs) {
    QList<JobRecord> queued;
    std::copy_if(jobs.cbegin(), jobs.cend(), std::back_inserter(queued),
                 [](const JobRecord& job) { return job.status == JobStatus::Queued; });
    std::sort(queued.begin(), queued.end(), [](const JobRecord& a, const JobRecord& b) {
        return a.queuePos != b.queuePos ? a.queuePos < b.queuePos : a.id < b.id;
    });
    QHash<qint64, int> places;
    for (int i = 0; i < queued.size(); ++i)
        places.insert(queued.at(i).id, i + 1);
    return places;
}

void printTable(const QList<JobRecord>& jobs, const CliContext& context) {
    QTextStream out(stdout);
    if (jobs.isEmpty()) {
        out << "No jobs for account " << context.userName << ".\n";
        return;
    }
    qsizetype idWidth = 2;
    for (const JobRecord& job : jobs)
        idWidth = std::max(idWidth, QString::number(job.id).size());
    const auto row = [&out, idWidth](const QStringList& cells) {
        const QString line = cells.at(0).leftJustified(idWidth) + QStringLiteral("  ") +
                             cells.at(1).leftJustified(11) + cells.at(2).leftJustified(6) +
                             cells.at(3).leftJustified(17) + cells.at(4).leftJustified(18) +
                             cells.at(5).leftJustified(kTitleWidth + 2) + cells.at(6);
        out << line.trimmed() << '\n';
    };
    row({QStringLiteral("ID"), QStringLiteral("STATUS"), QStringLiteral("DONE"),
         QStringLiteral("STEP"), QStringLiteral("CREATED"), QStringLiteral("TITLE"),
         QStringLiteral("ERROR")});
    const QHash<qint64, int> places = queuePlaces(jobs);
    for (const JobRecord& job : jobs) {
        const bool failed = job.status == JobStatus::Failed;
        // "queued #2": second in line.
        const QString status = places.contains(job.id)
                                   ? QStringLiteral("queued #%1").arg(places.value(job.id))
                                   : job.status;
        row({QString::number(job.id), status,
             QString::number(job.progressPercent) + QLatin1Char('%'), job.currentStep,
             shortLocalTime(job.createdAt), displayTitle(job), failed ? job.errorType : QString()});
    }
}

int runList(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List the account's jobs, newest first."));
    const QCommandLineOption status(QStringLiteral("status"),
                                    QStringLiteral("Only jobs with this status."),
                                    QStringLiteral("S"));
    const QCommandLineOption search(
        QStringLiteral("search"),
        QStringLiteral("Only jobs whose title or paper ID contains TEXT."), QStringLiteral("TEXT"));
    parser.addOptions({status, search});
    if (auto exit =
            parseOrExit(parser, arguments, 0, QStringLiteral("list [--status S] [--search TEXT]")))
        return *exit;
    JobFilter filter;
    filter.status = parser.value(status);
    filter.text = parser.value(search);
    filter.limit = 0;
    if (!filter.status.isEmpty() && !JobStatus::isKnown(filter.status))
        return usageError(
            QStringLiteral("unknown status '%1'; use pending, queued, running, paused, "
                           "completed, failed or cancelled")
                .arg(filter.status));

    CliContext context;
    if (const int exit = openContext(parser, context))
        return exit;
    const auto jobs = context.store->jobs(context.userId, filter);
    if (!jobs)
        return reportError(jobs.error());
    if (context.json) {
        QJsonArray array;
        const QHash<qint64, int> places = queuePlaces(jobs.value());
        for (const JobRecord& job : jobs.value()) {
            QJsonObject object = jobJson(job);
            if (places.contains(job.id))
                object.insert(QStringLiteral("queue_place"), places.value(job.id));
            array.append(object);
        }
        printJson(QJsonDocument(array));
    } else {
        printTable(jobs.value(), context);
    }
    return 0;
}

void printJobDetails(const JobRecord& job, const QString& folder, const JobSteps& steps) {
    QTextStream out(stdout);
    const auto field = [&out](const char* label, const QString& value) {
        if (!value.isEmpty())
            out << QString::fromLatin1(label).leftJustified(11) << value << '\n';
    };
    out << "Job " << job.id << ": " << job.status << '\n';
    field("Title:", job.paperTitle);
    field("Paper:", job.sourceKind.isEmpty()
                        ? job.paperId
                        : QStringLiteral("%1 (%2)").arg(job.paperId, job.sourceKind));
    field("Progress:",
          QStringLiteral("%1%  %2").arg(job.progressPercent).arg(job.currentStep).trimmed());
    field("Created:", shortLocalTime(job.createdAt));
    field("Updated:", shortLocalTime(job.updatedAt));
    field("Completed:", shortLocalTime(job.completedAt));
    if (!job.errorType.isEmpty() || !job.errorMessage.isEmpty())
        field("Error:", QStringLiteral("%1: %2").arg(job.errorType, job.errorMessage));
    field("Video:", job.finalVideoPath);
    field("Folder:", folder);
    out << "Steps:\n";
    for (const Step step : kSteps)
        out << "  " << (steps.isStepDone(step) ? QChar(0x2713) : QChar(0x2026)) << ' '
            << stepName(step) << '\n';
}

int runShow(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Show one job, its steps and its folder."));
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Job ID."));
    if (auto exit = parseOrExit(parser, arguments, 1, QStringLiteral("show ID")))
        return *exit;
    const auto jobId = jobIdArgument(parser);
    if (!jobId)
        return kUsageExit;
    CliContext context;
    if (const int exit = openContext(parser, context))
        return exit;
    const auto job = findJob(context, *jobId);
    if (!job)
        return reportError(job.error());

    // The folder is computed from the row's uuids, never from its video path.
    const QString folder = context.layout->jobDir(job.value());
    const JobSteps steps(folder, JobOptions::fromJson(job->options));
    if (!context.json) {
        printJobDetails(job.value(), folder, steps);
        return 0;
    }
    QJsonObject object = jobJson(job.value());
    object.insert(QStringLiteral("task_id"), job->taskId);
    object.insert(QStringLiteral("options"), job->options);
    object.insert(QStringLiteral("folder"), folder);
    QJsonArray stepArray;
    for (const Step step : kSteps)
        stepArray.append(QJsonObject{{QStringLiteral("step"), stepName(step)},
                                     {QStringLiteral("done"), steps.isStepDone(step)}});
    object.insert(QStringLiteral("steps"), stepArray);
    printJson(QJsonDocument(object));
    return 0;
}

int alreadyCompleted(qint64 jobId) {
    return refuse(QStringLiteral("job %1 is already completed; delete it instead").arg(jobId));
}

int runCancel(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Cancel a job; a running worker stops at its next progress report."));
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Job ID."));
    if (auto exit = parseOrExit(parser, arguments, 1, QStringLiteral("cancel ID")))
        return *exit;
    const auto jobId = jobIdArgument(parser);
    if (!jobId)
        return kUsageExit;
    CliContext context;
    if (const int exit = openContext(parser, context))
        return exit;
    const auto job = findJob(context, *jobId);
    if (!job)
        return reportError(job.error());
    if (job->status == JobStatus::Completed)
        return alreadyCompleted(*jobId);

    if (job->status != JobStatus::Cancelled) {
        // The row is the signal: a worker, even in another process, sees
        // updateProgress() return false and stops.
        const Error error = context.store->fail(context.userId, *jobId, ErrorType::Cancelled,
                                                QStringLiteral("cancelled by the user"));
        if (error.isError()) {
            // It may have completed between the read and the update.
            const auto now = findJob(context, *jobId);
            if (now && now->status == JobStatus::Completed)
                return alreadyCompleted(*jobId);
            return reportError(error);
        }
    }
    if (context.json) {
        const auto updated = findJob(context, *jobId);
        if (!updated)
            return reportError(updated.error());
        printJson(QJsonDocument(jobJson(updated.value())));
    } else {
        QTextStream(stdout) << "Job " << *jobId << " cancelled.\n";
    }
    return 0;
}

// Removes a job folder. A symbolic link in its place is removed itself, never what
// it points to, so a planted link cannot make `delete` wipe another folder.
Error removeJobFolder(const QString& folder) {
    const QFileInfo info(folder);
    if (info.isSymLink()) {
        if (QFile::remove(folder))
            return {};
        return {ErrorType::Io, QStringLiteral("cannot remove the link %1").arg(folder)};
    }
    if (!info.exists() || QDir(folder).removeRecursively())
        return {};
    return {ErrorType::Io,
            QStringLiteral("cannot remove the job folder %1; check its permissions").arg(folder)};
}

int runDelete(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Delete a job: its row and its folder."));
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Job ID."));
    const QCommandLineOption force(QStringLiteral("force"),
                                   QStringLiteral("Delete even a running job."));
    parser.addOption(force);
    if (auto exit = parseOrExit(parser, arguments, 1, QStringLiteral("delete ID [--force]")))
        return *exit;
    const auto jobId = jobIdArgument(parser);
    if (!jobId)
        return kUsageExit;
    CliContext context;
    if (const int exit = openContext(parser, context))
        return exit;
    const auto job = findJob(context, *jobId);
    if (!job)
        return reportError(job.error());
    if (job->status == JobStatus::Running) {
        if (!parser.isSet(force))
            return refuse(
                QStringLiteral("job %1 is running; cancel it first, or pass --force").arg(*jobId));
        // Stop the worker before its folder disappears under it.
        context.store->fail(context.userId, *jobId, ErrorType::Cancelled,
                            QStringLiteral("deleted by the user"));
    }
    // Folder first: if it cannot be removed the row stays, and `delete` can be retried
    // without leaving an orphan folder that `rebuild` would bring back.
    if (const Error error = removeJobFolder(context.layout->jobDir(job.value())); error.isError())
        return reportError(error);
    if (const Error error = context.store->deleteJob(context.userId, *jobId); error.isError())
        return reportError(error);
    if (context.json)
        printJson(QJsonDocument(QJsonObject{{QStringLiteral("deleted"), *jobId}}));
    else
        QTextStream(stdout) << "Job " << *jobId << " deleted.\n";
    return 0;
}

QJsonObject readJsonObject(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// What identifies the paper when only the folder is left: the input's file name
// (or the identifier given on the command line), else the paper's own IDs.
QString recoveredPaperId(const JobOptions& options, const QJsonObject& paper,
                         const QString& jobUuid) {
    const QString input = QFileInfo(options.input).fileName();
    if (!input.isEmpty())
        return input;
    for (const char* key : {"doi", "pmcid", "pmid"}) {
        const QString id = paper.value(QLatin1String(key)).toString();
        if (!id.isEmpty())
            return id;
    }
    return QStringLiteral("job-%1").arg(jobUuid);
}

QDateTime folderCreationTime(const QString& folder, const QString& optionsPath) {
    const QDateTime born = QFileInfo(folder).birthTime();
    if (born.isValid())
        return born.toUTC();
    const QFileInfo options(optionsPath);
    return (options.exists() ? options.lastModified() : QFileInfo(folder).lastModified()).toUTC();
}

// A row for a folder that lost its row, honest about what is known: completed
// when the final video is there, otherwise failed at the last finished step so the
// user can retry (resume) it.
JobRecord recoveredRecord(const QString& folder, const QString& jobUuid) {
    const QString optionsPath = QDir(folder).filePath(QStringLiteral("options.json"));
    const QJsonObject optionsJson = readJsonObject(optionsPath);
    const JobOptions options = JobOptions::fromJson(optionsJson);
    const QJsonObject paper = readJsonObject(QDir(folder).filePath(QStringLiteral("paper.json")));
    const JobSteps steps(folder, options);

    JobRecord record;
    record.taskId = jobUuid; // the folder's name: the row finds its folder again
    record.options = optionsJson;
    record.paperTitle = paper.value(QLatin1String("title")).toString();
    record.sourceKind = paper.value(QLatin1String("source")).toString();
    record.paperId = recoveredPaperId(options, paper, jobUuid);
    record.createdAt = folderCreationTime(folder, optionsPath);
    if (steps.isStepDone(Step::AddCaptions)) {
        record.status = JobStatus::Completed;
        record.progressPercent = 100;
        record.currentStep = stepName(Step::AddCaptions);
        record.finalVideoPath = steps.finalVideoPath();
        record.completedAt = QFileInfo(steps.finalVideoPath()).lastModified().toUTC();
        return record;
    }
    const Step missing = steps.firstMissingStep();
    record.status = JobStatus::Failed;
    record.progressPercent = steps.plan().startPercent(missing);
    record.currentStep = stepName(missing);
    record.errorType = errorTypeCode(ErrorType::Internal);
    record.errorMessage =
        QStringLiteral("recovered from its folder after the database was lost; retry to finish it");
    return record;
}

int runRebuild(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Recreate the rows of the account's job folders that have none (after the "
                       "database was lost)."));
    if (auto exit = parseOrExit(parser, arguments, 0, QStringLiteral("rebuild")))
        return *exit;
    CliContext context;
    if (const int exit = openContext(parser, context))
        return exit;

    const auto account = context.store->user(context.userId);
    if (!account)
        return reportError(account.error());
    // Only this account's folder: other accounts' folders are none of its business.
    // Folders are named by uuid, so what is found here is this account's own.
    const QString jobsDir = context.layout->jobsDir(account->uuid);
    QStringList uuids;
    for (const QString& name :
         QDir(jobsDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks)) {
        if (DataLayout::isValidUuid(name))
            uuids.append(name);
    }
    uuids.sort();

    QJsonArray imported;
    int present = 0;
    int failed = 0;
    for (const QString& uuid : std::as_const(uuids)) {
        if (context.store->jobByTaskId(context.userId, uuid)) {
            ++present;
            continue;
        }
        const auto result = context.store->importJob(
            context.userId, recoveredRecord(context.layout->jobDir(account->uuid, uuid), uuid));
        if (!result) {
            ++failed;
            std::fprintf(stderr, "warning: %s\n", qPrintable(result.error().message));
            continue;
        }
        imported.append(result.value());
    }
    // Folders of accounts the database no longer knows (it was lost or replaced):
    // named, so the person can find their files, but never adopted by this account.
    QJsonArray unowned;
    for (const QString& name :
         QDir(context.layout->usersDir())
             .entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks)) {
        if (DataLayout::isValidUuid(name) && !context.store->userByUuid(name)) {
            const QString folder = context.layout->userDir(name);
            unowned.append(folder);
            if (!context.json)
                std::fprintf(stderr,
                             "warning: %s belongs to no account in this database; it was left "
                             "alone\n",
                             qPrintable(folder));
        }
    }
    if (context.json) {
        printJson(QJsonDocument(QJsonObject{{QStringLiteral("imported"), imported},
                                            {QStringLiteral("already_present"), present},
                                            {QStringLiteral("failed"), failed},
                                            {QStringLiteral("unowned_folders"), unowned}}));
    } else {
        QTextStream(stdout) << "Imported " << imported.size()
                            << (imported.size() == 1 ? " job" : " jobs") << " from " << jobsDir
                            << " (" << present << " already in the database"
                            << (failed > 0 ? QStringLiteral(", %1 failed").arg(failed) : QString())
                            << ").\n";
    }
    return failed > 0 ? 1 : 0;
}

} // namespace

int runJobs(const QStringList& arguments) {
    const QString subcommand = arguments.value(1);
    if (subcommand == QLatin1String("--help") || subcommand == QLatin1String("-h")) {
        std::fputs(kJobsUsage, stdout);
        return 0;
    }
    // Each subcommand parses "program [its arguments]".
    const QStringList rest = QStringList{arguments.value(0)} + arguments.mid(2);
    if (subcommand == QLatin1String("list"))
        return runList(rest);
    if (subcommand == QLatin1String("show"))
        return runShow(rest);
    if (subcommand == QLatin1String("cancel"))
        return runCancel(rest);
    if (subcommand == QLatin1String("delete"))
        return runDelete(rest);
    if (subcommand == QLatin1String("rebuild"))
        return runRebuild(rest);
    if (subcommand == QLatin1String("resume"))
        return runJobsResume(rest); // the job runner's command, in RenderCommand.cpp
    const QString problem = subcommand.isEmpty()
                                ? QStringLiteral("jobs needs a subcommand")
                                : QStringLiteral("unknown jobs subcommand '%1'").arg(subcommand);
    std::fprintf(stderr, "error: usage: %s\n%s", qPrintable(problem), kJobsUsage);
    return kUsageExit;
}

} // namespace hh::cli
