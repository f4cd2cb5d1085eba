// SPDX-License-Identifier: GPL-3.0-or-later
// Settings → Pronunciation as a user sees it: the account's words are there when
// the page opens, added/edited/deleted rows are written on OK (owner-only), a
// row that cannot be saved stops the save with a note instead of losing the
// file, and Test speaks the word with the lexicon applied, off the GUI thread.
#include "LexiconModel.h"
#include "PronunciationPage.h"
#include "VoiceSample.h"
#include "providers/WordAligner.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace hh;

namespace {

void selectRow(PronunciationPage& page, int row) {
    page.table()->selectRow(row);
    page.table()->setCurrentIndex(page.model()->index(row, 0));
}

void saveShot(QWidget& widget, const QString& name) {
    QDir().mkpath(QStringLiteral("/tmp/voices-shots"));
    widget.grab().save(QStringLiteral("/tmp/voices-shots/") + name);
}

} // namespace

class TestPronunciation : public QObject {
    Q_OBJECT
private slots:
    void showsTheAccountsWords();
    void addEditDeleteAreSavedOwnerOnly();
    void aRowThatCannotBeSavedKeepsTheFile();
    void starterTermsAreAddedOnce();
    void testSaysTheRespellingUnderThePapersWord();
};

void TestPronunciation::showsTheAccountsWords() {
    QTemporaryDir dir;
    const QString file = Lexicon::accountFile(dir.path());
    QVERIFY(!Lexicon({{QStringLiteral("echolalia"), QStringLiteral("ek-oh-LAY-lee-uh"), {}}})
                 .save(file)
                 .isError());
    PronunciationPage page(file);
    QCOMPARE(page.model()->rowCount(), 1);
    QCOMPARE(page.model()->index(0, LexiconModel::RespellingColumn).data().toString(),
             QStringLiteral("ek-oh-LAY-lee-uh"));
    QVERIFY(!page.deleteButton()->isEnabled()); // nothing selected yet
    selectRow(page, 0);
    QVERIFY(page.deleteButton()->isEnabled());
    QVERIFY(page.testButton()->isEnabled());
}

void TestPronunciation::addEditDeleteAreSavedOwnerOnly() {
    QTemporaryDir dir;
    const QString file = Lexicon::accountFile(dir.path());
    PronunciationPage page(file);
    QCOMPARE(page.model()->rowCount(), 0);
    page.addButton()->click();
    page.addButton()->click();
    QCOMPARE(page.model()->rowCount(), 2);
    LexiconModel* model = page.model();
    model->setData(model->index(0, 0), QStringLiteral("  Nrf2 "), Qt::EditRole);
    model->setData(model->index(0, 1), QStringLiteral("nerf two"), Qt::EditRole);
    model->setData(model->index(1, 0), QStringLiteral("gone"), Qt::EditRole);
    model->setData(model->index(1, 1), QStringLiteral("soon"), Qt::EditRole);
    selectRow(page, 1);
    page.deleteButton()->click();
    QCOMPARE(model->rowCount(), 1);
    page.resize(640, 420);
    saveShot(page, QStringLiteral("pronunciation-edit.png"));

    QVERIFY(page.save());
    const auto saved = Lexicon::load(file);
    QVERIFY(saved.ok());
    const QList<LexiconEntry> expected = {{QStringLiteral("Nrf2"), QStringLiteral("nerf two"), {}}};
    QCOMPARE(saved->entries(), expected);
    QCOMPARE(QFile::permissions(file) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions());
    PronunciationPage reopened(file);
    QCOMPARE(reopened.model()->lexicon().entries(), expected);
}

void TestPronunciation::aRowThatCannotBeSavedKeepsTheFile() {
    QTemporaryDir dir;
    const QString file = Lexicon::accountFile(dir.path());
    const Lexicon before({{QStringLiteral("mRNA"), QStringLiteral("messenger R N A"), {}}});
    QVERIFY(!before.save(file).isError());
    PronunciationPage page(file);
    page.show();
    page.addButton()->click();
    page.model()->setData(page.model()->index(1, 0), QStringLiteral("Nrf2"), Qt::EditRole);
    QVERIFY(!page.save());
    QVERIFY(page.statusLabel()->isVisible());
    QVERIFY2(page.statusLabel()->text().contains(QStringLiteral("Row 2")),
             qPrintable(page.statusLabel()->text()));
    QCOMPARE(Lexicon::load(file)->entries(), before.entries());
}

void TestPronunciation::starterTermsAreAddedOnce() {
    QTemporaryDir dir;
    PronunciationPage page(Lexicon::accountFile(dir.path()));
    page.starterButton()->click();
    const int count = page.model()->rowCount();
    QCOMPARE(count, Lexicon::starter().entries().size());
    page.starterButton()->click();
    QCOMPARE(page.model()->rowCount(), count);
    page.resize(640, 480);
    saveShot(page, QStringLiteral("pronunciation-starter.png"));
}

void TestPronunciation::testSaysTheRespellingUnderThePapersWord() {
    QTemporaryDir dir;
    const QString file = Lexicon::accountFile(dir.path());
    // A respelling far longer than the word: the sample's length shows which was said.
    QVERIFY(!Lexicon({{QStringLiteral("Nrf2"),
                       QStringLiteral("nuclear factor erythroid two related factor two"),
                       {}}})
                 .save(file)
                 .isError());
    PronunciationPage page(file);
    QList<Narration> heard;
    page.sample()->setPlaybackHook([&heard](const Narration& sample, const QString&) {
        heard.append(sample);
        return QString();
    });
    QSignalSpy done(page.sample(), &VoiceSample::synthesised);
    selectRow(page, 0);
    page.testButton()->click();
    QVERIFY(done.wait(20000));
    QCOMPARE(heard.size(), 1);
    QCOMPARE(heard.first().words.size(), 1);
    QCOMPARE(heard.first().words.first().text, QStringLiteral("Nrf2"));
    QVERIFY2(heard.first().durationMs() > 1800,
             qPrintable(QString::number(heard.first().durationMs())));
    QTRY_VERIFY(!page.sample()->isActive());
}

QTEST_MAIN(TestPronunciation)
#include "tst_pronunciation.moc"
