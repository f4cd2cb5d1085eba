// SPDX-License-Identifier: GPL-3.0-or-later
#include "EventLogReader.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace hh {

namespace {

// More than any log line is long; enough to tell two files apart.
constexpr qint64 kHeadBytes = 512;

} // namespace

EventLogReader::EventLogReader(QString logFile)
    : m_path(std::move(logFile)) {}

bool EventLogReader::parseLine(const QByteArray& line, LogEvent* event) {
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return false;
    const QJsonObject object = doc.object();
    const QString level = object.value(QLatin1String("level")).toString();
    event->time =
        QDateTime::fromString(object.value(QLatin1String("time")).toString(), Qt::ISODateWithMs);
    if (!event->time.isValid() || level.isEmpty())
        return false;
    event->level = level == QLatin1String("error")     ? LogLevel::Error
                   : level == QLatin1String("warning") ? LogLevel::Warning
                                                       : LogLevel::Info;
    event->jobId = object.value(QLatin1String("job")).toInteger(0);
    event->step = object.value(QLatin1String("step")).toString();
    event->message = object.value(QLatin1String("message")).toString();
    event->errorType = object.value(QLatin1String("error_type")).toString();
    return true;
}

QByteArray EventLogReader::headOf(const QString& path) const {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.read(kHeadBytes);
}

qint64 EventLogReader::readFrom(const QString& path, qint64 offset, QList<LogEvent>* out) const {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(offset))
        return offset;
    const QByteArray data = file.readAll();
    // Only whole lines: the last one may be half written by another process.
    const qsizetype end = data.lastIndexOf('\n');
    if (end < 0)
        return offset;
    qsizetype start = 0;
    while (start <= end) {
        const qsizetype newline = data.indexOf('\n', start);
        LogEvent event;
        if (parseLine(data.mid(start, newline - start), &event))
            out->append(event);
        start = newline + 1;
    }
    return offset + end + 1;
}

QList<LogEvent> EventLogReader::readNew() {
    QList<LogEvent> events;
    if (!m_started) {
        m_started = true;
        // The rotated files, oldest (highest number) first.
        QList<QString> rotated;
        for (int index = 1; QFileInfo::exists(m_path + QLatin1Char('.') + QString::number(index));
             ++index)
            rotated.prepend(m_path + QLatin1Char('.') + QString::number(index));
        for (const QString& path : rotated)
            readFrom(path, 0, &events);
        m_head = headOf(m_path);
        m_offset = readFrom(m_path, 0, &events);
        return events;
    }
    const QByteArray head = headOf(m_path);
    const bool rotated =
        !m_head.isEmpty() && !head.startsWith(m_head.left(head.size())) && !m_head.startsWith(head);
    if (rotated || QFileInfo(m_path).size() < m_offset) {
        // What was appended before the rotation is now the end of .1.
        readFrom(m_path + QStringLiteral(".1"), m_offset, &events);
        m_offset = 0;
    }
    if (m_offset == 0 || m_head.size() < kHeadBytes)
        m_head = head;
    m_offset = readFrom(m_path, m_offset, &events);
    return events;
}

} // namespace hh
