// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecentPapers.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace hh {

namespace {
const QString kKey = QStringLiteral("recent/papers");
}

RecentPapers::RecentPapers(QString userDir)
    : m_file(userDir.isEmpty() ? QString()
                               : QDir(userDir).filePath(QStringLiteral("settings.ini"))) {}

QStringList RecentPapers::paths() const {
    if (m_file.isEmpty())
        return {};
    const QStringList stored = QSettings(m_file, QSettings::IniFormat).value(kKey).toStringList();
    QStringList existing;
    for (const QString& path : stored) {
        if (QFileInfo(path).isFile())
            existing << path;
    }
    return existing;
}

void RecentPapers::add(const QString& path) {
    if (m_file.isEmpty() || !QFileInfo(path).isFile())
        return;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = paths();
    list.removeAll(absolute);
    list.prepend(absolute);
    save(list.mid(0, kMaxPapers));
}

void RecentPapers::clear() {
    save({});
}

void RecentPapers::save(const QStringList& paths) const {
    if (m_file.isEmpty())
        return;
    QSettings settings(m_file, QSettings::IniFormat);
    settings.setValue(kKey, paths);
}

} // namespace hh
