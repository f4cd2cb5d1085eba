// SPDX-License-Identifier: GPL-3.0-or-later
#include "LocalLlmServerBox.h"

#include "LocalLlmSettings.h"
#include "Theme.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPushButton>

namespace hh {

namespace {
// A local server answers its model list at once; a silent one is not running.
constexpr int kCheckTimeoutMs = 10000;
} // namespace

LocalLlmServerBox::LocalLlmServerBox(std::shared_ptr<ProviderHub> hub,
                                     std::shared_ptr<MemorySecrets> secrets, qint64 userId,
                                     QString userDir, QWidget* parent)
    : QWidget(parent)
    , m_hub(std::move(hub))
    , m_secrets(std::move(secrets))
    , m_userId(userId)
    , m_userDir(std::move(userDir)) {
    m_network = new QNetworkAccessManager(this);
    m_address = new QLineEdit(this);
    m_address->setObjectName(QStringLiteral("localLlmAddress"));
    m_address->setAccessibleName(tr("Local LLM server address"));
    m_address->setPlaceholderText(QStringLiteral("http://localhost:11434"));
    m_model = new QComboBox(this);
    m_model->setObjectName(QStringLiteral("localLlmModel"));
    m_model->setEditable(true);
    m_model->setAccessibleName(tr("Local LLM model"));
    m_model->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_model->setMinimumContentsLength(16);
    m_check = new QPushButton(tr("Check"), this);
    m_check->setAccessibleName(tr("Ask the local LLM server for its models"));
    m_save = new QPushButton(tr("Save"), this);
    m_save->setAccessibleName(tr("Save the local LLM server and model"));
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // What this account uses now: its saved server, else the configured one.
    const ProviderConfig config = m_hub->configFor(m_userId);
    m_address->setText(config.openAiBase.toDisplayString(QUrl::RemoveUserInfo));
    m_model->setEditText(config.openAiModel);

    auto* addressRow = new QHBoxLayout;
    addressRow->addWidget(m_address, 1);
    addressRow->addWidget(m_check);
    auto* modelRow = new QHBoxLayout;
    modelRow->addWidget(m_model, 1);
    modelRow->addWidget(m_save);
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Server:"), addressRow);
    form->addRow(tr("Model:"), modelRow);
    form->addRow(m_status);

    connect(m_check, &QPushButton::clicked, this, &LocalLlmServerBox::check);
    connect(m_address, &QLineEdit::returnPressed, this, &LocalLlmServerBox::check);
    connect(m_save, &QPushButton::clicked, this, &LocalLlmServerBox::save);
}

LocalLlmServerBox::~LocalLlmServerBox() = default;

void LocalLlmServerBox::setStatus(const QString& text, bool error) {
    m_status->setText(text);
    Theme::tintText(m_status, error ? Theme::Tone::Negative : Theme::Tone::Neutral);
}

void LocalLlmServerBox::check() {
    const QUrl base = LocalLlmSettings::normalized(m_address->text());
    if (const QString problem = LocalLlmSettings::problemWith(base); !problem.isEmpty()) {
        setStatus(problem, true);
        Q_EMIT checkFinished(false, {});
        return;
    }
    QUrl url = base;
    url.setPath(base.path() + QStringLiteral("/models"));
    QNetworkRequest request(url);
    request.setTransferTimeout(kCheckTimeoutMs);
    // A hosted server (or a proxy in front of a local one) may want the key.
    if (const QString key = m_secrets ? m_secrets->secret(ProviderId::OpenAi) : QString();
        !key.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + key.toUtf8());
    m_check->setEnabled(false);
    setStatus(tr("Asking %1 for its models…").arg(base.toDisplayString(QUrl::RemoveUserInfo)),
              false);
    QNetworkReply* reply = m_network->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onModels(reply); });
}

void LocalLlmServerBox::onModels(QNetworkReply* reply) {
    reply->deleteLater();
    m_check->setEnabled(true);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError && status == 0) {
        setStatus(tr("✗ No answer from the server: %1. Is it running?").arg(reply->errorString()),
                  true);
        Q_EMIT checkFinished(false, {});
        return;
    }
    if (status == 401 || status == 403) {
        setStatus(tr("✗ The server wants a key: save it under API key below."), true);
        Q_EMIT checkFinished(false, {});
        return;
    }
    const QJsonArray listed =
        QJsonDocument::fromJson(reply->readAll()).object().value(QLatin1String("data")).toArray();
    QStringList models;
    for (const auto& entry : listed) {
        const QString id = entry.toObject().value(QLatin1String("id")).toString();
        if (!id.isEmpty())
            models << id;
    }
    if (status != 200 || models.isEmpty()) {
        setStatus(tr("✗ The server answered, but listed no models (HTTP %1). Is this an "
                     "OpenAI-compatible address, such as http://localhost:11434/v1?")
                      .arg(status),
                  true);
        Q_EMIT checkFinished(false, {});
        return;
    }
    // The list replaces the box's items; the chosen model stays if the server has it.
    const QString chosen = m_model->currentText();
    m_model->clear();
    m_model->addItems(models);
    const int kept = m_model->findText(chosen);
    m_model->setCurrentIndex(kept >= 0 ? kept : 0);
    setStatus(tr("✓ Models on the server: %1. Choose one and Save.").arg(models.size()), false);
    Q_EMIT checkFinished(true, models);
}

bool LocalLlmServerBox::save() {
    const QUrl base = LocalLlmSettings::normalized(m_address->text());
    if (const QString problem = LocalLlmSettings::problemWith(base); !problem.isEmpty()) {
        setStatus(problem, true);
        return false;
    }
    const QString model = m_model->currentText().trimmed();
    if (model.isEmpty()) {
        setStatus(tr("Choose a model first (Check lists the server's models)."), true);
        return false;
    }
    LocalLlmSettings(m_userDir).save(base, model);
    m_hub->setLocalLlm(m_userId, base, model);
    m_address->setText(base.toDisplayString(QUrl::RemoveUserInfo));
    setStatus(tr("Saved: new scripts ask %1 at %2.")
                  .arg(model, base.toDisplayString(QUrl::RemoveUserInfo)),
              false);
    Q_EMIT saved();
    return true;
}

} // namespace hh
