// SPDX-License-Identifier: GPL-3.0-or-later
#include "PdfPasswordPrompt.h"

#include <QInputDialog>
#include <QLineEdit>

namespace hh {

std::optional<QString> PdfPasswordPrompt::ask(QWidget* parent, const QString& fileName,
                                              const QString& problem) {
    QString label = tr("%1 is protected with a password. Enter it to read the paper; it is kept "
                       "only while Hidden Hill runs.")
                        .arg(fileName);
    if (!problem.isEmpty())
        label = problem + QStringLiteral("\n\n") + label;
    bool ok = false;
    const QString password = QInputDialog::getText(parent, tr("Password for %1").arg(fileName),
                                                   label, QLineEdit::Password, {}, &ok);
    if (!ok)
        return std::nullopt;
    return password;
}

QString PdfPasswordPrompt::wrongPasswordMessage(const QString& fileName) {
    return tr("That password did not open %1. Check it (capitals count) and try again.")
        .arg(fileName);
}

} // namespace hh
