// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

namespace hh::cli {

// One paper of a batch render.
struct BatchInput {
    QString label;  // as the user named it: a path as typed, a folder's file, an ID
    QString source; // what the job reads: an absolute path, or the identifier
    QString output; // <output dir>/<name>.mp4
};

// The papers `hiddenhill-cli render IN1 IN2 …` names: files, folders (their PDF,
// DOCX and XML files), identifiers (PMID, PMCID, DOI) and `-` (one input a line on
// standard input), in the order given, each paper once.
class BatchInputs {
public:
    // Reads standard input for `-`; replaceable so the expansion needs no process.
    using LineReader = std::function<QStringList()>;

    // True when the arguments ask for the batch form: several inputs, a folder, `-`,
    // or an output folder. One file or ID without --output-dir is the single form.
    static bool isBatch(const QStringList& arguments, bool outputDirGiven);

    // Expands folders and `-`. Folders are read one level deep, files sorted by name;
    // lines on stdin are trimmed, blank lines and `#` comments skipped. An input
    // named twice (the same file through two paths, the same ID) is made once.
    // `warnings` collects what the user should hear (a folder without papers).
    static QList<BatchInput> expand(const QStringList& arguments, const LineReader& readStdin,
                                    QStringList* warnings);

    // Gives each input `<dir>/<name>.mp4`: a file's name without its extension, an
    // identifier's normalised form ("/" becomes "_"). Two inputs with the same
    // name get "name.mp4", "name-2.mp4", … in input order.
    static void assignOutputs(QList<BatchInput>& inputs, const QString& outputDir);

    // Every line of the process's standard input.
    static QStringList readStandardInput();

    // The file types a folder contributes.
    static QStringList paperSuffixes();
};

} // namespace hh::cli
