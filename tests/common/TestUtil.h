// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <functional>

namespace hh::test {

// Absolute path of a file of the shared corpus ("pdf/x.pdf"); the folder comes
// from $HH_CORPUS_DIR or the build's default (../shared/corpus beside the checkout).
QString corpusPath(const QString& relative);
QString corpusDir();
// Absolute path inside this source tree ("resources/sample/…").
QString sourcePath(const QString& relative);

// Lower-cased, accents kept, punctuation dropped, whitespace collapsed: the
// normalisation under which titles are compared "exactly".
QString normalizeForCompare(const QString& text);
QStringList tokens(const QString& text);
// Token-level F1 of two texts (bag of words, after normalizeForCompare).
double tokenF1(const QString& predicted, const QString& expected);

// The environment for running hiddenhill-cli in a test: this process's, minus
// every provider key of the developer's (tests never reach a real provider),
// plus `extra`.
QProcessEnvironment cliEnvironment(const QProcessEnvironment& extra = {});
// `render` of tests/data/tiny-paper.xml as a short, quick job (10 s, 1:1,
// ultrafast): for tests about what happens to a job, not about how it looks.
QStringList quickRenderOfTinyPaper();

// How long a command-line run may stay silent before it counts as hung. Every
// step of a job reports progress (the CLI prints at least each step change and
// each tenth of the job), and the slowest gap between two reports, the encoder's
// tenth of the sample paper's frames under ASan on a busy 2-core machine, is well
// under a minute: three minutes of silence is a hang, not a slow machine.
constexpr int kSilenceMeansHungMs = 180000;

// A finished run of a program: exit code (-2 crashed or killed, -1 never started
// or hung), everything it printed, and whether it was stopped for staying silent.
struct ProgramRun {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    bool hung = false;
};

// Waits for a started `process` to end for as long as it keeps printing (on
// stdout or stderr): a slow machine makes a job slower, never silent, so the wait
// follows progress instead of a fixed wall time. A process silent for
// `silenceLimitMs` is killed and reported as hung. `keepWaiting`, when given,
// sees all of stdout so far each time more arrives (e.g. to act at a progress
// event); returning false from it stops waiting with the process still running.
ProgramRun
waitWhileProgressing(QProcess& process, int silenceLimitMs = kSilenceMeansHungMs,
                     const std::function<bool(const QByteArray& stdoutSoFar)>& keepWaiting = {});

// Runs `program` with `args` in `env` to its end (waitWhileProgressing).
ProgramRun runWhileProgressing(const QString& program, const QStringList& args,
                               const QProcessEnvironment& env);

// Appends one line to the score report (stdout, and $HH_SCORE_FILE when set),
// so ctest output shows per-format quality figures.
void reportScore(const QString& line);

} // namespace hh::test
