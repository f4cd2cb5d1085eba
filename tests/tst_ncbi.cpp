// SPDX-License-Identifier: GPL-3.0-or-later
// Papers fetched by identifier from NCBI: parsing what users paste, and (below)
// the PubMed / PubMed Central client against a fake NCBI on 127.0.0.1 that speaks
// the real wire formats.
#include "TestUtil.h"
#include "providers/PaperIdentifier.h"

#include <QtTest>

using namespace hh;

Q_DECLARE_METATYPE(hh::PaperIdentifier::Kind)

class TestNcbi : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void identifiers_data();
    void identifiers();
};

void TestNcbi::identifiers_data() {
    using Kind = PaperIdentifier::Kind;
    QTest::addColumn<QString>("text");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("display");

    QTest::newRow("PMID digits") << "31452104" << Kind::Pmid << "31452104"
                                 << "PMID 31452104";
    QTest::newRow("PMID: prefix") << "PMID: 31452104" << Kind::Pmid << "31452104"
                                  << "PMID 31452104";
    QTest::newRow("pmid lower, no space") << "pmid31452104" << Kind::Pmid << "31452104"
                                          << "PMID 31452104";
    QTest::newRow("spaces around") << "  31452104 \n"
                                   << Kind::Pmid << "31452104"
                                   << "PMID 31452104";
    QTest::newRow("leading zeros") << "031452104" << Kind::Pmid << "31452104"
                                   << "PMID 31452104";
    QTest::newRow("one digit") << "7" << Kind::Pmid << "7"
                               << "PMID 7";
    QTest::newRow("PMCID") << "PMC6398430" << Kind::Pmcid << "PMC6398430"
                           << "PMC6398430";
    QTest::newRow("pmcid lower") << "pmc6398430" << Kind::Pmcid << "PMC6398430"
                                 << "PMC6398430";
    QTest::newRow("PMCID: prefix") << "PMCID: PMC6398430" << Kind::Pmcid << "PMC6398430"
                                   << "PMC6398430";
    QTest::newRow("DOI") << "10.7717/peerj-cs.118" << Kind::Doi << "10.7717/peerj-cs.118"
                         << "DOI 10.7717/peerj-cs.118";
    QTest::newRow("DOI upper-case")
        << "10.1093/BEHECO/ary157" << Kind::Doi << "10.1093/beheco/ary157"
        << "DOI 10.1093/beheco/ary157";
    QTest::newRow("doi: prefix") << "doi:10.7717/peerj-cs.118" << Kind::Doi
                                 << "10.7717/peerj-cs.118"
                                 << "DOI 10.7717/peerj-cs.118";
    QTest::newRow("DOI: with space")
        << "DOI: 10.7717/peerj-cs.118" << Kind::Doi << "10.7717/peerj-cs.118"
        << "DOI 10.7717/peerj-cs.118";
    QTest::newRow("doi.org link") << "https://doi.org/10.7717/peerj-cs.118" << Kind::Doi
                                  << "10.7717/peerj-cs.118"
                                  << "DOI 10.7717/peerj-cs.118";
    QTest::newRow("dx.doi.org link, encoded")
        << "http://dx.doi.org/10.1002/%28SICI%291097-4636" << Kind::Doi << "10.1002/(sici)1097-4636"
        << "DOI 10.1002/(sici)1097-4636";
    QTest::newRow("DOI with odd characters")
        << "10.1002/(SICI)1097-4636(199905)45:2<77::AID-JBM1>3.0.CO;2-W" << Kind::Doi
        << "10.1002/(sici)1097-4636(199905)45:2<77::aid-jbm1>3.0.co;2-w"
        << "DOI 10.1002/(sici)1097-4636(199905)45:2<77::aid-jbm1>3.0.co;2-w";
    QTest::newRow("PubMed link") << "https://pubmed.ncbi.nlm.nih.gov/31452104/" << Kind::Pmid
                                 << "31452104"
                                 << "PMID 31452104";
    QTest::newRow("PMC link") << "https://pmc.ncbi.nlm.nih.gov/articles/PMC6398430/" << Kind::Pmcid
                              << "PMC6398430"
                              << "PMC6398430";
    QTest::newRow("old PMC link") << "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC6398430/"
                                  << Kind::Pmcid << "PMC6398430"
                                  << "PMC6398430";

    const QStringList rejected = {
        QString(),
        QStringLiteral("   "),
        QStringLiteral("0"),
        QStringLiteral("0000"),
        QStringLiteral("PMC0"),
        QStringLiteral("1234567890"), // 10 digits
        QStringLiteral("31452104123456"),
        QStringLiteral("-31452104"),
        QStringLiteral("3145 2104"),
        QStringLiteral("PMC"),
        QStringLiteral("PMCabc"),
        QStringLiteral("paper.pdf"),
        QStringLiteral("/home/ada/papers/31452104.pdf"),
        QStringLiteral("./31452104"),
        QStringLiteral("C:\\papers\\31452104.pdf"),
        QStringLiteral("10.7717"),              // no suffix
        QStringLiteral("10.77/x"),              // registrant too short
        QStringLiteral("10.7717/peerj cs.118"), // white space inside
        QStringLiteral("doi:"),
        QStringLiteral("https://example.org/10.7717/peerj-cs.118"),
        QStringLiteral("hello world"),
    };
    for (const QString& text : rejected)
        QTest::newRow(qPrintable(QStringLiteral("rejects \"%1\"").arg(text)))
            << text << Kind::None << QString() << QString();
}

void TestNcbi::identifiers() {
    QFETCH(QString, text);
    QFETCH(PaperIdentifier::Kind, kind);
    QFETCH(QString, value);
    QFETCH(QString, display);
    const PaperIdentifier id = PaperIdentifier::parse(text);
    QCOMPARE(id.kind, kind);
    QCOMPARE(id.value, value);
    QCOMPARE(id.displayName(), display);
    QCOMPARE(id.isValid(), kind != PaperIdentifier::Kind::None);
}

QTEST_GUILESS_MAIN(TestNcbi)
#include "tst_ncbi.moc"
