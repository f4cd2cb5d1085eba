// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: script.json reader, validator and writer (see FuzzTargets.cpp).
#include "FuzzTargets.h"

HH_FUZZ_TARGET(scriptJson)
