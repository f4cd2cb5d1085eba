// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecoveryCodeDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace hh {

RecoveryCodeDialog::RecoveryCodeDialog(const QString& code, const QString& accountName,
                                       QWidget* parent)
    : QDialog(parent)
    , m_code(code)
    , m_accountName(accountName) {
    setWindowTitle(tr("Your recovery code"));
    auto* heading = new QLabel(tr("Keep this recovery code somewhere safe"), this);
    QFont headingFont = heading->font();
    headingFont.setBold(true);
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.2);
    heading->setFont(headingFont);
    auto* explanation =
        new QLabel(tr("If you forget the password of “%1”, this code is the only way to set a new "
                      "one on this computer. It is shown only this once.")
                       .arg(accountName),
                   this);
    explanation->setWordWrap(true);

    m_codeField = new QLineEdit(code, this);
    m_codeField->setObjectName(QStringLiteral("recoveryCode"));
    m_codeField->setReadOnly(true);
    m_codeField->setAlignment(Qt::AlignCenter);
    m_codeField->setAccessibleName(tr("Recovery code"));
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(mono.pointSizeF() * 1.6);
    m_codeField->setFont(mono);
    // Wide enough for the whole code at the larger size, so nothing scrolls out of view.
    m_codeField->setMinimumWidth(QFontMetrics(mono).horizontalAdvance(code) +
                                 QFontMetrics(mono).averageCharWidth() * 4);

    m_copy = new QPushButton(tr("&Copy"), this);
    m_copy->setObjectName(QStringLiteral("copyCode"));
    m_save = new QPushButton(tr("&Save to file…"), this);
    m_save->setObjectName(QStringLiteral("saveCode"));
    auto* done = new QPushButton(tr("&Done"), this);
    done->setDefault(true);
    // Enter closes the dialog only through Done, never by a focused Copy or Save.
    m_copy->setAutoDefault(false);
    m_save->setAutoDefault(false);
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("notice"));
    m_notice->setWordWrap(true);
    m_notice->setTextFormat(Qt::PlainText);

    auto* actions = new QHBoxLayout;
    actions->addWidget(m_copy);
    actions->addWidget(m_save);
    actions->addStretch(1);
    actions->addWidget(done);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(explanation);
    layout->addSpacing(8);
    layout->addWidget(m_codeField);
    layout->addWidget(m_notice);
    layout->addSpacing(8);
    layout->addLayout(actions);

    chooseSavePath = [this](const QString& suggested) {
        return QFileDialog::getSaveFileName(this, tr("Save recovery code"), suggested,
                                            tr("Text files (*.txt)"));
    };
    connect(m_copy, &QPushButton::clicked, this, &RecoveryCodeDialog::copyCode);
    connect(m_save, &QPushButton::clicked, this, &RecoveryCodeDialog::saveToChosenFile);
    connect(done, &QPushButton::clicked, this, &QDialog::accept);
    done->setFocus();
    setMinimumWidth(440);
}

void RecoveryCodeDialog::copyCode() {
    QApplication::clipboard()->setText(m_code);
    showNotice(tr("Copied to the clipboard."));
}

void RecoveryCodeDialog::saveToChosenFile() {
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty() || !QDir(folder).exists())
        folder = QDir::homePath();
    const QString suggested =
        QDir(folder).filePath(tr("hiddenhill-recovery-code-%1.txt").arg(m_accountName));
    const QString path = chooseSavePath(suggested);
    if (!path.isEmpty())
        saveTo(path);
}

bool RecoveryCodeDialog::saveTo(const QString& path) {
    constexpr auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    QFile file(path);
    // Created private; an existing file being replaced is made private before the
    // code is written into it.
    const bool written = file.open(QIODevice::WriteOnly | QIODevice::Truncate, ownerOnly) &&
                         file.setPermissions(ownerOnly) && file.write(fileText().toUtf8()) >= 0 &&
                         file.flush();
    if (!written) {
        showNotice(
            tr("Could not save %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        file.close();
        return false;
    }
    file.close();
    showNotice(tr("Saved to %1.").arg(QDir::toNativeSeparators(path)));
    return true;
}

QString RecoveryCodeDialog::fileText() const {
    return tr("Hidden Hill recovery code\n"
              "\n"
              "Account: %1\n"
              "Code: %2\n"
              "Made: %3\n"
              "\n"
              "This code sets a new password for the account above when its password is\n"
              "forgotten: on Hidden Hill's sign-in window, choose “Forgot password?”.\n"
              "It works once; after a reset, Hidden Hill shows a new code.\n"
              "Keep this file private: whoever has it can reset the account's password.\n")
        .arg(m_accountName, m_code,
             QLocale().toString(QDateTime::currentDateTime(), QLocale::LongFormat));
}

QString RecoveryCodeDialog::noticeText() const {
    return m_notice->text();
}

void RecoveryCodeDialog::showNotice(const QString& text) {
    m_notice->setText(text);
}

} // namespace hh
