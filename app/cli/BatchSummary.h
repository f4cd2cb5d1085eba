// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BatchInputs.h"
#include "core/ErrorType.h"

#include <QJsonObject>
#include <QList>
#include <cstdio>

namespace hh::cli {

// How one input of a batch ended.
struct BatchOutcome {
    enum class Status { Pending, Completed, Paused, Failed, Cancelled };
    Status status = Status::Pending;
    qint64 job = 0;        // 0: no job was made (e.g. its output file exists already)
    QString path;          // the video (completed) or the script to edit (paused)
    Error error;           // failed or cancelled
    qint64 elapsedMs = -1; // from the job's first progress to its end; -1 never started

    static BatchOutcome fromError(qint64 job, const Error& error);
    bool hasEnded() const { return status != Status::Pending; }
    bool succeeded() const { return status == Status::Completed || status == Status::Paused; }
    QString statusName() const; // completed | paused | failed | cancelled | pending
    // The contract's `finished` event, with the batch's `input`.
    QJsonObject toJson(const QString& input) const;
};

// The end of a batch: one line per input (its status, its video or its error line)
// and the exit code. The exit code is 0 only when every input succeeded; otherwise
// the contract's code of the first failed input (in input order), and 6 when the
// batch was cancelled, whatever else failed.
class BatchSummary {
public:
    explicit BatchSummary(QList<BatchInput> inputs);

    void record(int row, const BatchOutcome& outcome);
    const BatchOutcome& outcome(int row) const { return m_outcomes.at(row); }
    const QList<BatchInput>& inputs() const { return m_inputs; }
    void setCancelled() { m_cancelled = true; }

    int exitCode() const;
    // Text: a heading and aligned rows `input  status  video | error: type: message`.
    void print(FILE* out) const;
    // JSON: one `{"event":"summary", …}` object with every input's outcome.
    void printJson(FILE* out) const;

private:
    QList<BatchInput> m_inputs;
    QList<BatchOutcome> m_outcomes;
    bool m_cancelled = false;
};

} // namespace hh::cli
