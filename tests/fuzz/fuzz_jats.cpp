// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: JATS / PMC XML importer (see FuzzTargets.cpp).
#include "FuzzTargets.h"

HH_FUZZ_TARGET(jats)
