// SPDX-License-Identifier: GPL-3.0-or-later
#include "PdfPasswordPrompt.h"

#include <QInputDialog>
#include <QLineEdit>

namespace hh {

std::unique_ptr<QInputDialog>
PdfPasswordPrompt::makeDialog(QWidget* parent, const QString& fileName, const QString& problem) {
    auto dialog = std::make_unique<QInputDialog>(parent);
    dialog->setObjectName(QStringLiteral("pdfPasswordPrompt"));
    dialog->setWindowTitle(tr("Password for %1").arg(fileName));
    QString label = tr("%1 is protected with a password. Enter it to read the paper; it is kept "
                       "only while Hidden Hill runs.")
                        .arg(fileName);
    // After a wrong password, that comes first: it is why the question is asked again.
    if (!problem.isEmpty())
        label = problem + QStringLiteral("\n\n") + label;
    dialog->setLabelText(label);
    dialog->setInputMode(QInputDialog::TextInput);
    dialog->setTextEchoMode(QLineEdit::Password);
    return dialog;
}

std::optional<QString> PdfPasswordPrompt::ask(QWidget* parent, const QString& fileName,
                                              const QString& problem) {
    const auto dialog = makeDialog(parent, fileName, problem);
    if (dialog->exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog->textValue();
}

QString PdfPasswordPrompt::wrongPasswordMessage(const QString& fileName) {
    return tr("That password did not open %1. Check it (capitals count) and try again.")
        .arg(fileName);
}

} // namespace hh
