// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "IconSet.h"
#include "Theme.h"

#include <QWidget>
#include <functional>

class QHBoxLayout;
class QLabel;
class QToolButton;

namespace hh {

// A slim bar inside a page that says what just happened ("Exported to …"), with an icon, a
// few buttons for what to do next and a close button. It replaces a modal dialog for news the
// user only needs to see: nothing waits for it, and it stays until closed or replaced. Its
// colours come from the palette at paint time, so it reads on the light and the dark theme.
class InlineNotice final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InlineNotice)
public:
    explicit InlineNotice(QWidget* parent = nullptr);

    // Replaces what the bar says (and removes its buttons), then shows it. Positive and
    // Neutral news is written in the text colour, a Negative one in the Negative tone.
    void showMessage(IconSet::Icon icon, const QString& text, Theme::Tone tone);
    // A button after the text; the bar stays open when it is clicked.
    QToolButton* addButton(const QString& text, std::function<void()> onClick);
    void dismiss();

    QString text() const;
    Theme::Tone tone() const { return m_tone; }
    QList<QToolButton*> buttons() const { return m_buttons; }
    QToolButton* button(const QString& text) const; // null when there is none
    QToolButton* closeButton() const { return m_close; }
    // The colours it is drawn with now, for tests and screenshots to check.
    QColor textColor() const;
    QColor backgroundColor() const;

Q_SIGNALS:
    void dismissed();

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void applyColours();

    QLabel* m_icon = nullptr;
    QLabel* m_text = nullptr;
    QHBoxLayout* m_buttonRow = nullptr;
    QToolButton* m_close = nullptr;
    QList<QToolButton*> m_buttons;
    IconSet::Icon m_iconKind = IconSet::Icon::Info;
    Theme::Tone m_tone = Theme::Tone::Neutral;
};

} // namespace hh
