// SPDX-License-Identifier: GPL-3.0-or-later
#include "DataLayout.h"

#include "JobStore.h"

#include <QDir>
#include <QFile>
#include <QUuid>
#include <sys/stat.h>

namespace hh {

namespace {
Error makePrivateDir(const QString& path) {
    if (!QDir().mkpath(path))
        return {ErrorType::Io,
                QStringLiteral("cannot create the folder %1; check the disk and its permissions")
                    .arg(path)};
    // Other accounts on the same computer must not read each other's papers and videos.
    if (::chmod(QFile::encodeName(path).constData(), 0700) != 0)
        return {ErrorType::Io, QStringLiteral("cannot make %1 private").arg(path)};
    return {};
}

// The folder a malformed uuid maps to: it contains characters a UUID never has,
// and nothing ever creates it.
const QString kNoFolder = QStringLiteral("(no-valid-uuid)");

QString folderName(const QString& uuid) {
    return DataLayout::isValidUuid(uuid) ? uuid : kNoFolder;
}

Error invalidUuid(const QString& what, const QString& uuid) {
    return {ErrorType::Internal,
            QStringLiteral("The %1 has no valid folder id ('%2'); nothing was created.")
                .arg(what, uuid)};
}
} // namespace

DataLayout::DataLayout(QString root)
    : m_root(QDir(root).absolutePath()) {}

bool DataLayout::isValidUuid(const QString& uuid) {
    // Only the canonical form we write (36 characters, no braces), so that one
    // UUID has exactly one folder name.
    return uuid.size() == 36 && !QUuid::fromString(uuid).isNull();
}

QString DataLayout::databasePath() const {
    return QDir(m_root).filePath(QStringLiteral("hiddenhill.sqlite"));
}
QString DataLayout::logDir() const {
    return QDir(m_root).filePath(QStringLiteral("logs"));
}
QString DataLayout::usersDir() const {
    return QDir(m_root).filePath(QStringLiteral("users"));
}
QString DataLayout::userDir(const QString& userUuid) const {
    return QDir(usersDir()).filePath(folderName(userUuid));
}
QString DataLayout::jobsDir(const QString& userUuid) const {
    return QDir(userDir(userUuid)).filePath(QStringLiteral("jobs"));
}
QString DataLayout::jobDir(const QString& userUuid, const QString& jobUuid) const {
    return QDir(jobsDir(userUuid)).filePath(folderName(jobUuid));
}
QString DataLayout::jobDir(const JobRecord& job) const {
    return jobDir(job.userUuid, job.taskId);
}

Error DataLayout::ensureRoot() const {
    for (const QString& dir : {m_root, usersDir()}) {
        if (Error e = makePrivateDir(dir); e.isError())
            return e;
    }
    return {};
}

Error DataLayout::ensureJobDir(const QString& userUuid, const QString& jobUuid) const {
    if (!isValidUuid(userUuid))
        return invalidUuid(QStringLiteral("account"), userUuid);
    if (!isValidUuid(jobUuid))
        return invalidUuid(QStringLiteral("job"), jobUuid);
    if (Error e = ensureRoot(); e.isError())
        return e;
    for (const QString& dir : {userDir(userUuid), jobsDir(userUuid), jobDir(userUuid, jobUuid)}) {
        if (Error e = makePrivateDir(dir); e.isError())
            return e;
    }
    return {};
}

Error DataLayout::ensureNewJobDir(const QString& userUuid, const QString& jobUuid) const {
    const QString dir = jobDir(userUuid, jobUuid);
    if (!QDir(dir).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System))
        return {ErrorType::Internal,
                QStringLiteral("The new job's folder %1 already holds files; they belong to "
                               "another job, so this job was not started in it.")
                    .arg(dir)};
    return ensureJobDir(userUuid, jobUuid);
}

} // namespace hh
