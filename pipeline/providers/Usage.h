// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProviderConfig.h"
#include "core/ErrorType.h"

#include <QJsonValue>

namespace hh {

// What one or more calls to a provider consumed; summed per account and month
// in the usage ledger (JobStore).
struct UsageDelta {
    ProviderId provider = ProviderId::Gemini;
    qint64 tokensIn = 0;
    qint64 tokensOut = 0;
    double ttsSeconds = 0;
    double credits = 0; // Runway credits
    int calls = 0;
    int errors = 0;
};

// A token count as a provider's reply states it: whole, 0 to kMaxReportedTokens.
// Anything else (negative, fractional, 9e18, a string) counts as 0, so a broken
// reply can neither lower the month's usage nor overflow a sum.
qint64 reportedTokens(const QJsonValue& value);
constexpr qint64 kMaxReportedTokens = 1'000'000'000'000LL;

// List prices used for estimates and spending limits (US dollars). They change,
// so they are data here, not spread through the code; the profile says "about".
struct Pricing {
    double geminiInputPerMillionTokens = 0.30;
    double geminiOutputPerMillionTokens = 2.50;
    double geminiTtsOutputPerMillionTokens = 10.0; // audio tokens, ~25 per second
    double runwayDollarsPerCredit = 0.01;
    double runwayCreditsPerSecondGen4Turbo = 5;

    double costUsd(const UsageDelta& usage) const;
};

// Where providers report usage and ask before spending. Implemented over the
// job store for the job's account; tests use an in-memory one.
class UsageSink {
public:
    virtual ~UsageSink() = default;
    virtual void record(const UsageDelta& usage) = 0;
    // Error Quota when spending `plannedUsd` more this month would pass the
    // account's limit for that provider.
    virtual Error checkBudget(ProviderId provider, double plannedUsd) = 0;
};

} // namespace hh
