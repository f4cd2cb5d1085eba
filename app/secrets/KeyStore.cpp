// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeyStore.h"

#include <qt6keychain/keychain.h>

namespace hh {

QString KeyStore::entryName(qint64 userId, ProviderId provider) {
    return QStringLiteral("user-%1/%2").arg(userId).arg(providerKey(provider));
}

QList<ProviderId> KeyStore::providers() {
    return {ProviderId::Gemini, ProviderId::Runway, ProviderId::Ncbi, ProviderId::OpenAi};
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
    secrets->clear();
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

KeychainKeyStore::KeychainKeyStore(QString service, QObject* parent)
    : QObject(parent)
    , m_service(std::move(service)) {}

void KeychainKeyStore::read(qint64 userId, ProviderId provider, ReadDone done) {
    auto* job = makeJob<QKeychain::ReadPasswordJob>(m_service, this, entryName(userId, provider));
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

void KeychainKeyStore::write(qint64 userId, ProviderId provider, const QString& key, Done done) {
    auto* job = makeJob<QKeychain::WritePasswordJob>(m_service, this, entryName(userId, provider));
    job->setTextData(key);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job* j) {
        done(keychainError(*j, QStringLiteral("save the key")));
    });
    job->start();
}

void KeychainKeyStore::remove(qint64 userId, ProviderId provider, Done done) {
    auto* job = makeJob<QKeychain::DeletePasswordJob>(m_service, this, entryName(userId, provider));
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job* j) {
        done(keychainError(*j, QStringLiteral("remove the key")));
    });
    job->start();
}

} // namespace hh
