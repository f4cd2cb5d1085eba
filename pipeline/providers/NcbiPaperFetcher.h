// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "NcbiClient.h"
#include "PaperIdentifier.h"
#include "core/Result.h"
#include "core/StepControl.h"
#include "paper/Paper.h"

#include <QStringList>

namespace hh {

// The fetch-paper step for a paper given by identifier. A PMID or DOI goes
// through the PMC ID converter; an article in PubMed Central comes as full JATS
// text (source "pmc") with its figure images from the open-access package when
// the licence allows; anything else comes from PubMed as an abstract-only paper
// (source "pubmed") with a warning saying why. Figure images are written into
// `figuresDir` and Figure::image set as Paper::saveFigures does.
//
// Errors: not_found (unknown PMID, DOI not in PMC), not_in_pmc (a PMCID PMC does
// not have), cancelled, and the network layer's auth / rate_limited / network /
// provider. A failed figure download never fails the paper: it becomes a warning.
class NcbiPaperFetcher {
public:
    explicit NcbiPaperFetcher(ProviderSession& session);

    Result<Paper> fetch(const PaperIdentifier& id, const QString& figuresDir,
                        const StepControl& control);
    // The warnings of the last fetch; the same as the returned Paper's warnings.
    QStringList warnings() const;

private:
    // Where the paper can be found: a PMC article, else a PubMed record.
    struct Route {
        QString pmcid;
        QString pmid;
    };

    Result<Route> resolve(const PaperIdentifier& id, const StepControl& control);
    Result<Paper> fetchFullText(const Route& route, const PaperIdentifier& asked,
                                const StepControl& control);
    // PMC does not have the article: PubMed's abstract when the PMID is known and
    // the user did not ask for the PMC article itself, else not_in_pmc.
    Result<Paper> notInPmc(const Route& route, const PaperIdentifier& asked,
                           const StepControl& control);
    Result<Paper> fetchAbstract(const QString& pmid, const PaperIdentifier& asked,
                                const QString& why, const StepControl& control);
    // Adds the figure images of the open-access package; only cancellation is an error.
    Error addFigureImages(Paper& paper, const StepControl& control);
    void warn(const QString& warning);

    NcbiClient m_client;
    QStringList m_warnings;
};

} // namespace hh
