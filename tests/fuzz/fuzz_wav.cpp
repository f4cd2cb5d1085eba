// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: narration.wav decoder (see FuzzTargets.cpp).
#include "FuzzTargets.h"

HH_FUZZ_TARGET(wav)
