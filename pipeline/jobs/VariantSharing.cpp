// SPDX-License-Identifier: GPL-3.0-or-later
#include "VariantSharing.h"

#include "EventLog.h"
#include "core/AtomicFile.h"
#include "render/FrameGeometry.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QThread>
#include <cstdio>
#include <unistd.h>

namespace hh {

namespace {
constexpr const char* kSharedPrefix = "shared from job ";
// The hash of the script as it was shared: a script edited in the variant's own
// review no longer matches it, and is then never replaced by the source's.
constexpr const char* kSharedScript = "script.shared";

QByteArray hashOf(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

QString aspectSuffix(const QString& aspect) {
    return QString(aspect).replace(QLatin1Char(':'), QLatin1Char('x'));
}
} // namespace

SharePlan SharePlan::between(const JobOptions& source, const JobOptions& variant) {
    SharePlan plan;
    // The same paper read the same way: the same file and the same figures left out.
    plan.paper = source.input == variant.input && source.excludedFigures == variant.excludedFigures;
    // The script's language follows the paper, so the same writer and length
    // make the same script.
    plan.script = plan.paper && source.durationSeconds == variant.durationSeconds &&
                  source.scriptProvider == variant.scriptProvider;
    plan.narration = plan.script && source.voiceProvider == variant.voiceProvider &&
                     source.voice == variant.voice &&
                     source.wordsPerMinute == variant.wordsPerMinute;
    return plan;
}

bool SharePlan::covers(Step step) const {
    switch (step) {
    case Step::FetchPaper:
        return paper;
    case Step::GenerateScript:
        return script;
    case Step::GenerateAudio:
        return narration;
    default:
        return false; // visuals and captions are drawn for the variant's own shape
    }
}

QString VariantSharing::sharedDetail(qint64 sourceJobId) {
    return QLatin1String(kSharedPrefix) + QString::number(sourceJobId);
}

bool VariantSharing::isSharedDetail(const QString& detail) {
    return detail.startsWith(QLatin1String(kSharedPrefix));
}

VariantSharing::VariantSharing(QString sourceDir, qint64 sourceJobId, SharePlan plan,
                               StateProbe probe)
    : m_sourceDir(std::move(sourceDir))
    , m_sourceJobId(sourceJobId)
    , m_plan(plan)
    , m_probe(std::move(probe)) {}

void VariantSharing::setLog(EventLog* log, qint64 jobId) {
    m_log = log;
    m_jobId = jobId;
}

QStringList VariantSharing::artifactsOf(Step step) {
    switch (step) {
    case Step::FetchPaper:
        return {QStringLiteral("figures"), QStringLiteral("paper.pdf"),
                QStringLiteral("paper.json")};
    case Step::GenerateScript:
        // An approval given at the source's review is an approval of this script too.
        return {QStringLiteral("script.approved"), QStringLiteral("script.json")};
    case Step::GenerateAudio:
        return {QStringLiteral("words.json"), QStringLiteral("narration.wav")};
    default:
        return {};
    }
}

bool VariantSharing::sourceHas(Step step) const {
    const QStringList names = artifactsOf(step);
    if (names.isEmpty())
        return false;
    // Every step writes its last artifact by rename after the others: its
    // presence means the rest is complete.
    return QFileInfo(QDir(m_sourceDir).filePath(names.last())).isFile();
}

Error VariantSharing::linkOrCopy(const QString& from, const QString& to) {
    const QFileInfo info(from);
    if (info.isDir()) {
        if (!QDir().mkpath(to))
            return {ErrorType::Io, QStringLiteral("cannot create the folder %1").arg(to)};
        const QDir dir(from);
        for (const QString& name :
             dir.entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden)) {
            if (Error e = linkOrCopy(dir.filePath(name), QDir(to).filePath(name)); e.isError())
                return e;
        }
        return {};
    }
    const QString part = attemptTemporaryPath(to);
    QFile::remove(part);
    // QFile::link makes a symbolic link, which dies with the source's folder;
    // a hard link keeps the data alive for as long as either job keeps it.
    if (::link(QFile::encodeName(from).constData(), QFile::encodeName(part).constData()) != 0 &&
        !QFile::copy(from, part)) {
        QFile::remove(part);
        return {ErrorType::Io, QStringLiteral("cannot link or copy %1 to %2").arg(from, to)};
    }
    // rename(2) replaces the target in one step, as every artifact write does.
    if (std::rename(QFile::encodeName(part).constData(), QFile::encodeName(to).constData()) != 0) {
        QFile::remove(part);
        return {ErrorType::Io, QStringLiteral("cannot move %1 into place").arg(to)};
    }
    return {};
}

Error VariantSharing::shareStep(Step step, const QString& targetDir) const {
    const QDir source(m_sourceDir);
    const QDir target(targetDir);
    for (const QString& name : artifactsOf(step)) {
        if (!QFileInfo::exists(source.filePath(name)))
            continue; // optional ones (no figures, no PDF, no approval); the last one is there
        if (Error e = linkOrCopy(source.filePath(name), target.filePath(name)); e.isError())
            return e;
    }
    if (step == Step::GenerateScript)
        return writeFileAtomically(target.filePath(QLatin1String(kSharedScript)),
                                   hashOf(target.filePath(QStringLiteral("script.json"))));
    return {};
}

void VariantSharing::log(Step step, const QString& message, bool warning) const {
    if (!m_log)
        return;
    if (warning)
        m_log->warning(m_jobId, stepName(step), message);
    else
        m_log->info(m_jobId, stepName(step), message);
}

bool VariantSharing::sameScript(const QString& targetDir) const {
    // A script edited at one job's review only: the other's narration reads other words.
    const auto bytesOf = [](const QString& path) {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    };
    const QString name = QStringLiteral("script.json");
    const QByteArray own = bytesOf(QDir(targetDir).filePath(name));
    return !own.isEmpty() && own == bytesOf(QDir(m_sourceDir).filePath(name));
}

bool VariantSharing::takeReviewedScript(const QString& targetDir) const {
    const QDir source(m_sourceDir);
    const QDir target(targetDir);
    if (!m_plan.script || !QFileInfo::exists(source.filePath(QStringLiteral("script.approved"))) ||
        !QFileInfo::exists(source.filePath(QStringLiteral("script.json"))))
        return false;
    QFile shared(target.filePath(QLatin1String(kSharedScript)));
    if (!shared.open(QIODevice::ReadOnly) ||
        shared.readAll() != hashOf(target.filePath(QStringLiteral("script.json"))))
        return false; // edited here (or written here): the variant's own review stands
    if (shareStep(Step::GenerateScript, targetDir).isError())
        return false;
    log(Step::GenerateScript,
        QStringLiteral("took the reviewed script of job %1").arg(m_sourceJobId));
    return true;
}

VariantSharing::Outcome VariantSharing::obtain(Step step, const QString& targetDir,
                                               const WaitReport& waiting,
                                               const std::atomic_bool* cancel) {
    if (!m_plan.covers(step))
        return Outcome::DoItself;
    bool toldWaiting = false;
    for (;;) {
        if (cancel && cancel->load())
            return Outcome::Cancelled;
        // Looked at before the state: a source that finishes the step and then
        // stops still hands it over.
        if (sourceHas(step)) {
            if (step == Step::GenerateAudio && !sameScript(targetDir)) {
                log(step, QStringLiteral("the script differs from job %1's; reading it here")
                              .arg(m_sourceJobId));
                return Outcome::DoItself;
            }
            if (Error e = shareStep(step, targetDir); e.isError()) {
                log(step,
                    QStringLiteral("could not share %1 from job %2 (%3); making it here")
                        .arg(stepName(step))
                        .arg(m_sourceJobId)
                        .arg(e.message),
                    true);
                return Outcome::DoItself;
            }
            log(step,
                QStringLiteral("%1 shared from job %2").arg(stepName(step)).arg(m_sourceJobId));
            return Outcome::Shared;
        }
        const SourceState state = m_probe ? m_probe() : SourceState::Stopped;
        if (state != SourceState::Working) {
            if (sourceHas(step))
                continue; // it arrived between the two looks
            log(step,
                QStringLiteral("job %1 stopped without %2; making it here")
                    .arg(m_sourceJobId)
                    .arg(stepName(step)),
                true);
            return Outcome::DoItself;
        }
        const QString detail =
            QStringLiteral("waiting for job %1 (%2)").arg(m_sourceJobId).arg(stepName(step));
        if (!toldWaiting) {
            log(step, detail);
            toldWaiting = true;
        }
        if (waiting)
            waiting(detail); // also how a cancel from another process reaches `cancel`
        QThread::msleep(static_cast<unsigned long>(m_pollMs));
    }
}

JobOptions variantOf(const JobOptions& base, const QString& change, QString* error) {
    JobOptions variant = base;
    variant.shareFrom.clear();
    const QString text = change.trimmed();
    static const QRegularExpression seconds(QStringLiteral("^(\\d{1,3})\\s*s?$"));
    if (error)
        error->clear();
    if (FrameGeometry::isKnownAspect(text)) {
        variant.aspect = text;
    } else if (const auto match = seconds.match(text); match.hasMatch()) {
        variant.durationSeconds = match.captured(1).toInt();
        if (variant.durationSeconds < 10 || variant.durationSeconds > 180) {
            if (error)
                *error = QStringLiteral("a length between 10 and 180 seconds");
            return base;
        }
    } else if (text.startsWith(QLatin1String("voice="))) {
        variant.voice = text.mid(6);
    } else if (error) {
        *error = QStringLiteral("a shape (1:1, 16:9, 9:16), a length (30s) or voice=NAME");
    }
    if (error && error->isEmpty() && variantSuffix(base, variant).isEmpty())
        *error = QStringLiteral("a shape, length or voice other than the main video's");
    return variant;
}

QString variantSuffix(const JobOptions& base, const JobOptions& variant) {
    QStringList parts;
    if (variant.aspect != base.aspect)
        parts << aspectSuffix(variant.aspect);
    if (variant.durationSeconds != base.durationSeconds)
        parts << QStringLiteral("%1s").arg(variant.durationSeconds);
    if (variant.voice != base.voice || variant.voiceProvider != base.voiceProvider)
        parts << (variant.voice.isEmpty() ? variant.voiceProvider : variant.voice);
    // A file name part: a voice name may hold characters a file name should not.
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9_.-]"));
    return parts.join(QLatin1Char('-')).replace(unsafe, QStringLiteral("_"));
}

QString variantOutputPath(const QString& output, const QString& suffix) {
    if (output.isEmpty() || suffix.isEmpty())
        return output;
    const QFileInfo info(output);
    const QString ext = info.suffix().isEmpty() ? QString() : QLatin1Char('.') + info.suffix();
    return QDir(info.path()).filePath(info.completeBaseName() + QLatin1Char('-') + suffix + ext);
}

} // namespace hh
