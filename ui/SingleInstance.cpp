// SPDX-License-Identifier: GPL-3.0-or-later
#include "SingleInstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <algorithm>
#include <memory>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace hh {

namespace {
// One line per paper, then an empty line; the first start answers "ok".
constexpr char kAck[] = "ok\n";

QString osUser() {
    QString user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
#ifdef Q_OS_UNIX
    // The uid as well: $USER can be anything, the uid is who owns the socket.
    user += QStringLiteral("-%1").arg(::getuid());
#endif
    return user;
}
} // namespace

SingleInstance::SingleInstance(QString serverName, QObject* parent)
    : QObject(parent)
    , m_name(std::move(serverName)) {}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::serverNameFor(const QString& dataFolder) {
    const QString folder = QDir::cleanPath(QFileInfo(dataFolder).absoluteFilePath());
    // Hashed: socket names are short (about 100 bytes on Unix) and a path may not be.
    const QByteArray digest =
        QCryptographicHash::hash((osUser() + u'\n' + folder).toUtf8(), QCryptographicHash::Sha256)
            .toHex()
            .left(24);
    return QStringLiteral("hiddenhill-%1").arg(QString::fromLatin1(digest));
}

bool SingleInstance::handOver(const QStringList& papers, int timeoutMs) {
    QLocalSocket socket;
    socket.connectToServer(m_name);
    if (!socket.waitForConnected(timeoutMs))
        return false; // nobody there, or only the socket file of a start that died
    QByteArray message;
    for (const QString& paper : papers)
        message += paper.toUtf8() + '\n';
    message += '\n';
    socket.write(message);
    if (!socket.waitForBytesWritten(timeoutMs))
        return false;
    QElapsedTimer clock;
    clock.start();
    QByteArray answer;
    while (!answer.contains('\n') && clock.elapsed() < timeoutMs) {
        if (!socket.waitForReadyRead(int(std::max<qint64>(1, timeoutMs - clock.elapsed()))))
            break;
        answer += socket.readAll();
    }
    socket.disconnectFromServer();
    return answer == kAck;
}

bool SingleInstance::listen() {
    if (m_server)
        return m_server->isListening();
    auto server = std::make_unique<QLocalServer>(this);
    // Only this OS user may connect (Unix: the socket is 0700).
    server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!server->listen(m_name))
        return false;
    m_server = server.release();
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket* socket = m_server->nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] { readFrom(socket); });
            readFrom(socket); // it may have written before the signal was connected
        }
    });
    return true;
}

SingleInstance::Role SingleInstance::start(const QStringList& papers) {
    // Starts at the same moment take turns: otherwise two could each find a dead
    // socket, and the second remove the first one's fresh socket. A lock left by a
    // crash is stale (its process is gone) and QLockFile takes it over.
    QLockFile turn(QDir::temp().filePath(m_name + QStringLiteral(".lock")));
    turn.setStaleLockTime(0);
    turn.tryLock(10000); // without the turn, carry on: at worst two windows
    if (handOver(papers))
        return Role::HandedOver;
    if (listen())
        return Role::First;
    // The name is taken: either a start that died left its socket, or another start
    // listens since a moment ago. Only the living one answers.
    if (handOver(papers))
        return Role::HandedOver;
    QLocalServer::removeServer(m_name);
    return listen() ? Role::First : Role::Alone;
}

bool SingleInstance::isListening() const {
    return m_server && m_server->isListening();
}

void SingleInstance::readFrom(QLocalSocket* socket) {
    // Accumulates until the empty line that ends the message.
    QByteArray buffer = socket->property("hhBuffer").toByteArray() + socket->readAll();
    const qsizetype end = buffer.indexOf("\n\n") >= 0 ? buffer.indexOf("\n\n")
                          : buffer == "\n"            ? 0
                                                      : -1;
    if (end < 0) {
        socket->setProperty("hhBuffer", buffer);
        return;
    }
    socket->setProperty("hhBuffer", QByteArray());
    QStringList papers;
    for (const QByteArray& line : buffer.left(end).split('\n')) {
        if (!line.isEmpty())
            papers << QString::fromUtf8(line);
    }
    socket->write(kAck);
    socket->flush();
    Q_EMIT papersReceived(papers);
}

} // namespace hh
