// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImportCommand.h"

#include "CliContext.h"
#include "PaperImporter.h"
#include "providers/NcbiPaperFetcher.h"
#include "providers/PaperIdentifier.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTextStream>
#include <cstdio>

namespace hh::cli {

namespace {

void printSummary(const Paper& paper, QTextStream& out) {
    out << paper.title << '\n';
    QStringList names;
    for (const auto& author : paper.authors)
        names << author.name;
    if (!names.isEmpty())
        out << names.join(QStringLiteral(", ")) << '\n';
    QStringList venue;
    if (!paper.journal.isEmpty())
        venue << paper.journal;
    if (paper.year > 0)
        venue << QString::number(paper.year);
    if (!paper.doi.isEmpty())
        venue << QStringLiteral("doi:") + paper.doi;
    if (!paper.license.isEmpty())
        venue << paper.license;
    if (!venue.isEmpty())
        out << venue.join(QStringLiteral(" · ")) << '\n';
    out << '\n';
    for (const auto& part : paper.abstract) {
        if (!part.label.isEmpty())
            out << part.label << ": ";
        out << part.text << '\n';
    }
    out << '\n';
    for (const auto& section : paper.sections)
        out << QString(section.level * 2 - 2, QLatin1Char(' ')) << "§ " << section.heading << " ("
            << section.paragraphs.size() << " paragraphs)\n";
    for (const auto& figure : paper.figures)
        out << figure.label
            << (figure.image.isEmpty() ? QString() : QStringLiteral(" → ") + figure.image) << '\n';
    out << paper.sentences().size() << " sentences, " << paper.wordCount() << " words, "
        << paper.references << " references\n";
    for (const auto& warning : paper.warnings)
        out << "warning: " << warning << '\n';
}

} // namespace

int runImport(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Read a paper and print it."));
    parser.addHelpOption();
    parser.addPositionalArgument(
        QStringLiteral("INPUT"),
        QStringLiteral("PDF, DOCX, JATS or PubMed XML file, or a PMID, PMCID or DOI"));
    const QCommandLineOption jsonOption(QStringLiteral("json"),
                                        QStringLiteral("Print the Paper as JSON."));
    const QCommandLineOption figuresOption(QStringLiteral("figures-dir"),
                                           QStringLiteral("Write figure images into DIR."),
                                           QStringLiteral("DIR"));
    const QCommandLineOption passwordOption(QStringLiteral("password"),
                                            QStringLiteral("Password of an encrypted PDF."),
                                            QStringLiteral("PW"));
    parser.addOptions({jsonOption, figuresOption, passwordOption});
    if (const auto exit = parseCommandLine(parser, arguments))
        return *exit;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        std::fputs("error: usage: hiddenhill-cli import INPUT [--json] [--figures-dir DIR]\n",
                   stderr);
        return 2;
    }

    const QString input = positional.first();
    const PaperIdentifier id = PaperIdentifier::parse(input);
    Result<Paper> result = Paper{};
    std::unique_ptr<QTemporaryDir> scratch;
    if (!QFileInfo::exists(input) && id.isValid()) {
        // PMID, PMCID or DOI: from NCBI, figures straight into --figures-dir (or dropped).
        auto hub = providerHubFromEnvironment();
        if (!hub)
            return reportError(hub.error());
        QString figures = parser.value(figuresOption);
        if (figures.isEmpty()) {
            scratch = std::make_unique<QTemporaryDir>();
            figures = scratch->filePath(QStringLiteral("figures"));
        }
        ProviderSession session(hub.value());
        NcbiPaperFetcher fetcher(session);
        result = fetcher.fetch(id, figures, StepControl{});
        if (!result)
            return reportError(result.error());
        QTextStream out(stdout);
        if (parser.isSet(jsonOption))
            out << QJsonDocument(result.value().toJson()).toJson(QJsonDocument::Indented);
        else
            printSummary(result.value(), out);
        return 0;
    }
    ImportOptions options;
    options.password = parser.value(passwordOption);
    options.extractFigures = parser.isSet(figuresOption);
    result = importPaperFile(input, options);
    if (!result) {
        std::fprintf(stderr, "error: %s: %s\n", qPrintable(result.error().code()),
                     qPrintable(result.error().message));
        return exitCodeFor(result.error().type);
    }
    Paper paper = std::move(result).value();
    if (parser.isSet(figuresOption)) {
        QString error;
        if (!paper.saveFigures(parser.value(figuresOption), &error)) {
            std::fprintf(stderr, "error: io: %s\n", qPrintable(error));
            return exitCodeFor(ErrorType::Io);
        }
    }
    QTextStream out(stdout);
    if (parser.isSet(jsonOption))
        out << QJsonDocument(paper.toJson()).toJson(QJsonDocument::Indented);
    else
        printSummary(paper, out);
    return 0;
}

} // namespace hh::cli
