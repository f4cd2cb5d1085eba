// SPDX-License-Identifier: GPL-3.0-or-later
// Accounts are a boundary in the CLI too, checked with the real `hiddenhill-cli`
// on a temporary data folder: `account create` prints the recovery code once; an
// account with a password opens only with it (no terminal and no password, or a
// wrong one: exit 4 `error: auth:`), and wrong passwords lock it as in the app;
// `--user` on an unknown name other than $USER is a usage error that creates
// nothing; the default account ($USER) is still made without a password.
#include "AccountService.h"
#include "jobs/DataLayout.h"
#include "jobs/JobStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace hh;

namespace {

const QString kAlicePassword = QStringLiteral("lantern meadow cobalt");
const QRegularExpression kRecoveryCode(QStringLiteral("[2-9A-Z]{5}(-[2-9A-Z]{5}){3}"));

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestCliAccounts : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void createPrintsTheRecoveryCodeOnce();
    void accountWithPasswordOpensOnlyWithIt_data();
    void accountWithPasswordOpensOnlyWithIt();
    void threeWrongPasswordsLockItLikeTheApp();
    void unknownUserIsAUsageErrorAndCreatesNothing_data();
    void unknownUserIsAUsageErrorAndCreatesNothing();
    void defaultAccountIsMadeWithoutPassword();
    void createWithoutTerminalNeedsPasswordOrNoPassword();
    void createRefusesAWeakPasswordAndATakenName_data();
    void createRefusesAWeakPasswordAndATakenName();

private:
    // Runs the CLI as $USER `osUser`; `input` is written to its stdin, which is then
    // closed (a script, never a terminal).
    Run cli(const QStringList& args, const QByteArray& input = {},
            const QString& osUser = QStringLiteral("ada"));
    Run listJobs(const QString& user, const QByteArray& input, bool passwordStdin);
    void createAlice();
    std::unique_ptr<JobStore> openStore();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_data;
};

void TestCliAccounts::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_data = m_dir->filePath(QStringLiteral("data"));
    QVERIFY(!DataLayout(m_data).ensureRoot().isError());
}

void TestCliAccounts::cleanup() {
    m_dir.reset();
}

Run TestCliAccounts::cli(const QStringList& args, const QByteArray& input, const QString& osUser) {
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("USER"), osUser);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(HH_CLI_PATH),
                  args + QStringList{QStringLiteral("--data-dir"), m_data});
    if (!process.waitForStarted(30000))
        return {};
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

Run TestCliAccounts::listJobs(const QString& user, const QByteArray& input, bool passwordStdin) {
    QStringList args{QStringLiteral("jobs"), QStringLiteral("list"), QStringLiteral("--json"),
                     QStringLiteral("--user"), user};
    if (passwordStdin)
        args << QStringLiteral("--password-stdin");
    return cli(args, input);
}

void TestCliAccounts::createAlice() {
    const Run run = cli({QStringLiteral("account"), QStringLiteral("create"),
                         QStringLiteral("alice"), QStringLiteral("--password-stdin")},
                        kAlicePassword.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, run.err.constData());
}

std::unique_ptr<JobStore> TestCliAccounts::openStore() {
    auto store = std::make_unique<JobStore>(DataLayout(m_data).databasePath());
    if (store->open().isError())
        return nullptr;
    return store;
}

void TestCliAccounts::createPrintsTheRecoveryCodeOnce() {
    const Run run = cli({QStringLiteral("account"), QStringLiteral("create"),
                         QStringLiteral("alice"), QStringLiteral("--password-stdin")},
                        kAlicePassword.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QString out = QString::fromUtf8(run.out);
    QCOMPARE(out.count(kRecoveryCode), 1);
    QVERIFY2(!run.err.contains(kAlicePassword.toUtf8()), run.err.constData());

    auto store = openStore();
    QVERIFY(store);
    const auto alice = store->userByName(QStringLiteral("alice"));
    QVERIFY(alice.ok());
    QVERIFY(alice->passwordHash.startsWith(QLatin1String("$argon2id$")));
    QVERIFY(!alice->recoveryHash.isEmpty());
    // The printed code is the account's: it resets the password.
    AccountService accounts(*store, DataLayout(m_data));
    const QString code = kRecoveryCode.match(out).captured(0);
    QVERIFY(accounts
                .resetWithRecoveryCode(QStringLiteral("alice"), code,
                                       QStringLiteral("harbour violet engine"))
                .ok());
}

void TestCliAccounts::accountWithPasswordOpensOnlyWithIt_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("passwordStdin");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("no password, no terminal") << QByteArray() << false << 4;
    QTest::newRow("--password-stdin on an empty stdin") << QByteArray() << true << 4;
    QTest::newRow("wrong password") << QByteArray("lantern meadow copper\n") << true << 4;
    QTest::newRow("right password") << (kAlicePassword.toUtf8() + '\n') << true << 0;
    QTest::newRow("right password, no line end") << kAlicePassword.toUtf8() << true << 0;
}

void TestCliAccounts::accountWithPasswordOpensOnlyWithIt() {
    QFETCH(QByteArray, input);
    QFETCH(bool, passwordStdin);
    QFETCH(int, exitCode);
    createAlice();
    const Run run = listJobs(QStringLiteral("alice"), input, passwordStdin);
    QVERIFY2(run.exitCode == exitCode, run.err.constData());
    if (exitCode == 0) {
        QVERIFY(QJsonDocument::fromJson(run.out).isArray());
    } else {
        QVERIFY2(run.err.startsWith("error: auth: "), run.err.constData());
        QVERIFY(run.out.isEmpty());
    }
}

void TestCliAccounts::threeWrongPasswordsLockItLikeTheApp() {
    createAlice();
    QDateTime beforeThird;
    for (int attempt = 1; attempt <= AccountService::kFailuresBeforeLock; ++attempt) {
        beforeThird = QDateTime::currentDateTimeUtc();
        const Run run = listJobs(QStringLiteral("alice"), "not the password at all\n", true);
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.startsWith("error: auth: "), run.err.constData());
        QCOMPARE(run.err.contains("Too many wrong passwords"),
                 attempt == AccountService::kFailuresBeforeLock);
    }
    auto store = openStore();
    QVERIFY(store);
    const auto alice = store->userByName(QStringLiteral("alice"));
    QVERIFY(alice.ok());
    QCOMPARE(alice->failedLogins, AccountService::kFailuresBeforeLock);
    QVERIFY(alice->lockedUntil > beforeThird);
    // The app's sign-in, at the moment of the third try, is locked out by it: the
    // right password is not even checked. (A clock, so a slow machine cannot let
    // the two-second lock run out before this line.)
    AccountService app(*store, DataLayout(m_data), [beforeThird] { return beforeThird; });
    const auto signedIn = app.signIn(QStringLiteral("alice"), kAlicePassword);
    QVERIFY(!signedIn.ok());
    QVERIFY2(signedIn.error().message.contains(QLatin1String("try again")),
             qPrintable(signedIn.error().message));
}

void TestCliAccounts::unknownUserIsAUsageErrorAndCreatesNothing_data() {
    QTest::addColumn<QStringList>("command");
    QTest::newRow("jobs list") << QStringList{QStringLiteral("jobs"), QStringLiteral("list")};
    QTest::newRow("jobs resume") << QStringList{QStringLiteral("jobs"), QStringLiteral("resume")};
}

void TestCliAccounts::unknownUserIsAUsageErrorAndCreatesNothing() {
    QFETCH(QStringList, command);
    const Run run = cli(command + QStringList{QStringLiteral("--user"), QStringLiteral("mallory")},
                        {}, QStringLiteral("ada"));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.startsWith("error: usage: "), run.err.constData());
    QVERIFY2(run.err.contains("account create mallory"), run.err.constData());
    auto store = openStore();
    QVERIFY(store);
    QCOMPARE(store->userIdByName(QStringLiteral("mallory")).error().type, ErrorType::NotFound);
}

void TestCliAccounts::defaultAccountIsMadeWithoutPassword() {
    // No --user: the computer's user, made at once, with no prompt.
    const Run run = cli({QStringLiteral("jobs"), QStringLiteral("list"), QStringLiteral("--json")},
                        {}, QStringLiteral("carol"));
    QVERIFY2(run.exitCode == 0, run.err.constData());
    // Named explicitly, it is the same account.
    const Run named = cli({QStringLiteral("jobs"), QStringLiteral("list"), QStringLiteral("--user"),
                           QStringLiteral("carol")},
                          {}, QStringLiteral("carol"));
    QVERIFY2(named.exitCode == 0, named.err.constData());
    auto store = openStore();
    QVERIFY(store);
    AccountService accounts(*store, DataLayout(m_data));
    QCOMPARE(accounts.isPasswordless(QStringLiteral("carol")).value(), true);
}

void TestCliAccounts::createWithoutTerminalNeedsPasswordOrNoPassword() {
    const Run refused =
        cli({QStringLiteral("account"), QStringLiteral("create"), QStringLiteral("dave")});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains("--no-password"), refused.err.constData());
    {
        auto store = openStore();
        QVERIFY(store);
        QCOMPARE(store->userIdByName(QStringLiteral("dave")).error().type, ErrorType::NotFound);
    }
    const Run made = cli({QStringLiteral("account"), QStringLiteral("create"),
                          QStringLiteral("dave"), QStringLiteral("--no-password")});
    QVERIFY2(made.exitCode == 0, made.err.constData());
    QVERIFY(!made.out.contains("Recovery code"));
    // A passwordless account opens without a password, from a script.
    const Run list = listJobs(QStringLiteral("dave"), {}, false);
    QVERIFY2(list.exitCode == 0, list.err.constData());
}

void TestCliAccounts::createRefusesAWeakPasswordAndATakenName_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("problem");
    QTest::newRow("weak") << QStringLiteral("erin") << QByteArray("short\n")
                          << QStringLiteral("at least 10");
    QTest::newRow("taken") << QStringLiteral("ALICE") << (kAlicePassword.toUtf8() + '\n')
                           << QStringLiteral("already taken");
    QTest::newRow("bad name") << QStringLiteral("not a name") << QByteArray()
                              << QStringLiteral("only letters");
}

void TestCliAccounts::createRefusesAWeakPasswordAndATakenName() {
    QFETCH(QString, name);
    QFETCH(QByteArray, input);
    QFETCH(QString, problem);
    createAlice();
    const Run run = cli({QStringLiteral("account"), QStringLiteral("create"), name,
                         QStringLiteral("--password-stdin")},
                        input);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.startsWith("error: usage: "), run.err.constData());
    QVERIFY2(QString::fromUtf8(run.err).contains(problem), run.err.constData());
    QVERIFY(!run.out.contains("Recovery code"));
    auto store = openStore();
    QVERIFY(store);
    const auto alice = store->userByName(QStringLiteral("alice"));
    QVERIFY(alice.ok());
    AccountService accounts(*store, DataLayout(m_data));
    QVERIFY(accounts.signIn(QStringLiteral("alice"), kAlicePassword).ok());
}

QTEST_GUILESS_MAIN(TestCliAccounts)
#include "tst_cli_accounts.moc"
