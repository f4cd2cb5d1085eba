// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <functional>

class QLabel;
class QLineEdit;

namespace hh {

class AccountWorker;

// The signed-in account: display name, statistics (videos made, minutes,
// success rate), change password, and deleting the account with all its videos.
class ProfileDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileDialog)
public:
    ProfileDialog(AccountWorker* worker, qint64 userId, QWidget* parent = nullptr);

    QString statisticsText() const;
    QString statusText() const;
    QString usageText() const;
    bool accountDeleted() const { return m_deleted; }

    void saveDisplayName(const QString& name);
    void changePassword(const QString& oldPassword, const QString& newPassword);
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

    AccountWorker* m_worker = nullptr;
    qint64 m_userId = 0;
    QLineEdit* m_displayName = nullptr;
    QLabel* m_statistics = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_usage = nullptr;
    bool m_deleted = false;
};

} // namespace hh
