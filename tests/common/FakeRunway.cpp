// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeRunway.h"

#include "render/VideoEncoder.h"

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>
#include <algorithm>

namespace hh::test {

FakeRunway::FakeRunway(std::function<qint64()> now, Options options)
    : m_now(std::move(now))
    , m_options(std::move(options)) {
    m_server.setHandler([this](const FakeRequest& request) { return handle(request); });
}

int FakeRunway::countLocked(const QString& key, bool runningOnly) const {
    int count = 0;
    for (const Task& task : m_tasks) {
        if (task.key != key)
            continue;
        if (task.status == Status::Running || (!runningOnly && task.status == Status::Throttled))
            ++count;
    }
    return count;
}

qint64 FakeRunway::taskMsOf(const Task& task) const {
    return m_options.taskMsOf ? m_options.taskMsOf(task.creation) : m_options.taskMs;
}

void FakeRunway::simulateLocked(qint64 now) {
    // Finish tasks in the order they end; each end lets the oldest waiting task
    // of its key start at that moment.
    for (;;) {
        Task* ending = nullptr;
        for (Task& task : m_tasks) {
            if (task.status == Status::Running && task.finishes <= now &&
                (!ending || task.finishes < ending->finishes))
                ending = &task;
        }
        if (!ending)
            break;
        ending->status = Status::Done;
        for (Task& task : m_tasks) {
            if (task.status == Status::Throttled && task.key == ending->key &&
                task.created <= ending->finishes) {
                task.status = Status::Running;
                task.started = ending->finishes;
                task.finishes = task.started + taskMsOf(task);
                break;
            }
        }
    }
    for (Task& task : m_tasks) {
        if (task.status == Status::Throttled && countLocked(task.key, true) < m_options.runLimit) {
            task.status = Status::Running;
            task.started = std::max(task.created, now);
            task.finishes = task.started + taskMsOf(task);
        }
    }
}

QByteArray FakeRunway::taskJsonLocked(const Task& task, qint64 now) const {
    QJsonObject json{{QStringLiteral("id"), task.id},
                     {QStringLiteral("createdAt"), QStringLiteral("2026-05-01T12:00:00.000Z")}};
    switch (task.status) {
    case Status::Throttled:
        json.insert(QStringLiteral("status"), QStringLiteral("THROTTLED"));
        break;
    case Status::Running:
        json.insert(QStringLiteral("status"), QStringLiteral("RUNNING"));
        json.insert(QStringLiteral("progress"),
                    std::clamp(double(now - task.started) / double(taskMsOf(task)), 0.0, 0.99));
        break;
    case Status::Cancelled:
        json.insert(QStringLiteral("status"), QStringLiteral("CANCELLED"));
        break;
    case Status::Done:
        if (!task.failCode.isEmpty()) {
            json.insert(QStringLiteral("status"), QStringLiteral("FAILED"));
            json.insert(QStringLiteral("failureCode"), task.failCode);
            json.insert(QStringLiteral("failure"), QStringLiteral("the fake failed it"));
        } else {
            json.insert(QStringLiteral("status"), QStringLiteral("SUCCEEDED"));
            json.insert(
                QStringLiteral("output"),
                QJsonArray{m_server.url()
                               .resolved(QUrl(QStringLiteral("/outputs/%1.mp4").arg(task.id)))
                               .toString()});
        }
        break;
    }
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

FakeReply FakeRunway::handle(const FakeRequest& request) {
    const qint64 now = m_now();
    QMutexLocker lock(&m_mutex);
    simulateLocked(now);
    const QByteArray auth = request.header("authorization");
    const QString path = QString::fromLatin1(request.path);
    if (path.startsWith(QLatin1String("/outputs/"))) {
        const QString id = path.mid(9).chopped(4);
        m_downloads << id;
        for (const Task& task : m_tasks) {
            if (task.id == id && m_options.mp4Of)
                return FakeReply::bytes(200, "video/mp4", m_options.mp4Of(task.creation));
        }
        return FakeReply::bytes(200, "video/mp4", m_options.mp4);
    }
    if (!auth.startsWith("Bearer ") || request.header("x-runway-version").isEmpty())
        m_missingHeaders = true;
    const QString key = QString::fromLatin1(auth.mid(7));
    if (request.method == "POST" && path == QLatin1String("/v1/image_to_video")) {
        Task task;
        task.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        task.key = key;
        task.created = now;
        task.lastLook = now;
        task.creation = int(m_tasks.size());
        const QJsonObject body = request.json();
        if (m_options.failWith)
            task.failCode = m_options.failWith(int(m_tasks.size()), body);
        m_prompts << body.value(QLatin1String("promptText")).toString();
        m_tasks.append(task);
        simulateLocked(now);
        m_maxUnfinished[key] = std::max(m_maxUnfinished.value(key), countLocked(key, false));
        return FakeReply::json(200, QJsonDocument(QJsonObject{{QStringLiteral("id"), task.id}})
                                        .toJson(QJsonDocument::Compact));
    }
    if (path.startsWith(QLatin1String("/v1/tasks/"))) {
        const QString id = path.mid(10);
        auto it = std::find_if(m_tasks.begin(), m_tasks.end(),
                               [&id](const Task& task) { return task.id == id; });
        if (it == m_tasks.end())
            return FakeReply::json(404, R"({"error":"Task not found"})");
        if (request.method == "DELETE") {
            m_deletes << id;
            if (m_options.deleteStatus >= 300)
                return FakeReply::json(m_options.deleteStatus, R"({"error":"unavailable"})");
            if (it->status == Status::Throttled || it->status == Status::Running)
                it->status = Status::Cancelled;
            simulateLocked(now);
            return FakeReply::bytes(204, QByteArray(), QByteArray());
        }
        ++m_polls;
        if (now - it->lastLook < m_options.minPollMs)
            m_tooFast
                << QStringLiteral("%1: %2 ms after the last look").arg(id).arg(now - it->lastLook);
        it->lastLook = now;
        const QByteArray json = taskJsonLocked(*it, now);
        if (m_options.onPoll) {
            int running = 0;
            for (const Task& task : m_tasks)
                running += task.status == Status::Running ? 1 : 0;
            m_options.onPoll(running);
        }
        return FakeReply::json(200, json);
    }
    return FakeReply::json(404, R"({"error":"not scripted"})");
}

void FakeRunway::setDeleteStatus(int status) {
    QMutexLocker lock(&m_mutex);
    m_options.deleteStatus = status;
}

qint64 FakeRunway::firstCreatedAt() const {
    QMutexLocker lock(&m_mutex);
    return m_tasks.isEmpty() ? -1 : m_tasks.first().created;
}

int FakeRunway::creations() const {
    QMutexLocker lock(&m_mutex);
    return int(m_tasks.size());
}
QStringList FakeRunway::createdPrompts() const {
    QMutexLocker lock(&m_mutex);
    return m_prompts;
}
QStringList FakeRunway::deletes() const {
    QMutexLocker lock(&m_mutex);
    return m_deletes;
}
QStringList FakeRunway::downloads() const {
    QMutexLocker lock(&m_mutex);
    return m_downloads;
}
int FakeRunway::maxUnfinished(const QString& key) const {
    QMutexLocker lock(&m_mutex);
    return m_maxUnfinished.value(key);
}
int FakeRunway::maxUnfinishedAnyKey() const {
    QMutexLocker lock(&m_mutex);
    int most = 0;
    for (int n : m_maxUnfinished)
        most = std::max(most, n);
    return most;
}
QStringList FakeRunway::tooFastPolls() const {
    QMutexLocker lock(&m_mutex);
    return m_tooFast;
}
int FakeRunway::runningNow() const {
    QMutexLocker lock(&m_mutex);
    const_cast<FakeRunway*>(this)->simulateLocked(m_now());
    int n = 0;
    for (const Task& task : m_tasks)
        n += task.status == Status::Running ? 1 : 0;
    return n;
}
int FakeRunway::unfinishedNow() const {
    QMutexLocker lock(&m_mutex);
    const_cast<FakeRunway*>(this)->simulateLocked(m_now());
    int n = 0;
    for (const Task& task : m_tasks)
        n += task.status == Status::Running || task.status == Status::Throttled ? 1 : 0;
    return n;
}
int FakeRunway::polls() const {
    QMutexLocker lock(&m_mutex);
    return m_polls;
}
bool FakeRunway::missingHeaders() const {
    QMutexLocker lock(&m_mutex);
    return m_missingHeaders;
}

QByteArray makeSmallMp4(const QString& dir, const QSize& size, int frames) {
    EncoderParams params;
    params.width = size.width();
    params.height = size.height();
    params.fps = 12;
    params.preset = QStringLiteral("ultrafast");
    params.crf = 30;
    const int sampleRate = 16000;
    const QByteArray silence(int(qint64(sampleRate) * frames / params.fps) * 2, '\0');
    const QString path = dir + QStringLiteral("/fake-runway.mp4");
    VideoEncoder encoder;
    if (encoder.open(path, params, silence, sampleRate).isError())
        return {};
    QImage frame(size, QImage::Format_RGB32);
    frame.fill(QColor(40, 200, 60));
    for (int i = 0; i < frames; ++i) {
        if (encoder.addFrame(frame).isError())
            return {};
    }
    if (encoder.finish().isError())
        return {};
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace hh::test
