// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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
    qint64 userId = 0;
    QString userName;
    bool json = false;
    QString logDir; // <data-dir>/logs with --data-dir, else the XDG state folder
};

// Parses a command's arguments. Returns the exit code when the command should
// stop here (help shown: 0; bad options: the contract's usage line, 2).
std::optional<int> parseCommandLine(QCommandLineParser& parser, const QStringList& arguments);

// Adds --data-dir, --user and --json to a parser.
void addCommonOptions(QCommandLineParser& parser);

// Opens the store and resolves the account; the CLI creates an account that does
// not exist yet (it has no password until one is set in the app). Prints the
// contract's error line and returns the exit code on failure, 0 on success.
int openContext(const QCommandLineParser& parser, CliContext& context);

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
