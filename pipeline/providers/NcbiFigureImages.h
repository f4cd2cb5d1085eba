// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "NcbiPackageReader.h"
#include "paper/Paper.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace hh {

// Whether an article's licence lets the app put its figures into a video, which
// zooms and crops them: a changed copy. CC0 and CC BY (also -SA, -NC) do; the
// NoDerivatives licences (-ND) and licences PMC does not name ("NO-CC CODE",
// publisher terms, none) do not, so the app stays on the safe side.
struct FigureLicence {
    bool allowed = false;
    QString warning; // why not, or the condition that comes with it (NC); may be empty

    // `license`: the OA service's short code ("CC BY-NC") or the article's own
    // ("CC BY 4.0").
    static FigureLicence assess(const QString& license);
};

// Pairs a paper's figures with the images of its PMC package. A figure's
// <graphic xlink:href> is a file stem, usually without extension ("ary15701");
// the package holds "PMC6398430/ary15701.jpg" and often a .tif of the same
// figure. JPEG is preferred, then PNG, then GIF (the formats the renderer reads
// everywhere); an href with one of those extensions picks that file first.
class NcbiFigureMatcher {
public:
    explicit NcbiFigureMatcher(const QList<Figure>& figures);

    // The filter for NcbiPackageReader: is this member an image some figure wants?
    bool wants(const QString& memberPath) const;
    // Sets imageData and imageSuffix of every figure that has an image among
    // `members` (undecodable images are passed over). Returns the figures left
    // without one, by label (or id).
    QStringList attach(QList<Figure>& figures, const QList<PackageMember>& members) const;

private:
    QHash<QString, int> m_wantedStems; // lower-case stem → number of figures naming it
};

} // namespace hh
