// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobRepository.h"

#include "DataLayout.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <algorithm>

namespace hh {

namespace {

using db::fromIso;
using db::isoUtc;
using db::newUuid;
using db::nonNull;

const QString kJobColumns = QStringLiteral(
    "id, user_id, paper_id, paper_title, source_kind, status, progress_percent, current_step, "
    "error_message, error_type, task_id, options_json, final_video_path, created_at, "
    "updated_at, completed_at, run_ms, running_since, video_ms, "
    "(SELECT uuid FROM users WHERE users.id = video_jobs.user_id), queue_pos, queue_owner");

// Adds the open run (running_since up to `until`, an SQL expression) to run_ms.
// julianday() reads the ISO times we store, "Z" included.
QString closeRun(const QString& until) {
    return QStringLiteral(
               "run_ms = run_ms + CASE WHEN running_since IS NULL THEN 0 ELSE "
               "MAX(0, CAST(ROUND((julianday(%1) - julianday(running_since)) * 86400000) "
               "AS INTEGER)) END")
        .arg(until);
}

QString optionsToJson(const QJsonObject& options) {
    return QString::fromUtf8(QJsonDocument(options).toJson(QJsonDocument::Compact));
}

QJsonObject optionsFromJson(const QVariant& value) {
    return QJsonDocument::fromJson(value.toString().toUtf8()).object();
}

JobRecord recordFrom(const QSqlQuery& query) {
    JobRecord record;
    record.id = query.value(0).toLongLong();
    record.userId = query.value(1).toLongLong();
    record.paperId = query.value(2).toString();
    record.paperTitle = query.value(3).toString();
    record.sourceKind = query.value(4).toString();
    record.status = query.value(5).toString();
    record.progressPercent = query.value(6).toInt();
    record.currentStep = query.value(7).toString();
    record.errorMessage = query.value(8).toString();
    record.errorType = query.value(9).toString();
    record.taskId = query.value(10).toString();
    record.options = optionsFromJson(query.value(11));
    record.finalVideoPath = query.value(12).toString();
    record.createdAt = fromIso(query.value(13));
    record.updatedAt = fromIso(query.value(14));
    record.completedAt = fromIso(query.value(15));
    record.runMs = query.value(16).toLongLong();
    record.runningSince = fromIso(query.value(17));
    record.videoMs = query.value(18).toLongLong();
    record.userUuid = query.value(19).toString();
    if (!query.value(20).isNull())
        record.queuePos = query.value(20).toLongLong();
    record.queueOwner = query.value(21).toString();
    return record;
}

// Case-insensitive with full Unicode folding, which SQLite's LIKE lacks (it
// folds ASCII only), and literal: '%' and '_' are ordinary characters here.
bool matchesText(const JobRecord& record, const QString& text) {
    return record.paperTitle.contains(text, Qt::CaseInsensitive) ||
           record.paperId.contains(text, Qt::CaseInsensitive);
}

Error notFound(qint64 jobId) {
    return {ErrorType::NotFound, QStringLiteral("Job %1 was not found.").arg(jobId)};
}

} // namespace

namespace JobStatus {
bool isKnown(const QString& status) {
    for (const QLatin1String known :
         {Pending, Queued, Running, Paused, Completed, Failed, Cancelled}) {
        if (status == known)
            return true;
    }
    return false;
}
} // namespace JobStatus

qint64 JobRecord::runningMs(const QDateTime& now) const {
    qint64 total = std::max<qint64>(0, runMs);
    if (runningSince.isValid() && status == JobStatus::Running) {
        const bool silent = updatedAt.isValid() && updatedAt.msecsTo(now) > JobRecord::kSilentRunMs;
        const QDateTime end = silent ? updatedAt : now;
        total += std::max<qint64>(0, runningSince.msecsTo(end));
    }
    return total;
}

Result<qint64> JobRepository::createJob(qint64 userId, const QString& paperId,
                                        const QString& paperTitle, const QString& sourceKind,
                                        const QJsonObject& options) {
    if (paperId.isEmpty()) {
        return Result<qint64>::failure(ErrorType::Internal,
                                       QStringLiteral("A job needs the id of its paper."));
    }
    const QString time = m_db.now();
    Statement insert{
        QStringLiteral("INSERT INTO video_jobs (user_id, paper_id, paper_title, source_kind, "
                       "status, progress_percent, current_step, task_id, options_json, "
                       "created_at, updated_at) VALUES (:user, :paper, :title, :kind, 'pending', "
                       "0, '', :task, :options, :now, :now)"),
        {{QStringLiteral(":user"), userId},
         {QStringLiteral(":paper"), paperId},
         {QStringLiteral(":title"), nonNull(paperTitle)},
         {QStringLiteral(":kind"), nonNull(sourceKind)},
         // The job's random id, and the name of its folder (DataLayout::jobDir).
         {QStringLiteral(":task"), newUuid()},
         {QStringLiteral(":options"), optionsToJson(options)},
         {QStringLiteral(":now"), time}}};
    insert.onConstraint = {ErrorType::NotFound,
                           QStringLiteral("Account %1 was not found.").arg(userId)};
    auto query = m_db.run(insert, QStringLiteral("save the new job for %1").arg(paperId));
    if (!query)
        return query.error();
    return query.value().lastInsertId().toLongLong();
}

Result<JobRecord> JobRepository::job(qint64 userId, qint64 jobId) const {
    auto query =
        m_db.run({QStringLiteral("SELECT %1 FROM video_jobs WHERE id = :id AND user_id = :user")
                      .arg(kJobColumns),
                  {{QStringLiteral(":id"), jobId}, {QStringLiteral(":user"), userId}}},
                 QStringLiteral("read job %1").arg(jobId));
    if (!query)
        return query.error();
    if (!query.value().next())
        return notFound(jobId);
    return recordFrom(query.value());
}

Result<JobRecord> JobRepository::jobByTaskId(qint64 userId, const QString& taskId) const {
    auto query = m_db.run(
        {QStringLiteral("SELECT %1 FROM video_jobs WHERE task_id = :task AND user_id = :user")
             .arg(kJobColumns),
         {{QStringLiteral(":task"), taskId}, {QStringLiteral(":user"), userId}}},
        QStringLiteral("read the job of folder %1").arg(taskId));
    if (!query)
        return query.error();
    if (!query.value().next())
        return Result<JobRecord>::failure(ErrorType::NotFound,
                                          QStringLiteral("No job has the folder %1.").arg(taskId));
    return recordFrom(query.value());
}

Result<QList<JobRecord>> JobRepository::jobs(qint64 userId, const JobFilter& filter) const {
    // Only fixed SQL fragments are appended; every user-supplied value is bound.
    Statement select{
        QStringLiteral("SELECT %1 FROM video_jobs WHERE user_id = :user").arg(kJobColumns),
        {{QStringLiteral(":user"), userId}}};
    if (!filter.status.isEmpty()) {
        select.sql += QStringLiteral(" AND status = :status");
        select.values.insert(QStringLiteral(":status"), filter.status);
    }
    if (filter.from.isValid()) {
        select.sql += QStringLiteral(" AND created_at >= :from");
        select.values.insert(QStringLiteral(":from"), isoUtc(filter.from));
    }
    if (filter.to.isValid()) {
        select.sql += QStringLiteral(" AND created_at <= :to");
        select.values.insert(QStringLiteral(":to"), isoUtc(filter.to));
    }
    select.sql += QStringLiteral(" ORDER BY created_at DESC, id DESC");
    const QString text = filter.text.trimmed();
    if (text.isEmpty() && filter.limit > 0) {
        select.sql += QStringLiteral(" LIMIT :limit");
        select.values.insert(QStringLiteral(":limit"), filter.limit);
    }
    return readJobs(select, text, filter.limit);
}

Result<QList<JobRecord>> JobRepository::interruptedJobs(qint64 userId) const {
    return readJobs({QStringLiteral("SELECT %1 FROM video_jobs WHERE user_id = :user AND "
                                    "status = 'running' ORDER BY created_at, id")
                         .arg(kJobColumns),
                     {{QStringLiteral(":user"), userId}}},
                    {}, 0);
}

Result<QList<JobRecord>> JobRepository::readJobs(const Statement& statement, const QString& text,
                                                 int limit) const {
    auto query = m_db.run(statement, QStringLiteral("list the jobs"));
    if (!query)
        return query.error();
    QList<JobRecord> records;
    while ((limit <= 0 || records.size() < limit) && query.value().next()) {
        JobRecord record = recordFrom(query.value());
        if (text.isEmpty() || matchesText(record, text))
            records.append(std::move(record));
    }
    return records;
}

Error JobRepository::runUpdate(qint64 userId, qint64 jobId, const Statement& statement,
                               const QString& action, const QString& refusal) {
    const auto changed = m_db.changeRow(statement, action);
    if (!changed)
        return changed.error();
    return changed.value() ? Error{} : explainNoRow(userId, jobId, refusal);
}

// The UPDATE matched nothing: either the job is not this user's (NotFound, the
// same answer as for a missing job) or its status forbids the change.
Error JobRepository::explainNoRow(qint64 userId, qint64 jobId, const QString& refusal) const {
    auto record = job(userId, jobId);
    if (!record)
        return record.error();
    return {ErrorType::Internal, refusal.arg(jobId).arg(record->status)};
}

Error JobRepository::setRunning(qint64 userId, qint64 jobId, const QString& step, int percent) {
    return runUpdate(
        userId, jobId,
        {QStringLiteral("UPDATE video_jobs SET status = 'running', current_step = :step, "
                        "progress_percent = :percent, error_message = '', error_type = '', "
                        "completed_at = NULL, ") +
             closeRun(QStringLiteral("updated_at")) +
             QStringLiteral(", running_since = :now, updated_at = :now "
                            "WHERE id = :id AND user_id = :user AND status <> 'completed'"),
         {{QStringLiteral(":step"), nonNull(step)},
          {QStringLiteral(":percent"), std::clamp(percent, 0, 100)},
          {QStringLiteral(":now"), m_db.now()},
          {QStringLiteral(":id"), jobId},
          {QStringLiteral(":user"), userId}}},
        QStringLiteral("start job %1").arg(jobId),
        QStringLiteral(
            "Job %1 is %2 and cannot run again; start a new job to make another video."));
}

Result<bool> JobRepository::updateProgress(qint64 userId, qint64 jobId, const QString& step,
                                           int percent) {
    auto changed = m_db.changeRow(
        {QStringLiteral("UPDATE video_jobs SET current_step = :step, progress_percent = :percent, "
                        "updated_at = :now "
                        "WHERE id = :id AND user_id = :user AND status = 'running'"),
         {{QStringLiteral(":step"), nonNull(step)},
          {QStringLiteral(":percent"), std::clamp(percent, 0, 100)},
          {QStringLiteral(":now"), m_db.now()},
          {QStringLiteral(":id"), jobId},
          {QStringLiteral(":user"), userId}}},
        QStringLiteral("save the progress of job %1").arg(jobId));
    if (!changed || changed.value())
        return changed;
    // Nothing changed: a job that is not this user's is NotFound; one that is no
    // longer running is the ordinary "stop" answer.
    const auto record = job(userId, jobId);
    if (!record)
        return record.error();
    return false;
}

Error JobRepository::setPaused(qint64 userId, qint64 jobId, const QString& step, int percent) {
    return runUpdate(
        userId, jobId,
        {QStringLiteral("UPDATE video_jobs SET status = 'paused', current_step = :step, "
                        "progress_percent = :percent, ") +
             closeRun(QStringLiteral(":now")) +
             QStringLiteral(
                 ", running_since = NULL, updated_at = :now "
                 "WHERE id = :id AND user_id = :user AND status IN ('pending', 'running')"),
         {{QStringLiteral(":step"), nonNull(step)},
          {QStringLiteral(":percent"), std::clamp(percent, 0, 100)},
          {QStringLiteral(":now"), m_db.now()},
          {QStringLiteral(":id"), jobId},
          {QStringLiteral(":user"), userId}}},
        QStringLiteral("pause job %1").arg(jobId),
        QStringLiteral("Job %1 is %2; only a pending or running job can be paused."));
}

Error JobRepository::finish(qint64 userId, qint64 jobId, const QString& finalVideoPath,
                            qint64 videoMs) {
    const QString time = m_db.now();
    return runUpdate(
        userId, jobId,
        {QStringLiteral("UPDATE video_jobs SET status = 'completed', progress_percent = 100, "
                        "final_video_path = :path, error_message = '', error_type = '', "
                        "video_ms = :video, ") +
             closeRun(QStringLiteral(":now")) +
             QStringLiteral(", running_since = NULL, completed_at = :now, updated_at = :now "
                            "WHERE id = :id AND user_id = :user "
                            "AND status IN ('pending', 'running', 'paused')"),
         {{QStringLiteral(":path"), nonNull(finalVideoPath)},
          {QStringLiteral(":video"), std::max<qint64>(0, videoMs)},
          {QStringLiteral(":now"), time},
          {QStringLiteral(":id"), jobId},
          {QStringLiteral(":user"), userId}}},
        QStringLiteral("mark job %1 completed").arg(jobId),
        QStringLiteral("Job %1 is %2; only a pending, running or paused job can complete."));
}

Error JobRepository::fail(qint64 userId, qint64 jobId, ErrorType type, const QString& message) {
    const ErrorType stored = type == ErrorType::None ? ErrorType::Internal : type;
    const QString status =
        stored == ErrorType::Cancelled ? QString(JobStatus::Cancelled) : QString(JobStatus::Failed);
    return runUpdate(
        userId, jobId,
        {QStringLiteral("UPDATE video_jobs SET status = :status, error_type = :type, "
                        "error_message = :message, ") +
             closeRun(QStringLiteral(":now")) +
             QStringLiteral(", running_since = NULL, updated_at = :now "
                            "WHERE id = :id AND user_id = :user AND status <> 'completed'"),
         {{QStringLiteral(":status"), status},
          {QStringLiteral(":type"), errorTypeCode(stored)},
          {QStringLiteral(":message"), nonNull(message)},
          {QStringLiteral(":now"), m_db.now()},
          {QStringLiteral(":id"), jobId},
          {QStringLiteral(":user"), userId}}},
        QStringLiteral("record the failure of job %1").arg(jobId),
        QStringLiteral("Job %1 is already %2; its video is kept and nothing was changed."));
}

Error JobRepository::setTitle(qint64 userId, qint64 jobId, const QString& title,
                              const QString& sourceKind) {
    return runUpdate(
        userId, jobId,
        {QStringLiteral("UPDATE video_jobs SET paper_title = :title, source_kind = :kind, "
                        "updated_at = :now WHERE id = :id AND user_id = :user"),
         {{QStringLiteral(":title"), nonNull(title)},
          {QStringLiteral(":kind"), nonNull(sourceKind)},
          {QStringLiteral(":now"), m_db.now()},
          {QStringLiteral(":id"), jobId},
          {QStringLiteral(":user"), userId}}},
        QStringLiteral("save the title of job %1").arg(jobId), QStringLiteral("Job %1 is %2."));
}

Error JobRepository::deleteJob(qint64 userId, qint64 jobId) {
    auto query =
        m_db.run({QStringLiteral("DELETE FROM video_jobs WHERE id = :id AND user_id = :user"),
                  {{QStringLiteral(":id"), jobId}, {QStringLiteral(":user"), userId}}},
                 QStringLiteral("delete job %1").arg(jobId));
    if (!query)
        return query.error();
    return query.value().numRowsAffected() > 0 ? Error{} : notFound(jobId);
}

Error JobRepository::enqueue(qint64 userId, qint64 jobId, const QString& owner, bool atFront) {
    // Positions are global (one order for every account and process), so the
    // subquery needs no user filter.
    const QString position =
        atFront ? QStringLiteral("(SELECT COALESCE(MIN(queue_pos), 1) - 1 FROM video_jobs "
                                 "WHERE status = 'queued')")
                : QStringLiteral("(SELECT COALESCE(MAX(queue_pos), 0) + 1 FROM video_jobs "
                                 "WHERE status = 'queued')");
    return runUpdate(
        userId, jobId,
        {QStringLiteral("UPDATE video_jobs SET status = 'queued', queue_pos = %1, "
                        "queue_owner = :owner, error_message = '', error_type = '', "
                        "completed_at = NULL, ")
                 .arg(position) +
             closeRun(QStringLiteral("updated_at")) +
             QStringLiteral(", running_since = NULL, updated_at = :now "
                            "WHERE id = :id AND user_id = :user AND status <> 'completed'"),
         {{QStringLiteral(":owner"), nonNull(owner)},
          {QStringLiteral(":now"), m_db.now()},
          {QStringLiteral(":id"), jobId},
          {QStringLiteral(":user"), userId}}},
        QStringLiteral("queue job %1").arg(jobId),
        QStringLiteral("Job %1 is %2; a completed job is not made again."));
}

Result<QList<JobRecord>> JobRepository::queuedJobs(qint64 userId) const {
    return readJobs({QStringLiteral("SELECT %1 FROM video_jobs WHERE user_id = :user AND "
                                    "status = 'queued' ORDER BY queue_pos, id")
                         .arg(kJobColumns),
                     {{QStringLiteral(":user"), userId}}},
                    {}, 0);
}

Result<bool> JobRepository::claimQueued(qint64 userId, qint64 jobId) {
    const QString time = m_db.now();
    return m_db.changeRow(
        {QStringLiteral("UPDATE video_jobs SET status = 'running', queue_pos = NULL, "
                        "running_since = :now, updated_at = :now "
                        "WHERE id = :id AND user_id = :user AND status = 'queued'"),
         {{QStringLiteral(":now"), time},
          {QStringLiteral(":id"), jobId},
          {QStringLiteral(":user"), userId}}},
        QStringLiteral("start queued job %1").arg(jobId));
}

Error JobRepository::moveToTop(qint64 userId, qint64 jobId) {
    return runUpdate(
        userId, jobId,
        {QStringLiteral("UPDATE video_jobs SET queue_pos = (SELECT MIN(queue_pos) - 1 FROM "
                        "video_jobs WHERE status = 'queued'), updated_at = :now "
                        "WHERE id = :id AND user_id = :user AND status = 'queued'"),
         {{QStringLiteral(":now"), m_db.now()},
          {QStringLiteral(":id"), jobId},
          {QStringLiteral(":user"), userId}}},
        QStringLiteral("move job %1 to the top of the queue").arg(jobId),
        QStringLiteral("Job %1 is %2; only a queued job can move in the queue."));
}

Error JobRepository::pauseQueued(qint64 userId, qint64 jobId) {
    return runUpdate(userId, jobId,
                     {QStringLiteral("UPDATE video_jobs SET status = 'paused', updated_at = :now "
                                     "WHERE id = :id AND user_id = :user AND status = 'queued'"),
                      {{QStringLiteral(":now"), m_db.now()},
                       {QStringLiteral(":id"), jobId},
                       {QStringLiteral(":user"), userId}}},
                     QStringLiteral("pause job %1").arg(jobId),
                     QStringLiteral("Job %1 is %2; only a queued job can be paused here."));
}

Result<qint64> JobRepository::importJob(qint64 userId, const JobRecord& record) {
    if (!DataLayout::isValidUuid(record.taskId) || !JobStatus::isKnown(record.status) ||
        record.paperId.isEmpty()) {
        return Result<qint64>::failure(
            ErrorType::Internal,
            QStringLiteral("Cannot import the job of folder '%1': it needs a UUID folder name, a "
                           "paper id and a known status (got '%2').")
                .arg(record.taskId, record.status));
    }
    const QString time = m_db.now();
    const auto timeOr = [&time](const QDateTime& value) {
        return value.isValid() ? isoUtc(value) : time;
    };
    Statement insert{
        QStringLiteral("INSERT INTO video_jobs (user_id, paper_id, paper_title, source_kind, "
                       "status, progress_percent, current_step, error_message, error_type, "
                       "task_id, options_json, final_video_path, created_at, updated_at, "
                       "completed_at, run_ms, video_ms) VALUES (:user, :paper, :title, "
                       ":kind, :status, :percent, :step, :message, :type, :task, :options, "
                       ":path, :created, :updated, :completed, :run, :video)"),
        {{QStringLiteral(":user"), userId},
         {QStringLiteral(":paper"), record.paperId},
         {QStringLiteral(":title"), nonNull(record.paperTitle)},
         {QStringLiteral(":kind"), nonNull(record.sourceKind)},
         {QStringLiteral(":status"), record.status},
         {QStringLiteral(":percent"), std::clamp(record.progressPercent, 0, 100)},
         {QStringLiteral(":step"), nonNull(record.currentStep)},
         {QStringLiteral(":message"), nonNull(record.errorMessage)},
         {QStringLiteral(":type"), nonNull(record.errorType)},
         {QStringLiteral(":task"), record.taskId},
         {QStringLiteral(":options"), optionsToJson(record.options)},
         {QStringLiteral(":path"), nonNull(record.finalVideoPath)},
         {QStringLiteral(":created"), timeOr(record.createdAt)},
         {QStringLiteral(":updated"), timeOr(record.updatedAt)},
         {QStringLiteral(":completed"),
          record.completedAt.isValid() ? QVariant(isoUtc(record.completedAt)) : QVariant()},
         {QStringLiteral(":run"), std::max<qint64>(0, record.runMs)},
         {QStringLiteral(":video"), std::max<qint64>(0, record.videoMs)}}};
    insert.onConstraint = {ErrorType::Internal,
                           QStringLiteral("The job of folder %1 was not imported: it already has "
                                          "a row, or account %2 does not exist.")
                               .arg(record.taskId)
                               .arg(userId)};
    auto query = m_db.run(insert, QStringLiteral("import the job of folder %1").arg(record.taskId));
    if (!query)
        return query.error();
    return query.value().lastInsertId().toLongLong();
}

} // namespace hh
