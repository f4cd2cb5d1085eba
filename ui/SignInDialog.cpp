// SPDX-License-Identifier: GPL-3.0-or-later
#include "SignInDialog.h"

#include "AccountMessages.h"
#include "AccountService.h"
#include "AccountWorker.h"
#include "RecoveryCodeDialog.h"
#include "WindowFit.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

namespace hh {

namespace {

struct Outcome {
    qint64 userId = 0;
    QString code;
    Error error;
};

// Red that reads on the dark and on the light theme alike.
QColor errorColor(const QPalette& palette) {
    return palette.color(QPalette::Window).lightnessF() < 0.5 ? QColor(0xff, 0x8a, 0x80)
                                                              : QColor(0xb3, 0x26, 0x1e);
}

QLabel* makeMessageLabel(QWidget* parent, const QString& objectName) {
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, errorColor(palette));
    label->setPalette(palette);
    label->hide();
    return label;
}

// A field with its message line under it, as one cell of the form.
QWidget* fieldCell(QWidget* parent, const QList<QWidget*>& parts) {
    auto* cell = new QWidget(parent);
    auto* layout = new QVBoxLayout(cell);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    for (QWidget* part : parts)
        layout->addWidget(part);
    return cell;
}

QLineEdit* makeField(QWidget* parent, const QString& objectName, const QString& accessibleName,
                     QLineEdit::EchoMode echo = QLineEdit::Normal) {
    auto* field = new QLineEdit(parent);
    field->setObjectName(objectName);
    field->setAccessibleName(accessibleName);
    field->setEchoMode(echo);
    return field;
}

QFont scaledBold(QFont font, qreal factor) {
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * factor);
    return font;
}

void showMessage(QLabel* label, const QString& text) {
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

} // namespace

SignInDialog::SignInDialog(AccountWorker* worker, QWidget* parent)
    : QDialog(parent)
    , m_worker(worker) {
    // Qt adds " — Hidden Hill" (the application's display name) to every title.
    setWindowTitle(tr("Sign in"));
    m_pages = new QStackedWidget(this);
    m_startingPage = new QWidget(m_pages);
    m_welcomePage = makeWelcomePage();
    m_formPage = makeFormPage();
    m_pages->addWidget(m_startingPage);
    m_pages->addWidget(m_welcomePage);
    m_pages->addWidget(m_formPage);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    // Wide enough that a message under a field wraps into a line or two, not five.
    setMinimumWidth(440);

    showRecoveryCode = [this](const QString& code) {
        RecoveryCodeDialog dialog(code, userName(), this);
        dialog.exec();
    };
    // The computer's user name is usually the account's.
    m_user->setText(qEnvironmentVariable("USER"));
    setMode(Mode::Starting);
    m_worker->run<Result<bool>>([](AccountService& accounts) { return accounts.hasAccounts(); },
                                this, [this](Result<bool> any) { openOn(any); });
}

void SignInDialog::openOn(const Result<bool>& anyAccount) {
    // Unreadable: sign in still works and says what is wrong.
    m_hasAccounts = !anyAccount || anyAccount.value();
    if (m_mode != Mode::Starting)
        return; // a request was already made
    switchTo(m_hasAccounts ? Mode::SignIn : Mode::Welcome);
    if (!anyAccount)
        showError(anyAccount.error().message);
}

QWidget* SignInDialog::makeWelcomePage() {
    auto* page = new QWidget(this);
    auto* icon = new QLabel(page);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/hiddenhill.svg")).pixmap(64, 64));
    icon->setAlignment(Qt::AlignTop);
    auto* heading = new QLabel(tr("Welcome to Hidden Hill"), page);
    heading->setFont(scaledBold(heading->font(), 1.4));
    auto* what = new QLabel(tr("Drop in a scientific paper and get a narrated, captioned vertical "
                               "video about it, made here on this computer."),
                            page);
    what->setWordWrap(true);
    auto* accounts = new QLabel(tr("Everyone who uses this computer has their own account, so "
                                   "each person's papers and videos stay apart. Start by creating "
                                   "yours."),
                                page);
    accounts->setWordWrap(true);
    m_welcomeCreate = new QPushButton(tr("Create account"), page);
    m_welcomeCreate->setObjectName(QStringLiteral("welcomeCreate"));
    connect(m_welcomeCreate, &QPushButton::clicked, this, [this] { switchTo(Mode::Create); });

    auto* text = new QVBoxLayout;
    text->addWidget(heading);
    text->addSpacing(4);
    text->addWidget(what);
    text->addWidget(accounts);
    text->addStretch(1);
    auto* top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addSpacing(12);
    top->addLayout(text, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_welcomeCreate);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top, 1);
    layout->addSpacing(16);
    layout->addLayout(buttons);
    return page;
}

QWidget* SignInDialog::makeFormPage() {
    auto* page = new QWidget(this);
    m_heading = new QLabel(page);
    m_heading->setFont(scaledBold(m_heading->font(), 1.25));
    m_intro = new QLabel(page);
    m_intro->setWordWrap(true);

    m_user = makeField(page, QStringLiteral("userName"), tr("User name"));
    m_userMessage = makeMessageLabel(page, QStringLiteral("userNameMessage"));
    // Not an error: plain text in the window's colours.
    m_passwordlessNote = new QLabel(page);
    m_passwordlessNote->setObjectName(QStringLiteral("passwordlessNote"));
    m_passwordlessNote->setWordWrap(true);
    m_passwordlessNote->setTextFormat(Qt::PlainText);
    m_passwordlessNote->hide();
    m_passwordlessCheck = new QTimer(this);
    m_passwordlessCheck->setSingleShot(true);
    m_passwordlessCheck->setInterval(250);
    connect(m_passwordlessCheck, &QTimer::timeout, this, &SignInDialog::checkPasswordless);
    m_code = makeField(page, QStringLiteral("recoveryCode"), tr("Recovery code"));
    m_code->setPlaceholderText(QStringLiteral("XXXXX-XXXXX-XXXXX-XXXXX"));
    m_codeMessage = makeMessageLabel(page, QStringLiteral("recoveryCodeMessage"));
    m_password = makeField(page, QStringLiteral("password"), tr("Password"), QLineEdit::Password);
    m_passwordMessage = makeMessageLabel(page, QStringLiteral("passwordMessage"));
    m_confirm = makeField(page, QStringLiteral("confirmPassword"), tr("Confirm password"),
                          QLineEdit::Password);
    m_confirmMessage = makeMessageLabel(page, QStringLiteral("confirmPasswordMessage"));

    m_strengthBar = new QProgressBar(page);
    m_strengthBar->setObjectName(QStringLiteral("strengthBar"));
    m_strengthBar->setAccessibleName(tr("Password strength"));
    m_strengthBar->setRange(0, 4);
    m_strengthBar->setTextVisible(false);
    m_strengthBar->setFixedSize(72, 8);
    m_strength = new QLabel(page);
    m_strength->setObjectName(QStringLiteral("strength"));
    m_strength->setWordWrap(true);
    m_strengthRow = new QWidget(page);
    // The bar sits on the first line of the text next to it, however many lines follow.
    auto* barColumn = new QVBoxLayout;
    barColumn->setContentsMargins(0, (m_strength->fontMetrics().height() - 8) / 2, 0, 0);
    barColumn->addWidget(m_strengthBar);
    barColumn->addStretch(1);
    auto* strengthLayout = new QHBoxLayout(m_strengthRow);
    strengthLayout->setContentsMargins(0, 0, 0, 0);
    strengthLayout->addLayout(barColumn);
    strengthLayout->addWidget(m_strength, 1);

    m_forgot = new QPushButton(tr("Forgot password?"), page);
    m_forgot->setObjectName(QStringLiteral("forgotPassword"));
    m_forgot->setFlat(true);
    m_forgot->setAutoDefault(false);
    m_forgot->setCursor(Qt::PointingHandCursor);

    // A grid rather than a QFormLayout: the grid gives wrapped messages the height
    // they need at the width they get, where a form layout's estimate cuts lines off.
    auto* form = new QGridLayout;
    form->setColumnStretch(1, 1);
    form->setVerticalSpacing(8);
    const auto addRow = [form](QLabel* label, QLineEdit* field, QWidget* cell) {
        label->setBuddy(field);
        // As tall as the field, centred: the label sits on the field's line, not its messages'.
        label->setMinimumHeight(field->sizeHint().height());
        label->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        const int row = form->rowCount();
        form->addWidget(label, row, 0, Qt::AlignTop);
        form->addWidget(cell, row, 1);
    };
    addRow(new QLabel(tr("&Name"), page), m_user,
           fieldCell(page, {m_user, m_userMessage, m_passwordlessNote}));
    m_codeLabel = new QLabel(tr("Recovery &code"), page);
    m_codeCell = fieldCell(page, {m_code, m_codeMessage});
    addRow(m_codeLabel, m_code, m_codeCell);
    m_passwordLabel = new QLabel(page);
    QWidget* passwordCell =
        fieldCell(page, {m_password, m_strengthRow, m_passwordMessage, m_forgot});
    passwordCell->layout()->setAlignment(m_forgot, Qt::AlignLeft);
    addRow(m_passwordLabel, m_password, passwordCell);
    m_confirmLabel = new QLabel(tr("Con&firm"), page);
    m_confirmCell = fieldCell(page, {m_confirm, m_confirmMessage});
    addRow(m_confirmLabel, m_confirm, m_confirmCell);
    m_status = new QLabel(page);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);

    m_toCreate = new QPushButton(tr("New account…"), page);
    m_toCreate->setObjectName(QStringLiteral("toCreate"));
    m_back = new QPushButton(tr("Back"), page);
    m_back->setObjectName(QStringLiteral("back"));
    m_signIn = new QPushButton(tr("Sign in"), page);
    m_signIn->setObjectName(QStringLiteral("signIn"));
    m_create = new QPushButton(tr("Create account"), page);
    m_create->setObjectName(QStringLiteral("create"));
    m_reset = new QPushButton(tr("Reset password"), page);
    m_reset->setObjectName(QStringLiteral("reset"));
    // One default per mode (the visible primary); the way elsewhere is never pressed by Enter.
    for (QPushButton* secondary : {m_toCreate, m_back})
        secondary->setAutoDefault(false);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_toCreate);
    buttons->addWidget(m_back);
    buttons->addStretch(1);
    buttons->addWidget(m_signIn);
    buttons->addWidget(m_create);
    buttons->addWidget(m_reset);

    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_heading);
    layout->addWidget(m_intro);
    layout->addSpacing(8);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addStretch(1);
    layout->addSpacing(8);
    layout->addLayout(buttons);

    // The order a person fills the form in; fields hidden in a mode are skipped.
    QWidget* order[] = {m_user,     m_code, m_password, m_confirm, m_forgot,
                        m_toCreate, m_back, m_signIn,   m_create,  m_reset};
    for (size_t i = 1; i < std::size(order); ++i)
        setTabOrder(order[i - 1], order[i]);

    connect(m_user, &QLineEdit::textEdited, this, [this] { m_touched.name = true; });
    connect(m_user, &QLineEdit::textChanged, this, [this] {
        if (!isPasswordlessShown())
            showPasswordless({});
        m_passwordlessCheck->start();
    });
    connect(m_code, &QLineEdit::textEdited, this, [this] { m_touched.code = true; });
    connect(m_password, &QLineEdit::textEdited, this, [this] { m_touched.password = true; });
    connect(m_confirm, &QLineEdit::textEdited, this, [this] { m_touched.confirm = true; });
    for (QLineEdit* field : {m_user, m_code, m_password, m_confirm})
        connect(field, &QLineEdit::textChanged, this, &SignInDialog::updateValidation);
    connect(m_signIn, &QPushButton::clicked, this, &SignInDialog::signIn);
    connect(m_create, &QPushButton::clicked, this, [this] {
        if (formIsValid())
            createAccount();
    });
    connect(m_reset, &QPushButton::clicked, this, &SignInDialog::requestReset);
    connect(m_forgot, &QPushButton::clicked, this, [this] { switchTo(Mode::Reset); });
    connect(m_toCreate, &QPushButton::clicked, this, [this] { switchTo(Mode::Create); });
    connect(m_back, &QPushButton::clicked, this,
            [this] { switchTo(m_hasAccounts ? Mode::SignIn : Mode::Welcome); });
    return page;
}

// Messages come and go under the fields; the window keeps room for every line.
bool SignInDialog::event(QEvent* event) {
    const bool handled = QDialog::event(event);
    if (event->type() == QEvent::LayoutRequest || event->type() == QEvent::Resize)
        fitHeightToWidth(this);
    return handled;
}

QString SignInDialog::userName() const {
    return m_user->text().trimmed();
}
QString SignInDialog::statusText() const {
    return m_status->text();
}
QString SignInDialog::strengthText() const {
    return m_strength->text();
}

void SignInDialog::switchTo(Mode mode) {
    m_password->clear();
    m_confirm->clear();
    m_code->clear();
    // A name the app filled in is checked at once; one the user has yet to type is not.
    m_touched = Touched{};
    m_touched.name = !m_user->text().isEmpty() || mode == Mode::Reset;
    setMode(mode);
    focusFirstField();
}

void SignInDialog::setMode(Mode mode) {
    m_mode = mode;
    const bool signIn = mode == Mode::SignIn || mode == Mode::Starting;
    const bool create = mode == Mode::Create;
    const bool reset = mode == Mode::Reset;
    switch (mode) {
    case Mode::Starting:
        m_pages->setCurrentWidget(m_startingPage);
        break;
    case Mode::Welcome:
        m_pages->setCurrentWidget(m_welcomePage);
        setWindowTitle(tr("Welcome"));
        break;
    case Mode::SignIn:
        m_pages->setCurrentWidget(m_formPage);
        setWindowTitle(tr("Sign in"));
        m_heading->setText(tr("Sign in"));
        m_intro->setText(tr("Each account sees only its own papers and videos."));
        break;
    case Mode::Create:
        m_pages->setCurrentWidget(m_formPage);
        setWindowTitle(tr("Create account"));
        m_heading->setText(tr("Create your account"));
        m_intro->setText(tr("Your papers and videos stay in this account, apart from those of "
                            "anyone else who uses this computer."));
        break;
    case Mode::Reset:
        m_pages->setCurrentWidget(m_formPage);
        setWindowTitle(tr("Reset password"));
        m_heading->setText(tr("Reset your password"));
        m_intro->setText(tr("Enter the recovery code you kept when the account was made, and "
                            "choose a new password."));
        break;
    }
    m_passwordLabel->setText(reset ? tr("New pass&word") : tr("Pass&word"));
    m_password->setAccessibleName(reset ? tr("New password") : tr("Password"));
    m_codeLabel->setVisible(reset);
    m_codeCell->setVisible(reset);
    m_confirmLabel->setVisible(create || reset);
    m_confirmCell->setVisible(create || reset);
    m_forgot->setVisible(signIn);
    m_toCreate->setVisible(signIn);
    m_back->setVisible(create || reset);
    m_signIn->setVisible(signIn);
    m_create->setVisible(create);
    m_reset->setVisible(reset);
    // Setting one default clears the others; the welcome page has its own.
    QPushButton* primary = mode == Mode::Welcome ? m_welcomeCreate
                           : create              ? m_create
                           : reset               ? m_reset
                                                 : m_signIn;
    primary->setDefault(true);
    m_status->clear();
    showPasswordless(signIn ? m_passwordlessName : QString()); // also updates the validation
    if (mode == Mode::SignIn)
        m_passwordlessCheck->start();
    updateStrength();
    Q_EMIT modeChanged(mode);
}

void SignInDialog::focusFirstField() {
    switch (m_mode) {
    case Mode::Starting:
        break;
    case Mode::Welcome:
        m_welcomeCreate->setFocus();
        break;
    case Mode::SignIn:
    case Mode::Create:
        (userName().isEmpty() ? m_user : m_password)->setFocus();
        break;
    case Mode::Reset:
        (userName().isEmpty() ? m_user : m_code)->setFocus();
        break;
    }
}

// ---- validation -----------------------------------------------------------------

QString SignInDialog::nameProblem() const {
    switch (m_mode) {
    case Mode::Create:
        // The raw text: a space is refused the moment it is typed, not trimmed away.
        return AccountMessages::localized(AccountService::usernameProblem(m_user->text()));
    case Mode::Reset:
        if (userName().isEmpty())
            return tr("Enter the name of the account to reset.");
        return AccountMessages::localized(AccountService::usernameProblem(userName()));
    case Mode::SignIn:
    case Mode::Starting:
        return userName().isEmpty() ? tr("Enter your user name.") : QString();
    case Mode::Welcome:
        break;
    }
    return {};
}

// Only what the strength line does not already say.
QString SignInDialog::passwordProblem() const {
    if ((m_mode == Mode::SignIn || m_mode == Mode::Starting) && m_password->text().isEmpty() &&
        !isPasswordlessShown())
        return tr("Enter your password.");
    return {};
}

bool SignInDialog::isPasswordlessShown() const {
    return !m_passwordlessName.isEmpty() &&
           m_passwordlessName.compare(userName(), Qt::CaseInsensitive) == 0;
}

QString SignInDialog::passwordlessNoteText() const {
    return m_passwordlessNote->isVisibleTo(this) ? m_passwordlessNote->text() : QString();
}

// Asked of the worker a moment after the name stops changing; the answer counts
// only while the field still holds that name.
void SignInDialog::checkPasswordless() {
    const QString name = userName();
    if (m_mode != Mode::SignIn || name.isEmpty() ||
        !AccountService::usernameProblem(name).isEmpty()) {
        showPasswordless({});
        return;
    }
    m_worker->run<Result<bool>>(
        [name](AccountService& accounts) { return accounts.isPasswordless(name); }, this,
        [this, name](Result<bool> passwordless) {
            if (name != userName())
                return;
            showPasswordless(passwordless && passwordless.value() ? name : QString());
        });
}

void SignInDialog::showPasswordless(const QString& name) {
    m_passwordlessName = name;
    const bool shown = !name.isEmpty() && m_mode == Mode::SignIn;
    m_passwordlessNote->setText(
        shown ? tr("%1 has no password: leave the password empty to sign in, then set one in "
                   "your account.")
                    .arg(name)
              : QString());
    m_passwordlessNote->setVisible(shown);
    m_password->setPlaceholderText(shown ? tr("No password") : QString());
    updateValidation();
}

QString SignInDialog::confirmProblem() const {
    if (m_mode != Mode::Create && m_mode != Mode::Reset)
        return {};
    return m_confirm->text() == m_password->text() ? QString() : tr("The passwords do not match.");
}

QString SignInDialog::codeProblem() const {
    if (m_mode != Mode::Reset)
        return {};
    return m_code->text().trimmed().isEmpty() ? tr("Enter the recovery code.") : QString();
}

bool SignInDialog::formIsValid() const {
    if (!nameProblem().isEmpty() || !passwordProblem().isEmpty() || !confirmProblem().isEmpty() ||
        !codeProblem().isEmpty())
        return false;
    if (m_mode == Mode::Create || m_mode == Mode::Reset)
        return AccountService::passwordProblem(m_password->text(), userName()).isEmpty();
    return true;
}

void SignInDialog::updateValidation() {
    showMessage(m_userMessage, m_touched.name ? nameProblem() : QString());
    showMessage(m_passwordMessage, m_touched.password ? passwordProblem() : QString());
    showMessage(m_confirmMessage, m_touched.confirm ? confirmProblem() : QString());
    showMessage(m_codeMessage, m_touched.code ? codeProblem() : QString());
    // Sign in stays pressable: pressing it is how an empty field gets its message.
    const bool valid = formIsValid();
    m_signIn->setEnabled(!m_busy);
    m_create->setEnabled(!m_busy && valid);
    m_reset->setEnabled(!m_busy && valid);
    m_forgot->setEnabled(!m_busy);
    m_toCreate->setEnabled(!m_busy);
    m_back->setEnabled(!m_busy);
    updateStrength();
}

void SignInDialog::updateStrength() {
    const bool newPassword = m_mode == Mode::Create || m_mode == Mode::Reset;
    const bool shown = newPassword && !m_password->text().isEmpty();
    m_strengthRow->setVisible(shown);
    if (!shown) {
        m_strength->clear();
        m_strengthBar->setValue(0);
        return;
    }
    const PasswordStrength strength =
        AccountService::passwordStrength(m_password->text(), userName());
    const int score = std::clamp(strength.score, 0, 4);
    // Marked for lupdate here, translated below: tr() of a variable is invisible to it.
    static const char* const words[] = {QT_TR_NOOP("Very weak"), QT_TR_NOOP("Weak"),
                                        QT_TR_NOOP("Fair"), QT_TR_NOOP("Good"),
                                        QT_TR_NOOP("Strong")};
    const QString word = tr(words[score]);
    const QString hint = AccountMessages::localized(strength.hint);
    // "Strong — Strong password." says one thing twice: the hint only when it adds.
    const bool hintAdds = !hint.isEmpty() && !hint.contains(word, Qt::CaseInsensitive);
    m_strength->setText(hintAdds ? tr("%1 — %2").arg(word, hint) : word);
    m_strengthBar->setValue(score);
    m_strengthBar->setAccessibleDescription(m_strength->text());
    QPalette palette = m_strengthBar->palette();
    const QColor colour = score <= 1   ? errorColor(palette)
                          : score == 2 ? QColor(0xd9, 0x8e, 0x04)
                                       : QColor(0x2e, 0x9e, 0x5b);
    palette.setColor(QPalette::Highlight, colour);
    m_strengthBar->setPalette(palette);
}

void SignInDialog::showError(const QString& serviceMessage) {
    m_status->setText(AccountMessages::localized(serviceMessage));
}

void SignInDialog::setBusy(bool busy) {
    m_busy = busy;
    updateValidation();
    if (busy) {
        m_status->setText(m_mode == Mode::Create  ? tr("Creating your account…")
                          : m_mode == Mode::Reset ? tr("Checking the recovery code…")
                                                  : tr("Checking…"));
    }
    Q_EMIT busyChanged(busy);
}

// ---- requests -------------------------------------------------------------------

void SignInDialog::signIn() {
    if (m_mode == Mode::Starting || m_mode == Mode::Welcome)
        setMode(Mode::SignIn);
    // An empty field is named before anything is sent: an empty form is not a wrong password.
    m_touched.name = m_touched.password = true;
    updateValidation();
    if (!nameProblem().isEmpty() || !passwordProblem().isEmpty()) {
        (nameProblem().isEmpty() ? m_password : m_user)->setFocus();
        return;
    }
    const QString user = userName();
    const QString password = m_password->text();
    setBusy(true);
    m_worker->run<Outcome>(
        [user, password](AccountService& accounts) {
            // Only ever a sign-in: a password typed here never becomes an account's
            // password, so nobody takes over an account at this prompt.
            Outcome outcome;
            auto result = accounts.signIn(user, password);
            if (result)
                outcome.userId = result.value();
            else
                outcome.error = result.error();
            return outcome;
        },
        this,
        [this, password](Outcome outcome) {
            setBusy(false);
            if (outcome.error.isError()) {
                showError(outcome.error.message);
                return;
            }
            m_userId = outcome.userId;
            // The service accepts an empty password for a passwordless account only.
            m_signedInWithoutPassword = password.isEmpty();
            accept();
        });
}

void SignInDialog::createAccount() {
    if (m_mode != Mode::Create)
        setMode(Mode::Create);
    const QString user = userName();
    const QString password = m_password->text();
    setBusy(true);
    m_worker->run<Outcome>(
        [user, password](AccountService& accounts) {
            Outcome outcome;
            auto result = accounts.signUp(user, password, user);
            if (result) {
                outcome.userId = result.value().userId;
                outcome.code = result.value().recoveryCode;
            } else {
                outcome.error = result.error();
            }
            return outcome;
        },
        this,
        [this](Outcome outcome) {
            setBusy(false);
            if (outcome.error.isError()) {
                showError(outcome.error.message);
                return;
            }
            m_hasAccounts = true;
            m_userId = outcome.userId;
            m_recoveryCode = outcome.code;
            showRecoveryCode(outcome.code);
            accept();
        });
}

void SignInDialog::requestReset() {
    if (m_mode != Mode::Reset)
        setMode(Mode::Reset);
    m_touched = {true, true, true, true};
    updateValidation();
    if (!formIsValid()) {
        for (auto [field, problem] : {std::pair{m_user, nameProblem()},
                                      {m_code, codeProblem()},
                                      {m_confirm, confirmProblem()}}) {
            if (!problem.isEmpty()) {
                field->setFocus();
                return;
            }
        }
        m_password->setFocus(); // the strength line says what is missing
        return;
    }
    resetPassword(m_code->text().trimmed(), m_password->text());
}

void SignInDialog::resetPassword(const QString& code, const QString& newPassword) {
    const QString user = userName();
    setBusy(true);
    m_worker->run<Outcome>(
        [user, code, newPassword](AccountService& accounts) {
            Outcome outcome;
            auto result = accounts.resetWithRecoveryCode(user, code, newPassword);
            if (result)
                outcome.code = result.value();
            else
                outcome.error = result.error();
            return outcome;
        },
        this,
        [this, newPassword](Outcome outcome) {
            setBusy(false);
            if (outcome.error.isError()) {
                showError(outcome.error.message);
                return;
            }
            m_recoveryCode = outcome.code;
            showRecoveryCode(outcome.code);
            // Signing in with the new password is the reset's last step, from the sign-in mode.
            setMode(Mode::SignIn);
            m_password->setText(newPassword);
            signIn();
            m_status->setText(tr("Password changed; signing in."));
        });
}

} // namespace hh
