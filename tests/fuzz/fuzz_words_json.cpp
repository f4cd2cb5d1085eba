// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: words.json reader and the caption track built from it (see FuzzTargets.cpp).
#include "FuzzTargets.h"

HH_FUZZ_TARGET(wordsJson)
