// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace hh::cli {

// `hiddenhill-cli account create NAME [--password-stdin | --no-password]`.
int runAccount(const QStringList& arguments);

} // namespace hh::cli
