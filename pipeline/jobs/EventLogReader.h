// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "EventLog.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace hh {

// One line of the structured log, read back.
struct LogEvent {
    QDateTime time; // UTC
    LogLevel level = LogLevel::Info;
    qint64 jobId = 0; // 0: not about one job
    QString step;
    QString message;
    QString errorType;
};

// Reads the structured event log (EventLog) incrementally: the first readNew()
// returns everything kept (the rotated files oldest first, then the current
// one), every later call only what was appended since, so a live view costs a
// stat and a few new lines per poll, however long the log. A rotation between
// two calls is noticed (the current file no longer starts as it did) and the
// rest of the rotated file is read before the new one. A line still being
// written (no newline yet) waits for the next call. Files are read, never
// written or locked: the app and the CLI keep appending meanwhile.
// Not thread-safe: use it from one thread at a time (a pool task after another).
class EventLogReader {
public:
    explicit EventLogReader(QString logFile);

    QList<LogEvent> readNew();

    // One JSON line; false for a line that is not an event (damaged, foreign).
    static bool parseLine(const QByteArray& line, LogEvent* event);

private:
    // Appends the complete lines of `path` from `offset`; returns the offset after them.
    qint64 readFrom(const QString& path, qint64 offset, QList<LogEvent>* out) const;
    QByteArray headOf(const QString& path) const;

    QString m_path;
    bool m_started = false;
    qint64 m_offset = 0; // bytes of the current file already read (whole lines)
    QByteArray m_head;   // its first line, to recognise it after a rotation
};

} // namespace hh
