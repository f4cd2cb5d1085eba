// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>
#include <memory>
#include <optional>

class QInputDialog;
class QWidget;

namespace hh {

// Asks for the password of an encrypted PDF. The answer lives in memory only: it is
// handed to the import and the job, never written to settings, the job row or the log.
class PdfPasswordPrompt {
    Q_DECLARE_TR_FUNCTIONS(PdfPasswordPrompt)
public:
    // `problem` is why it asks again ("that password did not open it"), empty the first
    // time. Empty optional: the person cancelled.
    static std::optional<QString> ask(QWidget* parent, const QString& fileName,
                                      const QString& problem);
    // The dialog ask() shows (tests look at it without running it).
    static std::unique_ptr<QInputDialog> makeDialog(QWidget* parent, const QString& fileName,
                                                    const QString& problem);
    // What the prompt says after a wrong password.
    static QString wrongPasswordMessage(const QString& fileName);
};

} // namespace hh
