// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ServerSettings.h"
#include "providers/ProviderHub.h"

#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QNetworkReply;
class QPushButton;

namespace hh {

// Settings → Providers, one of the account's own servers: its address and model,
// and for the speech server its voice. Check asks the server without blocking
// the window: the local LLM server for its models (GET <address>/models, which
// OpenAI-compatible servers and Ollama answer), the speech server for its voices
// (GET <address>/audio/voices, which Kokoro-FastAPI answers; others have none and
// the voice is typed in). Save keeps the settings for this account
// (ServerSettings) and hands them to the hub, so the account's next job uses
// them. Plain http only to this computer.
class ServerBox final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerBox)
public:
    // `userDir`: the account's folder (its settings file).
    ServerBox(ServerKind kind, std::shared_ptr<ProviderHub> hub,
              std::shared_ptr<MemorySecrets> secrets, qint64 userId, QString userDir,
              QWidget* parent = nullptr);
    ~ServerBox() override;

    QLineEdit* addressField() const { return m_address; }
    QComboBox* modelBox() const { return m_model; }
    QComboBox* voiceBox() const { return m_voice; } // null for the local LLM server
    QPushButton* checkButton() const { return m_check; }
    QPushButton* saveButton() const { return m_save; }
    QLabel* statusLabel() const { return m_status; }

    // Where Save keeps the settings (the account's folder); empty: only for this session.
    void setUserDir(const QString& userDir) { m_userDir = userDir; }

    void check();
    bool save(); // false (and the status says why) for an address that may not be used

Q_SIGNALS:
    // `names`: the server's models (local LLM) or voices (speech server).
    void checkFinished(bool ok, const QStringList& names);
    void saved();

private:
    bool isSpeech() const { return m_kind == ServerKind::Speech; }
    QComboBox* makeNameBox(const QString& objectName, const QString& accessibleName);
    void setStatus(const QString& text, bool error);
    void onReply(QNetworkReply* reply);
    // The names the server listed into `box`; the chosen name stays if listed.
    void fill(QComboBox* box, const QStringList& names);
    // Why a reply without a list failed; empty when it was a list.
    QString failureOf(QNetworkReply* reply, int status) const;

    ServerKind m_kind;
    std::shared_ptr<ProviderHub> m_hub;
    std::shared_ptr<MemorySecrets> m_secrets;
    qint64 m_userId = 0;
    QString m_userDir;
    QNetworkAccessManager* m_network = nullptr;
    QLineEdit* m_address = nullptr;
    QComboBox* m_model = nullptr;
    QComboBox* m_voice = nullptr;
    QPushButton* m_check = nullptr;
    QPushButton* m_save = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace hh
