// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace hh::test {

// True when the suite runs in CI (`CI=true`, set by the CI runner for .ci/run).
bool runningInCi();

// A test that needs something the machine may lack (root, a Secret Service, a
// sound device, a tool from the Debian packages packaging/dev.sh installs) ends
// here when it is missing. CI provides every such service, so there a missing one
// means the CI image or .ci/run is broken and the test fails with the reason;
// elsewhere the test is skipped and the reason is printed.
// Only for services CI really provides: anything else stays a plain QSKIP.
// Records the verdict; the caller must return (HH_SKIP_UNLESS_CI does).
void skipOrFail(const QString& reason, const char* file, int line);

} // namespace hh::test

// Skips (outside CI) or fails (in CI) the current test function with `reason`.
#define HH_SKIP_UNLESS_CI(reason)                                                                  \
    do {                                                                                           \
        ::hh::test::skipOrFail((reason), __FILE__, __LINE__);                                      \
        return;                                                                                    \
    } while (false)
