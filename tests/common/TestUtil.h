// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

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

// Appends one line to the score report (stdout, and $HH_SCORE_FILE when set),
// so ctest output shows per-format quality figures.
void reportScore(const QString& line);

} // namespace hh::test
