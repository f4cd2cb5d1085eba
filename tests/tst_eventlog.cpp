// SPDX-License-Identifier: GPL-3.0-or-later
// The structured event log (EventLog): one JSON object per line with the documented
// keys, rotation that keeps the newest lines, secrets and key shapes never on disk
// (checked on the raw bytes of every file), intact lines under concurrent writers,
// owner-only permissions, and failed writes that return false instead of crashing.
#include "jobs/EventLog.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace hh;

namespace {

QStringList logFiles(const QString& dir) {
    return QDir(dir).entryList({QStringLiteral("hiddenhill.log*")}, QDir::Files, QDir::Name);
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Every file of the log, oldest first (hiddenhill.log.N … .1, then hiddenhill.log).
QByteArray allBytes(const QString& dir, int keep) {
    QByteArray bytes;
    for (int index = keep; index >= 1; --index)
        bytes += readAll(QDir(dir).filePath(QStringLiteral("hiddenhill.log.%1").arg(index)));
    return bytes + readAll(QDir(dir).filePath(QStringLiteral("hiddenhill.log")));
}

QList<QByteArray> lines(const QByteArray& bytes) {
    QList<QByteArray> result = bytes.split('\n');
    if (!result.isEmpty() && result.last().isEmpty())
        result.removeLast();
    return result;
}

mode_t modeOf(const QString& path) {
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return 0;
    return info.st_mode & 0777;
}

} // namespace

class TestEventLog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void linesAreJsonWithTheKeys_data();
    void linesAreJsonWithTheKeys();
    void cancelIsNoError_data();
    void cancelIsNoError();
    void keyOrderIsDocumented();
    void rotationKeepsTheNewestLines_data();
    void rotationKeepsTheNewestLines();
    void secretsNeverReachTheFile_data();
    void secretsNeverReachTheFile();
    void ordinaryTextIsNotRedacted_data();
    void ordinaryTextIsNotRedacted();
    void concurrentWritersKeepLinesIntact_data();
    void concurrentWritersKeepLinesIntact();
    void filesAreOwnerOnly();
    void looseFileIsTightened();
    void writeFailureReturnsFalse();
};

void TestEventLog::linesAreJsonWithTheKeys_data() {
    QTest::addColumn<int>("level");
    QTest::addColumn<qint64>("job");
    QTest::addColumn<QString>("step");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("levelName");
    QTest::newRow("info about a job") << int(LogLevel::Info) << qint64(12) << "generate-audio"
                                      << "voice ready"
                                      << ""
                                      << "info";
    QTest::newRow("warning without job") << int(LogLevel::Warning) << qint64(0) << ""
                                         << "settings file was unreadable"
                                         << ""
                                         << "warning";
    QTest::newRow("error with type") << int(LogLevel::Error) << qint64(7) << "fetch-paper"
                                     << "the paper is not in PubMed Central"
                                     << "not_in_pmc"
                                     << "error";
    QTest::newRow("quotes, newlines, unicode")
        << int(LogLevel::Info) << qint64(3) << "add-captions"
        << QStringLiteral("line one\nline \"two\"\t\\ Ünïcödé — 日本語 🐝") << ""
        << "info";
    QTest::newRow("control characters")
        << int(LogLevel::Error) << qint64(1) << "generate-script"
        << QStringLiteral("bell \a and nul-free \x01 byte") << "internal"
        << "error";
}

void TestEventLog::linesAreJsonWithTheKeys() {
    QFETCH(int, level);
    QFETCH(qint64, job);
    QFETCH(QString, step);
    QFETCH(QString, message);
    QFETCH(QString, errorType);
    QFETCH(QString, levelName);
    QTemporaryDir dir;
    EventLog log(dir.filePath(QStringLiteral("logs")));
    const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
    QVERIFY(log.write({LogLevel(level), job, step, message, errorType}));
    QVERIFY(log.info(0, {}, QStringLiteral("second line")));

    const QList<QByteArray> written = lines(readAll(log.filePath()));
    QCOMPARE(written.size(), 2);
    QJsonParseError parseError;
    const QJsonObject object = QJsonDocument::fromJson(written.first(), &parseError).object();
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    const QStringList keys{QStringLiteral("error_type"), QStringLiteral("job"),
                           QStringLiteral("level"),      QStringLiteral("message"),
                           QStringLiteral("step"),       QStringLiteral("time")};
    QCOMPARE(object.keys(), keys);
    QCOMPARE(object.value(QLatin1String("level")).toString(), levelName);
    if (job > 0)
        QCOMPARE(object.value(QLatin1String("job")).toInteger(), job);
    else
        QVERIFY(object.value(QLatin1String("job")).isNull());
    QCOMPARE(object.value(QLatin1String("step")).toString(), step);
    QCOMPARE(object.value(QLatin1String("message")).toString(), message);
    QCOMPARE(object.value(QLatin1String("error_type")).toString(), errorType);

    const QString timeText = object.value(QLatin1String("time")).toString();
    QVERIFY2(timeText.endsWith(QLatin1Char('Z')), qPrintable(timeText));
    QVERIFY2(timeText.contains(QLatin1Char('.')), qPrintable(timeText)); // milliseconds
    const QDateTime time = QDateTime::fromString(timeText, Qt::ISODateWithMs);
    QVERIFY(time.isValid());
    QCOMPARE(time.timeSpec(), Qt::UTC);
    QVERIFY(time >= before && time <= QDateTime::currentDateTimeUtc());
}

// A job's end is logged by its error: a user's cancel is an info line with type
// "cancelled" (the job detail showed it as an error), a failure an error line.
void TestEventLog::cancelIsNoError_data() {
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("levelName");
    QTest::newRow("cancel") << int(ErrorType::Cancelled) << "info";
    QTest::newRow("failure") << int(ErrorType::Network) << "error";
}

void TestEventLog::cancelIsNoError() {
    QFETCH(int, type);
    QFETCH(QString, levelName);
    QTemporaryDir dir;
    EventLog log(dir.filePath(QStringLiteral("logs")));
    const Error error{ErrorType(type), QStringLiteral("stopped")};
    QVERIFY(log.error(4, QStringLiteral("add-captions"), error));
    const QJsonObject object =
        QJsonDocument::fromJson(lines(readAll(log.filePath())).first()).object();
    QCOMPARE(object.value(QLatin1String("level")).toString(), levelName);
    QCOMPARE(object.value(QLatin1String("error_type")).toString(), error.code());
}

void TestEventLog::keyOrderIsDocumented() {
    QTemporaryDir dir;
    EventLog log(dir.path());
    QVERIFY(log.error(5, QStringLiteral("generate-videos"),
                      {ErrorType::DiskFull, QStringLiteral("disk full")}));
    const QByteArray line = readAll(log.filePath());
    QVERIFY2(line.startsWith("{\"time\":\""), line.constData());
    const qsizetype level = line.indexOf("\"level\":\"error\"");
    const qsizetype job = line.indexOf("\"job\":5,");
    const qsizetype step = line.indexOf("\"step\":\"generate-videos\"");
    const qsizetype message = line.indexOf("\"message\":\"disk full\"");
    const qsizetype type = line.indexOf("\"error_type\":\"disk_full\"");
    QVERIFY2(0 < level && level < job && job < step && step < message && message < type,
             line.constData());
    QVERIFY(line.endsWith("}\n"));
}

void TestEventLog::rotationKeepsTheNewestLines_data() {
    QTest::addColumn<qint64>("maxBytes");
    QTest::addColumn<int>("keep");
    QTest::addColumn<int>("count");
    QTest::newRow("no rotation needed") << qint64(1 << 20) << 3 << 50;
    QTest::newRow("default keep, many rotations") << qint64(2000) << 3 << 400;
    QTest::newRow("keep one") << qint64(1500) << 1 << 200;
    QTest::newRow("keep none") << qint64(1000) << 0 << 100;
    QTest::newRow("line larger than the limit") << qint64(10) << 2 << 5;
}

void TestEventLog::rotationKeepsTheNewestLines() {
    QFETCH(qint64, maxBytes);
    QFETCH(int, keep);
    QFETCH(int, count);
    QTemporaryDir dir;
    EventLog log(dir.path(), {maxBytes, keep});
    for (int i = 0; i < count; ++i)
        QVERIFY(
            log.info(i + 1, QStringLiteral("generate-audio"), QStringLiteral("event %1").arg(i)));

    const QStringList files = logFiles(dir.path());
    QVERIFY2(files.size() <= keep + 1, qPrintable(files.join(QLatin1Char(' '))));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("hiddenhill.log.%1").arg(keep + 1))));
    const QByteArray current = readAll(log.filePath());
    QVERIFY2(current.contains(QStringLiteral("\"event %1\"").arg(count - 1).toUtf8()),
             current.right(200).constData());
    for (const QString& name : files) {
        const qint64 size = QFileInfo(dir.filePath(name)).size();
        // A single line longer than the limit still gets its own file.
        QVERIFY2(size <= maxBytes || lines(readAll(dir.filePath(name))).size() == 1,
                 qPrintable(name));
    }

    // Oldest file first, the lines kept are the newest ones, in order, with none lost in between.
    const QList<QByteArray> kept = lines(allBytes(dir.path(), keep));
    QVERIFY(!kept.isEmpty());
    for (int i = 0; i < kept.size(); ++i) {
        const QJsonObject object = QJsonDocument::fromJson(kept.at(i)).object();
        QCOMPARE(object.value(QLatin1String("message")).toString(),
                 QStringLiteral("event %1").arg(count - kept.size() + i));
    }
}

void TestEventLog::secretsNeverReachTheFile_data() {
    QTest::addColumn<QString>("secret");       // registered with addSecret; empty: none
    QTest::addColumn<QString>("field");        // message, step or error_type
    QTest::addColumn<QString>("text");         // what is logged
    QTest::addColumn<QByteArray>("forbidden"); // must not be in any file
    QTest::addColumn<QByteArray>("expected");  // must be in the file
    const QString registered = QStringLiteral("runway-Secret-1234567890");
    const QString google = QStringLiteral("AIzaSyA1b2C3d4E5f6G7h8I9j0K_L-MnOpQrStU");
    QTest::newRow("registered in message")
        << registered << "message" << QStringLiteral("request failed with %1 in it").arg(registered)
        << registered.toUtf8() << QByteArray("with [redacted] in it");
    QTest::newRow("registered in step") << registered << "step" << registered << registered.toUtf8()
                                        << QByteArray("\"step\":\"[redacted]\"");
    QTest::newRow("registered in error_type")
        << registered << "error_type" << QStringLiteral("x%1x").arg(registered)
        << registered.toUtf8() << QByteArray("x[redacted]x");
    QTest::newRow("registered with newline")
        << registered + QLatin1Char('\n') << "message"
        << QStringLiteral("key %1 used").arg(registered) << registered.toUtf8()
        << QByteArray("key [redacted] used");
    QTest::newRow("registered with JSON-escaped characters")
        << QStringLiteral("pa\"ss/wo\\rd") << "message" << QStringLiteral("pw pa\"ss/wo\\rd end")
        << QByteArray("wo\\\\rd") << QByteArray("pw [redacted] end");
    QTest::newRow("google key unregistered")
        << ""
        << "message" << QStringLiteral("calling gemini with %1").arg(google) << google.toUtf8()
        << QByteArray("with [redacted]");
    QTest::newRow("url key query value")
        << ""
        << "message"
        << QStringLiteral("GET "
                          "https://generativelanguage.googleapis.com/v1beta/models/"
                          "m:generateContent?key=s3cr3tValue&alt=sse")
        << QByteArray("s3cr3tValue") << QByteArray("?key=[redacted]&alt=sse");
    QTest::newRow("url api_key value")
        << ""
        << "message" << QStringLiteral("efetch.fcgi?db=pubmed&api_key=ncbiKEY0123456789&id=1")
        << QByteArray("ncbiKEY0123456789") << QByteArray("&api_key=[redacted]&id=1");
    QTest::newRow("url token value")
        << ""
        << "step" << QStringLiteral("https://x.test/dl?token=abc.DEF-ghi_123")
        << QByteArray("abc.DEF-ghi_123") << QByteArray("token=[redacted]");
    QTest::newRow("bearer header")
        << ""
        << "message" << QStringLiteral("Authorization: Bearer eyJhbGciOi.JIUzI1NiJ9-x_y+z/w==")
        << QByteArray("eyJhbGciOi") << QByteArray("Authorization: Bearer [redacted]");
    QTest::newRow("bearer lower case")
        << ""
        << "error_type" << QStringLiteral("authorization: bearer tok_ABCDEF123456")
        << QByteArray("tok_ABCDEF123456") << QByteArray("bearer [redacted]");
    QTest::newRow("goog api key header")
        << ""
        << "message" << QStringLiteral("x-goog-api-key: hunter2hunter2")
        << QByteArray("hunter2hunter2") << QByteArray("x-goog-api-key: [redacted]");
}

void TestEventLog::secretsNeverReachTheFile() {
    QFETCH(QString, secret);
    QFETCH(QString, field);
    QFETCH(QString, text);
    QFETCH(QByteArray, forbidden);
    QFETCH(QByteArray, expected);
    QTemporaryDir dir;
    // Small files, so the secret is also checked in rotated files.
    EventLog log(dir.path(), {600, 3});
    if (!secret.isEmpty())
        log.addSecret(secret);
    for (int i = 0; i < 10; ++i) {
        LogEntry entry{LogLevel::Error, i + 1, {}, QStringLiteral("padding line %1").arg(i), {}};
        if (field == QLatin1String("message"))
            entry.message = text;
        else if (field == QLatin1String("step"))
            entry.step = text;
        else
            entry.errorType = text;
        QVERIFY(log.write(entry));
    }
    const QByteArray bytes = allBytes(dir.path(), 3);
    QVERIFY(!bytes.isEmpty());
    QVERIFY2(!bytes.contains(forbidden), bytes.constData());
    // The raw secret must not survive in JSON-escaped form either.
    if (!secret.isEmpty())
        QVERIFY(!bytes.contains(secret.trimmed().toUtf8()));
    QVERIFY2(bytes.contains(expected), bytes.constData());
    for (const QByteArray& line : lines(bytes))
        QCOMPARE(QJsonDocument::fromJson(line).isObject(), true);
}

void TestEventLog::ordinaryTextIsNotRedacted_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("words containing key") << QStringLiteral("monkey=3 and primary_key=5 are fine");
    QTest::newRow("key words without values")
        << QStringLiteral("set the API key in Settings; token expired");
    QTest::newRow("short AIza") << QStringLiteral("AIza is how Google keys start");
    QTest::newRow("paths") << QStringLiteral(
        "/home/ada/.local/share/hiddenhill/users/1/jobs/4/final_video.mp4");
}

void TestEventLog::ordinaryTextIsNotRedacted() {
    QFETCH(QString, text);
    QTemporaryDir dir;
    EventLog log(dir.path());
    log.addSecret(QStringLiteral("abc")); // too short to be a real key: ignored
    QCOMPARE(log.redacted(text), text);
    QVERIFY(log.info(1, {}, text));
    QCOMPARE(QJsonDocument::fromJson(readAll(log.filePath()))
                 .object()
                 .value(QLatin1String("message"))
                 .toString(),
             text);
}

void TestEventLog::concurrentWritersKeepLinesIntact_data() {
    QTest::addColumn<int>("perThread");
    QTest::addColumn<int>("messageLength");
    QTest::newRow("short lines") << 500 << 10;
    QTest::newRow("long lines") << 100 << 20000;
}

void TestEventLog::concurrentWritersKeepLinesIntact() {
    QFETCH(int, perThread);
    QFETCH(int, messageLength);
    constexpr int kThreads = 4;
    QTemporaryDir dir;
    EventLog log(dir.path(), {qint64(1) << 40, 3});
    log.addSecret(QStringLiteral("thread-secret-value"));
    std::vector<std::thread> threads;
    std::vector<int> failures(kThreads, 0);
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&log, &failures, t, perThread, messageLength] {
            const QString padding(messageLength, QLatin1Char('a' + t));
            for (int i = 0; i < perThread; ++i) {
                const QString message =
                    QStringLiteral("%1/%2 thread-secret-value %3").arg(t).arg(i).arg(padding);
                if (!log.info(t + 1, QStringLiteral("generate-videos"), message))
                    ++failures[std::size_t(t)];
            }
        });
    }
    for (std::thread& thread : threads)
        thread.join();
    QVERIFY(failures == std::vector<int>(kThreads, 0));

    const QByteArray bytes = readAll(log.filePath());
    QVERIFY(!bytes.contains("thread-secret-value"));
    const QList<QByteArray> written = lines(bytes);
    QCOMPARE(written.size(), kThreads * perThread);
    QSet<QString> seen;
    for (const QByteArray& line : written) {
        QJsonParseError parseError;
        const QJsonObject object = QJsonDocument::fromJson(line, &parseError).object();
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        const QString message = object.value(QLatin1String("message")).toString();
        const QString id = message.section(QLatin1Char(' '), 0, 0);
        const int thread = id.section(QLatin1Char('/'), 0, 0).toInt();
        QCOMPARE(object.value(QLatin1String("job")).toInt(), thread + 1);
        QCOMPARE(message.section(QLatin1Char(' '), 2).size(), messageLength);
        QVERIFY(!seen.contains(id));
        seen.insert(id);
    }
    QCOMPARE(seen.size(), kThreads * perThread);
}

void TestEventLog::filesAreOwnerOnly() {
    QTemporaryDir dir;
    // Even with a permissive umask the log must stay private.
    const mode_t previous = ::umask(0);
    const QString logDir = dir.filePath(QStringLiteral("data/logs"));
    EventLog log(logDir, {300, 2});
    bool written = true;
    for (int i = 0; i < 10; ++i)
        written = log.info(i + 1, {}, QStringLiteral("line %1").arg(i)) && written;
    ::umask(previous);
    QVERIFY(written);
    QCOMPARE(modeOf(logDir), mode_t(0700));
    const QStringList files = logFiles(logDir);
    QCOMPARE(files.size(), 3);
    for (const QString& name : files)
        QCOMPARE(modeOf(QDir(logDir).filePath(name)), mode_t(0600));
}

void TestEventLog::looseFileIsTightened() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hiddenhill.log"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0644) == 0);
    EventLog log(dir.path());
    QVERIFY(log.info(1, {}, QStringLiteral("hello")));
    QCOMPARE(modeOf(path), mode_t(0600));
}

void TestEventLog::writeFailureReturnsFalse() {
    QTemporaryDir dir;
    // The log folder's path is taken by a regular file: nothing can be written.
    const QString blocker = dir.filePath(QStringLiteral("logs"));
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    EventLog log(blocker);
    QVERIFY(!log.info(1, QStringLiteral("fetch-paper"), QStringLiteral("cannot be written")));
    QVERIFY(!log.error(1, {}, {ErrorType::Io, QStringLiteral("still no crash")}));

    // A read-only folder: the open fails, still no crash.
    const QString readOnly = dir.filePath(QStringLiteral("ro"));
    QVERIFY(QDir().mkpath(readOnly));
    QVERIFY(::chmod(QFile::encodeName(readOnly).constData(), 0500) == 0);
    EventLog locked(readOnly);
    if (::geteuid() != 0)
        QVERIFY(!locked.info(0, {}, QStringLiteral("denied")));
    ::chmod(QFile::encodeName(readOnly).constData(), 0700);
}

QTEST_GUILESS_MAIN(TestEventLog)
#include "tst_eventlog.moc"
