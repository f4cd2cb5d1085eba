// SPDX-License-Identifier: GPL-3.0-or-later
// Caption styles: each one looks different where the captions are (and only
// there), the spoken word is highlighted where the style promises it, and the
// chosen style survives the job row's JSON.
#include "jobs/JobSteps.h"
#include "render/Compositor.h"

#include <QJsonDocument>
#include <QTest>

using namespace hh;

namespace {

// Two short scenes of timed words; frame 30 (1 s) is inside the first cue with a word spoken.
VideoContent sampleContent() {
    VideoContent content;
    content.title = QStringLiteral("Honeybees count to four");
    const QStringList text =
        QStringLiteral("Trained honeybees chose the card with four dots").split(QLatin1Char(' '));
    qint64 t = 200;
    for (const QString& word : text) {
        content.words.append({word, t, t + 280, 0});
        t += 300;
    }
    content.script.scenes = {{QStringLiteral("hook"), text.join(QLatin1Char(' ')), {}, {}, {}}};
    content.sceneStartMs = {0};
    content.durationMs = t + 4000;
    return content;
}

QImage frameWith(CaptionStyle style, int frame = 30) {
    Compositor compositor(sampleContent(), FrameGeometry::forAspect(QStringLiteral("9:16")), 30,
                          style);
    return compositor.renderFrame(frame);
}

int differingPixels(const QImage& a, const QImage& b, const QRect& region) {
    int count = 0;
    for (int y = region.top(); y <= region.bottom(); ++y) {
        for (int x = region.left(); x <= region.right(); ++x) {
            if (a.pixel(x, y) != b.pixel(x, y))
                ++count;
        }
    }
    return count;
}

// Pixels close to the accent yellow: the highlighted word a viewer follows.
int accentPixels(const QImage& image, const QRect& region) {
    const QColor accent = Compositor::highlightColor();
    int count = 0;
    for (int y = region.top(); y <= region.bottom(); ++y) {
        for (int x = region.left(); x <= region.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - accent.red()) < 30 &&
                std::abs(c.green() - accent.green()) < 30 &&
                std::abs(c.blue() - accent.blue()) < 40)
                ++count;
        }
    }
    return count;
}

} // namespace

class TestCaptionStyle : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void stylesDifferOnlyInTheCaptionArea_data();
    void stylesDifferOnlyInTheCaptionArea();
    void spokenWordIsHighlightedWhereTheStyleSaysSo_data();
    void spokenWordIsHighlightedWhereTheStyleSaysSo();
    void styleSurvivesJobOptionsJson_data();
    void styleSurvivesJobOptionsJson();
    void oldRowsKeepTheOriginalLook();
};

void TestCaptionStyle::stylesDifferOnlyInTheCaptionArea_data() {
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::newRow("highlight/boxed") << "highlight"
                                     << "boxed";
    QTest::newRow("highlight/minimal") << "highlight"
                                       << "minimal";
    QTest::newRow("boxed/minimal") << "boxed"
                                   << "minimal";
}

void TestCaptionStyle::stylesDifferOnlyInTheCaptionArea() {
    QFETCH(QString, a);
    QFETCH(QString, b);
    const QImage first = frameWith(captionStyleFromName(a));
    const QImage second = frameWith(captionStyleFromName(b));
    const QRect captions = FrameGeometry::forAspect(QStringLiteral("9:16")).captions;
    // A viewer sees a clearly different caption: several percent of the area changes.
    const int changed = differingPixels(first, second, captions);
    QVERIFY2(changed > captions.width() * captions.height() / 50,
             qPrintable(QString::number(changed)));
    // … and nothing else on the frame moves.
    const QRect above(0, 0, first.width(), captions.top());
    QCOMPARE(differingPixels(first, second, above), 0);
}

void TestCaptionStyle::spokenWordIsHighlightedWhereTheStyleSaysSo_data() {
    QTest::addColumn<QString>("style");
    QTest::addColumn<bool>("highlighted");
    QTest::newRow("highlight") << "highlight" << true;
    QTest::newRow("boxed") << "boxed" << true;
    QTest::newRow("minimal") << "minimal" << false;
}

void TestCaptionStyle::spokenWordIsHighlightedWhereTheStyleSaysSo() {
    QFETCH(QString, style);
    QFETCH(bool, highlighted);
    const QRect captions = FrameGeometry::forAspect(QStringLiteral("9:16")).captions;
    const int accent = accentPixels(frameWith(captionStyleFromName(style)), captions);
    if (highlighted)
        QVERIFY2(accent > 500, qPrintable(QString::number(accent)));
    else
        QCOMPARE(accent, 0);
}

void TestCaptionStyle::styleSurvivesJobOptionsJson_data() {
    QTest::addColumn<int>("style");
    for (CaptionStyle style : allCaptionStyles())
        QTest::newRow(qPrintable(captionStyleName(style))) << int(style);
}

void TestCaptionStyle::styleSurvivesJobOptionsJson() {
    QFETCH(int, style);
    JobOptions options;
    options.captionStyle = CaptionStyle(style);
    // Through bytes, as the job table stores it.
    const QByteArray stored = QJsonDocument(options.toJson()).toJson(QJsonDocument::Compact);
    const JobOptions back = JobOptions::fromJson(QJsonDocument::fromJson(stored).object());
    QCOMPARE(int(back.captionStyle), style);
    QCOMPARE(captionStyleFromName(captionStyleName(CaptionStyle(style))), CaptionStyle(style));
}

void TestCaptionStyle::oldRowsKeepTheOriginalLook() {
    QJsonObject old = JobOptions().toJson();
    old.remove(QStringLiteral("caption_style"));
    QCOMPARE(JobOptions::fromJson(old).captionStyle, CaptionStyle::Highlight);
    old.insert(QStringLiteral("caption_style"), QStringLiteral("sparkles"));
    QCOMPARE(JobOptions::fromJson(old).captionStyle, CaptionStyle::Highlight);
    QCOMPARE(JobOptions().captionStyle, CaptionStyle::Highlight);
}

QTEST_MAIN(TestCaptionStyle) // fonts need a QGuiApplication
#include "tst_caption_style.moc"
