// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace hh {

// An account's local LLM server (Settings → Providers): its address and model,
// kept in the account's own settings file (users/<uuid>/settings.ini, next to
// Open Recent), so each person sharing the computer has their own. No key is kept
// here: a key for the server goes to the keychain like every other key.
class LocalLlmSettings final {
    Q_DECLARE_TR_FUNCTIONS(LocalLlmSettings)
public:
    explicit LocalLlmSettings(QString userDir = {});

    QUrl address() const; // empty: none saved
    QString model() const;
    void save(const QUrl& address, const QString& model) const;

    // What the person typed, as the base the jobs call: "localhost:11434" and
    // "http://localhost:11434" become "http://localhost:11434/v1" (the
    // OpenAI-compatible path, which Ollama, llama.cpp and LM Studio all serve).
    static QUrl normalized(const QString& typed);
    // Empty when the address may be used; otherwise why not, in the user's language.
    // Plain http only to this computer (the project's rule, insecureUrlReason).
    static QString problemWith(const QUrl& address);

private:
    QString m_file;
};

} // namespace hh
