// SPDX-License-Identifier: GPL-3.0-or-later
// The pronunciation lexicon: its file format, which words it matches, and what a
// listener and a viewer notice: the voice says the respelling, while captions,
// script and word times stay on the paper's own words.
#include "TestUtil.h"
#include "voice/EspeakVoice.h"
#include "voice/Lexicon.h"
#include "voice/SpokenText.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace hh;

namespace {

Script scriptOf(const QStringList& narrations) {
    Script script;
    script.title = QStringLiteral("Test");
    script.language = QStringLiteral("en");
    for (const QString& text : narrations)
        script.scenes.append(Scene{QStringLiteral("point"), text, {}, {}, {}});
    return script;
}

Narration speak(const QString& text, const Lexicon& lexicon) {
    VoiceParams params;
    params.lexicon = lexicon;
    auto narration = EspeakVoice().synthesize(scriptOf({text}), params, StepControl{});
    if (!narration)
        qWarning("%s", qPrintable(narration.error().message));
    return narration ? narration.value() : Narration{};
}

QStringList wordTexts(const Narration& narration) {
    QStringList texts;
    for (const WordTiming& word : narration.words)
        texts << word.text;
    return texts;
}

bool hasSpeech(const QByteArray& pcm) {
    const auto* samples = reinterpret_cast<const qint16*>(pcm.constData());
    return std::any_of(samples, samples + pcm.size() / 2,
                       [](qint16 sample) { return std::abs(int(sample)) > 1000; });
}

void verifyOrderedWithin(const Narration& narration) {
    qint64 previousEnd = 0;
    for (const WordTiming& word : narration.words) {
        QVERIFY2(word.startMs >= previousEnd, qPrintable(word.text));
        QVERIFY2(word.endMs > word.startMs, qPrintable(word.text));
        previousEnd = word.endMs;
    }
    QVERIFY(previousEnd <= narration.durationMs());
}

} // namespace

class TestLexicon : public QObject {
    Q_OBJECT
private slots:
    void parsesTheDocumentedFormat();
    void rejectsBrokenLines_data();
    void rejectsBrokenLines();
    void savesOwnerOnlyAndReadsBack();
    void missingFileIsEmpty();
    void matchesWholeWords_data();
    void matchesWholeWords();
    void timesComeBackToTheCaptionWords();
    void starterEntryChangesWhatEspeakSays_data();
    void starterEntryChangesWhatEspeakSays();
    void espeakPhonemesAreUsed();
    void espeakCaptionsStayOnThePapersWords();
};

void TestLexicon::parsesTheDocumentedFormat() {
    const auto lexicon = Lexicon::parse(QStringLiteral("# my words\n"
                                                       "\n"
                                                       "echolalia\tek-oh-LAY-lee-uh\n"
                                                       "CRISPR\tcrisper\tkr'Isp3\r\n"
                                                       "p  <  0.05\tp less than five percent\n"));
    QVERIFY2(lexicon.ok(), qPrintable(lexicon.error().message));
    const QList<LexiconEntry> expected = {
        {QStringLiteral("echolalia"), QStringLiteral("ek-oh-LAY-lee-uh"), {}},
        {QStringLiteral("CRISPR"), QStringLiteral("crisper"), QStringLiteral("kr'Isp3")},
        {QStringLiteral("p < 0.05"), QStringLiteral("p less than five percent"), {}},
    };
    QCOMPARE(lexicon->entries(), expected);
    // What it writes, it reads back the same.
    const auto again = Lexicon::parse(lexicon->toText());
    QVERIFY(again.ok());
    QCOMPARE(again->entries(), expected);
}

void TestLexicon::rejectsBrokenLines_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("no tab") << QStringLiteral("ok\tfine\nmRNA em R N A\n")
                            << QStringLiteral("line 2: expected word<TAB>respelling");
    QTest::newRow("empty respelling")
        << QStringLiteral("mRNA\t \n") << QStringLiteral("line 1: the respelling is empty");
    QTest::newRow("four fields") << QStringLiteral("a\tb\tc\td\n")
                                 << QStringLiteral("line 1: expected word<TAB>");
    QTest::newRow("bracketed phonemes") << QStringLiteral("a\tay\t[[eI]]\n")
                                        << QStringLiteral("line 1: write the phonemes without");
}

void TestLexicon::rejectsBrokenLines() {
    QFETCH(QString, text);
    QFETCH(QString, message);
    const auto lexicon = Lexicon::parse(text);
    QVERIFY(!lexicon.ok());
    QVERIFY2(lexicon.error().message.contains(message), qPrintable(lexicon.error().message));
}

void TestLexicon::savesOwnerOnlyAndReadsBack() {
    QTemporaryDir dir;
    const QString path = Lexicon::accountFile(dir.path());
    QCOMPARE(QFileInfo(path).fileName(), QStringLiteral("lexicon.tsv"));
    const Lexicon written = Lexicon::starter();
    QVERIFY(!written.save(path).isError());
    QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther |
                                         QFileDevice::WriteGroup | QFileDevice::WriteOther),
             QFileDevice::Permissions());
    const auto read = Lexicon::load(path);
    QVERIFY2(read.ok(), qPrintable(read.error().message));
    QCOMPARE(read->entries(), written.entries());
    // An entry that cannot be written is refused, the file left as it was.
    const Lexicon broken({{QStringLiteral("a\tb"), QStringLiteral("x"), {}}});
    QVERIFY(broken.save(path).isError());
    QCOMPARE(Lexicon::load(path)->entries(), written.entries());
}

void TestLexicon::missingFileIsEmpty() {
    QTemporaryDir dir;
    const auto lexicon = Lexicon::load(dir.filePath(QStringLiteral("none.tsv")));
    QVERIFY(lexicon.ok());
    QVERIFY(lexicon->isEmpty());
}

void TestLexicon::matchesWholeWords_data() {
    QTest::addColumn<QString>("narration");
    QTest::addColumn<QString>("spoken");
    QTest::newRow("punctuation kept") << QStringLiteral("Its (mRNA), not DNA.")
                                      << QStringLiteral("Its (messenger R N A), not DNA.");
    QTest::newRow("case-sensitive entry")
        << QStringLiteral("MRNA and mrna stay") << QStringLiteral("MRNA and mrna stay");
    QTest::newRow("lower-case entry matches any case")
        << QStringLiteral("Echolalia, ECHOLALIA and echolalia.")
        << QStringLiteral("ek-oh-LAY-lee-uh, ek-oh-LAY-lee-uh and ek-oh-LAY-lee-uh.");
    QTest::newRow("inside a longer word: untouched")
        << QStringLiteral("pre-mRNA mRNAs") << QStringLiteral("pre-mRNA mRNAs");
    QTest::newRow("several words, longest wins")
        << QStringLiteral("significant (p < 0.05).")
        << QStringLiteral("significant (p less than zero point zero five).");
    QTest::newRow("entry with its own full stop")
        << QStringLiteral("Smith et al. found") << QStringLiteral("Smith and colleagues found");
    QTest::newRow("Greek letter and unit")
        << QStringLiteral("TNF α at 5 µm") << QStringLiteral("TNF alpha at 5 micrometers");
}

void TestLexicon::matchesWholeWords() {
    QFETCH(QString, narration);
    QFETCH(QString, spoken);
    QList<LexiconEntry> entries = Lexicon::starter().entries();
    entries.append({QStringLiteral("echolalia"), QStringLiteral("ek-oh-LAY-lee-uh"), {}});
    entries.append({QStringLiteral("p"), QStringLiteral("pee"), {}});
    const SpokenText text(narration, Lexicon(entries), Lexicon::Form::Respelling);
    QCOMPARE(text.text(), spoken);
    QCOMPARE(text.captionWords(), WordAligner::captionWords(narration));
}

void TestLexicon::timesComeBackToTheCaptionWords() {
    const SpokenText text(QStringLiteral("The mRNA (p < 0.05) rose."), Lexicon::starter(),
                          Lexicon::Form::Respelling);
    // "The messenger R N A (p less than zero point zero five) rose." as an aligner
    // would time it: one spoken word per 100 ms.
    const QStringList spokenWords = WordAligner::captionWords(text.text());
    QCOMPARE(spokenWords.size(), 13);
    QList<AlignedWord> spoken;
    for (qsizetype i = 0; i < spokenWords.size(); ++i)
        spoken.append({spokenWords.at(i), i * 100, i * 100 + 90});
    const QList<AlignedWord> words = text.toCaptionWords(spoken);
    const QList<AlignedWord> expected = {
        {QStringLiteral("The"), 0, 90},
        {QStringLiteral("mRNA"), 100, 490}, // messenger R N A
        {QStringLiteral("(p"), 500, 730},   // p less than zero point zero five),
        {QStringLiteral("<"), 730, 960},    // shared evenly by the three words
        {QStringLiteral("0.05)"), 960, 1190},
        {QStringLiteral("rose."), 1200, 1290}, // the words after it keep their place
    };
    QCOMPARE(words, expected);
}

void TestLexicon::starterEntryChangesWhatEspeakSays_data() {
    QTest::addColumn<LexiconEntry>("entry");
    const Lexicon starter = Lexicon::starter();
    for (const LexiconEntry& entry : starter.entries())
        QTest::newRow(qPrintable(entry.word)) << entry;
}

void TestLexicon::starterEntryChangesWhatEspeakSays() {
    QFETCH(LexiconEntry, entry);
    const QString narration = QStringLiteral("We saw %1 here.").arg(entry.word);
    // The phoneme stream: audio differs by a few samples from call to call anyway.
    const QString respelled =
        SpokenText(narration, Lexicon({entry}), Lexicon::Form::Respelling).text();
    QVERIFY(respelled != narration);
    const QString before = EspeakVoice::phonemes(narration);
    const QString after = EspeakVoice::phonemes(respelled);
    QVERIFY(!after.isEmpty());
    QVERIFY2(after != before, qPrintable(QStringLiteral("still says: ") + after));
    const Narration said = speak(narration, Lexicon({entry}));
    QVERIFY(hasSpeech(said.pcm));
    QCOMPARE(wordTexts(said), WordAligner::captionWords(narration));
    verifyOrderedWithin(said);
}

void TestLexicon::espeakPhonemesAreUsed() {
    // For espeak the phonemes win over the respelling. The respelling here is
    // long, so the narration's length tells which of the two was said.
    const QString narration = QStringLiteral("Use CRISPR now.");
    const QString longRespelling = QStringLiteral("banana split with ice cream and cherries");
    const Narration byPhonemes =
        speak(narration,
              Lexicon({{QStringLiteral("CRISPR"), longRespelling, QStringLiteral("kr'Isp3")}}));
    const Narration byRespelling =
        speak(narration, Lexicon({{QStringLiteral("CRISPR"), longRespelling, {}}}));
    const Narration plain = speak(narration, Lexicon());
    QVERIFY(hasSpeech(byPhonemes.pcm));
    QVERIFY(byPhonemes.pcm != plain.pcm);
    QVERIFY2(byRespelling.durationMs() > byPhonemes.durationMs() + 1000,
             qPrintable(QStringLiteral("%1 ms vs %2 ms")
                            .arg(byRespelling.durationMs())
                            .arg(byPhonemes.durationMs())));
    QCOMPARE(wordTexts(byPhonemes), WordAligner::captionWords(narration));
    verifyOrderedWithin(byPhonemes);
}

void TestLexicon::espeakCaptionsStayOnThePapersWords() {
    const QString narration =
        QStringLiteral("We measured mRNA levels (p < 0.05) in 5 µm slices of tissue today.");
    const Narration plain = speak(narration, Lexicon());
    const Narration said = speak(narration, Lexicon::starter());
    QVERIFY(said.pcm != plain.pcm);
    // The respellings are longer to say: the narration grows, the captions do not change.
    QVERIFY(said.durationMs() > plain.durationMs());
    QCOMPARE(wordTexts(said), WordAligner::captionWords(narration));
    QCOMPARE(wordTexts(plain), wordTexts(said));
    verifyOrderedWithin(said);
    // The words after the lexicon's groups still start when they are spoken:
    // "tissue" comes later than without the lexicon, by about the added speech.
    const qsizetype tissue = wordTexts(said).indexOf(QStringLiteral("tissue"));
    QVERIFY(tissue > 0);
    QVERIFY(said.words.at(tissue).startMs > plain.words.at(tissue).startMs);
}

QTEST_GUILESS_MAIN(TestLexicon)
#include "tst_lexicon.moc"
