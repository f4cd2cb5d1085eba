// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QWidget;

namespace hh {

// A window does not grow by itself when word-wrapped text needs more lines at its
// current width (a layout's height-for-width is not a window's minimum), so the
// last lines would be cut off. This gives `window` the height its width needs:
// call it after the content changes and when the window is resized.
void fitHeightToWidth(QWidget* window);

} // namespace hh
