// SPDX-License-Identifier: GPL-3.0-or-later
// Times the PDF importer against `pdftotext FILE -` on every corpus PDF, in the
// same run and on the same files, and prints per-file and overall ratios.
//   bench_pdf_import               text only (extractFigures off), like pdftotext
//   bench_pdf_import --figures     also renders figure regions
//   bench_pdf_import --json FILE   prints the imported Paper as JSON (inspection)
#include "PaperImporter.h"
#include "TestUtil.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

constexpr int kRuns = 3;

double medianOf(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

double timeImport(const QByteArray& data, const QString& name, const hh::ImportOptions& options) {
    std::vector<double> runs;
    for (int i = 0; i < kRuns; ++i) {
        QElapsedTimer timer;
        timer.start();
        const auto result = hh::importPaperData(data, name, options);
        runs.push_back(timer.nsecsElapsed() / 1e6);
        Q_UNUSED(result);
    }
    return medianOf(runs);
}

double timePdftotext(const QString& path) {
    std::vector<double> runs;
    for (int i = 0; i < kRuns; ++i) {
        QElapsedTimer timer;
        timer.start();
        QProcess process;
        process.start(QStringLiteral("pdftotext"), {path, QStringLiteral("-")});
        process.waitForFinished(60000);
        process.readAllStandardOutput();
        runs.push_back(timer.nsecsElapsed() / 1e6);
    }
    return medianOf(runs);
}

int dumpJson(const QString& path, const hh::ImportOptions& options) {
    const auto result = hh::importPaperFile(path, options);
    if (!result) {
        std::printf("error: %s: %s\n", qPrintable(result.error().code()),
                    qPrintable(result.error().message));
        return 1;
    }
    std::printf("%s\n",
                QJsonDocument(result->toJson()).toJson(QJsonDocument::Indented).constData());
    for (const hh::Figure& figure : result->figures)
        std::printf("figure %s: %lld PNG bytes\n", qPrintable(figure.id),
                    static_cast<long long>(figure.imageData.size()));
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    hh::ImportOptions options;
    options.extractFigures = args.contains(QStringLiteral("--figures"));
    const qsizetype jsonAt = args.indexOf(QStringLiteral("--json"));
    if (jsonAt >= 0 && jsonAt + 1 < args.size()) {
        options.extractFigures = true;
        const int pwAt = int(args.indexOf(QStringLiteral("--password")));
        if (pwAt >= 0 && pwAt + 1 < args.size())
            options.password = args.at(pwAt + 1);
        return dumpJson(args.at(jsonAt + 1), options);
    }

    QStringList files;
    for (const QString& folder : {QStringLiteral("pdf"), QStringLiteral("pdf_problem")}) {
        const QDir dir(hh::test::corpusPath(folder));
        for (const QString& file :
             dir.entryList({QStringLiteral("*.pdf")}, QDir::Files, QDir::Name))
            files << folder + QLatin1Char('/') + file;
    }
    std::printf("PDF import vs pdftotext (median of %d runs, figures %s)\n", kRuns,
                options.extractFigures ? "on" : "off");
    std::printf("%-70s %10s %10s %7s\n", "file", "ours ms", "pdftotext", "ratio");
    double oursTotal = 0;
    double referenceTotal = 0;
    for (const QString& relative : files) {
        const QString path = hh::test::corpusPath(relative);
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray data = file.readAll();
        const double ours = timeImport(data, relative, options);
        const double reference = timePdftotext(path);
        oursTotal += ours;
        referenceTotal += reference;
        std::printf("%-70s %10.1f %10.1f %7.2f\n", qPrintable(relative), ours, reference,
                    reference > 0 ? ours / reference : 0.0);
    }
    std::printf("%-70s %10.1f %10.1f %7.2f\n", "TOTAL", oursTotal, referenceTotal,
                referenceTotal > 0 ? oursTotal / referenceTotal : 0.0);
    return 0;
}
