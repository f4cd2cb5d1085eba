// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PaperImporter.h"

#include <QObject>
#include <QRunnable>

namespace hh {

// Imports one paper file on a worker thread. The result comes back through queued
// signals, so a window can start an import on its pool and stay responsive.
class ImportTask final : public QObject, public QRunnable {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportTask)
public:
    ImportTask(QString path, ImportOptions options);

    void run() override;

Q_SIGNALS:
    void succeeded(const QString& path, const hh::Paper& paper);
    void failed(const QString& path, const hh::Error& error);

private:
    QString m_path;
    ImportOptions m_options;
};

} // namespace hh

Q_DECLARE_METATYPE(hh::Paper)
Q_DECLARE_METATYPE(hh::Error)
