// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: speech audio (L16 at any rate, WAV) under any MIME type (see FuzzTargets.cpp).
#include "FuzzTargets.h"

HH_FUZZ_TARGET(pcm)
