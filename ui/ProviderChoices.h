// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jobs/JobSteps.h"
#include "providers/ProviderHub.h"

#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;

namespace hh {

// New video's "who makes each part": script, voice and visuals, each built-in or
// a cloud provider. A cloud choice is offered only when its key is saved (the
// item says why otherwise), and paid choices show what the video will cost.
class ProviderChoices final : public QWidget {
    Q_OBJECT
public:
    explicit ProviderChoices(QWidget* parent = nullptr);

    void setHub(std::shared_ptr<ProviderHub> hub);
    // Re-reads which keys exist (after Settings → Providers changed one).
    void refresh();
    void setDurationSeconds(int seconds);

    QString scriptProvider() const;
    QString voiceProvider() const;
    QString visualsProvider() const;
    bool select(QComboBox* combo, const QString& provider);
    void apply(JobOptions& options) const;

    QComboBox* scriptCombo() const { return m_script; }
    QComboBox* voiceCombo() const { return m_voice; }
    QComboBox* visualsCombo() const { return m_visuals; }
    QString costText() const;
    // About what the chosen paid providers cost for a video of `seconds` (list prices).
    double estimatedUsd() const;

Q_SIGNALS:
    void voiceProviderChanged(const QString& provider);
    void changed();

private:
    void updateCost();
    void setAvailable(QComboBox* combo, const QString& provider, bool available,
                      const QString& why);

    std::shared_ptr<ProviderHub> m_hub;
    QComboBox* m_script = nullptr;
    QComboBox* m_voice = nullptr;
    QComboBox* m_visuals = nullptr;
    QLabel* m_cost = nullptr;
    int m_seconds = 60;
};

} // namespace hh
