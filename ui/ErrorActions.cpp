// SPDX-License-Identifier: GPL-3.0-or-later
#include "ErrorActions.h"

namespace hh {

namespace {

bool providerNamedIn(const QString& message, ProviderId* id) {
    for (ProviderId candidate :
         {ProviderId::Gemini, ProviderId::Runway, ProviderId::Ncbi, ProviderId::OpenAi}) {
        if (message.contains(providerDisplayName(candidate), Qt::CaseInsensitive)) {
            *id = candidate;
            return true;
        }
    }
    return false;
}

bool providerOfStep(const QString& step, ProviderId* id) {
    if (step == QLatin1String("generate-script") || step == QLatin1String("generate-audio"))
        *id = ProviderId::Gemini;
    else if (step == QLatin1String("generate-videos"))
        *id = ProviderId::Runway;
    else if (step == QLatin1String("fetch-paper"))
        *id = ProviderId::Ncbi;
    else
        return false;
    return true;
}

} // namespace

ErrorFix ErrorActions::fixFor(const QString& errorType, const QString& step,
                              const QString& message) {
    ErrorFix fix;
    switch (errorTypeFromCode(errorType)) {
    case ErrorType::Auth:
        fix.kind = ErrorFix::Kind::ProviderSettings;
        fix.hasProvider =
            providerNamedIn(message, &fix.provider) || providerOfStep(step, &fix.provider);
        break;
    case ErrorType::Quota:
        fix.kind = ErrorFix::Kind::Usage;
        break;
    case ErrorType::DiskFull:
        fix.kind = ErrorFix::Kind::DataFolder;
        break;
    case ErrorType::NotInPmc:
        fix.kind = ErrorFix::Kind::UsePdf;
        break;
    case ErrorType::Encrypted:
        fix.kind = ErrorFix::Kind::Password;
        break;
    default:
        break;
    }
    return fix;
}

QString ErrorActions::buttonText(const ErrorFix& fix) {
    switch (fix.kind) {
    case ErrorFix::Kind::None:
        break;
    case ErrorFix::Kind::ProviderSettings:
        return fix.hasProvider ? tr("Check the %1 key…").arg(providerDisplayName(fix.provider))
                               : tr("Open Settings → Providers…");
    case ErrorFix::Kind::Usage:
        return tr("See this month's use…");
    case ErrorFix::Kind::DataFolder:
        return tr("Choose another data folder…");
    case ErrorFix::Kind::UsePdf:
        return tr("Use the PDF instead…");
    case ErrorFix::Kind::Password:
        return tr("Enter the password…");
    }
    return {};
}

} // namespace hh
