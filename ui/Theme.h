// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QPalette>
#include <QString>

class QApplication;
class QWidget;

namespace hh {

class AppSettings;

// What the user picked under Settings → General → Appearance.
enum class ThemeChoice { System, Light, Dark };

// Hidden Hill's look: the Fusion style with a palette of its own for light and dark (one calm
// teal accent, taken from the app icon's hills, for selections, default buttons and progress)
// plus a short style sheet for what a palette cannot say (the sidebar, section captions).
// "System" follows the desktop: Qt 6.4 has no QStyleHints::colorScheme, so the platform
// palette's window colour decides, read again whenever the desktop's theme changes.
// One instance, made by the entry point before the first window shows.
class Theme final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Theme)
public:
    enum class Mode { Light, Dark };
    // Colours of meaning, each readable on the theme's window and base colours.
    enum class Tone { Positive, Negative, Caution, Neutral };

    explicit Theme(QApplication* app, QObject* parent = nullptr);
    ~Theme() override;

    // Applies at once: every open window repaints in the new palette.
    void setChoice(ThemeChoice choice);
    ThemeChoice choice() const { return m_choice; }
    // Takes the choice from `settings` now and whenever it is changed there (Settings → General).
    void follow(AppSettings* settings);
    // What is shown now ("System" resolved).
    Mode mode() const { return m_mode; }

    static QPalette palette(Mode mode);
    static QString styleSheet(Mode mode);
    // Whether `palette` is a dark one (light text on a darker window), for painting code that
    // is handed a palette rather than the theme.
    static bool isDark(const QPalette& palette);
    static QColor toneColor(Tone tone, const QPalette& palette);
    // The keyboard focus ring: clearly seen on the window and on buttons in both themes.
    static QColor focusColor(const QPalette& palette);
    // What check boxes and radio buttons are drawn with (see Theme.cpp for why they differ).
    static QPalette indicatorPalette(Mode mode);
    // Colours the text of `widget` (a label) in `tone`, now and after every palette change, so
    // a message of meaning follows a theme switch. Calling it again changes the tone.
    static void tintText(QWidget* widget, Tone tone);

    static QString choiceName(ThemeChoice choice); // "system" | "light" | "dark"
    static ThemeChoice choiceFromName(const QString& name);

Q_SIGNALS:
    void modeChanged(hh::Theme::Mode mode);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void apply();
    Mode systemMode();
    void scheduleSystemCheck();

    QApplication* m_app = nullptr;
    ThemeChoice m_choice = ThemeChoice::System;
    Mode m_mode = Mode::Light;
    bool m_applying = false;     // our own palette change is not the desktop's
    bool m_checkPending = false; // one re-check for the burst of ThemeChange events
    bool m_firstApply = true;
};

} // namespace hh
