// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace hh {

// Which of an account's own servers (Settings → Providers) a setting is for.
enum class ServerKind { LocalLlm, Speech };

// An account's local LLM server or speech server (Settings → Providers): its
// address, model and (speech) voice, kept in the account's own settings file
// (users/<uuid>/settings.ini, next to Open Recent), so each person sharing the computer has their
// own. No key is kept here: a key for the server goes to the keychain like every other key.
class ServerSettings final {
    Q_DECLARE_TR_FUNCTIONS(ServerSettings)
public:
    explicit ServerSettings(QString userDir = {}, ServerKind kind = ServerKind::LocalLlm);

    QUrl address() const; // empty: none saved
    QString model() const;
    QString voice() const; // the speech server's; empty for the local LLM
    void save(const QUrl& address, const QString& model, const QString& voice = {}) const;

    // What the person typed, as the base the jobs call: "localhost:11434" and
    // "http://localhost:11434" become "http://localhost:11434/v1" (the
    // OpenAI-compatible path, which Ollama, llama.cpp and LM Studio all serve).
    static QUrl normalized(const QString& typed);
    // Empty when the address may be used; otherwise why not, in the user's language.
    // Plain http only to this computer (the project's rule, insecureUrlReason).
    static QString problemWith(const QUrl& address);

private:
    QString value(const QString& name) const;

    QString m_file;
    QString m_group; // the settings file's section: "localLlm" or "speech"
};

} // namespace hh
