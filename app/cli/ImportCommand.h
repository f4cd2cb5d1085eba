// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace hh::cli {

// `hiddenhill-cli import INPUT [--json] [--figures-dir DIR] [--password PW]`:
// reads a paper and prints it (a summary, or the Paper JSON of design/cli.md).
int runImport(const QStringList& arguments);

} // namespace hh::cli
