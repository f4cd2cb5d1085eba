// SPDX-License-Identifier: GPL-3.0-or-later
#include "StorageIds.h"

#include "jobs/DataLayout.h"
#include "jobs/JobStore.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUuid>

namespace hh::test {

namespace {
// One column by id, through a private connection: no JobStore, so no migration
// or folder move runs as a side effect of a test's lookup.
QString column(const DataLayout& layout, const QString& sql, const QVariantList& values) {
    const QString name = QUuid::createUuid().toString();
    QString value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(layout.databasePath());
        if (db.open()) {
            QSqlQuery query(db);
            query.prepare(sql);
            for (const QVariant& bound : values)
                query.addBindValue(bound);
            if (query.exec() && query.next())
                value = query.value(0).toString();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}
} // namespace

QString userUuidOf(const DataLayout& layout, qint64 userId) {
    return column(layout, QStringLiteral("SELECT uuid FROM users WHERE id = ?"), {userId});
}

QString jobUuidOf(const DataLayout& layout, qint64 userId, qint64 jobId) {
    return column(layout,
                  QStringLiteral("SELECT task_id FROM video_jobs WHERE id = ? AND user_id = ?"),
                  {jobId, userId});
}

QString userDirOf(const DataLayout& layout, qint64 userId) {
    return layout.userDir(userUuidOf(layout, userId));
}

QString jobsDirOf(const DataLayout& layout, qint64 userId) {
    return layout.jobsDir(userUuidOf(layout, userId));
}

QString jobDirOf(const DataLayout& layout, qint64 userId, qint64 jobId) {
    return layout.jobDir(userUuidOf(layout, userId), jobUuidOf(layout, userId, jobId));
}

Error ensureJobDirOf(const DataLayout& layout, qint64 userId, qint64 jobId) {
    return layout.ensureJobDir(userUuidOf(layout, userId), jobUuidOf(layout, userId, jobId));
}

} // namespace hh::test
