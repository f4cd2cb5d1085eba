// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QString>
#include <memory>
#include <optional>

class QLockFile;

namespace hh {

// The right to run one job, held by exactly one worker at a time across every
// process on the computer (the desktop app, any number of CLIs). It is an OS lock
// file in the job's folder (QLockFile): taken atomically before any step runs,
// released when the worker ends. A lease whose process is gone (killed, crashed)
// is stale and taken over by the next worker; a live one is never taken, however
// long it has been held (a render of a long video may take minutes), so the lock
// carries no time limit. A folder shared between computers is not supported: a
// lease held on another host is only taken over once the holder releases it.
class JobLease {
public:
    static constexpr const char* kFileName = "job.lock";

    struct Holder {
        qint64 pid = 0;
        QString host;
        QString app;
    };

    explicit JobLease(const QString& jobDir);
    ~JobLease(); // releases
    JobLease(const JobLease&) = delete;
    JobLease& operator=(const JobLease&) = delete;

    // Takes the lease, or explains who holds it (ErrorType::Busy).
    Error acquire(qint64 jobId);
    void release();
    bool isHeld() const;

    // The live holder of a job's lease, if any (a stale lock counts as none).
    static std::optional<Holder> holder(const QString& jobDir);
    static QString busyMessage(qint64 jobId, const Holder& holder);

private:
    QString m_path;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace hh
