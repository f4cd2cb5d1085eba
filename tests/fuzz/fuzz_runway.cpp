// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: Runway's task and error replies (see FuzzTargets.cpp).
#include "FuzzTargets.h"

HH_FUZZ_TARGET(runway)
