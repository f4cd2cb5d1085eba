// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/ErrorType.h"

#include <QString>

namespace hh {

// Where everything lives under one data folder:
//   <root>/hiddenhill.sqlite             the job table (single source of truth)
//   <root>/users/<userId>/               an account's private folder (0700)
//   <root>/users/<userId>/jobs/<jobId>/  one job's artifacts (0700)
//   <root>/logs/                         structured event log
// Folders are named by numeric IDs only, never by a username or paper ID.
class DataLayout {
public:
    explicit DataLayout(QString root);

    QString root() const { return m_root; }
    QString databasePath() const;
    QString logDir() const;
    QString userDir(qint64 userId) const;
    QString jobsDir(qint64 userId) const;
    QString jobDir(qint64 userId, qint64 jobId) const;

    // Creates the folder chain with owner-only permissions.
    Error ensureJobDir(qint64 userId, qint64 jobId) const;
    Error ensureRoot() const;

private:
    QString m_root;
};

} // namespace hh
