// SPDX-License-Identifier: GPL-3.0-or-later
#include "BatchInputs.h"

#include "providers/PaperIdentifier.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <cstdio>
#include <string>

namespace hh::cli {

namespace {

const QString kStdin = QStringLiteral("-");

// A file (or a name that is no file: an ID, or a path that will fail in its own job).
BatchInput inputFor(const QString& label) {
    const QFileInfo file(label);
    if (file.exists())
        return {label, file.absoluteFilePath(), {}};
    const PaperIdentifier id = PaperIdentifier::parse(label);
    return {label, id.isValid() ? id.value : label, {}};
}

QString outputNameFor(const BatchInput& input) {
    QString name;
    const QFileInfo file(input.source);
    if (file.isAbsolute())
        name = file.completeBaseName();
    else if (const PaperIdentifier id = PaperIdentifier::parse(input.source); id.isValid())
        name = id.value;
    else // a file that is not there: its job fails, its name stays recognisable
        name = file.completeBaseName();
    // Keep the name a plain file name in any folder: DOIs carry slashes.
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._+-]"));
    name.replace(unsafe, QStringLiteral("_"));
    while (name.startsWith(QLatin1Char('.')))
        name.remove(0, 1);
    return name.isEmpty() ? QStringLiteral("video") : name;
}

} // namespace

QStringList BatchInputs::paperSuffixes() {
    return {QStringLiteral("pdf"), QStringLiteral("docx"), QStringLiteral("xml"),
            QStringLiteral("nxml")};
}

bool BatchInputs::isBatch(const QStringList& arguments, bool outputDirGiven) {
    if (outputDirGiven || arguments.size() > 1)
        return true;
    return !arguments.isEmpty() &&
           (arguments.first() == kStdin || QFileInfo(arguments.first()).isDir());
}

QList<BatchInput> BatchInputs::expand(const QStringList& arguments, const LineReader& readStdin,
                                      QStringList* warnings) {
    QStringList labels;
    bool stdinRead = false;
    for (const QString& argument : arguments) {
        if (argument == kStdin) {
            if (stdinRead) // standard input ends after its first reading
                continue;
            stdinRead = true;
            for (const QString& line : readStdin()) {
                const QString trimmed = line.trimmed();
                if (!trimmed.isEmpty() && !trimmed.startsWith(QLatin1Char('#')))
                    labels << trimmed;
            }
            continue;
        }
        if (!QFileInfo(argument).isDir()) {
            labels << argument;
            continue;
        }
        const QDir folder(argument);
        QStringList patterns;
        for (const QString& suffix : paperSuffixes())
            patterns << QStringLiteral("*.") + suffix;
        const QStringList files = folder.entryList(
            patterns, QDir::Files | QDir::Readable | QDir::CaseSensitive, QDir::Name);
        if (files.isEmpty() && warnings) {
            *warnings << QStringLiteral("%1 holds no PDF, DOCX or XML file").arg(argument);
        }
        for (const QString& file : files)
            labels << QDir::cleanPath(folder.filePath(file));
    }
    QList<BatchInput> inputs;
    QSet<QString> seen;
    for (const QString& label : std::as_const(labels)) {
        BatchInput input = inputFor(label);
        const QString key = QFileInfo(input.source).isAbsolute()
                                ? QFileInfo(input.source).canonicalFilePath()
                                : input.source;
        if (seen.contains(key))
            continue;
        seen.insert(key);
        inputs << input;
    }
    return inputs;
}

void BatchInputs::assignOutputs(QList<BatchInput>& inputs, const QString& outputDir) {
    const QDir folder(outputDir);
    QSet<QString> taken;
    for (BatchInput& input : inputs) {
        const QString name = outputNameFor(input);
        QString candidate = name;
        for (int n = 2; taken.contains(candidate.toLower()); ++n)
            candidate = QStringLiteral("%1-%2").arg(name).arg(n);
        // Compared without case: two names differing only in case are one file on
        // the file systems of many users' USB sticks and shares.
        taken.insert(candidate.toLower());
        input.output = QDir::cleanPath(folder.absoluteFilePath(candidate + QStringLiteral(".mp4")));
    }
}

QStringList BatchInputs::readStandardInput() {
    // C stdio, as --password-stdin reads its first line: that line is gone already.
    QStringList lines;
    std::string line;
    for (int c = std::getchar(); c != EOF; c = std::getchar()) {
        if (c == '\n') {
            lines << QString::fromStdString(line);
            line.clear();
        } else {
            line.push_back(static_cast<char>(c));
        }
    }
    if (!line.empty())
        lines << QString::fromStdString(line);
    return lines;
}

} // namespace hh::cli
