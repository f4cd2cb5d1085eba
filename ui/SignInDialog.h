// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QDialog>
#include <functional>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTimer;

namespace hh {

class AccountWorker;

// The way into the app, in separate modes: a welcome when the data folder has no
// account yet, sign in, create an account (confirmed password, a strength meter,
// then the one-time recovery code), and reset a forgotten password with that code.
// Each field says what is wrong with it, under it, as soon as the user has typed
// in it; the Create and Reset buttons wait until the form is valid. Hashing runs
// on the AccountWorker's thread; the dialog only shows results. A name typed for
// signing in that is a passwordless account is said to be one, and signs in with
// an empty password; nothing here ever sets a password on an existing account.
class SignInDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInDialog)
public:
    // Starting: until the worker has said whether any account exists.
    enum class Mode { Starting, Welcome, SignIn, Create, Reset };
    Q_ENUM(Mode)

    explicit SignInDialog(AccountWorker* worker, QWidget* parent = nullptr);

    Mode mode() const { return m_mode; }
    qint64 userId() const { return m_userId; }
    QString userName() const;
    QString statusText() const;
    // The strength line under a new password: one word, and a hint when it adds to it.
    QString strengthText() const;
    QString lastRecoveryCode() const { return m_recoveryCode; }
    // The typed name is a passwordless account (the note under the name says so).
    bool isPasswordlessShown() const;
    QString passwordlessNoteText() const; // empty while not shown
    // Signed in to an account without a password: the app suggests setting one.
    bool signedInWithoutPassword() const { return m_signedInWithoutPassword; }

    // Shown after sign-up and reset (a RecoveryCodeDialog); replaceable so tests
    // need no modal dialog.
    std::function<void(const QString& code)> showRecoveryCode;

    // What the buttons do. signIn() and requestReset() check the form first and send
    // nothing while it is incomplete; createAccount() and resetPassword() send what
    // they are given, and the service's refusal is shown.
    void signIn();
    void createAccount();
    void requestReset();
    void resetPassword(const QString& code, const QString& newPassword);
    // Another mode, as the buttons switch: typed secrets are cleared, the name stays.
    void switchTo(Mode mode);

Q_SIGNALS:
    void busyChanged(bool busy);
    void modeChanged(hh::SignInDialog::Mode mode);

protected:
    bool event(QEvent* event) override;

private:
    struct Touched {
        bool name = false;
        bool password = false;
        bool confirm = false;
        bool code = false;
    };

    QWidget* makeWelcomePage();
    void openOn(const Result<bool>& anyAccount); // the first mode, once the worker knows
    QWidget* makeFormPage();
    void setMode(Mode mode);
    void setBusy(bool busy);
    void updateStrength();
    void updateValidation();
    void focusFirstField();
    bool formIsValid() const;
    QString nameProblem() const;
    QString passwordProblem() const;
    QString confirmProblem() const;
    QString codeProblem() const;
    void showError(const QString& serviceMessage);
    void checkPasswordless();
    void showPasswordless(const QString& name); // empty: none

    AccountWorker* m_worker = nullptr;
    Mode m_mode = Mode::Starting;
    bool m_hasAccounts = true;
    bool m_busy = false;
    Touched m_touched;
    QStackedWidget* m_pages = nullptr;
    QWidget* m_startingPage = nullptr;
    QWidget* m_welcomePage = nullptr;
    QWidget* m_formPage = nullptr;
    QPushButton* m_welcomeCreate = nullptr;
    QLabel* m_heading = nullptr;
    QLabel* m_intro = nullptr;
    QLineEdit* m_user = nullptr;
    QLabel* m_userMessage = nullptr;
    QLabel* m_passwordlessNote = nullptr;
    QTimer* m_passwordlessCheck = nullptr;
    QString m_passwordlessName; // the name the note is about
    bool m_signedInWithoutPassword = false;
    QLabel* m_codeLabel = nullptr;
    QWidget* m_codeCell = nullptr;
    QLineEdit* m_code = nullptr;
    QLabel* m_codeMessage = nullptr;
    QLabel* m_passwordLabel = nullptr;
    QLineEdit* m_password = nullptr;
    QLabel* m_passwordMessage = nullptr;
    QWidget* m_strengthRow = nullptr;
    QProgressBar* m_strengthBar = nullptr;
    QLabel* m_strength = nullptr;
    QLabel* m_confirmLabel = nullptr;
    QWidget* m_confirmCell = nullptr;
    QLineEdit* m_confirm = nullptr;
    QLabel* m_confirmMessage = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_forgot = nullptr;
    QPushButton* m_toCreate = nullptr;
    QPushButton* m_back = nullptr;
    QPushButton* m_signIn = nullptr;
    QPushButton* m_create = nullptr;
    QPushButton* m_reset = nullptr;
    qint64 m_userId = 0;
    QString m_recoveryCode;
};

} // namespace hh
