// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Paper.h"

#include <QAbstractListModel>
#include <QHash>
#include <QPixmap>
#include <QSize>
#include <memory>

class QThreadPool;

namespace hh {

// The figures of the paper on screen, each with a tick the user can clear to
// keep it out of the video (all ticked at first). Thumbnails are decoded and
// scaled on a pool thread and arrive later through dataChanged, so a paper with
// forty figures never stalls the window.
class FigureListModel final : public QAbstractListModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FigureListModel)
public:
    enum Role { IdRole = Qt::UserRole + 1, CaptionRole };
    static constexpr QSize kThumbnailSize{132, 96};

    // `pool` decodes thumbnails; null: a one-thread pool of its own.
    explicit FigureListModel(QThreadPool* pool = nullptr, QObject* parent = nullptr);
    ~FigureListModel() override;

    void setFigures(const QList<Figure>& figures);
    // Figure ids whose tick is cleared, in the paper's order.
    QStringList excludedIds() const;
    bool thumbnailsPending() const { return !m_pending.isEmpty(); }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

Q_SIGNALS:
    void exclusionChanged(const QStringList& excludedIds);
    void thumbnailsLoaded();

private:
    struct Row {
        QString id;
        QString label;
        QString caption;
        bool included = true;
        bool hasImage = false;
    };
    void thumbnailReady(quint64 generation, int row, const QImage& image);

    std::unique_ptr<QThreadPool> m_ownPool;
    QThreadPool* m_pool = nullptr;
    QList<Row> m_rows;
    QHash<int, QPixmap> m_thumbnails;
    QHash<int, bool> m_pending;
    quint64 m_generation = 0; // a new paper makes the old paper's loads land nowhere
};

} // namespace hh
