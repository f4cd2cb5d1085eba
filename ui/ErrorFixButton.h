// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ErrorActions.h"

#include <QPushButton>

namespace hh {

// The button under an error that offers its fix ("Use the PDF instead…"); hidden
// for errors nothing in the app can fix. Who shows it does not need to know the
// fixes: a click emits fixRequested and the main window carries it out.
class ErrorFixButton final : public QPushButton {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ErrorFixButton)
public:
    explicit ErrorFixButton(QWidget* parent = nullptr);

    void showFor(const QString& errorType, const QString& step, const QString& message);
    void clearFix();
    ErrorFix fix() const { return m_fix; }

Q_SIGNALS:
    void fixRequested(const hh::ErrorFix& fix);

private:
    ErrorFix m_fix;
};

} // namespace hh
