// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobDelegate.h"

#include "ErrorTexts.h"
#include "IconSet.h"
#include "JobListModel.h"
#include "Theme.h"
#include "WaitingText.h"
#include "core/ErrorType.h"
#include "jobs/JobStore.h"

#include <QDateTime>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>
#include <algorithm>

namespace hh {

namespace {

// The 8 px grid: every gap, padding and size below is a multiple of kGrid (or half of it
// between lines of text that belong together).
constexpr int kGrid = 8;
constexpr int kCardThumbWidth = 18 * kGrid;                // 144
constexpr int kCardThumbHeight = kCardThumbWidth * 16 / 9; // 256, exactly 9:16
constexpr int kCardWidth = kCardThumbWidth + 2 * kGrid;    // 160
constexpr int kRowThumbHeight = 8 * kGrid;                 // 64
constexpr int kRowThumbWidth = kRowThumbHeight * 9 / 16;   // 36
constexpr int kRowStatusWidth = 25 * kGrid;                // 200
constexpr int kStatusHeight = 3 * kGrid;                   // 24
constexpr int kStatusIcon = 2 * kGrid;                     // 16
constexpr int kRadius = kGrid;

// One type scale for the library: the title a step up, secondary text a step down.
QFont titleFont(const QFont& base) {
    QFont font = base;
    if (base.pointSizeF() > 0)
        font.setPointSizeF(base.pointSizeF() * 1.15);
    else
        font.setPixelSize(qRound(base.pixelSize() * 1.15));
    font.setBold(true);
    return font;
}

QFont smallFont(const QFont& base) {
    QFont font = base;
    if (base.pointSizeF() > 0)
        font.setPointSizeF(base.pointSizeF() * 0.9);
    else
        font.setPixelSize(qMax(8, qRound(base.pixelSize() * 0.9)));
    return font;
}

int lineHeight(const QFont& font) {
    return QFontMetrics(font).height();
}

int statusLineHeight(const QFont& font) {
    // Room for the bar with its text inside, whatever the font.
    return qMax(kStatusHeight, lineHeight(smallFont(font)) + kGrid / 2);
}

int roundUpToGrid(int pixels) {
    return (pixels + kGrid - 1) / kGrid * kGrid;
}

// Wraps `text` into at most `maxLines` lines of `width`, eliding the last one.
QStringList wrapLines(const QString& text, const QFont& font, int width, int maxLines) {
    QStringList lines;
    const QFontMetrics metrics(font);
    QTextLayout layout(text, font);
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        if (lines.size() == maxLines - 1) {
            lines << metrics.elidedText(text.mid(line.textStart()).simplified(), Qt::ElideRight,
                                        width);
            break;
        }
        lines << text.mid(line.textStart(), line.textLength()).trimmed();
    }
    layout.endLayout();
    return lines;
}

// Up to two capitals from the title's first words: the placeholder's face.
QString initials(const QString& title) {
    QString letters;
    const QStringList words = title.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString& word : words) {
        const auto first =
            std::find_if(word.cbegin(), word.cend(), [](QChar c) { return c.isLetterOrNumber(); });
        if (first != word.cend())
            letters += first->toUpper();
        if (letters.size() == 2)
            break;
    }
    return letters.isEmpty() ? QStringLiteral("?") : letters;
}

// A calm colour that stays the same for a title, so cards are recognisable.
QColor placeholderColor(const QString& title) {
    return QColor::fromHsv(int(qHash(title) % 360), 70, 150);
}

QColor dimmed(const QStyleOptionViewItem& option) {
    return option.palette.color(QPalette::PlaceholderText);
}

// The text colour with some alpha: tints that sit well on light and dark bases alike.
QColor textTint(const QStyleOptionViewItem& option, int alpha) {
    QColor color = option.palette.color(QPalette::Text);
    color.setAlpha(alpha);
    return color;
}

// What a status looks like when it is not a running bar.
struct StatusLook {
    IconSet::Icon icon = IconSet::Icon::Info;
    QString text;
    Theme::Tone tone = Theme::Tone::Neutral;
};

// The date a card shows: when the video was made, or when the job was started.
QDateTime cardDate(const QModelIndex& index) {
    QDateTime when = index.data(JobListModel::CompletedRole).toDateTime();
    if (!when.isValid())
        when = index.data(JobListModel::CreatedRole).toDateTime();
    return when;
}

} // namespace

JobDelegate::JobDelegate(QObject* parent)
    : QStyledItemDelegate(parent) {}

void JobDelegate::setMode(Mode mode) {
    m_mode = mode;
}

QSize JobDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const {
    if (m_mode == Mode::Rows)
        return {roundUpToGrid(kRowThumbWidth + kRowStatusWidth + 40 * kGrid),
                kRowThumbHeight + 2 * kGrid};
    const int text = 2 * lineHeight(titleFont(option.font)) + kGrid / 2 +
                     lineHeight(smallFont(option.font)) + kGrid + statusLineHeight(option.font);
    return {kCardWidth, roundUpToGrid(kGrid + kCardThumbHeight + kGrid + text + kGrid)};
}

JobDelegate::CardGeometry JobDelegate::cardGeometry(const QStyleOptionViewItem& option) const {
    const QRect card = option.rect.adjusted(kGrid, kGrid, -kGrid, -kGrid);
    const int width = card.width();
    CardGeometry geometry;
    geometry.thumbnail = QRect(card.left(), card.top(), width, kCardThumbHeight);
    const int titleHeight = 2 * lineHeight(titleFont(option.font));
    geometry.title =
        QRect(card.left(), geometry.thumbnail.bottom() + 1 + kGrid, width, titleHeight);
    geometry.meta = QRect(card.left(), geometry.title.bottom() + 1 + kGrid / 2, width,
                          lineHeight(smallFont(option.font)));
    geometry.status = QRect(card.left(), geometry.meta.bottom() + 1 + kGrid, width,
                            statusLineHeight(option.font));
    return geometry;
}

JobDelegate::RowGeometry JobDelegate::rowGeometry(const QStyleOptionViewItem& option) const {
    const QRect row = option.rect.adjusted(kGrid, kGrid, -kGrid, -kGrid);
    RowGeometry geometry;
    geometry.thumbnail = QRect(row.left(), row.top(), kRowThumbWidth, kRowThumbHeight);
    const int statusWidth = qMin(kRowStatusWidth, row.width() / 3);
    const int textLeft = geometry.thumbnail.right() + 1 + 2 * kGrid;
    const int textWidth = qMax(0, row.right() - statusWidth - 2 * kGrid - textLeft);
    const int titleHeight = lineHeight(titleFont(option.font));
    const int subtitleHeight = lineHeight(smallFont(option.font));
    const int textTop = row.top() + (row.height() - titleHeight - subtitleHeight - kGrid / 2) / 2;
    geometry.title = QRect(textLeft, textTop, textWidth, titleHeight);
    geometry.subtitle =
        QRect(textLeft, geometry.title.bottom() + 1 + kGrid / 2, textWidth, subtitleHeight);
    const int statusHeight = statusLineHeight(option.font);
    geometry.status =
        QRect(row.right() - statusWidth + 1, row.top() + (row.height() - statusHeight) / 2,
              statusWidth, statusHeight);
    return geometry;
}

QRect JobDelegate::statusRect(const QStyleOptionViewItem& option) const {
    return m_mode == Mode::Cards ? cardGeometry(option).status : rowGeometry(option).status;
}

void JobDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                        const QModelIndex& index) const {
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    paintBackground(painter, option);
    if (m_mode == Mode::Cards)
        paintCard(painter, option, index);
    else
        paintRow(painter, option, index);
    painter->restore();
}

void JobDelegate::paintBackground(QPainter* painter, const QStyleOptionViewItem& option) const {
    // A soft tint rather than the style's solid selection keeps the thumbnail and the
    // coloured status readable on a selected card; the accent ring (paintCard) marks it.
    QColor tint;
    if (option.state & QStyle::State_Selected) {
        tint = option.palette.color(QPalette::Highlight);
        tint.setAlpha(Theme::isDark(option.palette) ? 70 : 40);
    } else if (option.state & QStyle::State_MouseOver) {
        tint = textTint(option, 14);
    } else {
        return;
    }
    painter->setPen(Qt::NoPen);
    painter->setBrush(tint);
    painter->drawRoundedRect(QRectF(option.rect).adjusted(2, 2, -2, -2), kRadius, kRadius);
}

void JobDelegate::paintCard(QPainter* painter, const QStyleOptionViewItem& option,
                            const QModelIndex& index) const {
    const CardGeometry geometry = cardGeometry(option);
    paintThumbnail(painter, geometry.thumbnail, index);
    if (option.state & QStyle::State_Selected) {
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(option.palette.color(QPalette::Highlight), 2));
        painter->drawRoundedRect(QRectF(geometry.thumbnail).adjusted(-1, -1, 1, 1), kRadius / 2 + 1,
                                 kRadius / 2 + 1);
    }

    const QFont title = titleFont(option.font);
    painter->setFont(title);
    painter->setPen(option.palette.color(QPalette::Text));
    const QStringList lines =
        wrapLines(index.data(JobListModel::TitleRole).toString(), title, geometry.title.width(), 2);
    QRect line = geometry.title;
    line.setHeight(lineHeight(title));
    for (const QString& text : lines) {
        painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter, text);
        line.translate(0, line.height());
    }

    // The length only once there is a video; the job's own identifiers never show here.
    QStringList meta;
    const int seconds = index.data(JobListModel::DurationRole).toInt();
    if (index.data(JobListModel::StatusRole).toString() == JobStatus::Completed && seconds > 0)
        meta << durationText(seconds);
    meta << index.data(JobListModel::ShapeRole).toString(); // tells variants apart
    meta << relativeTime(cardDate(index), QDateTime::currentDateTimeUtc());
    meta.removeAll(QString());
    const QFont small = smallFont(option.font);
    painter->setFont(small);
    painter->setPen(dimmed(option));
    painter->drawText(geometry.meta, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(small).elidedText(meta.join(QStringLiteral(" · ")),
                                                     Qt::ElideRight, geometry.meta.width()));
    painter->setFont(option.font);
    paintStatus(painter, option, geometry.status, index);
}

void JobDelegate::paintRow(QPainter* painter, const QStyleOptionViewItem& option,
                           const QModelIndex& index) const {
    const RowGeometry geometry = rowGeometry(option);
    paintThumbnail(painter, geometry.thumbnail, index);

    const QFont title = titleFont(option.font);
    painter->setFont(title);
    painter->setPen(option.palette.color(QPalette::Text));
    painter->drawText(geometry.title, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(title).elidedText(index.data(JobListModel::TitleRole).toString(),
                                                     Qt::ElideRight, geometry.title.width()));

    QStringList parts{index.data(JobListModel::SourceRole).toString()};
    const int seconds = index.data(JobListModel::DurationRole).toInt();
    if (index.data(JobListModel::StatusRole).toString() == JobStatus::Completed && seconds > 0)
        parts << durationText(seconds);
    parts << index.data(JobListModel::ShapeRole).toString();
    parts << relativeTime(cardDate(index), QDateTime::currentDateTimeUtc());
    parts.removeAll(QString());
    const QFont small = smallFont(option.font);
    painter->setFont(small);
    painter->setPen(dimmed(option));
    painter->drawText(geometry.subtitle, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(small).elidedText(parts.join(QStringLiteral(" · ")),
                                                     Qt::ElideMiddle, geometry.subtitle.width()));
    painter->setFont(option.font);
    paintStatus(painter, option, geometry.status, index);
}

void JobDelegate::paintThumbnail(QPainter* painter, const QRect& rect,
                                 const QModelIndex& index) const {
    const QString title = index.data(JobListModel::TitleRole).toString();
    const QPixmap thumbnail = index.data(JobListModel::ThumbnailRole).value<QPixmap>();
    QPainterPath clip;
    const qreal radius = rect.width() > 2 * kRowThumbWidth ? kRadius / 2.0 + 2 : 4.0;
    clip.addRoundedRect(QRectF(rect), radius, radius);
    painter->save();
    painter->setClipPath(clip);
    if (thumbnail.isNull()) {
        paintPlaceholder(painter, rect, title);
    } else {
        painter->fillRect(rect, Qt::black); // letterbox for non-9:16 frames
        const QSize fitted = thumbnail.size().scaled(rect.size(), Qt::KeepAspectRatio);
        QRect target(QPoint(), fitted);
        target.moveCenter(rect.center());
        painter->setRenderHint(QPainter::SmoothPixmapTransform);
        painter->drawPixmap(target, thumbnail);
    }
    painter->restore();
}

void JobDelegate::paintPlaceholder(QPainter* painter, const QRect& rect,
                                   const QString& title) const {
    const QColor base = placeholderColor(title);
    QLinearGradient gradient(rect.topLeft(), rect.bottomRight());
    gradient.setColorAt(0, base.lighter(115));
    gradient.setColorAt(1, base.darker(125));
    painter->fillRect(rect, gradient);
    QFont font = painter->font();
    font.setBold(true);
    font.setPixelSize(qMax(10, rect.width() * 3 / 10));
    painter->setFont(font);
    painter->setPen(QColor(255, 255, 255, 230));
    painter->drawText(rect, Qt::AlignCenter, initials(title));
}

void JobDelegate::paintStatus(QPainter* painter, const QStyleOptionViewItem& option,
                              const QRect& rect, const QModelIndex& index) const {
    const QString status = index.data(JobListModel::StatusRole).toString();
    if (status == JobStatus::Running) {
        paintProgress(painter, option, rect, index);
        return;
    }
    StatusLook look;
    if (status == JobStatus::Completed) {
        look = {IconSet::Icon::Done, tr("Done"), Theme::Tone::Positive};
    } else if (status == JobStatus::Failed) {
        look = {IconSet::Icon::Error,
                tr("Failed: %1")
                    .arg(shortReason(index.data(JobListModel::ErrorTypeRole).toString(),
                                     index.data(JobListModel::ErrorMessageRole).toString())),
                Theme::Tone::Negative};
    } else if (status == JobStatus::Queued) {
        look = {IconSet::Icon::Waiting,
                queuePlaceText(index.data(JobListModel::QueuePlaceRole).toInt()),
                Theme::Tone::Neutral};
    } else if (status == JobStatus::Pending) {
        look = {IconSet::Icon::Waiting, tr("Waiting to start…"), Theme::Tone::Neutral};
    } else if (status == JobStatus::Paused) {
        const QString step = shortStepLabel(index.data(JobListModel::StepRole).toString());
        // Paused jobs wait for the user (the script review): the one state that asks for them.
        look = {IconSet::Icon::Pause,
                step.isEmpty() ? tr("Paused") : tr("Paused after %1").arg(step),
                Theme::Tone::Caution};
    } else if (status == JobStatus::Cancelled) {
        look = {IconSet::Icon::Cancel,
                tr("Cancelled at %1%").arg(index.data(JobListModel::ProgressRole).toInt()),
                Theme::Tone::Neutral};
    } else {
        look.text = status; // a status newer than this build: show it as stored
    }

    const QColor color = Theme::toneColor(look.tone, option.palette);
    // A card is narrow: the small font lets a short failure reason fit whole.
    const QFont font = m_mode == Mode::Cards ? smallFont(option.font) : option.font;
    const QFontMetrics metrics(font);
    const int textRoom = qMax(0, rect.width() - kStatusIcon - kGrid);
    const QString text = metrics.elidedText(look.text, Qt::ElideRight, textRoom);
    const int textWidth = metrics.horizontalAdvance(text);
    // Cards read left to right; in rows the status sits against the right edge.
    const int left =
        m_mode == Mode::Rows ? rect.right() + 1 - textWidth - kGrid - kStatusIcon : rect.left();
    const QRect iconRect(left, rect.top() + (rect.height() - kStatusIcon) / 2, kStatusIcon,
                         kStatusIcon);
    const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    painter->drawPixmap(iconRect, IconSet::pixmap(look.icon, iconRect.size(), color, dpr));
    painter->setFont(font);
    painter->setPen(color);
    painter->drawText(QRect(iconRect.right() + 1 + kGrid, rect.top(), textWidth + 1, rect.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, text);
}

void JobDelegate::paintProgress(QPainter* painter, const QStyleOptionViewItem& option,
                                const QRect& rect, const QModelIndex& index) const {
    const int percent = qBound(0, index.data(JobListModel::ProgressRole).toInt(), 100);
    const QString step = shortStepLabel(index.data(JobListModel::StepRole).toString());
    // A job that waits (a slot, a rate limit, Runway's queue) says so, live, instead
    // of a bar that seems stuck at its step.
    const QString waiting = WaitingText::forDetail(index.data(JobListModel::DetailRole).toString());
    const QString text = !waiting.isEmpty() ? waiting
                         : step.isEmpty()   ? tr("%1%").arg(percent)
                                            : tr("%1 %2%").arg(step).arg(percent);
    // A flat bar of our own, the same in every style: a quiet track, the accent fill, and the
    // words drawn twice so they read on both (white on the fill, text colour on the track).
    const QRectF track(rect);
    const qreal radius = track.height() / 2;
    QPainterPath shape;
    shape.addRoundedRect(track, radius, radius);
    const QRectF filled(track.left(), track.top(), track.width() * percent / 100.0, track.height());
    const QFont font = smallFont(option.font);
    const QString shown = QFontMetrics(font).elidedText(text, Qt::ElideRight, rect.width() - kGrid);
    QPainterPath fill;
    fill.addRect(filled);
    const auto drawPart = [&](const QPainterPath& area, const QColor& background,
                              const QColor& foreground) {
        painter->save();
        painter->fillPath(area, background); // antialiased, unlike a clip
        painter->setClipPath(area);
        painter->setFont(font);
        painter->setPen(foreground);
        painter->drawText(rect, Qt::AlignCenter, shown);
        painter->restore();
    };
    drawPart(shape.subtracted(fill), textTint(option, 28), option.palette.color(QPalette::Text));
    drawPart(shape.intersected(fill), option.palette.color(QPalette::Highlight),
             option.palette.color(QPalette::HighlightedText));
}

QString JobDelegate::durationText(int seconds) {
    seconds = qMax(0, seconds);
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QString JobDelegate::relativeTime(const QDateTime& when, const QDateTime& now) {
    if (!when.isValid())
        return {};
    const qint64 seconds = qMax<qint64>(0, when.secsTo(now));
    if (seconds < 60)
        return tr("just now");
    if (seconds < 3600)
        return tr("%1 min ago").arg(seconds / 60);
    if (seconds < 24 * 3600)
        return tr("%1 h ago").arg(seconds / 3600);
    const QDateTime local = when.toLocalTime();
    const QLocale locale;
    if (seconds < 6 * 24 * 3600)
        return locale.toString(local, QStringLiteral("ddd"));
    if (local.date().year() == now.toLocalTime().date().year())
        return locale.toString(local, QStringLiteral("d MMM"));
    return locale.toString(local, QStringLiteral("d MMM yyyy"));
}

QString JobDelegate::shortStepLabel(const QString& step) {
    if (step == QLatin1String("fetch-paper"))
        return tr("reading");
    if (step == QLatin1String("generate-script"))
        return tr("script");
    if (step == QLatin1String("generate-audio"))
        return tr("audio");
    if (step == QLatin1String("generate-videos"))
        return tr("visuals");
    if (step == QLatin1String("add-captions"))
        return tr("rendering");
    return step;
}

QString JobDelegate::queuePlaceText(int place) {
    if (place <= 0)
        return tr("Waiting for a free slot");
    if (place == 1)
        return tr("Queued · next in line");
    // English ordinals; the translation picks its own form ("2." in German).
    QString ordinal;
    const int lastTwo = place % 100;
    if (lastTwo >= 11 && lastTwo <= 13)
        ordinal = tr("%1th", "ordinal").arg(place);
    else if (place % 10 == 2)
        ordinal = tr("%1nd", "ordinal").arg(place);
    else if (place % 10 == 3)
        ordinal = tr("%1rd", "ordinal").arg(place);
    else if (place % 10 == 1)
        ordinal = tr("%1st", "ordinal").arg(place);
    else
        ordinal = tr("%1th", "ordinal").arg(place);
    return tr("Queued · %1 in line").arg(ordinal);
}

QString JobDelegate::shortReason(const QString& errorType, const QString& message) {
    const ErrorType type = errorTypeFromCode(errorType);
    // An unexpected error has no better name than its own first line.
    if ((type == ErrorType::Internal || type == ErrorType::None) && !message.isEmpty())
        return message.section(QLatin1Char('\n'), 0, 0);
    return ErrorTexts::shortReason(type);
}

} // namespace hh
