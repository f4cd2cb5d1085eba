// SPDX-License-Identifier: GPL-3.0-or-later
#include "TextUtil.h"

#include <QRegularExpression>

namespace hh {

QString cleanText(const QString& text) {
    QString out;
    out.reserve(text.size());
    bool pendingSpace = false;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == 0x00AD || u == 0x200B || u == 0x200C || u == 0x200D || u == 0xFEFF)
            continue; // soft hyphen and zero-width characters
        if (c.isSpace() || u == 0x00A0 || u == 0x2009 || u == 0x202F || u == 0x2007) {
            pendingSpace = !out.isEmpty();
            continue;
        }
        if (pendingSpace) {
            out += QLatin1Char(' ');
            pendingSpace = false;
        }
        out += c;
    }
    return out;
}

QString normalizeLicense(const QString& urlOrText) {
    const QString s = urlOrText.toLower();
    if (s.isEmpty())
        return {};
    static const QRegularExpression ccUrl(
        QStringLiteral("creativecommons\\.org/(licenses|publicdomain)/([a-z-]+)/(\\d\\.\\d)"));
    const auto m = ccUrl.match(s);
    if (m.hasMatch()) {
        const QString kind = m.captured(2);
        if (kind == QLatin1String("zero"))
            return QStringLiteral("CC0 %1").arg(m.captured(3));
        if (kind == QLatin1String("mark"))
            return QStringLiteral("Public domain");
        return QStringLiteral("CC %1 %2").arg(kind.toUpper(), m.captured(3));
    }
    static const QRegularExpression ccText(
        QStringLiteral("\\bcc[ -](by(?:[ -](?:nc|sa|nd))*)(?:[ -]?(\\d\\.\\d))?"));
    const auto t = ccText.match(s);
    if (t.hasMatch()) {
        QString kind = t.captured(1).toUpper();
        kind.replace(QLatin1Char(' '), QLatin1Char('-'));
        return t.captured(2).isEmpty() ? QStringLiteral("CC %1").arg(kind)
                                       : QStringLiteral("CC %1 %2").arg(kind, t.captured(2));
    }
    if (s.contains(QLatin1String("creative commons attribution"))) {
        static const QRegularExpression version(QStringLiteral("(\\d\\.\\d)"));
        const auto v = version.match(s);
        QString kind = QStringLiteral("BY");
        if (s.contains(QLatin1String("noncommercial")) ||
            s.contains(QLatin1String("non-commercial")))
            kind += QStringLiteral("-NC");
        if (s.contains(QLatin1String("sharealike")) || s.contains(QLatin1String("share alike")))
            kind += QStringLiteral("-SA");
        if (s.contains(QLatin1String("noderivatives")) ||
            s.contains(QLatin1String("no derivatives")))
            kind += QStringLiteral("-ND");
        return v.hasMatch() ? QStringLiteral("CC %1 %2").arg(kind, v.captured(1))
                            : QStringLiteral("CC %1").arg(kind);
    }
    if (s.contains(QLatin1String("cc0")))
        return QStringLiteral("CC0 1.0");
    if (s.contains(QLatin1String("public domain")))
        return QStringLiteral("Public domain");
    return {};
}

} // namespace hh
