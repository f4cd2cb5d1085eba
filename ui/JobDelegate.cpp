// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobDelegate.h"

#include "JobListModel.h"
#include "core/ErrorType.h"
#include "jobs/JobStore.h"

#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QStyleOptionProgressBar>
#include <QTextLayout>
#include <algorithm>

namespace hh {

namespace {

constexpr int kMargin = 8;
constexpr int kCardThumbWidth = 120;
constexpr int kCardThumbHeight = kCardThumbWidth * 16 / 9;
constexpr int kCardWidth = kCardThumbWidth + 2 * kMargin;
constexpr int kRowThumbHeight = 48;
constexpr int kRowThumbWidth = kRowThumbHeight * 9 / 16;
constexpr int kRowStatusWidth = 200;
constexpr int kRadius = 6;

const QColor kWarningColor(196, 64, 48);
const QColor kDoneColor(46, 140, 80);

QFont titleFont(const QFont& base) {
    QFont font = base;
    font.setBold(true);
    return font;
}

QFont smallFont(const QFont& base) {
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() > 0 ? base.pointSizeF() * 0.9 : 8.0);
    return font;
}

int lineHeight(const QFont& font) {
    return QFontMetrics(font).height();
}

int statusLineHeight(const QFont& font) {
    // Room for a progress bar with its text inside, in every style.
    return qMax(lineHeight(font) + 6, 18);
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

QString durationText(int seconds) {
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QColor dimmed(const QStyleOptionViewItem& option) {
    return option.palette.color(QPalette::PlaceholderText);
}

QStyle* styleOf(const QStyleOptionViewItem& option) {
    return option.widget ? option.widget->style() : QApplication::style();
}

} // namespace

JobDelegate::JobDelegate(QObject* parent)
    : QStyledItemDelegate(parent) {}

void JobDelegate::setMode(Mode mode) {
    m_mode = mode;
}

QSize JobDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const {
    if (m_mode == Mode::Rows)
        return {kRowThumbWidth + kRowStatusWidth + 240, kRowThumbHeight + 2 * 6};
    const int text = 2 * lineHeight(titleFont(option.font)) + lineHeight(smallFont(option.font)) +
                     statusLineHeight(option.font) + 8;
    return {kCardWidth, kMargin + kCardThumbHeight + 6 + text + kMargin};
}

JobDelegate::CardGeometry JobDelegate::cardGeometry(const QStyleOptionViewItem& option) const {
    const QRect card = option.rect.adjusted(kMargin, kMargin, -kMargin, -kMargin);
    const int width = card.width();
    CardGeometry geometry;
    geometry.thumbnail = QRect(card.left(), card.top(), width, kCardThumbHeight);
    const int titleHeight = 2 * lineHeight(titleFont(option.font));
    geometry.title = QRect(card.left(), geometry.thumbnail.bottom() + 7, width, titleHeight);
    geometry.paperId =
        QRect(card.left(), geometry.title.bottom() + 3, width, lineHeight(smallFont(option.font)));
    geometry.status =
        QRect(card.left(), geometry.paperId.bottom() + 4, width, statusLineHeight(option.font));
    return geometry;
}

JobDelegate::RowGeometry JobDelegate::rowGeometry(const QStyleOptionViewItem& option) const {
    const QRect row = option.rect.adjusted(kMargin, 6, -kMargin, -6);
    RowGeometry geometry;
    geometry.thumbnail = QRect(row.left(), row.top(), kRowThumbWidth, kRowThumbHeight);
    const int statusWidth = qMin(kRowStatusWidth, row.width() / 3);
    const int textLeft = geometry.thumbnail.right() + 1 + 12;
    const int textWidth = qMax(0, row.right() - statusWidth - 12 - textLeft);
    const int titleHeight = lineHeight(titleFont(option.font));
    const int subtitleHeight = lineHeight(smallFont(option.font));
    const int textTop = row.top() + (row.height() - titleHeight - subtitleHeight - 2) / 2;
    geometry.title = QRect(textLeft, textTop, textWidth, titleHeight);
    geometry.subtitle = QRect(textLeft, geometry.title.bottom() + 3, textWidth, subtitleHeight);
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
    // A soft tint rather than the style's solid selection keeps the thumbnail and
    // the coloured status readable on a selected card.
    QColor tint = option.palette.color(QPalette::Highlight);
    if (option.state & QStyle::State_Selected)
        tint.setAlpha(70);
    else if (option.state & QStyle::State_MouseOver)
        tint.setAlpha(25);
    else
        return;
    painter->setPen(Qt::NoPen);
    painter->setBrush(tint);
    painter->drawRoundedRect(QRectF(option.rect).adjusted(2, 2, -2, -2), kRadius, kRadius);
}

void JobDelegate::paintCard(QPainter* painter, const QStyleOptionViewItem& option,
                            const QModelIndex& index) const {
    const CardGeometry geometry = cardGeometry(option);
    paintThumbnail(painter, geometry.thumbnail, index, true);

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

    const QFont small = smallFont(option.font);
    painter->setFont(small);
    painter->setPen(dimmed(option));
    painter->drawText(
        geometry.paperId, Qt::AlignLeft | Qt::AlignVCenter,
        QFontMetrics(small).elidedText(index.data(JobListModel::SourceRole).toString(),
                                       Qt::ElideMiddle, geometry.paperId.width()));
    painter->setFont(option.font);
    paintStatus(painter, option, geometry.status, index);
}

void JobDelegate::paintRow(QPainter* painter, const QStyleOptionViewItem& option,
                           const QModelIndex& index) const {
    const RowGeometry geometry = rowGeometry(option);
    paintThumbnail(painter, geometry.thumbnail, index, false);

    const QFont title = titleFont(option.font);
    painter->setFont(title);
    painter->setPen(option.palette.color(QPalette::Text));
    painter->drawText(geometry.title, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(title).elidedText(index.data(JobListModel::TitleRole).toString(),
                                                     Qt::ElideRight, geometry.title.width()));

    const QFont small = smallFont(option.font);
    painter->setFont(small);
    painter->setPen(dimmed(option));
    const QString subtitle =
        tr("%1 · %2").arg(index.data(JobListModel::SourceRole).toString(),
                          relativeTime(index.data(JobListModel::CreatedRole).toDateTime(),
                                       QDateTime::currentDateTimeUtc()));
    painter->drawText(
        geometry.subtitle, Qt::AlignLeft | Qt::AlignVCenter,
        QFontMetrics(small).elidedText(subtitle, Qt::ElideMiddle, geometry.subtitle.width()));
    painter->setFont(option.font);
    paintStatus(painter, option, geometry.status, index);
}

void JobDelegate::paintThumbnail(QPainter* painter, const QRect& rect, const QModelIndex& index,
                                 bool badges) const {
    const QString title = index.data(JobListModel::TitleRole).toString();
    const QPixmap thumbnail = index.data(JobListModel::ThumbnailRole).value<QPixmap>();
    QPainterPath clip;
    clip.addRoundedRect(QRectF(rect), kRadius, kRadius);
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
    if (!badges)
        return;

    const QString status = index.data(JobListModel::StatusRole).toString();
    QString badge;
    QColor badgeColor(0, 0, 0, 160);
    if (status == JobStatus::Completed) {
        const int seconds = index.data(JobListModel::DurationRole).toInt();
        if (seconds > 0)
            badge = durationText(seconds);
    } else if (status == JobStatus::Failed) {
        badge = QStringLiteral("⚠");
        badgeColor = kWarningColor;
    }
    if (badge.isEmpty())
        return;
    QFont font = painter->font();
    font.setBold(true);
    const QFontMetrics metrics(font);
    QRect box(0, 0, metrics.horizontalAdvance(badge) + 10, metrics.height() + 2);
    box.moveBottomRight(rect.bottomRight() - QPoint(5, 5));
    painter->save();
    painter->setFont(font);
    painter->setPen(Qt::NoPen);
    painter->setBrush(badgeColor);
    painter->drawRoundedRect(QRectF(box), 4, 4);
    painter->setPen(Qt::white);
    painter->drawText(box, Qt::AlignCenter, badge);
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
    QString text;
    QColor color = dimmed(option);
    if (status == JobStatus::Completed) {
        QDateTime when = index.data(JobListModel::CompletedRole).toDateTime();
        if (!when.isValid())
            when = index.data(JobListModel::CreatedRole).toDateTime();
        text = tr("%1 ✓").arg(relativeTime(when, QDateTime::currentDateTimeUtc()));
        color = kDoneColor;
    } else if (status == JobStatus::Failed) {
        text = tr("⚠ %1").arg(shortReason(index.data(JobListModel::ErrorTypeRole).toString(),
                                          index.data(JobListModel::ErrorMessageRole).toString()));
        color = kWarningColor;
    } else if (status == JobStatus::Pending) {
        text = tr("Waiting to start…");
    } else if (status == JobStatus::Paused) {
        const QString step = shortStepLabel(index.data(JobListModel::StepRole).toString());
        text = step.isEmpty() ? tr("Paused") : tr("Paused after %1").arg(step);
    } else if (status == JobStatus::Cancelled) {
        text = tr("Cancelled at %1%").arg(index.data(JobListModel::ProgressRole).toInt());
    } else {
        text = status; // a status newer than this build: show it as stored
    }
    const Qt::Alignment alignment =
        (m_mode == Mode::Rows ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter;
    // A card is narrow: the small font lets a short failure reason fit whole.
    const QFont font = m_mode == Mode::Cards ? smallFont(option.font) : option.font;
    painter->setFont(font);
    painter->setPen(color);
    painter->drawText(rect, alignment,
                      QFontMetrics(font).elidedText(text, Qt::ElideRight, rect.width()));
}

void JobDelegate::paintProgress(QPainter* painter, const QStyleOptionViewItem& option,
                                const QRect& rect, const QModelIndex& index) const {
    const int percent = qBound(0, index.data(JobListModel::ProgressRole).toInt(), 100);
    const QString step = shortStepLabel(index.data(JobListModel::StepRole).toString());
    QStyleOptionProgressBar bar;
    bar.rect = rect;
    bar.palette = option.palette;
    bar.fontMetrics = option.fontMetrics;
    bar.direction = option.direction;
    bar.state = (option.state & QStyle::State_Enabled) | QStyle::State_Horizontal;
    bar.minimum = 0;
    bar.maximum = 100;
    bar.progress = percent;
    bar.text = step.isEmpty() ? tr("%1%").arg(percent) : tr("%1 %2%").arg(step).arg(percent);
    bar.textVisible = true;
    bar.textAlignment = Qt::AlignCenter;
    styleOf(option)->drawControl(QStyle::CE_ProgressBar, &bar, painter, option.widget);
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

QString JobDelegate::shortReason(const QString& errorType, const QString& message) {
    switch (errorTypeFromCode(errorType)) {
    case ErrorType::BadPdf:
        return tr("unreadable PDF");
    case ErrorType::Encrypted:
        return tr("needs a password");
    case ErrorType::NoText:
        return tr("no text layer – OCR?");
    case ErrorType::BadXml:
        return tr("unreadable XML");
    case ErrorType::Unsupported:
        return tr("unsupported file");
    case ErrorType::TooLarge:
        return tr("paper too large");
    case ErrorType::NotInPmc:
        return tr("abstract only: not in PMC");
    case ErrorType::NotFound:
        return tr("paper not found");
    case ErrorType::Auth:
        return tr("sign-in refused");
    case ErrorType::Quota:
        return tr("quota used up");
    case ErrorType::RateLimited:
        return tr("too many requests");
    case ErrorType::Network:
        return tr("network problem");
    case ErrorType::Provider:
        return tr("provider error");
    case ErrorType::ContentBlocked:
        return tr("content blocked");
    case ErrorType::DiskFull:
        return tr("disk full");
    case ErrorType::Io:
        return tr("file error");
    case ErrorType::Cancelled:
        return tr("cancelled");
    case ErrorType::Internal:
    case ErrorType::None:
        break;
    }
    return message.isEmpty() ? tr("failed") : message.section(QLatin1Char('\n'), 0, 0);
}

} // namespace hh
