// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QDir>
#include <QString>
#include <QStringList>

class QCommandLineParser;

namespace hh {

// `hiddenhill [PAPER]`: the paper to open in New video after sign-in. File
// managers pass paths or file:// URLs (desktop files use %U); either becomes an
// absolute local path, because the job keeps the path and may resume later
// from another working folder.
class CommandLine {
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
public:
    // Adds --help, --version and the PAPER argument.
    static void setUp(QCommandLineParser& parser);
    // The paper named on the command line, absolute; empty when none was given.
    static QString paperPath(const QCommandLineParser& parser,
                             const QDir& workingDir = QDir::current());
    static QString resolve(const QString& argument, const QDir& workingDir);
};

} // namespace hh
