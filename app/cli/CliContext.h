// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AccountService.h"
#include "jobs/DataLayout.h"
#include "jobs/JobStore.h"
#include "providers/ProviderHub.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <memory>
#include <optional>

namespace hh::cli {

// What every CLI command that touches jobs needs: the data folder, the job
// table and the account (design/cli.md: `--data-dir`, `--user`, `--json`).
struct CliContext {
    std::unique_ptr<DataLayout> layout;
    std::unique_ptr<JobStore> store;
    std::unique_ptr<AccountService> accounts;
    qint64 userId = 0;
    QString userName;
    bool json = false;
    QString logDir; // <data-dir>/logs with --data-dir, else the XDG state folder
};

// Parses a command's arguments. Returns the exit code when the command should
// stop here (help shown: 0; bad options: the contract's usage line, 2).
std::optional<int> parseCommandLine(QCommandLineParser& parser, const QStringList& arguments);

// Adds --data-dir, --user, --password-stdin and --json to a parser.
void addCommonOptions(QCommandLineParser& parser);
// Adds --data-dir alone (commands that name no account).
void addDataDirOption(QCommandLineParser& parser);

// Opens the data folder and the store, and finishes account deletions a crash
// interrupted. Prints the contract's error line and returns the exit code on
// failure, 0 on success.
int openData(const QCommandLineParser& parser, CliContext& context);

// openData(), then signs in to the account as the app does: an account with a
// password opens only with it (a prompt without echo on a terminal, or
// --password-stdin), wrong passwords count toward the same lockout, and a refusal
// exits 4 (`error: auth: …`). Only the default account ($USER) is created when
// missing, without a password; any other unknown --user is a usage error (2) and
// creates nothing: accounts with a password are made by `account create`.
int openContext(const QCommandLineParser& parser, CliContext& context);

// The name of the account used without --user.
QString defaultUserName();

// The cloud providers as the environment configures them (design/cli.md: keys in
// GEMINI_API_KEY …, base URLs in HH_*_BASE_URL). Unsafe base URLs are refused.
Result<std::shared_ptr<ProviderHub>> providerHubFromEnvironment();

// What the CLI prints passes through the log's redaction, with the environment's API
// keys (and `moreSecrets`, e.g. a PDF password) registered: an error quoting a URL
// or a provider's answer must not put a key on a terminal or into a CI log.
QString redactForOutput(const QString& text, const QStringList& moreSecrets = {});

// Prints `error: <type>: <message>` (redacted) on stderr and returns the contract's exit code.
int reportError(const Error& error);

} // namespace hh::cli
