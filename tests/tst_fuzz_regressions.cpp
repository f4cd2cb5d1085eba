// SPDX-License-Identifier: GPL-3.0-or-later
// Every input the fuzzers ever crashed, hung or leaked on (kept in
// tests/data/fuzz-regressions/<target>/) goes through the same code as the fuzz
// target, in the normal suite and under the sanitizers: a fixed bug stays fixed.
#include "FuzzTargets.h"
#include "TestUtil.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTest>

class TestFuzzRegressions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void everyFolderIsATarget();
    void replays_data();
    void replays();
};

namespace {
QDir regressionsDir() {
    return QDir(hh::test::sourcePath(QStringLiteral("tests/data/fuzz-regressions")));
}
} // namespace

void TestFuzzRegressions::initTestCase() {
    hh::fuzz::ensureGuiApp();
}

// A folder the replay does not know would silently never be replayed.
void TestFuzzRegressions::everyFolderIsATarget() {
    const QDir dir = regressionsDir();
    QVERIFY2(dir.exists(), qPrintable(dir.path()));
    for (const QString& name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        QVERIFY2(hh::fuzz::targetByName(name) != nullptr,
                 qPrintable(QStringLiteral("no fuzz target is called %1").arg(name)));
}

void TestFuzzRegressions::replays_data() {
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("path");
    const QDir dir = regressionsDir();
    for (const QString& target : hh::fuzz::targetNames()) {
        // The empty input is where many parsers first go wrong; every target gets it.
        QTest::addRow("%s/(empty)", qPrintable(target)) << target << QString();
        const QDir sub(dir.filePath(target));
        for (const QString& name : sub.entryList(QDir::Files, QDir::Name))
            QTest::addRow("%s/%s", qPrintable(target), qPrintable(name))
                << target << sub.filePath(name);
    }
}

void TestFuzzRegressions::replays() {
    QFETCH(QString, target);
    QFETCH(QString, path);
    QByteArray input;
    if (!path.isEmpty()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        input = file.readAll();
    }
    QElapsedTimer timer;
    timer.start();
    const QString problem = hh::fuzz::targetByName(target)(input);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // The fuzzers' -timeout is 10 s under sanitizers; a fixed hang must stay well below.
    QVERIFY2(timer.elapsed() < 10000,
             qPrintable(QStringLiteral("took %1 ms").arg(timer.elapsed())));
}

QTEST_MAIN(TestFuzzRegressions)
#include "tst_fuzz_regressions.moc"
