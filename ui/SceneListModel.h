// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jobs/JobArtifacts.h"

#include <QAbstractListModel>
#include <memory>

namespace hh {

// The scenes of a finished video for the player's list: headline, narration and
// the paper sentences each scene rests on, with the scene on screen marked as the
// playback position moves.
class SceneListModel final : public QAbstractListModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SceneListModel)
public:
    enum Role {
        HeadlineRole = Qt::UserRole + 1,
        NarrationRole,
        SourcesRole, // QStringList of "Results ¶2 — “…”"
        StartMsRole,
        CurrentRole, // bool: the scene on screen
    };

    explicit SceneListModel(QObject* parent = nullptr);

    void setArtifacts(std::shared_ptr<const JobArtifacts> artifacts); // nullptr: empty
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int currentScene() const { return m_current; } // -1 when empty
    void setPosition(qint64 ms);                   // marks the scene on screen at ms
    qint64 startMs(int scene) const;

    static QString formatTime(qint64 ms); // 0:21, 1:02:03

    // "Results ¶2 — “In the full cohort …”", shortened to fit a line or two.
    static QString sourceText(const SourceSentence& source);

Q_SIGNALS:
    void currentSceneChanged(int scene);

private:
    void setCurrentScene(int scene);
    QString displayText(int scene) const;

    std::shared_ptr<const JobArtifacts> m_artifacts;
    int m_current = -1;
};

} // namespace hh
