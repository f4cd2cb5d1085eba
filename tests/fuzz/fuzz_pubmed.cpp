// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: PubMed XML importer and NCBI E-utilities error bodies (see FuzzTargets.cpp).
#include "FuzzTargets.h"

HH_FUZZ_TARGET(pubmed)
