// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLabel;

namespace hh {

// Help → About Hidden Hill: the version, what the program does, the libraries it is built on
// with their licences (their licences ask that users can find this), and links to the data
// and log folders, which is what a bug report or a backup needs.
class AboutDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AboutDialog)
public:
    AboutDialog(const QString& dataDir, const QString& logDir, QWidget* parent = nullptr);

    QString versionText() const;
    QString librariesText() const; // plain text of the library table
    QString foldersText() const;

private:
    QLabel* m_version = nullptr;
    QLabel* m_libraries = nullptr;
    QLabel* m_folders = nullptr;
};

} // namespace hh
