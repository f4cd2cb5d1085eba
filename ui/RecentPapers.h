// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace hh {

// File → Open Recent: the papers an account opened last, newest first, kept in
// that account's own settings file (users/<uuid>/settings.ini), so a person
// sharing the computer never sees another's papers. A paper that was moved or
// deleted is dropped from the list when the list is read.
class RecentPapers {
public:
    static constexpr int kMaxPapers = 8;

    explicit RecentPapers(QString userDir = {});

    QStringList paths() const; // existing files only
    void add(const QString& path);
    void clear();

private:
    void save(const QStringList& paths) const;
    QString m_file;
};

} // namespace hh
