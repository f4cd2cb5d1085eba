// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <atomic>
#include <functional>

namespace hh {

struct PackageMember {
    QString path; // as stored in the archive, '/'-separated: "PMC6398430/ary15701.jpg"
    QByteArray data;
};

struct PackageContents {
    QList<PackageMember> files; // the regular files the filter asked for, in archive order
    QStringList unsafePaths;    // members skipped for an absolute path or a ".." step
    int members = 0;            // entries seen, of every type
};

// Guards against hostile or broken packages: a gzip bomb or a tar with millions
// of entries stops here instead of exhausting memory or time.
struct PackageLimits {
    int maxMembers = 2000;
    qint64 maxUnpackedBytes = 200LL * 1024 * 1024; // all members together
};

// Reads a PMC open-access package, a .tar.gz (ustar, with GNU long names and pax
// paths), held in memory. It keeps only the regular files `wanted` accepts and
// never writes anything to disk, follows a link or trusts a member's path:
// members named with an absolute path or ".." are skipped and listed.
class NcbiPackageReader {
public:
    using Filter = std::function<bool(const QString& path)>;

    explicit NcbiPackageReader(PackageLimits limits = {});

    // Errors: Unsupported for a damaged or non-gzip file,
    // TooLarge past the limits, Cancelled when `cancel` turns true.
    Result<PackageContents> read(const QByteArray& tarGz, const Filter& wanted,
                                 const std::atomic_bool* cancel = nullptr) const;

    // Relative, without "..", without a drive letter or backslashes.
    static bool isSafeMemberPath(const QString& path);

private:
    PackageLimits m_limits;
};

} // namespace hh
