// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace hh {

// A paper named by an identifier instead of a file: a PubMed ID, a PubMed Central
// ID or a DOI, in the forms people paste ("PMID: 31452104", "pmc6398430",
// "https://doi.org/10.…", a pubmed.ncbi.nlm.nih.gov link …). The GUI validates
// its input field with it as the user types; the CLI and the job steps use it to
// tell an identifier from a file name. parse() only looks at the text: a caller
// that also accepts files should check for an existing file first, since a DOI
// such as "10.1234/x" is also a valid relative path.
struct PaperIdentifier {
    enum class Kind { None, Pmid, Pmcid, Doi };
    Kind kind = Kind::None;
    // Normalised: PMID digits without leading zeros ("31452104"), PMCID with its
    // prefix in capitals ("PMC6398430"), DOI lower-cased (DOIs are case-insensitive)
    // without "doi:" or "https://doi.org/" ("10.7717/peerj-cs.118").
    QString value;

    // Kind::None for anything that is not clearly one of the three: garbage,
    // paths, 0, numbers of 10 or more digits.
    static PaperIdentifier parse(const QString& text);

    bool isValid() const { return kind != Kind::None; }
    // "PMID 31452104", "PMC6398430", "DOI 10.7717/peerj-cs.118"; empty for None.
    QString displayName() const;
};

} // namespace hh
