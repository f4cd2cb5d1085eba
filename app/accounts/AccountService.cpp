// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountService.h"

#include "jobs/JobLease.h"
#include "jobs/JobStore.h"
#include "render/VideoProbe.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>
#include <array>
#include <cmath>
#include <sodium.h>

namespace hh {

namespace {

// Stored instead of a hash by the CLI for accounts made without a password.
const QString kNoPassword = QStringLiteral("!");

// An argon2id hash, at the interactive limits, of a random string nobody kept.
// Verifying against it costs what a real verify costs, so an unknown user name
// answers as slowly as a wrong password. Its password is irrelevant: the result
// of that verify is ignored.
const QByteArray kDummyHash =
    QByteArrayLiteral("$argon2id$v=19$m=65536,t=2,p=1$aauCwxDKsEDlpT41+YFAXg$"
                      "OaGZfuEHUQygWKf+CGe4yoDMA6k2Mroj9Qjr86LSYow");

// No 0/O, 1/I/L: a code copied from paper must read back unambiguously.
constexpr std::array<char, 31> kCodeAlphabet = {
    '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H',
    'J', 'K', 'M', 'N', 'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z'};
constexpr int kCodeGroups = 4;
constexpr int kCodeGroupLength = 5;
constexpr int kCodeLength = kCodeGroups * kCodeGroupLength; // ~99 bits

// Phantom lockouts are a courtesy against enumeration, not a store: bound them.
constexpr int kMaxPhantomLocks = 10000;

// The most common passwords of public breach rankings. Most are shorter than the
// minimum anyway; listing them gives the clearer reason.
const QSet<QString>& commonPasswords() {
    static const QSet<QString> list = {
        QStringLiteral("123456"),    QStringLiteral("123456789"),   QStringLiteral("12345678"),
        QStringLiteral("password"),  QStringLiteral("qwerty123"),   QStringLiteral("qwerty"),
        QStringLiteral("111111"),    QStringLiteral("12345"),       QStringLiteral("1234567890"),
        QStringLiteral("1234567"),   QStringLiteral("123123"),      QStringLiteral("abc123"),
        QStringLiteral("password1"), QStringLiteral("password123"), QStringLiteral("iloveyou"),
        QStringLiteral("000000"),    QStringLiteral("qwertyuiop"),  QStringLiteral("1q2w3e4r5t"),
        QStringLiteral("letmein"),   QStringLiteral("admin123")};
    return list;
}

// The UTF-8 bytes of a password or code, in Unicode NFC so that the same text
// typed through different input methods hashes alike; wiped when done.
class SecretUtf8 {
public:
    explicit SecretUtf8(const QString& secret) {
        QString normal = secret.normalized(QString::NormalizationForm_C);
        m_bytes = normal.toUtf8();
        sodium_memzero(normal.data(), static_cast<size_t>(normal.size()) * sizeof(QChar));
    }
    ~SecretUtf8() { sodium_memzero(m_bytes.data(), static_cast<size_t>(m_bytes.size())); }
    SecretUtf8(const SecretUtf8&) = delete;
    SecretUtf8& operator=(const SecretUtf8&) = delete;

    const char* data() const { return m_bytes.constData(); }
    unsigned long long size() const { return static_cast<unsigned long long>(m_bytes.size()); }

private:
    QByteArray m_bytes;
};

// What the user typed, back in the canonical form that was hashed: upper case,
// without the dashes and spaces that only help reading.
QString canonicalCode(const QString& code) {
    QString canonical;
    for (const QChar c : code) {
        if (c != QLatin1Char('-') && !c.isSpace())
            canonical.append(c.toUpper());
    }
    return canonical;
}

QString generateCode() {
    std::array<char, kCodeLength> raw{};
    for (char& c : raw)
        c = kCodeAlphabet[randombytes_uniform(static_cast<uint32_t>(kCodeAlphabet.size()))];
    QString code;
    for (int i = 0; i < kCodeLength; ++i) {
        if (i > 0 && i % kCodeGroupLength == 0)
            code.append(QLatin1Char('-'));
        code.append(QLatin1Char(raw[static_cast<size_t>(i)]));
    }
    sodium_memzero(raw.data(), raw.size());
    return code;
}

// 2, 4, 8 … seconds from the third failure on, at most kMaxLockSeconds.
int lockSeconds(int failures) {
    const int exponent = failures - (AccountService::kFailuresBeforeLock - 1);
    if (exponent <= 0)
        return 0;
    if (exponent >= 20)
        return AccountService::kMaxLockSeconds;
    return std::min(1 << exponent, AccountService::kMaxLockSeconds);
}

QString secondsText(qint64 seconds) {
    return seconds == 1 ? QStringLiteral("1 second") : QStringLiteral("%1 seconds").arg(seconds);
}

QString tooManyText(qint64 seconds) {
    return QStringLiteral("Too many wrong passwords; try again in %1.").arg(secondsText(seconds));
}

Error authError(const QString& message) {
    return {ErrorType::Auth, message};
}

bool hasLetter(const QString& text) {
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.isLetter(); });
}

int characterClasses(const QString& password) {
    bool lower = false, upper = false, digit = false, other = false;
    for (const QChar c : password) {
        lower |= c.isLower();
        upper |= c.isUpper();
        digit |= c.isDigit();
        other |= !c.isLetterOrNumber();
    }
    return int(lower) + int(upper) + int(digit) + int(other);
}

int distinctCharacters(const QString& text) {
    return int(QSet<QChar>(text.cbegin(), text.cend()).size());
}

double defaultDurationSeconds(const QString& path) {
    const VideoProbe probe = VideoProbe::probe(path);
    return probe.ok ? probe.durationSeconds : 0.0;
}

} // namespace

AccountService::AccountService(JobStore& store, DataLayout layout, Clock clock)
    : m_store(store)
    , m_layout(std::move(layout))
    , m_deletions(m_layout.root())
    , m_clock(std::move(clock))
    , m_probe(defaultDurationSeconds)
    , m_sodiumReady(sodium_init() >= 0) {}

void AccountService::setDurationProbe(DurationProbe probe) {
    m_probe = probe ? std::move(probe) : DurationProbe(defaultDurationSeconds);
}

// ---- validation ---------------------------------------------------------------

QString AccountService::usernameProblem(const QString& username) {
    if (username.isEmpty())
        return QStringLiteral("Choose a user name.");
    if (username.size() > kMaxUsernameLength)
        return QStringLiteral("A user name has at most %1 characters.").arg(kMaxUsernameLength);
    if (username.startsWith(QLatin1Char('.')))
        return QStringLiteral("A user name cannot start with a dot.");
    // ASCII only: the database compares names ignoring case for ASCII letters
    // alone, so "É" and "é" would otherwise be two different accounts.
    for (const QChar c : username) {
        const char16_t u = c.unicode();
        const bool allowed = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') ||
                             (u >= u'0' && u <= u'9') || u == u'.' || u == u'_' || u == u'-';
        if (!allowed)
            return QStringLiteral("A user name may contain only letters A-Z, digits, '.', '_' "
                                  "and '-'.");
    }
    return {};
}

QString AccountService::passwordProblem(const QString& password, const QString& username) {
    if (commonPasswords().contains(password.toLower()))
        return QStringLiteral("This is one of the most common passwords; choose another.");
    if (!username.isEmpty() && password.compare(username, Qt::CaseInsensitive) == 0)
        return QStringLiteral("The password cannot be the user name.");
    if (password.size() < kMinPasswordLength)
        return QStringLiteral("Use at least %1 characters.").arg(kMinPasswordLength);
    return {};
}

// A simple, explainable score rather than an entropy estimate: length counts
// most, then variety; the hint names the one change that helps most.
PasswordStrength AccountService::passwordStrength(const QString& password,
                                                  const QString& username) {
    if (password.isEmpty())
        return {0, QStringLiteral("Enter a password.")};
    if (const QString problem = passwordProblem(password, username); !problem.isEmpty()) {
        // Common ones and the user name are the first guesses of any attacker.
        const bool guessable =
            password.size() >= kMinPasswordLength || commonPasswords().contains(password.toLower());
        return {guessable || password.size() < kMinPasswordLength / 2 ? 0 : 1, problem};
    }
    if (distinctCharacters(password) < 5)
        return {1, QStringLiteral("Avoid repeated characters; add more words.")};
    const int classes = characterClasses(password);
    const int length = int(password.size());
    int score = 2;
    if (length >= 14 || classes >= 3)
        ++score;
    if (length >= 20 || (length >= 14 && classes >= 3))
        ++score;
    if (score >= 4)
        return {4, QStringLiteral("Strong password.")};
    if (length < 14 && hasLetter(password) && classes < 3)
        return {score, QStringLiteral("Add more words, or mix in digits and symbols.")};
    return {score, QStringLiteral("Add more words.")};
}

// ---- hashing ------------------------------------------------------------------

Error AccountService::sodiumReady() const {
    if (m_sodiumReady)
        return {};
    return {ErrorType::Internal,
            QStringLiteral("The password library (libsodium) could not start, so accounts are "
                           "unavailable; reinstall libsodium.")};
}

QDateTime AccountService::now() const {
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

Result<QString> AccountService::hashSecret(const QString& secret) const {
    const SecretUtf8 bytes(secret);
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str(out.data(), bytes.data(), bytes.size(),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        return Result<QString>::failure(
            ErrorType::Internal,
            QStringLiteral("Not enough memory to protect the password (argon2id needs %1 MiB); "
                           "close other programs and try again.")
                .arg(crypto_pwhash_MEMLIMIT_INTERACTIVE / (1024 * 1024)));
    }
    return QString::fromLatin1(out.data());
}

bool AccountService::verifySecret(const QString& hash, const QString& secret) const {
    const QByteArray stored = hash.toLatin1();
    // "!" and anything else that is not a hash string never matches.
    if (stored.size() >= int(crypto_pwhash_STRBYTES) ||
        !stored.startsWith(QByteArrayLiteral("$argon2")))
        return false;
    const SecretUtf8 bytes(secret);
    return crypto_pwhash_str_verify(stored.constData(), bytes.data(), bytes.size()) == 0;
}

void AccountService::spendVerifyTime(const QString& secret) const {
    const SecretUtf8 bytes(secret);
    [[maybe_unused]] const int ignored =
        crypto_pwhash_str_verify(kDummyHash.constData(), bytes.data(), bytes.size());
}

// A fresh recovery code in `code`, its hash returned.
Result<QString> AccountService::newRecoveryHash(QString& code) const {
    code = generateCode();
    return hashSecret(canonicalCode(code));
}

// ---- lockout ------------------------------------------------------------------

std::optional<Error> AccountService::lockedError(const QDateTime& lockedUntil) const {
    if (!lockedUntil.isValid())
        return std::nullopt;
    const qint64 remainingMs = now().msecsTo(lockedUntil);
    if (remainingMs <= 0)
        return std::nullopt;
    return authError(tooManyText((remainingMs + 999) / 1000));
}

AccountService::PhantomLock& AccountService::phantomLock(const QString& username) {
    if (m_phantomLocks.size() >= kMaxPhantomLocks)
        m_phantomLocks.clear();
    return m_phantomLocks[username.toLower()];
}

Error AccountService::countFailure(qint64 userId, const QString& username, const QString& wrong) {
    int failures = 0;
    if (userId > 0) {
        const auto count = m_store.addFailedLogin(userId);
        if (!count)
            return count.error();
        failures = count.value();
    } else {
        failures = ++phantomLock(username).failedLogins;
    }
    const int delay = lockSeconds(failures);
    if (delay == 0)
        return authError(wrong);
    const QDateTime until = now().addSecs(delay);
    if (userId > 0) {
        if (Error error = m_store.setLockedUntil(userId, until); error.isError())
            return error;
    } else {
        phantomLock(username).lockedUntil = until;
    }
    return authError(wrong + QLatin1Char(' ') + tooManyText(delay));
}

// The shared path of everything that proves knowledge of a secret for a name:
// lockout first (no hashing while locked), then the verify, then the counting.
// Returns the account on success.
Result<UserRecord> AccountService::verifyByName(const QString& username, const QString& secret,
                                                SecretKind kind) {
    const QString wrong = kind == SecretKind::Password
                              ? QStringLiteral("Wrong user name or password.")
                              : QStringLiteral("Wrong user name or recovery code.");
    auto user = m_store.userByName(username);
    if (!user && user.error().type != ErrorType::NotFound)
        return user.error();
    if (!user) {
        if (auto locked = lockedError(phantomLock(username).lockedUntil))
            return *locked;
        spendVerifyTime(secret);
        return countFailure(0, username, wrong);
    }
    if (auto locked = lockedError(user->lockedUntil))
        return *locked;
    if (m_deletions.marks(user.value()))
        return authError(QStringLiteral("This account is being deleted."));
    if (user->passwordHash == kNoPassword) {
        // Nothing to verify; an empty password is the only right one. A typed one is
        // refused rather than ignored, so nobody believes it is now the password.
        if (kind == SecretKind::Password && secret.isEmpty())
            return user;
        spendVerifyTime(secret);
        return authError(kind == SecretKind::Password
                             ? QStringLiteral("This account has no password; leave the password "
                                              "empty to sign in, then set one in your account.")
                             : QStringLiteral("This account has no password yet; set one first."));
    }
    const QString& hash = kind == SecretKind::Password ? user->passwordHash : user->recoveryHash;
    const QString typed = kind == SecretKind::Password ? secret : canonicalCode(secret);
    if (hash.isEmpty()) {
        spendVerifyTime(typed);
        return countFailure(user->id, username, wrong);
    }
    if (!verifySecret(hash, typed))
        return countFailure(user->id, username, wrong);
    return user;
}

// The same for a signed-in account confirming its password (change, delete).
Error AccountService::checkPassword(qint64 userId, const QString& password) {
    const auto user = m_store.user(userId);
    if (!user)
        return user.error();
    if (auto locked = lockedError(user->lockedUntil))
        return *locked;
    if (user->passwordHash == kNoPassword) {
        if (password.isEmpty())
            return {};
        return authError(QStringLiteral("This account has no password yet; set one first."));
    }
    if (!verifySecret(user->passwordHash, password))
        return countFailure(userId, user->username, QStringLiteral("The password is wrong."));
    return {};
}

// ---- account operations -------------------------------------------------------

Result<SignUpResult> AccountService::signUp(const QString& username, const QString& password,
                                            const QString& displayName) {
    if (Error error = sodiumReady(); error.isError())
        return error;
    if (const QString problem = usernameProblem(username); !problem.isEmpty())
        return authError(problem);
    if (const QString problem = passwordProblem(password, username); !problem.isEmpty())
        return authError(problem);
    const QString shownName =
        displayName.simplified().isEmpty() ? username : displayName.simplified();
    if (shownName.size() > kMaxDisplayNameLength) {
        return authError(
            QStringLiteral("A display name has at most %1 characters.").arg(kMaxDisplayNameLength));
    }
    // Checked before the slow hashing for a quick answer; the UNIQUE constraint
    // below still decides when two sign-ups race.
    const QString taken = QStringLiteral("The user name '%1' is already taken (names are "
                                         "compared ignoring case); choose another.")
                              .arg(username);
    if (const auto existing = m_store.userIdByName(username); existing)
        return authError(taken);
    else if (existing.error().type != ErrorType::NotFound)
        return existing.error();

    const auto passwordHash = hashSecret(password);
    if (!passwordHash)
        return passwordHash.error();
    SignUpResult result;
    const auto recoveryHash = newRecoveryHash(result.recoveryCode);
    if (!recoveryHash)
        return recoveryHash.error();
    const auto id =
        m_store.createUser(username, passwordHash.value(), shownName, recoveryHash.value());
    if (!id) {
        // The store reports a taken name as Internal; here it is the user's choice.
        if (m_store.userIdByName(username))
            return authError(taken);
        return id.error();
    }
    result.userId = id.value();
    return result;
}

Result<qint64> AccountService::signIn(const QString& username, const QString& password) {
    if (Error error = sodiumReady(); error.isError())
        return error;
    const auto user = verifyByName(username, password, SecretKind::Password);
    if (!user)
        return user.error();
    if (Error error = m_store.recordLogin(user->id); error.isError())
        return error;
    upgradeHashIfWeaker(user.value(), password);
    return user->id;
}

// A hash made with smaller limits (an older build) is replaced while the plain
// password is at hand; failing to do so only postpones it to the next sign-in.
void AccountService::upgradeHashIfWeaker(const UserRecord& user, const QString& password) {
    const QByteArray stored = user.passwordHash.toLatin1();
    if (crypto_pwhash_str_needs_rehash(stored.constData(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                       crypto_pwhash_MEMLIMIT_INTERACTIVE) != 1)
        return;
    const auto hash = hashSecret(password);
    if (hash)
        m_store.replaceCredentials(user.id, {user.passwordHash, user.recoveryHash},
                                   {hash.value(), user.recoveryHash});
}

Result<bool> AccountService::isPasswordless(const QString& username) const {
    const auto user = m_store.userByName(username.trimmed());
    if (!user)
        return user.error();
    return user->passwordHash == kNoPassword;
}

Result<qint64> AccountService::createPasswordless(const QString& username) {
    if (const QString problem = usernameProblem(username); !problem.isEmpty())
        return authError(problem);
    if (const auto existing = m_store.userIdByName(username); existing) {
        return authError(QStringLiteral("The user name '%1' is already taken (names are "
                                        "compared ignoring case); choose another.")
                             .arg(username));
    }
    return m_store.createUser(username, kNoPassword, username);
}

Result<QString> AccountService::resetWithRecoveryCode(const QString& username, const QString& code,
                                                      const QString& newPassword) {
    if (Error error = sodiumReady(); error.isError())
        return error;
    // Checked first so that a weak new password does not use up the code.
    if (const QString problem = passwordProblem(newPassword, username); !problem.isEmpty())
        return authError(problem);
    const auto user = verifyByName(username, code, SecretKind::RecoveryCode);
    if (!user)
        return user.error();
    return replaceSecrets(user.value(), newPassword);
}

// New password hash and a new recovery code, replacing both only if nobody
// changed them since `user` was read: a recovery code works exactly once.
Result<QString> AccountService::replaceSecrets(const UserRecord& user, const QString& password) {
    const auto passwordHash = hashSecret(password);
    if (!passwordHash)
        return passwordHash.error();
    QString code;
    const auto recoveryHash = newRecoveryHash(code);
    if (!recoveryHash)
        return recoveryHash.error();
    const auto replaced =
        m_store.replaceCredentials(user.id, {user.passwordHash, user.recoveryHash},
                                   {passwordHash.value(), recoveryHash.value()});
    if (!replaced)
        return replaced.error();
    if (!replaced.value()) {
        return authError(QStringLiteral("The password of this account was changed meanwhile; "
                                        "nothing was changed now. Try again."));
    }
    return code;
}

Error AccountService::changePassword(qint64 userId, const QString& oldPassword,
                                     const QString& newPassword, QString* newRecoveryCode) {
    if (Error error = sodiumReady(); error.isError())
        return error;
    const auto user = m_store.user(userId);
    if (!user)
        return user.error();
    if (const QString problem = passwordProblem(newPassword, user->username); !problem.isEmpty())
        return authError(problem);
    if (newPassword == oldPassword)
        return authError(QStringLiteral("The new password is the same as the current one."));
    if (Error error = checkPassword(userId, oldPassword); error.isError())
        return error;
    if (user->passwordHash == kNoPassword) {
        // The first password: it gets a recovery code, as a new account does.
        const auto code = replaceSecrets(user.value(), newPassword);
        if (!code)
            return code.error();
        if (newRecoveryCode)
            *newRecoveryCode = code.value();
        return {};
    }
    const auto hash = hashSecret(newPassword);
    if (!hash)
        return hash.error();
    // The recovery code stays valid: it is for forgetting, not for a change.
    const auto replaced = m_store.replaceCredentials(
        userId, {user->passwordHash, user->recoveryHash}, {hash.value(), user->recoveryHash});
    if (!replaced)
        return replaced.error();
    if (!replaced.value()) {
        return authError(QStringLiteral("The password of this account was changed meanwhile; "
                                        "nothing was changed now. Try again."));
    }
    return {};
}

Error AccountService::setDisplayName(qint64 userId, const QString& displayName) {
    const QString name = displayName.simplified();
    if (name.isEmpty())
        return authError(QStringLiteral("Enter a display name."));
    if (name.size() > kMaxDisplayNameLength) {
        return authError(
            QStringLiteral("A display name has at most %1 characters.").arg(kMaxDisplayNameLength));
    }
    return m_store.setDisplayName(userId, name);
}

Result<Profile> AccountService::profile(qint64 userId) const {
    const auto user = m_store.user(userId);
    if (!user)
        return user.error();
    JobFilter all;
    all.limit = 0;
    const auto jobs = m_store.jobs(userId, all);
    if (!jobs)
        return jobs.error();
    Profile profile;
    profile.userId = user->id;
    profile.username = user->username;
    profile.displayName = user->displayName;
    profile.createdAt = user->createdAt;
    profile.lastLoginAt = user->lastLoginAt;
    double seconds = 0;
    for (const JobRecord& job : jobs.value()) {
        if (job.status == JobStatus::Completed) {
            ++profile.videosMade;
            seconds += videoSeconds(job);
        } else if (job.status == JobStatus::Failed) {
            ++profile.failedJobs;
        }
    }
    profile.totalMinutes = seconds / 60.0;
    const auto usage = m_store.usage(userId, JobStore::usageMonth(QDateTime::currentDateTimeUtc()));
    if (!usage)
        return usage.error();
    profile.usageThisMonth = usage.value();
    profile.hasPassword = user->passwordHash != kNoPassword;
    if (const int finished = profile.videosMade + profile.failedJobs; finished > 0)
        profile.successRate = double(profile.videosMade) / finished;
    return profile;
}

double AccountService::videoSeconds(const JobRecord& job) const {
    if (job.finalVideoPath.isEmpty())
        return 0;
    // A relative path is taken as relative to the job's folder.
    const QString path = QFileInfo(job.finalVideoPath).isAbsolute()
                             ? job.finalVideoPath
                             : QDir(m_layout.jobDir(job)).filePath(job.finalVideoPath);
    const double duration = m_probe(path);
    return std::isfinite(duration) && duration > 0 ? duration : 0;
}

Error AccountService::deleteAccount(qint64 userId, const QString& password) {
    if (const auto begun = beginDeletion(userId, password); !begun)
        return begun.error();
    return finishDeletion(userId);
}

Result<QList<qint64>> AccountService::beginDeletion(qint64 userId, const QString& password) {
    if (Error error = sodiumReady(); error.isError())
        return error;
    if (Error error = checkPassword(userId, password); error.isError())
        return error;
    const auto user = m_store.user(userId);
    if (!user)
        return user.error();
    // The marker comes first: whatever happens after it, the deletion is finished
    // at the next start instead of leaving a half-deleted account.
    if (Error error = m_deletions.write(user.value()); error.isError())
        return error;
    return cancelUnfinishedJobs(userId);
}

// Through the rows, not a runner: a worker of any process stops at its next
// progress write once its row is no longer running.
Result<QList<qint64>> AccountService::cancelUnfinishedJobs(qint64 userId) {
    JobFilter all;
    all.limit = 0;
    const auto jobs = m_store.jobs(userId, all);
    if (!jobs)
        return jobs.error();
    QList<qint64> cancelled;
    for (const JobRecord& job : jobs.value()) {
        if (job.status == JobStatus::Completed || job.status == JobStatus::Failed ||
            job.status == JobStatus::Cancelled)
            continue;
        if (Error error = m_store.fail(userId, job.id, ErrorType::Cancelled,
                                       QStringLiteral("The account is being deleted."));
            error.isError())
            return error;
        cancelled.append(job.id);
    }
    return cancelled;
}

Error AccountService::finishDeletion(qint64 userId) {
    const auto user = m_store.user(userId);
    if (!user)
        return user.error();
    if (!m_deletions.marks(user.value())) {
        return {ErrorType::Internal,
                QStringLiteral("The deletion of account %1 was not begun.").arg(userId)};
    }
    // Again, for a deletion resumed after a crash: a job may have been started in
    // another process between the stages.
    if (const auto cancelled = cancelUnfinishedJobs(userId); !cancelled)
        return cancelled.error();
    // Files before rows: if they cannot all be removed, the account and its marker
    // stay, so the next start tries again instead of leaving orphaned videos.
    if (Error error = removeUserFolder(userId); error.isError())
        return error;
    if (Error error = m_store.deleteUser(userId); error.isError())
        return error;
    return m_deletions.remove(userId);
}

Result<QList<qint64>> AccountService::pendingDeletions() {
    QList<qint64> pending;
    for (const qint64 id : m_deletions.markedIds()) {
        const auto user = m_store.user(id);
        if (!user && user.error().type != ErrorType::NotFound)
            return user.error();
        if (user && m_deletions.marks(user.value()))
            pending.append(id);
        else
            m_deletions.remove(id); // rows already gone, or the id belongs to someone else now
    }
    return pending;
}

Error AccountService::removeUserFolder(qint64 userId) const {
    if (userId <= 0)
        return {ErrorType::Internal, QStringLiteral("Account %1 has no folder.").arg(userId)};
    // The folder is named by the account's uuid (DataLayout), read from its row.
    const auto account = m_store.user(userId);
    if (!account)
        return account.error();
    const QString path = m_layout.userDir(account->uuid);
    const QFileInfo info(path);
    // A link is removed as a link: whatever it points to is not this account's.
    if (info.isSymLink()) {
        if (!QFile::remove(path))
            return {ErrorType::Io, QStringLiteral("Could not remove %1.").arg(path)};
        return {};
    }
    if (!info.exists())
        return {};
    // A job of the account still being made by another program (its lease is live)
    // stops at its next progress write; its folder is not pulled away under it.
    // The deletion stays pending and finishes at a later start.
    const QDir jobs(m_layout.jobsDir(account->uuid));
    for (const QString& job : jobs.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (const auto holder = JobLease::holder(jobs.filePath(job)))
            return {
                ErrorType::Busy,
                QStringLiteral("a video of the account is still being made by %1 (process "
                               "%2); the deletion finishes once it has stopped")
                    .arg(holder->app.isEmpty() ? QStringLiteral("another program") : holder->app)
                    .arg(holder->pid)};
    }
    if (!QDir(path).removeRecursively() || QFileInfo::exists(path)) {
        return {ErrorType::Io, QStringLiteral("Could not remove all files of the account in %1; "
                                              "check their permissions and delete it again.")
                                   .arg(path)};
    }
    return {};
}

Result<qint64> AccountService::userIdByName(const QString& username) const {
    return m_store.userIdByName(username.trimmed());
}

// JobStore deliberately lists no users, and this needs only their existence, so
// it asks the store's own connection (same thread: the store's rule holds).
Result<bool> AccountService::hasAccounts() const {
    QSqlQuery query(QSqlDatabase::database(m_store.connectionName(), false));
    if (!query.exec(QStringLiteral("SELECT EXISTS (SELECT 1 FROM users)")) || !query.next()) {
        return Result<bool>::failure(ErrorType::Io,
                                     QStringLiteral("Could not read the accounts in %1: %2")
                                         .arg(m_store.databasePath(), query.lastError().text()));
    }
    return query.value(0).toBool();
}

} // namespace hh
