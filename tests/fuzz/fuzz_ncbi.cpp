// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: NCBI replies and open-access packages (see FuzzTargets.cpp).
#include "FuzzTargets.h"

HH_FUZZ_TARGET(ncbi)
