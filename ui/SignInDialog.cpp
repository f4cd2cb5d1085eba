// SPDX-License-Identifier: GPL-3.0-or-later
#include "SignInDialog.h"

#include "AccountService.h"
#include "AccountWorker.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace hh {

namespace {
struct Outcome {
    qint64 userId = 0;
    QString code;
    Error error;
};
} // namespace

SignInDialog::SignInDialog(AccountWorker* worker, QWidget* parent)
    : QDialog(parent)
    , m_worker(worker) {
    // Qt adds " — Hidden Hill" (the application's display name) to every title.
    setWindowTitle(tr("Sign in"));
    m_user = new QLineEdit(qEnvironmentVariable("USER"), this);
    m_password = new QLineEdit(this);
    m_password->setEchoMode(QLineEdit::Password);
    m_user->setObjectName(QStringLiteral("userName"));
    m_password->setObjectName(QStringLiteral("password"));
    m_strength = new QLabel(this);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_signIn = new QPushButton(tr("Sign in"), this);
    m_signIn->setDefault(true);
    m_create = new QPushButton(tr("Create account"), this);
    m_forgot = new QPushButton(tr("Forgot password?"), this);
    m_forgot->setFlat(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Name"), m_user);
    form->addRow(tr("Password"), m_password);
    form->addRow(QString(), m_strength);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_forgot);
    buttons->addStretch(1);
    buttons->addWidget(m_create);
    buttons->addWidget(m_signIn);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addLayout(buttons);

    showRecoveryCode = [this](const QString& code) {
        QMessageBox box(QMessageBox::Information, tr("Your recovery code"),
                        tr("Write this code down. It is shown only once and is the only way to "
                           "reset a forgotten "
                           "password on this computer:\n\n%1")
                            .arg(code),
                        QMessageBox::Ok, this);
        box.setTextInteractionFlags(Qt::TextSelectableByMouse);
        box.exec();
    };
    connect(m_signIn, &QPushButton::clicked, this, &SignInDialog::signIn);
    connect(m_create, &QPushButton::clicked, this, &SignInDialog::createAccount);
    connect(m_forgot, &QPushButton::clicked, this, &SignInDialog::askForReset);
    connect(m_password, &QLineEdit::textChanged, this, &SignInDialog::updateStrength);
    updateStrength();
    // The computer's user name is usually the account: start in the password field.
    if (!m_user->text().isEmpty())
        m_password->setFocus();
}

QString SignInDialog::userName() const {
    return m_user->text().trimmed();
}
QString SignInDialog::statusText() const {
    return m_status->text();
}

void SignInDialog::setBusy(bool busy) {
    m_signIn->setEnabled(!busy);
    m_create->setEnabled(!busy);
    m_forgot->setEnabled(!busy);
    if (busy)
        m_status->setText(tr("Checking…"));
    Q_EMIT busyChanged(busy);
}

void SignInDialog::updateStrength() {
    if (m_password->text().isEmpty()) {
        m_strength->clear();
        return;
    }
    const PasswordStrength strength =
        AccountService::passwordStrength(m_password->text(), userName());
    // Marked for lupdate here, translated below: tr() of a variable is invisible to it.
    static const char* const names[] = {QT_TR_NOOP("very weak"), QT_TR_NOOP("weak"),
                                        QT_TR_NOOP("fair"), QT_TR_NOOP("good"),
                                        QT_TR_NOOP("strong")};
    m_strength->setText(
        tr("Strength: %1. %2").arg(tr(names[std::clamp(strength.score, 0, 4)]), strength.hint));
}

void SignInDialog::signIn() {
    const QString user = userName();
    const QString password = m_password->text();
    setBusy(true);
    m_worker->run<Outcome>(
        [user, password](AccountService& accounts) {
            Outcome outcome;
            auto result = accounts.signIn(user, password);
            if (result) {
                outcome.userId = result.value();
                return outcome;
            }
            // An account made by the command line has no password yet: the first one set here
            // becomes it.
            auto needs = accounts.needsInitialPassword(user);
            if (needs && needs.value()) {
                auto id = accounts.userIdByName(user);
                if (id) {
                    auto code = accounts.setInitialPassword(id.value(), password);
                    if (code) {
                        outcome.userId = id.value();
                        outcome.code = code.value();
                        return outcome;
                    }
                    outcome.error = code.error();
                    return outcome;
                }
            }
            outcome.error = result.error();
            return outcome;
        },
        this,
        [this](Outcome outcome) {
            setBusy(false);
            if (outcome.error.isError()) {
                m_status->setText(outcome.error.message);
                return;
            }
            m_userId = outcome.userId;
            if (!outcome.code.isEmpty()) {
                m_recoveryCode = outcome.code;
                showRecoveryCode(outcome.code);
            }
            accept();
        });
}

void SignInDialog::createAccount() {
    const QString user = userName();
    const QString password = m_password->text();
    setBusy(true);
    m_worker->run<Outcome>(
        [user, password](AccountService& accounts) {
            Outcome outcome;
            auto result = accounts.signUp(user, password, user);
            if (result) {
                outcome.userId = result.value().userId;
                outcome.code = result.value().recoveryCode;
            } else {
                outcome.error = result.error();
            }
            return outcome;
        },
        this,
        [this](Outcome outcome) {
            setBusy(false);
            if (outcome.error.isError()) {
                m_status->setText(outcome.error.message);
                return;
            }
            m_userId = outcome.userId;
            m_recoveryCode = outcome.code;
            showRecoveryCode(outcome.code);
            accept();
        });
}

void SignInDialog::askForReset() {
    bool ok = false;
    const QString code = QInputDialog::getText(this, tr("Reset password"),
                                               tr("Recovery code for %1:").arg(userName()),
                                               QLineEdit::Normal, QString(), &ok);
    if (!ok || code.isEmpty())
        return;
    const QString password = QInputDialog::getText(this, tr("Reset password"), tr("New password:"),
                                                   QLineEdit::Password, QString(), &ok);
    if (ok && !password.isEmpty())
        resetPassword(code, password);
}

void SignInDialog::resetPassword(const QString& code, const QString& newPassword) {
    const QString user = userName();
    setBusy(true);
    m_worker->run<Outcome>(
        [user, code, newPassword](AccountService& accounts) {
            Outcome outcome;
            auto result = accounts.resetWithRecoveryCode(user, code, newPassword);
            if (result)
                outcome.code = result.value();
            else
                outcome.error = result.error();
            return outcome;
        },
        this,
        [this, newPassword](Outcome outcome) {
            setBusy(false);
            if (outcome.error.isError()) {
                m_status->setText(outcome.error.message);
                return;
            }
            m_recoveryCode = outcome.code;
            showRecoveryCode(outcome.code);
            m_password->setText(newPassword);
            m_status->setText(tr("Password changed; signing in."));
            signIn();
        });
}

} // namespace hh
