// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PaperImporter.h"

namespace hh {

// Imports JATS XML (PMC .nxml, efetch db=pmc <pmc-articleset>, publisher JATS from
// eLife/PLOS/F1000/bioRxiv).
class JatsImporter final : public PaperImporter {
public:
    Result<Paper> import(const QByteArray& data, const QString& fileName,
                         const ImportOptions& options) const override;
};

} // namespace hh
