// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "providers/ProviderConfig.h"
#include "providers/SecretSource.h"

#include <QObject>
#include <functional>
#include <memory>

namespace hh {

// Whose keys: the account's random uuid names its keychain entries. legacyId is
// the account's id when it was made before entries were named by uuid (its keys
// may still be under "user-<id>"), else 0; only then is the old name ever read,
// so a new account that got a lost account's id never sees that account's keys.
struct KeyOwner {
    QString uuid;
    qint64 legacyId = 0;
};

// Where each account's provider keys are kept: the OS keychain in the real app,
// memory in tests. Asynchronous like the keychain itself, so the GUI thread never
// waits on D-Bus; callbacks run on the caller's thread. Callers name accounts by
// id; the store looks up the owner's uuid (OwnerLookup) and names entries by it.
class KeyStore {
public:
    using ReadDone = std::function<void(Result<QString>)>; // empty string: no key stored
    using Done = std::function<void(Error)>;
    using OwnerLookup = std::function<Result<KeyOwner>(qint64 userId)>;

    explicit KeyStore(OwnerLookup lookup);
    virtual ~KeyStore() = default;

    // A key saved under the old name is moved to the new one the first time it is
    // read (read old, write new, delete old), so a saved key survives the upgrade.
    void read(qint64 userId, ProviderId provider, ReadDone done);
    void write(qint64 userId, ProviderId provider, const QString& key, Done done);
    void remove(qint64 userId, ProviderId provider, Done done);

    // The keychain entry name of one account's key ("user-<uuid>/gemini"): by the
    // account's random uuid, as usernames can be renamed and ids come back after a
    // lost database; neither may ever reach another account's entry.
    static QString entryName(const QString& userUuid, ProviderId provider);
    // Every provider whose key an account may keep here.
    static QList<ProviderId> providers();
    // The name used before (by id), read only for accounts that predate uuids.
    static QString legacyEntryName(qint64 userId, ProviderId provider);

    // The owners as the accounts' database at `databasePath` knows them. Each
    // call opens a connection in the calling thread and reads one row.
    static OwnerLookup ownersIn(const QString& databasePath);

protected:
    virtual void readEntry(const QString& name, ReadDone done) = 0;
    virtual void writeEntry(const QString& name, const QString& key, Done done) = 0;
    virtual void removeEntry(const QString& name, Done done) = 0;

private:
    void moveLegacyKey(const KeyOwner& owner, ProviderId provider, ReadDone done);

    OwnerLookup m_lookup;
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
    explicit KeychainKeyStore(OwnerLookup lookup, QString service = QStringLiteral("Hidden Hill"),
                              QObject* parent = nullptr);

protected:
    void readEntry(const QString& name, ReadDone done) override;
    void writeEntry(const QString& name, const QString& key, Done done) override;
    void removeEntry(const QString& name, Done done) override;

private:
    QString m_service;
};

} // namespace hh
