// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace hh {

// Shows a new recovery code once, large and selectable, with Copy (to the
// clipboard) and Save to file (a small private text file saying what the code is
// for), so that keeping it does not depend on retyping 23 characters correctly.
class RecoveryCodeDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecoveryCodeDialog)
public:
    RecoveryCodeDialog(const QString& code, const QString& accountName, QWidget* parent = nullptr);

    // Asks where to save, given a suggested path; empty means cancelled.
    // Replaceable so tests need no real file dialog.
    std::function<QString(const QString& suggestedPath)> chooseSavePath;

    void copyCode();
    // Writes the file (owner read/write only); false with the reason shown inline.
    bool saveTo(const QString& path);
    void saveToChosenFile();

    QString noticeText() const; // the inline "Copied" / "Saved to …" line
    // The text of the saved file: the code, the account and what the code is for.
    QString fileText() const;

private:
    void showNotice(const QString& text);

    QString m_code;
    QString m_accountName;
    QLineEdit* m_codeField = nullptr;
    QLabel* m_notice = nullptr;
    QPushButton* m_copy = nullptr;
    QPushButton* m_save = nullptr;
};

} // namespace hh
