// SPDX-License-Identifier: GPL-3.0-or-later
#include "CiServices.h"

#include <QtTest>

namespace hh::test {

bool runningInCi() {
    return qEnvironmentVariable("CI") == QLatin1String("true");
}

void skipOrFail(const QString& reason, const char* file, int line) {
    if (runningInCi()) {
        const QByteArray message =
            (QStringLiteral("CI provides this, so its absence is a failure: ") + reason).toUtf8();
        QTest::qFail(message.constData(), file, line);
        return;
    }
    const QByteArray message = reason.toUtf8();
    QTest::qSkip(message.constData(), file, line);
}

} // namespace hh::test
