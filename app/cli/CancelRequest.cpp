// SPDX-License-Identifier: GPL-3.0-or-later
#include "CancelRequest.h"

#include <atomic>
#include <csignal>

namespace hh::cli {

namespace {

std::atomic_bool g_cancel{false}; // set from the signal handler: must be lock-free

void onSignal(int) {
    g_cancel.store(true);
}

} // namespace

void installCancelHandler() {
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
}

bool takeCancelRequest() {
    return g_cancel.exchange(false);
}

} // namespace hh::cli
