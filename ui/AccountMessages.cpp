// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountMessages.h"

#include "AccountService.h"

#include <QRegularExpression>

namespace hh {

namespace {

// The sentences of AccountService that the sign-in and profile dialogs show, as
// the service spells them, marked for lupdate. The two with a number are written
// out because a translation is looked up by its exact text.
static_assert(AccountService::kMinPasswordLength == 10, "update the message below");
static_assert(AccountService::kMaxUsernameLength == 64, "update the message below");
constexpr const char* kKnown[] = {
    QT_TRANSLATE_NOOP("AccountMessages", "Choose a user name."),
    QT_TRANSLATE_NOOP("AccountMessages", "A user name has at most 64 characters."),
    QT_TRANSLATE_NOOP("AccountMessages", "A user name cannot start with a dot."),
    QT_TRANSLATE_NOOP("AccountMessages",
                      "A user name may contain only letters A-Z, digits, '.', '_' and '-'."),
    QT_TRANSLATE_NOOP("AccountMessages",
                      "This is one of the most common passwords; choose another."),
    QT_TRANSLATE_NOOP("AccountMessages", "The password cannot be the user name."),
    QT_TRANSLATE_NOOP("AccountMessages", "Use at least 10 characters."),
    QT_TRANSLATE_NOOP("AccountMessages", "Enter a password."),
    QT_TRANSLATE_NOOP("AccountMessages", "Avoid repeated characters; add more words."),
    QT_TRANSLATE_NOOP("AccountMessages", "Strong password."),
    QT_TRANSLATE_NOOP("AccountMessages", "Add more words, or mix in digits and symbols."),
    QT_TRANSLATE_NOOP("AccountMessages", "Add more words."),
    QT_TRANSLATE_NOOP("AccountMessages", "Wrong user name or password."),
    QT_TRANSLATE_NOOP("AccountMessages", "Wrong user name or recovery code."),
    QT_TRANSLATE_NOOP("AccountMessages", "The password is wrong."),
    QT_TRANSLATE_NOOP("AccountMessages", "This account has no password yet; set one first."),
    QT_TRANSLATE_NOOP("AccountMessages",
                      "This account has no password; leave the password empty to sign in, then "
                      "set one in your account."),
    QT_TRANSLATE_NOOP("AccountMessages", "This account is being deleted."),
    QT_TRANSLATE_NOOP("AccountMessages", "The new password is the same as the current one."),
};

} // namespace

QString AccountMessages::localized(const QString& serviceText) {
    const QByteArray source = serviceText.toUtf8();
    for (const char* known : kKnown) {
        if (source == known)
            return tr(known);
    }
    // "Wrong user name or password. Too many wrong passwords; try again in 8 seconds."
    static const QRegularExpression lockout(
        QStringLiteral(R"(^(.*?)\s*Too many wrong passwords; try again in (\d+) seconds?\.$)"));
    if (const auto match = lockout.match(serviceText); match.hasMatch()) {
        const int seconds = match.captured(2).toInt();
        const QString wait =
            seconds == 1 ? tr("Too many wrong attempts; try again in 1 second.")
                         : tr("Too many wrong attempts; try again in %1 seconds.").arg(seconds);
        const QString before = match.captured(1);
        return before.isEmpty() ? wait : localized(before) + QLatin1Char(' ') + wait;
    }
    return serviceText;
}

} // namespace hh
