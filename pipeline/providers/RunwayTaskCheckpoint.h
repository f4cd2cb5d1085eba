// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>

namespace hh {

// The Runway tasks a job has submitted and not yet collected, in a small JSON
// file in the job's folder, rewritten atomically at every submission: a job
// killed while its clips are generated re-attaches to them when it resumes
// instead of paying for them twice. Keyed by the clip's cache name, which names
// what the clip is made from, so a changed scene never picks up a stale task.
class RunwayTaskCheckpoint {
public:
    struct Entry {
        QString taskId;
        qint64 seed = -1;
        int submission = 1;
    };

    explicit RunwayTaskCheckpoint(QString path);

    QString path() const { return m_path; }
    // The tasks the file holds (none when it is missing or unreadable).
    QHash<QString, Entry> load() const;
    // Both write the whole file atomically; false when it could not be written.
    bool put(const QString& clipKey, const Entry& entry);
    bool remove(const QString& clipKey);

private:
    bool save() const;

    QString m_path;
    QHash<QString, Entry> m_entries;
};

} // namespace hh
