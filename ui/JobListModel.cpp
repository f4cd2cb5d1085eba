// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobListModel.h"

#include "jobs/JobRunner.h"

#include <QDir>
#include <QFileInfo>
#include <QFuture>
#include <QImage>
#include <QImageReader>
#include <QPromise>
#include <QThreadPool>
#include <algorithm>

namespace hh {

namespace {

// Runs on the pool: decoding a PNG is disk and CPU work the GUI thread must not do.
QImage readThumbnail(const QString& path) {
    QImageReader reader(path);
    const QSize full = reader.size();
    if (full.isValid())
        reader.setScaledSize(full.scaled(JobListModel::kThumbnailSize, Qt::KeepAspectRatio));
    return reader.read();
}

QString thumbnailPath(const QString& jobDir) {
    return QDir(jobDir).filePath(QStringLiteral("thumbnail.png"));
}

} // namespace

JobListModel::JobListModel(DataLayout layout, QThreadPool* pool, QObject* parent)
    : QAbstractListModel(parent)
    , m_layout(std::move(layout))
    , m_store(m_layout.databasePath())
    , m_pool(pool) {
    if (!m_pool) {
        m_ownPool = std::make_unique<QThreadPool>();
        m_ownPool->setMaxThreadCount(1); // thumbnails are tiny; leave the cores to rendering
        m_pool = m_ownPool.get();
    }
}

JobListModel::~JobListModel() {
    // Pending loads only hold their promise, never `this`; the continuations are
    // dropped with the model. Waiting keeps the own pool's threads from outliving us.
    if (m_ownPool)
        m_ownPool->waitForDone();
}

Error JobListModel::setUser(qint64 userId) {
    m_userId = userId;
    return reload();
}

Error JobListModel::reload() {
    beginResetModel();
    m_thumbnails.clear();
    m_loading.clear();
    const Error error = loadRows();
    endResetModel();
    return error;
}

Error JobListModel::ensureStoreOpen() {
    if (m_store.isOpen())
        return {};
    return m_store.open();
}

Error JobListModel::loadRows() {
    m_rows.clear();
    if (m_userId == 0)
        return {};
    if (Error e = ensureStoreOpen(); e.isError())
        return e;
    JobFilter everything;
    everything.limit = 0;
    auto jobs = m_store.jobs(m_userId, everything);
    if (!jobs)
        return jobs.error();
    m_rows.reserve(jobs->size());
    for (const JobRecord& job : jobs.value())
        m_rows.append(Row{job, {}});
    m_queuePlaces.clear();
    updateQueuePlaces();
    return {};
}

void JobListModel::setRunner(JobRunner* runner) {
    if (m_runner)
        disconnect(m_runner, nullptr, this, nullptr);
    m_runner = runner;
    if (!runner)
        return;
    connect(runner, &JobRunner::progressChanged, this, &JobListModel::onProgress);
    connect(runner, &JobRunner::jobFinished, this,
            [this](qint64 userId, qint64 jobId, const QString&) { onEnded(userId, jobId); });
    connect(runner, &JobRunner::jobFailed, this,
            [this](qint64 userId, qint64 jobId, const QString&, const QString&) {
                onEnded(userId, jobId);
            });
    connect(runner, &JobRunner::jobPaused, this, &JobListModel::onEnded);
    connect(runner, &JobRunner::queueChanged, this, &JobListModel::onQueueChanged);
}

int JobListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant JobListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows.at(index.row());
    const JobRecord& job = row.job;
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return job.paperTitle.isEmpty() ? job.paperId : job.paperTitle;
    case Qt::ToolTipRole:
        return job.errorMessage.isEmpty() ? job.paperTitle : job.errorMessage;
    case IdRole:
        return job.id;
    case PaperIdRole:
        return job.paperId;
    case SourceRole: {
        // What a person recognises: the file's name, or the PMID/PMCID/DOI typed;
        // a content hash ("sha256:…") stays in the job detail.
        if (!job.paperId.startsWith(QLatin1String("sha256:")))
            return job.paperId;
        const QString input = job.options.value(QLatin1String("input")).toString();
        return input.isEmpty() ? QString() : QFileInfo(input).fileName();
    }
    case StatusRole:
        return job.status;
    case ProgressRole:
        return job.progressPercent;
    case StepRole:
        return job.currentStep;
    case DetailRole:
        return row.detail;
    case ErrorTypeRole:
        return job.errorType;
    case ErrorMessageRole:
        return job.errorMessage;
    case CreatedRole:
        return job.createdAt;
    case CompletedRole:
        return job.completedAt;
    case DurationRole:
        // The made video's own length, in whole seconds as the player shows it;
        // the length asked for only until there is a video.
        if (job.videoMs > 0)
            return int(job.videoMs / 1000);
        return job.options.value(QLatin1String("duration")).toInt();
    case VideoPathRole:
        return job.finalVideoPath;
    case JobDirRole:
        return jobDir(job.id);
    case ShapeRole:
        return job.options.value(QLatin1String("aspect")).toString(QStringLiteral("9:16"));
    case QueuePlaceRole:
        return job.status == JobStatus::Queued ? m_queuePlaces.value(job.id) : 0;
    case Qt::DecorationRole:
    case ThumbnailRole: {
        const auto cached = m_thumbnails.constFind(job.id);
        if (cached != m_thumbnails.constEnd())
            return *cached;
        requestThumbnail(job.id);
        return QPixmap();
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> JobListModel::roleNames() const {
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{IdRole, "jobId"},
                  {TitleRole, "title"},
                  {PaperIdRole, "paperId"},
                  {SourceRole, "source"},
                  {StatusRole, "status"},
                  {ProgressRole, "progress"},
                  {StepRole, "step"},
                  {DetailRole, "detail"},
                  {ErrorTypeRole, "errorType"},
                  {ErrorMessageRole, "errorMessage"},
                  {CreatedRole, "created"},
                  {CompletedRole, "completed"},
                  {DurationRole, "duration"},
                  {ThumbnailRole, "thumbnail"},
                  {VideoPathRole, "videoPath"},
                  {JobDirRole, "jobDir"},
                  {ShapeRole, "shape"},
                  {QueuePlaceRole, "queuePlace"}});
    return names;
}

QModelIndex JobListModel::indexOfJob(qint64 jobId) const {
    const int row = rowOf(jobId);
    return row < 0 ? QModelIndex() : index(row);
}

// The folder is named by the row's uuids; a job not in the list has none here.
QString JobListModel::jobDir(qint64 jobId) const {
    const int row = rowOf(jobId);
    return row < 0 ? QString() : m_layout.jobDir(m_rows.at(row).job);
}

int JobListModel::rowOf(qint64 jobId) const {
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).job.id == jobId)
            return row;
    }
    return -1;
}

void JobListModel::insertAtTop(const JobRecord& job) {
    beginInsertRows({}, 0, 0);
    m_rows.prepend(Row{job, {}});
    endInsertRows();
}

void JobListModel::removeRowAt(int row) {
    forgetThumbnail(m_rows.at(row).job.id);
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

void JobListModel::refreshJob(qint64 jobId) {
    if (m_userId == 0 || ensureStoreOpen().isError())
        return;
    const int row = rowOf(jobId);
    auto job = m_store.job(m_userId, jobId);
    if (!job) {
        // Deleted (or never this account's): nothing of it may stay on screen.
        if (row >= 0 && job.error().type == ErrorType::NotFound)
            removeRowAt(row);
        return;
    }
    if (row < 0) {
        insertAtTop(job.value());
        return;
    }
    const bool wasQueued = m_rows.at(row).job.status == JobStatus::Queued;
    m_rows[row] = Row{job.value(), {}};
    if (wasQueued || job->status == JobStatus::Queued)
        updateQueuePlaces();
    // The job may have written its thumbnail meanwhile: look again next paint.
    forgetThumbnail(jobId);
    const QModelIndex changed = index(row);
    Q_EMIT dataChanged(changed, changed);
}

void JobListModel::onProgress(qint64 userId, qint64 jobId, const QString& step, int percent,
                              const QString& detail) {
    if (userId != m_userId || m_userId == 0)
        return;
    const int row = rowOf(jobId);
    if (row < 0) {
        refreshJob(jobId); // submitted elsewhere (another window, the CLI's resume…)
        return;
    }
    JobRecord& job = m_rows[row].job;
    QList<int> roles;
    if (job.progressPercent != percent) {
        job.progressPercent = percent;
        roles << ProgressRole;
    }
    if (job.currentStep != step) {
        job.currentStep = step;
        roles << StepRole;
    }
    if (m_rows[row].detail != detail) {
        m_rows[row].detail = detail;
        roles << DetailRole;
    }
    // Progress means it runs, whatever the row said when it was read (pending, or
    // failed before a retry); a retry also clears the old error.
    if (job.status != JobStatus::Running) {
        job.status = JobStatus::Running;
        roles << StatusRole;
    }
    if (!job.errorType.isEmpty() || !job.errorMessage.isEmpty()) {
        job.errorType.clear();
        job.errorMessage.clear();
        roles << ErrorTypeRole << ErrorMessageRole;
    }
    if (roles.isEmpty())
        return;
    const QModelIndex changed = index(row);
    Q_EMIT dataChanged(changed, changed, roles);
}

void JobListModel::onEnded(qint64 userId, qint64 jobId) {
    if (userId == m_userId && m_userId != 0)
        refreshJob(jobId);
}

void JobListModel::onQueueChanged(qint64 userId) {
    if (userId != m_userId || m_userId == 0 || ensureStoreOpen().isError())
        return;
    // The rows that were queued and those that are now: each is read again once.
    QList<qint64> changed;
    for (const Row& row : std::as_const(m_rows)) {
        if (row.job.status == JobStatus::Queued)
            changed << row.job.id;
    }
    if (auto queued = m_store.queuedJobs(m_userId)) {
        for (const JobRecord& job : queued.value()) {
            if (!changed.contains(job.id))
                changed << job.id;
        }
    }
    // Oldest first, so jobs new to the list land newest on top.
    std::sort(changed.begin(), changed.end());
    for (const qint64 jobId : std::as_const(changed))
        refreshJob(jobId);
    updateQueuePlaces();
}

// Places count this account's queued rows in queue order, whoever dispatches them.
void JobListModel::updateQueuePlaces() {
    QList<const JobRecord*> queued;
    for (const Row& row : std::as_const(m_rows)) {
        if (row.job.status == JobStatus::Queued)
            queued << &row.job;
    }
    std::sort(queued.begin(), queued.end(), [](const JobRecord* a, const JobRecord* b) {
        return a->queuePos != b->queuePos ? a->queuePos < b->queuePos : a->id < b->id;
    });
    QHash<qint64, int> places;
    for (int i = 0; i < queued.size(); ++i)
        places.insert(queued.at(i)->id, i + 1);
    if (places == m_queuePlaces)
        return;
    QList<qint64> moved;
    for (auto it = places.cbegin(); it != places.cend(); ++it) {
        if (m_queuePlaces.value(it.key()) != it.value())
            moved << it.key();
    }
    m_queuePlaces = std::move(places);
    for (const qint64 jobId : std::as_const(moved)) {
        const QModelIndex changed = indexOfJob(jobId);
        if (changed.isValid())
            Q_EMIT dataChanged(changed, changed, {QueuePlaceRole});
    }
}

void JobListModel::requestThumbnail(qint64 jobId) const {
    if (m_loading.contains(jobId))
        return;
    const quint64 ticket = ++m_nextTicket;
    m_loading.insert(jobId, ticket);
    auto promise = std::make_shared<QPromise<QImage>>();
    QFuture<QImage> future = promise->future();
    promise->start();
    const QString path = thumbnailPath(jobDir(jobId));
    m_pool->start([promise, path] {
        promise->addResult(readThumbnail(path));
        promise->finish();
    });
    // data() is const for views, but starting a load is a cache fill, not a change
    // of what the model says; the continuation runs on the model's (GUI) thread.
    auto* self = const_cast<JobListModel*>(this);
    future.then(self, [self, ticket, jobId](const QImage& image) {
        self->thumbnailLoaded(ticket, jobId, image);
    });
}

void JobListModel::thumbnailLoaded(quint64 ticket, qint64 jobId, const QImage& image) {
    if (m_loading.value(jobId) != ticket)
        return; // reset or refreshed meanwhile: a newer load decides
    m_loading.remove(jobId);
    // Only the GUI thread may turn images into pixmaps.
    m_thumbnails.insert(jobId, image.isNull() ? QPixmap() : QPixmap::fromImage(image));
    const QModelIndex changed = indexOfJob(jobId);
    if (changed.isValid() && !image.isNull())
        Q_EMIT dataChanged(changed, changed, {ThumbnailRole, Qt::DecorationRole});
}

void JobListModel::forgetThumbnail(qint64 jobId) {
    m_thumbnails.remove(jobId);
    m_loading.remove(jobId);
}

} // namespace hh
