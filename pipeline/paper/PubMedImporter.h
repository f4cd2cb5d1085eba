// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PaperImporter.h"

namespace hh {

// Imports PubMed XML (efetch db=pubmed), and NCBI E-utilities error bodies.
class PubMedImporter final : public PaperImporter {
public:
    Result<Paper> import(const QByteArray& data, const QString& fileName,
                         const ImportOptions& options) const override;
};

} // namespace hh
