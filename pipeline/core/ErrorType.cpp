// SPDX-License-Identifier: GPL-3.0-or-later
#include "ErrorType.h"

#include <array>
#include <utility>

namespace hh {

namespace {
constexpr std::array<std::pair<ErrorType, const char*>, 20> kCodes{{
    {ErrorType::None, ""},
    {ErrorType::BadPdf, "bad_pdf"},
    {ErrorType::Encrypted, "encrypted"},
    {ErrorType::NoText, "no_text"},
    {ErrorType::BadXml, "bad_xml"},
    {ErrorType::Unsupported, "unsupported"},
    {ErrorType::TooLarge, "too_large"},
    {ErrorType::NotInPmc, "not_in_pmc"},
    {ErrorType::NotFound, "not_found"},
    {ErrorType::Auth, "auth"},
    {ErrorType::Quota, "quota"},
    {ErrorType::RateLimited, "rate_limited"},
    {ErrorType::Network, "network"},
    {ErrorType::Provider, "provider"},
    {ErrorType::ContentBlocked, "content_blocked"},
    {ErrorType::DiskFull, "disk_full"},
    {ErrorType::Io, "io"},
    {ErrorType::Cancelled, "cancelled"},
    {ErrorType::Busy, "busy"},
    {ErrorType::Internal, "internal"},
}};
} // namespace

QString errorTypeCode(ErrorType type) {
    for (const auto& [t, code] : kCodes) {
        if (t == type)
            return QString::fromLatin1(code);
    }
    return QStringLiteral("internal");
}

ErrorType errorTypeFromCode(const QString& code) {
    for (const auto& [t, c] : kCodes) {
        if (code == QLatin1String(c))
            return t;
    }
    return ErrorType::Internal;
}

bool isTransient(ErrorType type) {
    switch (type) {
    case ErrorType::RateLimited:
    case ErrorType::Network:
    case ErrorType::Provider:
    case ErrorType::DiskFull:
        return true;
    default:
        return false;
    }
}

int exitCodeFor(ErrorType type) {
    switch (type) {
    case ErrorType::None:
        return 0;
    case ErrorType::BadPdf:
    case ErrorType::Encrypted:
    case ErrorType::NoText:
    case ErrorType::BadXml:
    case ErrorType::Unsupported:
    case ErrorType::TooLarge:
    case ErrorType::NotInPmc:
    case ErrorType::NotFound:
        return 3;
    case ErrorType::Auth:
    case ErrorType::Quota:
    case ErrorType::ContentBlocked:
        return 4;
    case ErrorType::Network:
    case ErrorType::RateLimited:
        return 5;
    case ErrorType::Cancelled:
        return 6;
    default:
        return 1;
    }
}

} // namespace hh
