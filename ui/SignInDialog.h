// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace hh {

class AccountWorker;

// Sign in, create an account (with a live strength hint and a one-time recovery
// code), or reset a forgotten password with that code. Hashing runs on the
// AccountWorker's thread; the dialog only shows results.
class SignInDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInDialog)
public:
    explicit SignInDialog(AccountWorker* worker, QWidget* parent = nullptr);

    qint64 userId() const { return m_userId; }
    QString userName() const;
    QString statusText() const;
    QString lastRecoveryCode() const { return m_recoveryCode; }

    // Shown after sign-up and reset; replaceable so tests need no modal box.
    std::function<void(const QString& code)> showRecoveryCode;

    void signIn();
    void createAccount();
    void resetPassword(const QString& code, const QString& newPassword);

Q_SIGNALS:
    void busyChanged(bool busy);

private:
    void setBusy(bool busy);
    void updateStrength();
    void askForReset();

    AccountWorker* m_worker = nullptr;
    QLineEdit* m_user = nullptr;
    QLineEdit* m_password = nullptr;
    QLabel* m_strength = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_signIn = nullptr;
    QPushButton* m_create = nullptr;
    QPushButton* m_forgot = nullptr;
    qint64 m_userId = 0;
    QString m_recoveryCode;
};

} // namespace hh
