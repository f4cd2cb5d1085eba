// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/ErrorType.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace hh {

// The one table of what a pipeline error means to the person who meets it: per
// error type a short reason (for "Failed: …" on a job card), a title and one
// sentence of advice, in the interface's language. The pipeline reports stable
// codes in English (shared with the command line); every place of the UI that
// names an error reads it here, so a change of wording or translation is made once.
class ErrorTexts final {
    Q_DECLARE_TR_FUNCTIONS(ErrorTexts)
public:
    static QString shortReason(ErrorType type); // "unreadable PDF"
    static QString title(ErrorType type);       // "The PDF cannot be read"
    static QString advice(ErrorType type);      // "The file is damaged; download …"

    // The same by stored code ("no_text"); an unknown code reads as Internal.
    static QString shortReason(const QString& code) { return shortReason(errorTypeFromCode(code)); }
    static QString title(const QString& code) { return title(errorTypeFromCode(code)); }
    static QString advice(const QString& code) { return advice(errorTypeFromCode(code)); }

    // Every type a job can fail with (all but None).
    static QList<ErrorType> all();
};

} // namespace hh
