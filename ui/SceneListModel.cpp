// SPDX-License-Identifier: GPL-3.0-or-later
#include "SceneListModel.h"

#include <QFont>
#include <QGuiApplication>
#include <QPalette>
#include <algorithm>

namespace hh {

namespace {

constexpr qsizetype kMaxQuote = 160;
constexpr qsizetype kMaxPreview = 90;

QString shortened(const QString& text, qsizetype limit) {
    const QString simple = text.simplified();
    if (simple.size() <= limit)
        return simple;
    // Cut at a word boundary so the ellipsis never splits a number like "1,204".
    qsizetype cut = simple.lastIndexOf(QLatin1Char(' '), limit - 1);
    if (cut < limit / 2)
        cut = limit - 1;
    return simple.left(cut) + QChar(0x2026);
}

} // namespace

SceneListModel::SceneListModel(QObject* parent)
    : QAbstractListModel(parent) {}

void SceneListModel::setArtifacts(std::shared_ptr<const JobArtifacts> artifacts) {
    beginResetModel();
    m_artifacts = std::move(artifacts);
    m_current = (m_artifacts && m_artifacts->sceneCount() > 0) ? 0 : -1;
    endResetModel();
    Q_EMIT currentSceneChanged(m_current);
}

int SceneListModel::rowCount(const QModelIndex& parent) const {
    return (parent.isValid() || !m_artifacts) ? 0 : m_artifacts->sceneCount();
}

QVariant SceneListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) ||
        !m_artifacts)
        return {};
    const int row = index.row();
    const Scene& scene = m_artifacts->script().scenes.at(row);
    const bool current = row == m_current;
    switch (role) {
    case Qt::DisplayRole:
        return displayText(row);
    case Qt::ToolTipRole:
    case NarrationRole:
        return scene.narration;
    case HeadlineRole:
        return scene.headline;
    case SourcesRole: {
        QStringList lines;
        for (const SourceSentence& source : m_artifacts->sources(row))
            lines << sourceText(source);
        return lines;
    }
    case StartMsRole:
        return startMs(row);
    case CurrentRole:
        return current;
    case Qt::FontRole:
        if (current) {
            QFont font = QGuiApplication::font();
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::BackgroundRole:
        if (current) {
            // A tint rather than the selection colour, so it reads as "now playing"
            // and stays legible in light and dark palettes.
            QColor tint = QGuiApplication::palette().color(QPalette::Highlight);
            tint.setAlpha(60);
            return tint;
        }
        return {};
    default:
        return {};
    }
}

QHash<int, QByteArray> SceneListModel::roleNames() const {
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(HeadlineRole, "headline");
    names.insert(NarrationRole, "narration");
    names.insert(SourcesRole, "sources");
    names.insert(StartMsRole, "startMs");
    names.insert(CurrentRole, "current");
    return names;
}

void SceneListModel::setPosition(qint64 ms) {
    if (m_artifacts)
        setCurrentScene(m_artifacts->sceneAt(ms));
}

qint64 SceneListModel::startMs(int scene) const {
    return m_artifacts ? m_artifacts->sceneStartMs().value(scene) : 0;
}

QString SceneListModel::formatTime(qint64 ms) {
    const qint64 totalSeconds = std::max<qint64>(0, ms) / 1000;
    const qint64 hours = totalSeconds / 3600;
    const qint64 minutes = (totalSeconds / 60) % 60;
    const QString seconds = QStringLiteral("%1").arg(totalSeconds % 60, 2, 10, QLatin1Char('0'));
    if (hours > 0)
        return QStringLiteral("%1:%2:%3")
            .arg(hours)
            .arg(minutes, 2, 10, QLatin1Char('0'))
            .arg(seconds);
    return QStringLiteral("%1:%2").arg(minutes).arg(seconds);
}

QString SceneListModel::sourceText(const SourceSentence& source) {
    if (source.text.isEmpty())
        return tr("%1 (not found in the paper)").arg(source.id);
    const QString where = source.where.isEmpty() ? source.id : source.where;
    return tr("%1 \u2014 \u201c%2\u201d").arg(where, shortened(source.text, kMaxQuote));
}

void SceneListModel::setCurrentScene(int scene) {
    if (scene == m_current)
        return;
    const int previous = m_current;
    m_current = scene;
    const QList<int> changedRoles{CurrentRole, Qt::FontRole, Qt::BackgroundRole};
    if (previous >= 0 && previous < rowCount())
        Q_EMIT dataChanged(index(previous), index(previous), changedRoles);
    if (scene >= 0 && scene < rowCount())
        Q_EMIT dataChanged(index(scene), index(scene), changedRoles);
    Q_EMIT currentSceneChanged(scene);
}

QString SceneListModel::displayText(int scene) const {
    const Scene& entry = m_artifacts->script().scenes.at(scene);
    const QString headline =
        entry.headline.isEmpty() ? shortened(entry.narration, kMaxPreview / 2) : entry.headline;
    return tr("Scene %1 \u00b7 %2 \u2014 %3\n%4")
        .arg(scene + 1)
        .arg(formatTime(startMs(scene)), headline, shortened(entry.narration, kMaxPreview));
}

} // namespace hh
