// SPDX-License-Identifier: GPL-3.0-or-later
#include "RunwayConcurrencyField.h"

#include "providers/ProviderHub.h"

#include <QSettings>

namespace hh {

RunwayConcurrencyField::RunwayConcurrencyField(std::shared_ptr<ProviderHub> hub, QWidget* parent)
    : QSpinBox(parent)
    , m_hub(std::move(hub)) {
    setRange(1, 20); // Runway's tiers run 1 to 20 tasks at once
    setMaximumWidth(fontMetrics().horizontalAdvance(QStringLiteral("20")) * 6);
    setValue(m_hub->providerSlots().capacity(ProviderId::Runway));
    setAccessibleName(tr("Runway clips at once"));
    setToolTip(tr("How many clips Runway makes at once for your account (your usage tier's "
                  "concurrency). All videos being made share them; more are queued at Runway."));
    connect(this, &QSpinBox::valueChanged, this, [this](int clips) {
        m_hub->providerSlots().setCapacity(ProviderId::Runway, clips);
        QSettings().setValue(QLatin1String(kSettingsKey), clips);
    });
}

void RunwayConcurrencyField::applySaved(ProviderHub& hub) {
    if (qEnvironmentVariableIsSet("HH_RUNWAY_CONCURRENCY"))
        return;
    bool ok = false;
    const int clips = QSettings().value(QLatin1String(kSettingsKey)).toInt(&ok);
    if (ok && clips > 0)
        hub.providerSlots().setCapacity(ProviderId::Runway, std::min(clips, 20));
}

} // namespace hh
