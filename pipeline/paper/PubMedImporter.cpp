// SPDX-License-Identifier: GPL-3.0-or-later
#include "PubMedImporter.h"

namespace hh {

Result<Paper> PubMedImporter::import(const QByteArray& data, const QString& fileName,
                                   const ImportOptions& options) const
{
    return Result<Paper>::failure(ErrorType::Unsupported, QStringLiteral("%1: format not yet readable").arg(fileName));
}

} // namespace hh
