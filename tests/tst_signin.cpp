// SPDX-License-Identifier: GPL-3.0-or-later
// The first run and the account dialogs as a new user meets them: a welcome when
// no account exists, messages under the field they concern as soon as it is
// typed in (and not before), a Create button that waits for a valid form, a
// strength line that says each thing once, a recovery code that can be copied
// and saved privately, a reset page that asks for what it needs before sending
// anything, and the profile's labels readable at a narrow width.
#include "AccountService.h"
#include "AccountWorker.h"
#include "MainWindow.h"
#include "ProfileDialog.h"
#include "RecoveryCodeDialog.h"
#include "SignInDialog.h"
#include "Translations.h"
#include "jobs/DataLayout.h"
#include "jobs/JobStore.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace hh;
using Mode = SignInDialog::Mode;

namespace {

const QString kPassword = QStringLiteral("lantern meadow cobalt");
constexpr int kHashTimeoutMs = 20000;

// A data folder, with the given accounts made before any dialog opens.
class DataFolder {
public:
    DataFolder()
        : m_layout(m_dir.path()) {
        m_layout.ensureRoot();
    }
    bool addAccount(const QString& name, const QString& password, QString* code = nullptr) {
        JobStore store(m_layout.databasePath());
        if (store.open().isError())
            return false;
        AccountService accounts(store, m_layout);
        const auto made = accounts.signUp(name, password);
        if (made && code)
            *code = made.value().recoveryCode;
        return made.ok();
    }
    // The command line makes accounts without a password ("!").
    bool addPasswordlessAccount(const QString& name) {
        JobStore store(m_layout.databasePath());
        return !store.open().isError() && store.createUser(name, QStringLiteral("!")).ok();
    }
    // A month of cloud use for the profile: long lines, as a real month has.
    bool addCloudUse(qint64 userId) {
        JobStore store(m_layout.databasePath());
        if (store.open().isError())
            return false;
        const QString month = JobStore::usageMonth(QDateTime::currentDateTimeUtc());
        UsageDelta gemini;
        gemini.provider = ProviderId::Gemini;
        gemini.calls = 42;
        gemini.errors = 2;
        gemini.tokensIn = 1234567;
        gemini.tokensOut = 98765;
        gemini.ttsSeconds = 640;
        UsageDelta runway;
        runway.provider = ProviderId::Runway;
        runway.calls = 12;
        runway.credits = 250;
        return !store.addUsage(userId, month, gemini, 1.37).isError() &&
               !store.addUsage(userId, month, runway, 2.50).isError();
    }
    const DataLayout& layout() const { return m_layout; }

private:
    QTemporaryDir m_dir;
    DataLayout m_layout;
};

template <typename T> T* child(const QWidget& parent, const char* name) {
    T* found = parent.findChild<T*>(QLatin1String(name));
    if (!found)
        qFatal("no child named %s", name);
    return found;
}

// Replaces the field's text the way a person does: select, delete, type.
void typeInto(QLineEdit* field, const QString& text) {
    field->setFocus();
    if (!field->text().isEmpty()) {
        field->selectAll();
        QTest::keyClick(field, Qt::Key_Backspace);
    }
    QTest::keyClicks(field, text);
}

// Types something and deletes it again: a field the user has touched and left empty.
void typeAndErase(QLineEdit* field) {
    typeInto(field, QStringLiteral("x"));
    QTest::keyClick(field, Qt::Key_Backspace);
}

QString shownMessage(const QWidget& dialog, const char* name) {
    auto* label = child<QLabel>(dialog, name);
    return label->isVisibleTo(&dialog) ? label->text() : QString();
}

// Keeps a picture of a state worth looking at when HH_SCREENSHOT_DIR names a folder.
void grabInto(QWidget& widget, const QString& name) {
    const QString shots = qEnvironmentVariable("HH_SCREENSHOT_DIR");
    if (!shots.isEmpty() && QDir().mkpath(shots))
        widget.grab().save(QDir(shots).filePath(name));
}

// A dialog that has found out whether accounts exist, shown, with no modal code box.
struct OpenDialog {
    explicit OpenDialog(AccountWorker* worker)
        : dialog(worker) {
        dialog.showRecoveryCode = [this](const QString& code) { shownCodes << code; };
        dialog.show();
    }
    // True once the dialog has left Starting (the answer comes from the worker).
    bool settled() {
        if (dialog.mode() != Mode::Starting)
            return true;
        QSignalSpy changed(&dialog, &SignInDialog::modeChanged);
        return changed.wait(10000) && dialog.mode() != Mode::Starting;
    }
    SignInDialog dialog;
    QStringList shownCodes;
};

} // namespace

class TestSignIn : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void opensOnWelcomeOnlyWithoutAccounts_data();
    void opensOnWelcomeOnlyWithoutAccounts();
    void welcomeLeadsToCreateAndBack();
    void untouchedFieldsSayNothing();
    void createFormProblemsShowUnderTheirField_data();
    void createFormProblemsShowUnderTheirField();
    void nameMessageClearsOnceFixed();
    void signInNamesTheEmptyField_data();
    void signInNamesTheEmptyField();
    void strengthSaysEachThingOnce_data();
    void strengthSaysEachThingOnce();
    void copyPutsTheCodeOnTheClipboard();
    void saveWritesAPrivateFile_data();
    void saveWritesAPrivateFile();
    void forgotWithoutNameAsksForItAndSendsNothing();
    void forgotKeepsTheTypedName();
    void createThenSignInThenReset();
    void passwordlessAccountSignsInWithoutPassword();
    void typedPasswordDoesNotBecomeThePassword();
    void accountWithPasswordCannotBeTakenOver_data();
    void accountWithPasswordCannotBeTakenOver();
    void passwordlessAccountIsSuggestedAPassword();
    void tabFollowsTheForm();
    void fieldsHaveAccessibleNames();
    void profileLabelsFitANarrowDialog_data();
    void profileLabelsFitANarrowDialog();
    void screenshots_data();
    void screenshots();
};

void TestSignIn::initTestCase() {
    // The form starts with the computer's user name; tests start without one.
    qputenv("USER", QByteArray());
}

void TestSignIn::opensOnWelcomeOnlyWithoutAccounts_data() {
    QTest::addColumn<int>("accounts"); // 0: none, 1: with a password, 2: made by the CLI
    QTest::addColumn<Mode>("expected");
    QTest::newRow("empty data folder") << 0 << Mode::Welcome;
    QTest::newRow("an account") << 1 << Mode::SignIn;
    QTest::newRow("an account without a password yet") << 2 << Mode::SignIn;
}

void TestSignIn::opensOnWelcomeOnlyWithoutAccounts() {
    QFETCH(int, accounts);
    QFETCH(Mode, expected);
    DataFolder folder;
    if (accounts == 1)
        QVERIFY(folder.addAccount(QStringLiteral("ada"), kPassword));
    if (accounts == 2)
        QVERIFY(folder.addPasswordlessAccount(QStringLiteral("ada")));
    AccountWorker worker(folder.layout());
    OpenDialog open(&worker);
    QVERIFY(open.settled());
    QCOMPARE(open.dialog.mode(), expected);
    const bool welcome = expected == Mode::Welcome;
    QCOMPARE(child<QPushButton>(open.dialog, "welcomeCreate")->isVisible(), welcome);
    QCOMPARE(child<QPushButton>(open.dialog, "signIn")->isVisible(), !welcome);
    // Sign in and the way to a new account are separate: one default button.
    QCOMPARE(child<QPushButton>(open.dialog, "create")->isVisible(), false);
    if (!welcome) {
        QVERIFY(child<QPushButton>(open.dialog, "signIn")->isDefault());
        QVERIFY(child<QPushButton>(open.dialog, "toCreate")->isVisible());
        QVERIFY(!child<QPushButton>(open.dialog, "toCreate")->isDefault());
    }
}

void TestSignIn::welcomeLeadsToCreateAndBack() {
    DataFolder folder;
    AccountWorker worker(folder.layout());
    OpenDialog open(&worker);
    QVERIFY(open.settled());
    QCOMPARE(open.dialog.mode(), Mode::Welcome);
    QTest::mouseClick(child<QPushButton>(open.dialog, "welcomeCreate"), Qt::LeftButton);
    QCOMPARE(open.dialog.mode(), Mode::Create);
    QVERIFY(child<QLineEdit>(open.dialog, "confirmPassword")->isVisible());
    QVERIFY(child<QPushButton>(open.dialog, "create")->isDefault());
    QTest::mouseClick(child<QPushButton>(open.dialog, "back"), Qt::LeftButton);
    QCOMPARE(open.dialog.mode(), Mode::Welcome); // no account to sign in to yet
}

void TestSignIn::untouchedFieldsSayNothing() {
    DataFolder folder;
    AccountWorker worker(folder.layout());
    OpenDialog open(&worker);
    QVERIFY(open.settled());
    open.dialog.switchTo(Mode::Create);
    for (const char* message : {"userNameMessage", "passwordMessage", "confirmPasswordMessage"})
        QCOMPARE(shownMessage(open.dialog, message), QString());
    QVERIFY(!child<QPushButton>(open.dialog, "create")->isEnabled());
}

void TestSignIn::createFormProblemsShowUnderTheirField_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("confirm");
    QTest::addColumn<QByteArray>("messageField");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty name") << QString() << kPassword << QByteArray("userNameMessage")
                                << QStringLiteral("Choose a user name.");
    QTest::newRow("name with a space")
        << QStringLiteral("ada lovelace") << kPassword << QByteArray("userNameMessage")
        << QStringLiteral("A user name may contain only letters A-Z, digits, '.', '_' and '-'.");
    QTest::newRow("trailing space")
        << QStringLiteral("ada ") << kPassword << QByteArray("userNameMessage")
        << QStringLiteral("A user name may contain only letters A-Z, "
                          "digits, '.', '_' and '-'.");
    QTest::newRow("confirm differs")
        << QStringLiteral("ada") << QStringLiteral("lantern meadow cobal")
        << QByteArray("confirmPasswordMessage") << QStringLiteral("The passwords do not match.");
}

void TestSignIn::createFormProblemsShowUnderTheirField() {
    QFETCH(QString, name);
    QFETCH(QString, confirm);
    QFETCH(QByteArray, messageField);
    QFETCH(QString, message);
    DataFolder folder;
    AccountWorker worker(folder.layout());
    OpenDialog open(&worker);
    QVERIFY(open.settled());
    open.dialog.switchTo(Mode::Create);
    auto* nameField = child<QLineEdit>(open.dialog, "userName");
    if (name.isEmpty())
        typeAndErase(nameField);
    else
        typeInto(nameField, name);
    typeInto(child<QLineEdit>(open.dialog, "password"), kPassword);
    typeInto(child<QLineEdit>(open.dialog, "confirmPassword"), confirm);
    QCOMPARE(shownMessage(open.dialog, messageField.constData()), message);
    // Only the field with the problem speaks.
    for (const char* other : {"userNameMessage", "confirmPasswordMessage", "passwordMessage"}) {
        if (messageField != other)
            QCOMPARE(shownMessage(open.dialog, other), QString());
    }
    auto* create = child<QPushButton>(open.dialog, "create");
    QVERIFY(!create->isEnabled());
    QSignalSpy busy(&open.dialog, &SignInDialog::busyChanged);
    QTest::keyClick(child<QLineEdit>(open.dialog, "confirmPassword"), Qt::Key_Return);
    QCOMPARE(busy.count(), 0);
}

void TestSignIn::nameMessageClearsOnceFixed() {
    DataFolder folder;
    AccountWorker worker(folder.layout());
    OpenDialog open(&worker);
    QVERIFY(open.settled());
    open.dialog.switchTo(Mode::Create);
    auto* name = child<QLineEdit>(open.dialog, "userName");
    typeInto(name, QStringLiteral("ada "));
    QVERIFY(!shownMessage(open.dialog, "userNameMessage").isEmpty());
    QTest::keyClick(name, Qt::Key_Backspace);
    QCOMPARE(shownMessage(open.dialog, "userNameMessage"), QString());
    typeAndErase(name);
    QCOMPARE(shownMessage(open.dialog, "userNameMessage"), QStringLiteral("Choose a user name."));
    QTest::keyClicks(name, QStringLiteral("ada"));
    QCOMPARE(shownMessage(open.dialog, "userNameMessage"), QString());
    typeInto(child<QLineEdit>(open.dialog, "password"), kPassword);
    typeInto(child<QLineEdit>(open.dialog, "confirmPassword"), kPassword);
    QVERIFY(child<QPushButton>(open.dialog, "create")->isEnabled());
}

void TestSignIn::signInNamesTheEmptyField_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QByteArray>("messageField");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty form") << QString() << QString() << QByteArray("userNameMessage")
                                << QStringLiteral("Enter your user name.");
    QTest::newRow("password, no name") << QString() << kPassword << QByteArray("userNameMessage")
                                       << QStringLiteral("Enter your user name.");
    QTest::newRow("name, no password")
        << QStringLiteral("ada") << QString() << QByteArray("passwordMessage")
        << QStringLiteral("Enter your password.");
}

void TestSignIn::signInNamesTheEmptyField() {
    QFETCH(QString, name);
    QFETCH(QString, password);
    QFETCH(QByteArray, messageField);
    QFETCH(QString, message);
    DataFolder folder;
    QVERIFY(folder.addAccount(QStringLiteral("ada"), kPassword));
    AccountWorker worker(folder.layout());
    OpenDialog open(&worker);
    QVERIFY(open.settled());
    QCOMPARE(open.dialog.mode(), Mode::SignIn);
    // Nothing is said before the user has done anything.
    QCOMPARE(shownMessage(open.dialog, "userNameMessage"), QString());
    child<QLineEdit>(open.dialog, "userName")->setText(name);
    child<QLineEdit>(open.dialog, "password")->setText(password);
    QSignalSpy busy(&open.dialog, &SignInDialog::busyChanged);
    QTest::mouseClick(child<QPushButton>(open.dialog, "signIn"), Qt::LeftButton);
    QCOMPARE(shownMessage(open.dialog, messageField.constData()), message);
    QCOMPARE(busy.count(), 0);
    QVERIFY2(!open.dialog.statusText().contains(QStringLiteral("Wrong")),
             qPrintable(open.dialog.statusText()));
}

void TestSignIn::strengthSaysEachThingOnce_data() {
    QTest::addColumn<QString>("password");
    for (const char* password :
         {"a", "short", "password", "ada", "aaaaaaaaaaaa", "abcdefghij", "Abcdefgh12", "qwertyuiop",
          "lantern meadow", "lantern meadow cobalt", "Zebra-Kettle-Orbit-97",
          "correct horse battery staple", "x7#Qm!2pL9&vR4$zK8"})
        QTest::newRow(password) << QString::fromLatin1(password);
}

void TestSignIn::strengthSaysEachThingOnce() {
    QFETCH(QString, password);
    DataFolder folder;
    AccountWorker worker(folder.layout());
    OpenDialog open(&worker);
    QVERIFY(open.settled());
    open.dialog.switchTo(Mode::Create);
    typeInto(child<QLineEdit>(open.dialog, "userName"), QStringLiteral("ada"));
    typeInto(child<QLineEdit>(open.dialog, "password"), password);
    const QString text = open.dialog.strengthText();
    const QString word = text.section(QStringLiteral(" — "), 0, 0);
    static const QStringList words = {QStringLiteral("Very weak"), QStringLiteral("Weak"),
                                      QStringLiteral("Fair"), QStringLiteral("Good"),
                                      QStringLiteral("Strong")};
    QVERIFY2(words.contains(word), qPrintable(text));
    QVERIFY2(text.count(word, Qt::CaseInsensitive) == 1, qPrintable(text));
    const PasswordStrength strength =
        AccountService::passwordStrength(password, QStringLiteral("ada"));
    QCOMPARE(word, words.at(strength.score));
    QCOMPARE(child<QProgressBar>(open.dialog, "strengthBar")->value(), strength.score);
    QVERIFY(child<QProgressBar>(open.dialog, "strengthBar")->isVisible());
    // The hint is there whenever it says something the word does not.
    if (!strength.hint.contains(word, Qt::CaseInsensitive))
        QVERIFY2(text.endsWith(strength.hint), qPrintable(text));
}

void TestSignIn::copyPutsTheCodeOnTheClipboard() {
    const QString code = QStringLiteral("ABCDE-FGHJK-MNPQR-STUVW");
    RecoveryCodeDialog dialog(code, QStringLiteral("ada"));
    dialog.show();
    QApplication::clipboard()->clear();
    QCOMPARE(dialog.noticeText(), QString());
    QTest::mouseClick(child<QPushButton>(dialog, "copyCode"), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), code);
    QVERIFY2(dialog.noticeText().contains(QStringLiteral("Copied")),
             qPrintable(dialog.noticeText()));
    auto* field = child<QLineEdit>(dialog, "recoveryCode");
    QCOMPARE(field->text(), code);
    QVERIFY(field->isReadOnly());
    QVERIFY(field->font().fixedPitch() || QFontInfo(field->font()).fixedPitch());
}

void TestSignIn::saveWritesAPrivateFile_data() {
    QTest::addColumn<bool>("fileExists");
    QTest::newRow("new file") << false;
    QTest::newRow("replacing a readable file") << true;
}

void TestSignIn::saveWritesAPrivateFile() {
    QFETCH(bool, fileExists);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("code.txt"));
    if (fileExists) {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("an old shopping list that is longer than the code file will be, by far; "
                  "an old shopping list that is longer than the code file will be, by far; "
                  "an old shopping list that is longer than the code file will be, by far\n");
        old.close();
        QVERIFY(old.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                   QFileDevice::ReadGroup | QFileDevice::ReadOther));
    }
    const QString code = QStringLiteral("ABCDE-FGHJK-MNPQR-STUVW");
    RecoveryCodeDialog dialog(code, QStringLiteral("ada"));
    QString suggested;
    dialog.chooseSavePath = [&suggested, path](const QString& offered) {
        suggested = offered;
        return path;
    };
    QTest::mouseClick(child<QPushButton>(dialog, "saveCode"), Qt::LeftButton);
    QVERIFY2(suggested.endsWith(QStringLiteral(".txt")), qPrintable(suggested));
    QVERIFY2(suggested.contains(QStringLiteral("ada")), qPrintable(suggested));
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(saved.readAll());
    QVERIFY2(text.contains(code), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Account: ada")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Forgot password?")), qPrintable(text));
    QVERIFY(!text.contains(QStringLiteral("shopping")));
    constexpr auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                            QFileDevice::ExeGroup | QFileDevice::ReadOther |
                            QFileDevice::WriteOther | QFileDevice::ExeOther;
    const QFileDevice::Permissions permissions = QFile::permissions(path);
    QVERIFY(permissions.testFlags(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    QVERIFY2(!(permissions & others), qPrintable(QString::number(int(permissions), 16)));
    QVERIFY2(dialog.noticeText().contains(QStringLiteral("Saved")),
             qPrintable(dialog.noticeText()));

    // A cancelled file chooser writes nothing and says nothing new.
    dialog.chooseSavePath = [](const QString&) { return QString(); };
    const QString before = dialog.noticeText();
    QVERIFY(QFile::remove(path));
    dialog.saveToChosenFile();
    QVERIFY(!QFile::exists(path));
    QCOMPARE(dialog.noticeText(), before);
}

void TestSignIn::forgotWithoutNameAsksForItAndSendsNothing() {
    DataFolder folder;
    QVERIFY(folder.addAccount(QStringLiteral("ada"), kPassword));
    AccountWorker worker(folder.layout());
    OpenDialog open(&worker);
    QVERIFY(open.settled());
    QCOMPARE(child<QLineEdit>(open.dialog, "userName")->text(), QString());
    QSignalSpy busy(&open.dialog, &SignInDialog::busyChanged);
    QTest::mouseClick(child<QPushButton>(open.dialog, "forgotPassword"), Qt::LeftButton);
    QCOMPARE(open.dialog.mode(), Mode::Reset);
    QCOMPARE(shownMessage(open.dialog, "userNameMessage"),
             QStringLiteral("Enter the name of the account to reset."));
    QCOMPARE(open.dialog.focusWidget(), child<QLineEdit>(open.dialog, "userName"));
    auto* reset = child<QPushButton>(open.dialog, "reset");
    QVERIFY(!reset->isEnabled());
    // Even with everything else filled in, nothing is sent without a name.
    typeInto(child<QLineEdit>(open.dialog, "recoveryCode"), QStringLiteral("ABCDE"));
    typeInto(child<QLineEdit>(open.dialog, "password"), QStringLiteral("another long passphrase"));
    typeInto(child<QLineEdit>(open.dialog, "confirmPassword"),
             QStringLiteral("another long passphrase"));
    QVERIFY(!reset->isEnabled());
    open.dialog.requestReset();
    QCOMPARE(busy.count(), 0);
    QCOMPARE(open.dialog.focusWidget(), child<QLineEdit>(open.dialog, "userName"));
    // Named, the form is complete.
    typeInto(child<QLineEdit>(open.dialog, "userName"), QStringLiteral("ada"));
    QCOMPARE(shownMessage(open.dialog, "userNameMessage"), QString());
    QVERIFY(reset->isEnabled());
    QTest::mouseClick(child<QPushButton>(open.dialog, "back"), Qt::LeftButton);
    QCOMPARE(open.dialog.mode(), Mode::SignIn);
}

void TestSignIn::forgotKeepsTheTypedName() {
    DataFolder folder;
    QVERIFY(folder.addAccount(QStringLiteral("ada"), kPassword));
    AccountWorker worker(folder.layout());
    OpenDialog open(&worker);
    QVERIFY(open.settled());
    typeInto(child<QLineEdit>(open.dialog, "userName"), QStringLiteral("ada"));
    typeInto(child<QLineEdit>(open.dialog, "password"), QStringLiteral("half remembered"));
    QTest::mouseClick(child<QPushButton>(open.dialog, "forgotPassword"), Qt::LeftButton);
    QCOMPARE(child<QLineEdit>(open.dialog, "userName")->text(), QStringLiteral("ada"));
    // The password typed for signing in is not offered as the new one.
    QCOMPARE(child<QLineEdit>(open.dialog, "password")->text(), QString());
    for (const char* message :
         {"userNameMessage", "recoveryCodeMessage", "passwordMessage", "confirmPasswordMessage"})
        QCOMPARE(shownMessage(open.dialog, message), QString());
    QCOMPARE(open.dialog.focusWidget(), child<QLineEdit>(open.dialog, "recoveryCode"));
}

// The whole way a new user goes: welcome, create, keep the code, sign in later,
// forget the password, reset it with the code, and be signed in as the same account.
void TestSignIn::createThenSignInThenReset() {
    DataFolder folder;
    AccountWorker worker(folder.layout());
    qint64 userId = 0;
    QString firstCode;
    {
        OpenDialog open(&worker);
        QVERIFY(open.settled());
        QTest::mouseClick(child<QPushButton>(open.dialog, "welcomeCreate"), Qt::LeftButton);
        typeInto(child<QLineEdit>(open.dialog, "userName"), QStringLiteral("grace"));
        typeInto(child<QLineEdit>(open.dialog, "password"), kPassword);
        QVERIFY(!child<QPushButton>(open.dialog, "create")->isEnabled());
        typeInto(child<QLineEdit>(open.dialog, "confirmPassword"), kPassword);
        QVERIFY(child<QPushButton>(open.dialog, "create")->isEnabled());
        QSignalSpy accepted(&open.dialog, &QDialog::accepted);
        QTest::mouseClick(child<QPushButton>(open.dialog, "create"), Qt::LeftButton);
        QVERIFY(accepted.wait(kHashTimeoutMs));
        QCOMPARE(open.shownCodes.size(), 1);
        firstCode = open.shownCodes.first();
        QCOMPARE(open.dialog.lastRecoveryCode(), firstCode);
        userId = open.dialog.userId();
        QVERIFY(userId > 0);
    }
    {
        OpenDialog open(&worker);
        QVERIFY(open.settled());
        QCOMPARE(open.dialog.mode(), Mode::SignIn);
        typeInto(child<QLineEdit>(open.dialog, "userName"), QStringLiteral("grace"));
        typeInto(child<QLineEdit>(open.dialog, "password"), kPassword);
        QSignalSpy accepted(&open.dialog, &QDialog::accepted);
        QTest::keyClick(child<QLineEdit>(open.dialog, "password"), Qt::Key_Return);
        QVERIFY(accepted.wait(kHashTimeoutMs));
        QCOMPARE(open.dialog.userId(), userId);
        QVERIFY(open.shownCodes.isEmpty());
    }
    {
        OpenDialog open(&worker);
        QVERIFY(open.settled());
        typeInto(child<QLineEdit>(open.dialog, "userName"), QStringLiteral("grace"));
        QTest::mouseClick(child<QPushButton>(open.dialog, "forgotPassword"), Qt::LeftButton);
        const QString newPassword = QStringLiteral("quiet harbour at dawn");
        typeInto(child<QLineEdit>(open.dialog, "recoveryCode"), firstCode.toLower());
        typeInto(child<QLineEdit>(open.dialog, "password"), newPassword);
        typeInto(child<QLineEdit>(open.dialog, "confirmPassword"), newPassword);
        QSignalSpy accepted(&open.dialog, &QDialog::accepted);
        QTest::mouseClick(child<QPushButton>(open.dialog, "reset"), Qt::LeftButton);
        QVERIFY(accepted.wait(kHashTimeoutMs));
        QCOMPARE(open.dialog.userId(), userId);
        QCOMPARE(open.shownCodes.size(), 1);
        QVERIFY(open.shownCodes.first() != firstCode);
    }
}

void TestSignIn::passwordlessAccountSignsInWithoutPassword() {
    DataFolder folder;
    QVERIFY(folder.addPasswordlessAccount(QStringLiteral("cli")));
    AccountWorker worker(folder.layout());
    OpenDialog open(&worker);
    QVERIFY(open.settled());
    QCOMPARE(open.dialog.mode(), Mode::SignIn);
    typeInto(child<QLineEdit>(open.dialog, "userName"), QStringLiteral("cli"));
    QTRY_VERIFY_WITH_TIMEOUT(open.dialog.isPasswordlessShown(), 10000);
    QVERIFY2(open.dialog.passwordlessNoteText().startsWith(QStringLiteral("cli has no password")),
             qPrintable(open.dialog.passwordlessNoteText()));
    grabInto(open.dialog, QStringLiteral("signin-passwordless.png"));
    // Another name: the note goes at once.
    typeInto(child<QLineEdit>(open.dialog, "userName"), QStringLiteral("cl"));
    QVERIFY(open.dialog.passwordlessNoteText().isEmpty());
    typeInto(child<QLineEdit>(open.dialog, "userName"), QStringLiteral("cli"));
    QTRY_VERIFY_WITH_TIMEOUT(open.dialog.isPasswordlessShown(), 10000);

    QSignalSpy accepted(&open.dialog, &QDialog::accepted);
    QTest::mouseClick(child<QPushButton>(open.dialog, "signIn"), Qt::LeftButton);
    QVERIFY(accepted.wait(kHashTimeoutMs));
    QVERIFY(open.dialog.userId() > 0);
    QVERIFY(open.dialog.signedInWithoutPassword());
    QVERIFY(open.shownCodes.isEmpty());
}

void TestSignIn::typedPasswordDoesNotBecomeThePassword() {
    DataFolder folder;
    QVERIFY(folder.addPasswordlessAccount(QStringLiteral("cli")));
    AccountWorker worker(folder.layout());
    OpenDialog open(&worker);
    QVERIFY(open.settled());
    typeInto(child<QLineEdit>(open.dialog, "userName"), QStringLiteral("cli"));
    typeInto(child<QLineEdit>(open.dialog, "password"), kPassword);
    QSignalSpy busy(&open.dialog, &SignInDialog::busyChanged);
    QTest::mouseClick(child<QPushButton>(open.dialog, "signIn"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(busy.size() >= 2, kHashTimeoutMs); // busy, then done
    QVERIFY(!open.dialog.isHidden());
    QCOMPARE(open.dialog.userId(), qint64(0));
    QVERIFY2(open.dialog.statusText().contains(QStringLiteral("no password")),
             qPrintable(open.dialog.statusText()));
    QVERIFY(open.shownCodes.isEmpty());
    // Still without one: the typed password opens nothing, the empty one still does.
    JobStore store(folder.layout().databasePath());
    QVERIFY(!store.open().isError());
    AccountService accounts(store, folder.layout());
    QCOMPARE(accounts.isPasswordless(QStringLiteral("cli")).value(), true);
    QVERIFY(!accounts.signIn(QStringLiteral("cli"), kPassword).ok());
    QVERIFY(accounts.signIn(QStringLiteral("cli"), QString()).ok());
}

void TestSignIn::accountWithPasswordCannotBeTakenOver_data() {
    QTest::addColumn<QString>("typed");
    QTest::newRow("another password") << QStringLiteral("a brand new passphrase");
    QTest::newRow("empty") << QString();
}

void TestSignIn::accountWithPasswordCannotBeTakenOver() {
    QFETCH(QString, typed);
    DataFolder folder;
    QVERIFY(folder.addAccount(QStringLiteral("ada"), kPassword));
    AccountWorker worker(folder.layout());
    OpenDialog open(&worker);
    QVERIFY(open.settled());
    typeInto(child<QLineEdit>(open.dialog, "userName"), QStringLiteral("ada"));
    if (!typed.isEmpty())
        typeInto(child<QLineEdit>(open.dialog, "password"), typed);
    QSignalSpy busy(&open.dialog, &SignInDialog::busyChanged);
    QTest::mouseClick(child<QPushButton>(open.dialog, "signIn"), Qt::LeftButton);
    if (!typed.isEmpty())
        QTRY_VERIFY_WITH_TIMEOUT(busy.size() >= 2, kHashTimeoutMs);
    QVERIFY(!open.dialog.isPasswordlessShown());
    QCOMPARE(open.dialog.userId(), qint64(0));
    QVERIFY(open.shownCodes.isEmpty());
    // The account's own password still works; the typed one does not.
    JobStore store(folder.layout().databasePath());
    QVERIFY(!store.open().isError());
    AccountService accounts(store, folder.layout());
    QVERIFY(!accounts.signIn(QStringLiteral("ada"), typed).ok());
    QVERIFY(accounts.signIn(QStringLiteral("ada"), kPassword).ok());
}

void TestSignIn::passwordlessAccountIsSuggestedAPassword() {
    DataFolder folder;
    QVERIFY(folder.addPasswordlessAccount(QStringLiteral("cli")));
    qint64 cli = 0;
    {
        JobStore store(folder.layout().databasePath());
        QVERIFY(!store.open().isError());
        cli = store.userIdByName(QStringLiteral("cli")).value();
    }
    AccountWorker worker(folder.layout());
    QThreadPool pool;
    MainWindow window(&pool, nullptr, cli);
    window.setAccountWorker(&worker);
    window.suggestPassword(true);
    window.show();
    QVERIFY(window.isPasswordSuggested());
    grabInto(window, QStringLiteral("main-password-suggestion.png"));

    // "Set a password…" opens the account, where the first password needs no old one.
    QStringList codes;
    bool hadPassword = true;
    window.runProfileDialog = [&](ProfileDialog& profile) {
        QSignalSpy done(&profile, &ProfileDialog::finishedWork);
        if (!done.wait(kHashTimeoutMs)) // the profile has loaded
            return 0;
        hadPassword = profile.hasPassword();
        profile.showRecoveryCode = [&codes](const QString& code) { codes << code; };
        profile.setFirstPassword(kPassword);
        done.wait(kHashTimeoutMs);
        return 1;
    };
    QTest::mouseClick(child<QPushButton>(window, "setPassword"), Qt::LeftButton);
    QVERIFY(!hadPassword);
    QCOMPARE(codes.size(), 1);
    QVERIFY(!window.isPasswordSuggested());
    JobStore store(folder.layout().databasePath());
    QVERIFY(!store.open().isError());
    AccountService accounts(store, folder.layout());
    QCOMPARE(accounts.signIn(QStringLiteral("cli"), kPassword).value(), cli);
    QVERIFY(accounts
                .resetWithRecoveryCode(QStringLiteral("cli"), codes.first(),
                                       QStringLiteral("quiet harbour at dawn"))
                .ok());
}

void TestSignIn::tabFollowsTheForm() {
    DataFolder folder;
    QVERIFY(folder.addAccount(QStringLiteral("ada"), kPassword));
    AccountWorker worker(folder.layout());
    OpenDialog open(&worker);
    QVERIFY(open.settled());
    QApplication::setActiveWindow(&open.dialog);
    QVERIFY(QTest::qWaitForWindowActive(&open.dialog));
    const auto walk = [&open](const QList<const char*>& names) {
        auto* first = child<QWidget>(open.dialog, names.first());
        first->setFocus();
        QStringList seen{QString::fromLatin1(names.first())};
        for (int i = 1; i < names.size(); ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            seen << QApplication::focusWidget()->objectName();
        }
        return seen;
    };
    const auto expected = [](const QList<const char*>& names) {
        QStringList list;
        for (const char* name : names)
            list << QString::fromLatin1(name);
        return list;
    };
    const QList<const char*> signIn = {"userName", "password", "forgotPassword", "toCreate",
                                       "signIn"};
    QCOMPARE(walk(signIn), expected(signIn));
    open.dialog.switchTo(Mode::Reset);
    const QList<const char*> reset = {"userName", "recoveryCode", "password", "confirmPassword",
                                      "back"};
    QCOMPARE(walk(reset), expected(reset));
}

void TestSignIn::fieldsHaveAccessibleNames() {
    DataFolder folder;
    AccountWorker worker(folder.layout());
    OpenDialog open(&worker);
    QVERIFY(open.settled());
    for (Mode mode : {Mode::SignIn, Mode::Create, Mode::Reset}) {
        open.dialog.switchTo(mode);
        for (auto* field : open.dialog.findChildren<QLineEdit*>()) {
            if (field->isVisible())
                QVERIFY2(!field->accessibleName().isEmpty(), qPrintable(field->objectName()));
        }
        for (auto* button : open.dialog.findChildren<QPushButton*>()) {
            if (button->isVisible())
                QVERIFY2(!button->text().isEmpty() || !button->accessibleName().isEmpty(),
                         qPrintable(button->objectName()));
        }
    }
}

void TestSignIn::profileLabelsFitANarrowDialog_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<int>("width"); // 0: the dialog's own size
    for (const char* language : {"en", "de"}) {
        QTest::addRow("%s, default size", language) << QString::fromLatin1(language) << 0;
        QTest::addRow("%s, 400 px", language) << QString::fromLatin1(language) << 400;
    }
}

// "Cloud use this month" and its value are read whole, not cut off at the edge.
void TestSignIn::profileLabelsFitANarrowDialog() {
    QFETCH(QString, language);
    QFETCH(int, width);
    Translations translations;
    QVERIFY(translations.install(language));
    DataFolder folder;
    QVERIFY(folder.addAccount(QStringLiteral("ada"), kPassword));
    QVERIFY(folder.addCloudUse(1));
    AccountWorker worker(folder.layout());
    ProfileDialog dialog(&worker, 1);
    QSignalSpy done(&dialog, &ProfileDialog::finishedWork);
    QVERIFY(done.wait(10000));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    if (width > 0)
        dialog.resize(width, dialog.height());
    // Let the layout settle at the new width (height for width) before measuring.
    QTest::qWait(20);
    const QString shots = qEnvironmentVariable("HH_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        QVERIFY(dialog.grab().save(QDir(shots).filePath(
            QStringLiteral("profile-%1-%2.png")
                .arg(language, width > 0 ? QString::number(width) : QStringLiteral("default")))));
    }
    if (width > 0)
        QCOMPARE(dialog.width(), width);
    int checked = 0;
    for (auto* label : dialog.findChildren<QLabel*>()) {
        if (!label->isVisible() || label->text().isEmpty())
            continue;
        const QRect inDialog(label->mapTo(&dialog, QPoint(0, 0)), label->size());
        QVERIFY2(dialog.rect().contains(inDialog), qPrintable(label->text()));
        if (label->wordWrap()) {
            QVERIFY2(label->height() >= label->heightForWidth(label->width()),
                     qPrintable(label->text()));
        } else {
            QVERIFY2(label->width() >= label->sizeHint().width(), qPrintable(label->text()));
        }
        ++checked;
    }
    QVERIFY(checked >= 4);
}

void TestSignIn::screenshots_data() {
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("de") << QStringLiteral("de");
}

// Set HH_SCREENSHOT_DIR to get PNGs of each mode and of the recovery code for a look.
void TestSignIn::screenshots() {
    QFETCH(QString, language);
    const QString folderPath = qEnvironmentVariable("HH_SCREENSHOT_DIR");
    if (folderPath.isEmpty())
        QSKIP("HH_SCREENSHOT_DIR not set");
    Translations translations;
    QVERIFY(translations.install(language));
    const QDir out(folderPath + QLatin1Char('/') + language);
    QVERIFY(out.mkpath(QStringLiteral(".")));
    DataFolder folder;
    AccountWorker worker(folder.layout());
    {
        OpenDialog open(&worker);
        QVERIFY(open.settled());
        QVERIFY(open.dialog.grab().save(out.filePath(QStringLiteral("signin-welcome.png"))));
        open.dialog.switchTo(Mode::Create);
        typeInto(child<QLineEdit>(open.dialog, "userName"), QStringLiteral("ada lovelace"));
        typeInto(child<QLineEdit>(open.dialog, "password"), QStringLiteral("lantern mead"));
        typeInto(child<QLineEdit>(open.dialog, "confirmPassword"), QStringLiteral("lantern"));
        QTest::qWait(50);
        QVERIFY(open.dialog.grab().save(out.filePath(QStringLiteral("signin-create-errors.png"))));
        typeInto(child<QLineEdit>(open.dialog, "userName"), QStringLiteral("ada"));
        typeInto(child<QLineEdit>(open.dialog, "password"),
                 QStringLiteral("Zebra-Kettle-Orbit-97"));
        typeInto(child<QLineEdit>(open.dialog, "confirmPassword"),
                 QStringLiteral("Zebra-Kettle-Orbit-97"));
        QTest::qWait(50);
        QVERIFY(open.dialog.grab().save(out.filePath(QStringLiteral("signin-create-ok.png"))));
        QSignalSpy accepted(&open.dialog, &QDialog::accepted);
        QTest::mouseClick(child<QPushButton>(open.dialog, "create"), Qt::LeftButton);
        QVERIFY(accepted.wait(kHashTimeoutMs));
    }
    {
        OpenDialog open(&worker);
        QVERIFY(open.settled());
        QTest::mouseClick(child<QPushButton>(open.dialog, "signIn"), Qt::LeftButton);
        QTest::qWait(50);
        QVERIFY(open.dialog.grab().save(out.filePath(QStringLiteral("signin-signin-empty.png"))));
        QTest::mouseClick(child<QPushButton>(open.dialog, "forgotPassword"), Qt::LeftButton);
        typeInto(child<QLineEdit>(open.dialog, "password"), QStringLiteral("short"));
        QTest::qWait(50);
        QVERIFY(open.dialog.grab().save(out.filePath(QStringLiteral("signin-reset.png"))));
    }
    RecoveryCodeDialog code(QStringLiteral("ABCDE-FGHJK-MNPQR-STUVW"), QStringLiteral("ada"));
    code.show();
    code.copyCode();
    QTest::qWait(50);
    QVERIFY(code.grab().save(out.filePath(QStringLiteral("signin-recovery-code.png"))));
}

QTEST_MAIN(TestSignIn)
#include "tst_signin.moc"
