// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "FakeHttpServer.h"

#include <QHash>
#include <QMutex>
#include <functional>

namespace hh::test {

// A Runway that behaves like the real one over time: every task waits THROTTLED
// while its key already runs `runLimit` tasks, then runs for `taskMs` (progress
// rising) and SUCCEEDS with a real small MP4 it serves itself, or FAILS when the
// test says so. Time comes from `now` (a FakeClock in tests, the steady clock in
// the benchmark). It records what a test asserts on: submissions, polls per task
// (and every poll sooner than `minPollMs` after the previous one or the
// creation), DELETEs, downloads, and the most tasks a key ever had unfinished.
class FakeRunway {
public:
    struct Options {
        qint64 taskMs = 20000;
        int runLimit = 6;        // per key, as Runway's tier concurrency
        qint64 minPollMs = 5000; // Runway's documented rate
        int deleteStatus = 204;  // 503: a DELETE that never reaches Runway
        QByteArray mp4;
        // The failure code of the `creation`-th task (0-based) of the whole
        // server, or empty to succeed.
        std::function<QString(int creation, const QJsonObject& body)> failWith;
        // Called (on the server thread) after each poll with the running tasks.
        std::function<void(int running)> onPoll;
        // Per creation, when set: how long that task runs, and the MP4 it returns.
        std::function<qint64(int creation)> taskMsOf;
        std::function<QByteArray(int creation)> mp4Of;
    };

    FakeRunway(std::function<qint64()> now, Options options);

    QUrl url() const { return m_server.url(); }
    FakeHttpServer& server() { return m_server; }

    void setDeleteStatus(int status);
    int creations() const;
    qint64 firstCreatedAt() const;      // in `now`'s time; -1 before any
    QStringList createdPrompts() const; // promptText of each creation, in order
    QStringList deletes() const;        // task ids
    QStringList downloads() const;      // task ids, in order
    int maxUnfinished(const QString& key) const;
    int maxUnfinishedAnyKey() const;
    QStringList tooFastPolls() const; // "task: 1200 ms after the last look"
    int runningNow() const;
    int unfinishedNow() const; // throttled or running, not deleted
    int polls() const;
    bool missingHeaders() const;

private:
    enum class Status { Throttled, Running, Done, Cancelled };
    struct Task {
        QString id;
        QString key;
        qint64 created = 0;
        qint64 started = -1;
        qint64 finishes = -1;
        Status status = Status::Throttled;
        QString failCode;
        qint64 lastLook = 0;
        int creation = 0;
    };

    FakeReply handle(const FakeRequest& request);
    void simulateLocked(qint64 now);
    qint64 taskMsOf(const Task& task) const;
    int countLocked(const QString& key, bool runningOnly) const;
    QByteArray taskJsonLocked(const Task& task, qint64 now) const;

    std::function<qint64()> m_now;
    Options m_options;
    FakeHttpServer m_server;
    mutable QMutex m_mutex;
    QList<Task> m_tasks;
    QStringList m_prompts;
    QStringList m_deletes;
    QStringList m_downloads;
    QStringList m_tooFast;
    QHash<QString, int> m_maxUnfinished;
    int m_polls = 0;
    bool m_missingHeaders = false;
};

// A small real MP4 of `frames` pictures at 12 fps in one colour, made with the
// project's own encoder; empty on failure.
QByteArray makeSmallMp4(const QString& dir, const QSize& size, int frames);

} // namespace hh::test
