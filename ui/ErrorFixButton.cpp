// SPDX-License-Identifier: GPL-3.0-or-later
#include "ErrorFixButton.h"

namespace hh {

ErrorFixButton::ErrorFixButton(QWidget* parent)
    : QPushButton(parent) {
    setObjectName(QStringLiteral("errorFix"));
    hide();
    connect(this, &QPushButton::clicked, this, [this] {
        if (!m_fix.isNone())
            Q_EMIT fixRequested(m_fix);
    });
}

void ErrorFixButton::showFor(const QString& errorType, const QString& step,
                             const QString& message) {
    m_fix = ErrorActions::fixFor(errorType, step, message);
    setText(ErrorActions::buttonText(m_fix));
    setVisible(!m_fix.isNone());
}

void ErrorFixButton::clearFix() {
    m_fix = {};
    hide();
}

} // namespace hh
