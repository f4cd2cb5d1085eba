// SPDX-License-Identifier: GPL-3.0-or-later
#include "IconSet.h"

#include <QFile>
#include <QGuiApplication>
#include <QHash>
#include <QIconEngine>
#include <QImage>
#include <QPainter>
#include <QPalette>
#include <QSvgRenderer>

namespace hh {

namespace {

const char* fileName(IconSet::Icon which) {
    using I = IconSet::Icon;
    switch (which) {
    case I::NewVideo:
        return "new-video";
    case I::MyVideos:
        return "my-videos";
    case I::Settings:
        return "settings";
    case I::Account:
        return "account";
    case I::Help:
        return "help";
    case I::SignOut:
        return "sign-out";
    case I::OpenFile:
        return "open-file";
    case I::Folder:
        return "folder";
    case I::Play:
        return "play";
    case I::Pause:
        return "pause";
    case I::FullScreen:
        return "full-screen";
    case I::Export:
        return "export";
    case I::Cancel:
        return "cancel";
    case I::Retry:
        return "retry";
    case I::Delete:
        return "delete";
    case I::Check:
        return "check";
    case I::Done:
        return "done";
    case I::Error:
        return "error";
    case I::Warning:
        return "warning";
    case I::Info:
        return "info";
    case I::Waiting:
        return "waiting";
    case I::Grid:
        return "grid";
    case I::List:
        return "list";
    case I::Details:
        return "details";
    case I::Search:
        return "search";
    case I::Volume:
        return "volume";
    case I::VolumeMuted:
        return "volume-muted";
    case I::LeaveFullScreen:
        return "leave-full-screen";
    case I::Copy:
        return "copy";
    }
    return "";
}

QByteArray readTemplate(IconSet::Icon which) {
    QFile file(IconSet::resourcePath(which));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray recolored(QByteArray svg, const QColor& color) {
    return svg.replace("currentColor", color.name(QColor::HexRgb).toLatin1());
}

// Draws the square icon centred in `rect`, so a wide button never stretches it.
void render(const QByteArray& svg, QPainter* painter, const QRectF& rect, qreal opacity) {
    QSvgRenderer renderer(svg);
    const qreal side = qMin(rect.width(), rect.height());
    QRectF square(0, 0, side, side);
    square.moveCenter(rect.center());
    painter->save();
    painter->setOpacity(painter->opacity() * opacity);
    renderer.render(painter, square);
    painter->restore();
}

// The colours come from the application palette at the moment of drawing, which is what
// makes the same QIcon right in both themes.
class ThemedSvgEngine final : public QIconEngine {
public:
    explicit ThemedSvgEngine(IconSet::Icon which)
        : m_which(which)
        , m_template(readTemplate(which)) {}

    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State) override {
        QColor color = colorFor(mode);
        render(recolored(m_template, color), painter, rect, color.alphaF());
    }

    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override {
        const QColor color = colorFor(mode);
        const QString key = QStringLiteral("%1x%2/%3/%4")
                                .arg(size.width())
                                .arg(size.height())
                                .arg(color.name(QColor::HexArgb))
                                .arg(int(state));
        if (const auto cached = m_cache.constFind(key); cached != m_cache.cend())
            return *cached;
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        render(recolored(m_template, color), &painter, QRectF(QPointF(0, 0), size), color.alphaF());
        painter.end();
        const QPixmap pixmap = QPixmap::fromImage(std::move(image));
        // Few sizes and two themes are ever asked for; the bound only guards against a
        // pathological caller.
        if (m_cache.size() > 32)
            m_cache.clear();
        m_cache.insert(key, pixmap);
        return pixmap;
    }

    QSize actualSize(const QSize& size, QIcon::Mode, QIcon::State) override { return size; }
    QIconEngine* clone() const override { return new ThemedSvgEngine(m_which); }
    QString key() const override { return QStringLiteral("hh-themed-svg"); }
    bool isNull() override { return m_template.isEmpty(); }

private:
    static QColor colorFor(QIcon::Mode mode) {
        const QPalette palette = QGuiApplication::palette();
        switch (mode) {
        case QIcon::Disabled:
            return palette.color(QPalette::Disabled, QPalette::WindowText);
        case QIcon::Selected:
            return palette.color(QPalette::Active, QPalette::HighlightedText);
        case QIcon::Normal:
        case QIcon::Active:
            break;
        }
        return palette.color(QPalette::Active, QPalette::WindowText);
    }

    IconSet::Icon m_which;
    QByteArray m_template;
    QHash<QString, QPixmap> m_cache;
};

} // namespace

QString IconSet::resourcePath(Icon which) {
    return QStringLiteral(":/icons/%1.svg").arg(QLatin1String(fileName(which)));
}

QList<IconSet::Icon> IconSet::all() {
    QList<Icon> icons;
    for (int i = int(Icon::NewVideo); i <= int(Icon::Copy); ++i)
        icons << Icon(i);
    return icons;
}

QByteArray IconSet::svg(Icon which, const QColor& color) {
    const QByteArray text = readTemplate(which);
    return text.isEmpty() ? text : recolored(text, color);
}

QIcon IconSet::icon(Icon which) {
    return QIcon(new ThemedSvgEngine(which));
}

QPixmap IconSet::pixmap(Icon which, const QSize& size, const QColor& color,
                        qreal devicePixelRatio) {
    const QSize pixels = size * devicePixelRatio;
    QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    render(svg(which, color), &painter, QRectF(QPointF(0, 0), pixels), color.alphaF());
    painter.end();
    QPixmap pixmap = QPixmap::fromImage(std::move(image));
    pixmap.setDevicePixelRatio(devicePixelRatio);
    return pixmap;
}

} // namespace hh
