// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "KeyStore.h"

#include <QCoreApplication>
#include <QHash>
#include <QMetaObject>

namespace hh::test {

// The keychain's behaviour without a keychain: asynchronous (answers from the
// event loop), entries by name. Header-only: only tests that link the keychain
// library (directly or through the GUI library) include it.
class MemoryKeyStore final : public KeyStore {
public:
    explicit MemoryKeyStore(OwnerLookup lookup)
        : KeyStore(std::move(lookup)) {}

    QHash<QString, QString> m_values; // entry name -> key
    bool failWrites = false;

protected:
    void readEntry(const QString& name, ReadDone done) override {
        const QString value = m_values.value(name);
        later([done, value] { done(value); });
    }
    void writeEntry(const QString& name, const QString& key, Done done) override {
        if (failWrites)
            return later([done] { done({ErrorType::Unsupported, QStringLiteral("no keychain")}); });
        m_values.insert(name, key);
        later([done] { done({}); });
    }
    void removeEntry(const QString& name, Done done) override {
        m_values.remove(name);
        later([done] { done({}); });
    }

private:
    template <typename F> static void later(F f) {
        QMetaObject::invokeMethod(qApp, std::move(f), Qt::QueuedConnection);
    }
};

} // namespace hh::test
