// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

namespace hh {

// A running job's progress detail when it says the job waits (for a slot, a rate
// limit, a busy service, a source job, Runway's queue), in the interface's
// language, for the card in My Videos; empty for a detail that is not a wait.
// The pipeline speaks English; the known forms are matched here.
class WaitingText final {
    Q_DECLARE_TR_FUNCTIONS(WaitingText)
public:
    static QString forDetail(const QString& detail);
};

} // namespace hh
