// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: HTTP error interpreters of the cloud providers (see FuzzTargets.cpp).
#include "FuzzTargets.h"

HH_FUZZ_TARGET(apiFailure)
