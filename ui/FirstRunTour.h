// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QPointer>
#include <QWidget>
#include <functional>

class QLabel;
class QPushButton;

namespace hh {

// One stop of the tour: a bubble beside `target` (or beside `area` of it, e.g. one list item)
// with a title and a sentence or two. `actionText`/`action` add a button that does the
// thing being shown, then moves on.
struct TourStep {
    QPointer<QWidget> target = {};
    std::function<QRect()> area = {}; // in target's coordinates; empty: the whole target
    QString title = {};
    QString text = {};
    QString actionText = {};
    std::function<void()> action = {};
};

// A short guided tour over a window: the window is dimmed except the part a step is about,
// and a bubble explains it, with Next and Skip. The overlay is a child covering the whole
// window, so it follows resizes and keeps clicks off the widgets beneath until it ends.
// Whether an account has seen it is remembered in that account's own folder, so it is shown
// once per account and forgotten with the account.
class FirstRunTour final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FirstRunTour)
public:
    FirstRunTour(QList<TourStep> steps, QWidget* window);

    void start();
    void next();
    void skip();
    void runAction();

    int currentStep() const { return m_current; }
    int stepCount() const { return int(m_steps.size()); }
    QString titleText() const;
    QString bodyText() const;
    QPushButton* nextButton() const { return m_next; }
    QPushButton* skipButton() const { return m_skip; }
    QPushButton* actionButton() const { return m_action; }

    static bool seen(const QString& userDir);
    static void markSeen(const QString& userDir);

Q_SIGNALS:
    void finished(bool completed); // false: skipped

protected:
    void paintEvent(QPaintEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showStep(int index);
    void finish(bool completed);
    void placeBubble();
    QRect highlightRect() const; // the step's target in this widget's coordinates

    QList<TourStep> m_steps;
    int m_current = -1;
    QWidget* m_bubble = nullptr;
    QLabel* m_counter = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_text = nullptr;
    QPushButton* m_skip = nullptr;
    QPushButton* m_action = nullptr;
    QPushButton* m_next = nullptr;
};

} // namespace hh
