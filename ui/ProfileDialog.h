// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace hh {

class AccountDeleter;
class AccountWorker;
class JobRunner;
class KeyStore;

// The signed-in account: display name, statistics (videos made, minutes,
// success rate), change password (or set the first one of a passwordless
// account), and deleting the account with all its videos, jobs and keys.
class ProfileDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileDialog)
public:
    ProfileDialog(AccountWorker* worker, qint64 userId, QWidget* parent = nullptr);

    QString statisticsText() const;
    QString statusText() const;
    QString usageText() const;
    bool accountDeleted() const { return m_deleted; }
    // False for an account without a password, once the profile has loaded.
    bool hasPassword() const { return m_hasPassword; }
    // What deleting the account also stops and removes: the runner's jobs and the
    // keychain entries. Without them only rows and folders go.
    void setDeletionHelpers(KeyStore* keys, JobRunner* runner);

    void saveDisplayName(const QString& name);
    void changePassword(const QString& oldPassword, const QString& newPassword);
    // The first password of a passwordless account; its recovery code is shown once.
    void setFirstPassword(const QString& newPassword);
    // Shows a new recovery code (a RecoveryCodeDialog); tests replace it.
    std::function<void(const QString& code)> showRecoveryCode;
    void deleteAccount(const QString& password);
    // Confirmation before deleting; tests replace it.
    std::function<bool()> confirmDelete;

Q_SIGNALS:
    void finishedWork(); // after each background operation, for tests and busy states

protected:
    bool event(QEvent* event) override;

private:
    void loadProfile();
    void showStatus(const QString& text);
    void askForPasswords();

    AccountWorker* m_worker = nullptr;
    qint64 m_userId = 0;
    QLineEdit* m_displayName = nullptr;
    QLabel* m_statistics = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_usage = nullptr;
    QPushButton* m_passwordButton = nullptr;
    AccountDeleter* m_deleter = nullptr;
    bool m_deleted = false;
    bool m_hasPassword = true;
};

} // namespace hh
