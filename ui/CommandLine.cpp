// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommandLine.h"

#include <QCommandLineParser>
#include <QUrl>

namespace hh {

void CommandLine::setUp(QCommandLineParser& parser) {
    parser.setApplicationDescription(tr("Turn a scientific paper into a short narrated video."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("paper"),
                                 tr("A paper to open in New video (PDF, DOCX or JATS XML)."),
                                 tr("[paper]"));
}

QString CommandLine::paperPath(const QCommandLineParser& parser, const QDir& workingDir) {
    const QStringList arguments = parser.positionalArguments();
    // Several files: the last one wins, as it did before; New video shows one paper.
    return arguments.isEmpty() ? QString() : resolve(arguments.last(), workingDir);
}

QString CommandLine::resolve(const QString& argument, const QDir& workingDir) {
    if (argument.isEmpty())
        return {};
    if (argument.startsWith(QLatin1String("file:"), Qt::CaseInsensitive)) {
        const QUrl url(argument);
        if (url.isLocalFile())
            return QDir::cleanPath(url.toLocalFile());
    }
    return QDir::cleanPath(workingDir.absoluteFilePath(argument));
}

} // namespace hh
