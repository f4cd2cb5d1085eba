// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/ErrorType.h"
#include "providers/ProviderConfig.h"

#include <QCoreApplication>
#include <QMetaType>
#include <QString>

namespace hh {

// The one thing the person can do about a failed job, offered as a button next
// to the error wherever it is shown (job detail, New video, the log view).
struct ErrorFix {
    enum class Kind {
        None,
        ProviderSettings, // Settings → Providers, with `provider` selected
        Usage,            // this month's use (Your account)
        DataFolder,       // choose another data folder (Settings → General)
        UsePdf,           // open the paper's PDF instead of fetching it
        Password,         // ask the PDF's password
    };
    Kind kind = Kind::None;
    ProviderId provider = ProviderId::Gemini; // for ProviderSettings; see hasProvider
    bool hasProvider = false;

    bool isNone() const { return kind == Kind::None; }
    bool operator==(const ErrorFix& other) const {
        return kind == other.kind && hasProvider == other.hasProvider &&
               (!hasProvider || provider == other.provider);
    }
};

// Maps an error to its fix (and the button's words). Which provider refused a key
// is read from the message (errors name the provider, "Google Gemini: …"), else
// from the step that failed (a script or voice: Gemini, clips: Runway, fetching: NCBI).
class ErrorActions final {
    Q_DECLARE_TR_FUNCTIONS(ErrorActions)
public:
    static ErrorFix fixFor(const QString& errorType, const QString& step = {},
                           const QString& message = {});
    static QString buttonText(const ErrorFix& fix); // "" for None
};

} // namespace hh

Q_DECLARE_METATYPE(hh::ErrorFix)
