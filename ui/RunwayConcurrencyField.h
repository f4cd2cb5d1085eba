// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSpinBox>
#include <memory>

namespace hh {

class ProviderHub;

// Settings → Providers, Runway: how many clips the account makes at once (its
// tier's concurrency). Applies to every job at once through the hub's slot pool
// and is kept in the app's settings; HH_RUNWAY_CONCURRENCY wins over it.
class RunwayConcurrencyField final : public QSpinBox {
    Q_OBJECT
public:
    explicit RunwayConcurrencyField(std::shared_ptr<ProviderHub> hub, QWidget* parent = nullptr);

    // At start-up: the saved value into the hub, unless the environment set one.
    static void applySaved(ProviderHub& hub);

    static constexpr const char* kSettingsKey = "providers/runway_concurrency";

private:
    std::shared_ptr<ProviderHub> m_hub;
};

} // namespace hh
