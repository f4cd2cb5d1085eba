// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/ErrorType.h"

#include <QString>

namespace hh {

struct JobRecord;

// Where everything lives under one data folder:
//   <root>/hiddenhill.sqlite                  the job table (single source of truth)
//   <root>/users/<userUuid>/                  an account's private folder (0700)
//   <root>/users/<userUuid>/jobs/<jobUuid>/   one job's artifacts (0700)
//   <root>/logs/                              structured event log
// Folders are named by the random UUIDs stored in the rows (users.uuid and
// video_jobs.task_id), never by a username, paper ID or autoincrement ID: after
// the database is lost, a new account and its first job get ids 1 again, and a
// folder named by id would hand them the old account's files.
class DataLayout {
public:
    explicit DataLayout(QString root);

    QString root() const { return m_root; }
    QString databasePath() const;
    QString logDir() const;
    QString usersDir() const;
    // A uuid that is not a UUID (e.g. empty) maps to a folder that is never
    // created, so a missing uuid can never resolve to users/ itself or to a
    // neighbour's folder.
    QString userDir(const QString& userUuid) const;
    QString jobsDir(const QString& userUuid) const;
    QString jobDir(const QString& userUuid, const QString& jobUuid) const;
    QString jobDir(const JobRecord& job) const; // job.userUuid, job.taskId

    // Creates the folder chain with owner-only permissions; an existing job folder
    // is fine (a job resumes in it).
    Error ensureJobDir(const QString& userUuid, const QString& jobUuid) const;
    // For a job that was just created: also refuses a folder that already holds
    // files, which can only be another job's artifacts; reusing them would pass
    // that job's video off as this one's.
    Error ensureNewJobDir(const QString& userUuid, const QString& jobUuid) const;
    // The data root and users/, both owner-only like the job folders.
    Error ensureRoot() const;

    static bool isValidUuid(const QString& uuid);

private:
    QString m_root;
};

} // namespace hh
