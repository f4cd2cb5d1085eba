// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: Gemini and OpenAI-compatible script replies, Gemini TTS replies (see
// FuzzTargets.cpp).
#include "FuzzTargets.h"

HH_FUZZ_TARGET(gemini)
