// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace hh::cli {

// `hiddenhill-cli render INPUT [-o OUT.mp4] [options]`: makes a video of a paper
// with the built-in providers, printing the progress line of design/cli.md.
int runRender(const QStringList& arguments);

} // namespace hh::cli
