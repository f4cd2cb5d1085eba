// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProvidersPage.h"

#include "KeyStore.h"
#include "RunwayConcurrencyField.h"
#include "ServerBox.h"
#include "jobs/JobStore.h"
#include "providers/KeyCheck.h"

#include <QApplication>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QThreadPool>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace hh {

namespace {

const ProviderId kProviders[] = {ProviderId::Gemini, ProviderId::Runway, ProviderId::Ncbi,
                                 ProviderId::OpenAi, ProviderId::Speech};

bool isPaid(ProviderId id) {
    return id == ProviderId::Gemini || id == ProviderId::Runway;
}

} // namespace

ProvidersPage::ProvidersPage(KeyStore* keys, std::shared_ptr<MemorySecrets> secrets,
                             std::shared_ptr<ProviderHub> hub, QString databasePath, qint64 userId,
                             QThreadPool* pool, QWidget* parent)
    : QWidget(parent)
    , m_keys(keys)
    , m_secrets(std::move(secrets))
    , m_hub(std::move(hub))
    , m_databasePath(std::move(databasePath))
    , m_userId(userId)
    , m_pool(pool) {
    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    auto* intro = new QLabel(
        tr("Hidden Hill makes videos offline with its built-in providers. Cloud providers "
           "write livelier scripts, voices and clips; they need your own key. Keys are kept in "
           "your system keychain, never in Hidden Hill's files."));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    const ProviderConfig& config = m_hub->config();
    layout->addWidget(
        buildGroup(ProviderId::Gemini, tr("Scripts and narration"),
                   tr("%1 (voice: %2)").arg(config.geminiModel, config.geminiTtsModel)));
    layout->addWidget(
        buildGroup(ProviderId::Runway, tr("Video clips for each scene"), config.runwayModel));
    layout->addWidget(buildGroup(ProviderId::Ncbi,
                                 tr("Papers by PubMed ID, PMCID or DOI (works without a key; a key "
                                    "allows faster fetching)"),
                                 QString()));
    layout->addWidget(buildGroup(ProviderId::OpenAi,
                                 tr("Scripts from a local model server (Ollama, llama.cpp, LM "
                                    "Studio); a key is rarely needed"),
                                 QString()));
    // The speech server's address, model and voice are the account's, in its box.
    layout->addWidget(buildGroup(ProviderId::Speech,
                                 tr("Narration from a speech server (Kokoro-FastAPI, LocalAI, "
                                    "openedai-speech, or OpenAI with a key)"),
                                 QString()));
    layout->addStretch(1);
    m_scroll = new QScrollArea;
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidget(content);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_scroll);
    for (ProviderId id : kProviders)
        refreshStoredState(id);
}

QWidget* ProvidersPage::buildGroup(ProviderId id, const QString& uses, const QString& model) {
    auto* box = new QGroupBox(providerDisplayName(id));
    auto* form = new QFormLayout(box);
    auto* usesLabel = new QLabel(uses);
    usesLabel->setWordWrap(true);
    form->addRow(usesLabel);
    if (!model.isEmpty())
        form->addRow(tr("Model:"), new QLabel(model));
    if (id == ProviderId::OpenAi) {
        m_localLlm = new ServerBox(ServerKind::LocalLlm, m_hub, m_secrets, m_userId, QString());
        form->addRow(m_localLlm);
    }
    if (id == ProviderId::Speech) {
        m_speech = new ServerBox(ServerKind::Speech, m_hub, m_secrets, m_userId, QString());
        form->addRow(m_speech);
    }
    m_groups.insert(int(id), box);

    Row row;
    row.key = new QLineEdit;
    row.key->setEchoMode(QLineEdit::Password);
    row.key->setAccessibleName(tr("%1 API key").arg(providerDisplayName(id)));
    row.key->setClearButtonEnabled(true);
    row.save = new QPushButton(tr("Save"));
    row.check = new QPushButton(tr("Check key"));
    row.remove = new QPushButton(tr("Remove"));
    row.save->setAccessibleName(tr("Save the %1 key").arg(providerDisplayName(id)));
    row.check->setAccessibleName(tr("Check the %1 key").arg(providerDisplayName(id)));
    row.remove->setAccessibleName(tr("Remove the %1 key").arg(providerDisplayName(id)));
    row.save->setEnabled(false);
    auto* keyRow = new QHBoxLayout;
    keyRow->addWidget(row.key, 1);
    keyRow->addWidget(row.save);
    keyRow->addWidget(row.check);
    keyRow->addWidget(row.remove);
    form->addRow(tr("API key:"), keyRow);
    row.status = new QLabel;
    row.status->setWordWrap(true);
    row.status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(row.status);
    if (isPaid(id)) {
        row.limit = new QDoubleSpinBox;
        row.limit->setRange(0, 100000);
        row.limit->setDecimals(2);
        row.limit->setPrefix(QStringLiteral("$ "));
        row.limit->setMaximumWidth(
            row.limit->fontMetrics().horizontalAdvance(QStringLiteral("$ 100000.00")) * 2);
        row.limit->setSpecialValueText(tr("No limit"));
        row.limit->setAccessibleName(
            tr("Monthly spending limit for %1").arg(providerDisplayName(id)));
        row.limit->setToolTip(
            tr("A job that would pass this month's limit stops before it spends."));
        connect(row.limit, &QDoubleSpinBox::editingFinished, this,
                [this, id] { saveLimit(id, m_rows.value(int(id)).limit->value()); });
        form->addRow(tr("Monthly limit:"), row.limit);
    }
    if (id == ProviderId::Runway)
        form->addRow(tr("Clips at once:"), new RunwayConcurrencyField(m_hub));
    m_rows.insert(int(id), row);
    if (row.limit)
        loadLimit(id);

    connect(row.key, &QLineEdit::textChanged, this, [this, id](const QString& text) {
        m_rows.value(int(id)).save->setEnabled(!text.trimmed().isEmpty());
    });
    connect(row.key, &QLineEdit::returnPressed, this, [this, id] { save(id); });
    connect(row.save, &QPushButton::clicked, this, [this, id] { save(id); });
    connect(row.remove, &QPushButton::clicked, this, [this, id] { removeKey(id); });
    connect(row.check, &QPushButton::clicked, this, [this, id] { check(id); });
    return box;
}

void ProvidersPage::setAccountFolder(const QString& userDir) {
    m_localLlm->setUserDir(userDir);
    m_speech->setUserDir(userDir);
}

void ProvidersPage::selectProvider(ProviderId id) {
    if (QWidget* group = m_groups.value(int(id)))
        m_scroll->ensureWidgetVisible(group);
    m_rows.value(int(id)).key->setFocus(Qt::OtherFocusReason);
}

QLineEdit* ProvidersPage::keyField(ProviderId id) const {
    return m_rows.value(int(id)).key;
}
QPushButton* ProvidersPage::saveButton(ProviderId id) const {
    return m_rows.value(int(id)).save;
}
QPushButton* ProvidersPage::checkButton(ProviderId id) const {
    return m_rows.value(int(id)).check;
}
QPushButton* ProvidersPage::removeButton(ProviderId id) const {
    return m_rows.value(int(id)).remove;
}
QLabel* ProvidersPage::statusLabel(ProviderId id) const {
    return m_rows.value(int(id)).status;
}
QDoubleSpinBox* ProvidersPage::limitField(ProviderId id) const {
    return m_rows.value(int(id)).limit;
}

void ProvidersPage::setStatus(ProviderId id, const QString& text, bool error) {
    QLabel* label = m_rows.value(int(id)).status;
    label->setText(text);
    label->setForegroundRole(error ? QPalette::BrightText : QPalette::WindowText);
    label->setStyleSheet(error ? QStringLiteral("color: palette(highlight);") : QString());
    Q_EMIT statusChanged(id, text);
}

void ProvidersPage::refreshStoredState(ProviderId id) {
    const bool stored = !m_secrets->secret(id).isEmpty();
    const Row row = m_rows.value(int(id));
    row.remove->setEnabled(stored);
    row.key->setPlaceholderText(stored ? tr("A key is saved in the system keychain")
                                       : tr("Paste your API key"));
    if (!m_rows.value(int(id)).status->text().isEmpty() && stored)
        return;
    if (stored)
        setStatus(id, tr("Key saved."));
    else if (id == ProviderId::Ncbi)
        setStatus(id, tr("No key: papers are fetched at up to 3 requests a second."));
    else if (id == ProviderId::OpenAi || id == ProviderId::Speech)
        setStatus(id, tr("No key: fine for most local servers."));
    else
        setStatus(id, tr("No key: %1 is not offered for new videos.").arg(providerDisplayName(id)));
}

void ProvidersPage::save(ProviderId id) {
    const QString key = m_rows.value(int(id)).key->text().trimmed();
    if (key.isEmpty())
        return;
    setStatus(id, tr("Saving…"));
    QPointer<ProvidersPage> self(this);
    m_keys->write(m_userId, id, key, [self, id, key](Error error) {
        if (!self)
            return;
        if (error.isError()) {
            self->setStatus(id, error.message, true);
            return;
        }
        self->m_secrets->setSecret(id, key);
        self->m_rows.value(int(id)).key->clear();
        self->setStatus(id, tr("Key saved in the system keychain."));
        self->refreshStoredState(id);
        Q_EMIT self->keyChanged(id, true);
    });
}

void ProvidersPage::removeKey(ProviderId id) {
    QPointer<ProvidersPage> self(this);
    m_keys->remove(m_userId, id, [self, id](Error error) {
        if (!self)
            return;
        if (error.isError()) {
            self->setStatus(id, error.message, true);
            return;
        }
        self->m_secrets->setSecret(id, QString());
        self->refreshStoredState(id);
        Q_EMIT self->keyChanged(id, false);
    });
}

void ProvidersPage::check(ProviderId id) {
    // The key being typed, or the saved one.
    QString key = m_rows.value(int(id)).key->text().trimmed();
    if (key.isEmpty())
        key = m_secrets->secret(id);
    m_rows.value(int(id)).check->setEnabled(false);
    setStatus(id, tr("Checking with %1…").arg(providerDisplayName(id)));
    QPointer<ProvidersPage> self(this);
    auto hub = m_hub;
    const qint64 owner = m_userId;
    m_pool->start([self, hub, id, key, owner] {
        // As the account's jobs see the providers: its own local LLM server included.
        ProviderSession session(hub, nullptr, nullptr, owner);
        const KeyCheckResult result = checkProviderKey(session, id, key);
        QMetaObject::invokeMethod(
            qApp,
            [self, id, result] {
                if (!self)
                    return;
                self->m_rows.value(int(id)).check->setEnabled(true);
                const bool ok = !result.error.isError();
                const QString message = ok ? tr("✓ The key works: %1").arg(result.detail)
                                           : tr("✗ %1").arg(result.error.message);
                self->setStatus(id, message, !ok);
                Q_EMIT self->checkFinished(id, ok, message);
            },
            Qt::QueuedConnection);
    });
}

template <typename T>
void ProvidersPage::withDatabase(std::function<T(JobStore&)> work,
                                 std::function<void(const T&)> done) {
    // A QtSql connection belongs to the thread that opened it: each task opens
    // its own, on whichever pool thread runs it.
    const QString path = m_databasePath;
    QtConcurrent::run(m_pool, [path, work]() -> T {
        JobStore store(path);
        if (Error e = store.open(); e.isError())
            return e;
        return work(store);
    }).then(this, done);
}

void ProvidersPage::loadLimit(ProviderId id) {
    QDoubleSpinBox* field = m_rows.value(int(id)).limit;
    if (m_databasePath.isEmpty()) {
        field->setEnabled(false);
        return;
    }
    // Not editable until the stored value is shown: an edit would be overwritten.
    field->setEnabled(false);
    const qint64 user = m_userId;
    withDatabase<Result<double>>(
        [user, id](JobStore& store) { return store.monthlyLimit(user, id); },
        [this, id, field](const Result<double>& limit) {
            if (!limit) {
                setStatus(id, tr("Cannot read the monthly limit: %1").arg(limit.error().message),
                          true);
                return;
            }
            field->setValue(limit.value() > 0 ? limit.value() : 0);
            field->setEnabled(true);
        });
}

void ProvidersPage::saveLimit(ProviderId id, double usd) {
    if (m_databasePath.isEmpty())
        return;
    const qint64 user = m_userId;
    withDatabase<Error>(
        [user, id, usd](JobStore& store) { return store.setMonthlyLimit(user, id, usd); },
        [this, id, usd](const Error& error) {
            if (error.isError())
                setStatus(id, tr("The monthly limit was not saved: %1").arg(error.message), true);
            else
                setStatus(id, usd > 0 ? tr("Monthly limit: $%1.").arg(usd, 0, 'f', 2)
                                      : tr("No monthly limit."));
            Q_EMIT limitSaved(id, !error.isError());
        });
}

} // namespace hh
