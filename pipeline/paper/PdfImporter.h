// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PaperImporter.h"

namespace hh {

// Imports PDF through Poppler-Qt6: layout analysis of one- and two-column pages.
class PdfImporter final : public PaperImporter {
public:
    Result<Paper> import(const QByteArray& data, const QString& fileName,
                         const ImportOptions& options) const override;
};

} // namespace hh
