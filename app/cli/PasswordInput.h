// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <optional>

namespace hh::cli {

// How the CLI is given a password: with `--password-stdin` the first line of
// standard input (for scripts; the line end is not part of it); otherwise, when
// standard input is a terminal, a prompt on stderr that does not echo what is
// typed. nullopt when there is neither (no terminal, stdin closed or empty): the
// caller refuses rather than guessing. Never on the command line itself, where any
// user of the computer could read it in the process list.
std::optional<QString> readPassword(bool fromStdin, const QString& prompt);

// Whether standard input is a terminal a person can type a password into.
bool stdinIsTerminal();

} // namespace hh::cli
