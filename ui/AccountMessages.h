// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

namespace hh {

// The account service answers in English (it is shared with the command line and
// has no widgets); this puts the sentences a person meets while signing in into
// the interface's language. Unknown sentences come back unchanged.
class AccountMessages final {
    Q_DECLARE_TR_FUNCTIONS(AccountMessages)
public:
    static QString localized(const QString& serviceText);
};

} // namespace hh
