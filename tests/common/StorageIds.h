// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/ErrorType.h"

#include <QString>

namespace hh {
class DataLayout;
}

namespace hh::test {

// Folders are named by the rows' uuids (DataLayout); tests that know a job or an
// account by id find its folder through its row in the layout's database, read
// with a connection of their own in the calling thread. Like the app, a job is
// looked up as one of its account's: another account's job, or no row at all,
// gives an empty uuid and so DataLayout's never-created folder.
QString userUuidOf(const DataLayout& layout, qint64 userId);
QString jobUuidOf(const DataLayout& layout, qint64 userId, qint64 jobId);
QString userDirOf(const DataLayout& layout, qint64 userId);
QString jobsDirOf(const DataLayout& layout, qint64 userId);
QString jobDirOf(const DataLayout& layout, qint64 userId, qint64 jobId);
Error ensureJobDirOf(const DataLayout& layout, qint64 userId, qint64 jobId);

} // namespace hh::test
