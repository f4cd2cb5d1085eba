// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "jobs/DataLayout.h"
#include "jobs/JobStore.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QPixmap>
#include <QPointer>
#include <QSize>
#include <memory>

class QThreadPool;

namespace hh {

class JobRunner;

// One account's jobs for the "My Videos" library, newest first. The rows come
// from the job table (the single source of truth) through the GUI thread's own
// JobStore connection; the runner's signals only patch the row they name, so a
// progress tick repaints one card. Thumbnails are read and scaled on a thread
// pool and arrive later through dataChanged.
class JobListModel final : public QAbstractListModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobListModel)
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        TitleRole, // the paper title, or the paper id while it is unknown
        PaperIdRole,
        StatusRole,    // a JobStatus value
        ProgressRole,  // 0..100
        StepRole,      // the runner's step name ("generate-audio")
        DetailRole,    // the runner's last detail text; not stored in the table
        ErrorTypeRole, // errorTypeCode(), empty when none
        ErrorMessageRole,
        CreatedRole,   // QDateTime, UTC
        SourceRole,    // the file name or identifier a person knows the paper by
        CompletedRole, // QDateTime, null until completed
        DurationRole,  // seconds: the video's real length once made, else the one asked for
        ThumbnailRole, // QPixmap, null until loaded or when the job has none
        VideoPathRole,
        JobDirRole,
        ShapeRole,      // the video's aspect ("9:16", "1:1", "16:9"): variants differ by it
        QueuePlaceRole, // 1 for the first in line while queued; 0 otherwise
    };

    // The size thumbnails are scaled to fit (9:16, twice the card's size for HiDPI).
    static constexpr QSize kThumbnailSize{216, 384};

    // `pool` runs the thumbnail loads; null: the model uses a small pool of its own.
    explicit JobListModel(DataLayout layout, QThreadPool* pool = nullptr,
                          QObject* parent = nullptr);
    ~JobListModel() override;

    // Shows `userId`'s jobs, and never any other account's.
    Error setUser(qint64 userId);
    qint64 userId() const { return m_userId; }
    // Reads the current account's rows again (after a delete, a rebuild…).
    Error reload();
    // Re-reads one job from the table: updates, inserts or removes its row.
    void refreshJob(qint64 jobId);
    // Follows this runner's progress and results; null disconnects.
    void setRunner(JobRunner* runner);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QModelIndex indexOfJob(qint64 jobId) const;
    QString jobDir(qint64 jobId) const;

private:
    struct Row {
        JobRecord job;
        QString detail;
    };

    Error ensureStoreOpen();
    Error loadRows();
    int rowOf(qint64 jobId) const;
    void insertAtTop(const JobRecord& job);
    void removeRowAt(int row);
    void onProgress(qint64 userId, qint64 jobId, const QString& step, int percent,
                    const QString& detail);
    void onEnded(qint64 userId, qint64 jobId);
    // The queue changed: its rows are read again (a new job appears at once).
    void onQueueChanged(qint64 userId);
    void updateQueuePlaces();
    void requestThumbnail(qint64 jobId) const;
    void thumbnailLoaded(quint64 ticket, qint64 jobId, const QImage& image);
    void forgetThumbnail(qint64 jobId);

    DataLayout m_layout;
    JobStore m_store;
    std::unique_ptr<QThreadPool> m_ownPool;
    QThreadPool* m_pool = nullptr;
    QPointer<JobRunner> m_runner;
    qint64 m_userId = 0;
    QList<Row> m_rows;
    QHash<qint64, int> m_queuePlaces;            // queued job → its place in line, from 1
    mutable QHash<qint64, QPixmap> m_thumbnails; // a null pixmap: looked, none yet
    // job → ticket of its one wanted load. A load whose ticket is no longer here
    // (reset, account switch, row refreshed) is dropped rather than landing on
    // whatever row now has that id.
    mutable QHash<qint64, quint64> m_loading;
    mutable quint64 m_nextTicket = 0;
};

} // namespace hh
