// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "XmlTree.h"
#include "core/ErrorType.h"

#include <QString>
#include <QStringList>

namespace hh::pubmed {

// Words an NCBI E-utilities response that holds no paper as a typed error:
// NotFound for empty/invalid ID lists and zero hits, Provider (transient) for
// server-side hiccups, Unsupported for other E-utilities answers (wrong db,
// search/summary/link/spell results). An empty <ERROR/> is not an error.
Error classifyEutilsResponse(const XmlElement& root, const QString& fileName);

// The non-empty texts of all <ERROR> elements, in document order.
QStringList eutilsErrors(const XmlElement& root);

// The error for a list of NCBI <ERROR> messages (type None when the list is empty);
// also used for <ERROR> found inside an otherwise empty PubmedArticleSet.
Error classifyEutilsMessages(const QStringList& messages, const QString& rootName,
                             const QString& fileName);

} // namespace hh::pubmed
