// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace hh::cli {

// `hiddenhill-cli jobs list|show ID|cancel ID|delete ID|rebuild|resume [ID]`: the
// job table of one account (design/cli.md). `arguments` is the program name
// followed by everything after `jobs`.
int runJobs(const QStringList& arguments);

// `hiddenhill-cli jobs resume [ID]`: continues an interrupted, paused or failed job
// from its first missing artifact. Defined next to the job runner (RenderCommand.cpp);
// `arguments` is the program name followed by everything after `resume`.
int runJobsResume(const QStringList& arguments);

} // namespace hh::cli
