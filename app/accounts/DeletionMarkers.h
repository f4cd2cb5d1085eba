// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "jobs/JobStore.h"

#include <QList>
#include <QString>

namespace hh {

// The record that an account's deletion has begun, so that a crash between its
// stages (jobs cancelled, keys, folders, rows) is finished at the next start of
// the app or the CLI. One small file per account in <data root>/deleting/:
//  - a file, not a column or table, so it needs no schema migration and is seen by
//    every process (GUI, CLI) sharing the data folder;
//  - it names the account by id, user name and creation time, and is honoured
//    only while the row still matches all three: should the database be lost and
//    an id reused by a new account, a stale marker never deletes that account.
// Written with QSaveFile (temp file, then rename) so a crash leaves the old state
// or the new one, never half a marker.
class DeletionMarkers {
public:
    explicit DeletionMarkers(QString dataRoot);

    QString folder() const { return m_folder; }
    Error write(const UserRecord& user) const;
    // Whether a marker names exactly this account (id, name and creation time).
    bool marks(const UserRecord& user) const;
    // The ids of every marker file, matching or not (the caller checks each row).
    QList<qint64> markedIds() const;
    Error remove(qint64 userId) const;

private:
    QString pathFor(qint64 userId) const;

    QString m_folder;
};

} // namespace hh
