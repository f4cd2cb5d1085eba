// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountCommand.h"

#include "CliContext.h"
#include "PasswordInput.h"

#include <cstdio>

namespace hh::cli {

namespace {

constexpr const char* kAccountUsage =
    "usage: hiddenhill-cli account create NAME [--password-stdin | --no-password] "
    "[--data-dir DIR]\n";

int usage(const QString& message) {
    std::fprintf(stderr, "error: usage: %s\n%s", qPrintable(message), kAccountUsage);
    return 2;
}

// The new password: the first line of stdin, or typed twice without echo on a
// terminal. nullopt (with the error printed) when it cannot be had.
std::optional<QString> newPassword(bool fromStdin, const QString& name, int& exitCode) {
    const auto first = readPassword(fromStdin, QStringLiteral("New password for %1: ").arg(name));
    if (!first) {
        exitCode = usage(QStringLiteral("no password on standard input"));
        return std::nullopt;
    }
    if (fromStdin)
        return first;
    const auto again = readPassword(false, QStringLiteral("The same password again: "));
    if (!again || *again != *first) {
        exitCode = usage(QStringLiteral("the two passwords differ; nothing was created"));
        return std::nullopt;
    }
    return first;
}

int create(const QCommandLineParser& parser) {
    const QStringList names = parser.positionalArguments().mid(1);
    if (names.size() != 1)
        return usage(QStringLiteral("account create takes one NAME"));
    const QString name = names.first();
    const bool fromStdin = parser.isSet(QStringLiteral("password-stdin"));
    const bool noPassword = parser.isSet(QStringLiteral("no-password"));
    if (fromStdin && noPassword)
        return usage(QStringLiteral("--password-stdin and --no-password exclude each other"));
    // Without a terminal nobody can be asked: a passwordless account only when asked for.
    if (!fromStdin && !noPassword && !stdinIsTerminal())
        return usage(QStringLiteral("give the password with --password-stdin, or create an "
                                    "account without one with --no-password"));
    // Checked before asking for a password, so nobody types one for nothing.
    if (const QString problem = AccountService::usernameProblem(name); !problem.isEmpty())
        return usage(problem);

    CliContext context;
    if (const int exit = openData(parser, context))
        return exit;
    if (noPassword) {
        const auto made = context.accounts->createPasswordless(name);
        if (!made)
            return usage(made.error().message);
        std::printf("Created the account %s, without a password: anyone who uses this "
                    "computer can open it.\n",
                    qPrintable(name));
        return 0;
    }
    int exitCode = 0;
    const auto password = newPassword(fromStdin, name, exitCode);
    if (!password)
        return exitCode;
    const auto made = context.accounts->signUp(name, *password, name);
    if (!made)
        return usage(made.error().message); // a taken name or a weak password
    std::printf("Created the account %s.\n"
                "Recovery code (shown only now; keep it somewhere safe, it resets a "
                "forgotten password):\n%s\n",
                qPrintable(name), qPrintable(made.value().recoveryCode));
    return 0;
}

} // namespace

int runAccount(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Local accounts: create one."));
    parser.addHelpOption();
    addDataDirOption(parser);
    parser.addOption({QStringLiteral("password-stdin"),
                      QStringLiteral("Read the new password from the first line of standard "
                                     "input (default: ask twice on the terminal).")});
    parser.addOption(
        {QStringLiteral("no-password"), QStringLiteral("Create the account without a password.")});
    parser.addPositionalArgument(QStringLiteral("create"), QStringLiteral("Create an account."),
                                 QStringLiteral("create NAME"));
    if (const auto exit = parseCommandLine(parser, arguments))
        return *exit;
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty() || positional.first() != QLatin1String("create"))
        return usage(QStringLiteral("unknown or missing subcommand"));
    return create(parser);
}

} // namespace hh::cli
