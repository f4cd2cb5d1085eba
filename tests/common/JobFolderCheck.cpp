// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobFolderCheck.h"

#include "render/VideoProbe.h"
#include "voice/Narration.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUuid>

namespace hh::test {

namespace {

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Runs `body` on a fresh connection that is removed afterwards.
template <typename Body> QString withDatabase(const QString& path, Body body) {
    const QString name = QStringLiteral("hh-check-") + QUuid::createUuid().toString();
    QString result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        result = db.open() ? body(db) : QStringLiteral("cannot open: ") + path;
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

} // namespace

QStringList brokenArtifacts(const QString& jobDir) {
    const QDir dir(jobDir);
    QStringList broken;
    for (const char* name : {"paper.json", "script.json", "scenes/plan.json"}) {
        const QString path = dir.filePath(QLatin1String(name));
        if (!QFileInfo::exists(path))
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(readAll(path), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            broken << QStringLiteral("%1: %2").arg(QLatin1String(name), error.errorString());
    }
    const QString words = dir.filePath(QStringLiteral("words.json"));
    if (QFileInfo::exists(words)) {
        const QJsonDocument doc = QJsonDocument::fromJson(readAll(words));
        if (!doc.isArray() || !Narration::withWordsFromJson(Narration{}, doc.array()).ok())
            broken << QStringLiteral("words.json does not read as word timings");
    }
    const QString wav = dir.filePath(QStringLiteral("narration.wav"));
    if (QFileInfo::exists(wav)) {
        const auto audio = Narration::fromWav(readAll(wav));
        if (!audio || audio.value().durationMs() <= 0)
            broken << QStringLiteral("narration.wav does not decode");
    }
    const QString video = dir.filePath(QStringLiteral("final_video.mp4"));
    if (QFileInfo::exists(video)) {
        const VideoProbe probe = VideoProbe::probe(video);
        if (!probe.ok || probe.durationSeconds <= 0 || !probe.hasAudio)
            broken << QStringLiteral("final_video.mp4 does not probe as a video with sound");
    }
    return broken;
}

QStringList leftoverTemporaries(const QString& jobDir) {
    // QSaveFile names its temporary <final name>.XXXXXX when O_TMPFILE is not available.
    static const QRegularExpression saveFileTemp(QStringLiteral("\\.[A-Za-z0-9]{6}$"));
    static const QRegularExpression finalNames(
        QStringLiteral("^(paper|script|words|plan)\\.json|narration\\.wav|final_video\\.mp4|"
                       "captions\\.(srt|vtt)|thumbnail\\.png"));
    QStringList leftovers;
    QDirIterator it(jobDir, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info(it.next());
        const QString name = info.fileName();
        if (name.contains(QLatin1String(".part")) ||
            (finalNames.match(name).hasMatch() && saveFileTemp.match(name).hasMatch()))
            leftovers << QDir(jobDir).relativeFilePath(info.filePath());
    }
    return leftovers;
}

QString sqliteIntegrity(const QString& databasePath) {
    return withDatabase(databasePath, [](QSqlDatabase& db) {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("PRAGMA integrity_check")))
            return QStringLiteral("integrity_check failed to run");
        QStringList lines;
        while (query.next())
            lines << query.value(0).toString();
        return lines.join(QLatin1Char('\n'));
    });
}

QString jobColumn(const QString& databasePath, qint64 jobId, const QString& column) {
    static const QRegularExpression identifier(QStringLiteral("^[a-z_]+$"));
    if (!identifier.match(column).hasMatch())
        return {};
    return withDatabase(databasePath, [&](QSqlDatabase& db) {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("SELECT %1 FROM video_jobs WHERE id = ?").arg(column));
        query.addBindValue(jobId);
        if (!query.exec() || !query.next())
            return QStringLiteral("(no row)");
        return query.value(0).toString();
    });
}

} // namespace hh::test
