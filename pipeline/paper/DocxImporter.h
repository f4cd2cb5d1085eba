// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PaperImporter.h"

namespace hh {

// Imports DOCX (WordprocessingML inside a zip, read with QuaZip).
class DocxImporter final : public PaperImporter {
public:
    Result<Paper> import(const QByteArray& data, const QString& fileName,
                         const ImportOptions& options) const override;
};

} // namespace hh
