// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliContext.h"

#include "jobs/EventLog.h"

#include <QDir>
#include <QStandardPaths>
#include <cstdio>

namespace hh::cli {

void addCommonOptions(QCommandLineParser& parser) {
    parser.addOption({QStringLiteral("data-dir"),
                      QStringLiteral("Where the database and job folders live."),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("user"),
                      QStringLiteral("Local account that owns the jobs (default: $USER)."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Machine-readable output.")});
}

std::optional<int> parseCommandLine(QCommandLineParser& parser, const QStringList& arguments) {
    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "error: usage: %s\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    return std::nullopt;
}

QString redactForOutput(const QString& text, const QStringList& moreSecrets) {
    // Only the log's redaction is used; this EventLog never writes a line.
    EventLog redactor{QString()};
    const EnvironmentSecrets environment;
    for (ProviderId id :
         {ProviderId::Gemini, ProviderId::Runway, ProviderId::Ncbi, ProviderId::OpenAi})
        redactor.addSecret(environment.secret(id));
    for (const QString& secret : moreSecrets)
        redactor.addSecret(secret);
    return redactor.redacted(text);
}

int reportError(const Error& error) {
    std::fprintf(stderr, "error: %s: %s\n", qPrintable(error.code()),
                 qPrintable(redactForOutput(error.message)));
    return exitCodeFor(error.type);
}

int openContext(const QCommandLineParser& parser, CliContext& context) {
    const QString root =
        parser.isSet(QStringLiteral("data-dir"))
            ? parser.value(QStringLiteral("data-dir"))
            : QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    context.json = parser.isSet(QStringLiteral("json"));
    // Logs are state, not data (XDG): ~/.local/state/hiddenhill unless a data folder is given.
    if (parser.isSet(QStringLiteral("data-dir"))) {
        context.logDir = QDir(root).filePath(QStringLiteral("logs"));
    } else {
        const QString stateHome = qEnvironmentVariable(
            "XDG_STATE_HOME", QDir::homePath() + QStringLiteral("/.local/state"));
        context.logDir = QDir(stateHome).filePath(QStringLiteral("hiddenhill"));
    }
    context.layout = std::make_unique<DataLayout>(root);
    if (Error e = context.layout->ensureRoot(); e.isError())
        return reportError(e);
    context.store = std::make_unique<JobStore>(context.layout->databasePath());
    if (Error e = context.store->open(); e.isError())
        return reportError(e);
    context.userName = parser.isSet(QStringLiteral("user"))
                           ? parser.value(QStringLiteral("user"))
                           : qEnvironmentVariable("USER", QStringLiteral("default"));
    if (context.userName.trimmed().isEmpty() || context.userName.size() > 64) {
        std::fputs("error: usage: --user takes a name of 1 to 64 characters\n", stderr);
        return 2;
    }
    auto user = context.store->userIdByName(context.userName);
    if (!user && user.error().type == ErrorType::NotFound) {
        // "!" is not a valid password hash: the account cannot sign in to the app until
        // a password is set there, like a locked entry in /etc/shadow.
        user = context.store->createUser(context.userName, QStringLiteral("!"), context.userName);
    }
    if (!user)
        return reportError(user.error());
    context.userId = user.value();
    return 0;
}

Result<std::shared_ptr<ProviderHub>> providerHubFromEnvironment() {
    ProviderConfig config = ProviderConfig::fromEnvironment();
    if (const QStringList problems = config.problems(); !problems.isEmpty())
        return Result<std::shared_ptr<ProviderHub>>::failure(ErrorType::Unsupported,
                                                             problems.join(QStringLiteral("; ")));
    return std::make_shared<ProviderHub>(std::move(config), std::make_shared<EnvironmentSecrets>());
}

} // namespace hh::cli
