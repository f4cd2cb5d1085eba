// SPDX-License-Identifier: GPL-3.0-or-later
// Build-time tool: renders the application icon's SVG into one square PNG, so the hicolor
// sizes are made from the single hand-written SVG instead of being kept as binaries in git.
//   hh_render_icon INPUT.svg OUTPUT.png SIZE
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <cstdio>

int main(int argc, char* argv[]) {
    // No QGuiApplication: painting paths into a QImage needs no platform plugin, so the
    // build works without a display or a runtime directory.
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    bool sizeOk = false;
    const int size = args.size() == 4 ? args.at(3).toInt(&sizeOk) : 0;
    if (!sizeOk || size < 8 || size > 4096) {
        std::fputs("usage: hh_render_icon INPUT.svg OUTPUT.png SIZE (8..4096)\n", stderr);
        return 2;
    }
    QSvgRenderer svg(args.at(1));
    if (!svg.isValid()) {
        std::fprintf(stderr, "error: cannot read %s as SVG\n", qPrintable(args.at(1)));
        return 1;
    }
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        svg.render(&painter, QRectF(0, 0, size, size));
    }
    const QString out = args.at(2);
    // Write-then-rename, so an interrupted build never leaves a truncated icon that looks done.
    const QString temp = out + QStringLiteral(".part.png");
    if (!image.save(temp, "PNG") || (QFile::exists(out) && !QFile::remove(out)) ||
        !QFile::rename(temp, out)) {
        std::fprintf(stderr, "error: cannot write %s\n", qPrintable(out));
        return 1;
    }
    return 0;
}
