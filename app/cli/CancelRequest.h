// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace hh::cli {

// Ctrl+C (SIGINT) and SIGTERM while jobs run: the handler only raises a flag, which
// the command's event loop takes and turns into JobRunner::cancel() calls, so the
// jobs record their cancellation and the command exits with the cancel code (6).
void installCancelHandler();
// True once per signal received since the last call.
bool takeCancelRequest();

} // namespace hh::cli
