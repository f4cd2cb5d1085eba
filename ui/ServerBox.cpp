// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerBox.h"

#include "Theme.h"
#include "providers/OpenAiSpeechVoice.h"

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
// A local server answers its list at once; a silent one is not running.
constexpr int kCheckTimeoutMs = 10000;

QStringList modelsIn(const QByteArray& body) {
    const QJsonArray listed =
        QJsonDocument::fromJson(body).object().value(QLatin1String("data")).toArray();
    QStringList models;
    for (const auto& entry : listed) {
        const QString id = entry.toObject().value(QLatin1String("id")).toString();
        if (!id.isEmpty())
            models << id;
    }
    return models;
}
} // namespace

ServerBox::ServerBox(ServerKind kind, std::shared_ptr<ProviderHub> hub,
                     std::shared_ptr<MemorySecrets> secrets, qint64 userId, QString userDir,
                     QWidget* parent)
    : QWidget(parent)
    , m_kind(kind)
    , m_hub(std::move(hub))
    , m_secrets(std::move(secrets))
    , m_userId(userId)
    , m_userDir(std::move(userDir)) {
    m_network = new QNetworkAccessManager(this);
    m_address = new QLineEdit(this);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_save = new QPushButton(tr("Save"), this);
    m_check = new QPushButton(tr("Check"), this);
    // What this account uses now: its saved server, else the configured one.
    const ProviderConfig config = m_hub->configFor(m_userId);
    if (isSpeech()) {
        m_address->setObjectName(QStringLiteral("speechAddress"));
        m_address->setAccessibleName(tr("Speech server address"));
        m_address->setPlaceholderText(QStringLiteral("http://localhost:8880"));
        m_address->setText(config.speechBase.toDisplayString(QUrl::RemoveUserInfo));
        m_model = makeNameBox(QStringLiteral("speechModel"), tr("Speech model"));
        m_model->setEditText(config.speechModel);
        m_voice = makeNameBox(QStringLiteral("speechVoice"), tr("Speech server voice"));
        m_voice->setEditText(config.speechVoice);
        m_check->setAccessibleName(tr("Ask the speech server for its voices"));
        m_save->setAccessibleName(tr("Save the speech server, model and voice"));
    } else {
        m_address->setObjectName(QStringLiteral("localLlmAddress"));
        m_address->setAccessibleName(tr("Local LLM server address"));
        m_address->setPlaceholderText(QStringLiteral("http://localhost:11434"));
        m_address->setText(config.openAiBase.toDisplayString(QUrl::RemoveUserInfo));
        m_model = makeNameBox(QStringLiteral("localLlmModel"), tr("Local LLM model"));
        m_model->setEditText(config.openAiModel);
        m_check->setAccessibleName(tr("Ask the local LLM server for its models"));
        m_save->setAccessibleName(tr("Save the local LLM server and model"));
    }

    // Save sits on the last row: it keeps everything above it.
    auto* addressRow = new QHBoxLayout;
    addressRow->addWidget(m_address, 1);
    addressRow->addWidget(m_check);
    auto* modelRow = new QHBoxLayout;
    modelRow->addWidget(m_model, 1);
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Server:"), addressRow);
    form->addRow(tr("Model:"), modelRow);
    if (m_voice) {
        auto* voiceRow = new QHBoxLayout;
        voiceRow->addWidget(m_voice, 1);
        voiceRow->addWidget(m_save);
        form->addRow(tr("Voice:"), voiceRow);
    } else {
        modelRow->addWidget(m_save);
    }
    form->addRow(m_status);

    connect(m_check, &QPushButton::clicked, this, &ServerBox::check);
    connect(m_address, &QLineEdit::returnPressed, this, &ServerBox::check);
    connect(m_save, &QPushButton::clicked, this, &ServerBox::save);
}

ServerBox::~ServerBox() = default;

QComboBox* ServerBox::makeNameBox(const QString& objectName, const QString& accessibleName) {
    auto* box = new QComboBox(this);
    box->setObjectName(objectName);
    box->setEditable(true);
    box->setAccessibleName(accessibleName);
    box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    box->setMinimumContentsLength(16);
    return box;
}

void ServerBox::setStatus(const QString& text, bool error) {
    m_status->setText(text);
    Theme::tintText(m_status, error ? Theme::Tone::Negative : Theme::Tone::Neutral);
}

void ServerBox::check() {
    const QUrl base = ServerSettings::normalized(m_address->text());
    if (const QString problem = ServerSettings::problemWith(base); !problem.isEmpty()) {
        setStatus(problem, true);
        Q_EMIT checkFinished(false, {});
        return;
    }
    QUrl url = base;
    url.setPath(base.path() +
                (isSpeech() ? QStringLiteral("/audio/voices") : QStringLiteral("/models")));
    QNetworkRequest request(url);
    request.setTransferTimeout(kCheckTimeoutMs);
    // A hosted server (or a proxy in front of a local one) may want the key.
    const ProviderId provider = isSpeech() ? ProviderId::Speech : ProviderId::OpenAi;
    if (const QString key = m_secrets ? m_secrets->secret(provider) : QString(); !key.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + key.toUtf8());
    m_check->setEnabled(false);
    const QString server = base.toDisplayString(QUrl::RemoveUserInfo);
    setStatus(isSpeech() ? tr("Asking %1 for its voices…").arg(server)
                         : tr("Asking %1 for its models…").arg(server),
              false);
    QNetworkReply* reply = m_network->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onReply(reply); });
}

QString ServerBox::failureOf(QNetworkReply* reply, int status) const {
    if (reply->error() != QNetworkReply::NoError && status == 0)
        return tr("✗ No answer from the server: %1. Is it running?").arg(reply->errorString());
    if (status == 401 || status == 403)
        return tr("✗ The server wants a key: save it under API key below.");
    // OpenAI and openedai-speech have no list of voices: that is no fault of the address.
    if (isSpeech() && (status == 404 || status == 405))
        return tr("This server has no voice list: type the voice's name.");
    return {};
}

void ServerBox::onReply(QNetworkReply* reply) {
    reply->deleteLater();
    m_check->setEnabled(true);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (const QString failure = failureOf(reply, status); !failure.isEmpty()) {
        setStatus(failure, true);
        Q_EMIT checkFinished(false, {});
        return;
    }
    const QByteArray body = reply->readAll();
    const QStringList names = isSpeech() ? OpenAiSpeechVoice::parseVoiceList(body) : modelsIn(body);
    if (status != 200 || names.isEmpty()) {
        setStatus(isSpeech() ? tr("✗ The server answered, but listed no voices (HTTP %1). Is "
                                  "this an OpenAI-compatible address, such as "
                                  "http://localhost:8880/v1?")
                                   .arg(status)
                             : tr("✗ The server answered, but listed no models (HTTP %1). Is "
                                  "this an OpenAI-compatible address, such as "
                                  "http://localhost:11434/v1?")
                                   .arg(status),
                  true);
        Q_EMIT checkFinished(false, {});
        return;
    }
    if (isSpeech()) {
        fill(m_voice, names);
        setStatus(tr("✓ Voices on the server: %1. Choose one and Save.").arg(names.size()), false);
    } else {
        fill(m_model, names);
        setStatus(tr("✓ Models on the server: %1. Choose one and Save.").arg(names.size()), false);
    }
    Q_EMIT checkFinished(true, names);
}

void ServerBox::fill(QComboBox* box, const QStringList& names) {
    // The list replaces the box's items; the chosen name stays if the server has it.
    const QString chosen = box->currentText();
    box->clear();
    box->addItems(names);
    const int kept = box->findText(chosen);
    box->setCurrentIndex(kept >= 0 ? kept : 0);
}

bool ServerBox::save() {
    const QUrl base = ServerSettings::normalized(m_address->text());
    if (const QString problem = ServerSettings::problemWith(base); !problem.isEmpty()) {
        setStatus(problem, true);
        return false;
    }
    const QString model = m_model->currentText().trimmed();
    const QString voice = m_voice ? m_voice->currentText().trimmed() : QString();
    if (model.isEmpty()) {
        setStatus(isSpeech() ? tr("Type the server's model first, such as kokoro or tts-1.")
                             : tr("Choose a model first (Check lists the server's models)."),
                  true);
        return false;
    }
    if (isSpeech() && voice.isEmpty()) {
        setStatus(tr("Choose a voice first (Check lists the server's voices)."), true);
        return false;
    }
    ServerSettings(m_userDir, m_kind).save(base, model, voice);
    const QString server = base.toDisplayString(QUrl::RemoveUserInfo);
    if (isSpeech()) {
        m_hub->setSpeechServer(m_userId, base, model, voice);
        setStatus(
            tr("Saved: new narrations ask %1 for %2 with voice %3.").arg(server, model, voice),
            false);
    } else {
        m_hub->setLocalLlm(m_userId, base, model);
        setStatus(tr("Saved: new scripts ask %1 at %2.").arg(model, server), false);
    }
    m_address->setText(server);
    Q_EMIT saved();
    return true;
}

} // namespace hh
