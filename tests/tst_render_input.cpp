// SPDX-License-Identifier: GPL-3.0-or-later
// Awkward papers still become a sensible video (or a specific error): no
// abstract, one sentence, non-Latin script, symbols a voice cannot say, and a
// 2,000-page PDF.
#include "TestUtil.h"
#include "jobs/JobSteps.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QPdfWriter>
#include <QTemporaryDir>
#include <QTest>

using namespace hh;

namespace {

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& content) {
    const QString path = dir.filePath(name);
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    file.write(content);
    return path;
}

QByteArray jatsWith(const QString& title, const QString& abstract) {
    return QStringLiteral(
               "<?xml "
               "version=\"1.0\"?><article><front><article-meta><title-group><article-title>%1</"
               "article-title>"
               "</title-group><abstract><p>%2</p></abstract></article-meta></front></article>")
        .arg(title.toHtmlEscaped(), abstract.toHtmlEscaped())
        .toUtf8();
}

// A long, real PDF made here: QPdfWriter is part of Qt Gui.
QString writeLongPdf(const QTemporaryDir& dir, int pages) {
    const QString path = dir.filePath(QStringLiteral("long.pdf"));
    QPdfWriter writer(path);
    writer.setResolution(72);
    QPainter painter(&writer);
    QFont title(QStringLiteral("DejaVu Sans"));
    title.setPixelSize(22);
    title.setBold(true);
    QFont body(QStringLiteral("DejaVu Sans"));
    body.setPixelSize(10);
    for (int page = 0; page < pages; ++page) {
        if (page > 0)
            writer.newPage();
        if (page == 0) {
            painter.setFont(title);
            painter.drawText(QRect(40, 40, 500, 60), Qt::TextWordWrap,
                             QStringLiteral("Sea otters use rocks as tools"));
        }
        painter.setFont(body);
        painter.drawText(
            QRect(40, 120, 500, 400), Qt::TextWordWrap,
            QStringLiteral("We observed 214 otters over 3 years. Otters that used rocks broke open "
                           "hard snails "
                           "more often than otters that did not. Page %1 repeats the observations.")
                .arg(page + 1));
    }
    return path;
}

} // namespace

class TestRenderInput : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void awkwardPapersStillMakeAVideo_data();
    void awkwardPapersStillMakeAVideo();
};

void TestRenderInput::awkwardPapersStillMakeAVideo_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expectedLanguage");
    QTest::addColumn<QString>("expectedWarning");
    // Its abstract is English, its body Ukrainian: one language is narrated, not a mix.
    QTest::newRow("ukrainian docx") << "corpus:docx/DOCX2JATS_article2_ukrainian.docx"
                                    << ""
                                    << "";
    QTest::newRow("pubmed without abstract") << "corpus:pubmed_xml/metapub_11618220.xml"
                                             << "en"
                                             << "abstract";
    QTest::newRow("one sentence") << "one"
                                  << "en"
                                  << "";
    QTest::newRow("unsayable symbols") << "symbols"
                                       << "en"
                                       << "";
    QTest::newRow("2,000 pages") << "long"
                                 << "en"
                                 << "pages";
}

void TestRenderInput::awkwardPapersStillMakeAVideo() {
    QFETCH(QString, kind);
    QFETCH(QString, expectedLanguage);
    QFETCH(QString, expectedWarning);
    QTemporaryDir dir;
    QString input;
    if (kind.startsWith(QLatin1String("corpus:")))
        input = hh::test::corpusPath(kind.mid(7));
    else if (kind == QLatin1String("one"))
        input =
            writeFile(dir, QStringLiteral("one.xml"),
                      jatsWith(QStringLiteral("Crows remember faces"),
                               QStringLiteral(
                                   "Wild crows scolded a masked person they had seen trap them.")));
    else if (kind == QLatin1String("symbols"))
        input = writeFile(
            dir, QStringLiteral("symbols.xml"),
            jatsWith(
                QStringLiteral("Δψ ≥ 3σ 🚀 — ∮ E·dA"),
                QStringLiteral(
                    "Membrane potential Δψ rose by 12 ± 3 mV (p ≤ 0.01) ⟨n⟩ ≈ 7 🧪 in "
                    "all "
                    "∀ "
                    "cells ⊕ tested. "
                    "The change was seen in every cell we measured across the whole series.")));
    else
        input = writeLongPdf(dir, 2000);

    JobOptions options;
    options.input = input;
    options.durationSeconds = 30;
    JobSteps job(dir.filePath(QStringLiteral("job")), options);
    QElapsedTimer timer;
    timer.start();
    const Error error = job.run({}, nullptr);
    QVERIFY2(!error.isError(), qPrintable(error.code() + QStringLiteral(": ") + error.message));
    QVERIFY2(timer.elapsed() < 240000, "took too long");
    QVERIFY(QFileInfo(job.finalVideoPath()).size() > 1000);

    QFile scriptFile(job.artifactPath(QStringLiteral("script.json")));
    QVERIFY(scriptFile.open(QIODevice::ReadOnly));
    const QJsonObject script = QJsonDocument::fromJson(scriptFile.readAll()).object();
    const QString language = script.value(QLatin1String("language")).toString();
    if (!expectedLanguage.isEmpty())
        QCOMPARE(language, expectedLanguage);
    const QJsonArray scenes = script.value(QLatin1String("scenes")).toArray();
    QVERIFY(!scenes.isEmpty());
    for (const auto& scene : scenes) {
        const QString narration = scene.toObject().value(QLatin1String("narration")).toString();
        int cyrillic = 0;
        int latin = 0;
        for (const QChar c : narration) {
            cyrillic += c.script() == QChar::Script_Cyrillic ? 1 : 0;
            latin += c.script() == QChar::Script_Latin ? 1 : 0;
        }
        QVERIFY2(language == QLatin1String("uk") ? cyrillic > latin : cyrillic == 0,
                 qPrintable(narration));
    }

    QFile wordsFile(job.artifactPath(QStringLiteral("words.json")));
    QVERIFY(wordsFile.open(QIODevice::ReadOnly));
    QVERIFY(!QJsonDocument::fromJson(wordsFile.readAll()).array().isEmpty());

    if (!expectedWarning.isEmpty()) {
        QFile paperFile(job.artifactPath(QStringLiteral("paper.json")));
        QVERIFY(paperFile.open(QIODevice::ReadOnly));
        const QJsonArray warnings = QJsonDocument::fromJson(paperFile.readAll())
                                        .object()
                                        .value(QLatin1String("warnings"))
                                        .toArray();
        bool found = false;
        for (const auto& w : warnings)
            found |= w.toString().contains(expectedWarning, Qt::CaseInsensitive);
        QVERIFY2(found, qPrintable(QJsonDocument(warnings).toJson()));
    }
}

QTEST_MAIN(TestRenderInput)
#include "tst_render_input.moc"
