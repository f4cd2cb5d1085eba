// SPDX-License-Identifier: GPL-3.0-or-later
// Times the PDF importer against `pdftotext FILE -` on every corpus PDF, in the
// same run and on the same files, and prints per-file and overall ratios.
//   bench_pdf_import               text only (extractFigures off), like pdftotext
//   bench_pdf_import --figures     also renders figure regions
//   bench_pdf_import --json FILE   prints the imported Paper as JSON (inspection)
//   bench_pdf_import --repeat N [--pdf FILE]
//                                  one long PDF, N imports with figures (and N text
//                                  only) against N pdftotext runs; default FILE: the
//                                  corpus pdf/ file with the most pages (pdfinfo) whose
//                                  import renders a figure
#include "PaperImporter.h"
#include "TestUtil.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <numeric>
#include <utility>
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

// Milliseconds of each of `count` runs of the pdftotext CLI on `path`.
std::vector<double> pdftotextRuns(const QString& path, int count) {
    std::vector<double> runs;
    for (int i = 0; i < count; ++i) {
        QElapsedTimer timer;
        timer.start();
        QProcess process;
        process.start(QStringLiteral("pdftotext"), {path, QStringLiteral("-")});
        process.waitForFinished(60000);
        process.readAllStandardOutput();
        runs.push_back(timer.nsecsElapsed() / 1e6);
    }
    return runs;
}

double timePdftotext(const QString& path) {
    return medianOf(pdftotextRuns(path, kRuns));
}

int pageCount(const QString& path) {
    QProcess process;
    process.start(QStringLiteral("pdfinfo"), {path});
    if (!process.waitForFinished(60000))
        return 0;
    static const QRegularExpression pages(QStringLiteral("^Pages:\\s+(\\d+)"),
                                          QRegularExpression::MultilineOption);
    return pages.match(QString::fromUtf8(process.readAllStandardOutput())).captured(1).toInt();
}

int renderedFigures(const hh::Paper& paper) {
    return int(std::count_if(paper.figures.begin(), paper.figures.end(),
                             [](const hh::Figure& f) { return !f.imageData.isEmpty(); }));
}

// A long paper with figures shows per-page costs (layout, figure rendering) that
// the short files of the all-files run hide under process start-up. The longest
// files of the corpus may have no figure at all (PeerJ is the negative case), so
// candidates are tried longest first until one renders a figure; that untimed
// import also warms the caches.
QString longestCorpusPdfWithFigures() {
    const QDir dir(hh::test::corpusPath(QStringLiteral("pdf")));
    std::vector<std::pair<int, QString>> byPages;
    for (const QString& file : dir.entryList({QStringLiteral("*.pdf")}, QDir::Files, QDir::Name))
        byPages.emplace_back(pageCount(dir.filePath(file)), QStringLiteral("pdf/") + file);
    std::sort(byPages.begin(), byPages.end(), std::greater<>());
    for (const auto& [pages, relative] : byPages) {
        const auto result = hh::importPaperFile(hh::test::corpusPath(relative));
        if (result && renderedFigures(result.value()) > 0)
            return relative;
        std::printf("skipped %s (%d pages): no figure rendered\n", qPrintable(relative), pages);
    }
    return {};
}

std::vector<double> timeImportRuns(const QByteArray& data, const QString& name,
                                   const hh::ImportOptions& options, int runs, hh::Paper* last) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        auto result = hh::importPaperData(data, name, options);
        times.push_back(timer.nsecsElapsed() / 1e6);
        if (result && last)
            *last = std::move(result.value());
    }
    return times;
}

// N runs of each, back to back on the same bytes and the same file. Totals and
// medians are both printed: the first run also pays for cold caches. The text-only
// row is not pdftotext's job but shows what figure rendering adds.
int benchRepeat(const QString& relative, int runs) {
    const QString path = QFileInfo::exists(relative) ? relative : hh::test::corpusPath(relative);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::printf("error: cannot read %s\n", qPrintable(path));
        return 1;
    }
    const QByteArray data = file.readAll();
    const auto check = hh::importPaperData(data, relative);
    if (!check) {
        std::printf("error: %s: %s\n", qPrintable(check.error().code()),
                    qPrintable(check.error().message));
        return 1;
    }
    hh::ImportOptions withFigures; // figures rendered, as `render` imports
    withFigures.extractFigures = true;
    hh::ImportOptions textOnly;
    textOnly.extractFigures = false;
    hh::Paper paper;
    const std::vector<double> ours = timeImportRuns(data, relative, withFigures, runs, &paper);
    const std::vector<double> text = timeImportRuns(data, relative, textOnly, runs, nullptr);
    const std::vector<double> reference = pdftotextRuns(path, runs);
    const auto sum = [](const std::vector<double>& v) {
        return std::accumulate(v.begin(), v.end(), 0.0);
    };
    const auto row = [&sum, runs](const char* name, const std::vector<double>& v) {
        std::printf("%-22s %12.1f %12.1f %12.1f\n", name, sum(v), sum(v) / runs, medianOf(v));
    };
    std::printf("%s: %d pages, %d figures (%d rendered), %d runs each\n", qPrintable(relative),
                pageCount(path), int(paper.figures.size()), renderedFigures(paper), runs);
    std::printf("%-22s %12s %12s %12s\n", "", "total ms", "mean ms", "median ms");
    row("import with figures", ours);
    row("import text only", text);
    row("pdftotext", reference);
    const double base = sum(reference);
    std::printf("ratio with figures / pdftotext: %.2f (median %.2f)\n",
                base > 0 ? sum(ours) / base : 0.0,
                medianOf(reference) > 0 ? medianOf(ours) / medianOf(reference) : 0.0);
    std::printf("ratio text only / pdftotext:    %.2f (median %.2f)\n",
                base > 0 ? sum(text) / base : 0.0,
                medianOf(reference) > 0 ? medianOf(text) / medianOf(reference) : 0.0);
    return 0;
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
    const qsizetype repeatAt = args.indexOf(QStringLiteral("--repeat"));
    if (repeatAt >= 0) {
        const int runs = std::max(1, args.value(repeatAt + 1).toInt());
        const qsizetype pdfAt = args.indexOf(QStringLiteral("--pdf"));
        const QString pdf = pdfAt >= 0 ? args.value(pdfAt + 1) : longestCorpusPdfWithFigures();
        if (pdf.isEmpty()) {
            std::printf("error: no PDF with figures in %s\n",
                        qPrintable(hh::test::corpusPath(QStringLiteral("pdf"))));
            return 1;
        }
        return benchRepeat(pdf, runs);
    }
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
