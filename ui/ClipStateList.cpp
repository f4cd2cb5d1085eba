// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClipStateList.h"

#include "providers/ClipStateBoard.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

namespace hh {

namespace {

QString stateText(const QJsonObject& clip) {
    const QString state = clip.value(QLatin1String("state")).toString();
    if (state == QLatin1String("keyframe"))
        return ClipStateList::tr("rendering its keyframe");
    if (state == QLatin1String("waiting"))
        return ClipStateList::tr("waiting for a Runway slot");
    if (state == QLatin1String("queued"))
        return ClipStateList::tr("queued at Runway");
    if (state == QLatin1String("running")) {
        const QJsonValue progress = clip.value(QLatin1String("progress"));
        return progress.isDouble() ? ClipStateList::tr("running at Runway (%1%)")
                                         .arg(qRound(progress.toDouble() * 100))
                                   : ClipStateList::tr("running at Runway");
    }
    if (state == QLatin1String("downloading"))
        return ClipStateList::tr("downloading");
    if (state == QLatin1String("done"))
        return ClipStateList::tr("done");
    if (state == QLatin1String("builtin"))
        return ClipStateList::tr("kept the built-in look");
    return state;
}

} // namespace

ClipStateList::ClipStateList(QString jobDir, QWidget* parent)
    : QWidget(parent)
    , m_file(QDir(jobDir).filePath(QLatin1String(ClipStateBoard::kFileName))) {
    m_detail = new QLabel(this);
    m_detail->setWordWrap(true);
    m_detail->setAccessibleName(tr("Current activity"));
    m_clips = new QListWidget(this);
    m_clips->setAccessibleName(tr("Runway clips"));
    m_clips->setMaximumHeight(m_clips->fontMetrics().height() * 7);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_detail);
    layout->addWidget(m_clips);
    refresh();
}

void ClipStateList::refresh(const QString& detail) {
    m_detail->setText(detail);
    m_detail->setVisible(!detail.isEmpty());
    // A few hundred bytes, written atomically by the step: read whole.
    QFile file(m_file);
    const QJsonArray clips = file.open(QIODevice::ReadOnly)
                                 ? QJsonDocument::fromJson(file.readAll()).array()
                                 : QJsonArray();
    m_clips->clear();
    for (const auto& value : clips) {
        const QJsonObject clip = value.toObject();
        QString line =
            tr("Scene %1: %2").arg(clip.value(QLatin1String("scene")).toInt()).arg(stateText(clip));
        m_clips->addItem(line);
    }
    m_clips->setVisible(!clips.isEmpty());
    setVisible(!detail.isEmpty() || !clips.isEmpty());
}

QStringList ClipStateList::clipLines() const {
    QStringList lines;
    for (int i = 0; i < m_clips->count(); ++i)
        lines << m_clips->item(i)->text();
    return lines;
}

QString ClipStateList::detailText() const {
    return m_detail->text();
}

} // namespace hh
