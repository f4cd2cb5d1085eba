// SPDX-License-Identifier: GPL-3.0-or-later
#include "FigureDelegate.h"

#include "FigureListModel.h"

#include <QApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

namespace hh {

namespace {
constexpr int kPad = 8;
constexpr int kLabelHeight = 22;

QRect imageRect(const QRect& card) {
    const QSize thumb = FigureListModel::kThumbnailSize;
    return {card.left() + (card.width() - thumb.width()) / 2, card.top() + kPad, thumb.width(),
            thumb.height()};
}

void toggle(QAbstractItemModel* model, const QModelIndex& index) {
    const bool checked = index.data(Qt::CheckStateRole).toInt() == Qt::Checked;
    model->setData(index, checked ? Qt::Unchecked : Qt::Checked, Qt::CheckStateRole);
}
} // namespace

FigureDelegate::FigureDelegate(QObject* parent)
    : QStyledItemDelegate(parent) {}

QSize FigureDelegate::cardSize() {
    return FigureListModel::kThumbnailSize + QSize(2 * kPad + 8, 2 * kPad + kLabelHeight + 8);
}

QSize FigureDelegate::sizeHint(const QStyleOptionViewItem&, const QModelIndex&) const {
    return cardSize(); // fixed: thumbnails arrive later and must not reflow the row
}

void FigureDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                           const QModelIndex& index) const {
    const bool included = index.data(Qt::CheckStateRole).toInt() == Qt::Checked;
    const bool selected = option.state.testFlag(QStyle::State_Selected);
    const QPalette& palette = option.palette;
    const QRect card = option.rect.adjusted(4, 4, -4, -4);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QPainterPath outline;
    outline.addRoundedRect(QRectF(card).adjusted(0.5, 0.5, -0.5, -0.5), 8, 8);
    painter->fillPath(outline, palette.base());
    painter->setPen(
        QPen(selected ? palette.highlight().color() : palette.mid().color(), selected ? 2 : 1));
    painter->drawPath(outline);

    // Figures sit on white in the video too; a left-out one fades.
    const QRect image = imageRect(card);
    painter->setOpacity(included ? 1.0 : 0.35);
    painter->fillRect(image, Qt::white);
    const QPixmap thumbnail = index.data(Qt::DecorationRole).value<QPixmap>();
    if (!thumbnail.isNull()) {
        const QSize shown =
            thumbnail.deviceIndependentSize().toSize().scaled(image.size(), Qt::KeepAspectRatio);
        painter->drawPixmap(
            QRect(image.center() - QPoint(shown.width() / 2, shown.height() / 2), shown),
            thumbnail);
    } else {
        painter->setPen(palette.color(QPalette::PlaceholderText));
        painter->drawText(image, Qt::AlignCenter | Qt::TextWordWrap, tr("no picture"));
    }
    painter->setOpacity(1.0);

    QStyleOptionButton check;
    const QStyle* style = option.widget ? option.widget->style() : QApplication::style();
    const int side = style->pixelMetric(QStyle::PM_IndicatorWidth, nullptr, option.widget);
    check.rect = QRect(image.left() + 4, image.top() + 4, side, side);
    check.state = QStyle::State_Enabled | (included ? QStyle::State_On : QStyle::State_Off);
    check.palette = palette;
    style->drawPrimitive(QStyle::PE_IndicatorCheckBox, &check, painter, option.widget);

    const QRect label(card.left() + 4, image.bottom() + 4, card.width() - 8, kLabelHeight);
    painter->setPen(palette.color(included ? QPalette::Text : QPalette::PlaceholderText));
    painter->setFont(option.font);
    painter->drawText(label, Qt::AlignHCenter | Qt::AlignVCenter,
                      option.fontMetrics.elidedText(index.data(Qt::DisplayRole).toString(),
                                                    Qt::ElideRight, label.width()));
    if (option.state.testFlag(QStyle::State_HasFocus)) {
        QStyleOptionFocusRect focus;
        focus.rect = card.adjusted(2, 2, -2, -2);
        focus.palette = palette;
        style->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, painter, option.widget);
    }
    painter->restore();
}

bool FigureDelegate::editorEvent(QEvent* event, QAbstractItemModel* model,
                                 const QStyleOptionViewItem& option, const QModelIndex& index) {
    if (!(index.flags() & Qt::ItemIsUserCheckable))
        return false;
    switch (event->type()) {
    case QEvent::MouseButtonRelease: {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->button() != Qt::LeftButton || !option.rect.contains(mouse->position().toPoint()))
            return false;
        toggle(model, index); // the whole card is the target, not only the little box
        return true;
    }
    case QEvent::MouseButtonDblClick:
        return true; // its release toggles already; a double-click must not toggle twice more
    case QEvent::KeyPress: {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key != Qt::Key_Space && key != Qt::Key_Select)
            return false;
        toggle(model, index);
        return true;
    }
    default:
        return false;
    }
}

} // namespace hh
