// SPDX-License-Identifier: GPL-3.0-or-later
// The Paper model: JSON round trip with the keys of design/cli.md, sentence
// addressing, and safe figure file names.
#include "Paper.h"
#include "SentenceSplitter.h"
#include "TextUtil.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace hh;

class TestPaper : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void splitsSentences_data();
    void splitsSentences();
    void jsonHasEveryKeyEvenWhenEmpty();
    void jsonRoundTrip();
    void sentenceIdsAddressSectionParagraphSentence();
    void figureIdsNeverLeaveTheFolder();
    void normalizesLicences_data();
    void normalizesLicences();
};

void TestPaper::splitsSentences_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("two") << "Mice slept more. They ate less."
                         << QStringList{"Mice slept more.", "They ate less."};
    QTest::newRow("et al") << "As Smith et al. showed, it works. Next one."
                           << QStringList{"As Smith et al. showed, it works.", "Next one."};
    QTest::newRow("decimal and p value")
        << "The effect was 3.5 times larger (p < 0.05). It held."
        << QStringList{"The effect was 3.5 times larger (p < 0.05).", "It held."};
    QTest::newRow("figure ref") << "See Fig. 2 for details. Done."
                                << QStringList{"See Fig. 2 for details.", "Done."};
    QTest::newRow("initial") << "Work by J. Smith was cited. Then."
                             << QStringList{"Work by J. Smith was cited.", "Then."};
    QTest::newRow("e.g.") << "Some fruits, e.g. apples, are red. Yes."
                          << QStringList{"Some fruits, e.g. apples, are red.", "Yes."};
    QTest::newRow("question") << "Why? Because." << QStringList{"Why?", "Because."};
    QTest::newRow("no final dot") << "A title without a dot"
                                  << QStringList{"A title without a dot"};
    QTest::newRow("lowercase continuation") << "Values were ca. three-fold higher. ok"
                                            << QStringList{"Values were ca. three-fold higher. ok"};
}

void TestPaper::splitsSentences() {
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    QCOMPARE(splitSentences(text), expected);
}

void TestPaper::jsonHasEveryKeyEvenWhenEmpty() {
    const QJsonObject json = Paper{}.toJson();
    for (const char* key : {"source", "title", "authors", "journal", "year", "doi", "pmid", "pmcid",
                            "license", "abstract", "sections", "figures", "references", "warnings"})
        QVERIFY2(json.contains(QLatin1String(key)), key);
    QVERIFY(json.value(QLatin1String("authors")).isArray());
    QVERIFY(json.value(QLatin1String("title")).isString());
}

void TestPaper::jsonRoundTrip() {
    Paper paper;
    paper.source = QStringLiteral("jats");
    paper.title = QStringLiteral("The replication of DNA in Escherichia coli");
    paper.authors = {{QStringLiteral("Matthew Meselson"), QStringLiteral("Caltech")},
                     {QStringLiteral("Franklin W. Stahl"), {}}};
    paper.journal = QStringLiteral("PNAS");
    paper.year = 1958;
    paper.doi = QStringLiteral("10.1073/pnas.44.7.671");
    paper.abstract = {
        {QStringLiteral("Results"), QStringLiteral("DNA replicates semi-conservatively.")}};
    paper.sections = {
        {QStringLiteral("Methods"), 1, {QStringLiteral("We grew cells in 15N. Then 14N.")}}};
    Figure figure;
    figure.id = QStringLiteral("fig1");
    figure.label = QStringLiteral("Figure 1");
    figure.caption = QStringLiteral("Bands.");
    paper.figures = {figure};
    paper.references = 12;
    paper.warnings = {QStringLiteral("abstract-only")};

    const Paper back = Paper::fromJson(paper.toJson());
    QCOMPARE(back.title, paper.title);
    QCOMPARE(back.authors, paper.authors);
    QCOMPARE(back.year, 1958);
    QCOMPARE(back.abstract, paper.abstract);
    QCOMPARE(back.sections, paper.sections);
    QCOMPARE(back.figures.size(), 1);
    QCOMPARE(back.figures.first().label, QStringLiteral("Figure 1"));
    QCOMPARE(back.references, 12);
    QCOMPARE(back.warnings, paper.warnings);
}

void TestPaper::sentenceIdsAddressSectionParagraphSentence() {
    Paper paper;
    paper.abstract = {{QString(), QStringLiteral("First claim. Second claim.")}};
    paper.sections = {{QStringLiteral("Intro"),
                       1,
                       {QStringLiteral("Para one."), QStringLiteral("A. B is here. C.")}}};
    const auto sentences = paper.sentences();
    QStringList ids;
    for (const auto& s : sentences)
        ids << s.id;
    QCOMPARE(ids, (QStringList{"abs0.s0", "abs0.s1", "sec0.p0.s0", "sec0.p1.s0", "sec0.p1.s1"}));
    QCOMPARE(sentences.at(4).text, QStringLiteral("C."));
    QCOMPARE(sentences.at(3).where, QStringLiteral("Intro ¶2"));
}

void TestPaper::figureIdsNeverLeaveTheFolder() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Paper paper;
    Figure evil;
    evil.id = QStringLiteral("../../escape");
    evil.imageData = QByteArrayLiteral("\x89PNG");
    evil.imageSuffix = QStringLiteral("png");
    paper.figures = {evil};
    QString error;
    QVERIFY2(paper.saveFigures(dir.filePath(QStringLiteral("figures")), &error), qPrintable(error));
    QCOMPARE(paper.figures.first().image, QStringLiteral("figures/escape.png"));
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("figures/escape.png"))));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("../escape.png"))));
}

void TestPaper::normalizesLicences_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("cc by url") << "http://creativecommons.org/licenses/by/4.0/"
                               << "CC BY 4.0";
    QTest::newRow("cc by-nc url") << "https://creativecommons.org/licenses/by-nc/3.0/"
                                  << "CC BY-NC 3.0";
    QTest::newRow("cc0 url") << "http://creativecommons.org/publicdomain/zero/1.0/"
                             << "CC0 1.0";
    QTest::newRow("statement") << "This is an open-access article distributed under the terms of "
                                  "the Creative Commons Attribution License"
                               << "CC BY";
    QTest::newRow("unknown") << "All rights reserved"
                             << "";
}

void TestPaper::normalizesLicences() {
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(normalizeLicense(input), expected);
}

QTEST_GUILESS_MAIN(TestPaper)
#include "tst_paper.moc"
