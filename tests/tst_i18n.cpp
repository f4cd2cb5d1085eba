// SPDX-License-Identifier: GPL-3.0-or-later
// The German interface: the translator changes what the user reads, and the
// translation file is complete (every message translated, placeholders and
// keyboard accelerators kept) and covers every tr() text in the sources.
#include "AppSettings.h"
#include "ErrorTexts.h"
#include "GeneratePanel.h"
#include "MainWindow.h"
#include "SettingsDialog.h"
#include "TestUtil.h"
#include "Translations.h"
#include "jobs/JobRunner.h"
#include "jobs/JobStore.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QXmlStreamReader>

using namespace hh;

namespace {

struct Message {
    QString context;
    QString source;
    QString translation;
    QString type; // "unfinished", "vanished", "obsolete" or empty
};

QList<Message> readTs(const QString& path) {
    QList<Message> messages;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name"))
            context = xml.readElementText();
        else if (xml.name() == QLatin1String("message"))
            current = Message{context, {}, {}, {}};
        else if (xml.name() == QLatin1String("source"))
            current.source = xml.readElementText();
        else if (xml.name() == QLatin1String("translation")) {
            current.type = xml.attributes().value(QLatin1String("type")).toString();
            current.translation = xml.readElementText();
            messages.append(current);
        }
    }
    return messages;
}

// %1 … %9 as a sorted list, so "%1 of %2" and "%2 von %1" both keep both.
QStringList placeholders(const QString& text) {
    static const QRegularExpression re(QStringLiteral("%L?\\d"));
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found << it.next().captured().remove(QLatin1Char('L'));
    found.sort();
    return found;
}

// Keyboard accelerators: "&x", not "&&" and not an HTML entity such as "&amp;".
int accelerators(const QString& text) {
    static const QRegularExpression re(QStringLiteral("&(?!&|[a-zA-Z]+;|#\\d+;)\\w"));
    QString withoutEscapes = text;
    withoutEscapes.remove(QStringLiteral("&&"));
    return int(withoutEscapes.count(re));
}

QString tsPath() {
    return hh::test::sourcePath(QStringLiteral("translations/hiddenhill_de.ts"));
}

} // namespace

class TestI18n : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void germanTranslatorChangesWhatTheUserReads_data();
    void germanTranslatorChangesWhatTheUserReads();
    void everyMessageIsTranslated();
    void translationKeepsPlaceholdersAndAccelerators();
    void translationCoversEverySourceText();
    void everyErrorTypeReadsInGerman();
};

// The pipeline's errors reach the German interface translated: every type a job
// can fail with has a German title, advice and short reason, none left in English.
void TestI18n::everyErrorTypeReadsInGerman() {
    struct Texts {
        QString shortReason, title, advice;
    };
    QHash<int, Texts> english;
    for (const ErrorType type : ErrorTexts::all())
        english.insert(int(type), {ErrorTexts::shortReason(type), ErrorTexts::title(type),
                                   ErrorTexts::advice(type)});
    QCOMPARE(english.size(), 19); // every ErrorType but None
    Translations translations;
    QVERIFY(translations.install(QStringLiteral("de")));
    for (const ErrorType type : ErrorTexts::all()) {
        const Texts& en = english.value(int(type));
        const QString code = errorTypeCode(type);
        QVERIFY2(!en.title.isEmpty() && !en.advice.isEmpty(), qPrintable(code));
        QVERIFY2(ErrorTexts::title(type) != en.title, qPrintable(code));
        QVERIFY2(ErrorTexts::advice(type) != en.advice, qPrintable(code));
        QVERIFY2(ErrorTexts::shortReason(type) != en.shortReason, qPrintable(code));
        // The stored code reads the same as the type.
        QCOMPARE(ErrorTexts::title(code), ErrorTexts::title(type));
    }
}

void TestI18n::germanTranslatorChangesWhatTheUserReads_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("newVideo");
    QTest::addColumn<QString>("makeVideo");
    QTest::addColumn<QString>("settingsTitle");
    QTest::addColumn<QString>("cancel"); // Qt's own button, German even without Qt's translations
    QTest::newRow("German") << "de"
                            << "Neues Video"
                            << "Video erstellen"
                            << "Einstellungen"
                            << "Abbrechen";
    QTest::newRow("English") << "en"
                             << "New video"
                             << "Make video"
                             << "Settings"
                             << "Cancel";
}

void TestI18n::germanTranslatorChangesWhatTheUserReads() {
    QFETCH(QString, language);
    QFETCH(QString, newVideo);
    QFETCH(QString, makeVideo);
    QFETCH(QString, settingsTitle);
    QFETCH(QString, cancel);
    Translations translations;
    QVERIFY(translations.install(language));

    QTemporaryDir dir;
    const DataLayout layout(dir.filePath(QStringLiteral("data")));
    QVERIFY(!layout.ensureRoot().isError());
    JobStore store(layout.databasePath());
    QVERIFY(!store.open().isError());
    const qint64 user = store.createUser(QStringLiteral("ada"), QStringLiteral("!")).value();
    JobRunner runner(layout);
    QThreadPool pool;
    MainWindow window(&pool, &runner, user);
    auto* sidebar = window.findChild<QListWidget*>();
    QVERIFY(sidebar);
    QCOMPARE(sidebar->item(0)->text(), newVideo);
    QCOMPARE(window.generatePanel()->generateButton()->text(), makeVideo);
    const auto settings = AppSettings::fromFile(dir.filePath(QStringLiteral("hh.ini")));
    SettingsDialog dialog(settings.get());
    QCOMPARE(dialog.windowTitle(), settingsTitle);
    QCOMPARE(dialog.buttons()->button(QDialogButtonBox::Cancel)->text(), cancel);
}

void TestI18n::everyMessageIsTranslated() {
    const QList<Message> messages = readTs(tsPath());
    QVERIFY2(messages.size() > 250, qPrintable(QString::number(messages.size())));
    for (const Message& m : messages) {
        const QString where = m.context + QStringLiteral(": ") + m.source;
        QVERIFY2(m.type.isEmpty(), qPrintable(m.type + QStringLiteral(" — ") + where));
        QVERIFY2(!m.translation.trimmed().isEmpty(), qPrintable(where));
    }
}

void TestI18n::translationKeepsPlaceholdersAndAccelerators() {
    for (const Message& m : readTs(tsPath())) {
        const QString where = m.context + QStringLiteral(": ") + m.source;
        QVERIFY2(placeholders(m.source) == placeholders(m.translation), qPrintable(where));
        QVERIFY2(accelerators(m.source) == accelerators(m.translation), qPrintable(where));
    }
}

// lupdate over today's sources finds no text the committed file lacks: a new
// tr() without its German fails here, not in front of a German user.
void TestI18n::translationCoversEverySourceText() {
    QTemporaryDir dir;
    const QString fresh = dir.filePath(QStringLiteral("fresh_de.ts"));
    QProcess lupdate;
    lupdate.start(QStringLiteral(HH_LUPDATE_PATH),
                  {QStringLiteral("-silent"), QStringLiteral("-locations"), QStringLiteral("none"),
                   hh::test::sourcePath(QStringLiteral("ui")),
                   hh::test::sourcePath(QStringLiteral("app/gui/main.cpp")), QStringLiteral("-ts"),
                   fresh});
    QVERIFY(lupdate.waitForFinished(120000));
    QCOMPARE(lupdate.exitCode(), 0);
    QSet<QString> committed;
    for (const Message& m : readTs(tsPath()))
        committed.insert(m.context + QLatin1Char('|') + m.source);
    const QList<Message> current = readTs(fresh);
    QVERIFY(current.size() > 250);
    for (const Message& m : current)
        QVERIFY2(committed.contains(m.context + QLatin1Char('|') + m.source),
                 qPrintable(m.context + QStringLiteral(": ") + m.source));
}

QTEST_MAIN(TestI18n)
#include "tst_i18n.moc"
