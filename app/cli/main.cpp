// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountCommand.h"
#include "ImportCommand.h"
#include "JobsCommand.h"
#include "RenderCommand.h"

#include <QGuiApplication>
#include <cstdio>

namespace {
// stderr belongs to the CLI contract (progress line, `error: type: message`), so Qt's
// own chatter (e.g. about XDG_RUNTIME_DIR) is shown only with HH_VERBOSE=1.
void quietMessageHandler(QtMsgType type, const QMessageLogContext&, const QString& message) {
    if (type == QtCriticalMsg || type == QtFatalMsg ||
        qEnvironmentVariableIntValue("HH_VERBOSE") > 0)
        std::fprintf(stderr, "%s\n", qPrintable(message));
}

constexpr const char* kUsage =
    "usage: hiddenhill-cli COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  import INPUT [--json] [--figures-dir DIR] [--password PW]\n"
    "      read a paper (PDF, DOCX, JATS or PubMed XML) and print it\n"
    "  render INPUT [-o OUT.mp4] [--duration 30|60|90] [--aspect 9:16|1:1|16:9] [--json]\n"
    "      make a narrated, captioned vertical video of a paper, offline\n"
    "  render IN1 IN2 ...|FOLDER|- [--output-dir DIR] [--jobs N] [--force] [--json]\n"
    "      a batch: one video per paper, DIR/<input name>.mp4, N at once\n"
    "  jobs list|show ID|cancel ID|delete ID|rebuild|resume [ID] [--json]\n"
    "      the account's jobs: progress, errors, folders\n"
    "  account create NAME [--password-stdin | --no-password]\n"
    "      a local account; its recovery code is printed once\n"
    "\n"
    "render and jobs work in the account named by --user NAME (default: $USER, made\n"
    "without a password when missing). An account with a password asks for it on the\n"
    "terminal, or reads it from the first line of standard input with --password-stdin.\n"
    "\n"
    "Run 'hiddenhill-cli COMMAND --help' for a command's options.\n";
} // namespace

int main(int argc, char* argv[]) {
    // Rendering draws text, which needs a GUI application but never a display:
    // the CLI always uses the offscreen platform unless told otherwise.
    qInstallMessageHandler(quietMessageHandler);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hiddenhill"));
    QCoreApplication::setOrganizationName(QStringLiteral("hiddenhill"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HH_VERSION));

    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2 || args.at(1) == QLatin1String("--help") ||
        args.at(1) == QLatin1String("-h")) {
        std::fputs(kUsage, args.size() < 2 ? stderr : stdout);
        return args.size() < 2 ? 2 : 0;
    }
    if (args.at(1) == QLatin1String("--version")) {
        std::printf("hiddenhill-cli %s\n", HH_VERSION);
        return 0;
    }
    const QString command = args.takeAt(1);
    if (command == QLatin1String("import"))
        return hh::cli::runImport(args);
    if (command == QLatin1String("render"))
        return hh::cli::runRender(args);
    if (command == QLatin1String("jobs"))
        return hh::cli::runJobs(args);
    if (command == QLatin1String("account"))
        return hh::cli::runAccount(args);
    std::fprintf(stderr, "error: usage: unknown command '%s'\n%s", qPrintable(command), kUsage);
    return 2;
}
