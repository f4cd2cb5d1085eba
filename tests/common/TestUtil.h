// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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

// Appends one line to the score report (stdout, and $HH_SCORE_FILE when set),
// so ctest output shows per-format quality figures.
void reportScore(const QString& line);

} // namespace hh::test
