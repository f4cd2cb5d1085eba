// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/ErrorType.h"

#include <QList>
#include <QMutex>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace hh {

enum class LogLevel { Info, Warning, Error };

QString logLevelName(LogLevel level); // "info", "warning", "error"

// One event of the structured log.
struct LogEntry {
    LogLevel level = LogLevel::Info;
    qint64 jobId = 0;  // 0: not about one job (written as null)
    QString step;      // "fetch-paper" …, empty when none
    QString message;   // human-readable
    QString errorType; // errorTypeCode(), empty when none
};

// How big the log may grow before it is rotated, and how many old files are kept.
struct EventLogLimits {
    qint64 maxBytes = 5 * 1024 * 1024;
    int keepFiles = 3; // hiddenhill.log.1 … hiddenhill.log.<keepFiles>
};

// The structured event log: one JSON object per line in <dir>/hiddenhill.log, with
// the keys time, level, job, step, message and error_type, so support questions can
// be answered with `jq` instead of guesswork. The file is rotated before it grows
// past maxBytes (hiddenhill.log → .1 → .2 …, the oldest dropped), the folder is
// private (0700) and the files owner-only (0600), because messages name papers and
// paths. API keys must never reach the disk: registered secrets and well-known key
// shapes are replaced by "[redacted]" in every field before the line is built.
// Logging is best effort: a failing write returns false and never disturbs the job.
// One object is shared by all threads of the program (a mutex inside serialises
// writes, so lines never interleave); the application owns it and hands out pointers.
class EventLog {
public:
    explicit EventLog(QString dir, EventLogLimits limits = {});
    EventLog(const EventLog&) = delete;
    EventLog& operator=(const EventLog&) = delete;

    QString directory() const { return m_dir; }
    QString filePath() const; // <dir>/hiddenhill.log

    // Registers a string that must never be written (an API key, a password).
    void addSecret(const QString& secret);

    bool write(const LogEntry& entry);
    bool info(qint64 jobId, const QString& step, const QString& message);
    bool warning(qint64 jobId, const QString& step, const QString& message);
    bool error(qint64 jobId, const QString& step, const Error& error);

    // The text as it would be written: secrets and key shapes replaced.
    QString redacted(const QString& text) const;

private:
    QString redactLocked(QString text) const;
    QByteArray formatLine(const LogEntry& entry) const;
    bool ensureDirectory() const;
    bool rotateIfNeeded(qint64 incomingBytes) const;
    QString rotatedPath(int index) const;
    bool appendLine(const QByteArray& line) const;

    // A capture group 1 that is kept (e.g. "key=") and the rest that is replaced.
    struct Pattern {
        QRegularExpression regex;
        bool keepPrefix = false;
    };

    mutable QMutex m_mutex;
    QString m_dir;
    EventLogLimits m_limits;
    QStringList m_secrets; // longest first
    QList<Pattern> m_patterns;
};

} // namespace hh
