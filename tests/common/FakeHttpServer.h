// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QPair>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>
#include <functional>
#include <memory>

class QTcpServer;

namespace hh::test {

// One request as the fake server received it, for exact assertions.
struct FakeRequest {
    QByteArray method;
    QByteArray path; // without the query
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body;
    qint64 receivedMs = 0; // steady clock, for pacing checks

    QByteArray header(const QByteArray& lowerName) const;
    QJsonObject json() const;
};

// What the fake answers, including the ways real servers misbehave.
struct FakeReply {
    enum class Mode {
        Normal,
        Truncate,   // declares the full Content-Length, sends half, closes
        Stall,      // sends the headers, then nothing until the client gives up
        Reset,      // closes the connection without answering
        CloseEarly, // sends the status line and headers only, then closes
    };
    int status = 200;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int delayMs = 0; // before answering
    Mode mode = Mode::Normal;

    static FakeReply json(int status, const QByteArray& body);
    static FakeReply bytes(int status, const QByteArray& contentType, const QByteArray& body);
    FakeReply& withHeader(const QByteArray& name, const QByteArray& value);
};

// An HTTP/1.1 server on 127.0.0.1 with an ephemeral port, on its own thread, so
// clients that block a worker thread (or the test's thread in a nested event
// loop) are served all the same. Replies come from a queue first, then from the
// handler; every request is recorded.
class FakeHttpServer {
public:
    using Handler = std::function<FakeReply(const FakeRequest&)>;

    FakeHttpServer();
    ~FakeHttpServer();

    QUrl url() const; // http://127.0.0.1:<port>
    void setHandler(Handler handler);
    void enqueue(const FakeReply& reply);
    QList<FakeRequest> requests() const;
    int requestCount() const;
    // Answers written so far (for Stall: the headers and first bytes), so a test
    // can act once an answer is on the wire instead of sleeping for it.
    int answerCount() const;
    void clearRequests();

    // Used by the server thread.
    FakeReply replyFor(const FakeRequest& request);
    void record(const FakeRequest& request);
    void countAnswer();

private:
    QThread m_thread;
    QObject* m_worker = nullptr;
    quint16 m_port = 0;
    mutable QMutex m_mutex;
    Handler m_handler;
    QList<FakeReply> m_queue;
    QList<FakeRequest> m_requests;
    int m_answers = 0;
};

} // namespace hh::test
