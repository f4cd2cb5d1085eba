// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeyStore.h"

#include "jobs/DataLayout.h"
#include "jobs/JobStore.h"

#include <qt6keychain/keychain.h>

namespace hh {

QString KeyStore::entryName(const QString& userUuid, ProviderId provider) {
    return QStringLiteral("user-%1/%2").arg(userUuid, providerKey(provider));
}

QString KeyStore::legacyEntryName(qint64 userId, ProviderId provider) {
    return QStringLiteral("user-%1/%2").arg(userId).arg(providerKey(provider));
}

QList<ProviderId> KeyStore::providers() {
    return {ProviderId::Gemini, ProviderId::Runway, ProviderId::Ncbi, ProviderId::OpenAi,
            ProviderId::Speech};
}

KeyStore::KeyStore(OwnerLookup lookup)
    : m_lookup(std::move(lookup)) {}

KeyStore::OwnerLookup KeyStore::ownersIn(const QString& databasePath) {
    return [databasePath](qint64 userId) -> Result<KeyOwner> {
        JobStore store(databasePath);
        if (Error e = store.open(); e.isError())
            return e;
        const auto user = store.user(userId);
        if (!user)
            return user.error();
        return KeyOwner{user->uuid, user->keysNamedById ? user->id : 0};
    };
}

namespace {
// An owner without a proper uuid would name an entry shared by every such account.
Result<KeyOwner> validOwner(const KeyStore::OwnerLookup& lookup, qint64 userId) {
    if (!lookup)
        return Result<KeyOwner>::failure(ErrorType::Internal,
                                         QStringLiteral("the key store cannot find accounts"));
    auto owner = lookup(userId);
    if (owner && !DataLayout::isValidUuid(owner->uuid))
        return Result<KeyOwner>::failure(
            ErrorType::Internal, QStringLiteral("account %1 has no valid key name").arg(userId));
    return owner;
}
} // namespace

void KeyStore::read(qint64 userId, ProviderId provider, ReadDone done) {
    const auto owner = validOwner(m_lookup, userId);
    if (!owner)
        return done(owner.error());
    readEntry(entryName(owner->uuid, provider),
              [this, owner = owner.value(), provider, done = std::move(done)](Result<QString> key) {
                  if (!key || !key.value().isEmpty() || owner.legacyId <= 0)
                      return done(key);
                  moveLegacyKey(owner, provider, done);
              });
}

// Read old, write new, delete old: a crash between the steps leaves the key under
// one name or both, never under none; with both, the new one wins from then on.
void KeyStore::moveLegacyKey(const KeyOwner& owner, ProviderId provider, ReadDone done) {
    const QString oldName = legacyEntryName(owner.legacyId, provider);
    readEntry(oldName, [this, owner, provider, oldName, done](Result<QString> key) {
        if (!key || key.value().isEmpty())
            return done(key);
        const QString value = key.value();
        writeEntry(entryName(owner.uuid, provider), value,
                   [this, oldName, value, done](Error written) {
                       if (written.isError()) // the key still works, from its old name
                           return done(value);
                       removeEntry(oldName, [value, done](Error) { done(value); });
                   });
    });
}

void KeyStore::write(qint64 userId, ProviderId provider, const QString& key, Done done) {
    const auto owner = validOwner(m_lookup, userId);
    if (!owner)
        return done(owner.error());
    writeEntry(entryName(owner->uuid, provider), key,
               [this, owner = owner.value(), provider, done = std::move(done)](Error error) {
                   if (error.isError() || owner.legacyId <= 0)
                       return done(error);
                   // An older key under the old name must not outlive the new one.
                   removeEntry(legacyEntryName(owner.legacyId, provider),
                               [done](Error) { done({}); });
               });
}

void KeyStore::remove(qint64 userId, ProviderId provider, Done done) {
    const auto owner = validOwner(m_lookup, userId);
    if (!owner)
        return done(owner.error());
    removeEntry(entryName(owner->uuid, provider),
                [this, owner = owner.value(), provider, done = std::move(done)](Error error) {
                    if (error.isError() || owner.legacyId <= 0)
                        return done(error);
                    removeEntry(legacyEntryName(owner.legacyId, provider), done);
                });
}

namespace {

// Counts the answers of one request per provider and reports the first error once
// all have answered.
struct PendingAnswers {
    qsizetype left = 0;
    Error first;
    KeyStore::Done done;
    void answer(const Error& error) {
        if (error.isError() && !first.isError())
            first = error;
        if (--left == 0 && done)
            done(first);
    }
};

Error keychainError(const QKeychain::Job& job, const QString& action) {
    switch (job.error()) {
    case QKeychain::NoError:
    case QKeychain::EntryNotFound:
        return {};
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return {
            ErrorType::Auth,
            QStringLiteral("the system keychain refused to %1: %2").arg(action, job.errorString())};
    case QKeychain::NoBackendAvailable:
        return {ErrorType::Unsupported,
                QStringLiteral("no system keychain is available to %1 (install and unlock GNOME "
                               "Keyring or KWallet): %2")
                    .arg(action, job.errorString())};
    default:
        return {
            ErrorType::Io,
            QStringLiteral("the system keychain could not %1: %2").arg(action, job.errorString())};
    }
}

template <typename JobT>
JobT* makeJob(const QString& service, QObject* parent, const QString& key) {
    auto* job = new JobT(service, parent);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    return job;
}

} // namespace

void loadAccountKeys(KeyStore& store, qint64 userId, const std::shared_ptr<MemorySecrets>& secrets,
                     KeyStore::Done done) {
    // Not cleared first: a job of this account may be running (signed in again
    // while it finishes) and must never see its keys missing. Each answer replaces
    // its provider's key (an empty one removes it); a failed read keeps the old.
    auto pending = std::make_shared<PendingAnswers>();
    pending->done = std::move(done);
    const QList<ProviderId> providers = KeyStore::providers();
    pending->left = providers.size();
    for (ProviderId id : providers) {
        store.read(userId, id, [secrets, pending, id](Result<QString> key) {
            if (key)
                secrets->setSecret(id, key.value());
            pending->answer(key ? Error{} : key.error());
        });
    }
}

void removeAccountKeys(KeyStore& store, qint64 userId, KeyStore::Done done) {
    auto pending = std::make_shared<PendingAnswers>();
    pending->done = std::move(done);
    const QList<ProviderId> providers = KeyStore::providers();
    pending->left = providers.size();
    for (ProviderId id : providers)
        store.remove(userId, id, [pending](Error error) { pending->answer(error); });
}

KeychainKeyStore::KeychainKeyStore(OwnerLookup lookup, QString service, QObject* parent)
    : QObject(parent)
    , KeyStore(std::move(lookup))
    , m_service(std::move(service)) {}

void KeychainKeyStore::readEntry(const QString& name, ReadDone done) {
    auto* job = makeJob<QKeychain::ReadPasswordJob>(m_service, this, name);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job* j) {
        auto* read = static_cast<QKeychain::ReadPasswordJob*>(j);
        if (read->error() == QKeychain::EntryNotFound)
            return done(QString());
        if (Error e = keychainError(*read, QStringLiteral("read a key")); e.isError())
            return done(e);
        done(read->textData());
    });
    job->start();
}

void KeychainKeyStore::writeEntry(const QString& name, const QString& key, Done done) {
    auto* job = makeJob<QKeychain::WritePasswordJob>(m_service, this, name);
    job->setTextData(key);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job* j) {
        done(keychainError(*j, QStringLiteral("save the key")));
    });
    job->start();
}

void KeychainKeyStore::removeEntry(const QString& name, Done done) {
    auto* job = makeJob<QKeychain::DeletePasswordJob>(m_service, this, name);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job* j) {
        done(keychainError(*j, QStringLiteral("remove the key")));
    });
    job->start();
}

} // namespace hh
