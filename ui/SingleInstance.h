// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QStringList>

class QLocalServer;
class QLocalSocket;

namespace hh {

// One running Hidden Hill per person and data folder. The first start listens on a
// local socket; a later `hiddenhill paper.pdf` hands its papers to it (which opens
// them in its window and comes to the front) and ends, instead of a second copy
// asking to sign in again. A socket left behind by a crashed first start is noticed
// (nobody answers on it) and taken over.
class SingleInstance final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SingleInstance)
public:
    explicit SingleInstance(QString serverName, QObject* parent = nullptr);
    ~SingleInstance() override;

    // The socket's name for this OS user and data folder: two people, or one person
    // with two data folders, never reach each other's window.
    static QString serverNameFor(const QString& dataFolder);

    // Hands `papers` (absolute paths or IDs; may be empty: just come to the front) to
    // the first start when one is running; true when it took them.
    bool handOver(const QStringList& papers, int timeoutMs = 3000);
    // Becomes the first start: listens for later ones. False when another start
    // listens already (it won a race) or the socket cannot be made.
    bool listen();
    enum class Role {
        HandedOver, // a first start took the papers: this process ends
        First,      // this process is the first start and listens
        Alone,      // no socket could be made: this process runs on its own
    };
    // handOver, else listen (taking over a dead first start's socket), else handOver
    // again (another start was quicker).
    Role start(const QStringList& papers);
    bool isListening() const;
    QString serverName() const { return m_name; }

Q_SIGNALS:
    // A later start handed these over (empty: it only asked to be shown).
    void papersReceived(const QStringList& papers);

private:
    void readFrom(QLocalSocket* socket);

    QString m_name;
    QLocalServer* m_server = nullptr;
};

} // namespace hh
