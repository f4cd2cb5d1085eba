// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestUtil.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QTextStream>
#include <cstdio>

namespace hh::test {

QString corpusDir() {
    const QByteArray env = qgetenv("HH_CORPUS_DIR");
    return QDir(env.isEmpty() ? QStringLiteral(HH_CORPUS_DIR) : QString::fromLocal8Bit(env))
        .absolutePath();
}

QString corpusPath(const QString& relative) {
    return QDir(corpusDir()).filePath(relative);
}

QString sourcePath(const QString& relative) {
    return QDir(QStringLiteral(HH_SOURCE_DIR)).filePath(relative);
}

QString normalizeForCompare(const QString& text) {
    QString out;
    out.reserve(text.size());
    for (const QChar c : text.toLower()) {
        if (c.isLetterOrNumber())
            out += c;
        else
            out += QLatin1Char(' ');
    }
    return out.simplified();
}

QStringList tokens(const QString& text) {
    return normalizeForCompare(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

double tokenF1(const QString& predicted, const QString& expected) {
    const QStringList p = tokens(predicted);
    const QStringList e = tokens(expected);
    if (p.isEmpty() && e.isEmpty())
        return 1.0;
    if (p.isEmpty() || e.isEmpty())
        return 0.0;
    QHash<QString, int> counts;
    for (const auto& t : e)
        ++counts[t];
    int common = 0;
    for (const auto& t : p) {
        auto it = counts.find(t);
        if (it != counts.end() && it.value() > 0) {
            ++common;
            --it.value();
        }
    }
    if (common == 0)
        return 0.0;
    const double precision = double(common) / p.size();
    const double recall = double(common) / e.size();
    return 2 * precision * recall / (precision + recall);
}

void reportScore(const QString& line) {
    std::fprintf(stdout, "SCORE %s\n", line.toUtf8().constData());
    std::fflush(stdout);
    const QByteArray file = qgetenv("HH_SCORE_FILE");
    if (!file.isEmpty()) {
        QFile out(QString::fromLocal8Bit(file));
        if (out.open(QIODevice::Append | QIODevice::Text))
            QTextStream(&out) << line << '\n';
    }
}

QProcessEnvironment cliEnvironment(const QProcessEnvironment& extra) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name :
         {"GEMINI_API_KEY", "RUNWAYML_API_SECRET", "NCBI_API_KEY", "OPENAI_API_KEY"})
        env.remove(QLatin1String(name));
    for (const QString& key : extra.keys())
        env.insert(key, extra.value(key));
    return env;
}

ProgramRun waitWhileProgressing(QProcess& process, int silenceLimitMs,
                                const std::function<bool(const QByteArray&)>& keepWaiting) {
    ProgramRun run;
    QElapsedTimer silence;
    silence.start();
    // waitForFinished() keeps reading both pipes while it waits, so a chatty
    // process never blocks on a full pipe.
    while (process.state() != QProcess::NotRunning && !process.waitForFinished(250)) {
        const QByteArray out = process.readAllStandardOutput();
        const QByteArray err = process.readAllStandardError();
        if (!out.isEmpty() || !err.isEmpty())
            silence.restart();
        run.out += out;
        run.err += err;
        if (!out.isEmpty() && keepWaiting && !keepWaiting(run.out))
            return run;
        if (silence.elapsed() > silenceLimitMs) {
            process.kill();
            process.waitForFinished();
            run.hung = true;
            break;
        }
    }
    run.out += process.readAllStandardOutput();
    run.err += process.readAllStandardError();
    if (run.hung)
        run.err += QByteArrayLiteral("\n(test: killed after ") +
                   QByteArray::number(silenceLimitMs / 1000) +
                   QByteArrayLiteral(" s without output)");
    else if (process.error() == QProcess::FailedToStart)
        run.err += process.errorString().toUtf8();
    else
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    return run;
}

ProgramRun runWhileProgressing(const QString& program, const QStringList& args,
                               const QProcessEnvironment& env) {
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(program, args);
    return waitWhileProgressing(process);
}

QStringList quickRenderOfTinyPaper() {
    return {
        QStringLiteral("render"),        sourcePath(QStringLiteral("tests/data/tiny-paper.xml")),
        QStringLiteral("--duration"),    QStringLiteral("10"),
        QStringLiteral("--aspect"),      QStringLiteral("1:1"),
        QStringLiteral("--x264-preset"), QStringLiteral("ultrafast")};
}

} // namespace hh::test
