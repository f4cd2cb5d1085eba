// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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

// Settings → Providers, local LLM: the server's address and model. Check asks
// the server for its models (GET <address>/models, which OpenAI-compatible
// servers and Ollama answer) without blocking the window, and lists them in the
// model box; Save keeps both for this account (LocalLlmSettings) and hands them
// to the hub, so the account's next script uses them. Plain http only to this
// computer.
class LocalLlmServerBox final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalLlmServerBox)
public:
    // `userDir`: the account's folder (its settings file); `key`: the server's key, if any.
    LocalLlmServerBox(std::shared_ptr<ProviderHub> hub, std::shared_ptr<MemorySecrets> secrets,
                      qint64 userId, QString userDir, QWidget* parent = nullptr);
    ~LocalLlmServerBox() override;

    QLineEdit* addressField() const { return m_address; }
    QComboBox* modelBox() const { return m_model; }
    QPushButton* checkButton() const { return m_check; }
    QPushButton* saveButton() const { return m_save; }
    QLabel* statusLabel() const { return m_status; }

    // Where Save keeps the settings (the account's folder); empty: only for this session.
    void setUserDir(const QString& userDir) { m_userDir = userDir; }

    void check();
    bool save(); // false (and the status says why) for an address that may not be used

Q_SIGNALS:
    void checkFinished(bool ok, const QStringList& models);
    void saved();

private:
    void setStatus(const QString& text, bool error);
    void onModels(QNetworkReply* reply);

    std::shared_ptr<ProviderHub> m_hub;
    std::shared_ptr<MemorySecrets> m_secrets;
    qint64 m_userId = 0;
    QString m_userDir;
    QNetworkAccessManager* m_network = nullptr;
    QLineEdit* m_address = nullptr;
    QComboBox* m_model = nullptr;
    QPushButton* m_check = nullptr;
    QPushButton* m_save = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace hh
