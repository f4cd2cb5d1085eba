// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: PDF importer (bytes loaded in memory by Poppler) (see FuzzTargets.cpp).
#include "FuzzTargets.h"

HH_FUZZ_TARGET(pdf)
