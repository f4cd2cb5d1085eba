// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobLease.h"

#include <QDir>
#include <QFileInfo>
#include <QLockFile>

namespace hh {

namespace {

std::unique_ptr<QLockFile> makeLock(const QString& path) {
    auto lock = std::make_unique<QLockFile>(path);
    // No age limit: QLockFile would otherwise call a lock older than 30 s stale and
    // hand a live render to a second worker. Staleness is the holder's process
    // being gone, which QLockFile checks by its PID and program name.
    lock->setStaleLockTime(0);
    return lock;
}

} // namespace

JobLease::JobLease(const QString& jobDir)
    : m_path(QDir(jobDir).filePath(QLatin1String(kFileName))) {}

JobLease::~JobLease() {
    release();
}

Error JobLease::acquire(qint64 jobId) {
    if (isHeld())
        return {};
    auto lock = makeLock(m_path);
    if (lock->tryLock(0)) {
        m_lock = std::move(lock);
        return {};
    }
    switch (lock->error()) {
    case QLockFile::LockFailedError: {
        Holder who;
        lock->getLockInfo(&who.pid, &who.host, &who.app);
        return {ErrorType::Busy, busyMessage(jobId, who)};
    }
    case QLockFile::PermissionError:
        return {ErrorType::Io, QStringLiteral("cannot lock job %1: its folder is not writable (%2)")
                                   .arg(jobId)
                                   .arg(QFileInfo(m_path).absolutePath())};
    default:
        return {ErrorType::Io, QStringLiteral("cannot lock job %1 in %2")
                                   .arg(jobId)
                                   .arg(QFileInfo(m_path).absolutePath())};
    }
}

void JobLease::release() {
    if (m_lock) {
        m_lock->unlock();
        m_lock.reset();
    }
}

bool JobLease::isHeld() const {
    return m_lock && m_lock->isLocked();
}

std::optional<JobLease::Holder> JobLease::holder(const QString& jobDir) {
    const QString path = QDir(jobDir).filePath(QLatin1String(kFileName));
    if (!QFileInfo::exists(path))
        return std::nullopt;
    // Taking and at once dropping the lock is the only sure test of staleness
    // (QLockFile removes a dead process's lock as it takes it).
    auto probe = makeLock(path);
    if (probe->tryLock(0)) {
        probe->unlock();
        return std::nullopt;
    }
    Holder who;
    if (!probe->getLockInfo(&who.pid, &who.host, &who.app))
        return std::nullopt;
    return who;
}

QString JobLease::busyMessage(qint64 jobId, const Holder& holder) {
    const QString app = holder.app.isEmpty() ? QStringLiteral("another program") : holder.app;
    return QStringLiteral("job %1 is being made by %2 (process %3 on %4); wait for it to finish "
                          "or cancel it first")
        .arg(jobId)
        .arg(app)
        .arg(holder.pid)
        .arg(holder.host.isEmpty() ? QStringLiteral("this computer") : holder.host);
}

} // namespace hh
