// SPDX-License-Identifier: GPL-3.0-or-later
#include "MusicPicker.h"

#include "Theme.h"
#include "audio/MusicBed.h"
#include "audio/MusicDecoder.h"
#include "jobs/JobSteps.h"

#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace hh {

namespace {
// The "Choose file …" entry's data: never a bed's name nor a path.
const QString kChooseFile = QStringLiteral("\x01choose");
constexpr int kMinVolumeDb = -30;
constexpr int kMaxVolumeDb = 0;
} // namespace

QString MusicPicker::bedLabel(const QString& name) {
    if (name == QLatin1String("calm"))
        return tr("Calm pads");
    if (name == QLatin1String("pulse"))
        return tr("Gentle pulse");
    if (name == QLatin1String("bright"))
        return tr("Bright arpeggio");
    return name;
}

MusicPicker::MusicPicker(QWidget* parent)
    : QWidget(parent) {
    m_combo = new QComboBox(this);
    m_combo->setObjectName(QStringLiteral("music"));
    m_combo->setAccessibleName(tr("Music"));
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_combo->setMinimumContentsLength(14);
    m_combo->addItem(tr("None"), QString());
    for (const QString& name : MusicBed::names()) {
        m_combo->addItem(bedLabel(name), name);
        m_combo->setItemData(
            m_combo->count() - 1,
            tr("Made by Hidden Hill, %1 beats a minute").arg(MusicBed::tempoBpm(name)),
            Qt::ToolTipRole);
    }
    m_combo->insertSeparator(m_combo->count());
    m_combo->addItem(tr("Choose file …"), kChooseFile);
    m_combo->setItemData(m_combo->count() - 1, tr("MP3, AAC/M4A, OGG, FLAC or WAV"),
                         Qt::ToolTipRole);

    m_previewButton = new QPushButton(tr("Preview"), this);
    m_previewButton->setObjectName(QStringLiteral("musicPreview"));
    m_previewButton->setToolTip(tr("Hear 10 seconds of the music under the paper's title"));
    for (const QString& text : {tr("Stop"), tr("Preview")}) {
        m_previewButton->setText(text);
        m_previewButton->setMinimumWidth(
            std::max(m_previewButton->minimumWidth(), m_previewButton->sizeHint().width()));
    }

    m_volume = new QSlider(Qt::Horizontal, this);
    m_volume->setObjectName(QStringLiteral("musicVolume"));
    m_volume->setAccessibleName(tr("Music volume"));
    m_volume->setRange(kMinVolumeDb, kMaxVolumeDb);
    m_volume->setValue(int(JobOptions().musicVolumeDb));
    m_volume->setPageStep(3);
    m_volume->setToolTip(tr("How loud the music is in the pauses, against the voice; under "
                            "speech it drops by a further 12 dB"));
    m_volumeValue = new QLabel(this);
    auto* volumeLabel = new QLabel(tr("Volume"), this);
    volumeLabel->setBuddy(m_volume);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("musicMessage"));
    m_message->setWordWrap(true);
    Theme::tintText(m_message, Theme::Tone::Negative);
    m_message->hide();

    m_preview = new MusicPreview(nullptr, this);

    auto* top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_combo, 1);
    top->addWidget(m_previewButton);
    auto* volumeRow = new QHBoxLayout;
    volumeRow->setContentsMargins(0, 0, 0, 0);
    volumeRow->addWidget(volumeLabel);
    volumeRow->addWidget(m_volume, 1);
    volumeRow->addWidget(m_volumeValue);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addLayout(volumeRow);
    layout->addWidget(m_message);

    m_chooseFile = [](QWidget* parentWidget) {
        return QFileDialog::getOpenFileName(
            parentWidget, tr("Choose music"), QString(),
            tr("Audio files (*.mp3 *.m4a *.aac *.ogg *.oga *.opus *.flac *.wav);;All files (*)"));
    };

    connect(m_combo, &QComboBox::activated, this, &MusicPicker::onActivated);
    connect(m_combo, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (m_combo->itemData(index).toString() != kChooseFile)
            m_lastIndex = index;
        m_preview->stop();
        updateControls();
    });
    connect(m_volume, &QSlider::valueChanged, this, [this] {
        m_preview->stop();
        updateControls();
    });
    connect(m_previewButton, &QPushButton::clicked, this, &MusicPicker::togglePreview);
    connect(m_preview, &MusicPreview::activeChanged, this, &MusicPicker::updateControls);
    connect(m_preview, &MusicPreview::failed, this, &MusicPicker::showMessage);
    updateControls();
}

QString MusicPicker::music() const {
    const QString chosen = m_combo->currentData().toString();
    return chosen == kChooseFile ? QString() : chosen;
}

double MusicPicker::volumeDb() const {
    return m_volume->value();
}

void MusicPicker::apply(JobOptions& options) const {
    options.music = music();
    options.musicVolumeDb = volumeDb();
}

void MusicPicker::setMusic(const QString& value) {
    const int index = m_combo->findData(value);
    if (index >= 0)
        m_combo->setCurrentIndex(index);
    else if (!value.isEmpty())
        addFile(value);
}

QString MusicPicker::message() const {
    return m_message->isHidden() ? QString() : m_message->text();
}

void MusicPicker::showMessage(const QString& message) {
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

void MusicPicker::onActivated(int index) {
    showMessage({});
    if (m_combo->itemData(index).toString() != kChooseFile)
        return;
    m_combo->setCurrentIndex(m_lastIndex); // until a file is chosen and checked
    const QString path = m_chooseFile ? m_chooseFile(this) : QString();
    if (path.isEmpty())
        return;
    // Opening and decoding the start of the file can wait on a slow disk: off the GUI thread.
    auto* watcher = new QFutureWatcher<Error>(this);
    connect(watcher, &QFutureWatcher<Error>::finished, this, [this, watcher, path] {
        const Error error = watcher->result();
        watcher->deleteLater();
        if (error.isError()) {
            showMessage(tr("This file cannot be used as music: %1").arg(error.message));
        } else {
            addFile(path);
        }
        Q_EMIT fileChecked(path, error.message);
    });
    watcher->setFuture(QtConcurrent::run(&MusicDecoder::check, path));
}

void MusicPicker::addFile(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    int index = m_combo->findData(absolute);
    if (index < 0) {
        // Files go just above "Choose file …", below the separator.
        index = m_combo->count() - 1;
        m_combo->insertItem(index, QFileInfo(absolute).fileName(), absolute);
        m_combo->setItemData(index, absolute, Qt::ToolTipRole);
    }
    m_combo->setCurrentIndex(index);
}

void MusicPicker::togglePreview() {
    if (m_preview->isActive()) {
        m_preview->stop();
        return;
    }
    showMessage({});
    MusicPreview::Request request = m_speech ? m_speech() : MusicPreview::Request{};
    request.music = music();
    request.volumeDb = volumeDb();
    m_preview->play(request);
}

void MusicPicker::updateControls() {
    const bool hasMusic = !music().isEmpty();
    m_volume->setEnabled(isEnabled() && hasMusic);
    m_volumeValue->setText(tr("%1 dB").arg(
        QString::number(m_volume->value()).replace(QLatin1Char('-'), QChar(0x2212))));
    const bool active = m_preview->isActive();
    m_previewButton->setText(active ? tr("Stop") : tr("Preview"));
    m_previewButton->setAccessibleName(active ? tr("Stop the music preview")
                                              : tr("Preview the music"));
    m_previewButton->setEnabled(active || hasMusic);
}

void MusicPicker::changeEvent(QEvent* event) {
    if (event->type() == QEvent::EnabledChange) {
        if (!isEnabled())
            m_preview->stop();
        updateControls();
    }
    QWidget::changeEvent(event);
}

} // namespace hh
