// SPDX-License-Identifier: GPL-3.0-or-later
#include "RunwayTaskCheckpoint.h"

#include "core/AtomicFile.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace hh {

RunwayTaskCheckpoint::RunwayTaskCheckpoint(QString path)
    : m_path(std::move(path)) {
    m_entries = load();
}

QHash<QString, RunwayTaskCheckpoint::Entry> RunwayTaskCheckpoint::load() const {
    QHash<QString, Entry> entries;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return entries;
    const QJsonObject tasks = QJsonDocument::fromJson(file.readAll()).object();
    for (auto it = tasks.begin(); it != tasks.end(); ++it) {
        const QJsonObject task = it.value().toObject();
        Entry entry;
        entry.taskId = task.value(QLatin1String("task")).toString();
        entry.seed = qint64(task.value(QLatin1String("seed")).toDouble(-1));
        entry.submission = task.value(QLatin1String("submission")).toInt(1);
        if (!entry.taskId.isEmpty())
            entries.insert(it.key(), entry);
    }
    return entries;
}

bool RunwayTaskCheckpoint::put(const QString& clipKey, const Entry& entry) {
    m_entries.insert(clipKey, entry);
    return save();
}

bool RunwayTaskCheckpoint::remove(const QString& clipKey) {
    if (!m_entries.remove(clipKey))
        return true;
    return save();
}

bool RunwayTaskCheckpoint::save() const {
    QJsonObject tasks;
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it)
        tasks.insert(it.key(), QJsonObject{{QStringLiteral("task"), it->taskId},
                                           {QStringLiteral("seed"), double(it->seed)},
                                           {QStringLiteral("submission"), it->submission}});
    return !writeFileAtomically(m_path, QJsonDocument(tasks).toJson(QJsonDocument::Compact))
                .isError();
}

} // namespace hh
