// SPDX-License-Identifier: GPL-3.0-or-later
// API keys and PDF passwords never reach the disk or the terminal. The CLI runs
// jobs with distinctive fake keys in its environment, including runs that fail
// with errors a careless program would word with the key in them; then every
// byte it could have left behind is searched: the data folder (database, WAL,
// job folders, logs), HOME and the XDG folders (settings, state, cache), and
// everything it printed.
#include "FakeHttpServer.h"
#include "TestUtil.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

// Shapes that the log's generic patterns (AIza…, sk-…, key=…) would not catch:
// only registering the exact value can keep these out.
const QList<QPair<const char*, QByteArray>> kKeys{
    {"GEMINI_API_KEY", "hhfake-gemini-4b1d7c9e02a5f3"},
    {"RUNWAYML_API_SECRET", "hhfake-runway-8e6f0a4c1b7d92"},
    {"NCBI_API_KEY", "hhfake-ncbi-5c3a9e7f1d0b64"},
    {"OPENAI_API_KEY", "hhfake-openai-2f8b6d4a0c9e17"},
};
const QByteArray kPdfPassword = "hhfake-pdfpw-7a1c5e9b3d";

} // namespace

class TestSecrets : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void scannerFindsAPlantedKey();
    void keysNeverWrittenOrPrinted();

private:
    struct Run {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Run cli(const QStringList& args, const QList<QPair<QByteArray, QByteArray>>& extraEnv = {});
    // Files under the temporary root that contain one of the secrets.
    QStringList filesContainingSecrets() const;
    static QList<QByteArray> secrets();

    QTemporaryDir m_root;
    QString m_data;
    QByteArray m_printed; // stdout and stderr of every run
};

QList<QByteArray> TestSecrets::secrets() {
    QList<QByteArray> out;
    for (const auto& [name, value] : kKeys)
        out << value;
    out << kPdfPassword;
    return out;
}

void TestSecrets::initTestCase() {
    QVERIFY(m_root.isValid());
    m_data = m_root.filePath(QStringLiteral("data"));
    for (const char* sub : {"home", "config", "state", "cache", "share", "runtime"})
        QVERIFY(QDir().mkpath(m_root.filePath(QLatin1String(sub))));
    QFile::setPermissions(m_root.filePath(QStringLiteral("runtime")),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

TestSecrets::Run TestSecrets::cli(const QStringList& args,
                                  const QList<QPair<QByteArray, QByteArray>>& extraEnv) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // Everything the CLI could write outside --data-dir lands under the temporary root.
    env.insert(QStringLiteral("HOME"), m_root.filePath(QStringLiteral("home")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_root.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_STATE_HOME"), m_root.filePath(QStringLiteral("state")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), m_root.filePath(QStringLiteral("cache")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_root.filePath(QStringLiteral("share")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_root.filePath(QStringLiteral("runtime")));
    for (const auto& [name, value] : kKeys)
        env.insert(QLatin1String(name), QString::fromLatin1(value));
    for (const auto& [name, value] : extraEnv)
        env.insert(QString::fromLatin1(name), QString::fromLatin1(value));
    QProcess process;
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(m_root.path());
    process.start(QStringLiteral(HH_CLI_PATH), args);
    const hh::test::ProgramRun ran = hh::test::waitWhileProgressing(process);
    Run run{ran.exitCode, ran.out, ran.err};
    m_printed += run.out + run.err;
    return run;
}

QStringList TestSecrets::filesContainingSecrets() const {
    QStringList found;
    QDirIterator it(m_root.path(), QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.readAll();
        for (const QByteArray& secret : secrets()) {
            // UTF-16 too: Qt writes some files (and SQLite may store text) that way.
            const QString text = QString::fromLatin1(secret);
            const QByteArray utf16(reinterpret_cast<const char*>(text.utf16()), text.size() * 2);
            if (bytes.contains(secret) || bytes.contains(utf16))
                found << QDir(m_root.path()).relativeFilePath(path) + QStringLiteral(": ") +
                             QString::fromLatin1(secret);
        }
    }
    return found;
}

// The search below must be able to fail: a key planted in a database-like file
// deep in the tree is found.
void TestSecrets::scannerFindsAPlantedKey() {
    const QString planted = m_root.filePath(QStringLiteral("home/.local/planted.sqlite-wal"));
    QVERIFY(QDir().mkpath(QFileInfo(planted).absolutePath()));
    QFile file(planted);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(100, '\0') + kKeys.at(2).second + QByteArray(7, '\1'));
    file.close();
    QCOMPARE(filesContainingSecrets().size(), 1);
    QVERIFY(QFile::remove(planted));
    QVERIFY(filesContainingSecrets().isEmpty());
}

void TestSecrets::keysNeverWrittenOrPrinted() {
    const QString tiny = hh::test::sourcePath(QStringLiteral("tests/data/tiny-paper.xml"));
    const QStringList data{QStringLiteral("--data-dir"), m_data, QStringLiteral("--user"),
                           QStringLiteral("ada")};
    const QStringList quick{QStringLiteral("--duration"),    QStringLiteral("10"),
                            QStringLiteral("--aspect"),      QStringLiteral("1:1"),
                            QStringLiteral("--x264-preset"), QStringLiteral("ultrafast")};

    // A whole job with every key set (the built-in providers read none of them).
    Run run =
        cli(QStringList{QStringLiteral("render"), tiny, QStringLiteral("--json")} + quick + data);
    QCOMPARE(run.exitCode, 0);
    // The same without --data-dir: the XDG data and state folders are used.
    run = cli(QStringList{QStringLiteral("render"), tiny} + quick);
    QCOMPARE(run.exitCode, 0);
    QVERIFY(!QDir(m_root.filePath(QStringLiteral("share"))).isEmpty());

    // A cloud step whose key is used and refused, against a local server that
    // records every header and body and answers with all of it echoed back, as a
    // careless server might: the key reaches the provider, in a header only, and
    // the error, the job row and the log describe the failure without it.
    const QByteArray geminiKey = kKeys.at(0).second;
    hh::test::FakeHttpServer echo;
    echo.setHandler([](const hh::test::FakeRequest& request) {
        QByteArray seen = request.method + ' ' + request.path + '?' +
                          request.query.toString(QUrl::FullyEncoded).toUtf8() + '\n';
        for (const auto& [name, value] : request.headers)
            seen += name + ": " + value + '\n';
        seen += request.body;
        const QJsonObject error{
            {QStringLiteral("code"), 400},
            {QStringLiteral("message"),
             QStringLiteral("API key not valid. Please pass a valid API key. You sent:\n") +
                 QString::fromUtf8(seen)},
            {QStringLiteral("status"), QStringLiteral("INVALID_ARGUMENT")}};
        return hh::test::FakeReply::json(
            400, QJsonDocument(QJsonObject{{QStringLiteral("error"), error}}).toJson());
    });
    run = cli(QStringList{QStringLiteral("render"), tiny, QStringLiteral("--script"),
                          QStringLiteral("gemini"), QStringLiteral("--json")} +
                  quick + data,
              {{"HH_GEMINI_BASE_URL", echo.url().toString().toLatin1()}});
    QVERIFY(run.exitCode != 0);
    QVERIFY2(run.err.startsWith("error: "), run.err.constData());
    const QList<hh::test::FakeRequest> received = echo.requests();
    QVERIFY2(!received.isEmpty(), "the Gemini step never reached the server");
    for (const hh::test::FakeRequest& request : received) {
        QCOMPARE(request.header("x-goog-api-key"), geminiKey);
        QVERIFY2(!request.query.toString().toLatin1().contains(geminiKey),
                 "the key went into the URL, where proxies and server logs keep it");
        QVERIFY2(!request.body.contains(geminiKey), request.body.left(300).constData());
        QVERIFY(request.body.contains("count to four")); // the paper's text: it is the real request
    }

    // A base URL with the key in it that is wrong: the message names the bad URL,
    // which a careless program would print whole.
    run = cli(QStringList{QStringLiteral("render"), tiny} + quick + data,
              {{"HH_GEMINI_BASE_URL", "https:///v1beta?key=" + geminiKey}});
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(run.err.startsWith("error: unsupported: HH_GEMINI_BASE_URL"), run.err.constData());
    run = cli(QStringList{QStringLiteral("render"), tiny} + quick + data,
              {{"HH_RUNWAY_BASE_URL",
                "https://api.dev.runwayml.com:99999/v1?token=" + kKeys.at(1).second}});
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(run.err.startsWith("error: unsupported: HH_RUNWAY_BASE_URL"), run.err.constData());

    // An encrypted PDF with a wrong password: the password is not echoed either.
    run = cli(QStringList{QStringLiteral("render"),
                          hh::test::corpusPath(QStringLiteral(
                              "pdf_problem/pdfminer_rc4-40_userpw-baz_ownerpw-foo.pdf")),
                          QStringLiteral("--password"), QString::fromLatin1(kPdfPassword)} +
              quick + data);
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(run.err.trimmed().split('\n').last().startsWith("error: encrypted: "),
             run.err.constData());

    // What the account sees of its jobs.
    run =
        cli(QStringList{QStringLiteral("jobs"), QStringLiteral("list"), QStringLiteral("--json")} +
            data);
    QCOMPARE(run.exitCode, 0);
    for (const char* id : {"1", "2", "3"}) {
        run = cli(QStringList{QStringLiteral("jobs"), QStringLiteral("show"), QLatin1String(id),
                              QStringLiteral("--json")} +
                  data);
        QCOMPARE(run.exitCode, 0);
    }
    QVERIFY(QFileInfo::exists(m_data + QStringLiteral("/logs/hiddenhill.log")));
    QVERIFY(QFileInfo::exists(m_data + QStringLiteral("/hiddenhill.sqlite")));

    for (const QByteArray& secret : secrets()) {
        QByteArray lines;
        for (const QByteArray& line : m_printed.split('\n'))
            if (line.contains(secret))
                lines += line + '\n';
        QVERIFY2(lines.isEmpty(),
                 qPrintable(QStringLiteral("printed %1:\n%2")
                                .arg(QString::fromLatin1(secret), QString::fromUtf8(lines))));
    }
    const QStringList files = filesContainingSecrets();
    QVERIFY2(files.isEmpty(), qPrintable(files.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
