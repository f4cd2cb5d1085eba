// SPDX-License-Identifier: GPL-3.0-or-later
// Local accounts (AccountService): sign-up validation and strength hints, argon2id
// hashes with no plain secret in the database file, sign-in without revealing which
// names exist, the exponential lockout on an injected clock, one-time recovery
// codes, password changes, CLI accounts without a password, profile statistics,
// and deleting an account with its files while other accounts stay untouched.
#include "AccountService.h"
#include "CiServices.h"
#include "StorageIds.h"
#include "jobs/DataLayout.h"
#include "jobs/JobStore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <algorithm>
#include <limits>
#include <memory>

using namespace hh;

namespace {

const QDateTime kT0 = QDateTime(QDate(2024, 5, 1), QTime(9, 0), Qt::UTC);
const QString kAdaPassword = QStringLiteral("Zebra-Kettle-Orbit-97");
const QString kBobPassword = QStringLiteral("lantern meadow cobalt");
const QString kWrong = QStringLiteral("Wrong user name or password.");

// A second connection to the same file, to look at it the way another program would.
class RawDb {
public:
    explicit RawDb(const QString& path)
        : m_name(QUuid::createUuid().toString()) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.open();
    }
    ~RawDb() { QSqlDatabase::removeDatabase(m_name); }
    RawDb(const RawDb&) = delete;
    RawDb& operator=(const RawDb&) = delete;

    QVariant scalar(const QString& sql) const {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        if (!query.exec(sql) || !query.next())
            return {};
        return query.value(0);
    }

private:
    QString m_name;
};

// Every byte SQLite has written: the main file and its write-ahead log.
QByteArray databaseBytes(const QString& path) {
    QByteArray bytes;
    for (const QString& file : {path, path + QStringLiteral("-wal")}) {
        QFile f(file);
        if (f.open(QIODevice::ReadOnly))
            bytes += f.readAll();
    }
    return bytes;
}

bool writeFile(const QString& path, const QByteArray& data) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

} // namespace

class TestAccounts : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void signUpValidation_data();
    void signUpValidation();
    void usernamesAreUniqueIgnoringCase();
    void passwordStrength_data();
    void passwordStrength();
    void storesOnlyArgon2idHashes();

    void signIn_data();
    void signIn();
    void unknownUserLooksLikeWrongPassword();
    void lockoutGrowsExponentially();
    void successResetsLockout();
    void unknownNamesLockLikeRealOnes();

    void recoveryCodeWorksOnce();
    void weakNewPasswordKeepsRecoveryCode();
    void changePassword_data();
    void changePassword();
    void passwordlessAccountIsOpenedOnlyWithoutPassword();
    void accountWithPasswordCannotBeTakenOver();

    void displayName_data();
    void displayName();
    void profileStatistics_data();
    void profileStatistics();
    void profileMinutesFromRealVideo();
    void profileShowsOwnCloudUseThisMonth();

    void deleteAccountRefusesWrongPassword();
    void deleteAccountRemovesOnlyThatAccount();
    void deleteAccountLeavesLinkTarget();

private:
    SignUpResult signUp(const QString& name, const QString& password);
    qint64 addJob(qint64 userId, const QString& status, const QString& video = {});
    QString dbPath() const { return m_layout->databasePath(); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<DataLayout> m_layout;
    std::unique_ptr<JobStore> m_store;
    std::unique_ptr<AccountService> m_accounts;
    QDateTime m_now;
};

void TestAccounts::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_layout = std::make_unique<DataLayout>(m_dir->path());
    QVERIFY(!m_layout->ensureRoot().isError());
    m_now = kT0;
    const auto clock = [this] { return m_now; };
    m_store = std::make_unique<JobStore>(m_layout->databasePath(), clock);
    const Error opened = m_store->open();
    QVERIFY2(!opened.isError(), qPrintable(opened.message));
    m_accounts = std::make_unique<AccountService>(*m_store, *m_layout, clock);
}

void TestAccounts::cleanup() {
    m_accounts.reset();
    m_store.reset();
    m_layout.reset();
    m_dir.reset();
}

SignUpResult TestAccounts::signUp(const QString& name, const QString& password) {
    const auto result = m_accounts->signUp(name, password, {});
    if (!result) {
        qWarning("sign-up of %s failed: %s", qPrintable(name), qPrintable(result.error().message));
        return {};
    }
    return result.value();
}

qint64 TestAccounts::addJob(qint64 userId, const QString& status, const QString& video) {
    const auto id =
        m_store->createJob(userId, QStringLiteral("PMID:%1").arg(m_now.toSecsSinceEpoch()),
                           QStringLiteral("A paper"), QStringLiteral("pubmed"), {});
    if (!id)
        return 0;
    m_now = m_now.addSecs(1);
    if (status == JobStatus::Completed) {
        m_store->finish(userId, id.value(), video);
    } else if (status == JobStatus::Failed) {
        m_store->fail(userId, id.value(), ErrorType::Network, QStringLiteral("offline"));
    } else if (status == JobStatus::Cancelled) {
        m_store->fail(userId, id.value(), ErrorType::Cancelled, QStringLiteral("cancelled"));
    } else if (status == JobStatus::Running) {
        m_store->setRunning(userId, id.value(), QStringLiteral("fetch-paper"), 10);
    }
    return id.value();
}

// ---- sign-up ------------------------------------------------------------------

void TestAccounts::signUpValidation_data() {
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("problem"); // empty: accepted

    const QString good = QStringLiteral("correct horse battery");
    QTest::newRow("plain") << "ada" << good << "";
    QTest::newRow("dots, dashes, underscores") << "ada.love_lace-2" << good << "";
    QTest::newRow("64 characters") << QString(64, QLatin1Char('a')) << good << "";
    QTest::newRow("empty name") << "" << good << "Choose a user name";
    QTest::newRow("65 characters") << QString(65, QLatin1Char('a')) << good << "at most 64";
    QTest::newRow("leading dot") << ".ada" << good << "cannot start with a dot";
    QTest::newRow("dot-dot path") << "../etc" << good << "cannot start with a dot";
    QTest::newRow("slash") << "ada/bob" << good << "may contain only";
    QTest::newRow("space") << "ada lovelace" << good << "may contain only";
    QTest::newRow("accent") << QStringLiteral("jos\u00e9") << good << "may contain only";
    QTest::newRow("sql") << "x'; DROP TABLE users;--" << good << "may contain only";
    QTest::newRow("short password") << "ada"
                                    << "short1!"
                                    << "at least 10 characters";
    QTest::newRow("9 characters") << "ada"
                                  << "abcdefgh9"
                                  << "at least 10 characters";
    QTest::newRow("common long") << "ada"
                                 << "password123"
                                 << "most common passwords";
    QTest::newRow("common short") << "ada"
                                  << "123456"
                                  << "most common passwords";
    QTest::newRow("common any case") << "ada"
                                     << "QWERTYUIOP"
                                     << "most common passwords";
    QTest::newRow("same as name") << "adalovelace1"
                                  << "AdaLovelace1"
                                  << "cannot be the user name";
}

void TestAccounts::signUpValidation() {
    QFETCH(QString, username);
    QFETCH(QString, password);
    QFETCH(QString, problem);

    const auto result = m_accounts->signUp(username, password, {});
    RawDb raw(dbPath());
    if (problem.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.error().message));
        QVERIFY(result->userId > 0);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM users")).toInt(), 1);
        QCOMPARE(m_store->user(result->userId)->displayName, username); // default
    } else {
        QVERIFY(!result.ok());
        QCOMPARE(result.error().type, ErrorType::Auth);
        QVERIFY2(result.error().message.contains(problem), qPrintable(result.error().message));
        QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM users")).toInt(), 0);
    }
}

void TestAccounts::usernamesAreUniqueIgnoringCase() {
    QVERIFY(signUp(QStringLiteral("ada"), kAdaPassword).userId > 0);
    const auto again = m_accounts->signUp(QStringLiteral("ADA"), kBobPassword, {});
    QVERIFY(!again.ok());
    QCOMPARE(again.error().type, ErrorType::Auth);
    QVERIFY(again.error().message.contains(QLatin1String("already taken")));
}

void TestAccounts::passwordStrength_data() {
    QTest::addColumn<QString>("password");
    QTest::addColumn<int>("score");
    QTest::addColumn<QString>("hint");

    QTest::newRow("empty") << "" << 0 << "Enter a password";
    QTest::newRow("tiny") << "abc" << 0 << "at least 10";
    QTest::newRow("short") << "abcdefgh" << 1 << "at least 10";
    QTest::newRow("common") << "password123" << 0 << "most common";
    QTest::newRow("repeated") << "aaaaaaaaaaaa" << 1 << "repeated characters";
    QTest::newRow("one class, 12") << "lowercaseonly" << 2 << "mix in digits";
    QTest::newRow("four classes, 12") << "Lowercase12!" << 3 << "more words";
    QTest::newRow("long words") << "correct horse battery staple" << 4 << "Strong";
    QTest::newRow("varied 14") << "Tr0ub4dor&3xyz" << 4 << "Strong";
}

void TestAccounts::passwordStrength() {
    QFETCH(QString, password);
    QFETCH(int, score);
    QFETCH(QString, hint);
    const PasswordStrength strength = AccountService::passwordStrength(password);
    QCOMPARE(strength.score, score);
    QVERIFY2(strength.hint.contains(hint, Qt::CaseInsensitive), qPrintable(strength.hint));
}

void TestAccounts::storesOnlyArgon2idHashes() {
    const SignUpResult ada = signUp(QStringLiteral("ada"), kAdaPassword);
    QVERIFY(ada.userId > 0);
    QVERIFY(QRegularExpression(QStringLiteral("^[2-9A-HJKMNP-Z]{5}(-[2-9A-HJKMNP-Z]{5}){3}$"))
                .match(ada.recoveryCode)
                .hasMatch());
    const auto user = m_store->user(ada.userId);
    QVERIFY(user.ok());
    QVERIFY(user->passwordHash.startsWith(QLatin1String("$argon2id$")));
    QVERIFY(user->passwordHash.contains(QLatin1String("m=65536,t=2"))); // interactive limits
    QVERIFY(user->recoveryHash.startsWith(QLatin1String("$argon2id$")));
    QVERIFY(user->passwordHash != user->recoveryHash);

    const QByteArray bytes = databaseBytes(dbPath());
    QVERIFY(bytes.contains(user->passwordHash.toLatin1())); // sanity: we read the right file
    QVERIFY(!bytes.contains(kAdaPassword.toUtf8()));
    QVERIFY(!bytes.contains(ada.recoveryCode.toLatin1()));
    QVERIFY(!bytes.contains(QString(ada.recoveryCode).remove(QLatin1Char('-')).toLatin1()));
}

// ---- sign-in ------------------------------------------------------------------

void TestAccounts::signIn_data() {
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("right") << "ada" << kAdaPassword << true;
    QTest::newRow("name in other case") << "ADA" << kAdaPassword << true;
    QTest::newRow("wrong password") << "ada"
                                    << "Zebra-Kettle-Orbit-98" << false;
    QTest::newRow("password in other case") << "ada" << kAdaPassword.toLower() << false;
    QTest::newRow("other user's password") << "ada" << kBobPassword << false;
    QTest::newRow("empty password") << "ada"
                                    << "" << false;
    QTest::newRow("unknown user") << "carol" << kAdaPassword << false;
}

void TestAccounts::signIn() {
    QFETCH(QString, username);
    QFETCH(QString, password);
    QFETCH(bool, accepted);
    const qint64 ada = signUp(QStringLiteral("ada"), kAdaPassword).userId;
    QVERIFY(signUp(QStringLiteral("bob"), kBobPassword).userId > 0);
    m_now = kT0.addSecs(60);

    const auto result = m_accounts->signIn(username, password);
    const auto record = m_store->user(ada);
    if (accepted) {
        QVERIFY2(result.ok(), qPrintable(result.error().message));
        QCOMPARE(result.value(), ada);
        QCOMPARE(record->lastLoginAt, m_now);
        QCOMPARE(record->failedLogins, 0);
    } else {
        QVERIFY(!result.ok());
        QCOMPARE(result.error().type, ErrorType::Auth);
        QCOMPARE(result.error().message, kWrong);
        QVERIFY(record->lastLoginAt.isNull());
    }
}

void TestAccounts::unknownUserLooksLikeWrongPassword() {
    QVERIFY(signUp(QStringLiteral("ada"), kAdaPassword).userId > 0);
    // The lock is not what is measured here: let each one expire before the next try.
    qint64 wrongMs = std::numeric_limits<qint64>::max();
    qint64 unknownMs = std::numeric_limits<qint64>::max();
    for (int i = 0; i < 3; ++i) {
        m_now = m_now.addSecs(3600);
        QElapsedTimer timer;
        timer.start();
        const auto wrong =
            m_accounts->signIn(QStringLiteral("ada"), QStringLiteral("nope-nope-nope"));
        wrongMs = std::min(wrongMs, timer.restart());
        const auto unknown =
            m_accounts->signIn(QStringLiteral("nobody"), QStringLiteral("nope-nope-nope"));
        unknownMs = std::min(unknownMs, timer.elapsed());
        QCOMPARE(wrong.error().type, unknown.error().type);
        QCOMPARE(wrong.error().message, unknown.error().message);
    }
    // Both pay one argon2id verify at the same limits (~0.1-0.5 s each); a missing
    // dummy verify would make the unknown name answer almost instantly.
    qInfo("wrong password %lld ms, unknown user %lld ms", wrongMs, unknownMs);
    QVERIFY2(unknownMs * 3 >= wrongMs && wrongMs * 3 >= unknownMs,
             qPrintable(QStringLiteral("%1 vs %2 ms").arg(wrongMs).arg(unknownMs)));
}

void TestAccounts::lockoutGrowsExponentially() {
    const qint64 ada = signUp(QStringLiteral("ada"), kAdaPassword).userId;
    QVERIFY(ada > 0);
    const QString bad = QStringLiteral("not-the-password");
    // Failure n locks for min(2^(n-2) s, 15 min) from the third one on.
    const QList<int> expected = {0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900};
    for (int n = 1; n <= expected.size(); ++n) {
        const int seconds = expected.at(n - 1);
        const auto result = m_accounts->signIn(QStringLiteral("ada"), bad);
        QVERIFY(!result.ok());
        const QString message = result.error().message;
        const auto record = m_store->user(ada);
        QCOMPARE(record->failedLogins, n);
        if (seconds == 0) {
            QCOMPARE(message, kWrong);
            QVERIFY(record->lockedUntil.isNull());
            continue;
        }
        QCOMPARE(message, kWrong + QStringLiteral(" Too many wrong passwords; try again in %1 "
                                                  "seconds.")
                                       .arg(seconds));
        QCOMPARE(record->lockedUntil, m_now.addSecs(seconds));
        // While locked even the right password is refused, and nothing is counted.
        m_now = m_now.addSecs(seconds - 1);
        const auto locked = m_accounts->signIn(QStringLiteral("ada"), kAdaPassword);
        QVERIFY(!locked.ok());
        QCOMPARE(locked.error().type, ErrorType::Auth);
        QCOMPARE(locked.error().message,
                 QStringLiteral("Too many wrong passwords; try again in 1 second."));
        QCOMPARE(m_store->user(ada)->failedLogins, n);
        m_now = m_now.addSecs(1);
    }
}

void TestAccounts::successResetsLockout() {
    const qint64 ada = signUp(QStringLiteral("ada"), kAdaPassword).userId;
    for (int i = 0; i < 3; ++i)
        QVERIFY(!m_accounts->signIn(QStringLiteral("ada"), QStringLiteral("guess-guess")).ok());
    QCOMPARE(m_store->user(ada)->failedLogins, 3);
    const auto locked = m_accounts->signIn(QStringLiteral("ada"), kAdaPassword);
    QVERIFY(locked.error().message.contains(QLatin1String("try again in 2 seconds")));

    m_now = m_now.addSecs(2);
    const auto ok = m_accounts->signIn(QStringLiteral("ada"), kAdaPassword);
    QVERIFY2(ok.ok(), qPrintable(ok.error().message));
    const auto record = m_store->user(ada);
    QCOMPARE(record->failedLogins, 0);
    QVERIFY(record->lockedUntil.isNull());
    QCOMPARE(record->lastLoginAt, m_now);
    // Counting starts again from one: the next mistake does not lock.
    QCOMPARE(
        m_accounts->signIn(QStringLiteral("ada"), QStringLiteral("guess-guess")).error().message,
        kWrong);
}

void TestAccounts::unknownNamesLockLikeRealOnes() {
    QVERIFY(signUp(QStringLiteral("ada"), kAdaPassword).userId > 0);
    for (int i = 0; i < 4; ++i) {
        const auto real = m_accounts->signIn(QStringLiteral("ada"), QStringLiteral("guess-guess"));
        const auto phantom =
            m_accounts->signIn(QStringLiteral("nobody"), QStringLiteral("guess-guess"));
        QCOMPARE(real.error().message, phantom.error().message);
    }
}

// ---- recovery and password changes ---------------------------------------------

void TestAccounts::recoveryCodeWorksOnce() {
    const SignUpResult ada = signUp(QStringLiteral("ada"), kAdaPassword);
    QVERIFY(ada.userId > 0);
    const QString newPassword = QStringLiteral("violet harbour engine");

    // Typed loosely: lower case, no dashes, spaces.
    const QString typed =
        QString(ada.recoveryCode).toLower().replace(QLatin1Char('-'), QLatin1Char(' '));
    const auto reset = m_accounts->resetWithRecoveryCode(QStringLiteral("ada"), typed, newPassword);
    QVERIFY2(reset.ok(), qPrintable(reset.error().message));
    const QString secondCode = reset.value();
    QVERIFY(!secondCode.isEmpty());
    QVERIFY(secondCode != ada.recoveryCode);

    QCOMPARE(m_accounts->signIn(QStringLiteral("ada"), kAdaPassword).error().message, kWrong);
    QVERIFY(m_accounts->signIn(QStringLiteral("ada"), newPassword).ok());

    const auto reused = m_accounts->resetWithRecoveryCode(QStringLiteral("ada"), ada.recoveryCode,
                                                          QStringLiteral("another long password"));
    QVERIFY(!reused.ok());
    QCOMPARE(reused.error().type, ErrorType::Auth);
    QCOMPARE(reused.error().message, QStringLiteral("Wrong user name or recovery code."));
    QCOMPARE(m_store->user(ada.userId)->failedLogins, 1); // wrong codes count like passwords

    // The unknown-name answer is the same.
    const auto unknown = m_accounts->resetWithRecoveryCode(QStringLiteral("nobody"), secondCode,
                                                           QStringLiteral("another long password"));
    QCOMPARE(unknown.error().message, reused.error().message);

    // A successful reset clears the failures.
    QCOMPARE(m_store->user(ada.userId)->failedLogins, 1); // "nobody" is not Ada
    const auto third = m_accounts->resetWithRecoveryCode(QStringLiteral("ada"), secondCode,
                                                         QStringLiteral("another long password"));
    QVERIFY2(third.ok(), qPrintable(third.error().message));
    QCOMPARE(m_store->user(ada.userId)->failedLogins, 0);
    QVERIFY(
        m_accounts->signIn(QStringLiteral("ada"), QStringLiteral("another long password")).ok());

    const QByteArray bytes = databaseBytes(dbPath());
    for (const QString& code : {ada.recoveryCode, secondCode, third.value()}) {
        QVERIFY(!bytes.contains(code.toLatin1()));
        QVERIFY(!bytes.contains(QString(code).remove(QLatin1Char('-')).toLatin1()));
    }
    QVERIFY(!bytes.contains(newPassword.toUtf8()));
}

void TestAccounts::weakNewPasswordKeepsRecoveryCode() {
    const SignUpResult ada = signUp(QStringLiteral("ada"), kAdaPassword);
    const auto weak = m_accounts->resetWithRecoveryCode(QStringLiteral("ada"), ada.recoveryCode,
                                                        QStringLiteral("short"));
    QVERIFY(!weak.ok());
    QVERIFY(weak.error().message.contains(QLatin1String("at least 10")));
    QCOMPARE(m_store->user(ada.userId)->failedLogins, 0);
    QVERIFY(m_accounts
                ->resetWithRecoveryCode(QStringLiteral("ada"), ada.recoveryCode,
                                        QStringLiteral("a much better password"))
                .ok());
}

void TestAccounts::changePassword_data() {
    QTest::addColumn<QString>("oldPassword");
    QTest::addColumn<QString>("newPassword");
    QTest::addColumn<QString>("problem");

    QTest::newRow("ok") << kAdaPassword << "quiet river lamp"
                        << "";
    QTest::newRow("wrong old") << "guess-guess-guess"
                               << "quiet river lamp"
                               << "password is wrong";
    QTest::newRow("weak new") << kAdaPassword << "short"
                              << "at least 10";
    QTest::newRow("common new") << kAdaPassword << "1234567890"
                                << "most common";
    QTest::newRow("same") << kAdaPassword << kAdaPassword << "same as the current";
}

void TestAccounts::changePassword() {
    QFETCH(QString, oldPassword);
    QFETCH(QString, newPassword);
    QFETCH(QString, problem);
    const SignUpResult ada = signUp(QStringLiteral("ada"), kAdaPassword);

    const Error error = m_accounts->changePassword(ada.userId, oldPassword, newPassword);
    if (problem.isEmpty()) {
        QVERIFY2(!error.isError(), qPrintable(error.message));
        QVERIFY(!m_accounts->signIn(QStringLiteral("ada"), kAdaPassword).ok());
        QVERIFY(m_accounts->signIn(QStringLiteral("ada"), newPassword).ok());
        // The recovery code is for forgetting: a change keeps it.
        QVERIFY(m_accounts
                    ->resetWithRecoveryCode(QStringLiteral("ada"), ada.recoveryCode,
                                            QStringLiteral("third good password"))
                    .ok());
    } else {
        QCOMPARE(error.type, ErrorType::Auth);
        QVERIFY2(error.message.contains(problem), qPrintable(error.message));
        QVERIFY(m_accounts->signIn(QStringLiteral("ada"), kAdaPassword).ok());
    }
}

void TestAccounts::passwordlessAccountIsOpenedOnlyWithoutPassword() {
    // What `hiddenhill-cli` does for the OS user.
    const auto cli = m_accounts->createPasswordless(QStringLiteral("cli"));
    QVERIFY2(cli.ok(), qPrintable(cli.error().message));
    QCOMPARE(m_accounts->isPasswordless(QStringLiteral("cli")).value(), true);
    QVERIFY(!m_accounts->profile(cli.value())->hasPassword);

    // Signing in never sets a password: a typed one is refused, and stays unset.
    for (const QString& attempt : {QStringLiteral("!"), QStringLiteral("anything-long")}) {
        const auto result = m_accounts->signIn(QStringLiteral("cli"), attempt);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().type, ErrorType::Auth);
        QVERIFY(result.error().message.contains(QLatin1String("has no password")));
        QCOMPARE(m_accounts->isPasswordless(QStringLiteral("cli")).value(), true);
    }
    QCOMPARE(m_accounts->signIn(QStringLiteral("cli"), QString()).value(), cli.value());
    QVERIFY(m_accounts
                ->resetWithRecoveryCode(QStringLiteral("cli"), QStringLiteral("!"),
                                        QStringLiteral("some long password"))
                .error()
                .message.contains(QLatin1String("no password yet")));
    QVERIFY(
        m_accounts
            ->changePassword(cli.value(), QStringLiteral("!"), QStringLiteral("some long password"))
            .isError());

    // The signed-in owner sets the first one, with an empty old password; it comes
    // with a recovery code.
    QString code;
    QVERIFY(m_accounts->changePassword(cli.value(), QString(), QStringLiteral("short"), &code)
                .isError());
    const Error set = m_accounts->changePassword(cli.value(), QString(),
                                                 QStringLiteral("ember willow dock"), &code);
    QVERIFY2(!set.isError(), qPrintable(set.message));
    QVERIFY(!code.isEmpty());
    QCOMPARE(m_accounts->isPasswordless(QStringLiteral("cli")).value(), false);
    QCOMPARE(m_accounts->signIn(QStringLiteral("cli"), QStringLiteral("ember willow dock")).value(),
             cli.value());
    QVERIFY(!m_accounts->signIn(QStringLiteral("cli"), QString()).ok());

    // From now on an empty old password opens nothing.
    QVERIFY(m_accounts->changePassword(cli.value(), QString(), QStringLiteral("hijack attempt 1"))
                .isError());
    QVERIFY(m_accounts->signIn(QStringLiteral("cli"), QStringLiteral("ember willow dock")).ok());
    QVERIFY(m_accounts
                ->resetWithRecoveryCode(QStringLiteral("cli"), code,
                                        QStringLiteral("recovered password"))
                .ok());
}

void TestAccounts::accountWithPasswordCannotBeTakenOver() {
    const qint64 ada = signUp(QStringLiteral("ada"), kAdaPassword).userId;
    QCOMPARE(m_accounts->isPasswordless(QStringLiteral("ada")).value(), false);
    QVERIFY(!m_accounts->signIn(QStringLiteral("ada"), QString()).ok());
    QVERIFY(
        m_accounts->changePassword(ada, QString(), QStringLiteral("hijack attempt 1")).isError());
    QVERIFY(!m_accounts->createPasswordless(QStringLiteral("ADA")).ok());
    QCOMPARE(m_accounts->signIn(QStringLiteral("ada"), kAdaPassword).value(), ada);
}

// ---- profile ------------------------------------------------------------------

void TestAccounts::displayName_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("stored"); // empty: refused

    QTest::newRow("plain") << "Ada Lovelace"
                           << "Ada Lovelace";
    QTest::newRow("spaces collapse") << "  Ada \t Lovelace "
                                     << "Ada Lovelace";
    QTest::newRow("unicode") << QStringLiteral("Zo\u00eb \u674e")
                             << QStringLiteral("Zo\u00eb \u674e");
    QTest::newRow("quote") << "O'Brien; DROP TABLE users"
                           << "O'Brien; DROP TABLE users";
    QTest::newRow("empty") << "   "
                           << "";
    QTest::newRow("too long") << QString(101, QLatin1Char('x')) << "";
}

void TestAccounts::displayName() {
    QFETCH(QString, name);
    QFETCH(QString, stored);
    const qint64 ada = signUp(QStringLiteral("ada"), kAdaPassword).userId;
    const Error error = m_accounts->setDisplayName(ada, name);
    const auto profile = m_accounts->profile(ada);
    QVERIFY(profile.ok());
    if (stored.isEmpty()) {
        QCOMPARE(error.type, ErrorType::Auth);
        QCOMPARE(profile->displayName, QStringLiteral("ada"));
    } else {
        QVERIFY2(!error.isError(), qPrintable(error.message));
        QCOMPARE(profile->displayName, stored);
    }
    QCOMPARE(m_accounts->setDisplayName(9999, QStringLiteral("x")).type, ErrorType::NotFound);
}

void TestAccounts::profileShowsOwnCloudUseThisMonth() {
    const qint64 ada = signUp(QStringLiteral("ada"), kAdaPassword).userId;
    const qint64 bob = signUp(QStringLiteral("bob"), kAdaPassword).userId;
    const QString month = JobStore::usageMonth(QDateTime::currentDateTimeUtc());
    UsageDelta runway;
    runway.provider = ProviderId::Runway;
    runway.credits = 50;
    runway.calls = 3;
    QVERIFY(!m_store->addUsage(ada, month, runway, 0.50).isError());
    QVERIFY(!m_store->addUsage(bob, month, runway, 0.50).isError());
    QVERIFY(!m_store->addUsage(ada, QStringLiteral("2001-01"), runway, 99).isError());
    const auto profile = m_accounts->profile(ada);
    QVERIFY(profile.ok());
    QCOMPARE(profile->usageThisMonth.size(), 1);
    QCOMPARE(profile->usageThisMonth.first().usage.credits, 50.0); // not bob's, not 2001's
    QCOMPARE(profile->usageThisMonth.first().costUsd, 0.50);
}

void TestAccounts::profileStatistics_data() {
    QTest::addColumn<QList<int>>("completedSeconds"); // one completed job per entry
    QTest::addColumn<int>("failed");
    QTest::addColumn<int>("cancelled");
    QTest::addColumn<int>("unfinished"); // pending + running
    QTest::addColumn<double>("minutes");
    QTest::addColumn<double>("rate"); // negative: none

    QTest::newRow("nothing yet") << QList<int>{} << 0 << 0 << 2 << 0.0 << -1.0;
    QTest::newRow("all completed") << QList<int>{30, 60, 90} << 0 << 0 << 0 << 3.0 << 1.0;
    QTest::newRow("three of four") << QList<int>{45, 45, 90} << 1 << 2 << 1 << 3.0 << 0.75;
    QTest::newRow("only failed") << QList<int>{} << 2 << 1 << 0 << 0.0 << 0.0;
    QTest::newRow("unreadable video") << QList<int>{0, 120} << 2 << 0 << 0 << 2.0 << 0.5;
}

void TestAccounts::profileStatistics() {
    QFETCH(QList<int>, completedSeconds);
    QFETCH(int, failed);
    QFETCH(int, cancelled);
    QFETCH(int, unfinished);
    QFETCH(double, minutes);
    QFETCH(double, rate);
    const qint64 ada = signUp(QStringLiteral("ada"), kAdaPassword).userId;
    const qint64 bob = signUp(QStringLiteral("bob"), kBobPassword).userId;

    QHash<QString, double> durations;
    m_accounts->setDurationProbe(
        [&durations](const QString& path) { return durations.value(path); });
    for (const int seconds : std::as_const(completedSeconds)) {
        const QString video = QStringLiteral("/videos/%1.mp4").arg(durations.size());
        durations.insert(video, seconds);
        QVERIFY(addJob(ada, QString(JobStatus::Completed), video) > 0);
    }
    for (int i = 0; i < failed; ++i)
        QVERIFY(addJob(ada, QString(JobStatus::Failed)) > 0);
    for (int i = 0; i < cancelled; ++i)
        QVERIFY(addJob(ada, QString(JobStatus::Cancelled)) > 0);
    for (int i = 0; i < unfinished; ++i)
        QVERIFY(addJob(ada, i % 2 ? QString(JobStatus::Running) : QString(JobStatus::Pending)) > 0);
    // Bob's work never counts for Ada.
    durations.insert(QStringLiteral("/videos/bob.mp4"), 600);
    QVERIFY(addJob(bob, QString(JobStatus::Completed), QStringLiteral("/videos/bob.mp4")) > 0);
    QVERIFY(addJob(bob, QString(JobStatus::Failed)) > 0);

    const auto profile = m_accounts->profile(ada);
    QVERIFY2(profile.ok(), qPrintable(profile.error().message));
    QCOMPARE(profile->username, QStringLiteral("ada"));
    QCOMPARE(profile->createdAt, kT0);
    QCOMPARE(profile->videosMade, int(completedSeconds.size()));
    QCOMPARE(profile->failedJobs, failed);
    QVERIFY2(qAbs(profile->totalMinutes - minutes) < 1e-9,
             qPrintable(QString::number(profile->totalMinutes)));
    if (rate < 0) {
        QVERIFY(!profile->successRate.has_value());
    } else {
        QVERIFY(profile->successRate.has_value());
        QVERIFY(qAbs(*profile->successRate - rate) < 1e-9);
    }
}

void TestAccounts::profileMinutesFromRealVideo() {
    const QString ffmpeg = QStandardPaths::findExecutable(QStringLiteral("ffmpeg"));
    if (ffmpeg.isEmpty())
        HH_SKIP_UNLESS_CI(QStringLiteral("ffmpeg (Debian package ffmpeg) is not installed"));
    const qint64 ada = signUp(QStringLiteral("ada"), kAdaPassword).userId;
    const qint64 job = addJob(ada, QString(JobStatus::Pending));
    QVERIFY(!test::ensureJobDirOf(*m_layout, ada, job).isError());
    const QString video =
        QDir(test::jobDirOf(*m_layout, ada, job)).filePath(QStringLiteral("final_video.mp4"));
    QProcess process;
    process.start(ffmpeg, {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-f"),
                           QStringLiteral("lavfi"), QStringLiteral("-i"),
                           QStringLiteral("color=c=black:s=64x64:d=2"), QStringLiteral("-c:v"),
                           QStringLiteral("libx264"), QStringLiteral("-y"), video});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(!m_store->finish(ada, job, video).isError());

    const auto profile = m_accounts->profile(ada); // default probe: hh::VideoProbe
    QVERIFY(profile.ok());
    QCOMPARE(profile->videosMade, 1);
    QVERIFY2(qAbs(profile->totalMinutes - 2.0 / 60.0) < 0.1 / 60.0,
             qPrintable(QString::number(profile->totalMinutes * 60.0)));
}

// ---- deleting an account --------------------------------------------------------

void TestAccounts::deleteAccountRefusesWrongPassword() {
    const qint64 ada = signUp(QStringLiteral("ada"), kAdaPassword).userId;
    const qint64 job = addJob(ada, QString(JobStatus::Pending));
    QVERIFY(!test::ensureJobDirOf(*m_layout, ada, job).isError());

    const Error error = m_accounts->deleteAccount(ada, QStringLiteral("guess-guess-guess"));
    QCOMPARE(error.type, ErrorType::Auth);
    QVERIFY(QFileInfo::exists(test::jobDirOf(*m_layout, ada, job)));
    QVERIFY(m_store->user(ada).ok());
    QVERIFY(m_store->job(ada, job).ok());
    QCOMPARE(m_accounts->deleteAccount(424242, kAdaPassword).type, ErrorType::NotFound);
}

void TestAccounts::deleteAccountRemovesOnlyThatAccount() {
    const qint64 ada = signUp(QStringLiteral("ada"), kAdaPassword).userId;
    const qint64 bob = signUp(QStringLiteral("bob"), kBobPassword).userId;
    QList<qint64> adaJobs, bobJobs;
    for (int i = 0; i < 2; ++i) {
        adaJobs << addJob(ada, QString(JobStatus::Completed), QStringLiteral("/v/a.mp4"));
        bobJobs << addJob(bob, QString(JobStatus::Completed), QStringLiteral("/v/b.mp4"));
    }
    for (const qint64 job : std::as_const(adaJobs)) {
        QVERIFY(!test::ensureJobDirOf(*m_layout, ada, job).isError());
        QVERIFY(QDir().mkpath(
            QDir(test::jobDirOf(*m_layout, ada, job)).filePath(QStringLiteral("scenes"))));
        QVERIFY(writeFile(
            QDir(test::jobDirOf(*m_layout, ada, job)).filePath(QStringLiteral("scenes/1.png")),
            "png"));
    }
    for (const qint64 job : std::as_const(bobJobs)) {
        QVERIFY(!test::ensureJobDirOf(*m_layout, bob, job).isError());
        QVERIFY(writeFile(
            QDir(test::jobDirOf(*m_layout, bob, job)).filePath(QStringLiteral("paper.json")),
            "{}"));
    }

    const QString adasFolder = test::userDirOf(*m_layout, ada); // read before the row goes
    QVERIFY(QFileInfo::exists(adasFolder));
    const Error error = m_accounts->deleteAccount(ada, kAdaPassword);
    QVERIFY2(!error.isError(), qPrintable(error.message));
    QVERIFY(!QFileInfo::exists(adasFolder));
    QCOMPARE(m_store->user(ada).error().type, ErrorType::NotFound);
    RawDb raw(dbPath());
    QCOMPARE(
        raw.scalar(QStringLiteral("SELECT count(*) FROM video_jobs WHERE user_id = %1").arg(ada))
            .toInt(),
        0);
    QCOMPARE(m_accounts->signIn(QStringLiteral("ada"), kAdaPassword).error().message, kWrong);

    // Bob keeps everything.
    for (const qint64 job : std::as_const(bobJobs)) {
        QVERIFY(m_store->job(bob, job).ok());
        QVERIFY(QFileInfo::exists(
            QDir(test::jobDirOf(*m_layout, bob, job)).filePath(QStringLiteral("paper.json"))));
    }
    QCOMPARE(m_accounts->signIn(QStringLiteral("bob"), kBobPassword).value(), bob);
    QCOMPARE(m_accounts->profile(bob)->videosMade, 2);
}

void TestAccounts::deleteAccountLeavesLinkTarget() {
    const qint64 ada = signUp(QStringLiteral("ada"), kAdaPassword).userId;
    QTemporaryDir outside;
    QVERIFY(writeFile(QDir(outside.path()).filePath(QStringLiteral("keep.txt")), "mine"));
    const QString adasFolder = test::userDirOf(*m_layout, ada); // read before the row goes
    QVERIFY(QDir().mkpath(QFileInfo(adasFolder).path()));
    QVERIFY(QFile::link(outside.path(), adasFolder));

    QVERIFY(!m_accounts->deleteAccount(ada, kAdaPassword).isError());
    QVERIFY(!QFileInfo(adasFolder).isSymLink());
    QVERIFY(!QFileInfo::exists(adasFolder));
    QVERIFY(QFileInfo::exists(QDir(outside.path()).filePath(QStringLiteral("keep.txt"))));
}

QTEST_GUILESS_MAIN(TestAccounts)
#include "tst_accounts.moc"
