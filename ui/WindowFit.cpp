// SPDX-License-Identifier: GPL-3.0-or-later
#include "WindowFit.h"

#include <QLayout>
#include <QWidget>

namespace hh {

void fitHeightToWidth(QWidget* window) {
    QLayout* layout = window ? window->layout() : nullptr;
    if (!layout || !layout->hasHeightForWidth())
        return;
    layout->activate();
    const int needed = layout->totalHeightForWidth(window->width());
    if (needed == window->minimumHeight() && window->height() >= needed)
        return;
    window->setMinimumHeight(needed);
    if (window->height() < needed)
        window->resize(window->width(), needed);
    // Resized from inside the layout's own handling, the layout may keep the old
    // height: lay out again at the new size.
    layout->invalidate();
}

} // namespace hh
