// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliContext.h"

#include "KeyStore.h"
#include "PasswordInput.h"
#include "jobs/EventLog.h"

#include <QDir>
#include <QEventLoop>
#include <QStandardPaths>
#include <cstdio>

namespace hh::cli {

void addDataDirOption(QCommandLineParser& parser) {
    parser.addOption({QStringLiteral("data-dir"),
                      QStringLiteral("Where the database and job folders live."),
                      QStringLiteral("DIR")});
}

void addCommonOptions(QCommandLineParser& parser) {
    addDataDirOption(parser);
    parser.addOption({QStringLiteral("user"),
                      QStringLiteral("Local account that owns the jobs (default: $USER)."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("password-stdin"),
                      QStringLiteral("Read the account's password from the first line of "
                                     "standard input (default: ask on the terminal).")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Machine-readable output.")});
}

QString defaultUserName() {
    return qEnvironmentVariable("USER", QStringLiteral("default"));
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
    for (ProviderId id : {ProviderId::Gemini, ProviderId::Runway, ProviderId::Ncbi,
                          ProviderId::OpenAi, ProviderId::Speech})
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

namespace {

// Deletions that a crash (or a keychain that did not answer) left unfinished are
// finished before anything else reads the accounts. The keychain is asked only
// when there is one to finish, so the CLI needs no D-Bus session otherwise. A
// deletion that cannot finish now is named and stays pending for the next start.
void finishPendingDeletions(AccountService& accounts, const QString& databasePath) {
    const auto pending = accounts.pendingDeletions();
    if (!pending || pending.value().isEmpty())
        return;
    KeychainKeyStore keychain(KeyStore::ownersIn(databasePath));
    for (const qint64 userId : pending.value()) {
        Error keys;
        QEventLoop loop;
        removeAccountKeys(keychain, userId, [&keys, &loop](Error error) {
            keys = error;
            loop.quit();
        });
        loop.exec();
        const Error error = keys.isError() ? keys : accounts.finishDeletion(userId);
        if (error.isError()) {
            std::fprintf(stderr, "warning: the deletion of account %lld is not finished yet: %s\n",
                         static_cast<long long>(userId), qPrintable(error.message));
        }
    }
}

int usageError(const QString& message) {
    std::fprintf(stderr, "error: usage: %s\n", qPrintable(message));
    return 2;
}

} // namespace

int openData(const QCommandLineParser& parser, CliContext& context) {
    const QString root =
        parser.isSet(QStringLiteral("data-dir"))
            ? parser.value(QStringLiteral("data-dir"))
            : QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    // optionNames(): what was given, without a warning from commands that define no --json.
    context.json = parser.optionNames().contains(QStringLiteral("json"));
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
    context.accounts = std::make_unique<AccountService>(*context.store, *context.layout);
    finishPendingDeletions(*context.accounts, context.layout->databasePath());
    return 0;
}

int openContext(const QCommandLineParser& parser, CliContext& context) {
    if (const int exit = openData(parser, context))
        return exit;
    context.userName = parser.isSet(QStringLiteral("user")) ? parser.value(QStringLiteral("user"))
                                                            : defaultUserName();
    if (context.userName.trimmed().isEmpty() || context.userName.size() > 64)
        return usageError(QStringLiteral("--user takes a name of 1 to 64 characters"));
    AccountService& accounts = *context.accounts;
    auto passwordless = accounts.isPasswordless(context.userName);
    if (!passwordless && passwordless.error().type == ErrorType::NotFound) {
        if (context.userName != defaultUserName()) {
            return usageError(QStringLiteral("there is no account named '%1'; create it with "
                                             "'hiddenhill-cli account create %1'")
                                  .arg(context.userName));
        }
        // The computer's own user gets an account without a password, so the README's
        // demo runs without a prompt. $USER is kept as the system spells it, even
        // outside the app's rules for names it makes.
        const auto made =
            context.store->createUser(context.userName, QStringLiteral("!"), context.userName);
        if (!made)
            return reportError(made.error());
        passwordless = true;
    }
    if (!passwordless)
        return reportError(passwordless.error());
    QString password;
    if (!passwordless.value()) {
        const auto typed = readPassword(parser.isSet(QStringLiteral("password-stdin")),
                                        QStringLiteral("Password for %1: ").arg(context.userName));
        if (!typed) {
            return reportError(
                {ErrorType::Auth,
                 QStringLiteral("the account '%1' has a password: type it on a terminal or pass "
                                "it on the first line of standard input with --password-stdin")
                     .arg(context.userName)});
        }
        password = *typed;
    }
    const auto user = accounts.signIn(context.userName, password);
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
