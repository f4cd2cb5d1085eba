// SPDX-License-Identifier: GPL-3.0-or-later
#include "Usage.h"

namespace hh {

qint64 reportedTokens(const QJsonValue& value) {
    const qint64 count = value.toInteger(0);
    return count >= 0 && count <= kMaxReportedTokens ? count : 0;
}

double Pricing::costUsd(const UsageDelta& usage) const {
    switch (usage.provider) {
    case ProviderId::Gemini:
        return double(usage.tokensIn) * geminiInputPerMillionTokens / 1e6 +
               double(usage.tokensOut) *
                   (usage.ttsSeconds > 0 ? geminiTtsOutputPerMillionTokens
                                         : geminiOutputPerMillionTokens) /
                   1e6;
    case ProviderId::Runway:
        return usage.credits * runwayDollarsPerCredit;
    case ProviderId::Ncbi:
    case ProviderId::OpenAi:
    case ProviderId::Speech: // a local server, or OpenAI's bill, not ours to estimate
        return 0;
    }
    return 0;
}

} // namespace hh
