// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeHttpServer.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QPointer>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace hh::test {

QByteArray FakeRequest::header(const QByteArray& lowerName) const {
    for (const auto& h : headers) {
        if (h.first == lowerName)
            return h.second;
    }
    return {};
}

QJsonObject FakeRequest::json() const {
    return QJsonDocument::fromJson(body).object();
}

FakeReply FakeReply::json(int status, const QByteArray& body) {
    FakeReply reply;
    reply.status = status;
    reply.body = body;
    return reply;
}

FakeReply FakeReply::bytes(int status, const QByteArray& contentType, const QByteArray& body) {
    FakeReply reply;
    reply.status = status;
    reply.contentType = contentType;
    reply.body = body;
    return reply;
}

FakeReply& FakeReply::withHeader(const QByteArray& name, const QByteArray& value) {
    headers.append({name, value});
    return *this;
}

namespace {

qint64 steadyMs() {
    static QElapsedTimer timer = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return timer.elapsed();
}

QByteArray reasonFor(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 302:
        return "Found";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

// Reads one request per connection, answers, closes.
class Connection : public QObject {
public:
    Connection(QTcpSocket* socket, FakeHttpServer* owner)
        : m_socket(socket)
        , m_owner(owner) {
        socket->setParent(this);
        QObject::connect(socket, &QTcpSocket::readyRead, this, &Connection::onData);
        QObject::connect(socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
    }

private:
    void onData() {
        m_buffer += m_socket->readAll();
        if (m_answered)
            return;
        const int end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        FakeRequest request;
        const QList<QByteArray> lines = m_buffer.left(end).split('\n');
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        request.method = first.value(0);
        const QByteArray target = first.value(1);
        const int q = target.indexOf('?');
        request.path = q < 0 ? target : target.left(q);
        if (q >= 0)
            request.query = QUrlQuery(QString::fromUtf8(target.mid(q + 1)));
        qint64 length = 0;
        for (int i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const int colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            request.headers.append({name, value});
            if (name == "content-length")
                length = value.toLongLong();
        }
        if (m_buffer.size() < end + 4 + length)
            return; // wait for the rest of the body
        request.body = m_buffer.mid(end + 4, length);
        request.receivedMs = steadyMs();
        m_answered = true;
        m_owner->record(request);
        const FakeReply reply = m_owner->replyFor(request);
        if (reply.delayMs > 0)
            QTimer::singleShot(reply.delayMs, this, [this, reply] { answer(reply); });
        else
            answer(reply);
    }

    void answer(const FakeReply& reply) {
        if (reply.mode == FakeReply::Mode::Reset) {
            m_socket->abort();
            m_owner->countAnswer();
            deleteLater();
            return;
        }
        QByteArray head =
            "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + reasonFor(reply.status) + "\r\n";
        if (!reply.contentType.isEmpty())
            head += "Content-Type: " + reply.contentType + "\r\n";
        head += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
        head += "Connection: close\r\n";
        for (const auto& [name, value] : reply.headers)
            head += name + ": " + value + "\r\n";
        head += "\r\n";
        m_socket->write(head);
        switch (reply.mode) {
        case FakeReply::Mode::Normal:
            m_socket->write(reply.body);
            break;
        case FakeReply::Mode::Truncate:
            m_socket->write(reply.body.left(reply.body.size() / 2));
            break;
        case FakeReply::Mode::Stall:
            m_socket->write(reply.body.left(std::min<qsizetype>(8, reply.body.size() / 4)));
            m_socket->flush();
            m_owner->countAnswer();
            return; // keep the connection open and silent
        case FakeReply::Mode::CloseEarly:
        case FakeReply::Mode::Reset:
            break;
        }
        m_socket->flush();
        m_owner->countAnswer();
        m_socket->disconnectFromHost();
    }

    QTcpSocket* m_socket;
    FakeHttpServer* m_owner;
    QByteArray m_buffer;
    bool m_answered = false;
};

} // namespace

FakeHttpServer::FakeHttpServer() {
    m_worker = new QObject;
    m_worker->moveToThread(&m_thread);
    m_thread.start();
    QSemaphore ready;
    QMetaObject::invokeMethod(
        m_worker,
        [this, &ready] {
            auto* server = new QTcpServer(m_worker);
            server->listen(QHostAddress::LocalHost, 0);
            m_port = server->serverPort();
            QObject::connect(server, &QTcpServer::newConnection, server, [this, server] {
                while (QTcpSocket* socket = server->nextPendingConnection()) {
                    auto* connection = new Connection(socket, this);
                    connection->setParent(m_worker);
                }
            });
            ready.release();
        },
        Qt::QueuedConnection);
    ready.acquire();
}

FakeHttpServer::~FakeHttpServer() {
    QMetaObject::invokeMethod(
        m_worker, [this] { delete m_worker; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

QUrl FakeHttpServer::url() const {
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

void FakeHttpServer::setHandler(Handler handler) {
    QMutexLocker lock(&m_mutex);
    m_handler = std::move(handler);
}

void FakeHttpServer::enqueue(const FakeReply& reply) {
    QMutexLocker lock(&m_mutex);
    m_queue.append(reply);
}

QList<FakeRequest> FakeHttpServer::requests() const {
    QMutexLocker lock(&m_mutex);
    return m_requests;
}

int FakeHttpServer::requestCount() const {
    QMutexLocker lock(&m_mutex);
    return int(m_requests.size());
}

int FakeHttpServer::answerCount() const {
    QMutexLocker lock(&m_mutex);
    return m_answers;
}

void FakeHttpServer::countAnswer() {
    QMutexLocker lock(&m_mutex);
    ++m_answers;
}

void FakeHttpServer::clearRequests() {
    QMutexLocker lock(&m_mutex);
    m_requests.clear();
}

FakeReply FakeHttpServer::replyFor(const FakeRequest& request) {
    Handler handler;
    {
        QMutexLocker lock(&m_mutex);
        if (!m_queue.isEmpty())
            return m_queue.takeFirst();
        handler = m_handler;
    }
    if (handler)
        return handler(request);
    return FakeReply::json(404, R"({"error":"no reply scripted"})");
}

void FakeHttpServer::record(const FakeRequest& request) {
    QMutexLocker lock(&m_mutex);
    m_requests.append(request);
}

} // namespace hh::test
