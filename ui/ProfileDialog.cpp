// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProfileDialog.h"

#include "AccountDeleter.h"
#include "AccountMessages.h"
#include "AccountService.h"
#include "AccountWorker.h"
#include "RecoveryCodeDialog.h"
#include "WindowFit.h"

#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>

namespace hh {

ProfileDialog::ProfileDialog(AccountWorker* worker, qint64 userId, QWidget* parent)
    : QDialog(parent)
    , m_worker(worker)
    , m_userId(userId) {
    setWindowTitle(tr("Your account"));
    m_displayName = new QLineEdit(this);
    m_statistics = new QLabel(tr("Loading…"), this);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    auto* saveName = new QPushButton(tr("Save name"), this);
    auto* password = new QPushButton(tr("Change password…"), this);
    password->setObjectName(QStringLiteral("passwordButton"));
    m_passwordButton = password;
    auto* remove = new QPushButton(tr("Delete my account…"), this);
    auto* close = new QPushButton(tr("Close"), this);
    m_statistics->setWordWrap(true);
    m_usage = new QLabel(tr("Loading…"), this);
    m_usage->setWordWrap(true);
    m_usage->setTextFormat(Qt::PlainText);
    m_displayName->setAccessibleName(tr("Display name"));
    // Each heading stands above its value, so no label column can squeeze (and cut)
    // a long heading ("Cloud-Nutzung in diesem Monat") or its value at any width.
    const auto heading = [this](const QString& text, QWidget* buddy) {
        auto* label = new QLabel(text, this);
        QFont font = label->font();
        font.setBold(true);
        label->setFont(font);
        label->setWordWrap(true);
        label->setBuddy(buddy);
        return label;
    };
    auto* nameRow = new QHBoxLayout;
    nameRow->addWidget(m_displayName, 1);
    nameRow->addWidget(saveName);
    m_status->hide(); // shown with the first message, so no empty gap before Close
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading(tr("Display name"), m_displayName));
    layout->addLayout(nameRow);
    layout->addSpacing(8);
    layout->addWidget(heading(tr("Statistics"), m_statistics));
    layout->addWidget(m_statistics);
    layout->addSpacing(8);
    layout->addWidget(heading(tr("Cloud use this month"), m_usage));
    layout->addWidget(m_usage);
    layout->addSpacing(12);
    layout->addWidget(password);
    layout->addWidget(remove);
    layout->addWidget(m_status);
    layout->addStretch(1);
    layout->addSpacing(8);
    layout->addWidget(close);

    confirmDelete = [this] {
        return QMessageBox::warning(this, tr("Delete your account"),
                                    tr("This deletes your account and every video, script and file "
                                       "it made. It cannot be undone."),
                                    QMessageBox::Yes | QMessageBox::Cancel) == QMessageBox::Yes;
    };
    connect(saveName, &QPushButton::clicked, this,
            [this] { saveDisplayName(m_displayName->text()); });
    showRecoveryCode = [this](const QString& code) {
        RecoveryCodeDialog dialog(code, m_displayName->text(), this);
        dialog.exec();
    };
    connect(password, &QPushButton::clicked, this, &ProfileDialog::askForPasswords);
    connect(remove, &QPushButton::clicked, this, [this] {
        // A passwordless account has nothing to confirm with; the warning asks instead.
        if (!m_hasPassword) {
            deleteAccount({});
            return;
        }
        bool ok = false;
        const QString pw = QInputDialog::getText(
            this, tr("Delete your account"), tr("Your password:"), QLineEdit::Password, {}, &ok);
        if (ok)
            deleteAccount(pw);
    });
    setDeletionHelpers(nullptr, nullptr);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);
    // Wide enough that a month's usage lines read as lines, not as a narrow column.
    resize(std::max(sizeHint().width(), fontMetrics().averageCharWidth() * 72),
           sizeHint().height());
    loadProfile();
}

namespace {

// One line per provider: what was used and about what it cost (list prices).
QString usageSummary(const QList<UsageRow>& rows) {
    if (rows.isEmpty())
        return ProfileDialog::tr("None: every video so far was made with the built-in providers.");
    QStringList lines;
    double total = 0;
    for (const UsageRow& row : rows) {
        const UsageDelta& u = row.usage;
        QStringList parts;
        parts << ProfileDialog::tr("%1 calls").arg(u.calls);
        if (u.errors > 0)
            parts << ProfileDialog::tr("%1 failed").arg(u.errors);
        if (u.tokensIn + u.tokensOut > 0)
            parts << ProfileDialog::tr("%1 tokens in, %2 out")
                         .arg(QLocale().toString(u.tokensIn), QLocale().toString(u.tokensOut));
        if (u.ttsSeconds > 0)
            parts << ProfileDialog::tr("%1 s of narration").arg(u.ttsSeconds, 0, 'f', 0);
        if (u.credits > 0)
            parts << ProfileDialog::tr("%1 credits").arg(u.credits, 0, 'f', 0);
        parts << ProfileDialog::tr("about $%1").arg(row.costUsd, 0, 'f', 2);
        lines << QStringLiteral("%1: %2").arg(providerDisplayName(u.provider),
                                              parts.join(QStringLiteral(" · ")));
        total += row.costUsd;
    }
    lines << ProfileDialog::tr("Total: about $%1").arg(total, 0, 'f', 2);
    return lines.join(QLatin1Char('\n'));
}

} // namespace

void ProfileDialog::loadProfile() {
    const qint64 id = m_userId;
    m_worker->run<Result<Profile>>(
        [id](AccountService& accounts) { return accounts.profile(id); }, this,
        [this](Result<Profile> profile) {
            if (!profile) {
                m_statistics->setText(profile.error().message);
            } else {
                const Profile& p = profile.value();
                m_displayName->setText(p.displayName);
                m_statistics->setText(tr("%1 videos · %2 minutes · success rate %3")
                                          .arg(p.videosMade)
                                          .arg(p.totalMinutes, 0, 'f', 1)
                                          .arg(p.successRate ? QStringLiteral("%1%").arg(
                                                                   int(*p.successRate * 100 + 0.5))
                                                             : tr("—")));
                m_usage->setText(usageSummary(p.usageThisMonth));
                m_hasPassword = p.hasPassword;
                m_passwordButton->setText(m_hasPassword ? tr("Change password…")
                                                        : tr("Set a password…"));
            }
            Q_EMIT finishedWork();
        });
}

void ProfileDialog::saveDisplayName(const QString& name) {
    const qint64 id = m_userId;
    m_worker->run<Error>(
        [id, name](AccountService& accounts) { return accounts.setDisplayName(id, name); }, this,
        [this](Error error) {
            showStatus(error.isError() ? error.message : tr("Name saved."));
            Q_EMIT finishedWork();
        });
}

void ProfileDialog::changePassword(const QString& oldPassword, const QString& newPassword) {
    const qint64 id = m_userId;
    m_worker->run<Error>(
        [id, oldPassword, newPassword](AccountService& accounts) {
            return accounts.changePassword(id, oldPassword, newPassword);
        },
        this,
        [this](Error error) {
            showStatus(error.isError() ? error.message : tr("Password changed."));
            Q_EMIT finishedWork();
        });
}

void ProfileDialog::setDeletionHelpers(KeyStore* keys, JobRunner* runner) {
    delete m_deleter; // none is running: the dialog starts one only from its buttons
    m_deleter = new AccountDeleter(m_worker, keys, runner, this);
    connect(m_deleter, &AccountDeleter::deleted, this, [this] {
        m_deleted = true;
        accept();
        Q_EMIT finishedWork();
    });
    connect(m_deleter, &AccountDeleter::failed, this,
            [this](qint64, const QString& message, bool begun) {
                showStatus(begun ? tr("The account is being deleted; the rest is done at the "
                                      "next start (%1)")
                                       .arg(AccountMessages::localized(message))
                                 : message);
                Q_EMIT finishedWork();
            });
}

void ProfileDialog::deleteAccount(const QString& password) {
    if (!confirmDelete())
        return;
    m_deleter->deleteAccount(m_userId, password);
}

void ProfileDialog::askForPasswords() {
    bool ok = false;
    QString old;
    if (m_hasPassword) {
        old = QInputDialog::getText(this, tr("Change password"), tr("Current password:"),
                                    QLineEdit::Password, {}, &ok);
        if (!ok)
            return;
    }
    const QString title = m_hasPassword ? tr("Change password") : tr("Set a password");
    const QString fresh =
        QInputDialog::getText(this, title, tr("New password:"), QLineEdit::Password, {}, &ok);
    if (!ok)
        return;
    const QString again = QInputDialog::getText(this, title, tr("The same password again:"),
                                                QLineEdit::Password, {}, &ok);
    if (!ok)
        return;
    if (again != fresh) {
        showStatus(tr("The passwords do not match."));
        return;
    }
    if (m_hasPassword)
        changePassword(old, fresh);
    else
        setFirstPassword(fresh);
}

void ProfileDialog::setFirstPassword(const QString& newPassword) {
    const qint64 id = m_userId;
    struct Outcome {
        Error error;
        QString code;
    };
    m_worker->run<Outcome>(
        [id, newPassword](AccountService& accounts) {
            Outcome outcome;
            outcome.error = accounts.changePassword(id, QString(), newPassword, &outcome.code);
            return outcome;
        },
        this,
        [this](Outcome outcome) {
            if (outcome.error.isError()) {
                showStatus(outcome.error.message);
            } else {
                m_hasPassword = true;
                m_passwordButton->setText(tr("Change password…"));
                showStatus(tr("Password set. Keep the recovery code: it resets a forgotten "
                              "password."));
                if (!outcome.code.isEmpty())
                    showRecoveryCode(outcome.code);
            }
            Q_EMIT finishedWork();
        });
}

void ProfileDialog::showStatus(const QString& text) {
    m_status->setText(AccountMessages::localized(text));
    m_status->setVisible(!text.isEmpty());
}

// After the text changed (a layout request) and after a resize: every line of
// the statistics and the month's use stays in view.
bool ProfileDialog::event(QEvent* event) {
    const bool handled = QDialog::event(event);
    if (event->type() == QEvent::LayoutRequest || event->type() == QEvent::Resize)
        fitHeightToWidth(this);
    return handled;
}

QString ProfileDialog::usageText() const {
    return m_usage->text();
}

QString ProfileDialog::statisticsText() const {
    return m_statistics->text();
}
QString ProfileDialog::statusText() const {
    return m_status->text();
}

} // namespace hh
