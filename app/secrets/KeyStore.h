// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "providers/ProviderConfig.h"
#include "providers/SecretSource.h"

#include <QObject>
#include <functional>
#include <memory>

namespace hh {

// Where the app keeps each account's provider keys: the OS keychain in the real
// app, memory in tests. Asynchronous like the keychain itself, so the GUI thread
// never waits on D-Bus; callbacks run on the caller's thread.
class KeyStore {
public:
    using ReadDone = std::function<void(Result<QString>)>; // empty string: no key stored
    using Done = std::function<void(Error)>;

    virtual ~KeyStore() = default;
    virtual void read(qint64 userId, ProviderId provider, ReadDone done) = 0;
    virtual void write(qint64 userId, ProviderId provider, const QString& key, Done done) = 0;
    virtual void remove(qint64 userId, ProviderId provider, Done done) = 0;

    // The keychain entry name of one account's key ("user-7/gemini"): by ID, as
    // usernames can be renamed and must never reach another account's entry.
    static QString entryName(qint64 userId, ProviderId provider);
    // Every provider whose key an account may keep here.
    static QList<ProviderId> providers();
};

// Reads every provider key of an account into `secrets` (replacing what was
// there), then calls `done` with the first error, if any; keys that could be
// read are loaded even when another failed.
void loadAccountKeys(KeyStore& store, qint64 userId, const std::shared_ptr<MemorySecrets>& secrets,
                     KeyStore::Done done);

// Removes every provider key of an account (an entry that is not there counts as
// removed), then calls `done` with the first error, if any.
void removeAccountKeys(KeyStore& store, qint64 userId, KeyStore::Done done);

// The Secret Service (GNOME Keyring, KWallet), macOS Keychain or Windows
// Credential Store through QtKeychain, with the plaintext fallback disabled: a
// machine without a keychain gets an error, never a key in a settings file.
class KeychainKeyStore final : public QObject, public KeyStore {
    Q_OBJECT
public:
    explicit KeychainKeyStore(QString service = QStringLiteral("Hidden Hill"),
                              QObject* parent = nullptr);
    void read(qint64 userId, ProviderId provider, ReadDone done) override;
    void write(qint64 userId, ProviderId provider, const QString& key, Done done) override;
    void remove(qint64 userId, ProviderId provider, Done done) override;

private:
    QString m_service;
};

} // namespace hh
