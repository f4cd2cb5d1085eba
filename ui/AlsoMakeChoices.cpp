// SPDX-License-Identifier: GPL-3.0-or-later
#include "AlsoMakeChoices.h"

#include "IconSet.h"
#include "jobs/VariantSharing.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QPixmap>
#include <QToolButton>

namespace hh {

namespace {
constexpr int kShorterSeconds = 30;
}

AlsoMakeChoices::AlsoMakeChoices(QComboBox* voices, QWidget* parent)
    : QWidget(parent)
    , m_voices(voices) {
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(6);
    setAccessibleName(tr("Also make"));
    m_square = addToggle(tr("1:1 square"), QStringLiteral("alsoSquare"),
                         tr("Also make a square version, for feeds"));
    m_wide = addToggle(tr("16:9 wide"), QStringLiteral("alsoWide"),
                       tr("Also make a wide version, for a talk or a web page"));
    m_shorter = addToggle(tr("30 s"), QStringLiteral("alsoShorter"),
                          tr("Also make a 30-second cut (it gets its own script)"));
    m_voice = addToggle(tr("Another voice"), QStringLiteral("alsoVoice"), QString());
    row->addStretch(1);
    setFocusProxy(m_square); // the form label's accelerator lands on the first toggle
    if (m_voices) {
        connect(m_voices, &QComboBox::currentIndexChanged, this, &AlsoMakeChoices::updateVoiceTip);
        // The list changes with the narrator (built-in or cloud voices).
        connect(m_voices->model(), &QAbstractItemModel::modelReset, this,
                &AlsoMakeChoices::updateVoiceTip);
        connect(m_voices->model(), &QAbstractItemModel::rowsInserted, this,
                &AlsoMakeChoices::updateVoiceTip);
    }
    updateVoiceTip();
}

QToolButton* AlsoMakeChoices::addToggle(const QString& text, const QString& objectName,
                                        const QString& tip) {
    auto* toggle = new QToolButton(this);
    toggle->setText(text);
    toggle->setObjectName(objectName);
    toggle->setCheckable(true);
    // A tick beside a chosen toggle; an empty space of the same size beside the
    // others, so ticking one does not shift the row.
    const QSize tick(16, 16);
    QPixmap blank(tick);
    blank.fill(Qt::transparent);
    QIcon icon;
    icon.addPixmap(blank, QIcon::Normal, QIcon::Off);
    icon.addPixmap(IconSet::icon(IconSet::Icon::Check).pixmap(tick), QIcon::Normal, QIcon::On);
    toggle->setIcon(icon);
    toggle->setIconSize(tick);
    toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toggle->setToolTip(tip);
    toggle->setAccessibleName(tr("Also make: %1").arg(text));
    toggle->setFocusPolicy(Qt::StrongFocus);
    static_cast<QHBoxLayout*>(layout())->addWidget(toggle);
    return toggle;
}

int AlsoMakeChoices::otherVoiceIndex() const {
    if (!m_voices || m_voices->count() < 2)
        return -1;
    return (m_voices->currentIndex() + 1) % m_voices->count();
}

void AlsoMakeChoices::updateVoiceTip() {
    const int other = otherVoiceIndex();
    m_voice->setEnabled(other >= 0);
    if (other < 0) {
        m_voice->setChecked(false);
        m_voice->setToolTip(tr("There is no other voice to choose"));
        return;
    }
    m_voice->setToolTip(tr("Also make a version read by %1").arg(m_voices->itemText(other)));
}

QList<JobOptions> AlsoMakeChoices::variantsOf(const JobOptions& base) const {
    QStringList changes;
    if (m_square->isChecked())
        changes << QStringLiteral("1:1");
    if (m_wide->isChecked())
        changes << QStringLiteral("16:9");
    if (m_shorter->isChecked())
        changes << QStringLiteral("%1s").arg(kShorterSeconds);
    if (m_voice->isChecked() && otherVoiceIndex() >= 0)
        changes << QStringLiteral("voice=") + m_voices->itemData(otherVoiceIndex()).toString();
    QList<JobOptions> variants;
    for (const QString& change : std::as_const(changes)) {
        QString problem;
        const JobOptions variant = variantOf(base, change, &problem);
        if (problem.isEmpty())
            variants << variant;
    }
    return variants;
}

bool AlsoMakeChoices::hasChoice() const {
    for (const QToolButton* toggle : {m_square, m_wide, m_shorter, m_voice}) {
        if (toggle->isChecked())
            return true;
    }
    return false;
}

void AlsoMakeChoices::clear() {
    for (QToolButton* toggle : {m_square, m_wide, m_shorter, m_voice})
        toggle->setChecked(false);
}

} // namespace hh
