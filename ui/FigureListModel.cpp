// SPDX-License-Identifier: GPL-3.0-or-later
#include "FigureListModel.h"

#include <QFutureWatcher>
#include <QIcon>
#include <QImage>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace hh {

namespace {
QImage decodeThumbnail(const QByteArray& data) {
    const QImage image = QImage::fromData(data);
    if (image.isNull())
        return {};
    return image.scaled(FigureListModel::kThumbnailSize, Qt::KeepAspectRatio,
                        Qt::SmoothTransformation);
}
} // namespace

FigureListModel::FigureListModel(QThreadPool* pool, QObject* parent)
    : QAbstractListModel(parent)
    , m_pool(pool) {
    if (!m_pool) {
        m_ownPool = std::make_unique<QThreadPool>();
        m_ownPool->setMaxThreadCount(1);
        m_pool = m_ownPool.get();
    }
}

FigureListModel::~FigureListModel() = default;

void FigureListModel::setFigures(const QList<Figure>& figures) {
    beginResetModel();
    ++m_generation;
    m_rows.clear();
    m_thumbnails.clear();
    m_pending.clear();
    for (const Figure& figure : figures) {
        Row row;
        row.id = figure.id;
        row.label = figure.label.isEmpty() ? figure.id : figure.label;
        row.caption = figure.caption;
        row.hasImage = !figure.imageData.isEmpty();
        m_rows.append(row);
    }
    endResetModel();
    for (int i = 0; i < figures.size(); ++i) {
        if (figures[i].imageData.isEmpty())
            continue;
        m_pending.insert(i, true);
        const quint64 generation = m_generation;
        auto* watcher = new QFutureWatcher<QImage>(this);
        connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, generation, i] {
            watcher->deleteLater();
            thumbnailReady(generation, i, watcher->result());
        });
        watcher->setFuture(QtConcurrent::run(m_pool, decodeThumbnail, figures[i].imageData));
    }
    if (m_pending.isEmpty())
        Q_EMIT thumbnailsLoaded();
    Q_EMIT exclusionChanged({});
}

void FigureListModel::thumbnailReady(quint64 generation, int row, const QImage& image) {
    if (generation != m_generation)
        return;
    m_pending.remove(row);
    if (!image.isNull()) {
        // Pixmaps only on the GUI thread; the worker made the QImage.
        m_thumbnails.insert(row, QPixmap::fromImage(image));
        Q_EMIT dataChanged(index(row), index(row), {Qt::DecorationRole});
    }
    if (m_pending.isEmpty())
        Q_EMIT thumbnailsLoaded();
}

QStringList FigureListModel::excludedIds() const {
    QStringList ids;
    for (const Row& row : m_rows) {
        if (!row.included)
            ids << row.id;
    }
    return ids;
}

int FigureListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant FigureListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row& row = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return row.label;
    case Qt::ToolTipRole:
        return row.caption.isEmpty() ? row.label : row.label + QStringLiteral(": ") + row.caption;
    case Qt::AccessibleTextRole:
        return row.included ? tr("%1, in the video").arg(row.label)
                            : tr("%1, left out").arg(row.label);
    case Qt::DecorationRole: {
        const auto thumbnail = m_thumbnails.constFind(index.row());
        if (thumbnail != m_thumbnails.cend())
            return *thumbnail;
        // No picture (JATS without its image files, or still decoding): a neutral icon.
        return QIcon::fromTheme(QStringLiteral("image-x-generic"));
    }
    case Qt::CheckStateRole:
        return row.included ? Qt::Checked : Qt::Unchecked;
    case IdRole:
        return row.id;
    case CaptionRole:
        return row.caption;
    default:
        return {};
    }
}

bool FigureListModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || index.row() >= m_rows.size() || role != Qt::CheckStateRole)
        return false;
    const bool included = value.toInt() == Qt::Checked;
    Row& row = m_rows[index.row()];
    if (row.included == included)
        return true;
    row.included = included;
    Q_EMIT dataChanged(index, index, {Qt::CheckStateRole, Qt::AccessibleTextRole});
    Q_EMIT exclusionChanged(excludedIds());
    return true;
}

Qt::ItemFlags FigureListModel::flags(const QModelIndex& index) const {
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable;
}

} // namespace hh
