// SPDX-License-Identifier: GPL-3.0-or-later
#include "Theme.h"

#include "AppSettings.h"

#include <QApplication>
#include <QEvent>
#include <QStyle>
#include <QStyleFactory>
#include <QTimer>
#include <QWidget>

namespace hh {

namespace {

// The teal of the app icon's hills, darkened until white text on it reads (contrast ≥ 4.5:1).
const QColor kAccentLight(0x0F, 0x7B, 0x6C);
const QColor kAccentDark(0x13, 0x83, 0x6D);

struct Colours {
    QColor window, windowText, base, alternateBase, text, placeholder, button, light, midlight, mid,
        dark, shadow, link, linkVisited, toolTip, disabledText, disabledButton, disabledBase,
        sidebar, sidebarLine, hover;
    QColor accent, focus;
};

Colours colours(Theme::Mode mode) {
    if (mode == Theme::Mode::Dark) {
        // Flat and a little blue, like the dark panels of video editors: the window a step
        // lighter than the lists, the sidebar a step darker than the window.
        return {.window = QColor(0x1F, 0x21, 0x25),
                .windowText = QColor(0xE4, 0xE6, 0xEA),
                .base = QColor(0x17, 0x19, 0x1C),
                .alternateBase = QColor(0x23, 0x26, 0x2B),
                .text = QColor(0xE4, 0xE6, 0xEA),
                .placeholder = QColor(0x95, 0x9B, 0xA3),
                .button = QColor(0x2B, 0x2F, 0x35),
                .light = QColor(0x3C, 0x41, 0x48),
                .midlight = QColor(0x33, 0x37, 0x3D),
                .mid = QColor(0x26, 0x29, 0x2E),
                .dark = QColor(0x12, 0x13, 0x15),
                .shadow = QColor(0x0A, 0x0B, 0x0C),
                .link = QColor(0x4F, 0xD1, 0xB3),
                .linkVisited = QColor(0x9C, 0xB8, 0xEE),
                .toolTip = QColor(0x2E, 0x32, 0x38),
                .disabledText = QColor(0x6A, 0x6F, 0x77),
                .disabledButton = QColor(0x25, 0x28, 0x2D),
                .disabledBase = QColor(0x1B, 0x1D, 0x20),
                .sidebar = QColor(0x18, 0x1A, 0x1D),
                .sidebarLine = QColor(0x2A, 0x2D, 0x32),
                .hover = QColor(0xFF, 0xFF, 0xFF, 0x14),
                .accent = kAccentDark,
                // The accent is too deep to ring a control on the dark window; its light
                // tint is the one that is seen (contrast ≥ 3:1 on window and buttons).
                .focus = QColor(0x4F, 0xD1, 0xB3)};
    }
    return {.window = QColor(0xF3, 0xF4, 0xF6),
            .windowText = QColor(0x1C, 0x20, 0x26),
            .base = QColor(0xFF, 0xFF, 0xFF),
            .alternateBase = QColor(0xF6, 0xF7, 0xF9),
            .text = QColor(0x1C, 0x20, 0x26),
            .placeholder = QColor(0x63, 0x6A, 0x74),
            .button = QColor(0xFB, 0xFB, 0xFC),
            .light = QColor(0xFF, 0xFF, 0xFF),
            .midlight = QColor(0xEC, 0xEE, 0xF1),
            .mid = QColor(0xC6, 0xCB, 0xD2),
            .dark = QColor(0xA3, 0xA9, 0xB2),
            .shadow = QColor(0x6B, 0x72, 0x7C),
            .link = kAccentLight,
            .linkVisited = QColor(0x5B, 0x4D, 0xB3),
            .toolTip = QColor(0xFF, 0xFF, 0xFF),
            .disabledText = QColor(0xA0, 0xA6, 0xAE),
            .disabledButton = QColor(0xEE, 0xF0, 0xF2),
            .disabledBase = QColor(0xF3, 0xF4, 0xF6),
            .sidebar = QColor(0xE9, 0xEB, 0xEE),
            .sidebarLine = QColor(0xDA, 0xDD, 0xE2),
            .hover = QColor(0x00, 0x00, 0x00, 0x0F),
            .accent = kAccentLight,
            .focus = kAccentLight};
}

// Style sheets want rgba() for translucent colours; QColor::name() drops the alpha.
QString css(const QColor& color) {
    if (color.alpha() == 255)
        return color.name();
    return QStringLiteral("rgba(%1, %2, %3, %4)")
        .arg(color.red())
        .arg(color.green())
        .arg(color.blue())
        .arg(color.alpha());
}

} // namespace

Theme::Theme(QApplication* app, QObject* parent)
    : QObject(parent)
    , m_app(app) {
    // Fusion draws every control from the palette, so one palette is one consistent look on
    // every desktop, where a native style would mix its own colours in.
    if (QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion")))
        QApplication::setStyle(fusion);
    m_app->installEventFilter(this);
}

Theme::~Theme() {
    if (m_app)
        m_app->removeEventFilter(this);
}

void Theme::setChoice(ThemeChoice choice) {
    // Settings change for many reasons; only a new choice repaints the application.
    if (choice == m_choice && !m_firstApply)
        return;
    m_choice = choice;
    apply();
}

void Theme::follow(AppSettings* settings) {
    setChoice(settings->theme());
    connect(settings, &AppSettings::changed, this,
            [this, settings] { setChoice(settings->theme()); });
}

void Theme::apply() {
    m_applying = true;
    const Mode mode = m_choice == ThemeChoice::Light  ? Mode::Light
                      : m_choice == ThemeChoice::Dark ? Mode::Dark
                                                      : systemMode();
    QApplication::setPalette(palette(mode));
    for (const char* indicator : {"QCheckBox", "QRadioButton"})
        QApplication::setPalette(indicatorPalette(mode), indicator);
    const QString sheet = styleSheet(mode);
    if (m_app->styleSheet() != sheet)
        m_app->setStyleSheet(sheet);
    m_applying = false;
    if (mode != m_mode || m_firstApply) {
        m_firstApply = false;
        m_mode = mode;
        Q_EMIT modeChanged(mode);
    }
}

Theme::Mode Theme::systemMode() {
    // A palette without roles of its own hands the application the platform's palette back
    // (Qt resolves every missing role against it); that is the only public way to read the
    // desktop's colours once our own palette is in place.
    QPalette none;
    none.setResolveMask(0);
    QApplication::setPalette(none);
    return isDark(QApplication::palette()) ? Mode::Dark : Mode::Light;
}

bool Theme::eventFilter(QObject* watched, QEvent* event) {
    // The desktop switched between light and dark: with "System" the app follows.
    const bool desktopChanged = event->type() == QEvent::ThemeChange ||
                                (event->type() == QEvent::ApplicationPaletteChange && !m_applying);
    if (desktopChanged && m_choice == ThemeChoice::System)
        scheduleSystemCheck();
    return QObject::eventFilter(watched, event);
}

void Theme::scheduleSystemCheck() {
    // Every window gets its own ThemeChange: check once, after the burst.
    if (m_checkPending)
        return;
    m_checkPending = true;
    QTimer::singleShot(0, this, [this] {
        m_checkPending = false;
        if (m_choice == ThemeChoice::System)
            apply();
    });
}

QPalette Theme::palette(Mode mode) {
    const Colours c = colours(mode);
    QPalette p;
    for (const auto group : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
        p.setColor(group, QPalette::Window, c.window);
        p.setColor(group, QPalette::WindowText, c.windowText);
        p.setColor(group, QPalette::Base, c.base);
        p.setColor(group, QPalette::AlternateBase, c.alternateBase);
        p.setColor(group, QPalette::ToolTipBase, c.toolTip);
        p.setColor(group, QPalette::ToolTipText, c.windowText);
        p.setColor(group, QPalette::PlaceholderText, c.placeholder);
        p.setColor(group, QPalette::Text, c.text);
        p.setColor(group, QPalette::Button, c.button);
        p.setColor(group, QPalette::ButtonText, c.windowText);
        p.setColor(group, QPalette::BrightText, Qt::white);
        p.setColor(group, QPalette::Light, c.light);
        p.setColor(group, QPalette::Midlight, c.midlight);
        p.setColor(group, QPalette::Mid, c.mid);
        p.setColor(group, QPalette::Dark, c.dark);
        p.setColor(group, QPalette::Shadow, c.shadow);
        // The selection keeps its colour in an inactive window, so a selected card stays
        // visibly selected while a dialog is open over it.
        p.setColor(group, QPalette::Highlight, c.accent);
        p.setColor(group, QPalette::HighlightedText, Qt::white);
        p.setColor(group, QPalette::Link, c.link);
        p.setColor(group, QPalette::LinkVisited, c.linkVisited);
    }
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, c.disabledText);
    p.setColor(QPalette::Disabled, QPalette::Button, c.disabledButton);
    p.setColor(QPalette::Disabled, QPalette::Base, c.disabledBase);
    p.setColor(QPalette::Disabled, QPalette::Highlight, c.mid);
    p.setColor(QPalette::Disabled, QPalette::HighlightedText, c.disabledText);
    p.setColor(QPalette::Disabled, QPalette::PlaceholderText, c.disabledText);
    return p;
}

QString Theme::styleSheet(Mode mode) {
    const Colours c = colours(mode);
    // Only what a palette cannot say: the sidebar's own surface, its pill-shaped entries and
    // the section captions. Sizes are on the 8 px grid; the odd paddings line the icons of the
    // list entries and of the buttons up on one column, as the two widgets inset them differently.
    return QStringLiteral(
               "QWidget#sidebar { background: %1; border-right: 1px solid %2; }"
               "QListWidget#sidebarNav { background: transparent; border: none; outline: 0; }"
               "QListWidget#sidebarNav::item { min-height: 40px; padding: 0px 8px 0px 6px;"
               " margin: 0px 0px 4px 0px; border-radius: 8px; color: %3; }"
               "QListWidget#sidebarNav::item:hover:!selected { background: %4; }"
               "QListWidget#sidebarNav::item:selected { background: %5; color: #ffffff; }"
               "QPushButton[hhRole=\"sidebarButton\"] { text-align: left; padding: 0px 8px 0px 9px;"
               " min-height: 40px; border: none; border-radius: 8px; background: transparent;"
               " color: %3; }"
               "QPushButton[hhRole=\"sidebarButton\"]:hover { background: %4; }"
               "QPushButton[hhRole=\"sidebarButton\"]:pressed { background: %2; }"
               "QPushButton[hhRole=\"sidebarButton\"]:disabled { color: %6; }"
               "QLabel[hhRole=\"section\"] { color: %7; padding: 0px 8px; }"
               "QLabel[hhRole=\"sidebarFoot\"] { color: %7; padding: 0px 8px; }"
               // The one action a page or dialog is for (Make video, OK) in the accent.
               "QPushButton:default { background: %5; color: #ffffff; border: 1px solid %8;"
               " border-radius: 4px; padding: 3px 16px; }"
               "QPushButton:default:hover { background: %9; }"
               "QPushButton:default:pressed { background: %8; }"
               "QPushButton:default:disabled { background: %10; color: %6; border-color: %11; }"
               // The player's controls: flat icon buttons and two outlined actions, each with a
               // focus ring that shows where Tab went (Fusion's own ring is the accent darkened,
               // which the dark window swallows).
               "QToolButton[hhRole=\"playerButton\"] { border: 2px solid transparent;"
               " border-radius: 6px; padding: 2px; background: transparent; }"
               "QToolButton[hhRole=\"playerAction\"] { border: 1px solid %12; border-radius: 6px;"
               " padding: 4px 10px 4px 8px; margin: 1px; background: %13; color: %3; }"
               "QToolButton[hhRole=\"playerButton\"]:hover,"
               " QToolButton[hhRole=\"playerAction\"]:hover { background: %4; }"
               "QToolButton[hhRole=\"playerButton\"]:pressed,"
               " QToolButton[hhRole=\"playerAction\"]:pressed { background: %2; }"
               "QToolButton[hhRole=\"playerAction\"]:disabled { color: %6; border-color: %11; }"
               "QToolButton[hhRole=\"playerButton\"]:focus { border-color: %14; }"
               "QToolButton[hhRole=\"playerAction\"]:focus { border: 2px solid %14; margin: 0px; }")
        .arg(css(c.sidebar), css(c.sidebarLine), css(c.windowText), css(c.hover), css(c.accent),
             css(c.disabledText), css(c.placeholder), css(c.accent.darker(120)),
             css(c.accent.lighter(112)))
        .arg(css(c.disabledButton), css(c.mid), css(mode == Mode::Dark ? c.light : c.dark),
             css(c.button), css(c.focus));
}

bool Theme::isDark(const QPalette& palette) {
    // Text against window rather than the window alone: check boxes carry a light window
    // colour in the dark theme (indicatorPalette()) and must still count as dark.
    return palette.color(QPalette::WindowText).lightness() >
           palette.color(QPalette::Window).lightness();
}

QColor Theme::focusColor(const QPalette& palette) {
    return colours(isDark(palette) ? Mode::Dark : Mode::Light).focus;
}

QPalette Theme::indicatorPalette(Mode mode) {
    // Fusion draws a check box (and a radio button) as a Base-filled square outlined in the
    // Window colour darkened by 40 %, and the check in Text. That outline is 2:1 on our light
    // window and all but black on near-black on the dark one, where the box is also darker
    // than the window: an unticked box could hardly be seen. A check box paints no background
    // of its own, so its Window role serves only that outline: it is set to the colour that
    // darkens into a ring of about 4:1 on the window (WCAG asks 3:1 of a control's edge). On
    // the dark theme the button colour lifts the box off the window, and the light check mark
    // still reads on it.
    QPalette p = palette(mode);
    const Colours c = colours(mode);
    const bool dark = mode == Mode::Dark;
    const QColor ring = dark ? QColor(0x8E, 0x94, 0x9D) : QColor(0x73, 0x79, 0x83);
    for (const auto group : {QPalette::Active, QPalette::Inactive}) {
        p.setColor(group, QPalette::Window, ring.lighter(140));
        if (dark)
            p.setColor(group, QPalette::Base, c.button);
    }
    // Disabled boxes keep Fusion's faint ring: they are meant to recede.
    return p;
}

namespace {

// Keeps a widget's text in a tone across theme switches: the tone depends on the palette, so
// it is worked out again whenever the palette changes.
class TextTint final : public QObject {
public:
    static constexpr const char* kObjectName = "hhTextTint";

    TextTint(QWidget* widget, Theme::Tone tone)
        : QObject(widget)
        , m_widget(widget)
        , m_tone(tone) {
        setObjectName(QLatin1String(kObjectName));
        widget->installEventFilter(this);
        apply();
    }

    void setTone(Theme::Tone tone) {
        m_tone = tone;
        apply();
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (watched == m_widget && event->type() == QEvent::PaletteChange)
            apply();
        return false;
    }

private:
    void apply() {
        const QColor wanted = Theme::toneColor(m_tone, m_widget->palette());
        if (m_widget->palette().color(QPalette::WindowText) == wanted &&
            m_widget->palette().color(QPalette::Text) == wanted)
            return; // also ends the PaletteChange our own setPalette() sends
        // Only the two text roles are set; every other role keeps following the parent.
        QPalette tinted;
        tinted.setResolveMask(0);
        tinted.setColor(QPalette::WindowText, wanted);
        tinted.setColor(QPalette::Text, wanted);
        m_widget->setPalette(tinted);
    }

    QWidget* m_widget;
    Theme::Tone m_tone;
};

} // namespace

void Theme::tintText(QWidget* widget, Tone tone) {
    // Found by name: the class has no meta-object of its own for findChild<TextTint*>().
    if (auto* tint = widget->findChild<QObject*>(QLatin1String(TextTint::kObjectName),
                                                 Qt::FindDirectChildrenOnly))
        static_cast<TextTint*>(tint)->setTone(tone);
    else
        new TextTint(widget, tone);
}

QColor Theme::toneColor(Tone tone, const QPalette& palette) {
    const bool dark = isDark(palette);
    switch (tone) {
    case Tone::Positive:
        return dark ? QColor(0x4C, 0xC3, 0x8A) : QColor(0x1E, 0x7D, 0x4E);
    case Tone::Negative:
        return dark ? QColor(0xF2, 0x72, 0x6B) : QColor(0xB3, 0x26, 0x1E);
    case Tone::Caution:
        return dark ? QColor(0xE9, 0xA9, 0x4B) : QColor(0xA3, 0x5A, 0x00);
    case Tone::Neutral:
        break;
    }
    return palette.color(QPalette::PlaceholderText);
}

QString Theme::choiceName(ThemeChoice choice) {
    switch (choice) {
    case ThemeChoice::Light:
        return QStringLiteral("light");
    case ThemeChoice::Dark:
        return QStringLiteral("dark");
    case ThemeChoice::System:
        break;
    }
    return QStringLiteral("system");
}

ThemeChoice Theme::choiceFromName(const QString& name) {
    if (name == QLatin1String("light"))
        return ThemeChoice::Light;
    if (name == QLatin1String("dark"))
        return ThemeChoice::Dark;
    return ThemeChoice::System;
}

} // namespace hh
