// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

class QDateTime;

namespace hh {

// Paints a JobListModel row as a library card (the 9:16 thumbnail first, then a two-line
// title, the video's length and date, and the status as icon and words in the colour of its
// state) or as a compact list row. Everything comes from the model's roles and the palette,
// so cards follow the light and dark theme; the running job's bar is painted here too, so no
// widget per row exists. Spacing is on an 8 px grid; type is the base size, the title 1.15×
// and secondary text 0.9×.
class JobDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobDelegate)
public:
    enum class Mode { Cards, Rows };

    explicit JobDelegate(QObject* parent = nullptr);

    void setMode(Mode mode);
    Mode mode() const { return m_mode; }

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // Where the status line (the progress bar of a running job) goes in `option.rect`.
    QRect statusRect(const QStyleOptionViewItem& option) const;

    // "0:58", "12:05": a video's length.
    static QString durationText(int seconds);
    // "just now", "5 min ago", "2 h ago", "Mon", "12 Mar"…
    static QString relativeTime(const QDateTime& when, const QDateTime& now);
    // "audio", "script"…: the words a card has room for.
    static QString shortStepLabel(const QString& step);
    // "Queued · 2nd in line"; "Waiting for a free slot" when the place is unknown (0).
    static QString queuePlaceText(int place);
    // The failure as a few words ("no text layer – OCR?"), from the error code.
    static QString shortReason(const QString& errorType, const QString& message);

private:
    struct CardGeometry {
        QRect thumbnail;
        QRect title;
        QRect meta; // length · date
        QRect status;
    };
    struct RowGeometry {
        QRect thumbnail;
        QRect title;
        QRect subtitle;
        QRect status;
    };

    CardGeometry cardGeometry(const QStyleOptionViewItem& option) const;
    RowGeometry rowGeometry(const QStyleOptionViewItem& option) const;
    void paintCard(QPainter* painter, const QStyleOptionViewItem& option,
                   const QModelIndex& index) const;
    void paintRow(QPainter* painter, const QStyleOptionViewItem& option,
                  const QModelIndex& index) const;
    void paintBackground(QPainter* painter, const QStyleOptionViewItem& option) const;
    void paintThumbnail(QPainter* painter, const QRect& rect, const QModelIndex& index) const;
    void paintPlaceholder(QPainter* painter, const QRect& rect, const QString& title) const;
    void paintStatus(QPainter* painter, const QStyleOptionViewItem& option, const QRect& rect,
                     const QModelIndex& index) const;
    void paintProgress(QPainter* painter, const QStyleOptionViewItem& option, const QRect& rect,
                       const QModelIndex& index) const;

    Mode m_mode = Mode::Cards;
};

} // namespace hh
