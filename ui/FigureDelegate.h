// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace hh {

// One figure of the paper preview as a small card: the thumbnail on white (as
// the video shows figures), its tick in the corner and its label below. A
// click anywhere on the card or Space toggles the tick; a figure left out is
// drawn faded, so the row reads at a glance.
class FigureDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FigureDelegate)
public:
    explicit FigureDelegate(QObject* parent = nullptr);

    static QSize cardSize();

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    bool editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
                     const QModelIndex& index) override;
};

} // namespace hh
