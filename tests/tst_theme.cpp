// SPDX-License-Identifier: GPL-3.0-or-later
// The look: light and dark palettes that switch at once, "System" that reads the platform's
// palette, icons that recolour with the theme, the choice kept in the settings, and a sidebar
// whose selected entry stands out in both themes.
#include "AppSettings.h"
#include "GeneralSettingsPage.h"
#include "IconSet.h"
#include "MainWindow.h"
#include "Theme.h"
#include "jobs/DataLayout.h"
#include "jobs/JobRunner.h"
#include "jobs/JobStore.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStyle>
#include <QStyleOptionButton>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace hh;

Q_DECLARE_METATYPE(hh::IconSet::Icon)

namespace {

// The mean lightness (0..255) of the pixels an icon covers, weighted by their coverage.
double inkLightness(const QImage& source) {
    const QImage image = source.convertToFormat(QImage::Format_ARGB32);
    double sum = 0;
    double weight = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor pixel = QColor::fromRgba(image.pixel(x, y));
            sum += pixel.alphaF() * pixel.lightness();
            weight += pixel.alphaF();
        }
    }
    return weight > 0 ? sum / weight : -1;
}

double contrast(const QColor& a, const QColor& b) {
    const auto luminance = [](const QColor& c) {
        const auto channel = [](double v) {
            return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) +
               0.0722 * channel(c.blueF());
    };
    const double la = luminance(a);
    const double lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

} // namespace

class TestTheme : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void choiceSwitchesThePaletteAtOnce_data();
    void choiceSwitchesThePaletteAtOnce();
    void systemReadsThePlatformNotItsOwnPalette();
    void palettesReadWell_data();
    void palettesReadWell();
    void everyIconIsOneLineIcon_data();
    void everyIconIsOneLineIcon();
    void iconsRecolourWithTheTheme_data();
    void iconsRecolourWithTheTheme();
    void disabledIconsAreDimmer();
    void choiceIsKeptAndAppliedFromSettings();
    void unknownChoiceFallsBackToSystem();
    void sidebarSelectionStandsOut_data();
    void sidebarSelectionStandsOut();
    void checkBoxesStandOutFromTheWindow_data();
    void checkBoxesStandOutFromTheWindow();
};

void TestTheme::choiceSwitchesThePaletteAtOnce_data() {
    QTest::addColumn<ThemeChoice>("choice");
    QTest::addColumn<bool>("dark");
    QTest::newRow("dark") << ThemeChoice::Dark << true;
    QTest::newRow("light") << ThemeChoice::Light << false;
}

void TestTheme::choiceSwitchesThePaletteAtOnce() {
    QFETCH(ThemeChoice, choice);
    QFETCH(bool, dark);
    Theme theme(qApp);
    // Start from the other theme, so the switch is seen by a window already open.
    theme.setChoice(dark ? ThemeChoice::Light : ThemeChoice::Dark);
    QWidget window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy changed(&theme, &Theme::modeChanged);
    theme.setChoice(choice);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(theme.mode(), dark ? Theme::Mode::Dark : Theme::Mode::Light);
    QCOMPARE(Theme::isDark(QApplication::palette()), dark);
    QCOMPARE(Theme::isDark(window.palette()), dark);
    QCOMPARE(window.palette().color(QPalette::Highlight),
             Theme::palette(theme.mode()).color(QPalette::Highlight));
    // The same choice again repaints nothing.
    theme.setChoice(choice);
    QCOMPARE(changed.count(), 1);
}

// Qt 6.4 cannot say whether the desktop is dark; the platform palette can. The offscreen
// platform's is light, and it must be read as light even while our dark palette is applied.
void TestTheme::systemReadsThePlatformNotItsOwnPalette() {
    Theme theme(qApp);
    theme.setChoice(ThemeChoice::Dark);
    QVERIFY(Theme::isDark(QApplication::palette()));
    theme.setChoice(ThemeChoice::System);
    QCOMPARE(theme.mode(), Theme::Mode::Light);
    QVERIFY(!Theme::isDark(QApplication::palette()));
    // Our palette, not the platform's, is what is shown.
    QCOMPARE(QApplication::palette().color(QPalette::Highlight),
             Theme::palette(Theme::Mode::Light).color(QPalette::Highlight));
}

void TestTheme::palettesReadWell_data() {
    QTest::addColumn<Theme::Mode>("mode");
    QTest::newRow("light") << Theme::Mode::Light;
    QTest::newRow("dark") << Theme::Mode::Dark;
}

// Text, selections and the colours of meaning meet WCAG AA (4.5:1) where they are read.
void TestTheme::palettesReadWell() {
    QFETCH(Theme::Mode, mode);
    const QPalette p = Theme::palette(mode);
    QVERIFY(contrast(p.color(QPalette::Text), p.color(QPalette::Base)) >= 7);
    QVERIFY(contrast(p.color(QPalette::WindowText), p.color(QPalette::Window)) >= 7);
    QVERIFY(contrast(p.color(QPalette::PlaceholderText), p.color(QPalette::Base)) >= 4.5);
    QVERIFY(contrast(p.color(QPalette::HighlightedText), p.color(QPalette::Highlight)) >= 4.5);
    for (const auto tone : {Theme::Tone::Positive, Theme::Tone::Negative, Theme::Tone::Caution,
                            Theme::Tone::Neutral}) {
        const QColor color = Theme::toneColor(tone, p);
        QVERIFY2(contrast(color, p.color(QPalette::Base)) >= 4.5, qPrintable(color.name()));
    }
    // Disabled text is visibly weaker than enabled text.
    QVERIFY(contrast(p.color(QPalette::Disabled, QPalette::Text), p.color(QPalette::Base)) <
            contrast(p.color(QPalette::Text), p.color(QPalette::Base)) / 2);
}

void TestTheme::everyIconIsOneLineIcon_data() {
    QTest::addColumn<IconSet::Icon>("icon");
    for (const IconSet::Icon icon : IconSet::all())
        QTest::newRow(qPrintable(IconSet::resourcePath(icon))) << icon;
}

// One visual language: a 24×24 canvas, round strokes of 1.75–2 px in the colour the theme
// puts in, no fills of a fixed colour.
void TestTheme::everyIconIsOneLineIcon() {
    QFETCH(IconSet::Icon, icon);
    QFile file(IconSet::resourcePath(icon));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY(text.contains(QStringLiteral("viewBox=\"0 0 24 24\"")));
    QVERIFY(text.contains(QStringLiteral("stroke=\"currentColor\"")));
    QVERIFY(text.contains(QStringLiteral("stroke-linecap=\"round\"")));
    QVERIFY(text.contains(QStringLiteral("stroke-linejoin=\"round\"")));
    const auto width = QRegularExpression(QStringLiteral("stroke-width=\"([0-9.]+)\"")).match(text);
    QVERIFY(width.hasMatch());
    QVERIFY(width.captured(1).toDouble() >= 1.75 && width.captured(1).toDouble() <= 2.0);
    QVERIFY(!text.contains(QRegularExpression(QStringLiteral("(fill|stroke)=\"#"))));

    const QByteArray red = IconSet::svg(icon, Qt::red);
    QVERIFY(!red.contains("currentColor"));
    QSvgRenderer renderer(red);
    QVERIFY(renderer.isValid());
    QVERIFY(!IconSet::icon(icon).isNull());
}

void TestTheme::iconsRecolourWithTheTheme_data() {
    everyIconIsOneLineIcon_data();
}

// The same QIcon, made once, draws light on the dark theme and dark on the light one.
void TestTheme::iconsRecolourWithTheTheme() {
    QFETCH(IconSet::Icon, icon);
    Theme theme(qApp);
    const QIcon themed = IconSet::icon(icon);
    theme.setChoice(ThemeChoice::Dark);
    const double onDark = inkLightness(themed.pixmap(QSize(24, 24)).toImage());
    theme.setChoice(ThemeChoice::Light);
    const double onLight = inkLightness(themed.pixmap(QSize(24, 24)).toImage());
    QVERIFY2(onDark > 180, qPrintable(QString::number(onDark)));
    QVERIFY2(onLight >= 0 && onLight < 80, qPrintable(QString::number(onLight)));
    // Twice the pixels for a 2× screen, not a blurred 1× image.
    QCOMPARE(themed.pixmap(QSize(24, 24), 2.0).size(), QSize(48, 48));
}

void TestTheme::disabledIconsAreDimmer() {
    Theme theme(qApp);
    theme.setChoice(ThemeChoice::Dark);
    const QIcon icon = IconSet::icon(IconSet::Icon::Play);
    const double normal = inkLightness(icon.pixmap(QSize(24, 24)).toImage());
    const double disabled = inkLightness(icon.pixmap(QSize(24, 24), QIcon::Disabled).toImage());
    QVERIFY2(disabled < normal - 60,
             qPrintable(QStringLiteral("%1 vs %2").arg(disabled).arg(normal)));
}

void TestTheme::choiceIsKeptAndAppliedFromSettings() {
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("hh.ini"));
    {
        const auto settings = AppSettings::fromFile(file);
        QCOMPARE(settings->theme(), ThemeChoice::Dark); // a video tool's default
        Theme theme(qApp);
        theme.follow(settings.get());
        QCOMPARE(theme.mode(), Theme::Mode::Dark);

        GeneralSettingsPage page(settings.get());
        QCOMPARE(page.themeBox()->currentData().toInt(), int(ThemeChoice::Dark));
        page.themeBox()->setCurrentIndex(page.themeBox()->findData(int(ThemeChoice::Light)));
        QCOMPARE(theme.mode(), Theme::Mode::Dark); // nothing changes before Apply/OK
        page.save();
        QCOMPARE(theme.mode(), Theme::Mode::Light); // at once, no restart
        QVERIFY(!Theme::isDark(QApplication::palette()));
    }
    const auto reopened = AppSettings::fromFile(file);
    QCOMPARE(reopened->theme(), ThemeChoice::Light);
    GeneralSettingsPage page(reopened.get());
    QCOMPARE(page.themeBox()->currentData().toInt(), int(ThemeChoice::Light));
}

void TestTheme::unknownChoiceFallsBackToSystem() {
    for (const ThemeChoice choice : {ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark})
        QCOMPARE(Theme::choiceFromName(Theme::choiceName(choice)), choice);
    QCOMPARE(Theme::choiceFromName(QStringLiteral("neon")), ThemeChoice::System);
}

void TestTheme::sidebarSelectionStandsOut_data() {
    palettesReadWell_data();
}

// The sidebar's entries carry icons, and the selected one is a filled accent pill that
// differs clearly from the entry beside it, in both themes.
void TestTheme::sidebarSelectionStandsOut() {
    QFETCH(Theme::Mode, mode);
    Theme theme(qApp);
    theme.setChoice(mode == Theme::Mode::Dark ? ThemeChoice::Dark : ThemeChoice::Light);
    QTemporaryDir dir;
    const DataLayout layout(dir.filePath(QStringLiteral("data")));
    QVERIFY(!layout.ensureRoot().isError());
    JobStore store(layout.databasePath());
    QVERIFY(!store.open().isError());
    const qint64 user = store.createUser(QStringLiteral("ada"), QStringLiteral("!")).value();
    JobRunner runner(layout);
    QThreadPool pool;
    MainWindow window(&pool, &runner, user);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* sidebar = window.findChild<QListWidget*>(QStringLiteral("sidebarNav"));
    QVERIFY(sidebar);
    QCOMPARE(sidebar->count(), 2);
    for (int row = 0; row < sidebar->count(); ++row)
        QVERIFY(!sidebar->item(row)->icon().isNull());
    QVERIFY(!window.findChild<QPushButton*>(QStringLiteral("settingsButton"))->icon().isNull());

    window.showPage(MainWindow::Page::Library);
    // The whole window, so the transparent list shows the sidebar's own surface behind it.
    const QImage shot = window.grab().toImage();
    const auto besideText = [&](int row) {
        const QRect item = sidebar->visualItemRect(sidebar->item(row));
        const QPoint inWindow = sidebar->viewport()->mapTo(
            &window, QPoint(item.right() - 12, item.top() + item.height() / 2 - 2));
        return shot.pixelColor(inWindow * shot.devicePixelRatio());
    };
    const QColor selectedBackground = besideText(1);
    const QColor otherBackground = besideText(0);
    QVERIFY2(
        contrast(selectedBackground, otherBackground) >= 3,
        qPrintable(selectedBackground.name() + QStringLiteral(" vs ") + otherBackground.name()));
    QCOMPARE(selectedBackground, Theme::palette(mode).color(QPalette::Highlight));
}

void TestTheme::checkBoxesStandOutFromTheWindow_data() {
    palettesReadWell_data();
}

// Fusion outlines a check box in the window colour darkened, which on the dark window was
// near-black on near-black: an unticked box could not be seen. Its outline must now stand out
// from the window (3:1, as WCAG asks of a control's boundary), and a radio button's too.
void TestTheme::checkBoxesStandOutFromTheWindow() {
    QFETCH(Theme::Mode, mode);
    Theme theme(qApp);
    theme.setChoice(mode == Theme::Mode::Dark ? ThemeChoice::Dark : ThemeChoice::Light);
    QWidget window;
    auto* check = new QCheckBox(QStringLiteral("Leave out figure 2"), &window);
    auto* radio = new QRadioButton(QStringLiteral("Portrait"), &window);
    check->move(10, 10);
    radio->move(10, 50);
    window.resize(300, 100);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QColor background = window.palette().color(QPalette::Window);
    QCOMPARE(Theme::isDark(check->palette()), mode == Theme::Mode::Dark);

    for (QAbstractButton* button :
         {static_cast<QAbstractButton*>(check), static_cast<QAbstractButton*>(radio)}) {
        QStyleOptionButton option;
        option.initFrom(button);
        const QRect indicator = button->style()->subElementRect(
            button == check ? QStyle::SE_CheckBoxIndicator : QStyle::SE_RadioButtonIndicator,
            &option, button);
        QVERIFY(!indicator.isEmpty());
        const QImage shot = window.grab().toImage();
        double strongest = 1;
        for (int y = indicator.top(); y <= indicator.bottom(); ++y) {
            for (int x = indicator.left(); x <= indicator.right(); ++x)
                strongest =
                    qMax(strongest, contrast(shot.pixelColor(button->mapTo(&window, QPoint(x, y))),
                                             background));
        }
        QVERIFY2(strongest >= 3,
                 qPrintable(QStringLiteral("%1: %2")
                                .arg(QLatin1String(button->metaObject()->className()))
                                .arg(strongest)));
    }
}

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
