// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "jobs/JobArtifacts.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace hh {

// Copies a finished video and its companions out of the job folder under names a
// person can recognise: "<slug>.mp4", ".srt", ".vtt", ".png" and "-script.txt".
// Every file is written under a temporary name and renamed, so a full disk never
// leaves a truncated video behind under the final name.
class Exporter {
    Q_DECLARE_TR_FUNCTIONS(hh::Exporter)
public:
    explicit Exporter(JobArtifacts artifacts);

    // ASCII letters, digits and single dashes, at most 60 characters, never empty:
    // safe as a file name on every file system and in a URL.
    static QString slug(const QString& title);
    // The text behind "Copy description": citation, DOI link, licence, hashtags.
    static QString description(const Paper& paper);
    // 3–5 tags: up to four keywords of the title, then #science.
    static QStringList hashtags(const QString& title);
    // The narration as plain text, each scene with the paper sentences it rests on.
    static QString scriptText(const JobArtifacts& artifacts);

    QString baseName() const; // slug of the title (or of the DOI/PMID when untitled)
    QStringList targetPaths(const QString& folder) const;

    // Writes the five files into `folder` (created when missing) and returns their
    // paths. Without `overwrite` nothing is written when any of them exists.
    // Errors: Io, DiskFull (and NotFound when an artifact is missing).
    Result<QStringList> exportTo(const QString& folder, bool overwrite = false) const;

private:
    JobArtifacts m_artifacts;
};

} // namespace hh
