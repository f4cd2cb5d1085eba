// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QPointer>
#include <memory>

class QSystemTrayIcon;
class QWidget;

namespace hh {

class JobRunner;
class JobStore;

// Where a "your video is ready" message goes. The desktop version is the tray;
// tests count messages instead.
class Notifier {
public:
    virtual ~Notifier() = default;
    virtual void notify(const QString& title, const QString& message, bool isError) = 0;
};

// Messages through the system tray, when the desktop has one (otherwise nothing:
// the status bar and My Videos still say it).
class TrayNotifier final : public QObject, public Notifier {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayNotifier)
public:
    explicit TrayNotifier(QObject* parent = nullptr);
    ~TrayNotifier() override;

    void notify(const QString& title, const QString& message, bool isError) override;
    bool isAvailable() const { return m_tray != nullptr; }

Q_SIGNALS:
    void messageClicked();

private:
    QSystemTrayIcon* m_tray = nullptr;
};

// Tells the user when one of their jobs finishes or fails while they look at
// another window: nothing while the main window is active (they can see it there).
class JobNotifier final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobNotifier)
public:
    // `window` decides "active"; titles come from the runner's job table.
    JobNotifier(JobRunner* runner, qint64 userId, Notifier* notifier, QWidget* window,
                QObject* parent = nullptr);
    ~JobNotifier() override;

private:
    void onFinished(qint64 userId, qint64 jobId);
    void onFailed(qint64 userId, qint64 jobId, const QString& errorType, const QString& message);
    bool shouldNotify(qint64 userId) const;
    QString titleOf(qint64 jobId) const;

    qint64 m_userId = 0;
    Notifier* m_notifier = nullptr;
    QPointer<QWidget> m_window;
    std::unique_ptr<JobStore> m_store; // the GUI thread's own connection, read once per message
};

} // namespace hh
