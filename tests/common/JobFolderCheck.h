// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace hh::test {

// Every artifact under its final name in a job folder that does not parse the
// way the next step reads it: paper.json, script.json and scenes/plan.json JSON
// objects, words.json an array of timings, narration.wav decodable 16-bit PCM,
// final_video.mp4 probing with video and audio. Missing artifacts are fine (the
// step did not finish); a present but broken one is what a crash must never leave.
QStringList brokenArtifacts(const QString& jobDir);

// Temporary files and folders a finished job must not keep: *.part, scenes.part,
// QSaveFile's <name>.XXXXXX leftovers.
QStringList leftoverTemporaries(const QString& jobDir);

// `PRAGMA integrity_check` of a SQLite file through its own QtSql connection
// (not JobStore), "ok" when sound.
QString sqliteIntegrity(const QString& databasePath);

// One column of one row of video_jobs, read the same way ("status", "error_type" …).
QString jobColumn(const QString& databasePath, qint64 jobId, const QString& column);

} // namespace hh::test
