// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProviderChoices.h"

#include "providers/RunwayVisuals.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QStandardItemModel>

namespace hh {

namespace {

QComboBox* makeCombo(QWidget* parent, const QString& accessibleName,
                     const QList<QPair<QString, QString>>& items) {
    auto* combo = new QComboBox(parent);
    combo->setAccessibleName(accessibleName);
    // "Built-in (from the paper's own sentences)" need not widen the window: the
    // closed box shows its start, the open list the whole name.
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(16);
    for (const auto& [label, provider] : items)
        combo->addItem(label, provider);
    return combo;
}

// Tokens of a typical script request and answer, and audio tokens per second of
// narration (measured on the corpus prompts; see LlmScriptRequest).
constexpr double kScriptPromptTokens = 9000;
constexpr double kScriptAnswerTokens = 1800;
constexpr double kTtsTokensPerSecond = 25;

} // namespace

ProviderChoices::ProviderChoices(QWidget* parent)
    : QWidget(parent) {
    m_script =
        makeCombo(this, tr("Script writer"),
                  {{tr("Built-in (from the paper's own sentences)"), QStringLiteral("builtin")},
                   {tr("Google Gemini"), QStringLiteral("gemini")},
                   {tr("Local LLM (OpenAI-compatible server)"), QStringLiteral("openai")}});
    m_voice =
        makeCombo(this, tr("Narrator"),
                  {{tr("Built-in (Flite, espeak-ng)"), QStringLiteral("builtin")},
                   {tr("Google Gemini voices"), QStringLiteral("gemini")},
                   {tr("Speech server (OpenAI-compatible)"), QStringLiteral("openai-speech")}});
    m_visuals = makeCombo(this, tr("Visuals"),
                          {{tr("Built-in motion graphics"), QStringLiteral("builtin")},
                           {tr("Runway video clips"), QStringLiteral("runway")}});
    m_cost = new QLabel(this);
    m_cost->setWordWrap(true);
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Sc&ript"), m_script);
    form->addRow(tr("&Narrator"), m_voice);
    form->addRow(tr("V&isuals"), m_visuals);
    form->addRow(m_cost);
    for (QComboBox* combo : {m_script, m_voice, m_visuals}) {
        connect(combo, &QComboBox::currentIndexChanged, this, [this] {
            updateCost();
            Q_EMIT changed();
        });
    }
    connect(m_voice, &QComboBox::currentIndexChanged, this,
            [this] { Q_EMIT voiceProviderChanged(voiceProvider()); });
    refresh();
}

void ProviderChoices::setHub(std::shared_ptr<ProviderHub> hub) {
    m_hub = std::move(hub);
    refresh();
}

void ProviderChoices::setAvailable(QComboBox* combo, const QString& provider, bool available,
                                   const QString& why) {
    const int index = combo->findData(provider);
    auto* model = qobject_cast<QStandardItemModel*>(combo->model());
    if (index < 0 || !model)
        return;
    QStandardItem* item = model->item(index);
    item->setEnabled(available);
    item->setToolTip(available ? QString() : why);
    if (!available && combo->currentIndex() == index)
        combo->setCurrentIndex(0); // back to built-in: a key was removed
}

void ProviderChoices::refresh() {
    const bool gemini = m_hub && m_hub->hasKey(ProviderId::Gemini);
    const bool runway = m_hub && m_hub->hasKey(ProviderId::Runway);
    const QString addKey = tr("Add your key in Settings → Providers to use this.");
    setAvailable(m_script, QStringLiteral("gemini"), gemini, addKey);
    setAvailable(m_voice, QStringLiteral("gemini"), gemini, addKey);
    setAvailable(m_visuals, QStringLiteral("runway"), runway, addKey);
    // A local server needs no key, only the program that runs it.
    setAvailable(m_script, QStringLiteral("openai"), m_hub != nullptr,
                 tr("Start Hidden Hill with the network providers to use this."));
    setAvailable(m_voice, QStringLiteral("openai-speech"), m_hub != nullptr,
                 tr("Start Hidden Hill with the network providers to use this."));
    updateCost();
}

void ProviderChoices::setDurationSeconds(int seconds) {
    m_seconds = seconds;
    updateCost();
}

QString ProviderChoices::scriptProvider() const {
    return m_script->currentData().toString();
}
QString ProviderChoices::voiceProvider() const {
    return m_voice->currentData().toString();
}
QString ProviderChoices::visualsProvider() const {
    return m_visuals->currentData().toString();
}

bool ProviderChoices::select(QComboBox* combo, const QString& provider) {
    const int index = combo->findData(provider);
    auto* model = qobject_cast<QStandardItemModel*>(combo->model());
    if (index < 0 || (model && !model->item(index)->isEnabled()))
        return false;
    combo->setCurrentIndex(index);
    return true;
}

void ProviderChoices::apply(JobOptions& options) const {
    options.scriptProvider = scriptProvider();
    options.voiceProvider = voiceProvider();
    options.visualsProvider = visualsProvider();
}

double ProviderChoices::estimatedUsd() const {
    const Pricing pricing = m_hub ? m_hub->pricing() : Pricing{};
    double usd = 0;
    if (scriptProvider() == QLatin1String("gemini")) {
        UsageDelta script;
        script.provider = ProviderId::Gemini;
        script.tokensIn = qint64(kScriptPromptTokens);
        script.tokensOut = qint64(kScriptAnswerTokens);
        usd += pricing.costUsd(script);
    }
    if (voiceProvider() == QLatin1String("gemini")) {
        UsageDelta voice;
        voice.provider = ProviderId::Gemini;
        voice.tokensOut = qint64(kTtsTokensPerSecond * m_seconds);
        voice.ttsSeconds = m_seconds;
        usd += pricing.costUsd(voice);
    }
    if (visualsProvider() == QLatin1String("runway") && m_hub) {
        Script planned;
        planned.targetSeconds = m_seconds;
        usd += RunwayVisuals::estimate(planned, Narration{}, m_hub->config()).usd;
    }
    return usd;
}

QString ProviderChoices::costText() const {
    return m_cost->text();
}

void ProviderChoices::updateCost() {
    if (scriptProvider() == QLatin1String("builtin") &&
        voiceProvider() == QLatin1String("builtin") &&
        visualsProvider() == QLatin1String("builtin")) {
        m_cost->setText(tr("Made on this computer: free, no network."));
        return;
    }
    QString text = tr("Estimated cost: about $%1 (list prices).").arg(estimatedUsd(), 0, 'f', 2);
    if (visualsProvider() == QLatin1String("runway") && m_hub) {
        Script planned;
        planned.targetSeconds = m_seconds;
        const RunwayEstimate runway =
            RunwayVisuals::estimate(planned, Narration{}, m_hub->config());
        text += QLatin1Char(' ') + tr("Runway: %1 clips, about %2 credits.")
                                       .arg(runway.clips)
                                       .arg(runway.credits, 0, 'f', 0);
    }
    m_cost->setText(text);
}

} // namespace hh
