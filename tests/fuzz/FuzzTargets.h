// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The code under fuzz, one function per target, shared by the libFuzzer
// executables (tests/fuzz/fuzz_<name>.cpp) and by tst_fuzz_regressions, which
// replays every kept crasher in the normal suite. A function returns what
// invariant the input broke, empty when none; crashes, leaks and undefined
// behaviour are for the sanitizers to report.

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <cstddef>
#include <cstdint>

namespace hh::fuzz {

using Target = QString (*)(const QByteArray& input);

QString jats(const QByteArray& input);
QString pubmed(const QByteArray& input);
QString docx(const QByteArray& input);
QString pdf(const QByteArray& input);
QString scriptJson(const QByteArray& input);
QString wav(const QByteArray& input);
QString wordsJson(const QByteArray& input);
QString apiFailure(const QByteArray& input);
// The cloud providers' replies (NCBI, Gemini/OpenAI-compatible, Runway) and the
// audio a speech service returns.
QString ncbi(const QByteArray& input);
QString gemini(const QByteArray& input);
QString pcm(const QByteArray& input);
QString runway(const QByteArray& input);

// "jats" … "runway" (the folder names under tests/data/fuzz-regressions/).
QStringList targetNames();
Target targetByName(const QString& name);

// Fonts, QImage and QPainter need a QGuiApplication (offscreen: no display);
// made once per process and never destroyed, since libFuzzer exits from its loop.
void ensureGuiApp();

// LLVMFuzzerTestOneInput's body: runs `target`, aborts on a broken invariant so
// libFuzzer keeps the input.
int runOne(Target target, const uint8_t* data, size_t size);

} // namespace hh::fuzz

#define HH_FUZZ_TARGET(function)                                                                   \
    extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {                      \
        return hh::fuzz::runOne(&hh::fuzz::function, data, size);                                  \
    }
