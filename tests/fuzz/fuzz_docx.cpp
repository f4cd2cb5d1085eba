// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: DOCX importer from the zip bytes (see FuzzTargets.cpp).
#include "FuzzTargets.h"

HH_FUZZ_TARGET(docx)
