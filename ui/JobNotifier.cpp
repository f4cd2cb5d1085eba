// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobNotifier.h"

#include "JobDelegate.h"
#include "jobs/JobRunner.h"
#include "jobs/JobStore.h"

#include <QApplication>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QWidget>

namespace hh {

TrayNotifier::TrayNotifier(QObject* parent)
    : QObject(parent) {
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    QIcon icon = QApplication::windowIcon();
    if (icon.isNull())
        icon = QApplication::style()->standardIcon(QStyle::SP_MediaPlay);
    m_tray = new QSystemTrayIcon(icon, this);
    m_tray->setToolTip(tr("Hidden Hill"));
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &TrayNotifier::messageClicked);
    m_tray->show();
}

TrayNotifier::~TrayNotifier() = default;

void TrayNotifier::notify(const QString& title, const QString& message, bool isError) {
    if (m_tray)
        m_tray->showMessage(title, message,
                            isError ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information,
                            10000);
}

JobNotifier::JobNotifier(JobRunner* runner, qint64 userId, Notifier* notifier, QWidget* window,
                         QObject* parent)
    : QObject(parent)
    , m_userId(userId)
    , m_notifier(notifier)
    , m_window(window)
    , m_store(std::make_unique<JobStore>(runner->layout().databasePath())) {
    m_store->open();
    connect(runner, &JobRunner::jobFinished, this,
            [this](qint64 user, qint64 job, const QString&) { onFinished(user, job); });
    connect(runner, &JobRunner::jobFailed, this, &JobNotifier::onFailed);
}

JobNotifier::~JobNotifier() = default;

bool JobNotifier::shouldNotify(qint64 userId) const {
    // Another account's job (a second window after a sign-out) is not this user's news.
    return userId == m_userId && m_notifier && !(m_window && m_window->isActiveWindow());
}

QString JobNotifier::titleOf(qint64 jobId) const {
    const auto job = m_store->job(m_userId, jobId);
    if (!job || job.value().paperTitle.isEmpty())
        return job ? job.value().paperId : tr("Your video");
    return job.value().paperTitle;
}

void JobNotifier::onFinished(qint64 userId, qint64 jobId) {
    if (!shouldNotify(userId))
        return;
    m_notifier->notify(tr("Video ready"), titleOf(jobId), false);
}

void JobNotifier::onFailed(qint64 userId, qint64 jobId, const QString& errorType,
                           const QString& message) {
    // A cancel is the user's own doing: no news.
    if (errorType == QLatin1String("cancelled") || !shouldNotify(userId))
        return;
    m_notifier->notify(
        tr("Video failed"),
        tr("%1: %2").arg(titleOf(jobId), JobDelegate::shortReason(errorType, message)), true);
}

} // namespace hh
