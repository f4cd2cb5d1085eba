// SPDX-License-Identifier: GPL-3.0-or-later
#include "EventLog.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutexLocker>
#include <algorithm>

namespace hh {

namespace {

const QString kRedacted = QStringLiteral("[redacted]");

// Shorter strings would blank out ordinary words in every message.
constexpr qsizetype kMinSecretLength = 4;

constexpr QFileDevice::Permissions kPrivateFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kOthersAccess =
    QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
    QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
constexpr QFileDevice::Permissions kPrivateDir =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;

// A JSON string literal with its quotes, escaped by Qt's own writer, so the line
// keeps the documented key order (QJsonObject would sort the keys).
QByteArray jsonString(const QString& text) {
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

} // namespace

QString logLevelName(LogLevel level) {
    switch (level) {
    case LogLevel::Info:
        return QStringLiteral("info");
    case LogLevel::Warning:
        return QStringLiteral("warning");
    case LogLevel::Error:
        return QStringLiteral("error");
    }
    return QStringLiteral("info");
}

EventLog::EventLog(QString dir, EventLogLimits limits)
    : m_dir(QDir(dir).absolutePath())
    , m_limits(limits) {
    const auto insensitive = QRegularExpression::CaseInsensitiveOption;
    // Key shapes that are secret wherever they appear, registered or not: a key
    // pasted into an error message or an URL echoed by a provider must not leak.
    m_patterns = {
        // Google API keys (Gemini).
        {QRegularExpression(QStringLiteral("AIza[0-9A-Za-z_\\-]{35}")), false},
        // OpenAI-style and Runway-style secret keys.
        {QRegularExpression(QStringLiteral("\\bsk-[A-Za-z0-9_\\-]{20,}")), false},
        {QRegularExpression(QStringLiteral("\\bkey_[0-9a-f]{32,}")), false},
        // Query values and assignments: ?key=…, &api_key=…, token=…
        {QRegularExpression(QStringLiteral("(\\b(?:api_key|apikey|api-key|key|access_token|token)=)"
                                           "[^&#\\s\"'<>]+"),
                            insensitive),
         true},
        // HTTP headers as they show up in request dumps.
        {QRegularExpression(QStringLiteral("(\\b(?:x-goog-api-key|x-api-key)\\s*[:=]\\s*)\\S+"),
                            insensitive),
         true},
        {QRegularExpression(QStringLiteral("(\\bBearer\\s+)[A-Za-z0-9._~+/\\-]+=*"), insensitive),
         true},
        {QRegularExpression(QStringLiteral("(\\bAuthorization\\s*:\\s*(?:Basic|Token)\\s+)\\S+"),
                            insensitive),
         true},
    };
}

QString EventLog::filePath() const {
    return QDir(m_dir).filePath(QStringLiteral("hiddenhill.log"));
}

QString EventLog::rotatedPath(int index) const {
    return filePath() + QLatin1Char('.') + QString::number(index);
}

void EventLog::addSecret(const QString& secret) {
    QMutexLocker lock(&m_mutex);
    // Keys read from files or the environment often carry a trailing newline.
    for (const QString& candidate : {secret, secret.trimmed()}) {
        if (candidate.size() < kMinSecretLength || m_secrets.contains(candidate))
            continue;
        m_secrets.append(candidate);
    }
    // Longest first, so a secret that contains another is replaced whole.
    std::stable_sort(m_secrets.begin(), m_secrets.end(),
                     [](const QString& a, const QString& b) { return a.size() > b.size(); });
}

QString EventLog::redacted(const QString& text) const {
    QMutexLocker lock(&m_mutex);
    return redactLocked(text);
}

QString EventLog::redactLocked(QString text) const {
    for (const QString& secret : m_secrets)
        text.replace(secret, kRedacted);
    for (const Pattern& pattern : m_patterns)
        text.replace(pattern.regex,
                     pattern.keepPrefix ? QStringLiteral("\\1") + kRedacted : kRedacted);
    return text;
}

QByteArray EventLog::formatLine(const LogEntry& entry) const {
    const QString time = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    QByteArray line;
    line.reserve(128 + entry.message.size());
    line += "{\"time\":" + jsonString(time);
    line += ",\"level\":" + jsonString(logLevelName(entry.level));
    line += ",\"job\":" + (entry.jobId > 0 ? QByteArray::number(entry.jobId) : QByteArray("null"));
    line += ",\"step\":" + jsonString(redactLocked(entry.step));
    line += ",\"message\":" + jsonString(redactLocked(entry.message));
    line += ",\"error_type\":" + jsonString(redactLocked(entry.errorType));
    line += "}\n";
    return line;
}

bool EventLog::ensureDirectory() const {
    if (QFileInfo(m_dir).isDir())
        return true;
    // Only a folder made here is tightened: the caller may point at a shared one.
    return QDir().mkpath(m_dir) && QFile::setPermissions(m_dir, kPrivateDir);
}

bool EventLog::rotateIfNeeded(qint64 incomingBytes) const {
    const QFileInfo current(filePath());
    if (!current.exists() || current.size() == 0 ||
        current.size() + incomingBytes <= m_limits.maxBytes)
        return true;
    if (m_limits.keepFiles <= 0)
        return QFile::remove(filePath());
    QFile::remove(rotatedPath(m_limits.keepFiles));
    for (int index = m_limits.keepFiles - 1; index >= 1; --index) {
        if (QFileInfo::exists(rotatedPath(index)))
            QFile::rename(rotatedPath(index), rotatedPath(index + 1));
    }
    return QFile::rename(filePath(), rotatedPath(1));
}

bool EventLog::appendLine(const QByteArray& line) const {
    QFile file(filePath());
    // Append mode is O_APPEND: lines of other processes sharing the log (the CLI
    // and the app) land after each other, never on top of each other. Unbuffered:
    // one write() per line.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered, kPrivateFile))
        return false;
    // A file made by an older build or by hand is tightened on the next write.
    if ((file.permissions() & kOthersAccess) && !file.setPermissions(kPrivateFile))
        return false;
    return file.write(line) == line.size();
}

bool EventLog::write(const LogEntry& entry) {
    QMutexLocker lock(&m_mutex);
    const QByteArray line = formatLine(entry);
    if (!ensureDirectory())
        return false;
    // A failed rotation still writes: an oversized log beats a lost line.
    rotateIfNeeded(line.size());
    return appendLine(line);
}

bool EventLog::info(qint64 jobId, const QString& step, const QString& message) {
    return write({LogLevel::Info, jobId, step, message, {}});
}

bool EventLog::warning(qint64 jobId, const QString& step, const QString& message) {
    return write({LogLevel::Warning, jobId, step, message, {}});
}

bool EventLog::error(qint64 jobId, const QString& step, const Error& error) {
    // A user's cancel is what they asked for, not a failure: an info line that
    // keeps its type ("cancelled") for whoever reads the log.
    const LogLevel level = error.type == ErrorType::Cancelled ? LogLevel::Info : LogLevel::Error;
    return write({level, jobId, step, error.message, error.code()});
}

} // namespace hh
