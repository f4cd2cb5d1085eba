// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace hh {

// Stable error codes. They are stored in the job table, printed by the CLI
// (`error: <code>: <message>`) and mapped to UI actions, so never rename one.
enum class ErrorType {
    None,
    BadPdf,
    Encrypted,
    NoText,
    BadXml,
    Unsupported,
    TooLarge,
    NotInPmc,
    NotFound,
    Auth,
    Quota,
    RateLimited,
    Network,
    Provider,
    ContentBlocked,
    DiskFull,
    Io,
    Cancelled,
    Busy, // another worker holds the job (JobLease); the row is left alone
    Internal,
};

QString errorTypeCode(ErrorType type);
ErrorType errorTypeFromCode(const QString& code);

// Transient errors may succeed when tried again later without the user changing anything.
bool isTransient(ErrorType type);

// The CLI contract's exit codes (design/cli.md): 3 bad input, 4 provider refused,
// 5 network, 6 cancelled, 1 anything else.
int exitCodeFor(ErrorType type);

struct Error {
    ErrorType type = ErrorType::None;
    QString message;

    bool isError() const { return type != ErrorType::None; }
    QString code() const { return errorTypeCode(type); }
};

} // namespace hh
